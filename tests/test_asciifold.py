"""The C ASCII fold (``_asciifold.c``) against the Python steps of ``fold.py``.

The module is compiled when translitnorm is installed (``pip install -e .``) on a machine
with a C compiler. Where it could not be built these tests fail and say so; set
``TRANSLITNORM_PURE_PYTHON=1`` to test the pure-Python folding alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import translitnorm.fold as fold_module
from tests.c_accelerators import PURE_PYTHON, accelerator_mark
from translitnorm.batchfold import _CHAR_ROMANIZED, _CHAR_STEPS, _PER_CHAR_WORD, fold_tokens
from translitnorm.fold import fold_ascii, fold_token

pytestmark = accelerator_mark("_asciifold", "C ASCII fold", "the pure-Python folding alone")
if not PURE_PYTHON:
    from translitnorm._asciifold import fold_lines, fold_word, fold_words

# the letters the Latin conventions, particles, abd- forms and endings are made of, some
# capitals, digits and the characters that are dropped
NAME_LIKE = st.text(alphabet="abcdehijklnoqrstuwyzgpAKS019'-` .\t\x00", max_size=14)
WORDS = st.one_of(
    NAME_LIKE,
    st.builds(lambda w: "abd" + w, NAME_LIKE),
    st.sampled_from(["ibn", "ben", "bn", "du", "abdul", "abdou", "abdurrahman", "abdoulaye",
                     "abdelaziz", "Tschetschenien", "Dschihad", "ow", "owa", "Andrej", "Marie",
                     "Raqqah", "Wilayat", "Hawatmeh", "cc", "ck", "c", "ca", "qq", "ayy"]),
    st.text(alphabet=st.characters(max_codepoint=127), max_size=20),
)


@contextmanager
def _python_folding() -> Iterator[None]:
    """fold_token and fold_tokens without the C fold (its cache emptied on both sides)."""
    old = fold_module.C_ASCII_FOLD, fold_module.C_FOLD_WORDS
    fold_module.C_ASCII_FOLD = fold_module.C_FOLD_WORDS = None
    fold_token.cache_clear()
    try:
        yield
    finally:
        fold_module.C_ASCII_FOLD, fold_module.C_FOLD_WORDS = old
        fold_token.cache_clear()


@settings(max_examples=3000)
@given(WORDS)
@example("abdoulaye")
@example("x" * 300)  # (longer than fold_word's buffer on the stack)
def test_fold_word_is_the_python_fold(word: str) -> None:
    assert fold_word(word) == fold_ascii(word)


@settings(max_examples=500)
@given(st.lists(WORDS, max_size=30))
def test_fold_lines_folds_each_line(words: list[str]) -> None:
    lines = [w.replace("\n", "") for w in words] or [""]  # ("" is one empty line)
    assert fold_lines("\n".join(lines)).split("\n") == [fold_ascii(w) for w in lines]


@settings(max_examples=300)
@given(st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=30))
def test_batch_folding_is_the_same_with_or_without_the_c_fold(words: list[str]) -> None:
    with_c = fold_tokens(words)
    one_at_a_time = {w: fold_token(w) for w in words}
    with _python_folding():
        assert fold_tokens(words) == with_c == one_at_a_time
        assert {w: fold_token(w) for w in words} == one_at_a_time


def test_only_ascii_text_is_taken() -> None:
    for fold in fold_word, fold_lines:
        with pytest.raises(ValueError, match="must be ASCII"):
            fold("Шишани")
        with pytest.raises(TypeError):
            fold(b"raqqa")  # type: ignore[arg-type]


def test_fold_token_uses_the_c_fold_where_it_is_built() -> None:
    assert fold_module.C_ASCII_FOLD is not None
    assert fold_module.C_ASCII_FOLD[0] is fold_word


# the characters fold_words folds one at a time (every range of _PER_CHAR_WORD, and its
# edges), and some it leaves to Python: combining marks, Arabic, Greek, CJK, line breaks
PER_CHAR = st.one_of(
    st.characters(min_codepoint=0x00C0, max_codepoint=0x024F),
    st.characters(min_codepoint=0x0400, max_codepoint=0x04FF),
    st.characters(min_codepoint=0x1E00, max_codepoint=0x1EFF),
    st.sampled_from("aZ0'-\x00\x7f\x09\x0b\u00bf\u0250\u0483\u0489\u1dff\u1f00"),
)
OTHER_CHAR = st.sampled_from("\n\u2028\u2029\u0301\u0627\u0644\u03b1\u4e2d\u00b2\ufb01")
MIXED_WORDS = st.one_of(WORDS, st.text(PER_CHAR, max_size=12),
                        st.text(st.one_of(PER_CHAR, OTHER_CHAR), max_size=6))


@settings(max_examples=500)
@given(st.lists(MIXED_WORDS, max_size=30, unique=True))
@example(["Шишани", "Chichani", "Ḥamā", "Raqqah", "الرقة", "a\nb", "", "Ǆ", "ẞ"])
def test_fold_words_folds_the_words_it_takes_as_fold_token_does(words: list[str]) -> None:
    out: dict[str, str] = {}
    shared: dict[str, str] = {}
    rest = fold_words(words, _CHAR_STEPS, _CHAR_ROMANIZED, out, shared)
    assert [w for w in words if w not in out] == rest  # (in their order)
    assert out == {w: fold_token(w) for w in out}
    for word in words:
        if (word.isascii() and "\n" not in word) or _PER_CHAR_WORD.fullmatch(word):
            assert word in out
        elif word:  # a character outside the ranges, or a line break
            assert word in rest
    for result in out.values():
        assert shared[result] is result  # equal results are one object
    assert fold_tokens(words, distinct=True) == {w: fold_token(w) for w in words}


def test_fold_words_checks_its_arguments() -> None:
    with pytest.raises(TypeError, match="5 arguments"):
        fold_words([], {}, {}, {})  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="must be a list"):
        fold_words(("a",), {}, {}, {}, {})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be a str"):
        fold_words([b"a"], {}, {}, {}, {})  # type: ignore[list-item]
    with pytest.raises(TypeError, match="not a str"):
        fold_words(["é"], {ord("é"): 1}, {}, {}, {})  # type: ignore[dict-item]
    with pytest.raises(KeyError):
        fold_words(["é"], {}, {}, {}, {})
    out: dict[str, str] = {}
    # a piece outside ASCII goes through the second table; one still outside: left
    assert fold_words(["éa", "ü"], {ord("é"): "é", ord("a"): "a", ord("ü"): "ü"},
                      {ord("é"): "E", ord("a"): "a", ord("ü"): "ü"}, out, {}) == ["ü"]
    assert out == {"éa": "ea"}
