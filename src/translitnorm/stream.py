"""Cutting a stream of text into pieces that no name straddles, so that large inputs are
matched in bounded memory with the same results as one big string.

>>> list(stream_chunks(["Ahrar al-", "Sham. Raqqa"], min_size=1))
[(0, 'Ahrar al-Sham. '), (15, 'Raqqa')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Final


def stream_chunks(chunks: Iterable[str], *, min_size: int = 1 << 16) -> Iterator[tuple[int, str]]:
    """Regroup ``chunks`` into pieces cut where no name can straddle, yielding
    ``(offset, piece)``.

    A piece ends after a sentence end and its space (". ", "! ", "? ") or after a blank
    line (or, with neither in 1 MiB, at a line break). Names never reach across those, nor
    do the words that the matcher's guards look at, and a word after one starts a sentence
    in the piece as in the whole text: the pieces give the same matches as the whole
    (a property test checks it).
    """
    buf = ""
    offset = 0
    for chunk in chunks:
        buf += chunk
        if len(buf) < min_size:
            continue
        cut = _safe_cut(buf)
        if cut > 0:
            yield offset, buf[:cut]
            offset += cut
            buf = buf[cut:]
    if buf:
        yield offset, buf


SENTENCE_END: Final = re.compile(r"[.!?] |\n\s*\n")
"""Where a piece of a stream may end (just after a match), and a sentence ends for the
matcher's guards that read a sentence (:mod:`translitnorm.shared_spellings`)."""


def _safe_cut(buf: str) -> int:
    """Where to cut ``buf`` so that no name straddles the cut (-1: nowhere yet)."""
    last = -1
    for m in SENTENCE_END.finditer(buf, max(0, len(buf) - 4096)):
        last = m.end()
    if last < 0 and len(buf) > 1 << 20:
        last = buf.rfind("\n") + 1 or len(buf)  # no punctuation in 1 MiB: cut at a line
    return last
