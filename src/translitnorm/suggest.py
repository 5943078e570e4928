"""Mine texts for spellings the glossary does not list yet.

A *suggestion* is a spelling found in a corpus that the matcher resolved to an entry only by
its ``phonetic`` or ``fuzzy`` method — so it is not yet one of the entry's variants — with
how often it occurs, its best score and the first line it was seen on. Writing suggestions
back goes through :func:`translitnorm.edit.add_variant`, one variant at a time.

>>> from translitnorm.model import Entry, Glossary
>>> from translitnorm.records import Match
>>> class Fake:
...     glossary = Glossary(entries=(Entry(id="raqqa", canonical="Raqqa", type="place"),))
...     def annotate_stream(self, chunks):
...         text = "".join(chunks)
...         for i in (4, 20):
...             yield Match(i, i + 5, "Rakka", "raqqa", "Raqqa", "place", "Raqqa", "phonetic", 91.0)
>>> import io
>>> [s] = suggest_from_streams(Fake(), [("a.txt", io.BytesIO(b"Off Rakka.\\nBack to Rakka.\\n"))])
>>> s.entry_id, s.text, s.count, s.score, str(s.location), s.context
('raqqa', 'Rakka', 2, 91.0, 'a.txt:1:5', 'Off Rakka.')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from translitnorm.edit import AddedVariant, add_variant, find_entry
from translitnorm.errors import InputError
from translitnorm.model import Glossary, Location
from translitnorm.records import Match
from translitnorm.render.base import DocumentWeaver, Renderer
from translitnorm.textio import DEFAULT_ENCODING, TextSource, iter_source_chunks, iter_text_chunks

SUGGEST_METHODS = ("phonetic", "fuzzy")
"""Match methods whose spellings are worth suggesting (exact/folded ones are known already)."""

CONTEXT_CHARS = 160
"""Context lines longer than this are cut around the mention."""


class SuggestMatcher(Protocol):
    """What :func:`suggest_variants` needs: a glossary and streaming annotation."""

    @property
    def glossary(self) -> Glossary: ...

    def annotate_stream(self, chunks: Iterable[str]) -> Any: ...


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A spelling seen in the corpus that could become a variant of ``entry_id``."""

    entry_id: str
    canonical: str
    text: str
    count: int
    score: float
    method: str
    variant: str
    context: str
    location: Location

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "id": self.entry_id,
            "canonical": self.canonical,
            "text": self.text,
            "count": self.count,
            "score": self.score,
            "method": self.method,
            "variant": self.variant,
            "context": self.context,
            "location": str(self.location),
        }


def _clip(line: str, column: int, length: int) -> str:
    if len(line.strip()) <= CONTEXT_CHARS:
        return line.strip()
    lo = max(0, column - 1 - (CONTEXT_CHARS - length) // 2)
    hi = min(len(line), lo + CONTEXT_CHARS)
    return ("…" if lo else "") + line[lo:hi].strip() + ("…" if hi < len(line) else "")


class _Miner(Renderer):
    wants_text = False

    def __init__(self, glossary: Glossary) -> None:
        super().__init__(lambda s: None)
        self.known: dict[str, set[str]] = {
            e.id: {v.text for v in e.all_variants()} for e in glossary.entries
        }
        self.canonical = {e.id: e.canonical for e in glossary.entries}
        self.found: dict[tuple[str, str], list[Any]] = {}
        self.weaver: DocumentWeaver | None = None
        self.name = "-"

    def begin_document(self, name: str) -> None:
        self.name = name

    def mention(self, match: Match, *, line: int) -> None:
        if match.ambiguous or match.method not in SUGGEST_METHODS or match.id is None:
            return
        if match.text in self.known.get(match.id, ()):
            return
        key = (match.id, match.text)
        rec = self.found.get(key)
        if rec is None:
            assert self.weaver is not None
            col = self.weaver.column_of(match.start)
            context = _clip(self.weaver.line_text(match.start), col, len(match.text))
            self.found[key] = [
                1,
                match.score,
                match.method,
                match.variant,
                context,
                Location(self.name, line, col),
            ]
        else:
            rec[0] += 1
            if match.score > rec[1]:
                rec[1:4] = [match.score, match.method, match.variant]

    def run(self, name: str, chunks: Iterable[str], matcher: SuggestMatcher) -> None:
        weaver = DocumentWeaver(self, name=name)
        self.weaver = weaver

        def recorded() -> Iterable[str]:
            for chunk in chunks:
                weaver.feed(chunk)
                yield chunk

        for match in matcher.annotate_stream(recorded()):
            weaver.match(match)
        weaver.close()

    def suggestions(self, min_count: int) -> list[Suggestion]:
        out = [
            Suggestion(
                entry_id=eid,
                canonical=self.canonical.get(eid, eid),
                text=text,
                count=rec[0],
                score=float(rec[1]),
                method=rec[2],
                variant=rec[3],
                context=rec[4],
                location=rec[5],
            )
            for (eid, text), rec in self.found.items()
            if rec[0] >= min_count
        ]
        return sorted(out, key=lambda s: (-s.count, -s.score, s.entry_id, s.text))


def suggest_variants(
    matcher: SuggestMatcher,
    sources: Sequence[TextSource],
    *,
    min_count: int = 1,
    encoding: str = DEFAULT_ENCODING,
) -> list[Suggestion]:
    """Spellings in ``sources`` matched only phonetically or fuzzily, seen at least
    ``min_count`` times, most frequent first. Files are streamed (bounded memory).

    >>> import pathlib, tempfile
    >>> from translitnorm.model import Entry, Glossary
    >>> from translitnorm.records import Match
    >>> class Fake:
    ...     glossary = Glossary(entries=(Entry(id="raqqa", canonical="Raqqa", type="place"),))
    ...     def annotate_stream(self, chunks):
    ...         text = "".join(chunks)
    ...         yield Match(0, 5, text[:5], "raqqa", "Raqqa", "place", "Raqqa", "fuzzy", 88.0)
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.txt"
    >>> _ = p.write_text("Rakka fell.\\n")
    >>> [(s.text, s.count) for s in suggest_variants(Fake(), [TextSource.from_arg(str(p))])]
    [('Rakka', 1)]
    >>> suggest_variants(Fake(), [TextSource.from_arg(str(p))], min_count=2)
    []
    """
    miner = _Miner(matcher.glossary)
    for source in sources:
        miner.run(source.name, iter_source_chunks(source, encoding=encoding), matcher)
    return miner.suggestions(min_count)


def suggest_from_streams(
    matcher: SuggestMatcher,
    streams: Iterable[tuple[str, BinaryIO]],
    *,
    min_count: int = 1,
    encoding: str = DEFAULT_ENCODING,
) -> list[Suggestion]:
    """:func:`suggest_variants` over already-open binary streams ``(name, stream)``."""
    miner = _Miner(matcher.glossary)
    for name, stream in streams:
        miner.run(name, iter_text_chunks(stream, name=name, encoding=encoding), matcher)
    return miner.suggestions(min_count)


def write_suggestions(
    suggestions: Iterable[Suggestion],
    paths: Sequence[str | Path],
    *,
    on_written: Callable[[AddedVariant], object] | None = None,
    source: str | None = None,
    source_url: str | None = None,
) -> list[AddedVariant]:
    """Add each suggestion as a variant, in the glossary file (under ``paths``) that holds
    its entry, with ``source`` and/or ``source_url`` (see :func:`add_variant`) if given;
    ``on_written`` hears of each one as soon as it is written. Returns what was written;
    stops at the first refusal (:class:`InputError`).

    >>> import pathlib, tempfile
    >>> g = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
    >>> _ = g.write_text("entries:\\n  - id: raqqa\\n    canonical: Raqqa\\n"
    ...                  "    variants:\\n      - Rakka\\n")
    >>> s = Suggestion("raqqa", "Raqqa", "Rakkah", 3, 90.0, "fuzzy", "Rakka", "...",
    ...                Location("c.txt", 1, 1))
    >>> [(a.line, a.text) for a in write_suggestions([s], [g])]
    [(6, 'Rakkah')]
    """
    written: list[AddedVariant] = []
    for s in suggestions:
        target: str | Path | None = None
        for path in paths:
            try:
                find_entry(path, s.entry_id)
            except InputError as e:
                if any(p.code == "unknown-id" for p in e.problems):
                    continue
                raise
            target = path
        if target is None:
            # Let add_variant produce the usual "no entry with id" message.
            target = paths[-1]
        added = add_variant(target, s.entry_id, s.text, source=source, source_url=source_url)
        written.append(added)
        if on_written is not None:
            on_written(added)
    return written
