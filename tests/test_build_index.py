"""The batched index build gives the same index as compiling one spelling at a time."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.index_reference import reference_build_index
from tests.test_batchfold import name_like
from translitnorm import load_glossary
from translitnorm.index import Index, build_index
from translitnorm.model import Entry, Glossary, Variant

SEPARATORS = [" ", "-", " - ", "  ", "\t", "'", "’", "--", ", ", "\n", ""]
WORDS = ["al", "Al", "AL", "el", "as", "ash", "an", "ar", "Àl", "аль", "эль", "аш", "l'", "d'",
         "Abu", "bin", "ibn", "Abd", "Raqqa", "Ракка", "Ракке", "الرقة", "Staat", "Staates",
         "islamischen", "IS", "x", "1⁄4", "🙂", "ﬁ", "az", "Ez", "Zawr", "Sham", "Шам", "Ṣabr"]

word = st.one_of(st.sampled_from(WORDS), name_like)
text = st.builds(
    lambda ws, seps: "".join(w + s for w, s in zip(ws, seps, strict=False)),
    st.lists(word, min_size=1, max_size=4), st.lists(st.sampled_from(SEPARATORS), max_size=4),
)
variant = st.builds(Variant, text=text, lang=st.sampled_from([None, "de", "ru", "en"]),
                    case_sensitive=st.booleans(),
                    fuzzy=st.booleans())
entry = st.builds(lambda i, canonical, t, vs: Entry(id=f"e{i}", canonical=canonical, type=t,
                                                  variants=tuple(vs)),
                  st.integers(0, 10**6), text,
                  st.sampled_from(["person", "place", "term", "organization"]),
                  st.lists(variant, max_size=4))


def assert_same(a: Index, b: Index) -> None:
    assert a.all_tokens() == b.all_tokens()  # (packed in one string or not)
    for f in dataclasses.fields(Index):
        if f.name in ("v_tokens", "v_tokens_packed"):
            continue
        x, y = getattr(a, f.name), getattr(b, f.name)
        assert x == y, f.name
        if isinstance(x, dict):
            assert list(x) == list(y), f.name  # the same order too


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entry, max_size=12))
def test_batched_build_equals_one_at_a_time(entries: list[Entry]) -> None:
    g = Glossary(entries=tuple(entries))
    assert_same(build_index(g), reference_build_index(g))


def test_bundled_glossary_builds_the_same_index() -> None:
    g = load_glossary()
    assert_same(build_index(g), reference_build_index(g))


def test_slices_change_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    import translitnorm.index as index_module

    g = load_glossary()
    monkeypatch.setattr(index_module, "_SLICE", 97)  # many slices
    assert_same(build_index(g), reference_build_index(g))


@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entry, max_size=12), st.integers(1, 7))
def test_any_slicing_builds_the_same_index(entries: list[Entry], size: int) -> None:
    import translitnorm.index as index_module

    g = Glossary(entries=tuple(entries))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_module, "_SLICE", size)
        batched = build_index(g)
    assert_same(batched, reference_build_index(g))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entry, max_size=8))
def test_spelling_key_is_the_key_the_build_gives(entries: list[Entry]) -> None:
    from translitnorm.index import spelling_key

    g = Glossary(entries=tuple(entries))
    ix = build_index(g)
    for e_no, e in enumerate(g.entries):
        for v in e.all_variants():
            key = spelling_key(v.text)
            if key and not v.case_sensitive:
                under = ix.variants_at(ix.keys[key])  # (KeyError: not a key at all)
                assert any(ix.v_text[n] == v.text and ix.v_entry[n] == e_no
                           for n in under), (v.text, key)
