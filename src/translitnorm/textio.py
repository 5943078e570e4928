"""Reading and writing text files faithfully: encodings, newlines, atomic replacement.

Texts are read as bytes and decoded incrementally, so newlines (``\\n``, ``\\r\\n``) come
through untouched and offsets into the decoded text are offsets into the file's characters.
Bytes that are not valid in the encoding are refused with an
:class:`~translitnorm.errors.InputError` naming the file, line, column and byte offset —
never silently replaced.

>>> import io
>>> src = io.BytesIO("Raqqa\\r\\nIdlib\\n".encode())
>>> list(iter_text_chunks(src, name="t.txt"))
['Raqqa\\r\\nIdlib\\n']
>>> bad = io.BytesIO(b"ok\\nR\\xe9gion\\n")
>>> try:
...     list(iter_text_chunks(bad, name="bad.txt"))
... except InputError as e:
...     print(e.problems[0].location, e.problems[0].message, sep=": ")
bad.txt:2:2: not valid utf-8 text: byte 0xe9 at byte offset 4
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from translitnorm.errors import InputError, Problem
from translitnorm.model import Location

DEFAULT_ENCODING = "utf-8"
"""The encoding assumed when none is given."""

CHUNK_BYTES = 1 << 18
"""Roughly how many bytes :func:`iter_text_chunks` decodes at a time (whole lines)."""

MAX_LINE_BYTES = 1 << 22
"""A line longer than this is cut into several chunks, so memory stays bounded."""

STDIN_NAME = "-"
"""The name used for standard input in messages and in ``jsonl`` output."""


@dataclass(frozen=True, slots=True)
class TextSource:
    """A text to read: a file path, or standard input when ``path`` is ``None``.

    >>> TextSource.from_arg("-").name, TextSource.from_arg("a.txt").path
    ('-', 'a.txt')
    """

    name: str
    path: str | None = None

    @classmethod
    def from_arg(cls, arg: str) -> TextSource:
        """``-`` means standard input; anything else is a path."""
        return cls(STDIN_NAME) if arg == STDIN_NAME else cls(arg, arg)

    def size(self) -> int | None:
        """The size in bytes, or ``None`` when unknown (stdin, pipes)."""
        if self.path is None:
            return None
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return st.st_size if stat.S_ISREG(st.st_mode) else None


def check_encoding(encoding: str) -> str:
    """The canonical codec name, or :class:`InputError` if Python does not know it.

    >>> check_encoding("Latin-1")
    'iso8859-1'
    >>> check_encoding("klingon")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    translitnorm.errors.InputError: unknown encoding 'klingon'; use a Python codec name ...
    """
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise InputError(
            [
                Problem(
                    None,
                    f"unknown encoding {encoding!r}",
                    hint="use a Python codec name such as utf-8, latin-1 or cp1252",
                    code="unknown-encoding",
                )
            ]
        ) from None


class _Position:
    """Line/column bookkeeping over decoded text (1-based, columns in characters)."""

    __slots__ = ("column", "line")

    def __init__(self) -> None:
        self.line = 1
        self.column = 1

    def advance(self, text: str) -> None:
        newlines = text.count("\n")
        if newlines:
            self.line += newlines
            self.column = len(text) - text.rfind("\n")
        else:
            self.column += len(text)


def _decode_problem(
    name: str, encoding: str, err: UnicodeDecodeError, offset: int, pos: _Position
) -> InputError:
    bad = err.object[err.start : err.start + 1]
    byte = f"0x{bad[0]:02x}" if bad else "end of data"
    return InputError(
        [
            Problem(
                Location(name, pos.line, pos.column),
                f"not valid {encoding} text: byte {byte} at byte offset {offset}",
                hint="pass an encoding (CLI: --encoding latin-1, say) if the file is not UTF-8",
                code="decode-error",
            )
        ]
    )


def _read_line_blocks(stream: BinaryIO, chunk_bytes: int) -> Iterator[bytes]:
    """Blocks of whole lines of about ``chunk_bytes`` (a huge line is cut)."""
    while True:
        parts: list[bytes] = []
        size = 0
        while size < chunk_bytes:
            line = stream.readline(MAX_LINE_BYTES)
            if not line:
                break
            parts.append(line)
            size += len(line)
        if not parts:
            return
        yield b"".join(parts)


def iter_text_chunks(
    stream: BinaryIO,
    *,
    name: str,
    encoding: str = DEFAULT_ENCODING,
    chunk_bytes: int = CHUNK_BYTES,
    on_bytes: Callable[[int], None] | None = None,
) -> Iterator[str]:
    """Decode a binary stream into text chunks made of whole lines, newlines kept as is.

    ``on_bytes`` is called with the number of bytes consumed for each chunk (for progress
    bars). Raises :class:`InputError` at the first undecodable byte, naming ``name``, the
    line and column where it sits, and its byte offset.

    >>> import io
    >>> list(iter_text_chunks(io.BytesIO(b"a\\nb\\nc"), name="x", chunk_bytes=2))
    ['a\\n', 'b\\n', 'c']
    """
    encoding = check_encoding(encoding)
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    pos = _Position()
    consumed = 0
    for block in _read_line_blocks(stream, chunk_bytes):
        pending = _pending(decoder)
        try:
            text = decoder.decode(block)
        except UnicodeDecodeError as err:
            start = consumed - len(pending) + err.start
            _advance_valid_prefix(pos, err, encoding)
            raise _decode_problem(name, encoding, err, start, pos) from None
        consumed += len(block)
        if on_bytes is not None:
            on_bytes(len(block))
        pos.advance(text)
        if text:
            yield text
    try:
        tail = decoder.decode(b"", final=True)
    except UnicodeDecodeError as err:
        start = consumed - len(_pending(decoder)) + err.start
        raise _decode_problem(name, encoding, err, max(start, 0), pos) from None
    if tail:
        yield tail


def _pending(decoder: codecs.IncrementalDecoder) -> bytes:
    state = decoder.getstate()
    return state[0] if isinstance(state, tuple) and isinstance(state[0], bytes) else b""


def _advance_valid_prefix(pos: _Position, err: UnicodeDecodeError, encoding: str) -> None:
    with contextlib.suppress(UnicodeDecodeError):  # the prefix before err.start is valid
        pos.advance(err.object[: err.start].decode(encoding))


def iter_lines(stream: BinaryIO, *, name: str, encoding: str = DEFAULT_ENCODING) -> Iterator[str]:
    """The lines of a binary stream without their newline (``\\n`` or ``\\r\\n``), each
    yielded as soon as it has arrived (for interactive pipes); decoding is strict.

    >>> import io
    >>> list(iter_lines(io.BytesIO(b"Raqqa\\r\\n\\nIdlib"), name="-"))
    ['Raqqa', '', 'Idlib']
    """
    carry = ""
    for chunk in iter_text_chunks(stream, name=name, encoding=encoding, chunk_bytes=1):
        parts = (carry + chunk).split("\n")
        carry = parts.pop()
        for line in parts:
            yield line[:-1] if line.endswith("\r") else line
    if carry:
        yield carry


def _open_source(source: TextSource) -> BinaryIO:
    """The binary stream for ``source`` (stdin's buffer for ``-``)."""
    if source.path is None:
        return sys.stdin.buffer
    return open(source.path, "rb")


def iter_source_chunks(
    source: TextSource,
    *,
    encoding: str = DEFAULT_ENCODING,
    chunk_bytes: int = CHUNK_BYTES,
    on_bytes: Callable[[int], None] | None = None,
) -> Iterator[str]:
    """:func:`iter_text_chunks` over a file or stdin; the file is closed when done.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes("Alep\\r\\nḤalab\\n".encode())
    >>> list(iter_source_chunks(TextSource.from_arg(str(p))))
    ['Alep\\r\\nḤalab\\n']
    """
    stream = _open_source(source)
    try:
        yield from iter_text_chunks(
            stream, name=source.name, encoding=encoding, chunk_bytes=chunk_bytes, on_bytes=on_bytes
        )
    finally:
        if source.path is not None:
            stream.close()


def read_text(source: TextSource | str, *, encoding: str = DEFAULT_ENCODING) -> str:
    """A whole file (or stdin) as text, newlines untouched; refuses undecodable bytes.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "crlf.txt"
    >>> _ = p.write_bytes(b"a\\r\\nb\\r\\n")
    >>> read_text(str(p))
    'a\\r\\nb\\r\\n'
    """
    src = TextSource.from_arg(source) if isinstance(source, str) else source
    return "".join(iter_source_chunks(src, encoding=encoding))


def atomic_write_text(
    path: str | os.PathLike[str], text: str, *, encoding: str = DEFAULT_ENCODING
) -> None:
    """Write ``text`` to ``path`` atomically: a temporary file in the same folder, then
    ``os.replace``. Newlines are written exactly as they are in ``text``; the file keeps
    its permission bits. Characters the encoding cannot hold raise :class:`InputError`
    before anything is touched.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> atomic_write_text(p, "x\\r\\ny\\n")
    >>> p.read_bytes()
    b'x\\r\\ny\\n'
    """
    target = Path(path)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as err:
        raise InputError(
            [
                Problem(
                    Location(str(target), 1, 1),
                    f"cannot write {err.object[err.start]!r} in encoding {encoding}",
                    hint="write the file as UTF-8 instead",
                    code="encode-error",
                )
            ]
        ) from None
    # Write through symlinks to the file they point at.
    target = Path(os.path.realpath(target))
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def detect_newline(text: str) -> str:
    """The newline convention a text mostly uses (``\\n`` when it has none).

    >>> detect_newline("a\\r\\nb\\r\\n"), detect_newline("a\\nb"), detect_newline("")
    ('\\r\\n', '\\n', '\\n')
    """
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"
