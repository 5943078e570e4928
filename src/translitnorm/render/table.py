"""``table``: a terminal summary, one row per entry met — entry, type, count, spellings seen.

Colour (ANSI escapes, one colour per type) only when asked for; the CLI asks only when
standard output is a terminal and ``NO_COLOR`` is not set.

>>> from translitnorm.records import Match
>>> ms = [Match(0, 5, "Rakka", "raqqa", "Raqqa", "place", "Raqqa", "phonetic", 92.0),
...       Match(10, 15, "Raqqa", "raqqa", "Raqqa", "place", "Raqqa", "exact", 100.0)]
>>> print(render_table(ms))
entry  id     type   count  spellings seen
-----  -----  -----  -----  --------------------
Raqqa  raqqa  place      2  Rakka (1), Raqqa (1)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from translitnorm.records import Match
from translitnorm.render.base import Renderer, Write

TYPE_COLORS = {
    "organization": "33",
    "person": "36",
    "place": "32",
    "term": "35",
    "event": "34",
    "other": "37",
    "ambiguous": "31",
}
"""ANSI colour codes per entry type."""


@dataclass
class TableRow:
    """One row of the summary."""

    entry: str
    id: str
    type: str
    count: int = 0
    seen: dict[str, int] = field(default_factory=dict)


def format_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: Sequence[int] = (),
    colors: Sequence[str | None] | None = None,
) -> str:
    """Plain aligned columns separated by two spaces, with a dashed rule under the header.

    ``right`` lists the columns to right-align; ``colors`` gives an ANSI colour code per row
    (applied to the whole row).

    >>> print(format_table(["a", "bb"], [["x", "1"], ["yyy", "22"]], right=[1]))
    a    bb
    ---  --
    x     1
    yyy  22
    """
    widths = [len(h) for h in header]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            last = i == len(cells) - 1
            if i in right:
                out.append(cell.rjust(widths[i]))
            else:
                out.append(cell if last else cell.ljust(widths[i]))
        return "  ".join(out).rstrip()

    lines = [line(header), "  ".join("-" * w for w in widths)]
    for n, row in enumerate(rows):
        text = line(row)
        color = colors[n] if colors is not None else None
        lines.append(f"\x1b[{color}m{text}\x1b[0m" if color else text)
    return "\n".join(lines)


def _clip_ids(ids: Sequence[str], width: int = 60) -> str:
    """Candidate ids joined with `` | ``, cut to about ``width`` characters.

    >>> _clip_ids(["a", "b"]), _clip_ids(["alpha", "beta", "gamma"], width=12)
    ('a | b', 'alpha | beta (+1)')
    """
    shown: list[str] = []
    for i, cid in enumerate(ids):
        if shown and len(" | ".join([*shown, cid])) > width:
            return " | ".join(shown) + f" (+{len(ids) - i})"
        shown.append(cid)
    return " | ".join(shown)


class TableRenderer(Renderer):
    """Counts mentions per entry and prints the summary table at the end."""

    wants_text = False

    def __init__(self, write: Write, *, color: bool = False) -> None:
        super().__init__(write)
        self.color = color
        self.rows: dict[str, TableRow] = {}
        self.mentions = 0
        self.documents = 0

    def begin_document(self, name: str) -> None:
        self.documents += 1

    def mention(self, match: Match, *, line: int) -> None:
        self.mentions += 1
        if match.ambiguous:
            key = "? " + " | ".join(match.candidates)
            row = self.rows.setdefault(
                key, TableRow("(ambiguous)", _clip_ids(match.candidates), "ambiguous")
            )
        else:
            key = match.id or ""
            row = self.rows.setdefault(
                key, TableRow(match.canonical or key, key, match.type or "other")
            )
        row.count += 1
        seen = " ".join(match.text.split())  # a mention may span a line break
        row.seen[seen] = row.seen.get(seen, 0) + 1

    def end(self) -> None:
        self.write(self.summary() + "\n")

    def summary(self) -> str:
        """The table as text (a one-line notice when nothing was found)."""
        if not self.rows:
            return "no mentions found"
        rows = sorted(self.rows.values(), key=lambda r: (-r.count, r.entry.casefold(), r.id))
        cells = [
            [
                r.entry,
                r.id,
                r.type,
                str(r.count),
                ", ".join(
                    f"{s} ({n})" for s, n in sorted(r.seen.items(), key=lambda x: (-x[1], x[0]))
                ),
            ]
            for r in rows
        ]
        colors = [TYPE_COLORS.get(r.type, "37") for r in rows] if self.color else None
        return format_table(
            ["entry", "id", "type", "count", "spellings seen"], cells, right=[3], colors=colors
        )


def render_table(matches: Iterable[Match], *, color: bool = False) -> str:
    """The summary table of ``matches`` (see the module docstring)."""
    r = TableRenderer(lambda s: None, color=color)
    for m in matches:
        r.mention(m, line=0)
    return r.summary()
