"""Compiling a glossary into look-up tables: built once, then only read.

The index is plain data (lists, dicts, sets of strings and ints), so it pickles fast and
is shared safely between threads.

* ``keys``: joined folded key (``ahrarsham``) -> variant numbers;
* ``prefixes``: every joined prefix of a key at a token boundary, so running text is
  only looked at where a variant can start (first-token gating) and an n-gram stops
  growing as soon as no key can follow;
* ``cs_keys``/``cs_prefixes``: the same for case-sensitive variants (acronyms), on the
  raw tokens;
* ``stems``: inflected-form stems (Russian, German) of variant tokens -> the tokens that
  have that stem, space-joined, first seen first (Исламская, Исламский and Исламское share
  one);
* ``tokens``: every folded variant token;
* ``token_variants``/``phon_variants``: for lookup (built on first use), folded and
  phonetic token -> variants;
* ``blocking``: the blocking index of phonetic and fuzzy matching, built on first use
  (:mod:`translitnorm.blocking`).

>>> from translitnorm.model import Entry, Glossary, Variant
>>> g = Glossary(entries=(Entry(id="x", canonical="Ahrar al-Sham", type="organization",
...                             variants=(Variant("IS", case_sensitive=True),)),))
>>> ix = build_index(g)
>>> sorted(ix.keys), sorted(ix.cs_keys)
(['ahrarsham'], ['IS'])
"""

from __future__ import annotations

import gc
import math
import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, chain, compress, repeat
from operator import add, and_, attrgetter, contains, ge, gt, le, methodcaller, ne, not_, or_
from typing import Final, NamedTuple, Protocol, cast

from translitnorm.accelerators import accelerator
from translitnorm.batchfold import fold_tokens
from translitnorm.fold import fold_token, has_arabic_article, phonetic_token
from translitnorm.model import Entry, Glossary
from translitnorm.packed import offset_typecode
from translitnorm.tokenize import ARTICLES, SUN_ARTICLES, elision_length, name_tokens, plain

_SEP: Final = "\x00"
_CYRILLIC: Final = re.compile(r"[\u0400-\u04ff]")
_RU_ENDINGS: Final = tuple(
    sorted(
        (
            "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ом", "ем",
            "ах", "ях", "ам", "ям", "ую", "юю", "ая", "яя", "ое", "ее", "ые", "ие", "ый", "ий",
            "ых", "их", "ым", "им", "ов", "ев",
            "а", "я", "ы", "и", "у", "ю", "е", "о",
        ),
        key=len,
        reverse=True,
    )
)
_DE_ENDINGS: Final = ("en", "er", "es", "em", "e", "s", "n")


class KeyLines(Protocol):
    """The type of ``key_lines`` (``_keylines.c``)."""

    def __call__(self, ids: bytes, folded: list[str], keys: dict[str, int | list[int]],
                 prefixes: set[str], first: int, raw: list[str] = ..., cs: bytes = ...,
                 /) -> tuple[str, list[str], int] | None: ...


DistinctWords = Callable[[str], tuple[list[str], bytes]]
"""The type of ``distinct_words`` (``_keylines.c``)."""

_KEYLINES: Final = accelerator("_keylines", 7)
"""The C accelerator ``_keylines.c`` (compiled at install where a compiler is at hand), or
None: not built, or ``TRANSLITNORM_PURE_PYTHON`` set."""

C_KEY_LINES: KeyLines | None = None if _KEYLINES is None else _KEYLINES.key_lines
"""Where it is built, a slice's folded lines, keys and prefixes are made in C (see
:func:`_key_lines`, the same steps in Python)."""

C_DISTINCT_WORDS: DistinctWords | None = None if _KEYLINES is None \
    else _KEYLINES.distinct_words
"""Where it is built, a slice's distinct words are listed in C, each with its number (the
Python steps find them as a set instead)."""


TokenLines = Callable[[list[str], dict[str, int], "_ArticleKinds"], tuple[str, list[int]]]
"""The type of ``token_lines`` (``_keylines.c``)."""

C_TOKEN_LINES: TokenLines | None = None if _KEYLINES is None else _KEYLINES.token_lines
"""Where it is built, a slice's token lines are made in C, but for the spellings that need
name_tokens (see :func:`_token_lines`)."""


PackGroups = Callable[[dict[str, int | list[int]], int, int], tuple[bytes, bytes]]
"""The type of ``pack_groups`` (``_keylines.c``)."""

C_PACK_GROUPS: PackGroups | None = None if _KEYLINES is None else _KEYLINES.pack_groups
"""Where it is built, :func:`_pack` is done in C, in one pass over the table."""


AddStems = Callable[[dict[str, str], list[str], list[str], list[str]], None]
"""The type of ``add_stems`` (``_keylines.c``)."""

GlossaryColumns = Callable[[Sequence[Entry]], tuple[list[str], list[str], list[str], list[str],
                                                    list[int], bytes, bytes, bytes, bytes]]
"""The type of ``glossary_columns`` (``_keylines.c``)."""

C_GLOSSARY_COLUMNS: GlossaryColumns | None = None if _KEYLINES is None \
    else _KEYLINES.glossary_columns
"""Where it is built, :func:`_columns` is done in C, in one pass over the entries."""

C_ADD_STEMS: AddStems | None = None if _KEYLINES is None else _KEYLINES.add_stems
"""Where it is built, the stem keys of a slice's Cyrillic words are noted in C (the loop
of :func:`_add_cyrillic_stems`)."""


_RU_STEM: Final = re.compile("(.{3,}?)(?:" + "|".join(_RU_ENDINGS) + ")", re.DOTALL)
"""A stem of 3+ letters and one ending: the shortest such stem has the longest ending."""


def ru_stem(token: str) -> str | None:
    """Strip one Russian case ending from a lower-case Cyrillic token (stem of 3+ letters).

    >>> ru_stem("ракке"), ru_stem("ракка"), ru_stem("нусры")
    ('ракк', 'ракк', 'нуср')
    >>> ru_stem("женских"), ru_stem("сирийским"), ru_stem("отрядам")
    ('женск', 'сирийск', 'отряд')
    """
    m = _RU_STEM.fullmatch(token)
    return m.group(1) if m else None


def de_stem(token: str) -> str | None:
    """Strip one German inflection ending from a lower-case token (stem of 4+ letters).

    >>> de_stem("islamischen"), de_stem("staates")
    ('islamisch', 'staat')
    """
    for end in _DE_ENDINGS:
        if token.endswith(end) and len(token) - len(end) >= 4:
            return token[: -len(end)]
    return None


def stem_key(raw: str) -> str | None:
    """The stem key used to find inflected forms, or None (marked with a script prefix).
    A lower-case Russian word with no case ending (of 3+ letters) is its own stem: the
    genitive plural of a word in -а/-ы has none (демократических сил, of the forces). Only
    the words inside a name are in lower case; a capitalised one is read as written
    ("Хам", a boor, is not Хама).

    >>> stem_key("Ракке") == stem_key("Ракка")
    True
    >>> stem_key("сил") == stem_key("силы"), stem_key("Хам")
    (True, None)
    """
    low = raw.casefold()
    if _CYRILLIC.search(low):
        stem = ru_stem(low) or (low if len(low) >= 3 and raw[:1].islower() else None)
        return "ru:" + fold_token(stem) if stem else None
    if low.isascii() and low.isalpha():
        stem = de_stem(low)
        return "de:" + fold_token(stem) if stem else None
    return None


def glossary_stem_keys(raw: str, lang: str | None) -> list[str]:
    """The stem keys under which a glossary token is found from inflected text forms:
    its own stem and the token itself (text "Ракке" -> "ракк" meets "Ракка" and "Ракк").

    Russian for Cyrillic tokens; German only for variants tagged ``lang: de``.

    >>> glossary_stem_keys("Staat", "de")
    ['de:sta']
    >>> glossary_stem_keys("Staat", "en")
    []
    """
    low = raw.casefold()
    if _CYRILLIC.search(low):
        prefix, stem = "ru:", ru_stem(low)
    elif lang == "de" and low.isascii() and low.isalpha():
        prefix, stem = "de:", de_stem(low)
    else:
        return []
    keys = [prefix + fold_token(low)]
    if stem:
        keys.append(prefix + fold_token(stem))
    return list(dict.fromkeys(k for k in keys if len(k) > 4))


@dataclass(slots=True)
class Index:
    """The compiled glossary (see the module docstring)."""

    entry_ids: list[str] = field(default_factory=list)
    # (lists when built; packed when loaded from the cache, see translitnorm.packed)
    entry_canonical: Sequence[str] = field(default_factory=list)
    entry_type: list[str] = field(default_factory=list)
    v_entry: Sequence[int] = field(default_factory=list)
    v_text: Sequence[str] = field(default_factory=list)
    v_tokens: list[str] = field(default_factory=list)  # space-joined, see tokens_of()
    v_tokens_packed: str = ""  # v_tokens joined by NUL, split on first use (all_tokens)
    v_tokens_ends: bytes = b""  # where each variant's tokens end in v_tokens_packed, +1
    # (int32 or int64: offset_typecode of len(v_tokens_packed) + 1)
    v_fuzzy: list[bool] = field(default_factory=list)
    keys: dict[str, int] = field(default_factory=dict)  # see variants_at()
    prefixes: set[str] = field(default_factory=set)
    cs_keys: dict[str, int] = field(default_factory=dict)
    group_flat: array[int] = field(default_factory=lambda: array("i"))
    group_start: array[int] = field(default_factory=lambda: array("i", [0]))
    cs_prefixes: set[str] = field(default_factory=set)
    stems: dict[str, str] = field(default_factory=dict)
    token_variants: dict[str, list[int]] = field(default_factory=dict)
    phon_variants: dict[str, list[int]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    tokens: set[str] = field(default_factory=set)
    needs_article: set[str] = field(default_factory=set)
    # spellings marked ``ambiguous: true`` (shared with things the glossary may not hold),
    # and for the entries of those, the entries whose mention nearby settles them (the
    # entry itself and the entries related to it either way); see shared_spellings.py
    v_shared: set[int] = field(default_factory=set)
    support: dict[int, list[int]] = field(default_factory=dict)
    max_tokens: int = 1
    blocking: tuple[object, ...] = ()  # phonetic/fuzzy blocking tables, see blocking.py

    def variants_at(self, value: int) -> list[int]:
        """The variant numbers behind a ``keys``/``cs_keys`` value: one variant is stored as
        its number, several as ``-1 - n`` for group ``n``, a slice of ``group_flat`` (flat
        int arrays hold and load far better than many small lists).
        """
        if value >= 0:
            return [value]
        n = -1 - value
        return self.group_flat[self.group_start[n]:self.group_start[n + 1]].tolist()

    def tokens_of(self, variant: int) -> tuple[str, ...]:
        """The folded tokens of a variant (raw tokens for a case-sensitive one); read from
        the packed string while it is packed, so that phonetic/fuzzy matching, which needs
        a few variants' tokens, does not unpack them all."""
        packed = self.v_tokens_packed
        if packed:
            code = offset_typecode(len(packed) + 1)
            if not self.v_tokens_ends:
                after = accumulate(map(add, map(len, packed.split(_SEP)), repeat(1)))
                self.v_tokens_ends = array(code, after).tobytes()  # just past each separator
            at = memoryview(self.v_tokens_ends).cast(code)
            joined = packed[at[variant - 1] if variant else 0:at[variant] - 1]
        else:
            joined = self.v_tokens[variant]
        return tuple(joined.split(" ")) if joined else ()

    def packed_tokens(self) -> list[str]:
        """The joined tokens of every variant, without keeping them unpacked: a fresh list
        while they are packed, else ``v_tokens`` itself (for one pass over all of them).

        >>> from translitnorm.model import Entry, Glossary
        >>> ix = build_index(Glossary(entries=(Entry(id="x", canonical="Ahrar al-Sham",
        ...                                          type="organization"),
        ...                                    Entry(id="y", canonical="Raqqa", type="place"))))
        >>> ix.packed_tokens(), ix.tokens_of(0), bool(ix.v_tokens_packed)
        (['ahrar sham', 'raka'], ('ahrar', 'sham'), True)
        """
        return self.v_tokens_packed.split(_SEP) if self.v_tokens_packed else self.v_tokens

    def all_tokens(self) -> list[str]:
        """``v_tokens``, unpacked on first use (only phonetic/fuzzy matching and lookup need
        them, so the exact mode builds, loads and stays smaller without them)."""
        if self.v_tokens_packed:
            self.v_tokens = self.v_tokens_packed.split(_SEP)
            self.v_tokens_packed = ""
            self.v_tokens_ends = b""
        return self.v_tokens

    def lookup_tables(self) -> None:
        """Fill the tables only lookup needs (token and phonetic indexes, informativeness),
        once, on first use. Concurrent first calls compute the same values."""
        if self.token_variants or not self.all_tokens():
            return
        token_variants: defaultdict[str, list[int]] = defaultdict(list)
        phon_variants: defaultdict[str, list[int]] = defaultdict(list)
        entry_tokens: defaultdict[int, set[str]] = defaultdict(set)
        case_sensitive = {v for k in self.cs_keys.values() for v in self.variants_at(k)}
        for v_no, joined in enumerate(self.all_tokens()):
            if v_no in case_sensitive or not joined:
                continue  # acronyms: raw tokens, matched as written only
            for tok in set(joined.split(" ")):
                token_variants[tok].append(v_no)
                phon_variants[phonetic_token(tok)].append(v_no)
                entry_tokens[self.v_entry[v_no]].add(tok)
        doc_freq: defaultdict[str, int] = defaultdict(int)
        for toks_of_entry in entry_tokens.values():
            for tok in toks_of_entry:
                doc_freq[tok] += 1
        n = max(1, len(self.entry_ids))
        # informativeness of a token: rare tokens identify, common ones (muhammad) less so
        self.idf = {
            tok: min(1.0, max(0.3, math.log(n / df) / math.log(max(n, 3)) + 0.5))
            for tok, df in doc_freq.items()
            if df > 1
        }
        self.phon_variants = dict(phon_variants)
        self.token_variants = dict(token_variants)

    def entries_of(self, variants: list[int]) -> list[int]:
        """The distinct entry numbers of some variant numbers, in first-seen order."""
        return list(dict.fromkeys(map(self.v_entry.__getitem__, variants)))


def build_index(glossary: Glossary) -> Index:
    """Compile ``glossary`` into an :class:`Index` (the running-text tables; the lookup
    tables follow on first use, see :meth:`Index.lookup_tables`).

    The work is done column by column over all spellings at once (see
    :mod:`translitnorm.batchfold`); the result is the same as compiling one spelling at a
    time. The cyclic garbage collector is paused meanwhile: the build makes a great many
    lists that can hold no cycle, and collecting them as they come costs more than the
    build itself.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        ix = _build(glossary)
    finally:
        if enabled:
            gc.enable()
    if len(ix.v_text) > _SLICE:
        _release_free_memory()
    return ix


def _release_free_memory() -> None:
    """Hand the memory the build's temporary tables freed back to the system (glibc keeps
    freed blocks for reuse, which the pools of small objects never draw on; a large build
    would otherwise keep tens of megabytes it no longer uses). Elsewhere, nothing."""
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # another C library
        pass


_ARTICLE_WORDS: Final = ARTICLES | SUN_ARTICLES
_SEP_CLASS: Final = r"(?:[^\S\n]|-)"


class _Flags(NamedTuple):
    """Four columns of the spellings' flags, one byte (1 or 0) a spelling."""

    cs: bytes  # case_sensitive
    no_fuzzy: bytes  # not fuzzy
    ambiguous: bytes
    german: bytes  # lang == "de"

    def part(self, start: int, end: int) -> _Flags:
        """The flags of spellings ``start`` to ``end``."""
        return _Flags(*(column[start:end] for column in self))

    def kept(self, keep: Iterable[bool]) -> _Flags:
        """The flags of the spellings ``keep`` keeps."""
        keep = list(keep)
        return _Flags(*(bytes(compress(column, keep)) for column in self))


class _Columns(NamedTuple):
    """What a build reads of a glossary: each entry's id, canonical form and type; each
    spelling's text, entry number and flags, in compile order."""

    ids: list[str]
    canonicals: list[str]
    types: list[str]
    texts: list[str]
    owner: list[int]
    flags: _Flags


def _columns(glossary: Glossary) -> _Columns:
    """The columns of ``glossary`` a build reads (in C where ``glossary_columns`` is built).

    >>> from translitnorm.model import Entry, Glossary, Variant
    >>> c = _columns(Glossary(entries=(
    ...     Entry(id="is", canonical="Islamic State", type="organization",
    ...           variants=(Variant("IS", case_sensitive=True), Variant("Daesh"))),)))
    >>> c.ids, c.texts, c.owner, c.flags.cs
    (['is'], ['Islamic State', 'IS', 'Daesh'], [0, 0, 0], b'\\x00\\x01\\x00')
    """
    if C_GLOSSARY_COLUMNS is not None:
        ids, canonicals, types, texts, owner, *columns = C_GLOSSARY_COLUMNS(glossary.entries)
        return _Columns(ids, canonicals, types, texts, owner, _Flags(*columns))
    entries = glossary.entries
    per_entry = list(map(Entry.all_variants, entries))
    variants = list(chain.from_iterable(per_entry))
    owner = list(chain.from_iterable(map(repeat, range(len(per_entry)), map(len, per_entry))))
    flags = _Flags(
        bytes(map(bool, map(attrgetter("case_sensitive"), variants))),
        bytes(map(not_, map(attrgetter("fuzzy"), variants))),
        bytes(map(bool, map(attrgetter("ambiguous"), variants))),
        bytes(map(("de",).__contains__, map(attrgetter("lang"), variants))),
    )
    return _Columns(list(map(attrgetter("id"), entries)),
                    list(map(attrgetter("canonical"), entries)),
                    list(map(attrgetter("type"), entries)),
                    list(map(attrgetter("text"), variants)), owner, flags)


def spelling_tokens(text: str) -> list[str]:
    """The tokens a spelling is matched on, as written: articles dropped, French elision
    cut (what :func:`spelling_key` folds and joins).

    >>> spelling_tokens("l'État islamique"), spelling_tokens("Ahrar al-Sham")
    (['État', 'islamique'], ['Ahrar', 'Sham'])
    """
    return [_without_elision(raw) for raw, art in name_tokens(text) if not art]


def _without_elision(raw: str) -> str:
    """A token as a spelling's tokens hold it: a French elision (l', d') cut."""
    return raw[elision_length(raw):] if "'" in raw or "’" in raw else raw


def spelling_key(text: str) -> str:
    """The key the index gives a spelling (see ``Index.keys``): its folded tokens joined,
    articles dropped, French elision cut.

    >>> spelling_key("État islamique d'Irak"), spelling_key("ar-Raqqah")
    ('etaislamikueirak', 'raka')
    """
    return "".join(map(fold_token, spelling_tokens(text)))


def _single_spaced(s: str) -> str:
    """Lines of words with one space between words and none at the ends of a line."""
    while "  " in s:
        s = s.replace("  ", " ")
    s = s.replace("\n ", "\n").replace(" \n", "\n")
    if s[:1] == " ":
        s = s[1:]
    if s[-1:] == " ":
        s = s[:-1]
    return s


def _article_pattern(kinds: dict[str, int]) -> re.Pattern[str]:
    """The article-like words of ``kinds`` where they are articles: a word of kind 1 (al)
    followed by another word, one of kind 2 (as) joined to the next by a hyphen; each at
    the start of a word. Every alternative starts with its word, so that the engine skips
    ahead to the letters that can start one (the start-of-word test looks behind)."""
    def alternative(word: str) -> str:
        w = re.escape(word)
        after = rf"{_SEP_CLASS}+[^\s-]" if kinds[word] == 1 else r"-[^\s-]"
        return rf"{w}(?<![^\s-]{w})(?={after})"

    return re.compile("|".join(map(alternative, sorted(kinds, key=len, reverse=True))))


def _spaced_article_lines(spaced: str, words: list[str]) -> list[int]:
    r"""The lines of ``spaced`` where one of ``words`` (sun articles as written) stands
    between spaces. In texts whose only separators are spaces, hyphens and line breaks,
    with hyphens turned into spaces, a superset of the lines in which
    :func:`~translitnorm.tokenize.spaced_sun_article` makes it an article (a word of the
    text comes before it).

    >>> _spaced_article_lines("Dayr az Zawr\nAbu as Sirwan\nFaraz Rahman\nX az Zubayr", ["az"])
    [0, 3]
    """
    places: list[int] = []
    for word in words:
        found = f" {word} "
        at = spaced.find(found)
        while at >= 0:
            places.append(at)
            at = spaced.find(found, at + 1)
    lines: list[int] = []
    line = prev = 0
    for at in sorted(places):  # (one pass over the text, however many places)
        line += spaced.count("\n", prev, at)
        prev = at
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines


class _ArticleKinds(dict[str, int]):
    """Short words -> 1 where :func:`~translitnorm.tokenize.plain` makes them an article
    wherever it stands (al), 2 where it is one only when joined to the next word by a
    hyphen (as), 0 where it is none; filled on first use (``token_lines`` asks it about
    the words not in ASCII)."""

    def __missing__(self, word: str) -> int:
        low = plain(word)
        kind = 1 if low in ARTICLES else 2 if low in SUN_ARTICLES else 0
        self[word] = kind
        return kind


_ASCII_ARTICLE_KINDS: Final = {**dict.fromkeys(filter(str.isascii, ARTICLES), 1),
                               **dict.fromkeys(filter(str.isascii, SUN_ARTICLES), 2)}
"""The articles in ASCII and their kinds (see :class:`_ArticleKinds`)."""


def _token_lines(texts: list[str],
                 kinds: _ArticleKinds | None = None) -> tuple[str, set[str] | None]:
    """The tokens of each text (``spelling_tokens``) as one line of words joined by single
    spaces, the lines joined by line breaks, and a set of words that holds them all (None
    where ``distinct_words`` of ``_keylines.c`` lists them from the lines instead).

    Worked out on the texts joined, with C-level string methods: a text whose chunks
    between white space and hyphens are all letters and digits (nearly every spelling) has
    exactly those chunks as its tokens, once the Arabic articles among them are gone (a
    regular expression over all the texts). Other texts (apostrophes, other punctuation,
    combining marks, line breaks) take name_tokens one at a time. Where it is built,
    ``token_lines`` of ``_keylines.c`` does the same steps a text at a time (``kinds``: the
    kinds of the article-like words, kept for the build).
    """
    if kinds is None:
        kinds = _ArticleKinds()
    if C_TOKEN_LINES is not None:
        lines_text, todo = C_TOKEN_LINES(texts, _ASCII_ARTICLE_KINDS, kinds)
        if todo:
            lines_text = _own_lines(lines_text, {i: spelling_tokens(texts[i]) for i in todo})
        return lines_text, None
    n = len(texts)
    joined = "\n".join(texts)
    special: set[int] = set()
    if joined.count("\n") != n - 1:  # a text with a line break
        special = {i for i, t in enumerate(texts) if "\n" in t}
        joined = "\n".join("" if i in special else t for i, t in enumerate(texts))
    spaced = joined.replace("-", " ")
    if not spaced.replace(" ", "").replace("\n", "").isalnum():  # (or all texts empty)
        lines = spaced.split("\n")
        simple = map(str.isalnum, map(methodcaller("replace", " ", ""), lines))
        others = set(compress(range(n), map(not_, simple))).difference(special)
        if others:
            special.update(others)
            joined = "\n".join("" if i in special else t for i, t in enumerate(texts))
            spaced = joined.replace("-", " ")
    own = {i: spelling_tokens(texts[i]) for i in sorted(special)}
    # the distinct words (in C, a list; "" where two spaces meet)
    pieces = set(spaced.split()) if C_DISTINCT_WORDS is None else C_DISTINCT_WORDS(spaced)[0]
    # Arabic articles: short words whose plain() form is one (plain() is lower() for an
    # ASCII word: only the others need a call)
    short = list(compress(pieces, map(le, map(len, pieces), repeat(4))))
    short += chain.from_iterable(own.values())
    maybe = compress(short, map(or_, map(_ARTICLE_WORDS.__contains__, map(str.lower, short)),
                                map(not_, map(str.isascii, short))))
    found = {c: kind for c in maybe if (kind := kinds[c])}
    if found:
        kept = _article_pattern(found).sub("", joined)
        if kept != joined:
            spaced = kept.replace("-", " ")  # (the same lines)
        # a sun article written apart (Dayr az Zawr) is one before its own consonant: the
        # few lines where that may be so take name_tokens too (their words are in words;
        # the lines left have no separators but spaces, hyphens and line breaks)
        sun = [k for k, kind in found.items() if kind == 2]
        for i in _spaced_article_lines(spaced, sun) if sun else ():
            if i not in own:
                own[i] = spelling_tokens(texts[i])
    lines_text = _single_spaced(spaced)
    if own:
        lines_text = _own_lines(lines_text, own)
    if C_DISTINCT_WORDS is not None:  # (the slice's words are listed from its lines again)
        return lines_text, None
    words = set(pieces)
    words.discard("")  # (two spaces together)
    words.update(chain.from_iterable(own.values()))
    if found:  # an article-like word that was an article everywhere is no token
        padded = f" {lines_text.replace(chr(10), ' ')} "
        words.difference_update([k for k in found if f" {k} " not in padded])
    return lines_text, words


def _own_lines(lines_text: str, own: dict[int, list[str]]) -> str:
    """``lines_text`` with the line of each text of ``own`` (its number) made of its tokens."""
    lines = lines_text.split("\n")
    for i, toks in own.items():
        lines[i] = " ".join(toks)
    return "\n".join(lines)


def _has_empty_line(lines_text: str, n: int) -> bool:
    """Does one of the ``n`` lines hold nothing?"""
    return (not lines_text if n == 1 else lines_text[:1] == "\n" or lines_text[-1:] == "\n"
            or "\n\n" in lines_text)


_SLICE: Final = 1 << 12
"""Spellings compiled together: enough for batch folding to pay, few enough that a slice's
temporary lists and strings stay in the processor's caches (measured at 100k entries: 4k
spellings per slice build in about 0.75x the time of 32k, and the peak memory is lower)."""


@dataclass(slots=True)
class _Tables:
    """What the slices of a build add to, in spelling order."""

    # key -> the number of its one spelling, or a list of several (see _add_number)
    keys: dict[str, int | list[int]] = field(default_factory=dict)
    cs_keys: dict[str, int | list[int]] = field(default_factory=dict)
    short_article: dict[str, bool] = field(default_factory=dict)
    terms: set[int] = field(default_factory=set)
    packed: list[str] | None = field(default_factory=list)  # v_tokens of each slice, joined
    v_text: list[str] = field(default_factory=list)  # (ix.v_text and ix.v_entry)
    v_entry: list[int] = field(default_factory=list)
    article_kinds: _ArticleKinds = field(default_factory=_ArticleKinds)


def _build(glossary: Glossary) -> Index:
    ix = Index()
    ix.entry_ids, ix.entry_canonical, ix.entry_type, texts, owner, flags = _columns(glossary)
    tables = _Tables(terms={e for e, t in enumerate(ix.entry_type) if t == "term"})
    ix.v_text, ix.v_entry = tables.v_text, tables.v_entry  # filled by the slices
    for start in range(0, len(texts), _SLICE):
        end = start + _SLICE
        _build_slice(ix, tables, texts[start:end], owner[start:end], flags.part(start, end))
    if ix.v_shared:
        ix.support = _support(glossary, {ix.v_entry[v] for v in ix.v_shared})
    tables.keys.pop("", None)
    ix.keys = _pack(tables.keys, ix)
    ix.cs_keys = _pack(tables.cs_keys, ix)
    ix.prefixes.discard("")
    ix.tokens.discard("")
    ix.needs_article = {k for k, v in tables.short_article.items() if v}
    # the folded tokens only phonetic/fuzzy matching and lookup read: kept as one string,
    # split on first use (see all_tokens), so the exact mode never makes those objects
    if tables.packed is not None:
        if len(ix.v_text) > 1:
            ix.v_tokens_packed = _SEP.join(tables.packed)
        else:  # one string cannot tell [] from [""]
            ix.v_tokens = list(tables.packed)
    return ix


def _support(glossary: Glossary, entries: set[int]) -> dict[int, list[int]]:
    """For each of ``entries`` (numbers): itself, the entries related to it in either
    direction, and the places it is in (``located-in``, followed up the chain: Douma is in
    Eastern Ghouta, which is in Damascus), in glossary order."""
    number = {e.id: i for i, e in enumerate(glossary.entries)}
    support: dict[int, set[int]] = {e: {e} for e in entries}
    within: dict[int, list[int]] = {}
    for i, entry in enumerate(glossary.entries):
        for rel in entry.related:
            j = number.get(rel.id)
            if j is None:
                continue
            if rel.relation == "located-in":
                within.setdefault(i, []).append(j)
            if i in support:
                support[i].add(j)
            if j in support:
                support[j].add(i)
    for e, found in support.items():
        todo, seen = list(within.get(e, ())), set()
        while todo:
            place = todo.pop()
            if place not in seen:
                seen.add(place)
                found.add(place)
                todo.extend(within.get(place, ()))
    return {e: sorted(s) for e, s in support.items()}


def _build_slice(ix: Index, tables: _Tables, texts: list[str], owner: list[int],
                 flags: _Flags) -> None:
    """Compile some spellings (the next ones) into ``ix`` and ``tables``.

    The slice's tokens are lines of text (see :func:`_token_lines`), and so are its folded
    tokens: the words mapped to their folded forms in one pass over the words of all
    lines, joined again; its keys are those lines without spaces.
    """
    raw_text, distinct = _token_lines(texts, tables.article_kinds)
    if _has_empty_line(raw_text, len(texts)):
        # spellings with no token (only articles, punctuation) are left out
        keep = list(map(bool, raw_text.split("\n")))
        texts = list(compress(texts, keep))
        owner = list(compress(owner, keep))
        flags = flags.kept(keep)
        raw_text = "\n".join(filter(None, raw_text.split("\n")))
        if not texts:
            return
    n = len(texts)
    first = len(tables.v_text)  # the number of this slice's first spelling
    tables.v_entry += owner
    tables.v_text += texts
    cs = flags.cs
    any_cs = 1 in cs
    if 1 in flags.ambiguous:
        ix.v_shared.update(compress(range(first, first + n), flags.ambiguous))

    # this slice's words -> folded: a small table, read far faster than a large one (the
    # words that other slices have too are few: folding them again costs less than
    # looking them up in a table of all the words seen). In C, the words are listed in
    # the order they come in, each with its number (ids: see _keylines.c)
    words: list[str] | None = None
    if C_DISTINCT_WORDS is not None:
        words, ids = C_DISTINCT_WORDS(raw_text)
        folded = fold_tokens(words, distinct=True)
    else:
        assert distinct is not None  # (see _token_lines)
        folded = fold_tokens(distinct, distinct=True)
    raw_lines: list[str] = []
    other_text = raw_text  # the lines of the spellings that are not case-sensitive
    if any_cs:
        raw_lines = raw_text.split("\n")
        other_text = "\n".join(compress(raw_lines, map(not_, cs)))
        if other_text:  # (not all of them case-sensitive)
            other_words = other_text.replace("\n", " ").split(" ") \
                if C_DISTINCT_WORDS is None else C_DISTINCT_WORDS(other_text)[0]
            ix.tokens.update(map(folded.__getitem__, other_words))
    else:
        ix.tokens.update(folded.values())
    # the folded lines, the keys (in the order of their first spelling; "" is dropped at
    # the end) and every joined prefix at a word boundary
    done = None
    if words is not None and C_KEY_LINES is not None:  # (None where Python steps are needed)
        by_number = list(map(folded.__getitem__, words))
        done = C_KEY_LINES(ids, by_number, tables.keys, ix.prefixes, first, words,
                           cs) if any_cs else \
            C_KEY_LINES(ids, by_number, tables.keys, ix.prefixes, first)
    v_lines: list[str] | None = None
    if done is not None:
        v_text, keys_of, most = done
        if any_cs:  # (their keys_of are "")
            _add_case_sensitive_keys(ix, tables, raw_lines, cs, first)
    else:
        v_text, v_lines, keys_of, most = _key_lines(ix, tables, raw_text, raw_lines, folded,
                                                    cs, first)
    if tables.packed is not None and _SEP not in v_text:
        tables.packed.append(v_text.replace("\n", _SEP))
    else:  # (a folded token holds a NUL: cannot be packed)
        if tables.packed is not None:  # cannot be packed after all: unpack what was
            ix.v_tokens = _SEP.join(tables.packed).split(_SEP) if tables.packed else []
            tables.packed = None
        ix.v_tokens += v_text.split("\n") if v_lines is None else v_lines
    ix.max_tokens = max(ix.max_tokens, most)

    # terms are vocabulary: spelled variants only, never fuzzy (sharia vs Sharqiya)
    fuzzy = list(map(ge, map(len, keys_of), repeat(4)))
    terms = tables.terms
    not_fuzzy = flags.no_fuzzy
    if terms or 1 in not_fuzzy or any_cs:
        kept = map(not_, map(or_, map(terms.__contains__, owner), map(or_, not_fuzzy, cs)))
        fuzzy = list(map(and_, fuzzy, kept))
    ix.v_fuzzy += fuzzy

    # short keys: al-Bab, where a bare "Bab" is a common word, needs its article
    short = list(compress(range(n), map(le, map(len, keys_of), repeat(4))))
    if short:
        short_article = tables.short_article
        for i in short:
            key = keys_of[i]
            if key:  # (an article first, or else the first token carries one: الباب)
                first_raw, had_article = name_tokens(texts[i])[0]
                if not had_article:
                    had_article = has_arabic_article(_without_elision(first_raw))
                short_article[key] = short_article.get(key, True) and had_article
    if 1 in flags.german:
        raw_lines = raw_lines or raw_text.split("\n")
        tokens = list(map(methodcaller("split", " "), raw_lines))
        _add_stems(ix.stems, texts, flags.german, tokens, cs, folded)
    elif any_cs:  # (case-sensitive spellings have no stems: the other lines' words)
        _add_cyrillic_stems(ix.stems, other_text, folded)
    else:
        _add_cyrillic_stems(ix.stems, raw_text, folded, words)


def _key_lines(ix: Index, tables: _Tables, raw_text: str, raw_lines: list[str],
               folded: dict[str, str], cs: bytes,
               first: int) -> tuple[str, list[str], list[str], int]:
    """A slice's folded lines (joined, and one by one), its keys and the largest number of
    words in a spelling, with its keys and prefixes added to ``tables`` and ``ix``: what
    ``key_lines`` of ``_keylines.c`` does where it is built, and also the case-sensitive
    spellings (their raw tokens, their own tables) and words that fold to nothing (left
    out of their spelling). ``raw_lines`` is ``raw_text``'s lines where any of ``cs``."""
    raw_words = raw_text.replace("\n", " \n ").split(" ")  # (a line break between lines)
    any_cs = any(cs)
    n = len(cs)
    empties = "" in folded.values()
    folded["\n"] = "\n"
    folded[""] = ""
    v_text = " ".join(map(folded.__getitem__, raw_words)).replace(" \n ", "\n")
    if empties:  # words that fold to nothing are left out of their spelling
        v_text = _single_spaced(v_text)
    v_lines = v_text.split("\n")
    if any_cs:
        for i in compress(range(n), cs):
            v_lines[i] = raw_lines[i]
        v_text = "\n".join(v_lines)
    keys_of = v_text.replace(" ", "").split("\n")
    if any_cs:
        for i in compress(range(n), cs):
            keys_of[i] = ""
        _add_case_sensitive_keys(ix, tables, raw_lines, cs, first)
    table = tables.keys
    for key, number in zip(keys_of, range(first, first + n), strict=True):
        _add_number(table, key, number)
    # spellings that fold alike share their prefixes
    prefixes = ix.prefixes
    prefixes.update(keys_of)
    multi = set(compress(v_lines, map(contains, v_lines, repeat(" "))))
    if any_cs:
        multi = set(compress(v_lines, map(and_, map(contains, v_lines, repeat(" ")),
                                          map(not_, cs))))
    prefixes.update(chain.from_iterable(map(accumulate, map(methodcaller("split", " "), multi))))
    # words per spelling (folded ones; raw ones if case-sensitive)
    most = max(map(methodcaller("count", " "), multi), default=0) + 1
    if any_cs:
        most = max(most, max(map(methodcaller("count", " "), compress(v_lines, cs))) + 1)
    return v_text, v_lines, keys_of, most


def _add_case_sensitive_keys(ix: Index, tables: _Tables, raw_lines: list[str], cs: bytes,
                             first: int) -> None:
    """The own tables of a slice's case-sensitive spellings (``cs``): each one's raw tokens
    joined, under its number (``first`` + its line), and their joined prefixes."""
    for i in compress(range(len(cs)), cs):
        key = _add_prefixes(raw_lines[i].split(" "), ix.cs_prefixes)
        _add_number(tables.cs_keys, key, first + i)


def _add_number(table: dict[str, int | list[int]], key: str, number: int) -> None:
    """Note spelling ``number`` under ``key`` in a key table of a build: the number itself
    where it is the key's first, a list of the key's numbers from its second on (no list
    for a key of one spelling: 71% of the bundled glossary's keys, 28% of the generated
    100k one's). ``key_lines`` of ``_keylines.c`` does the same.

    >>> table: dict[str, int | list[int]] = {}
    >>> for key, number in (("raka", 3), ("sam", 4), ("raka", 9), ("raka", 12)):
    ...     _add_number(table, key, number)
    >>> table
    {'raka': [3, 9, 12], 'sam': 4}
    """
    have = table.get(key)
    if have is None:
        table[key] = number
    elif isinstance(have, int):
        table[key] = [have, number]
    else:
        have.append(number)


def _cyrillic_stem_columns(words: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The Cyrillic ones among some words not in ASCII and, for each, the two stem keys
    :func:`glossary_stem_keys` starts from, worked out in one batch: ``ru:`` and its folded
    lower-case form; ``ru:`` and its folded stem, or "" where it has no stem. (Keys of up
    to four characters are no keys; the two may be one.)"""
    lows = list(map(str.casefold, words))
    is_cyrillic = list(map(bool, map(_CYRILLIC.search, lows)))
    cyrillic = list(compress(words, is_cyrillic))
    lows = list(compress(lows, is_cyrillic))
    stems_of = [m.group(1) if m else "" for m in map(_RU_STEM.fullmatch, lows)]
    fold = fold_tokens([*lows, *filter(None, stems_of)])
    whole = list(map(add, repeat("ru:"), map(fold.__getitem__, lows)))
    fold[""] = ""
    of_stem = [key and "ru:" + key for key in map(fold.__getitem__, stems_of)]
    return cyrillic, whole, of_stem


def _cyrillic_stem_keys(words: list[str]) -> dict[str, list[str]]:
    """The stem keys (``ru:``) of the Cyrillic ones among some words not in ASCII, as
    :func:`glossary_stem_keys` gives them, worked out in one batch."""
    return {w: [k for k in dict.fromkeys((key, key2)) if len(k) > 4]
            for w, key, key2 in zip(*_cyrillic_stem_columns(words), strict=True)}


def add_stem(stems: dict[str, str], key: str, token: str) -> None:
    """Note in the ``stems`` table that folded ``token`` has stem key ``key`` (a key's
    value: its tokens, space-joined, first seen first).

    >>> stems: dict[str, str] = {}
    >>> for tok in ("islamskoe", "islamski", "islamskoe"):
    ...     add_stem(stems, "ru:islamsk", tok)
    >>> stems
    {'ru:islamsk': 'islamskoe islamski'}
    """
    have = stems.get(key)
    if have is None:
        stems[key] = token
    elif have != token and token not in have.split(" "):
        stems[key] = f"{have} {token}"


def _add_cyrillic_stems(stems: dict[str, str], raw_text: str, folded: dict[str, str],
                        words: list[str] | None = None) -> None:
    """Add to the ``stems`` table, for spellings none of which is German-tagged or
    case-sensitive (``raw_text`` leaves those out): the stem keys of their Cyrillic words
    (the only ones that have any then) -> the folded word (:func:`add_stem`), in the order
    of the words' first occurrence.

    A word's keys do not depend on its spelling here, and its later occurrences add
    nothing. ``raw_text`` holds the words of the spellings in order, a line a spelling
    (``folded`` holds each word's folded form; ``words``, where given, lists the distinct
    words of ``raw_text`` in the order they come in).
    """
    if raw_text.isascii():
        return
    if words is None:
        lines = raw_text.split("\n")
        words = list(dict.fromkeys(
            " ".join(compress(lines, map(not_, map(str.isascii, lines)))).split(" ")))
    other = list(compress(words, map(not_, map(str.isascii, words))))
    cyrillic, whole, of_stem = _cyrillic_stem_columns(other)
    toks = list(map(folded.__getitem__, cyrillic))
    (C_ADD_STEMS or _add_stem_keys)(stems, whole, of_stem, toks)


def _add_stem_keys(stems: dict[str, str], whole: list[str], of_stem: list[str],
                   toks: list[str]) -> None:
    """For each word with a folded form ``toks[i]`` that is not empty: its whole-word key
    ``whole[i]``, then its stem's key ``of_stem[i]`` where that is another, each added to
    ``stems`` with :func:`add_stem` where longer than four characters (``add_stems`` of
    ``_keylines.c`` does the same in C).

    >>> stems = {"ru:islamsk": "islamski"}
    >>> _add_stem_keys(stems, ["ru:islamskoe", "ru:r"], ["ru:islamsk", ""], ["islamskoe", "r"])
    >>> stems
    {'ru:islamsk': 'islamski islamskoe', 'ru:islamskoe': 'islamskoe'}
    """
    # each word's keys (the whole word's, then its stem's where that is another), in order
    keys = list(chain.from_iterable(zip(whole, of_stem, strict=True)))
    toks_of_keys = list(chain.from_iterable(zip(toks, toks, strict=True)))
    is_new = map(and_, map(bool, toks), map(ne, of_stem, whole))
    kept = map(and_, map(gt, map(len, keys), repeat(4)),
               chain.from_iterable(zip(map(bool, toks), is_new, strict=True)))
    for key, tok in compress(zip(keys, toks_of_keys, strict=True), kept):
        add_stem(stems, key, tok)


def _add_stems(stems: dict[str, str], texts: list[str], german: bytes,
               tokens: list[list[str]], cs: bytes, folded: dict[str, str]) -> None:
    """Add to the ``stems`` table: for the words of spellings tagged German (``german``,
    1 a spelling so tagged) or not in ASCII, the stem keys of :func:`glossary_stem_keys`
    -> the folded word, first spelling first.

    Only Cyrillic words (whatever the language) and ASCII words of German-tagged spellings
    have stem keys; the Cyrillic ones are worked out in one batch.
    """
    n = len(texts)
    todo = list(compress(range(n), map(and_, map(not_, cs),
                                       map(or_, german, map(not_, map(str.isascii, texts))))))
    # (a word not in ASCII only comes from a spelling not in ASCII, one of todo)
    pool = set(chain.from_iterable(map(tokens.__getitem__, todo)))
    other = list(compress(pool, map(not_, map(str.isascii, pool))))
    keys_of = _cyrillic_stem_keys(other)
    has_keys = keys_of.keys().isdisjoint
    if not any(german):
        # a word's keys do not depend on its spelling here, and a word's later occurrences
        # add nothing: each word once, in the order of first occurrence
        todo = list(compress(todo, map(not_, map(has_keys, map(tokens.__getitem__, todo)))))
        for raw in dict.fromkeys(chain.from_iterable(map(tokens.__getitem__, todo))):
            keys = keys_of.get(raw)
            tok = folded[raw]
            if keys and tok:
                for sk in keys:
                    add_stem(stems, sk, tok)
        return
    de_keys: dict[str, list[str]] = {}
    for i in todo:
        for raw in tokens[i]:
            tok = folded[raw]
            if not tok:
                continue
            keys = keys_of.get(raw)
            if keys is None:
                if not german[i]:
                    continue
                keys = de_keys.get(raw)
                if keys is None:
                    keys = de_keys[raw] = glossary_stem_keys(raw, "de")
            for sk in keys:
                add_stem(stems, sk, tok)


def _add_prefixes(tokens: Iterable[str], prefixes: set[str]) -> str:
    """Add every joined prefix of ``tokens`` at a word boundary; return the whole key."""
    acc = ""
    for tok in tokens:
        acc += tok
        prefixes.add(acc)
    return acc


def _pack(table: dict[str, int | list[int]], ix: Index) -> dict[str, int]:
    """``table`` made the table ``variants_at`` reads, in place: a key's single number
    stays, a list of several becomes a new group of ``ix.group_flat`` (numbered on from
    the groups already there, in the table's order; in C where ``pack_groups`` is built)."""
    if C_PACK_GROUPS is not None:
        flat_bytes, end_bytes = C_PACK_GROUPS(table, len(ix.group_start), len(ix.group_flat))
        ix.group_flat.frombytes(flat_bytes)
        ix.group_start.frombytes(end_bytes)
        return cast(dict[str, int], table)
    several = list(map(isinstance, table.values(), repeat(list)))
    groups = cast(list[list[int]], list(compress(table.values(), several)))
    flat = ix.group_flat
    numbers = range(-len(ix.group_start), -len(ix.group_start) - len(groups), -1)
    ends = accumulate(map(len, groups), initial=len(flat))
    next(ends)  # (the initial value: the start of the first new group, already there)
    ix.group_start.extend(ends)
    flat.extend(chain.from_iterable(groups))
    table.update(zip(compress(table, several), numbers, strict=True))
    return cast(dict[str, int], table)
