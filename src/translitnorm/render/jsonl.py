"""``jsonl``: one JSON object per mention — the machine-readable output contract.

Each line has exactly these keys (documented in ``docs/cli.md``):

``file``
    the input's name as given (``-`` for standard input)
``start``, ``end``
    code-point offsets into the decoded text (newlines counted as they are in the file)
``line``
    the 1-based line where the mention starts
``text``
    the text as written, ``text == content[start:end]``
``id``, ``canonical``, ``type``
    the entry matched; all three ``null`` when the mention is ambiguous
``variant``
    the glossary spelling that matched
``method``
    ``exact``, ``folded``, ``phonetic`` or ``fuzzy``
``score``
    0-100, 100 for an identical spelling
``ambiguous``
    the candidate entry ids when the mention is ambiguous, else ``[]``

>>> from translitnorm.records import Match
>>> m = Match(0, 5, "Raqqa", "raqqa", "Raqqa", "place", "Raqqa", "exact", 100.0)
>>> import json
>>> record = json.loads(render_jsonl("Raqqa", [m], name="a.txt"))
>>> list(record) == list(JSONL_KEYS), record["file"], record["line"], record["ambiguous"]
(True, 'a.txt', 1, [])
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from translitnorm.records import Match
from translitnorm.render.base import Renderer, Write, weave_known

JSONL_KEYS = (
    "file",
    "start",
    "end",
    "line",
    "text",
    "id",
    "canonical",
    "type",
    "variant",
    "method",
    "score",
    "ambiguous",
)
"""The keys of every ``jsonl`` record, in output order."""


def match_record(match: Match, *, file: str, line: int) -> dict[str, Any]:
    """The ``jsonl`` record of one mention.

    >>> from translitnorm.records import Match
    >>> m = Match(3, 14, "al-Shishani", None, None, None, "al-Shishani", "exact", 100.0,
    ...           candidates=("umar-shishani", "muslim-al-shishani"))
    >>> r = match_record(m, file="-", line=1)
    >>> r["id"], r["ambiguous"]
    (None, ['umar-shishani', 'muslim-al-shishani'])
    """
    return {
        "file": file,
        "start": match.start,
        "end": match.end,
        "line": line,
        "text": match.text,
        "id": match.id,
        "canonical": match.canonical,
        "type": match.type,
        "variant": match.variant,
        "method": match.method,
        "score": float(match.score),
        "ambiguous": list(match.candidates) if match.ambiguous else [],
    }


class JsonlRenderer(Renderer):
    """Writes one JSON line per mention as soon as it is found."""

    wants_text = False

    def __init__(self, write: Write) -> None:
        super().__init__(write)
        self._name = "-"

    def begin_document(self, name: str) -> None:
        self._name = name

    def mention(self, match: Match, *, line: int) -> None:
        record = match_record(match, file=self._name, line=line)
        self.write(json.dumps(record, ensure_ascii=False) + "\n")


def render_jsonl(text: str, matches: Iterable[Match], *, name: str = "-") -> str:
    """All mentions of ``matches`` in ``text`` as JSON lines (see the module docstring)."""
    out: list[str] = []
    r = JsonlRenderer(out.append)
    r.begin()
    weave_known(r, [text], matches, name=name)
    r.end()
    return "".join(out)
