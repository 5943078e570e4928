"""Plain-text views of lookups, explanations and problems, for terminals and logs.

>>> from translitnorm.records import Candidate
>>> c = Candidate("raqqa", "Raqqa", "place", 92.0, "phonetic", "Raqqa")
>>> print(format_candidates("Rakka", [c]))
query: Rakka
score  id     canonical  type   method    variant
-----  -----  ---------  -----  --------  -------
 92.0  raqqa  Raqqa      place  phonetic  Raqqa
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from translitnorm.errors import Problem
from translitnorm.records import Candidate, Explanation
from translitnorm.render.table import format_table


def lookup_record(query: str, candidates: Iterable[Candidate]) -> dict[str, Any]:
    """The ``json``/``jsonl`` object of one lookup: ``{"query": ..., "candidates": [...]}``.

    >>> lookup_record("x", [])
    {'query': 'x', 'candidates': []}
    """
    return {"query": query, "candidates": [c.as_dict() for c in candidates]}


def format_candidates(query: str, candidates: Sequence[Candidate]) -> str:
    """A small table of ranked candidates under a ``query:`` line (or ``no match``)."""
    if not candidates:
        return f"query: {query}\nno match"
    rows = [[f"{c.score:.1f}", c.id, c.canonical, c.type, c.method, c.variant] for c in candidates]
    table = format_table(["score", "id", "canonical", "type", "method", "variant"], rows, right=[0])
    return f"query: {query}\n{table}"


def format_explanation(e: Explanation) -> str:
    """An explanation as readable text: steps, keys, candidates, decision.

    >>> from translitnorm.records import FoldStep
    >>> e = Explanation("ISIS", (FoldStep("casefold", "ISIS", "isis"),), "isis", "ISS", (),
    ...                 "no match: no candidate")
    >>> print(format_explanation(e))
    query:         'ISIS'
    folding steps:
      casefold      'ISIS' -> 'isis'
    folded key:    'isis'
    phonetic key:  'ISS'
    candidates:    none
    decision:      no match: no candidate
    """
    lines = [f"query:         {e.query!r}"]
    if e.steps:
        width = max(len(s.name) for s in e.steps)
        lines.append("folding steps:")
        lines += [f"  {s.name.ljust(max(width, 12))}  {s.before!r} -> {s.after!r}" for s in e.steps]
    else:
        lines.append("folding steps: none changed the text")
    lines.append(f"folded key:    {e.folded_key!r}")
    lines.append(f"phonetic key:  {e.phonetic_key!r}")
    if e.candidates:
        lines.append("candidates:")
        rows = [
            [f"{c.score:.1f}", c.id, c.canonical, c.type, c.method, c.variant] for c in e.candidates
        ]
        table = format_table(
            ["score", "id", "canonical", "type", "method", "variant"], rows, right=[0]
        )
        lines += ["  " + line for line in table.splitlines()]
    else:
        lines.append("candidates:    none")
    lines.append(f"decision:      {e.decision}")
    return "\n".join(lines)


def explanation_json(e: Explanation) -> str:
    """An explanation as pretty-printed JSON.

    >>> e = Explanation("Rakka", (), "rakka", "rk", (), "no match")
    >>> print(explanation_json(e))  # doctest: +ELLIPSIS
    {
      "query": "Rakka",
      "steps": [],
    ...
      "decision": "no match"
    }
    """
    return json.dumps(e.as_dict(), ensure_ascii=False, indent=2)


def problem_line(p: Problem) -> str:
    """``file:line:col: severity: message; hint [code]`` — one finding on one line.

    >>> from translitnorm.model import Location
    >>> problem_line(Problem(Location("g.yaml", 3, 7), "bad", hint="fix it", code="x",
    ...                      severity="warning"))
    'g.yaml:3:7: warning: bad; fix it [x]'
    """
    where = f"{p.location}: " if p.location is not None else ""
    hint = f"; {p.hint}" if p.hint else ""
    return f"{where}{p.severity}: {p.message}{hint} [{p.code}]"


def problem_record(p: Problem) -> dict[str, Any]:
    """A JSON-ready dict of a problem (``file``, ``line``, ``column`` null without a location).

    >>> problem_record(Problem(None, "no such file 'x.yaml'"))["file"] is None
    True
    """
    loc = p.location
    return {
        "file": loc.file if loc else None,
        "line": loc.line if loc else None,
        "column": loc.column if loc else None,
        "severity": p.severity,
        "code": p.code,
        "message": p.message,
        "hint": p.hint,
    }
