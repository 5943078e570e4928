"""The straightforward, one variant at a time, index build: the oracle that the batched
:func:`translitnorm.index.build_index` is tested against (it was the implementation; its small
helper _add_prefixes, unchanged, is shared with it)."""

from __future__ import annotations

from collections import defaultdict

from translitnorm.fold import fold_token, has_arabic_article
from translitnorm.index import Index, _add_prefixes, add_stem, glossary_stem_keys
from translitnorm.model import Glossary
from translitnorm.tokenize import elision_length, name_tokens


def reference_build_index(glossary: Glossary) -> Index:
    """The one-variant-at-a-time build that ``build_index`` replaced (the oracle)."""
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
            if variant.ambiguous:
                ix.v_shared.add(v_no)
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
                        add_stem(stems, sk, tok)
    ix.keys = _pack(keys, ix)
    ix.cs_keys = _pack(cs_keys, ix)
    ix.max_tokens = max_tokens
    ix.needs_article = {k for k, v in short_article.items() if v}
    ix.support = _reference_support(glossary, {v_entry[v] for v in ix.v_shared})
    return ix


def _reference_support(glossary: Glossary, marked: set[int]) -> dict[int, list[int]]:
    """Each marked entry: itself, what it is related to or related from, and the places it
    is in, up the located-in chain (worked out entry by entry)."""
    number = {e.id: i for i, e in enumerate(glossary.entries)}

    def places_of(e: int, seen: set[int]) -> set[int]:
        for rel in glossary.entries[e].related:
            j = number.get(rel.id)
            if rel.relation == "located-in" and j is not None and j not in seen:
                seen.add(j)
                places_of(j, seen)
        return seen

    support = {}
    for e in marked:
        found = {e} | places_of(e, set())
        found |= {number[r.id] for r in glossary.entries[e].related if r.id in number}
        found |= {i for i, other in enumerate(glossary.entries)
                  if any(r.id == glossary.entries[e].id for r in other.related)}
        support[e] = sorted(found)
    return support


def _pack(table: dict[str, list[int]], ix: Index) -> dict[str, int]:
    """The variant lists as ``Index.variants_at`` reads them, one key at a time."""
    packed: dict[str, int] = {}
    for key, variants in table.items():
        if len(variants) == 1:
            packed[key] = variants[0]
        else:
            packed[key] = -len(ix.group_start)
            ix.group_flat.extend(variants)
            ix.group_start.append(len(ix.group_flat))
    return packed
