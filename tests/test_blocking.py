"""The compact blocking index expands to the mapping the scanner used to build."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_build_index import entry
from translitnorm import load_glossary
from translitnorm.blocking import blocks_of
from translitnorm.cache import dump_index, load_index
from translitnorm.fold import phonetic_token
from translitnorm.index import Index, build_index
from translitnorm.model import Entry, Glossary


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
    assert_same_blocks(build_index(load_glossary()))
