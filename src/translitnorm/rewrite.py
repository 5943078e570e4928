"""Rewriting text: replace mentions with canonical forms, leaving everything else as it is.

Styles:

* ``canonical``: each unambiguous mention becomes the entry's canonical form;
* ``canonical-with-original``: ``Canonical (as written)`` where the two differ;
* ``first-mention``: the first mention of each entry becomes ``Canonical (as written)``,
  later mentions stay as written.

Ambiguous mentions are never rewritten. Rewriting twice gives the same text as once.

>>> from translitnorm.records import Match
>>> m = Match(3, 12, "ar-Raqqah", "raqqa", "Raqqa", "place", "Raqqa", "folded", 97.0)
>>> rewrite_text("In ar-Raqqah.", [m], style="canonical-with-original")
'In Raqqa (ar-Raqqah).'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from translitnorm.records import Match

RewriteStyle = Literal["canonical", "canonical-with-original", "first-mention"]
STYLES: tuple[RewriteStyle, ...] = ("canonical", "canonical-with-original", "first-mention")


def _already_expanded(text: str, matches: Sequence[Match], i: int) -> bool:
    """Is match ``i`` the ``Canonical`` of a ``Canonical (original)`` pair written earlier?"""
    m = matches[i]
    if i + 1 >= len(matches) or m.id is None or m.text != m.canonical:
        return False
    nxt = matches[i + 1]
    return (nxt.id == m.id and text[m.end:nxt.start] == " ("
            and text[nxt.end:nxt.end + 1] == ")")


def rewrite_text(text: str, matches: Sequence[Match], *, style: RewriteStyle = "canonical") -> str:
    """Apply ``style`` to ``matches`` (sorted, non-overlapping) in ``text``.

    >>> from translitnorm.records import Match
    >>> m = Match(0, 4, "ISIL", "islamic-state", "Islamic State", "organization", "ISIL",
    ...           "exact", 100.0)
    >>> rewrite_text("ISIL said", [m])
    'Islamic State said'
    """
    if style not in STYLES:
        raise ValueError(f"unknown rewrite style {style!r}; use one of {', '.join(STYLES)}")
    out: list[str] = []
    pos = 0
    seen: set[str] = set()
    skip_next = False
    for i, m in enumerate(matches):
        if skip_next:
            skip_next = False
            if m.id is not None:
                seen.add(m.id)
            continue
        if m.id is None or m.canonical is None:
            continue
        if _already_expanded(text, matches, i):
            seen.add(m.id)
            skip_next = True
            continue
        if style == "canonical":
            new = m.canonical
        elif style == "canonical-with-original":
            new = m.canonical if m.text == m.canonical else f"{m.canonical} ({m.text})"
        else:
            if m.id in seen:
                seen.add(m.id)
                continue
            new = m.canonical if m.text == m.canonical else f"{m.canonical} ({m.text})"
        seen.add(m.id)
        out.append(text[pos:m.start])
        out.append(new)
        pos = m.end
    out.append(text[pos:])
    return "".join(out)
