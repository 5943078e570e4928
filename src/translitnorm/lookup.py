"""Looking up a whole name (a list entry, a query) against the glossary.

Unlike running text, a whole name may come in "SURNAME, Given" order, in upper case, with
titles, initials, missing middle names and particles (bin/ibn/ben, abu/umm, al-/el-).
Candidates come from a token index (folded and phonetic forms, and looser consonant keys),
never all-pairs, and are scored with :func:`translitnorm.score.name_score`, the same scale
as running-text matches; organisation names are also scored with their generic words
translated (:mod:`translitnorm.org_words`). When nothing reaches the threshold, weaker
rules (partial person names, acronyms, Arabic-script consonant skeletons, an organisation
with one generic adjective fewer or more, acronyms inside names) answer only when exactly
one entry fits.

>>> from translitnorm.model import Entry, Glossary, Variant
>>> from translitnorm.index import build_index
>>> g = Glossary(entries=(Entry(id="zawahiri", canonical="Ayman al-Zawahiri", type="person",
...     variants=(Variant("Aiman Muhammad Rabi al-Zawahiri"),)),))
>>> [(c.id, c.method) for c in lookup(build_index(g), "AL-ZAWAHIRI, Dr. Ayman")]
[('zawahiri', 'folded')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from translitnorm.acronyms import (
    build_acronyms,
    initials_forms,
    is_acronym,
    merge_acronym_runs,
)
from translitnorm.consonant_skeleton import (
    is_arabic_token,
    name_skeleton,
    skeleton,
    skeleton_match,
)
from translitnorm.fold import fold_token, folded_tokens, phonetic_token
from translitnorm.index import Index, spelling_key
from translitnorm.kunya import nominative
from translitnorm.org_words import (
    is_distinctive,
    is_generic_adjective,
    is_small,
    org_tokens,
)
from translitnorm.records import Candidate, Method
from translitnorm.score import LOW_WEIGHT_TOKENS, name_score, partial_name_score
from translitnorm.titles import TITLES
from translitnorm.tokenize import name_tokens

COMPOUND_HEADS: Final = frozenset({"abd", "abu", "um", "umm"})
"""Name parts that make one name with the word after them (Abd al-Rahman, Abu Bakr)."""

MAX_BLOCK: Final = 20_000
"""Tokens shared by more variants than this are not used to find candidates."""


def query_tokens(name: str) -> list[str]:
    """The folded tokens of a whole name: "SURNAME, Given" reordered, titles dropped.

    >>> query_tokens("AL-ZAWAHIRI, Dr. Ayman")
    ['aiman', 'zavahiri']
    >>> query_tokens("Abd al-Rahman") == query_tokens("Abdurrahman")
    True
    >>> query_tokens("Ali ibn Abi Talib") == query_tokens("Ali bin Abu Talib")
    True
    """
    if name.count(",") == 1:
        surname, given = name.split(",")
        if given.strip() and surname.strip():
            name = f"{given} {surname}"
    raw_tokens = name_tokens(name)
    words = [PARTICLE_FORMS.get(tok, tok) for raw, art in raw_tokens
             if not art and (tok := fold_token(raw))]
    words = [(nominative(tok) or tok) if k < len(words) - 1 else tok
             for k, tok in enumerate(words)]  # ibn Abi Talib: Abu in another case
    # titles go, unless that would leave less than a name (SAEED, Hafiz) or the word is
    # part of a compound name (Abdul Hafiz)
    keep_titles = sum(1 for w in words if w not in TITLES) < 2
    out: list[str] = []
    glue = False
    for tok in words:
        if tok in TITLES and not keep_titles and not glue:
            continue
        if glue:
            out[-1] += tok  # Abd al-Rahman -> abdrahman, like Abdurrahman
        else:
            out.append(tok)
        glue = tok in COMPOUND_HEADS and not glue
    return out


PARTICLE_FORMS: Final = {
    fold_token(t): fold_token(to) for t, to in (
        ("ebn", "ibn"), ("ebni", "ibn"), ("ibni", "ibn"), ("bni", "ibn"), ("binti", "bint"),
    )
}
"""Other spellings of the particles (Persian ``ebn``, ``ibni``, Malay ``binti``), folded."""


@lru_cache(maxsize=200_000)
def _name_tokens_cached(text: str) -> tuple[str, ...]:
    return tuple(query_tokens(text))


_PARENS: Final = re.compile(r"\(([^()]*)\)")
_SPACED_SLASH: Final = re.compile(r"\s+/\s+")


def name_forms(name: str) -> list[str]:
    """The name and the other forms it spells out: a bracketed part is optional, and an
    alternative of its own when it is the acronym of the rest; words on either side of a
    spaced slash are two names.

    >>> name_forms("ISLAMIC JIHAD UNION (IJU)")
    ['ISLAMIC JIHAD UNION (IJU)', 'ISLAMIC JIHAD UNION', 'IJU']
    >>> name_forms("AIR FORCE, IRGC (PASDARAN)")
    ['AIR FORCE, IRGC (PASDARAN)', 'AIR FORCE, IRGC']
    >>> name_forms("AL-ITIHAAD AL-ISLAMIYA / AIAI")
    ['AL-ITIHAAD AL-ISLAMIYA / AIAI', 'AL-ITIHAAD AL-ISLAMIYA', 'AIAI']
    >>> name_forms("Ahrar al-Sham")
    ['Ahrar al-Sham']
    """
    forms = [name]
    if "(" in name:
        outside = " ".join(_PARENS.sub(" ", name).split())
        forms.append(outside)
        initials = initials_forms(outside)
        forms.extend(inner for m in _PARENS.finditer(name)
                     if (inner := m.group(1).strip()).upper() in initials)
    if "/" in name:
        for form in list(forms):
            forms.extend(part.strip() for part in _SPACED_SLASH.split(form) if part != form)
    return [f for f in dict.fromkeys(forms) if f.strip(" ,()/")]


@lru_cache(maxsize=200_000)
def _forms_tokens(text: str) -> tuple[tuple[str, ...], ...]:
    """The whole-name tokens of each form of ``text`` (see :func:`name_forms`)."""
    return tuple(dict.fromkeys(_name_tokens_cached(f) for f in name_forms(text)))


def _variant_tokens(ix: Index, v: int) -> tuple[str, ...]:
    """A variant's tokens as a whole name (reordered, titles dropped), as for a query."""
    return _name_tokens_cached(ix.v_text[v])


def lookup(index: Index, name: str, *, limit: int = 5, threshold: float = 85.0,
           approximate: bool = True) -> list[Candidate]:
    """Ranked entries that ``name`` could be, best first; empty when none reaches ``threshold``.

    Entries whose scores tie at the top are all returned (the caller sees the ambiguity).
    With ``approximate=False`` only names equal after folding are found (the exact+folded
    mode, no token alignment).
    """
    q = query_tokens(name)
    if not q or limit <= 0:
        return []
    ix = index
    ix.lookup_tables()
    if approximate:
        _tables(ix)  # built with the lookup tables, on first use
    joined = "".join(q)
    toks = folded_tokens(name)
    best: dict[int, tuple[float, int, Method]] = {}
    exact = ix.keys.get(joined)
    if exact is None:
        exact = ix.keys.get("".join(toks))  # as written (q turns "SURNAME, Given" round)
    if exact is None:
        exact = ix.keys.get(spelling_key(name))  # as the index reads it (d'Irak: Irak)
    if exact is not None:
        for v in ix.variants_at(exact):
            e = ix.v_entry[v]
            method: Method = "exact" if ix.v_text[v] == name else "folded"
            score = 100.0 if method == "exact" else 97.0
            if e not in best or best[e][0] < score:
                best[e] = (score, v, method)
    cs = ix.cs_keys.get(name.strip())
    for cs_v in ix.variants_at(cs) if cs is not None else ():
        best[ix.v_entry[cs_v]] = (100.0, cs_v, "exact")
    q_forms = _forms_tokens(name)
    cands = _candidates(ix, toks) if approximate else set()
    _score_candidates(ix, cands, q_forms, joined, threshold, best)
    if not best and approximate:
        # spellings further off: looser keys, only when the usual ones found nothing
        loose = _loose_candidates(ix, toks) - cands
        _score_candidates(ix, loose, q_forms, joined, threshold, best)
        cands |= loose
    if not best and approximate:
        best = _fallback(ix, name, q, threshold, cands)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], ix.entry_ids[kv[0]]))
    out = [
        Candidate(ix.entry_ids[e], ix.entry_canonical[e], ix.entry_type[e], round(s, 1), m,
                  ix.v_text[v])
        for e, (s, v, m) in ranked
    ]
    return out[:limit]


def _score_candidates(ix: Index, cands: set[int], q_forms: tuple[tuple[str, ...], ...],
                      joined: str, threshold: float,
                      best: dict[int, tuple[float, int, Method]]) -> None:
    """Score the candidate variants against the query's forms into ``best`` (per entry)."""
    for v in cands:
        e = ix.v_entry[v]
        person = ix.entry_type[e] == "person"
        org = ix.entry_type[e] == "organization"
        score = 0.0
        vt: tuple[str, ...] = ()
        qt: tuple[str, ...] = ()
        for v_form in _forms_tokens(ix.v_text[v]):
            if not v_form or (not ix.v_fuzzy[v] and "".join(v_form) != joined):
                continue
            for q_form in q_forms:
                if org:
                    oq, ov = org_tokens(q_form), org_tokens(v_form)
                    if not _org_words_fit(oq, ov):
                        continue
                s = name_score(q_form, v_form, ix.idf, person=person)
                if org and (oq != q_form or ov != v_form):
                    # generic words translated, legal forms as one (never "folded": the
                    # spellings differ)
                    s = max(s, min(95.0, name_score(oq, ov, ix.idf, person=False)))
                if s > score:
                    score, vt, qt = s, v_form, q_form
        if score < threshold:
            continue
        same_phon = sorted(map(phonetic_token, qt)) == sorted(map(phonetic_token, vt))
        method: Method = "phonetic" if same_phon else "fuzzy"
        if sorted(qt) == sorted(vt) or score >= 99.5:
            method = "folded"
            score = min(score, 97.0)
        else:
            score = min(score, 95.0)
        if e not in best or best[e][0] < score:
            best[e] = (score, v, method)


def _org_words_fit(q: tuple[str, ...], v: tuple[str, ...]) -> bool:
    """May two organisation names (:func:`translitnorm.org_words.org_tokens`) be compared
    at all? A name made of generic words only ("Islamic", "Islamic Company") must have the
    same generic words as the other: leaving out or swapping a weak word ("group", a legal
    form) is only forgiven beside a word of the name itself.

    >>> _org_words_fit(("islamik",), ("islamik", "grup"))
    False
    >>> _org_words_fit(("hizbala",), ("hizbala", "grup"))
    True
    """
    if any(map(is_distinctive, q)):
        return True
    return {t for t in q if not is_small(t)} == {t for t in v if not is_small(t)}


def _candidates(ix: Index, q: list[str]) -> set[int]:
    """Variants sharing a folded or phonetic token with ``q``."""
    found: set[int] = set()
    for tok in q:
        if len(tok) < 2:
            continue
        for table, key in ((ix.token_variants, tok), (ix.phon_variants, phonetic_token(tok))):
            refs = table.get(key)
            if refs is not None and len(refs) <= MAX_BLOCK:
                found.update(refs)
    return found


def _loose_candidates(ix: Index, q: list[str]) -> set[int]:
    """Variants sharing a loose key (see :func:`_loose_keys`) with ``q``: spellings whose
    vowels differ more than the phonetic form allows (``grupe``/``grup``)."""
    found: set[int] = set()
    loose = _tables(ix).loose_keys
    for tok in q:
        for key in _loose_keys(tok) if len(tok) >= 2 else ():
            refs = loose.get(key)
            if refs is not None and len(refs) <= MAX_LOOSE_BLOCK:
                found.update(refs)
    return found


MAX_LOOSE_BLOCK: Final = 500
"""Loose keys shared by more variants than this find no candidates."""


def _loose_keys(tok: str) -> list[str]:
    """Keys that find spellings of a Latin token whose vowels, h or ending differ more than
    the phonetic form allows: its consonant skeleton with and without h (``muhajirin``,
    ``muajirin``), and its first five letters when it is long (``palaestinensische``,
    ``palaestinenser``)."""
    if not tok.isascii():
        return []
    sk = skeleton(tok)
    keys = [sk] if len(sk) >= 3 else []
    no_h = sk.replace("h", "")
    if len(no_h) >= 3 and no_h != sk:
        keys.append(no_h)
    if len(tok) >= 7:
        keys.append("^" + tok[:5])
    return keys


FALLBACK_CAP: Final = 90.0
"""Highest score a fallback rule gives: weaker evidence than a full name."""


def _fallback(ix: Index, name: str, q: list[str], threshold: float,
              cands: set[int]) -> dict[int, tuple[float, int, Method]]:
    """Weaker rules, tried only when no full-name match reached ``threshold``.

    Each rule must point at exactly one entry: when it fits several, the name is ambiguous
    and nothing is answered (a partial name shared by two entries identifies neither).
    """
    found: dict[int, tuple[float, int, Method]] = {}
    if is_acronym(name) and q[0] not in ix.tokens:
        owners = _tables(ix).acronyms.get(name.strip(), {})
        if len(owners) == 1 and threshold <= FALLBACK_CAP:
            ((e, v),) = owners.items()
            return {e: (FALLBACK_CAP, v, "fuzzy")}
        return {}
    q_arabic = [is_arabic_token(t) for t in q]
    if all(q_arabic) or not any(q_arabic):
        # Arabic script against Latin spellings (or back): consonant skeletons
        tables = _tables(ix)
        other_script = tables.latin_skeletons if q_arabic[0] else tables.arabic_skeletons
        q_skel = name_skeleton(q) if other_script else ()
        near: set[int] = set()
        for sk in q_skel:
            near.update(other_script.get(sk, ()))
        for v in near:
            if ix.v_fuzzy[v] and skeleton_match(q_skel, tables.skeletons[v]) \
                    and threshold <= SKELETON_SCORE:
                found[ix.v_entry[v]] = (SKELETON_SCORE, v, "phonetic")
        if found:
            return found if len(found) == 1 else {}
    found = _org_without_generic_word(ix, name, threshold, cands) \
        or _org_acronym_runs(ix, name, threshold, cands)
    if found:
        return found if len(found) == 1 else {}
    q_core = [t for t in q if t not in LOW_WEIGHT_TOKENS]
    if len(q_core) >= 2:
        for v in cands:
            e = ix.v_entry[v]
            if ix.entry_type[e] != "person" or not ix.v_fuzzy[v]:
                continue
            vt = [t for t in _variant_tokens(ix, v) if t not in LOW_WEIGHT_TOKENS]
            if len(q_core) > len(vt) and name.count(",") != 1:
                continue  # extra names only in the list form "SURNAME, Given ..."
            score = min(partial_name_score(q_core, vt), FALLBACK_CAP)
            if score >= threshold and (e not in found or found[e][0] < score):
                found[e] = (score, v, "fuzzy")
    return found if len(found) == 1 else {}


def _org_without_generic_word(ix: Index, name: str, threshold: float,
                              cands: set[int]) -> dict[int, tuple[float, int, Method]]:
    """Organisation variants that ``name`` spells once one generic adjective of theirs is
    left out (``Egyptian Jihad`` for ``Egyptian Islamic Jihad``), or once one generic
    adjective of the name is (``National Corvan Shield Works`` for ``Corvan Shield
    Works``: the same rule the other way round), when the name keeps two distinctive
    words or more; any other extra word is never forgiven, and only one word may differ."""
    found: dict[int, tuple[float, int, Method]] = {}
    q_forms = [org_tokens(f) for f in _forms_tokens(name)]
    q_forms = [f for f in q_forms if sum(map(is_distinctive, f)) >= 2]
    if not q_forms:
        return found
    q_shorter = [(f[:j] + f[j + 1:]) for f in q_forms for j, tok in enumerate(f)
                 if is_generic_adjective(tok)]
    q_shorter = [f for f in q_shorter if sum(map(is_distinctive, f)) >= 2]
    for v in cands:
        e = ix.v_entry[v]
        if ix.entry_type[e] != "organization" or not ix.v_fuzzy[v]:
            continue
        for v_form in map(org_tokens, _forms_tokens(ix.v_text[v])):
            pairs = [(q_form, v_form[:j] + v_form[j + 1:]) for j, tok in enumerate(v_form)
                     if is_generic_adjective(tok) for q_form in q_forms]
            pairs.extend((q_form, v_form) for q_form in q_shorter)
            for q_form, v_shorter in pairs:
                score = min(name_score(q_form, v_shorter, ix.idf, person=False) - 2.0,
                            FALLBACK_CAP)
                if score >= threshold and (e not in found or found[e][0] < score):
                    found[e] = (score, v, "fuzzy")
    return found


def _org_acronym_runs(ix: Index, name: str, threshold: float,
                      cands: set[int]) -> dict[int, tuple[float, int, Method]]:
    """Organisation variants that ``name`` spells once an acronym on one side stands for
    the words it abbreviates on the other (``IRGC AIR FORCE`` for ``Islamic Revolutionary
    Guards Corps Air Force``, and back)."""
    found: dict[int, tuple[float, int, Method]] = {}
    q_forms = _forms_tokens(name)
    for v in cands:
        e = ix.v_entry[v]
        if ix.entry_type[e] != "organization" or not ix.v_fuzzy[v]:
            continue
        for v_form in _forms_tokens(ix.v_text[v]):
            for q_form in q_forms:
                q2, v2 = merge_acronym_runs(v_form, q_form), merge_acronym_runs(q_form, v_form)
                if (q2, v2) == (q_form, v_form):
                    continue
                score = min(name_score(org_tokens(q2), org_tokens(v2), ix.idf, person=False)
                            - 2.0, FALLBACK_CAP)
                if score >= threshold and (e not in found or found[e][0] < score):
                    found[e] = (score, v, "fuzzy")
    return found


SKELETON_SCORE: Final = 88.0
"""The score of a name met only through its consonant skeleton (another script)."""


@dataclass(slots=True)
class _Derived:
    """Tables the fallback rules derive from an index on first use."""

    acronyms: dict[str, dict[int, int]]
    skeletons: list[tuple[str, ...]]
    arabic_skeletons: dict[str, list[int]]  # a skeleton word -> Arabic-script variants
    latin_skeletons: dict[str, list[int]]  # ... -> Latin-script variants
    loose_keys: dict[str, list[int]]  # see _loose_keys()


_DERIVED: dict[int, tuple[Index, _Derived]] = {}
"""Derived tables by index identity (the few most recent indexes)."""


def _tables(ix: Index) -> _Derived:
    """The derived tables of ``ix``, built once (see :mod:`translitnorm.acronyms` and
    :mod:`translitnorm.consonant_skeleton`)."""
    held = _DERIVED.get(id(ix))
    if held is not None and held[0] is ix:
        return held[1]
    skeletons: list[tuple[str, ...]] = []
    by_script: tuple[dict[str, list[int]], dict[str, list[int]]] = ({}, {})
    loose: dict[str, list[int]] = {}
    for v in range(len(ix.v_text)):
        toks = _variant_tokens(ix, v)
        arabic = [is_arabic_token(t) for t in toks]
        sk = name_skeleton(toks) if toks and (all(arabic) or not any(arabic)) else ()
        skeletons.append(sk)
        for part in set(sk):
            if len(part) >= 2:
                by_script[0 if arabic[0] else 1].setdefault(part, []).append(v)
        if ix.v_fuzzy[v]:
            for key in {k for tok in toks for k in _loose_keys(tok)}:
                loose.setdefault(key, []).append(v)
    table = _Derived(
        acronyms=build_acronyms(ix.v_text, ix.v_entry, ix.entry_type),
        skeletons=skeletons, arabic_skeletons=by_script[0], latin_skeletons=by_script[1],
        loose_keys=loose,
    )
    if len(_DERIVED) >= 8:
        _DERIVED.pop(next(iter(_DERIVED)))
    _DERIVED[id(ix)] = (ix, table)
    return table
