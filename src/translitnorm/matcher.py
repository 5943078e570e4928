"""The public matcher: compile a glossary once, then annotate, rewrite, look up, explain.

(Engine under construction: signatures are final, bodies land with the engine issue.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from translitnorm.model import Glossary
from translitnorm.records import Candidate, Explanation, Match

RewriteStyle = Literal["canonical", "canonical-with-original", "first-mention"]


@dataclass(frozen=True, slots=True)
class MatchConfig:
    """Options for matching. ``phonetic``/``fuzzy`` off gives the fast exact+folded mode;
    ``threshold`` is the minimum score (0-100) a match or lookup candidate needs."""

    phonetic: bool = True
    fuzzy: bool = True
    threshold: float = 85.0


class Matcher:
    """A compiled glossary index. Build once, reuse; safe for concurrent reads; picklable."""

    def __init__(self, glossary: Glossary, config: MatchConfig | None = None) -> None:
        self.glossary = glossary
        self.config = config or MatchConfig()

    def annotate(self, text: str) -> list[Match]:
        """Every mention of a glossary entry in ``text``, sorted, non-overlapping."""
        raise NotImplementedError

    def annotate_stream(self, chunks: Iterable[str]) -> Iterator[Match]:
        """Like :meth:`annotate` over the concatenation of ``chunks`` (offsets into it)."""
        raise NotImplementedError

    def rewrite(self, text: str, *, style: RewriteStyle = "canonical") -> str:
        """``text`` with each unambiguous mention replaced according to ``style``."""
        raise NotImplementedError

    def lookup(self, name: str, *, limit: int = 5) -> list[Candidate]:
        """Ranked entries a whole name could be (empty list: no match)."""
        raise NotImplementedError

    def explain(self, name: str) -> Explanation:
        """The folding steps, keys, candidates and decision for ``name``."""
        raise NotImplementedError


def annotate_iter(matcher: Matcher, lines: Iterable[str]) -> Iterator[Match]:
    """Convenience: stream ``lines`` through ``matcher``."""
    return matcher.annotate_stream(lines)
