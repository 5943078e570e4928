"""Many strings stored as one: a read-only sequence that makes each string when asked.

A compiled glossary of 100k entries holds about half a million variant texts. Loading them
from the on-disk cache as separate string objects takes longer than all the rest of the
index, yet a scan reads only the few that it reports. :class:`PackedStrings` keeps them as
one UTF-8 blob and an array of where each string ends; the blob is decoded on first use and
each string is a slice of it.

>>> texts = PackedStrings.pack(["Raqqa", "ar-Raqqah", "", "الرقة"])
>>> len(texts), texts[1], texts[-1], texts[2] == ""
(4, 'ar-Raqqah', 'الرقة', True)
>>> back = PackedStrings(*texts.parts())
>>> list(back) == ["Raqqa", "ar-Raqqah", "", "الرقة"] and back == texts
True
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from itertools import accumulate
from operator import eq
from typing import overload


class PackedStrings(Sequence[str]):
    """Strings held as one UTF-8 blob plus the character offset where each one ends."""

    __slots__ = ("_blob", "_ends", "_text")

    def __init__(self, blob: bytes, ends: bytes) -> None:
        """``blob``: the strings joined and UTF-8 encoded; ``ends``: native int64 offsets
        (in characters) just past each string, as :meth:`parts` returns them."""
        if len(ends) % 8:
            raise ValueError("damaged string offsets")
        self._blob = blob
        self._ends = memoryview(ends).cast("q")
        self._text: str | None = None

    @classmethod
    def pack(cls, strings: Sequence[str]) -> PackedStrings:
        """Pack a list of strings."""
        return cls("".join(strings).encode(), array("q", accumulate(map(len, strings))).tobytes())

    def parts(self) -> tuple[bytes, bytes]:
        """The blob and the offsets, for storing (see :meth:`__init__`)."""
        return self._blob, self._ends.tobytes()

    def __reduce__(self) -> tuple[type[PackedStrings], tuple[bytes, bytes]]:
        return PackedStrings, self.parts()  # (a memoryview does not pickle)

    def _decoded(self) -> str:
        text = self._text
        if text is None:
            text = self._text = self._blob.decode()
            if self._ends and self._ends[-1] != len(text):
                raise ValueError("damaged packed strings")
        return text

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
        return self._decoded()[ends[i - 1] if i else 0:end]

    def __iter__(self) -> Iterator[str]:
        text = self._decoded()
        start = 0
        for end in self._ends:
            yield text[start:end]
            start = end

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PackedStrings):
            return self.parts() == other.parts()
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(map(eq, self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # (mutable-looking, like a list)

    def __repr__(self) -> str:
        return f"PackedStrings({list(self)!r})"
