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
* ``first_blocks``: for phonetic and fuzzy matching, a blocking index from the first
  token's phonetic form and first letter to the variants that start with it;
* ``token_variants``/``phon_variants``: for lookup, folded and phonetic token -> variants.

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
    v_tokens: list[tuple[str, ...]] = field(default_factory=list)
    v_fuzzy: list[bool] = field(default_factory=list)
    keys: dict[str, list[int]] = field(default_factory=dict)
    prefixes: set[str] = field(default_factory=set)
    cs_keys: dict[str, list[int]] = field(default_factory=dict)
    cs_prefixes: set[str] = field(default_factory=set)
    stems: dict[str, str] = field(default_factory=dict)
    first_blocks: dict[str, list[int]] = field(default_factory=dict)
    token_variants: dict[str, list[int]] = field(default_factory=dict)
    phon_variants: dict[str, list[int]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    needs_article: set[str] = field(default_factory=set)
    max_tokens: int = 1

    def entries_of(self, variants: list[int]) -> list[int]:
        """The distinct entry numbers of some variant numbers, in first-seen order."""
        seen: dict[int, None] = {}
        for v in variants:
            seen.setdefault(self.v_entry[v], None)
        return list(seen)


def build_index(glossary: Glossary) -> Index:
    """Compile ``glossary`` into an :class:`Index`."""
    ix = Index()
    keys: defaultdict[str, list[int]] = defaultdict(list)
    cs_keys: defaultdict[str, list[int]] = defaultdict(list)
    first_blocks: defaultdict[str, list[int]] = defaultdict(list)
    token_variants: defaultdict[str, list[int]] = defaultdict(list)
    phon_variants: defaultdict[str, list[int]] = defaultdict(list)
    doc_freq: defaultdict[str, int] = defaultdict(int)
    prefixes = ix.prefixes
    cs_prefixes = ix.cs_prefixes
    stems = ix.stems
    max_tokens = 1
    short_article: dict[str, bool] = {}
    for e_no, entry in enumerate(glossary.entries):
        ix.entry_ids.append(entry.id)
        ix.entry_canonical.append(entry.canonical)
        ix.entry_type.append(entry.type)
        entry_tokens: set[str] = set()
        for variant in entry.all_variants():
            all_tokens = name_tokens(variant.text)
            raw_tokens = [raw[elision_length(raw):] for raw, art in all_tokens if not art]
            if not raw_tokens:
                continue
            v_no = len(ix.v_text)
            ix.v_entry.append(e_no)
            ix.v_text.append(variant.text)
            if variant.case_sensitive:
                ix.v_tokens.append(tuple(raw_tokens))
                ix.v_fuzzy.append(False)
                acc = ""
                for raw in raw_tokens:
                    acc += raw
                    cs_prefixes.add(acc)
                cs_keys[acc].append(v_no)
                max_tokens = max(max_tokens, len(raw_tokens))
                continue
            folded = tuple(t for t in (fold_token(r) for r in raw_tokens) if t)
            if not folded:
                ix.v_tokens.append(())
                ix.v_fuzzy.append(False)
                continue
            ix.v_tokens.append(folded)
            # terms are vocabulary: spelled variants only, never fuzzy (sharia vs Sharqiya)
            fuzzy_ok = variant.fuzzy and entry.type != "term" and len("".join(folded)) >= 4
            ix.v_fuzzy.append(fuzzy_ok)
            acc = ""
            for tok in folded:
                acc += tok
                prefixes.add(acc)
            keys[acc].append(v_no)
            if len(acc) <= 4:  # al-Bab: a bare "Bab" is a common word, the article counts
                had_article = all_tokens[0][1] or has_arabic_article(raw_tokens[0])
                short_article[acc] = short_article.get(acc, True) and had_article
            max_tokens = max(max_tokens, len(folded))
            for raw, tok in zip(raw_tokens, folded, strict=False):
                for sk in glossary_stem_keys(raw, variant.lang):
                    stems.setdefault(sk, tok)
            for tok in set(folded):
                token_variants[tok].append(v_no)
                phon_variants[phonetic_token(tok)].append(v_no)
                entry_tokens.add(tok)
            if fuzzy_ok:
                first = folded[0]
                first_blocks["p:" + phonetic_token(first)].append(v_no)
                first_blocks[f"f:{first[:2]}:{len(first)}"].append(v_no)
        for tok in entry_tokens:
            doc_freq[tok] += 1
    ix.keys = dict(keys)
    ix.cs_keys = dict(cs_keys)
    ix.first_blocks = dict(first_blocks)
    ix.token_variants = dict(token_variants)
    ix.phon_variants = dict(phon_variants)
    n = max(1, len(glossary.entries))
    # informativeness of a token: rare tokens identify, common ones (muhammad) less so
    ix.idf = {
        tok: min(1.0, max(0.3, math.log(n / df) / math.log(max(n, 3)) + 0.5))
        for tok, df in doc_freq.items()
        if df > 1
    }
    ix.max_tokens = max_tokens
    ix.needs_article = {k for k, v in short_article.items() if v}
    return ix
