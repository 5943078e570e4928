"""Folding many tokens at once: the result of :func:`~translitnorm.fold.fold_token` for each.

Compiling a large glossary folds hundreds of thousands of distinct words. One at a time,
each pays for a dozen Python calls; here each step runs once over all the words joined by
line breaks and the result is split again. The regular expressions run in multi-line mode,
so ``^`` and ``$`` anchor at the edges of each word and no pattern crosses a line break
(none matches one); Unicode normalization and case folding work character by character or
within runs that a line break ends, so they give the same words joined or apart.
unidecode runs on the distinct characters that need it only, through a translation table.

Words that hold a line break (or a character unidecode turns into one) and Arabic-script
words that the steps still change in a second round take the one-at-a-time path; a
property test checks that the results equal :func:`fold_token` on any input.

>>> sorted(fold_tokens(["Raqqah", "Шишани", "Chichani", "الرقة"]).values())
['raka', 'shishani', 'shishani', 'رقه']
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate, compress, repeat
from operator import add, and_, methodcaller, ne, not_
from typing import Final

from translitnorm import fold as fold_module
from translitnorm.fold import (
    _ABD_PREFIX,
    _ABD_WORD,
    _AR_ARTICLE,
    _ARABIC_LETTERS,
    _LATIN_MAP,
    _PARTICLES,
    APOSTROPHES,
    DEFAULT_CONFIG,
    casefold,
    drop_apostrophes,
    fold_token,
    keep_letters,
    nfkc,
    strip_marks,
)

_UNSAFE: Final = frozenset("\n\u2028\u2029")
"""A line break, and the characters unidecode turns into line breaks."""
_ASCII_JUNK: Final = re.compile(r"[^a-z0-9\n]+")
_PARTICLE_LINE: Final = re.compile(
    "^(?:" + "|".join(map(re.escape, _PARTICLES)) + ")$", re.MULTILINE
)
_ABD_WORD_LINE: Final = re.compile(f"^(?:{_ABD_WORD.pattern})$", re.MULTILINE)
# the first match anywhere in a word that starts with abd (as ``sub(count=1)`` does)
_ABD_PREFIX_LINE: Final = re.compile(f"^(?=abd)(.*?){_ABD_PREFIX.pattern}", re.MULTILINE)
# _LATIN_RE with its alternatives grouped by their first letter, in their order: the same
# match at each place (the first alternative that matches there), found with fewer tries.
# q, w and y alone are left to _SINGLE_LETTERS (k, v, i) afterwards: no alternative starts
# with one of them, so the scan goes on after such a letter as it would after its
# replacement; each one not taken by a longer sequence (ow, ay, ey) is replaced, as the
# regular expression would have replaced it; and no replacement holds one. That saves a
# Python call for about a third of the matches.
_LATIN_LINE: Final = re.compile(
    r"d(?:sch|zh|j|h)|t(?:sch|ch|h)|sch|zh|kh|c(?:h|k|(?=[aouklr]|$))|gh|ph"
    r"|o(?:u|o|w(?![aeiou]))|e(?:e|y|i|j$)|ie$|a[yi]",
    re.MULTILINE,
)
_SINGLE_LETTERS: Final = str.maketrans({k: _LATIN_MAP[k] for k in "qwy"})
# collapse_doubles' (.)\1+ -> \1: every letter that the same letter follows goes (no
# Python code per match, as a group reference in the template would run)
_DOUBLES_LINE: Final = re.compile(r"(.)(?=\1)")
# _FINAL_AH, (?<=[a-z]{2})(?:ah|at|a|eh)$, with the look-behind after the first letter so
# that the engine can skip ahead to an a or an e (twice as fast, same matches)
_FINAL_AH_LINE: Final = re.compile(r"(?:a(?<=[a-z]{2}a)[ht]?|e(?<=[a-z]{2}e)h)$", re.MULTILINE)
# where one round of _latin_round could change a word that a first round has just made
# (a superset), at most one match a line (its start, up to the first place found): a word
# starting like a particle or with abd, a changing final -ah/-at/-eh, or a latin
# convention that can still be there. After a first round none is doubled (the round ends
# by collapsing every run of one letter), and no q, w or y is left (every one is matched
# and replaced by another letter): only the conventions without those letters, but ai
# (which stays ai), remain.
_MAY_CHANGE: Final = re.compile(
    "^(?:" + "|".join(map(re.escape, _PARTICLES)) + "|abd|.*?(?:"
    r"d(?:sch|zh|j|h)|t(?:sch|ch|h)|sch|zh|kh|c(?:h|k|(?=[aouklr]|$))|gh|ph|ou|ie$"
    r"|e(?:i|j$|(?<=[a-z]{2}e)h$)|a(?<=[a-z]{2}a)[ht]$))",
    re.MULTILINE,
)
_AR_ARTICLE_LINE: Final = re.compile(f"^(?!الله$){_AR_ARTICLE.pattern}", re.MULTILINE)
_ARABIC_CHAR: Final = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_APOSTROPHE_RUN: Final = re.compile(f"[{re.escape(APOSTROPHES)}]+")
_AR_MAP: Final = {chr(k): v or "" for k, v in _ARABIC_LETTERS.items()}
_AR_VARIANT: Final = re.compile("[" + "".join(map(re.escape, _AR_MAP)) + "]")


def _latin_repl(m: re.Match[str]) -> str:
    return _LATIN_MAP[m.group()]


def _particle_repl(m: re.Match[str]) -> str:
    return _PARTICLES[m.group()]


def _abd_repl(m: re.Match[str]) -> str:
    return m.group(1) + "abd"


def _ar_repl(m: re.Match[str]) -> str:
    return _AR_MAP[m.group()]


def _latin_round(s: str) -> str:
    """One round of the ASCII steps (latin_conventions, final_ah, collapse_doubles) on
    words joined by line breaks. A particle or a bare ``abd`` word returns early in
    :func:`latin_conventions`; the later patterns leave ``bin`` and ``abd`` alone, so
    running them anyway changes nothing."""
    s = _PARTICLE_LINE.sub(_particle_repl, s)
    if "abd" in s:
        s = _ABD_WORD_LINE.sub("abd", s)
        s = _ABD_PREFIX_LINE.sub(_abd_repl, s)
    s = _LATIN_LINE.sub(_latin_repl, s).translate(_SINGLE_LETTERS)
    s = _FINAL_AH_LINE.sub("a", s)
    return _DOUBLES_LINE.sub("", s)


def _split(s: str, n: int) -> list[str]:
    parts = s.split("\n")
    if len(parts) != n:  # pragma: no cover - ruled out by the _UNSAFE check
        raise ValueError("a step added a line break")
    return parts


def _ascii_start(words: list[str]) -> list[str]:
    """The first ASCII steps of fold_token: lower case, letters and digits only."""
    return _split(_ASCII_JUNK.sub("", "\n".join(words).lower()), len(words))


def _latin_rounds(words: list[str]) -> list[str]:
    """Up to four rounds of the ASCII steps on each word, until it no longer changes.

    The first round runs on every word. After it, only a word in which one of the
    patterns could still change something (:data:`_MAY_CHANGE`, a superset) goes on; a
    word that does not change is stable, so later rounds skip it too.
    """
    joined = "\n".join(words)
    done = _latin_round(joined)
    if done == joined:
        return words
    result = _split(done, len(words))
    # a word the first round left alone is stable; of the others, only those in which a
    # pattern could still change something go on (found in one scan over them joined)
    changed = list(compress(range(len(words)), map(ne, result, words)))
    parts = list(map(result.__getitem__, changed))
    joined = "\n".join(parts)
    ends = list(accumulate(map(add, map(len, parts), repeat(1))))  # after each line break
    starts = map(methodcaller("start"), _MAY_CHANGE.finditer(joined))
    work = list(map(changed.__getitem__, map(bisect_right, repeat(ends), starts)))
    for _ in range(3):
        if not work:
            break
        before = [result[i] for i in work]
        after = _split(_latin_round("\n".join(before)), len(work))
        work = [i for i, b, a in zip(work, before, after, strict=True) if a != b]
        for i, a in zip(work, compress(after, map(ne, after, before)), strict=True):
            result[i] = a
    return result


_PER_CHAR_WORD: Final = re.compile(
    "[\x00-\x09\x0b-\x7f\u00c0-\u024f\u0400-\u0482\u048a-\u04ff\u1e00-\u1eff]+")
"""Words the script steps fold one character at a time: ASCII, precomposed Latin letters
(Latin-1, Extended-A and -B, Extended Additional) and Cyrillic letters, no combining mark
and no line break. Each such character normalizes (NFKC) to letters that start with a base
letter, and no two of them compose or reorder, so Unicode normalization, case folding,
mark stripping, apostrophe dropping and unidecode give the same string character by
character as on the whole word (and no Arabic letter comes out)."""


def _script_char(c: str) -> str:
    """nfkc, casefold, strip_marks and drop_apostrophes of one character."""
    return drop_apostrophes(strip_marks(casefold(nfkc(c))))


class _CharSteps(dict[int, str]):
    """A translation table filled on first use: character -> its script steps (see
    :func:`_script_char`; ``romanized``: then unidecode, lower case, letters and digits
    only). A line break stays itself."""

    def __init__(self, romanized: bool) -> None:
        super().__init__({ord("\n"): "\n"})
        self.romanized = romanized

    def __missing__(self, code: int) -> str:
        out = _script_char(chr(code))
        if self.romanized:
            from unidecode import unidecode

            out = _ASCII_JUNK.sub("", unidecode(out).lower())
        self[code] = out
        return out


_CHAR_STEPS: Final = _CharSteps(romanized=False)
_CHAR_ROMANIZED: Final = _CharSteps(romanized=True)


def _per_char_bases(words: list[str]) -> list[str]:
    """What :func:`_script_steps` gives the words of :data:`_PER_CHAR_WORD`, worked out
    with two translation tables: the steps up to romanize, character by character, and,
    for the words that still hold a letter outside ASCII then (romanize works on those),
    the same with unidecode. Every result is in ASCII."""
    n = len(words)
    bases = _split("\n".join(words).translate(_CHAR_STEPS), n)
    other = list(map(not_, map(str.isascii, bases)))
    if any(other):
        romanized = _split("\n".join(compress(words, other)).translate(_CHAR_ROMANIZED),
                           sum(other))
        for i, base in zip(compress(range(n), other), romanized, strict=True):
            bases[i] = base
    return bases


def _script_steps(words: list[str]) -> list[str]:
    """nfkc, casefold, strip_marks, drop_apostrophes, arabic_letters, arabic_article and
    romanize on words without line breaks (the non-ASCII start of fold_token)."""
    s = unicodedata.normalize("NFKC", "\n".join(words)).casefold()
    if not s.isascii():
        s = unicodedata.normalize("NFD", s)
        marks = [c for c in set(s) if unicodedata.combining(c)]
        if marks:
            s = re.sub("[" + "".join(map(re.escape, marks)) + "]+", "", s)
        s = unicodedata.normalize("NFC", s)
    s = _APOSTROPHE_RUN.sub("", s)
    s = _AR_VARIANT.sub(_ar_repl, s)
    s = _AR_ARTICLE_LINE.sub("", s)
    parts = _split(s, len(words))
    # romanize: words in other scripts (not ASCII, no Arabic letter) through unidecode
    todo = list(compress(range(len(parts)), map(and_, map(not_, map(str.isascii, parts)),
                                                map(not_, map(_ARABIC_CHAR.search, parts)))))
    if todo:
        joined = "\n".join([parts[i] for i in todo])
        from unidecode import unidecode

        table = {ord(c): unidecode(c) for c in set(joined) if not c.isascii()}
        out = _ASCII_JUNK.sub("", joined.translate(table).lower())
        for i, w in zip(todo, _split(out, len(todo)), strict=True):
            parts[i] = w
    return parts


def fold_tokens(tokens: Iterable[str], *, distinct: bool = False) -> dict[str, str]:
    """Each distinct token -> ``fold_token(token)``, computed in batches (the dict is in
    no particular order; equal ASCII results are one string object, to save memory).
    ``distinct=True`` says that ``tokens`` holds no repeats (a set, or a list made so): they
    are not looked for.

    >>> folded = fold_tokens(["Raqqah", "Шишани", "Chichani", "Raqqah", "الرقة"])
    >>> folded == {"Raqqah": "raka", "Шишани": "shishani", "Chichani": "shishani",
    ...            "الرقة": "رقه"}
    True
    """
    words = list(tokens) if distinct else list(dict.fromkeys(tokens))
    out: dict[str, str] = {}
    shared: dict[str, str] = {}  # equal ASCII results become one string object
    c_words = fold_module.C_FOLD_WORDS
    if c_words is not None:  # the ASCII and the per-character words in C; the rest below
        words = c_words(words, _CHAR_STEPS, _CHAR_ROMANIZED, out, shared)
        if not words:
            return out
    everything = "\n".join(words)
    if everything.count("\n") != len(words) - 1 or "\u2028" in everything \
            or "\u2029" in everything:
        unsafe = [not _UNSAFE.isdisjoint(w) for w in words]  # one at a time for these
        out.update((w, fold_token(w)) for w in compress(words, unsafe))
        words = list(compress(words, map(not_, unsafe)))
    is_ascii = list(map(str.isascii, words))
    sources = list(compress(words, is_ascii))  # words on the ASCII path from the start
    starts = list(sources)
    other = list(compress(words, map(not_, is_ascii)))
    per_char = list(map(bool, map(_PER_CHAR_WORD.fullmatch, other)))
    if any(per_char):  # (their bases are in ASCII: on to the ASCII path)
        easy = list(compress(other, per_char))
        sources += easy
        starts += _per_char_bases(easy)
        other = list(compress(other, map(not_, per_char)))
    if other:
        bases = _script_steps(other)
        is_ascii = list(map(str.isascii, bases))
        sources += compress(other, is_ascii)  # fold_token(base): the ASCII path from there
        starts += compress(bases, is_ascii)
        arabic = list(compress(other, map(not_, is_ascii)))
        if arabic:
            first = list(map(keep_letters, compress(bases, map(not_, is_ascii))))
            second = _script_steps(first)
            for word, r1, s2 in zip(arabic, first, second, strict=True):
                if r1 == word or (not s2.isascii() and keep_letters(s2) == r1):
                    out[word] = r1
                else:  # still changing in a second round: rare, one at a time
                    out[word] = DEFAULT_CONFIG.apply(word)
    if sources:
        c_fold = fold_module.C_ASCII_FOLD
        if c_fold is not None:  # the same steps in C (fold_lines)
            results = _split(c_fold[1]("\n".join(starts)), len(starts))
        else:
            results = _latin_rounds(_ascii_start(starts))
        out.update(zip(sources, map(shared.setdefault, results, results), strict=True))
    return out
