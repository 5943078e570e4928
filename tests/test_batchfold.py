"""Batch folding gives exactly what folding one token at a time gives."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from translitnorm.batchfold import (
    _DOUBLES_LINE,
    _LATIN_LINE,
    _MAY_CHANGE,
    _PER_CHAR_WORD,
    _ascii_start,
    _latin_round,
    fold_tokens,
)
from translitnorm.fold import _DOUBLES, _LATIN_RE, fold_token
from translitnorm.index import _RU_ENDINGS, ru_stem

LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIACRITICS = "āīūṣḥéṭḍẓêèàçñöüÀÉĀ\u0301\u0308\u0327"
MARKS = "'’ʿʾ`´ʼ\"-‐_. "
ARABIC = "ابتثجحخدذرسشصضطظعغفقكلمنهويةىأإآؤئءـًٌٍَُِّْٰ\u200c"
CYRILLIC = "абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯёЁ"
PIECES = ["al", "el", "abd", "abdul", "abdu", "ibn", "bn", "ben", "sch", "dsch", "tsch", "kh",
          "ou", "oo", "ow", "ee", "ie", "ay", "ey", "ej", "ah", "at", "eh", "qq", "ss", "ال",
          "وال", "لل", "الله", "ة", "ﻻ", "ﬁ", "\u2028", "\n", "Ω", "ß", "İ", "ς"]

name_like = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(alphabet=LATIN + DIACRITICS + MARKS, max_size=6),
              st.text(alphabet=ARABIC, max_size=6), st.text(alphabet=CYRILLIC, max_size=6)),
    max_size=5,
).map("".join)


def check(tokens: list[str]) -> None:
    assert fold_tokens(tokens) == {t: fold_token(t) for t in tokens}


@given(st.lists(st.text(max_size=12), max_size=30))
def test_random_unicode_tokens_fold_as_one_at_a_time(tokens: list[str]) -> None:
    check(tokens)


@settings(max_examples=300)
@given(st.lists(name_like, max_size=40))
def test_name_like_tokens_fold_as_one_at_a_time(tokens: list[str]) -> None:
    check(tokens)


def test_known_tricky_tokens() -> None:
    check(["", "abdxabdulrahman", "abdulrahman", "abdul", "Abdurrahman", "bn", "IBN", "aie",
           "ckh", "kakhkha", "Raqqah", "raqqa", "Şăm", "الرقة", "والرقة", "الله", "للرقه",
           "ـx", "a\u2028b", "a\nb", "Шишани", "Ракке", "ﷺ", "ﻻ", "\u0301a", "x\u0670"])


def _ru_stem_by_loop(token: str) -> str | None:
    """The original ru_stem: the longest ending that leaves a stem of 3+ letters."""
    for end in _RU_ENDINGS:
        if token.endswith(end) and len(token) - len(end) >= 3:
            return token[: -len(end)]
    return None


@given(st.text(alphabet=CYRILLIC.lower() + "ab\n", max_size=10))
def test_ru_stem_strips_the_longest_ending(token: str) -> None:
    assert ru_stem(token) == _ru_stem_by_loop(token)


ascii_like = st.lists(
    st.one_of(st.sampled_from([p for p in PIECES if p.isascii() and p != "\n"]),
              st.text(alphabet="abcdeghijklnopqrstuwyz", max_size=6)),
    max_size=5,
).map("".join)


@settings(max_examples=500)
@given(ascii_like)
@example("barahh")
@example("rabehh")
@example("iybn")
@example("aabdul")
def test_a_word_a_second_round_changes_is_one_the_filter_finds(word: str) -> None:
    """After a first round, a word that one more round changes matches _MAY_CHANGE (a
    superset), and no letter is doubled, and no q, w or y is left."""
    first = _latin_round(_ascii_start([word])[0])
    assert not re.search(r"(.)\1", first)
    assert not re.search("[qwy]", first)
    if _latin_round(first) != first:
        assert _MAY_CHANGE.search(first)


@settings(max_examples=500)
@given(st.lists(ascii_like, max_size=8).map("\n".join))
def test_the_line_patterns_do_what_the_word_patterns_do(words: str) -> None:
    """The conventions grouped by first letter (then q, w and y alone, translated) replace
    what _LATIN_RE replaces, and the look-ahead form of collapse_doubles collapses what
    _DOUBLES does, line by line."""
    from translitnorm.batchfold import _SINGLE_LETTERS
    from translitnorm.fold import _latin_repl

    lines = words.split("\n")
    assert _LATIN_LINE.sub(_latin_repl, words).translate(_SINGLE_LETTERS).split("\n") == [
        _LATIN_RE.sub(_latin_repl, w) for w in lines]
    assert _DOUBLES_LINE.sub("", words).split("\n") == [_DOUBLES.sub(r"\1", w) for w in lines]


LETTERS = st.characters(categories=["Lu", "Ll", "Lt", "Lm", "Lo"])
"""Letters of any script (the test below mixes them with the marks and the Latin and
Cyrillic letters the fold has rules for: batches of several scripts, precomposed and
decomposed)."""


@settings(max_examples=500)
@given(st.lists(st.text(alphabet=st.one_of(LETTERS, st.sampled_from(LATIN + CYRILLIC + MARKS)),
                        max_size=8), max_size=30))
@example(["Kobanê", "Щёлково", "Straße", "Łódź", "İstanbul", "ǅemal", "ΟΔΟΣ", "თბილისი"])
@example(["Шишани", "الشام"])  # (a Cyrillic and an Arabic word in one batch)
@example(["ʼUmar", "ﬁrst", "ſam", "가나", "\u1100\u1161"])
def test_words_of_letters_fold_as_one_at_a_time(tokens: list[str]) -> None:
    check(tokens)


PER_CHAR = [chr(c) for c in (*range(0x80), *range(0xC0, 0x250), *range(0x400, 0x500),
                             *range(0x1E00, 0x1F00)) if _PER_CHAR_WORD.fullmatch(chr(c))]
"""The characters whose words the script steps fold one character at a time."""


def test_every_character_of_the_per_character_path_folds_as_one_at_a_time() -> None:
    assert len(PER_CHAR) > 1000 and "\n" not in PER_CHAR and "\u0483" not in PER_CHAR
    check(PER_CHAR)
    check([f"a{c}b" for c in PER_CHAR] + [f"{c}{c.upper()}x" for c in PER_CHAR])


@settings(max_examples=500)
@given(st.lists(st.text(alphabet=st.sampled_from(PER_CHAR), min_size=1, max_size=8),
                max_size=30))
@example(["ǅamal", "ŉa", "Straße", "İstanbul", "Ærø", "ǀxam", "a×b", "ẞig", "Ґрозний", "йод"])
def test_words_of_the_per_character_path_fold_as_one_at_a_time(tokens: list[str]) -> None:
    check(tokens)
