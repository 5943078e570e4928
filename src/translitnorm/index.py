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
  phonetic token -> variants.

>>> from translitnorm.model import Entry, Glossary, Variant
>>> g = Glossary(entries=(Entry(id="x", canonical="Ahrar al-Sham", type="organization",
...                             variants=(Variant("IS", case_sensitive=True),)),))
>>> ix = build_index(g)
>>> sorted(ix.keys), sorted(ix.cs_keys)
(['ahrarsham'], ['IS'])
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from translitnorm.fold import fold_token, has_arabic_article, phonetic_token
from translitnorm.model import Glossary
from translitnorm.tokenize import elision_length, name_tokens

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


def ru_stem(token: str) -> str | None:
    """Strip one Russian case ending from a lower-case Cyrillic token (stem of 3+ letters).

    >>> ru_stem("ракке"), ru_stem("ракка"), ru_stem("нусры")
    ('ракк', 'ракк', 'нуср')
    """
    for end in _RU_ENDINGS:
        if token.endswith(end) and len(token) - len(end) >= 3:
            return token[: -len(end)]
    return None


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
    v_tokens_packed: str = ""  # from the cache: v_tokens joined by NUL, split on first use
    v_fuzzy: list[bool] = field(default_factory=list)
    keys: dict[str, int] = field(default_factory=dict)  # see variants_at()
    prefixes: set[str] = field(default_factory=set)
    cs_keys: dict[str, int] = field(default_factory=dict)
    group_flat: list[int] = field(default_factory=list)
    group_start: list[int] = field(default_factory=lambda: [0])
    cs_prefixes: set[str] = field(default_factory=set)
    stems: dict[str, str] = field(default_factory=dict)
    token_variants: dict[str, list[int]] = field(default_factory=dict)
    phon_variants: dict[str, list[int]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    tokens: set[str] = field(default_factory=set)
    needs_article: set[str] = field(default_factory=set)
    max_tokens: int = 1

    def variants_at(self, value: int) -> list[int]:
        """The variant numbers behind a ``keys``/``cs_keys`` value: one variant is stored as
        its number, several as ``-1 - n`` for group ``n``, a slice of ``group_flat`` (flat
        int lists load from the cache far faster than many small lists).
        """
        if value >= 0:
            return [value]
        n = -1 - value
        return self.group_flat[self.group_start[n]:self.group_start[n + 1]]

    def tokens_of(self, variant: int) -> tuple[str, ...]:
        """The folded tokens of a variant (raw tokens for a case-sensitive one)."""
        joined = self.all_tokens()[variant]
        return tuple(joined.split(" ")) if joined else ()

    def all_tokens(self) -> list[str]:
        """``v_tokens``, unpacked on first use when the index came from the cache (only
        phonetic/fuzzy matching and lookup need them, so the exact mode loads faster)."""
        if self.v_tokens_packed:
            self.v_tokens = self.v_tokens_packed.split("\x00")
            self.v_tokens_packed = ""
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
    tables follow on first use, see :meth:`Index.lookup_tables`)."""
    ix = Index()
    keys: defaultdict[str, list[int]] = defaultdict(list)
    cs_keys: defaultdict[str, list[int]] = defaultdict(list)
    prefixes = ix.prefixes
    cs_prefixes = ix.cs_prefixes
    stems = ix.stems
    known = ix.tokens
    v_entry = ix.v_entry
    v_text = ix.v_text
    v_tokens = ix.v_tokens
    v_fuzzy = ix.v_fuzzy
    max_tokens = 1
    short_article: dict[str, bool] = {}
    for e_no, entry in enumerate(glossary.entries):
        ix.entry_ids.append(entry.id)
        ix.entry_canonical.append(entry.canonical)
        ix.entry_type.append(entry.type)
        is_term = entry.type == "term"
        for variant in entry.all_variants():
            text = variant.text
            all_tokens = name_tokens(text)
            raw_tokens = [raw[elision_length(raw):] if "'" in raw or "’" in raw else raw
                          for raw, art in all_tokens if not art]
            if not raw_tokens:
                continue
            v_no = len(v_text)
            v_entry.append(e_no)
            v_text.append(text)
            if variant.case_sensitive:
                v_tokens.append(" ".join(raw_tokens))
                v_fuzzy.append(False)
                cs_keys[_add_prefixes(raw_tokens, cs_prefixes)].append(v_no)
                max_tokens = max(max_tokens, len(raw_tokens))
                continue
            pairs = [(raw, tok) for raw in raw_tokens if (tok := fold_token(raw))]
            folded = tuple(tok for _, tok in pairs)
            v_tokens.append(" ".join(folded))
            known.update(folded)
            acc = _add_prefixes(folded, prefixes)
            # terms are vocabulary: spelled variants only, never fuzzy (sharia vs Sharqiya)
            v_fuzzy.append(variant.fuzzy and not is_term and len(acc) >= 4)
            if not acc:
                continue
            keys[acc].append(v_no)
            if len(acc) <= 4:  # al-Bab: a bare "Bab" is a common word, the article counts
                had_article = all_tokens[0][1] or has_arabic_article(raw_tokens[0])
                short_article[acc] = short_article.get(acc, True) and had_article
            if len(folded) > max_tokens:
                max_tokens = len(folded)
            if variant.lang == "de" or not text.isascii():
                for raw, tok in pairs:
                    for sk in glossary_stem_keys(raw, variant.lang):
                        stems.setdefault(sk, tok)
    ix.keys = _pack(keys, ix)
    ix.cs_keys = _pack(cs_keys, ix)
    ix.max_tokens = max_tokens
    ix.needs_article = {k for k, v in short_article.items() if v}
    if fold_token.cache_info().currsize > 50_000:
        fold_token.cache_clear()  # a large glossary's words; text words are cached elsewhere
    return ix


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
