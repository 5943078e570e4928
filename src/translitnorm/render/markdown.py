"""``markdown``: the text with a footnote reference after each mention, and one footnote
per entry met (canonical form, type, definition, spellings seen) at the end.

>>> from translitnorm.model import Entry, Glossary
>>> from translitnorm.records import Match
>>> g = Glossary(entries=(Entry(id="raqqa", canonical="Raqqa", type="place",
...                             definition="A city in Syria."),))
>>> m = Match(9, 14, "Rakka", "raqqa", "Raqqa", "place", "Raqqa", "phonetic", 92.0)
>>> print(render_markdown("Fighting Rakka.", [m], g), end="")
Fighting Rakka[^raqqa].
<BLANKLINE>
[^raqqa]: **Raqqa** (place). A city in Syria. Spellings seen: Rakka.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from translitnorm.model import Entry, Glossary
from translitnorm.records import Match
from translitnorm.render.base import EntryLookup, Renderer, Write, entry_index, weave_known

_LABEL_UNSAFE = re.compile(r"[^\w.-]+")


def footnote_label(entry_id: str) -> str:
    """A footnote label safe in Markdown (no spaces, brackets or carets).

    >>> footnote_label("al qaida [2]")
    'al-qaida-2-'
    """
    return _LABEL_UNSAFE.sub("-", entry_id) or "entry"


def _one_line(text: str) -> str:
    return " ".join(text.split())


class MarkdownRenderer(Renderer):
    """Streams the text with ``[^id]`` references; writes the footnotes at the end."""

    def __init__(
        self, write: Write, glossary: Glossary | EntryLookup | None = None, *, headers: bool = False
    ) -> None:
        super().__init__(write)
        self.entries = entry_index(glossary)
        self.headers = headers
        # id -> (canonical, type, spellings seen in order)
        self._met: dict[str, tuple[str, str, dict[str, None]]] = {}
        self._last = "\n"
        self._docs = 0

    def begin_document(self, name: str) -> None:
        if self.headers:
            sep = "" if self._docs == 0 else ("\n" if self._last.endswith("\n") else "\n\n")
            self.write(f"{sep}## {name}\n\n")
            self._last = "\n"
        self._docs += 1

    def text(self, segment: str) -> None:
        self.write(segment)
        self._last = segment

    def _note(self, entry_id: str, canonical: str | None, type_: str | None, seen: str) -> str:
        entry = self.entries.get(entry_id)
        record = self._met.get(entry_id)
        if record is None:
            record = (
                entry.canonical if entry else (canonical or entry_id),
                entry.type if entry else (type_ or ""),
                {},
            )
            self._met[entry_id] = record
        record[2][" ".join(seen.split())] = None
        return f"[^{footnote_label(entry_id)}]"

    def mention(self, match: Match, *, line: int) -> None:
        if match.ambiguous:
            refs = "".join(self._note(c, None, None, match.text) for c in match.candidates)
        else:
            assert match.id is not None
            refs = self._note(match.id, match.canonical, match.type, match.text)
        self.write(match.text + refs)
        self._last = refs

    def end(self) -> None:
        if not self._met:
            return
        self.write("\n" if self._last.endswith("\n") else "\n\n")
        for entry_id, (canonical, type_, seen) in self._met.items():
            self.write(self.footnote(entry_id, canonical, type_, list(seen)) + "\n")

    def footnote(self, entry_id: str, canonical: str, type_: str, seen: list[str]) -> str:
        """One footnote definition line."""
        entry: Entry | None = self.entries.get(entry_id)
        parts = [f"[^{footnote_label(entry_id)}]: **{canonical}**"]
        if type_:
            parts[0] += f" ({type_})."
        else:
            parts[0] += "."
        if entry is not None and entry.definition:
            definition = _one_line(entry.definition)
            parts.append(definition if definition.endswith((".", "!", "?")) else definition + ".")
        parts.append("Spellings seen: " + ", ".join(seen) + ".")
        return " ".join(parts)


def render_markdown(
    text: str, matches: Iterable[Match], glossary: Glossary | EntryLookup | None = None
) -> str:
    """``text`` with footnote references and footnotes (see the module docstring)."""
    out: list[str] = []
    r = MarkdownRenderer(out.append, glossary)
    r.begin()
    weave_known(r, [text], matches, name="-")
    r.end()
    return "".join(out)
