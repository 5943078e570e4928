"""Annotate many texts into one renderer: streaming, in input order, optionally in parallel.

:func:`annotate_sources` is what ``translitnorm annotate`` calls. Each input is read in
chunks of whole lines and passed through :meth:`Matcher.annotate_stream`, so memory stays
bounded whatever the input size. With ``jobs > 1`` files are spread over worker processes;
the compiled matcher is pickled once and handed to each worker when it starts, and output
keeps the input order.

>>> from translitnorm.records import Match
>>> class Fake:
...     def annotate_stream(self, chunks):
...         text = "".join(chunks)
...         i = text.find("Raqqa")
...         if i >= 0:
...             yield Match(i, i + 5, "Raqqa", "raqqa", "Raqqa", "place", "Raqqa", "exact", 100.0)
>>> import io, sys
>>> from translitnorm.render import make_renderer
>>> out: list[str] = []
>>> n = annotate_streams(Fake(), [("a.txt", io.BytesIO(b"x\\nin Raqqa\\n"))],
...                      make_renderer("jsonl", out.append))
>>> n, out[0][:45]
(1, '{"file": "a.txt", "start": 5, "end": 10, "lin')
"""

from __future__ import annotations

import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import BinaryIO, Protocol

from translitnorm.records import Match
from translitnorm.render.base import DocumentWeaver, Renderer, weave_known, weave_stream
from translitnorm.textio import (
    DEFAULT_ENCODING,
    TextSource,
    iter_source_chunks,
    iter_text_chunks,
)


class StreamAnnotator(Protocol):
    """What the pipeline needs of a matcher."""

    def annotate_stream(self, chunks: Iterable[str]) -> Iterator[Match]: ...


class _Counting(Renderer):
    """Wraps a renderer to count mentions."""

    def __init__(self, inner: Renderer) -> None:
        super().__init__(inner.write)
        self.inner = inner
        self.wants_text = inner.wants_text
        self.count = 0

    def begin(self) -> None:
        self.inner.begin()

    def begin_document(self, name: str) -> None:
        self.inner.begin_document(name)

    def text(self, segment: str) -> None:
        self.inner.text(segment)

    def mention(self, match: Match, *, line: int) -> None:
        self.count += 1
        self.inner.mention(match, line=line)

    def end_document(self) -> None:
        self.inner.end_document()

    def end(self) -> None:
        self.inner.end()


def annotate_streams(
    matcher: StreamAnnotator,
    streams: Iterable[tuple[str, BinaryIO]],
    renderer: Renderer,
    *,
    encoding: str = DEFAULT_ENCODING,
) -> int:
    """Annotate already-open binary streams (name, stream) into ``renderer``; returns the
    number of mentions. Calls ``renderer.begin()`` and ``renderer.end()``."""
    counting = _Counting(renderer)
    counting.begin()
    for name, stream in streams:
        chunks = iter_text_chunks(stream, name=name, encoding=encoding)
        weave_stream(counting, chunks, matcher.annotate_stream, name=name)
    counting.end()
    return counting.count


# --- worker side -----------------------------------------------------------------------

_WORKER_MATCHER: StreamAnnotator | None = None


def _init_worker(payload: bytes) -> None:
    global _WORKER_MATCHER
    _WORKER_MATCHER = pickle.loads(payload)


class _Collect(Renderer):
    wants_text = False

    def __init__(self) -> None:
        super().__init__(lambda s: None)
        self.found: list[tuple[Match, int]] = []

    def mention(self, match: Match, *, line: int) -> None:
        self.found.append((match, line))


def _annotate_in_worker(name: str, path: str, encoding: str) -> list[tuple[Match, int]]:
    assert _WORKER_MATCHER is not None, "worker started without a matcher"
    collect = _Collect()
    chunks = iter_source_chunks(TextSource(name, path), encoding=encoding)
    weave_stream(collect, chunks, _WORKER_MATCHER.annotate_stream, name=name)
    return collect.found


# --- main side -------------------------------------------------------------------------


def annotate_sources(
    matcher: StreamAnnotator,
    sources: Sequence[TextSource],
    renderer: Renderer,
    *,
    encoding: str = DEFAULT_ENCODING,
    jobs: int = 1,
    on_bytes: Callable[[int], None] | None = None,
) -> int:
    """Annotate files (or stdin) into ``renderer`` in input order; returns the number of
    mentions. ``on_bytes`` receives progress in bytes read. Undecodable input raises
    :class:`~translitnorm.errors.InputError` naming the file and position; output already
    written for earlier inputs stays written.

    >>> import pathlib, tempfile
    >>> from translitnorm.render import make_renderer
    >>> class Fake:
    ...     def annotate_stream(self, chunks):
    ...         text = "".join(chunks)
    ...         yield Match(3, 8, "Raqqa", "raqqa", "Raqqa", "place", "Raqqa", "exact", 100.0)
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_text("In Raqqa.\\n")
    >>> out: list[str] = []
    >>> annotate_sources(Fake(), [TextSource(str(p), str(p))], make_renderer("inline", out.append))
    1
    >>> "".join(out)
    'In Raqqa [[Raqqa]].\\n'
    """
    counting = _Counting(renderer)
    counting.begin()
    files = [s for s in sources if s.path is not None]
    if jobs > 1 and len(files) > 1:
        _annotate_parallel(
            matcher, sources, counting, encoding=encoding, jobs=jobs, on_bytes=on_bytes
        )
    else:
        for source in sources:
            chunks = iter_source_chunks(source, encoding=encoding, on_bytes=on_bytes)
            weave_stream(counting, chunks, matcher.annotate_stream, name=source.name)
    counting.end()
    return counting.count


def _annotate_parallel(
    matcher: StreamAnnotator,
    sources: Sequence[TextSource],
    renderer: Renderer,
    *,
    encoding: str,
    jobs: int,
    on_bytes: Callable[[int], None] | None,
) -> None:
    payload = pickle.dumps(matcher, protocol=pickle.HIGHEST_PROTOCOL)
    todo = iter(sources)
    window: deque[tuple[TextSource, Future[list[tuple[Match, int]]] | None]] = deque()
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(payload,)
    ) as pool:

        def submit_next() -> bool:
            source = next(todo, None)
            if source is None:
                return False
            if source.path is None:
                window.append((source, None))  # stdin is read here, in order
            else:
                window.append(
                    (source, pool.submit(_annotate_in_worker, source.name, source.path, encoding))
                )
            return True

        try:
            while len(window) < jobs * 2 and submit_next():
                pass
            while window:
                source, future = window.popleft()
                if future is None:
                    chunks = iter_source_chunks(source, encoding=encoding, on_bytes=on_bytes)
                    weave_stream(renderer, chunks, matcher.annotate_stream, name=source.name)
                else:
                    found = future.result()
                    _replay(renderer, source, found, encoding=encoding)
                    if on_bytes is not None:
                        on_bytes(source.size() or 0)
                submit_next()
        except BaseException:
            for _, fut in window:
                if fut is not None:
                    fut.cancel()
            raise


def _replay(
    renderer: Renderer, source: TextSource, found: list[tuple[Match, int]], *, encoding: str
) -> None:
    if renderer.wants_text:
        chunks = iter_source_chunks(source, encoding=encoding)
        weave_known(renderer, chunks, (m for m, _ in found), name=source.name)
        return
    renderer.begin_document(source.name)
    for match, line in found:
        renderer.mention(match, line=line)
    renderer.end_document()


__all__ = ["DocumentWeaver", "StreamAnnotator", "annotate_sources", "annotate_streams"]
