"""Typed result records: what the matcher returns to callers, the CLI and tests.

>>> m = Match(start=0, end=4, text="ISIS", id="islamic-state", canonical="Islamic State",
...           type="organization", variant="ISIS", method="exact", score=100.0)
>>> m.ambiguous
False
>>> m.as_dict()["id"]
'islamic-state'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Method = Literal["exact", "folded", "phonetic", "fuzzy"]
"""How a match was found, from strictest to loosest."""

METHODS: tuple[Method, ...] = ("exact", "folded", "phonetic", "fuzzy")


@dataclass(frozen=True, slots=True)
class Match:
    """A mention of a glossary entry in running text.

    ``start``/``end`` are code-point offsets into the original string, so
    ``text[m.start:m.end] == m.text``. When the span fits several entries equally, ``id``,
    ``canonical`` and ``type`` are ``None`` and ``candidates`` lists the entry ids.
    ``score`` is 0-100 and means the same across methods (100 = identical spelling).
    """

    start: int
    end: int
    text: str
    id: str | None
    canonical: str | None
    type: str | None
    variant: str
    method: Method
    score: float
    candidates: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        """True when the span could be several entries and none was picked."""
        return self.id is None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the ``jsonl`` output contract adds ``file`` and ``line``)."""
        d = asdict(self)
        d["candidates"] = list(self.candidates)
        return d


@dataclass(frozen=True, slots=True)
class Candidate:
    """One ranked answer of :meth:`translitnorm.Matcher.lookup`.

    >>> Candidate("raqqa", "Raqqa", "place", 100.0, "folded", "al-Raqqa").id
    'raqqa'
    """

    id: str
    canonical: str
    type: str
    score: float
    method: Method
    variant: str

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with keys id, canonical, type, score, method, variant."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class FoldStep:
    """One normalization step that changed a string: its name, input and output.

    >>> FoldStep("casefold", "ISIS", "isis").name
    'casefold'
    """

    name: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a name resolves the way it does: the folding steps, the keys, the candidates.

    ``decision`` is a short human sentence ("matched raqqa by folded key", "ambiguous
    between ...", "no match: best score 71 < 85").
    """

    query: str
    steps: tuple[FoldStep, ...]
    folded_key: str
    phonetic_key: str
    candidates: tuple[Candidate, ...]
    decision: str

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)
