"""Looking up a whole name (a list entry, a query) against the glossary.

Unlike running text, a whole name may come in "SURNAME, Given" order, in upper case, with
titles, initials, missing middle names and particles (bin/ibn/ben, abu/umm, al-/el-).
Candidates come from a token index (folded and phonetic forms), never all-pairs, and are
scored with :func:`translitnorm.score.name_score`, the same scale as running-text matches.

>>> from translitnorm.model import Entry, Glossary, Variant
>>> from translitnorm.index import build_index
>>> g = Glossary(entries=(Entry(id="zawahiri", canonical="Ayman al-Zawahiri", type="person",
...     variants=(Variant("Aiman Muhammad Rabi al-Zawahiri"),)),))
>>> [(c.id, c.method) for c in lookup(build_index(g), "AL-ZAWAHIRI, Dr. Ayman")]
[('zawahiri', 'folded')]
"""

from __future__ import annotations

from typing import Final

from translitnorm.fold import fold_token, phonetic_token
from translitnorm.index import Index
from translitnorm.records import Candidate, Method
from translitnorm.score import name_score
from translitnorm.tokenize import name_tokens

TITLES: Final = frozenset(
    fold_token(t)
    for t in (
        "dr", "doctor", "mr", "mrs", "ms", "prof", "professor", "haji", "hajji", "hadji",
        "mullah", "mulla", "maulavi", "mawlawi", "maulana", "sheikh", "shaykh", "shaikh",
        "eng", "engineer", "general", "colonel", "col", "gen", "brigadier", "imam",
    )
)
"""Honorifics and ranks that are not part of a name."""

MAX_BLOCK: Final = 20_000
"""Tokens shared by more variants than this are not used to find candidates."""


def query_tokens(name: str) -> list[str]:
    """The folded tokens of a whole name: "SURNAME, Given" reordered, titles dropped.

    >>> query_tokens("AL-ZAWAHIRI, Dr. Ayman")
    ['aiman', 'zavahiri']
    """
    if name.count(",") == 1:
        surname, given = name.split(",")
        if given.strip() and surname.strip():
            name = f"{given} {surname}"
    out: list[str] = []
    for raw, art in name_tokens(name):
        if art:
            continue
        tok = fold_token(raw)
        if tok and tok not in TITLES:
            out.append(tok)
    return out


def variant_tokens(tokens: tuple[str, ...]) -> list[str]:
    """A variant's folded tokens with titles dropped."""
    return [t for t in tokens if t not in TITLES]


def lookup(index: Index, name: str, *, limit: int = 5, threshold: float = 85.0) -> list[Candidate]:
    """Ranked entries that ``name`` could be, best first; empty when none reaches ``threshold``.

    Entries whose scores tie at the top are all returned (the caller sees the ambiguity).
    """
    q = query_tokens(name)
    if not q or limit <= 0:
        return []
    ix = index
    joined = "".join(q)
    best: dict[int, tuple[float, int, Method]] = {}
    exact = ix.keys.get(joined)
    if exact is not None:
        for v in exact:
            e = ix.v_entry[v]
            method: Method = "exact" if ix.v_text[v] == name else "folded"
            score = 100.0 if method == "exact" else 97.0
            if e not in best or best[e][0] < score:
                best[e] = (score, v, method)
    for cs_v in ix.cs_keys.get(name.strip(), ()):
        best[ix.v_entry[cs_v]] = (100.0, cs_v, "exact")
    for v in _candidates(ix, q):
        e = ix.v_entry[v]
        vt = variant_tokens(ix.v_tokens[v])
        if not vt or not ix.v_fuzzy[v] and "".join(vt) != joined:
            continue
        score = name_score(q, vt, ix.idf)
        if score < threshold:
            continue
        same_phon = sorted(map(phonetic_token, q)) == sorted(map(phonetic_token, vt))
        method = "phonetic" if same_phon else "fuzzy"
        if sorted(q) == sorted(vt) or score >= 99.5:
            method = "folded"
            score = min(score, 97.0)
        else:
            score = min(score, 95.0)
        if e not in best or best[e][0] < score:
            best[e] = (score, v, method)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], ix.entry_ids[kv[0]]))
    out = [
        Candidate(ix.entry_ids[e], ix.entry_canonical[e], ix.entry_type[e], round(s, 1), m,
                  ix.v_text[v])
        for e, (s, v, m) in ranked
    ]
    return out[:limit]


def _candidates(ix: Index, q: list[str]) -> set[int]:
    found: set[int] = set()
    for tok in q:
        if len(tok) < 2:
            continue
        for table, key in ((ix.token_variants, tok), (ix.phon_variants, phonetic_token(tok))):
            refs = table.get(key)
            if refs is not None and len(refs) <= MAX_BLOCK:
                found.update(refs)
    return found
