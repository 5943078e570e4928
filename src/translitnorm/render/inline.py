"""``inline``: the text itself, each mention followed by its canonical form in ``[[...]]``.

Ambiguous mentions list their candidates after a ``?``:

>>> from translitnorm.records import Match
>>> ms = [Match(0, 13, "Ahrar as-Sham", "ahrar-al-sham", "Ahrar al-Sham", "organization",
...             "Ahrar as-Sham", "folded", 100.0),
...       Match(18, 29, "al-Shishani", None, None, None, "al-Shishani", "exact", 100.0,
...             candidates=("umar-shishani", "muslim-al-shishani"))]
>>> print(render_inline("Ahrar as-Sham and al-Shishani.", ms))
Ahrar as-Sham [[Ahrar al-Sham]] and al-Shishani [[? umar-shishani | muslim-al-shishani]].
"""

from __future__ import annotations

from collections.abc import Iterable

from translitnorm.records import Match
from translitnorm.render.base import Renderer, Write, weave_known


def inline_marker(match: Match) -> str:
    """The ``[[...]]`` marker that follows a mention.

    >>> from translitnorm.records import Match
    >>> inline_marker(Match(0, 5, "Rakka", "raqqa", "Raqqa", "place", "Raqqa", "fuzzy", 90.0))
    '[[Raqqa]]'
    """
    if match.ambiguous:
        return "[[? " + " | ".join(match.candidates) + "]]"
    return f"[[{match.canonical}]]"


class InlineRenderer(Renderer):
    """Copies the text through and marks each mention; with ``headers``, each document is
    preceded by a ``==> name <==`` line (as ``head`` does for several files)."""

    def __init__(self, write: Write, *, headers: bool = False) -> None:
        super().__init__(write)
        self.headers = headers
        self._docs = 0
        self._last = ""

    def begin_document(self, name: str) -> None:
        if self.headers:
            if self._docs and not self._last.endswith("\n"):
                self.write("\n")
            self.write(("\n" if self._docs else "") + f"==> {name} <==\n")
        self._docs += 1

    def text(self, segment: str) -> None:
        self.write(segment)
        self._last = segment

    def mention(self, match: Match, *, line: int) -> None:
        self.write(f"{match.text} {inline_marker(match)}")
        self._last = "]"


def render_inline(text: str, matches: Iterable[Match]) -> str:
    """``text`` with each mention marked (see the module docstring)."""
    out: list[str] = []
    r = InlineRenderer(out.append)
    r.begin()
    weave_known(r, [text], matches, name="-")
    r.end()
    return "".join(out)
