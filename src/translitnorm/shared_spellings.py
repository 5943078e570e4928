"""Spellings the glossary marks ``ambiguous: true``: shared with things it may not hold.

*Duma* is the Syrian town and the Russian parliament, *ISI* the Islamic State of Iraq and
Pakistan's intelligence service, *Abu Jaber* a common kunya. A glossary editor marks such
a spelling ``ambiguous: true``. A match on it alone is then reported as ambiguous (``id`` is
``None``, ``candidates`` names the entry) unless the same sentence settles it: it also
mentions the entry in another spelling, or an entry related to it in the glossary (either
way), as *Eastern Ghouta* settles *Duma*.

A sentence ends where the text may be cut for streaming (:data:`~translitnorm.stream.
SENTENCE_END`: ". ", "! ", "? " or a blank line), so a piece of a stream holds whole
sentences and settles the same matches as the whole text.

Which spelling a match was made on: the one it is written as (letter case aside), else
the spellings of the entry that fold to the same key, in the script it is written in
(*Думе* is an inflected *Дума*, not *Douma*); it is a marked one when all of those are.

>>> from translitnorm.model import Entry, Glossary, Relation, Variant
>>> from translitnorm.matcher import Matcher
>>> g = Glossary(entries=(
...     Entry(id="douma", canonical="Douma", type="place", variants=(
...         Variant("Duma", ambiguous=True),), related=(Relation("ghouta", "located-in"),)),
...     Entry(id="ghouta", canonical="Eastern Ghouta", type="place"),
... ))
>>> m = Matcher(g)
>>> [(x.text, x.id, x.candidates) for x in m.annotate("The Duma passed a law.")]
[('Duma', None, ('douma',))]
>>> [(x.text, x.id) for x in m.annotate("Rebels held Duma in Eastern Ghouta.")]
[('Duma', 'douma'), ('Eastern Ghouta', 'ghouta')]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple

from translitnorm.index import Index, spelling_key
from translitnorm.records import Match
from translitnorm.stats import script_of
from translitnorm.stream import SENTENCE_END


class _Spelling(NamedTuple):
    casefolded: str
    key: str
    script: str | None
    shared: bool


class _Tables(NamedTuple):
    spellings: dict[str, list[_Spelling]]  # entry id -> its spellings (entries with marks)
    support: dict[str, frozenset[str]]  # entry id -> the entry ids that settle it


class SharedSpellings:
    """The marked spellings of an index, and what settles them (built on first use)."""

    def __init__(self, ix: Index) -> None:
        self.ix = ix
        self._tables: _Tables | None = None

    def tables(self) -> _Tables:
        """The spellings of the entries with marked ones, and what settles each entry."""
        if self._tables is None:
            ix = self.ix
            ids = ix.entry_ids
            wanted = set(ix.support)
            spellings: dict[str, list[_Spelling]] = {}
            for v, e in enumerate(ix.v_entry):
                if e in wanted:
                    text = ix.v_text[v]
                    spellings.setdefault(ids[e], []).append(_Spelling(
                        text.casefold(), spelling_key(text), script_of(text), v in ix.v_shared))
            support = {ids[e]: frozenset(ids[s] for s in others)
                       for e, others in ix.support.items()}
            self._tables = _Tables(spellings, support)
        return self._tables

    def is_shared(self, m: Match) -> bool:
        """Was ``m`` (a match of one entry) made on a marked spelling?"""
        spellings = self.tables().spellings.get(m.id) if m.id is not None else None
        if spellings is None:
            return False
        surface = m.text.casefold()
        for s in spellings:
            if s.casefolded == surface:
                return s.shared
        key = next((s.key for s in spellings if s.casefolded == m.variant.casefold()), None)
        if key is None:
            return False
        same_key = [s for s in spellings if s.key == key]
        script = script_of(m.text)
        in_script = [s for s in same_key if s.script == script] or same_key
        return all(s.shared for s in in_script)

    def settle(self, text: str, matches: list[Match]) -> list[Match]:
        """``matches`` (of ``text``, sorted) with each one made on a marked spelling and
        not settled by its sentence turned ambiguous."""
        shared = [i for i, m in enumerate(matches) if self.is_shared(m)]
        if not shared:
            return matches
        ends = [0, *(x.end() for x in SENTENCE_END.finditer(text))]
        starts = [m.start for m in matches]
        out = list(matches)
        marked = set(shared)
        for i in shared:
            m = matches[i]
            assert m.id is not None
            first = ends[bisect_right(ends, m.start) - 1]
            after = bisect_left(ends, m.end)
            last = ends[after] if after < len(ends) else len(text)
            support = self.tables().support[m.id]
            lo, hi = bisect_left(starts, first), bisect_left(starts, last)
            if any(j != i and matches[j].id in support
                   and (matches[j].id != m.id or j not in marked) for j in range(lo, hi)):
                continue
            out[i] = Match(m.start, m.end, m.text, None, None, None, m.variant, m.method,
                           m.score, (m.id,))
        return out
