"""Compiling a glossary into look-up tables: built once, then only read.

The index is plain data (lists, dicts, sets of strings and ints), so it pickles fast and
is shared safely between threads.

* ``keys``: joined folded key (``ahrarsham``) -> variant numbers;
* ``prefixes``: every joined prefix of a key at a token boundary, so running text is
  only looked at where a variant can start (first-token gating) and an n-gram stops
  growing as soon as no key can follow;
* ``cs_keys``/``cs_prefixes``: the same for case-sensitive variants (acronyms), on the
  raw tokens;
* ``stems``: inflected-form stems (Russian, German) of variant tokens -> the token;
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
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate, chain, compress, repeat
from operator import add, and_, attrgetter, ge, gt, le, methodcaller, not_, or_
from typing import Final

from translitnorm.batchfold import fold_tokens
from translitnorm.fold import fold_token, has_arabic_article, phonetic_token
from translitnorm.model import Entry, Glossary, Variant
from translitnorm.tokenize import ARTICLES, SUN_ARTICLES, elision_length, name_tokens, plain

_SEP: Final = "\x00"
_CYRILLIC: Final = re.compile(r"[\u0400-\u04ff]")
_RU_ENDINGS: Final = tuple(
    sorted(
        (
            "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ом", "ем",
            "ах", "ях", "ую", "юю", "ая", "яя", "ое", "ее", "ые", "ие", "ый", "ий", "ов", "ев",
            "а", "я", "ы", "и", "у", "ю", "е", "о",
        ),
        key=len,
        reverse=True,
    )
)
_DE_ENDINGS: Final = ("en", "er", "es", "em", "e", "s", "n")


_RU_STEM: Final = re.compile("(.{3,}?)(?:" + "|".join(_RU_ENDINGS) + ")", re.DOTALL)
"""A stem of 3+ letters and one ending: the shortest such stem has the longest ending."""


def ru_stem(token: str) -> str | None:
    """Strip one Russian case ending from a lower-case Cyrillic token (stem of 3+ letters).

    >>> ru_stem("ракке"), ru_stem("ракка"), ru_stem("нусры")
    ('ракк', 'ракк', 'нуср')
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

    >>> stem_key("Ракке") == stem_key("Ракка")
    True
    """
    low = raw.casefold()
    if _CYRILLIC.search(low):
        stem = ru_stem(low)
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
    entry_canonical: list[str] = field(default_factory=list)
    entry_type: list[str] = field(default_factory=list)
    v_entry: list[int] = field(default_factory=list)
    v_text: list[str] = field(default_factory=list)
    v_tokens: list[str] = field(default_factory=list)  # space-joined, see tokens_of()
    v_tokens_packed: str = ""  # v_tokens joined by NUL, split on first use (all_tokens)
    v_tokens_ends: bytes = b""  # where each variant's tokens end in v_tokens_packed, +1 (int64)
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
            if not self.v_tokens_ends:
                after = accumulate(map(add, map(len, packed.split(_SEP)), repeat(1)))
                self.v_tokens_ends = array("q", after).tobytes()  # just past each separator
            at = memoryview(self.v_tokens_ends).cast("q")
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
        seen: dict[int, None] = {}
        for v in variants:
            seen.setdefault(self.v_entry[v], None)
        return list(seen)


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


def _spellings(glossary: Glossary) -> tuple[list[str], list[int], list[Variant]]:
    """Every spelling's text, entry number and variant, in compile order."""
    per_entry = list(map(Entry.all_variants, glossary.entries))
    variants = list(chain.from_iterable(per_entry))
    owner = list(chain.from_iterable(map(repeat, range(len(per_entry)), map(len, per_entry))))
    return list(map(attrgetter("text"), variants)), owner, variants


def _raw_tokens(text: str) -> list[str]:
    """The tokens a spelling is matched on: articles dropped, French elision cut."""
    return [raw[elision_length(raw):] if "'" in raw or "’" in raw else raw
            for raw, art in name_tokens(text) if not art]


def _all_raw_tokens(texts: list[str]) -> tuple[list[list[str]], set[str]]:
    """``_raw_tokens`` of every text, mostly with C-level string methods, and the set of
    all the tokens.

    A text whose chunks between white space and hyphens are all letters and digits (nearly
    every spelling) has exactly those chunks as its tokens; only the Arabic articles among
    them need a look at the separators (a regular expression over the texts that hold
    one). Other texts (apostrophes, other punctuation, combining marks) take name_tokens.
    """
    n = len(texts)
    joined = "\n".join(texts)
    breaks = set()
    if joined.count("\n") != n - 1:  # a text with a line break
        breaks = {i for i, t in enumerate(texts) if "\n" in t}
        joined = "\n".join("" if i in breaks else t for i, t in enumerate(texts))
    lines = joined.replace("-", " ").split("\n")
    simple = list(map(str.isalnum, map(methodcaller("replace", " ", ""), lines)))
    chunks = list(map(str.split, lines))
    complex_lines = list(compress(range(n), map(not_, simple)))
    for i in complex_lines:
        chunks[i] = _raw_tokens(texts[i])
    distinct = set(chain.from_iterable(chunks))
    # Arabic articles in the simple texts
    words = list(distinct)
    short = list(compress(words, map(le, map(len, words), repeat(4))))  # (articles are short)
    # plain() is lower() for an ASCII word: only the others need a call
    maybe = compress(short, map(or_, map(_ARTICLE_WORDS.__contains__, map(str.lower, short)),
                                map(not_, map(str.isascii, short))))
    kinds = {c: 1 if p in ARTICLES else 2 for c in maybe if (p := plain(c)) in _ARTICLE_WORDS}
    if kinds:
        todo = list(compress(range(n), map(and_, simple,
                                           map(not_, map(kinds.keys().isdisjoint, chunks)))))
        if todo:
            def alternatives(kind: int) -> str:
                words = sorted((c for c, k in kinds.items() if k == kind), key=len, reverse=True)
                return "|".join(map(re.escape, words)) or "(?!)"

            # an article is followed by another word (al), or joined to it by a hyphen (as-)
            pattern = re.compile(
                rf"(?<![^\s-])(?:(?:{alternatives(1)})(?={_SEP_CLASS}+[^\s-])"
                rf"|(?:{alternatives(2)})(?=-[^\s-]))"
            )
            kept = pattern.sub("", "\n".join([texts[i] for i in todo]))
            new = list(map(str.split, kept.replace("-", " ").split("\n")))
            for i, line in zip(todo, new, strict=True):
                chunks[i] = line
            # an article-like word that was an article everywhere is no token
            gone = set(kinds).difference(chain.from_iterable(new))
            gone.difference_update(chain.from_iterable(compress(chunks, map(not_, simple))))
            distinct -= gone  # (the texts not rewritten hold no article-like word)
    return chunks, distinct


_SLICE: Final = 1 << 12
"""Spellings compiled together: enough for batch folding to pay, few enough that a slice's
temporary lists stay in the processor's caches (measured at 100k entries: 4k spellings per
slice build in about 0.75x the time of 32k, and the peak memory is lower)."""


_FOLDED_CAP: Final = 1 << 17
"""Words whose folded form is remembered across slices: a glossary's words repeat mostly
within an entry (one slice), so forgetting the older ones costs little folding again and
keeps the build's peak memory down."""


@dataclass(slots=True)
class _Tables:
    """What the slices of a build add to, in spelling order."""

    folded: dict[str, str] = field(default_factory=dict)  # raw word -> folded word
    keys: dict[str, list[int]] = field(default_factory=dict)
    cs_keys: dict[str, list[int]] = field(default_factory=dict)
    short_article: dict[str, bool] = field(default_factory=dict)
    terms: set[int] = field(default_factory=set)
    packed: list[str] | None = field(default_factory=list)  # v_tokens of each slice, joined


def _build(glossary: Glossary) -> Index:
    ix = Index()
    entries = glossary.entries
    ix.entry_ids = list(map(attrgetter("id"), entries))
    ix.entry_canonical = list(map(attrgetter("canonical"), entries))
    ix.entry_type = list(map(attrgetter("type"), entries))
    texts, owner, variants = _spellings(glossary)
    tables = _Tables(terms={e for e, t in enumerate(ix.entry_type) if t == "term"})
    for start in range(0, len(texts), _SLICE):
        end = start + _SLICE
        _build_slice(ix, tables, texts[start:end], owner[start:end], variants[start:end])
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


def _build_slice(ix: Index, tables: _Tables, texts: list[str], owner: list[int],
                 variants: list[Variant]) -> None:
    """Compile some spellings (the next ones) into ``ix`` and ``tables``."""
    tokens, distinct = _all_raw_tokens(texts)
    if not all(tokens):  # spellings with no token (only articles, punctuation) are left out
        keep = list(map(bool, tokens))
        texts = list(compress(texts, keep))
        owner = list(compress(owner, keep))
        variants = list(compress(variants, keep))
        tokens = list(compress(tokens, keep))
    n = len(texts)
    first = len(ix.v_text)  # the number of this slice's first spelling
    ix.v_entry += owner
    ix.v_text += texts
    cs = list(map(attrgetter("case_sensitive"), variants))
    any_cs = any(cs)

    remembered = tables.folded  # each distinct word folded once (or so, see _FOLDED_CAP)
    if len(remembered) > _FOLDED_CAP:
        remembered.clear()
    unseen = distinct.difference(remembered)
    # this slice's words -> folded: a small table, read far faster than the large one
    folded = fold_tokens(unseen)
    remembered.update(folded)
    if len(unseen) < len(distinct):
        seen = distinct.difference(unseen)
        folded.update(zip(seen, map(remembered.__getitem__, seen), strict=True))
    fold_of = folded.__getitem__
    v_tokens = list(map(" ".join, map(map, repeat(fold_of), tokens)))
    empties = "" in folded.values()
    if empties:  # words that fold to nothing are left out of their spelling
        empty = {w for w, f in folded.items() if not f}
        for i in compress(range(n), map(not_, map(empty.isdisjoint, tokens))):
            v_tokens[i] = " ".join(f for t in tokens[i] if (f := folded[t]))
    keys_of = list(map(methodcaller("replace", " ", ""), v_tokens))

    # case-sensitive spellings (acronyms): raw tokens, their own tables
    if any_cs:
        for i in compress(range(n), cs):
            raw = tokens[i]
            v_tokens[i] = " ".join(raw)
            keys_of[i] = ""
            tables.cs_keys.setdefault(_add_prefixes(raw, ix.cs_prefixes), []).append(first + i)
    packed = _SEP.join(v_tokens) if tables.packed is not None else ""
    if tables.packed is not None and packed.count(_SEP) == max(len(v_tokens) - 1, 0):
        if v_tokens:  # (the slice's strings go now, and their memory is reused)
            tables.packed.append(packed)
    else:  # (a folded token holds a NUL: cannot be packed)
        if tables.packed is not None:  # cannot be packed after all: unpack what was
            ix.v_tokens = _SEP.join(tables.packed).split(_SEP) if tables.packed else []
            tables.packed = None
        ix.v_tokens += v_tokens
    # the folded keys, in the order of their first spelling
    table = tables.keys
    get = table.get
    for i, key in enumerate(keys_of, first):
        if key:
            group = get(key)
            if group is None:
                table[key] = [i]
            else:
                group.append(i)
    # every joined prefix at a word boundary; spellings that fold alike share them
    prefixes = ix.prefixes
    prefixes.update(keys_of)
    multi = set(compress(v_tokens, map(gt, map(len, tokens), repeat(1))))
    if any_cs:
        multi = {v for v, t, c in zip(v_tokens, tokens, cs, strict=True) if len(t) > 1 and not c}
    prefixes.update(chain.from_iterable(map(accumulate, map(methodcaller("split", " "), multi))))
    if any_cs:
        ix.tokens.update(map(fold_of, set(chain.from_iterable(compress(tokens, map(not_, cs))))))
    else:
        ix.tokens.update(folded.values())

    # terms are vocabulary: spelled variants only, never fuzzy (sharia vs Sharqiya)
    fuzzy = list(map(ge, map(len, keys_of), repeat(4)))
    terms = tables.terms
    not_fuzzy = list(map(not_, map(attrgetter("fuzzy"), variants)))
    if terms or any(not_fuzzy) or any_cs:
        for i in range(n):
            if fuzzy[i] and (owner[i] in terms or not_fuzzy[i] or cs[i]):
                fuzzy[i] = False
    ix.v_fuzzy += fuzzy

    lengths: Iterable[int] = map(len, tokens)  # words per spelling (raw ones if case-sensitive)
    if empties:
        lengths = (len(v.split(" ")) if k or c else 0
                   for v, k, c in zip(v_tokens, keys_of, cs, strict=True))
    ix.max_tokens = max(ix.max_tokens,
                        max(compress(lengths, map(or_, map(bool, keys_of), cs)), default=1))
    # short keys: al-Bab, where a bare "Bab" is a common word, needs its article
    short_article = tables.short_article
    for i in compress(range(n), map(le, map(len, keys_of), repeat(4))):
        key = keys_of[i]
        if key:
            all_tokens = name_tokens(texts[i])
            had_article = all_tokens[0][1] or has_arabic_article(tokens[i][0])
            short_article[key] = short_article.get(key, True) and had_article
    _add_stems(ix.stems, texts, variants, tokens, cs, folded)


def _add_stems(stems: dict[str, str], texts: list[str], variants: list[Variant],
               tokens: list[list[str]], cs: list[bool], folded: dict[str, str]) -> None:
    """Add to the ``stems`` table: for the words of spellings tagged German or not in
    ASCII, the stem keys of :func:`glossary_stem_keys` -> the folded word, first spelling
    first.

    Only Cyrillic words (whatever the language) and ASCII words of German-tagged spellings
    have stem keys; the Cyrillic ones are worked out in one batch.
    """
    n = len(texts)
    langs = list(map(attrgetter("lang"), variants))
    german = [lang == "de" for lang in langs] if "de" in langs else [False] * n
    todo = list(compress(range(n), map(and_, map(not_, cs),
                                       map(or_, german, map(not_, map(str.isascii, texts))))))
    # (a word not in ASCII only comes from a spelling not in ASCII, one of todo)
    pool = set(chain.from_iterable(map(tokens.__getitem__, todo)))
    other = list(compress(pool, map(not_, map(str.isascii, pool))))
    lows = list(map(str.casefold, other))
    is_cyrillic = list(map(bool, map(_CYRILLIC.search, lows)))
    cyrillic = list(compress(other, is_cyrillic))
    lows = list(compress(lows, is_cyrillic))
    stems_of = [m.group(1) if m else None for m in map(_RU_STEM.fullmatch, lows)]
    # fold_token(low) is fold_token(word) when both are NFKC and low is case-folded: the
    # steps reach the same string after casefold (see fold_token)
    same = [unicodedata.is_normalized("NFKC", w) and unicodedata.is_normalized("NFKC", low)
            and low.casefold() == low for w, low in zip(cyrillic, lows, strict=True)]
    fold = fold_tokens([*compress(lows, map(not_, same)), *filter(None, stems_of)])
    fold.update(zip(compress(lows, same), map(folded.__getitem__, compress(cyrillic, same)),
                    strict=True))
    keys_of: dict[str, list[str]] = {}
    for w, low, stem in zip(cyrillic, lows, stems_of, strict=True):
        key = "ru:" + fold[low]
        if stem:
            key2 = "ru:" + fold[stem]
            keys_of[w] = [k for k in (key, key2) if len(k) > 4] if key != key2 else \
                ([key] if len(key) > 4 else [])
        else:
            keys_of[w] = [key] if len(key) > 4 else []
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
                    stems.setdefault(sk, tok)
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
                stems.setdefault(sk, tok)


def _add_prefixes(tokens: Iterable[str], prefixes: set[str]) -> str:
    """Add every joined prefix of ``tokens`` at a word boundary; return the whole key."""
    acc = ""
    for tok in tokens:
        acc += tok
        prefixes.add(acc)
    return acc


def _pack(table: dict[str, list[int]], ix: Index) -> dict[str, int]:
    packed: dict[str, int] = {}
    for key, variants in table.items():
        if len(variants) == 1:
            packed[key] = variants[0]
        else:
            packed[key] = -len(ix.group_start)
            ix.group_flat.extend(variants)
            ix.group_start.append(len(ix.group_flat))
    return packed
