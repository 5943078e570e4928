"""The C key tables of a slice (``_keylines.c``) against the Python steps of ``index.py``.

The module is compiled when translitnorm is installed (``pip install -e .``) on a machine
with a C compiler. Where it could not be built these tests fail and say so; set
``TRANSLITNORM_PURE_PYTHON=1`` to test the pure-Python build alone.
"""

from __future__ import annotations

from array import array

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import translitnorm.index as index_module
from tests.c_accelerators import PURE_PYTHON, accelerator_mark
from tests.test_build_index import assert_same, entry
from translitnorm import load_glossary
from translitnorm.index import Index, _add_number, _key_lines, _Tables, build_index
from translitnorm.model import Entry, Glossary, Variant

pytestmark = accelerator_mark("_keylines", "C key tables", "the pure-Python build alone")
if not PURE_PYTHON:
    from translitnorm._keylines import (
        add_stems,
        distinct_words,
        glossary_columns,
        key_lines,
        pack_groups,
        token_lines,
    )


def _c_key_lines(raw_text: str, folded: dict[str, str], keys: dict[str, int | list[int]],
                 prefixes: set[str], first: int,
                 cs: list[bool] | None = None) -> tuple[str, list[str], int] | None:
    """key_lines on raw_text, as index.py calls it: its words' numbers, the folded words
    (and where ``cs`` marks case-sensitive lines, the raw words and those marks)."""
    words, ids = distinct_words(raw_text)
    by_number = [folded[w] if w else "" for w in words]
    if cs is None:
        return key_lines(ids, by_number, keys, prefixes, first)
    return key_lines(ids, by_number, keys, prefixes, first, words, bytes(cs))


def _ids(ids: bytes) -> list[int]:
    return array("i", ids).tolist()


TEXT = st.text(alphabet=st.sampled_from(list("ab é\nش🙂 ")), max_size=40)


@settings(max_examples=400)
@given(TEXT)
def test_distinct_words_lists_each_word_once_in_order(text: str) -> None:
    words, _ = distinct_words(text)
    assert words == list(dict.fromkeys(text.replace("\n", " ").split(" ")))


@settings(max_examples=400)
@given(TEXT)
def test_the_word_numbers_spell_the_text_again(text: str) -> None:
    words, ids = distinct_words(text)
    numbers = _ids(ids)
    lines = " ".join(map(str, numbers)).split(" -1 ") if numbers else [""]
    assert "\n".join(" ".join(words[int(i)] for i in line.split(" ")) for line in lines) \
        == text
    assert numbers.count(-1) == text.count("\n")


def test_distinct_words_of_a_small_text() -> None:
    words, ids = distinct_words("ab cd\nab\n\nx  ab")
    assert words == ["ab", "cd", "", "x"]
    assert _ids(ids) == [0, 1, -1, 0, -1, 2, -1, 3, 2, 0]
    assert distinct_words("") == ([""], array("i", [0]).tobytes())
    with pytest.raises(TypeError):
        distinct_words(b"ab")  # type: ignore[arg-type]

WORD = st.one_of(
    st.sampled_from(["raka", "sham", "ahrar", "x", "رقه", "шам", "ṣabr", "🙂", "dawla", "is"]),
    st.text(alphabet="abkrsšαب🙂", min_size=1, max_size=5))
LINES = st.lists(st.lists(WORD, min_size=1, max_size=5), min_size=1, max_size=8)


def _python(lines: list[list[str]], folded: dict[str, str], first: int,
            keys: dict[str, int | list[int]], prefixes: set[str],
            cs: list[bool] | None = None) -> tuple[str, list[str], int]:
    ix, tables = Index(), _Tables()
    tables.keys, ix.prefixes = keys, prefixes
    raw_text = "\n".join(map(" ".join, lines))
    raw_lines = raw_text.split("\n") if cs and any(cs) else []
    v_text, _, keys_of, most = _key_lines(ix, tables, raw_text, raw_lines, dict(folded),
                                          cs or [False] * len(lines), first)
    return v_text, keys_of, most


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(LINES, st.integers(0, 10**6),
       st.lists(st.sampled_from(["raka", "sh", "ahrarsham", "RAKA", "SH", "RAKASH"])))
def test_key_lines_adds_what_the_python_steps_add(lines: list[list[str]], first: int,
                                                  keys_before: list[str]) -> None:
    words = {w for line in lines for w in line}
    folded = {w: (w.upper() if w.isascii() else w[::-1]) for w in words}
    c_keys: dict[str, int | list[int]] = {}
    py_keys: dict[str, int | list[int]] = {}
    for n, k in enumerate(keys_before):  # (a key already there: one number, or a list)
        _add_number(c_keys, k, -1 - n)
        _add_number(py_keys, k, -1 - n)
    c_prefixes, py_prefixes = set(keys_before), set(keys_before)
    got = _c_key_lines("\n".join(map(" ".join, lines)), folded, c_keys, c_prefixes, first)
    assert got == _python(lines, folded, first, py_keys, py_prefixes)
    assert list(c_keys.items()) == list(py_keys.items())  # the same order too
    assert c_prefixes == py_prefixes


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(LINES.flatmap(lambda lines: st.tuples(
    st.just(lines), st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))),
    st.integers(0, 10**6))
def test_key_lines_with_case_sensitive_lines_adds_what_the_python_steps_add(
        lines_cs: tuple[list[list[str]], list[bool]], first: int) -> None:
    lines, cs = lines_cs
    words = {w for line in lines for w in line}
    folded = {w: (w.upper() if w.isascii() else w[::-1]) for w in words}
    c_keys: dict[str, int | list[int]] = {}
    py_keys: dict[str, int | list[int]] = {}
    c_prefixes: set[str] = set()
    py_prefixes: set[str] = set()
    got = _c_key_lines("\n".join(map(" ".join, lines)), folded, c_keys, c_prefixes, first, cs)
    assert got == _python(lines, folded, first, py_keys, py_prefixes, cs)
    assert list(c_keys.items()) == list(py_keys.items())
    assert c_prefixes == py_prefixes


ALIKE_LINES = st.lists(st.lists(st.sampled_from(["raka", "RAKA", "Raka", "sham", "SHAM", "ب"]),
                                min_size=1, max_size=3), min_size=1, max_size=6).map(
    lambda lines: [line for line in lines for _ in range(2)])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(ALIKE_LINES, st.data())
def test_lines_folded_as_the_line_before_get_its_key(lines: list[list[str]],
                                                     data: st.DataObject) -> None:
    """Each line comes twice, in words that fold alike (raka, RAKA): the C steps reuse the
    line before's key and prefixes, and add what the Python steps add."""
    lines = [data.draw(st.permutations(line)) if data.draw(st.booleans()) else line
             for line in lines]
    cs = data.draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    words = {w for line in lines for w in line}
    folded = {w: w.upper() for w in words}
    c_keys: dict[str, int | list[int]] = {}
    py_keys: dict[str, int | list[int]] = {}
    c_prefixes: set[str] = set()
    py_prefixes: set[str] = set()
    raw_text = "\n".join(map(" ".join, lines))
    got = _c_key_lines(raw_text, folded, c_keys, c_prefixes, 7, cs)
    assert got == _python(lines, folded, 7, py_keys, py_prefixes, cs)
    assert list(c_keys.items()) == list(py_keys.items())
    assert c_prefixes == py_prefixes


def test_case_sensitive_lines_need_raw_words_and_a_mark_a_line() -> None:
    words, ids = distinct_words("IS\nraka")
    with pytest.raises(ValueError, match="a byte for each line"):
        key_lines(ids, ["is", "raka"], {}, set(), 0, words, b"\x01")
    with pytest.raises(TypeError, match="as long as folded"):
        key_lines(ids, ["is", "raka"], {}, set(), 0, words[:1], b"\x01\x00")
    keys: dict[str, int | list[int]] = {}
    assert key_lines(ids, ["is", "raka"], keys, set(), 3, words, b"\x01\x00") \
        == ("IS\nraka", ["", "raka"], 1)
    assert keys == {"": 3, "raka": 4}
    assert key_lines(ids, ["is", "raka"], keys, set(), 7, words, b"\x01\x00") is not None
    assert keys == {"": [3, 7], "raka": [4, 8]}


@pytest.mark.parametrize("raw_text, folded", [
    ("raka  sham", {"raka": "raka", "sham": "sham"}),  # two spaces: an empty word
    ("raka\n\nsham", {"raka": "raka", "sham": "sham"}),  # an empty line
    ("raka ", {"raka": "raka"}),
    ("raka sham", {"raka": "raka", "sham": ""}),  # a word that folds to nothing
    ("raka sham", {"raka": "ra ka", "sham": "sham"}),  # folds to something with a space
    ("raka sham", {"raka": "raka", "sham": "sh\nam"}),
])
def test_where_the_python_steps_are_needed_nothing_is_changed(raw_text: str,
                                                              folded: dict[str, str]) -> None:
    keys: dict[str, int | list[int]] = {"old": 1}
    prefixes = {"old"}
    assert _c_key_lines(raw_text, folded, keys, prefixes, 5) is None
    assert keys == {"old": 1} and prefixes == {"old"}


def test_bad_word_numbers_and_arguments_are_errors() -> None:
    _, ids = distinct_words("raka sham")
    with pytest.raises(IndexError, match="out of range"):
        key_lines(ids, ["raka"], {}, set(), 0)
    with pytest.raises(IndexError):
        key_lines(array("i", [0, -2]).tobytes(), ["raka"], {}, set(), 0)
    with pytest.raises(ValueError, match="int32"):
        key_lines(ids[:-1], ["raka", "sham"], {}, set(), 0)
    with pytest.raises(TypeError):
        key_lines(ids, ["raka", 1], {}, set(), 0)  # type: ignore[list-item]
    with pytest.raises(TypeError):
        key_lines(ids, ["raka", "sham"], {}, [], 0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        key_lines("raka", ["raka"], {}, set(), 0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="an int or a list"):
        key_lines(ids, ["raka", "sham"], {"rakasham": "3"}, set(), 0)  # type: ignore[dict-item]


def test_keys_are_the_same_strings_as_the_python_keys() -> None:
    """A key joined in C compares (and hashes) equal to the same key made in Python, for
    words in ASCII, in Latin-1, in the basic plane and beyond (a string's kind is part of
    its equality in CPython: a join must be made at its own kind)."""
    words = ["ab", "é", "ش", "🙂"]
    for a in words:
        for b in words:
            keys: dict[str, int | list[int]] = {}
            prefixes: set[str] = set()
            got = _c_key_lines(f"{a} {b}", {a: a, b: b}, keys, prefixes, 0)
            assert got is not None
            v_text, keys_of, most = got
            assert (v_text, keys_of, most) == (f"{a} {b}", [a + b], 2)
            assert a + b in keys and a + b in prefixes and a in prefixes


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entry, max_size=12), st.integers(1, 7))
def test_the_build_with_c_key_tables_equals_the_python_build(entries: list[Entry],
                                                              size: int) -> None:
    g = Glossary(entries=tuple(entries))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_module, "_SLICE", size)
        with_c = build_index(g)
        patch.setattr(index_module, "C_DISTINCT_WORDS", None)  # (and so no C key lines)
        patch.setattr(index_module, "C_TOKEN_LINES", None)
        python = build_index(g)
        patch.undo()
        patch.setattr(index_module, "_SLICE", size)
        patch.setattr(index_module, "C_KEY_LINES", None)  # (C words, Python key lines)
        half = build_index(g)
        patch.undo()
        patch.setattr(index_module, "_SLICE", size)
        patch.setattr(index_module, "C_TOKEN_LINES", None)  # (Python token lines)
        no_token_lines = build_index(g)
    assert_same(with_c, python)
    assert_same(half, python)
    assert_same(no_token_lines, python)


def test_the_bundled_glossary_builds_alike_with_and_without_c(
        monkeypatch: pytest.MonkeyPatch) -> None:
    g = load_glossary()
    assert index_module.C_KEY_LINES is not None
    with_c = build_index(g)
    monkeypatch.setattr(index_module, "C_KEY_LINES", None)
    assert_same(with_c, build_index(g))


CHUNK = st.one_of(
    st.sampled_from(["al", "Al", "AL", "as", "As", "ash", "el", "ad", "az", "an", "at", "ar",
                     "аль", "ас", "ال", "Raqqa", "sham", "is", "Dayr", "Zawr", "ab", "1",
                     "ʿal", "d'", "é", "ṣ", "🙂", "ﻻ"]),
    st.text(alphabet="alsdhé'.ʿ\u0301\t", min_size=1, max_size=5))
SPELLING = st.lists(st.tuples(CHUNK, st.sampled_from([" ", "-", "  ", "--", " -", "\n", ""])),
                    max_size=5).map(lambda parts: "".join(c + sep for c, sep in parts))


def _python_token_lines(texts: list[str]) -> str:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_module, "C_TOKEN_LINES", None)
        return index_module._token_lines(texts)[0]


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SPELLING, max_size=8))
def test_token_lines_and_the_own_lines_are_the_python_token_lines(texts: list[str]) -> None:
    kinds = index_module._ArticleKinds()
    lines_text, todo = token_lines(texts, index_module._ASCII_ARTICLE_KINDS, kinds)
    assert lines_text.count("\n") == max(len(texts) - 1, 0)
    assert todo == sorted(set(todo))
    own = {i: index_module.spelling_tokens(texts[i]) for i in todo}
    assert index_module._own_lines(lines_text, own) == _python_token_lines(texts)
    assert index_module._token_lines(texts)[0] == _python_token_lines(texts)
    # (asked about the short words not in ASCII alone)
    assert all(not w.isascii() and len(w) <= 4 and k in (0, 1, 2) for w, k in kinds.items())


def test_token_lines_of_a_few_spellings() -> None:
    texts = ["Ahrar al-Sham", "al Raqqa", "Dayr az Zawr", "as-Sham", "Abu Bakr al",
             "d'Arc", "", "аль-Каида"]
    kinds = index_module._ArticleKinds()
    lines_text, todo = token_lines(texts, index_module._ASCII_ARTICLE_KINDS, kinds)
    lines = lines_text.split("\n")
    assert lines[:5] == ["Ahrar Sham", "Raqqa", "Dayr az Zawr", "Sham", "Abu Bakr al"]
    assert lines[7] == "Каида" and kinds == {"аль": 1}
    assert todo == [2, 5, 6]  # a sun article apart, an apostrophe, no chunk at all


def test_token_lines_rejects_bad_arguments() -> None:
    ascii_kinds = index_module._ASCII_ARTICLE_KINDS
    with pytest.raises(TypeError, match="every text must be a str"):
        token_lines(["al-Sham", 3], ascii_kinds, {})  # type: ignore[list-item]
    with pytest.raises(TypeError):
        token_lines(("al-Sham",), ascii_kinds, {})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="ASCII words of 1-4 letters"):
        token_lines(["al-Sham"], {"alif!": 1}, {})
    with pytest.raises(ValueError, match="ASCII words of 1-4 letters"):
        token_lines(["al-Sham"], {"аль": 1}, {})
    with pytest.raises(KeyError):
        token_lines(["аль-Каида"], ascii_kinds, {})  # a plain dict has no __missing__
    with pytest.raises(ValueError, match="a kind is 0, 1 or 2"):
        token_lines(["аль-Каида"], ascii_kinds, {"аль": -1})
    with pytest.raises(ValueError, match="a kind is 0, 1 or 2"):
        token_lines(["аль-Каида"], ascii_kinds, {"аль": 3})
    with pytest.raises(TypeError):
        token_lines(["аль-Каида"], ascii_kinds, {"аль": "1"})  # type: ignore[dict-item]


NUMBERED_KEYS = st.lists(st.tuples(st.sampled_from(["raka", "sam", "ahrar", "", "is", "dawla"]),
                                   st.integers(0, 2**31 - 1)), max_size=20)


@settings(max_examples=300)
@given(NUMBERED_KEYS, NUMBERED_KEYS, st.lists(st.integers(0, 9), max_size=4))
def test_pack_groups_packs_as_the_python_steps_do(first: list[tuple[str, int]],
                                                  second: list[tuple[str, int]],
                                                  before: list[int]) -> None:
    """Two tables packed one after the other (keys, then cs_keys) into an index whose
    groups already hold some numbers."""
    def packed(c: bool) -> tuple[list[tuple[str, int]], list[tuple[str, int]], list[int],
                                 list[int]]:
        ix = Index()
        ix.group_flat.extend(before)
        ix.group_start.extend(range(1, len(before) + 1))
        tables = []
        for pairs in (first, second):
            table: dict[str, int | list[int]] = {}
            for key, number in pairs:
                _add_number(table, key, number)
            tables.append(table)
        with pytest.MonkeyPatch.context() as patch:
            if not c:
                patch.setattr(index_module, "C_PACK_GROUPS", None)
            a, b = (list(index_module._pack(t, ix).items()) for t in tables)
        return a, b, ix.group_flat.tolist(), ix.group_start.tolist()

    got = packed(True)
    assert got == packed(False)
    ix = Index()
    ix.group_flat, ix.group_start = (array("i", got[2]), array("i", got[3]))
    assert [k for k, _ in got[0]] == list(dict(first))
    for key, value in got[0]:  # every key's numbers, in order
        assert ix.variants_at(value) == [n for k, n in first if k == key]


def test_pack_groups_rejects_what_is_no_key_table() -> None:
    with pytest.raises(TypeError, match="an int or a list"):
        pack_groups({"raka": (1, 2)}, 1, 0)
    with pytest.raises(OverflowError, match="int32"):
        pack_groups({"raka": [1, 2**31]}, 1, 0)
    with pytest.raises(TypeError):
        pack_groups({"raka": [1, "2"]}, 1, 0)  # type: ignore[list-item]
    with pytest.raises(TypeError, match="first_group"):
        pack_groups([], 1, 0)  # type: ignore[arg-type]
    assert pack_groups({"raka": 3}, 1, 0) == (b"", b"")


# tokens that hold one another (a key's value is its tokens joined by spaces): a token is
# found as a whole token only
STEM_TOKENS = st.sampled_from(["", "rak", "raka", "aka", "ka", "rakka", "a", "islamsk"])
STEM_KEYS = st.sampled_from(["", "ru:r", "ru:ra", "ru:rak", "ru:raka", "ru:islamsk"])


@settings(max_examples=300)
@given(st.dictionaries(STEM_KEYS, st.lists(STEM_TOKENS.filter(bool), min_size=1, max_size=3)
                       .map(" ".join), max_size=3),
       st.lists(st.tuples(STEM_KEYS, STEM_KEYS, STEM_TOKENS), max_size=12))
def test_add_stems_notes_the_keys_as_the_python_steps_do(
        before: dict[str, str], words: list[tuple[str, str, str]]) -> None:
    whole, of_stem, toks = (list(column) for column in zip(*words, strict=True)) \
        if words else ([], [], [])
    want = dict(before)
    index_module._add_stem_keys(want, whole, of_stem, toks)
    got = dict(before)
    assert add_stems(got, whole, of_stem, toks) is None
    assert list(got.items()) == list(want.items())


def test_add_stems_rejects_what_is_no_stem_column() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        add_stems({}, ["ru:raka"], [], ["raka"])
    with pytest.raises(TypeError, match="no str"):
        add_stems({}, ["ru:raka"], [None], ["raka"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="no str"):
        add_stems({"ru:raka": 1}, ["ru:raka"], [""], ["raka"])  # type: ignore[dict-item]
    with pytest.raises(TypeError, match="stems: dict"):
        add_stems([], [], [], [])  # type: ignore[arg-type]


VARIANTS = st.builds(
    Variant, st.sampled_from(["Raqqa", "ar-Raqqah", "IS", "Ракка", ""]),
    lang=st.sampled_from([None, "de", "en", "DE"]), case_sensitive=st.booleans(),
    fuzzy=st.booleans(), ambiguous=st.booleans())


@settings(max_examples=200)
@given(st.lists(st.tuples(st.sampled_from(["Raqqa", "IS", "Ракка"]),
                          st.lists(VARIANTS, max_size=4)), max_size=5))
def test_glossary_columns_are_the_python_steps_columns(
        entries: list[tuple[str, list[Variant]]]) -> None:
    """Entries whose variants do or do not spell the canonical form, with every flag."""
    glossary = Glossary(entries=tuple(
        Entry(id=f"e{i}", canonical=canonical, type="place", variants=tuple(variants))
        for i, (canonical, variants) in enumerate(entries)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_module, "C_GLOSSARY_COLUMNS", None)
        want = index_module._columns(glossary)
    got = index_module._columns(glossary)
    assert got == want
    assert got.ids == [e.id for e in glossary.entries]
    assert got.types == ["place"] * len(entries)
    assert got.canonicals == [canonical for canonical, _ in entries]
    _, _, _, texts, owner, flags = got
    spellings = [v for e in glossary.entries for v in e.all_variants()]
    assert texts == [v.text for v in spellings]
    assert owner == [i for i, e in enumerate(glossary.entries) for _ in e.all_variants()]
    assert flags.german == bytes(v.lang == "de" for v in spellings)  # (the steps' own test)


def test_glossary_columns_reject_what_is_no_glossary() -> None:
    with pytest.raises(TypeError, match="entries is a sequence"):
        glossary_columns(3)  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        glossary_columns([object()])  # type: ignore[list-item]
    no_variants = Entry(id="x", canonical="X", type="place", variants=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="variants is a sequence"):
        glossary_columns([no_variants])
