"""The renderer protocol and the weaver that feeds it text and mentions in order.

A :class:`Renderer` receives a run as events — ``begin``, then for each document
``begin_document``, alternating ``text`` segments and ``mention`` calls, ``end_document``,
and finally ``end`` — and writes its output through a ``write`` callable as it goes, so a
huge input never has to be held in memory. :class:`DocumentWeaver` turns a stream of text
chunks plus a sorted stream of :class:`~translitnorm.records.Match` into those events, and
works out the 1-based line of each mention.

>>> from translitnorm.records import Match
>>> out: list[str] = []
>>> class Echo(Renderer):
...     def text(self, segment: str) -> None:
...         self.write(segment)
...     def mention(self, match: Match, *, line: int) -> None:
...         self.write(f"<{match.text}@{line}>")
>>> w = DocumentWeaver(Echo(out.append), name="t")
>>> w.feed("a\\nRaqqa b")
>>> w.match(Match(2, 7, "Raqqa", "raqqa", "Raqqa", "place", "Raqqa", "exact", 100.0))
>>> w.close()
>>> "".join(out)
'a\\n<Raqqa@2> b'
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Final

from translitnorm.model import Entry, Glossary
from translitnorm.records import Match

Write = Callable[[str], object]
"""Where a renderer sends its output (``sys.stdout.write``, ``list.append``, ...)."""

EntryLookup = Mapping[str, Entry]
"""Entries by id, for renderers that show canonical forms and definitions."""

WINDOW_CHARS: Final = 1 << 22
"""How much text a weaver keeps while waiting for mentions before it passes text on."""


def entry_index(glossary: Glossary | EntryLookup | None) -> dict[str, Entry]:
    """Entries by id from a glossary, a mapping, or nothing.

    >>> g = Glossary(entries=(Entry(id="raqqa", canonical="Raqqa", type="place"),))
    >>> entry_index(g)["raqqa"].canonical, entry_index(None)
    ('Raqqa', {})
    """
    if glossary is None:
        return {}
    if isinstance(glossary, Glossary):
        return {e.id: e for e in glossary.entries}
    return dict(glossary)


class Renderer:
    """Base class: every hook does nothing; subclasses override what they need.

    ``wants_text`` is False for renderers that only look at mentions (``jsonl``, ``table``):
    the weaver then skips slicing text for them.
    """

    wants_text: bool = True

    def __init__(self, write: Write) -> None:
        self.write = write

    def begin(self) -> None:
        """Called once before the first document."""

    def begin_document(self, name: str) -> None:
        """A new document (a file, or ``-`` for stdin) starts."""

    def text(self, segment: str) -> None:
        """Plain text between mentions (only when ``wants_text``)."""

    def mention(self, match: Match, *, line: int) -> None:
        """A mention; ``line`` is the 1-based line where it starts."""

    def end_document(self) -> None:
        """The current document ended."""

    def end(self) -> None:
        """Called once after the last document."""


class DocumentWeaver:
    """Interleave one document's text chunks with its sorted matches for a renderer.

    Call :meth:`feed` with each chunk as it is read and :meth:`match` with each match (a
    match must only arrive once the chunks it spans were fed), then :meth:`close`. Only
    the text after the last mention is kept (at most about :data:`WINDOW_CHARS`, plus the
    two newest chunks), so memory stays bounded on any input.
    """

    def __init__(self, renderer: Renderer, *, name: str, window_chars: int = WINDOW_CHARS) -> None:
        self.renderer = renderer
        self.name = name
        self.window_chars = window_chars
        # (start offset, line number at start, text) of the chunks still held.
        self._chunks: deque[tuple[int, int, str]] = deque()
        self._held = 0
        self._end = 0
        self._next_line = 1
        self._emitted = 0
        self._last_line = 1
        self._cursor = (-1, 0, 1)  # (chunk start, offset, line) of the last line_of answer
        renderer.begin_document(name)

    @property
    def end_offset(self) -> int:
        """How many characters were fed so far."""
        return self._end

    def feed(self, chunk: str) -> None:
        """Add the next chunk of the document's text."""
        if not chunk:
            return
        self._chunks.append((self._end, self._next_line, chunk))
        self._end += len(chunk)
        self._held += len(chunk)
        self._next_line += chunk.count("\n")
        while self._held > self.window_chars and len(self._chunks) > 2:
            start, _, text = self._chunks[0]
            self._emit_until(start + len(text))
            self._drop_passed()

    def match(self, match: Match) -> None:
        """Report the next match (matches come sorted by ``start``)."""
        line = self.line_of(match.start)
        if match.start < self._emitted:
            # Overlapping or out of order (or older than the window): the text around it
            # was already written, so only renderers that ignore text can still use it.
            if not self.renderer.wants_text:
                self.renderer.mention(match, line=line)
            return
        self._emit_until(match.start)
        self.renderer.mention(match, line=line)
        self._emitted = max(self._emitted, match.end)
        self._drop_passed()

    def close(self) -> None:
        """Write the rest of the text and end the document."""
        self._emit_until(self._end)
        self._chunks.clear()
        self._held = 0
        self.renderer.end_document()

    def line_of(self, offset: int) -> int:
        """The 1-based line of ``offset`` (for offsets still held, else a best guess)."""
        for start, line, text in self._chunks:
            if start <= offset < start + len(text):
                # Matches come in order: count newlines from the previous answer when it
                # lies in the same chunk, so a long chunk is scanned once, not per match.
                c_start, c_off, c_line = self._cursor
                if c_start == start and c_off <= offset:
                    line = c_line + text.count("\n", c_off - start, offset - start)
                else:
                    line = line + text.count("\n", 0, offset - start)
                self._cursor = (start, offset, line)
                self._last_line = line
                return line
        if offset >= self._end:
            return self._next_line
        return self._last_line

    def column_of(self, offset: int) -> int:
        """The 1-based column (in characters) of ``offset``, when still held (else 1).

        >>> w = DocumentWeaver(Renderer(print), name="t")
        >>> w.feed("one\\ntwo three")
        >>> w.column_of(8)
        5
        """
        for start, _, text in self._chunks:
            if start <= offset < start + len(text):
                rel = offset - start
                return rel - (text.rfind("\n", 0, rel) + 1) + 1
        return 1

    def line_text(self, offset: int) -> str:
        """The whole line holding ``offset`` without its newline, when still held ('' if not).

        >>> w = DocumentWeaver(Renderer(print), name="t")
        >>> w.feed("one\\ntwo three\\nfour")
        >>> w.line_text(6)
        'two three'
        """
        for start, _, text in self._chunks:
            if start <= offset < start + len(text):
                rel = offset - start
                lo = text.rfind("\n", 0, rel) + 1
                hi = text.find("\n", rel)
                return text[lo : hi if hi >= 0 else len(text)].rstrip("\r")
        return ""

    def _emit_until(self, offset: int) -> None:
        if offset <= self._emitted:
            return
        if self.renderer.wants_text:
            for start, _, text in self._chunks:
                end = start + len(text)
                if end <= self._emitted:
                    continue
                if start >= offset:
                    break
                lo = max(self._emitted, start) - start
                hi = min(offset, end) - start
                if hi > lo:
                    self.renderer.text(text[lo:hi])
        self._emitted = offset

    def _drop_passed(self) -> None:
        while len(self._chunks) > 1:
            start, _, text = self._chunks[0]
            if start + len(text) > self._emitted:
                break
            self._chunks.popleft()
            self._held -= len(text)


def weave_stream(
    renderer: Renderer,
    chunks: Iterable[str],
    annotate: Callable[[Iterable[str]], Iterable[Match]],
    *,
    name: str,
) -> None:
    """Run ``annotate`` (e.g. ``Matcher.annotate_stream``) over ``chunks`` and weave the
    result into ``renderer`` as one document, reading the input only once."""
    weaver = DocumentWeaver(renderer, name=name)

    def recorded() -> Iterator[str]:
        for chunk in chunks:
            weaver.feed(chunk)
            yield chunk

    for match in annotate(recorded()):
        weaver.match(match)
    weaver.close()


def weave_known(
    renderer: Renderer, chunks: Iterable[str], matches: Iterable[Match], *, name: str
) -> None:
    """Weave matches found earlier (e.g. by a worker process) back into the text.

    >>> out: list[str] = []
    >>> class Echo(Renderer):
    ...     def text(self, segment: str) -> None:
    ...         self.write(segment)
    ...     def mention(self, match: Match, *, line: int) -> None:
    ...         self.write(f"[{match.text}]")
    >>> m = Match(5, 10, "Raqqa", "raqqa", "Raqqa", "place", "Raqqa", "exact", 100.0)
    >>> weave_known(Echo(out.append), ["in\\n", "  Raqqa.\\n"], [m], name="t")
    >>> "".join(out)
    'in\\n  [Raqqa].\\n'
    """
    weaver = DocumentWeaver(renderer, name=name)
    source = iter(chunks)
    for match in matches:
        while weaver.end_offset < match.end:
            chunk = next(source, None)
            if chunk is None:
                break
            weaver.feed(chunk)
        weaver.match(match)
    for chunk in source:
        weaver.feed(chunk)
    weaver.close()
