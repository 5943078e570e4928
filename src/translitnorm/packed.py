"""Many strings stored as one: a read-only sequence that makes each string when asked.

A compiled glossary of 100k entries holds about half a million variant texts. Loading them
from the on-disk cache as separate string objects takes longer than all the rest of the
index, yet a scan reads only the few that it reports. :class:`PackedStrings` keeps them as
one string and an array of where each one ends; each string is a slice of it, made when
asked for. Texts that are not all ASCII can be held as their UTF-8 bytes instead
(``pack(..., utf8=True)``), which the cache loads without decoding them: a string is
decoded when asked for.

>>> texts = PackedStrings.pack(["Raqqa", "ar-Raqqah", "", "الرقة"])
>>> len(texts), texts[1], texts[-1], texts[2] == ""
(4, 'ar-Raqqah', 'الرقة', True)
>>> back = PackedStrings(*texts.parts())
>>> list(back) == ["Raqqa", "ar-Raqqah", "", "الرقة"] and back == texts
True
>>> utf8 = PackedStrings.pack(["Raqqa", "الرقة"], utf8=True)
>>> utf8[1], type(utf8.parts()[0]).__name__, utf8 == ["Raqqa", "الرقة"]
('الرقة', 'bytes', True)
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from itertools import accumulate
from operator import eq
from typing import Literal, overload


def offset_typecode(length: int) -> Literal["i", "q"]:
    """The array typecode of offsets into a string of ``length`` characters: int32 while
    they fit (half the memory and cache of int64), else int64. Worked out from the length
    alone, so whoever reads the offsets knows it without being told.

    >>> offset_typecode(10), offset_typecode(1 << 31)
    ('i', 'q')
    """
    return "i" if length < (1 << 31) - 1 else "q"


class PackedStrings(Sequence[str]):
    """Strings held as one string (or its UTF-8 bytes) plus the offset where each one
    ends."""

    __slots__ = ("_ends", "_text")

    def __init__(self, text: str | bytes, ends: bytes) -> None:
        """``text``: the strings joined, or their UTF-8 encodings joined; ``ends``: the
        native offsets (of characters, or of bytes) just past each string (int32 or int64:
        :func:`offset_typecode`), as :meth:`parts` returns them (ValueError when they do
        not fit ``text``)."""
        code = offset_typecode(len(text))
        if len(ends) % array(code).itemsize:
            raise ValueError("damaged string offsets")
        self._text = text
        self._ends = memoryview(ends).cast(code)
        if (self._ends[-1] if self._ends else 0) != len(text):
            raise ValueError("damaged packed strings")

    @classmethod
    def pack(cls, strings: Sequence[str], utf8: bool = False) -> PackedStrings:
        """Pack a list of strings (as UTF-8 bytes with ``utf8``)."""
        parts: Sequence[str] | list[bytes] = strings
        text: str | bytes = "".join(strings)
        if utf8:
            parts = [s.encode("utf-8") for s in strings]
            text = b"".join(parts)
        code = offset_typecode(len(text))
        return cls(text, array(code, accumulate(map(len, parts))).tobytes())

    def is_ascii(self) -> bool:
        """Are all the strings ASCII?"""
        return self._text.isascii()

    def parts(self) -> tuple[str | bytes, bytes]:
        """The joined text and the offsets, for storing (see :meth:`__init__`)."""
        return self._text, self._ends.tobytes()

    def __reduce__(self) -> tuple[type[PackedStrings], tuple[str | bytes, bytes]]:
        return PackedStrings, self.parts()  # (a memoryview does not pickle)

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        ends = self._ends
        if i < 0:
            i += len(ends)
            if i < 0:
                raise IndexError("PackedStrings index out of range")
        end = ends[i]  # (IndexError when out of range, as for a list)
        piece = self._text[ends[i - 1] if i else 0:end]
        return piece if isinstance(piece, str) else piece.decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        text = self._text
        start = 0
        if isinstance(text, bytes):
            for end in self._ends:
                yield text[start:end].decode("utf-8")
                start = end
            return
        for end in self._ends:
            yield text[start:end]
            start = end

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PackedStrings) and type(self._text) is type(other._text):
            return self.parts() == other.parts()
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(map(eq, self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # (mutable-looking, like a list)

    def __repr__(self) -> str:
        return f"PackedStrings({list(self)!r})"
