"""The compact blocking index expands to the mapping the scanner used to build."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from tests.test_build_index import entry
from translitnorm import load_glossary
from translitnorm.blocking import blocks_of
from translitnorm.cache import dump_index, load_index
from translitnorm.fold import phonetic_token
from translitnorm.index import Index, build_index
from translitnorm.model import Entry, Glossary
from translitnorm.scan import _NEAR_SPELLING
from translitnorm.score import MIN_TOKEN_SIM, token_sim


def reference_blocks(ix: Index) -> dict[str, dict[str, list[tuple[int, int, int]]]]:
    """The blocking index as Scanner._blocks built it, one variant word at a time."""
    built: dict[str, dict[str, list[tuple[int, int, int]]]] = {}
    for v in range(len(ix.v_entry)):
        if not ix.v_fuzzy[v]:
            continue
        toks = ix.tokens_of(v)
        for pos, tok in enumerate(toks):
            if len(tok) < 4:
                continue
            for key in ("p:" + phonetic_token(tok), f"f:{tok[:2]}:{len(tok)}"):
                built.setdefault(key, {}).setdefault(tok, []).append((v, pos, len(toks)))
    return built


def assert_same_blocks(ix: Index) -> None:
    expected = reference_blocks(ix)
    blocks = blocks_of(ix)
    for key, block in expected.items():
        got = blocks.get(key)
        assert got is not None and len(got) == len(block) and bool(got)
        assert list(got) == list(block), key
        assert got.word_list() == list(block) and got.word_list() is got.word_list()
        assert [got.packed_at(i) for i in range(len(got))] == list(map(got.packed, got))
        with pytest.raises(IndexError):
            got.packed_at(len(got))
        assert {w: got[w] for w in got} == block, key
    assert blocks.get("p:nothing-like-it") is None and blocks.get("f:zz:99") is None
    # the same tables come back from the cache
    again = blocks_of(load_index(dump_index(ix)))
    for key, block in expected.items():
        got = again.get(key)
        assert got is not None and {w: got[w] for w in got} == block


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entry, max_size=12))
def test_compact_blocks_equal_the_reference(entries: list[Entry]) -> None:
    assert_same_blocks(build_index(Glossary(entries=tuple(entries))))


def test_bundled_glossary_blocks() -> None:
    ix = build_index(load_glossary())
    assert_same_blocks(ix)
    assert blocks_of(ix).typecode == "i"  # (4 bytes a value: the refs fit)


def test_refs_too_large_for_int32_are_stored_as_int64() -> None:
    ix = build_index(load_glossary())
    expected = reference_blocks(ix)
    ix.max_tokens = 1 << 16  # a size base so large that the packed refs pass 2**31
    blocks = blocks_of(ix)
    assert blocks.typecode == "q"
    again = blocks_of(load_index(dump_index(ix)))
    for got in (blocks, again):
        for key, block in expected.items():
            found = got.get(key)
            assert found is not None and {w: found[w] for w in found} == block, key


# folded words of 4+ letters (block words and the text words compared with them), from few
# letters so that many sound alike; the second word of a pair is the first one edited
LETTERS = "abdhikmnrstuvz"
word = st.text(LETTERS, min_size=4, max_size=9)


@st.composite
def near_pair(draw: st.DrawFn) -> tuple[str, str]:
    a = draw(word)
    b = list(a)
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(b)))
        op = draw(st.sampled_from(["insert", "delete", "replace"]))
        if op == "insert" or i == len(b):
            b.insert(i, draw(st.sampled_from(LETTERS)))
        elif op == "delete" and len(b) > 4:
            del b[i]
        else:
            b[i] = draw(st.sampled_from(LETTERS))
    return a, "".join(b)


@given(st.one_of(near_pair(), st.tuples(word, word)))
def test_token_sim_accepts_words_that_sound_alike_or_are_that_similar(
        pair: tuple[str, str]) -> None:
    """What Scanner._fuzzy_candidates relies on to find the candidates of a word at C speed:
    for words of 4+ letters, token_sim reaches MIN_TOKEN_SIM exactly when they sound alike
    or their Indel similarity reaches _NEAR_SPELLING."""
    a, b = pair
    alike = phonetic_token(a) == phonetic_token(b)
    similar = Indel.normalized_similarity(a, b) >= _NEAR_SPELLING
    assert (token_sim(a, b) >= MIN_TOKEN_SIM) == (alike or similar)
