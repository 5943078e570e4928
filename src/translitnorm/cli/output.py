"""Terminal output helpers: the progress bar and the choice of colour.

The progress bar is drawn on standard error, only when it is a terminal, only when the
command's output does not go to that same terminal (or comes at the very end, as the
``table`` summary does), and only once a run has lasted :data:`PROGRESS_AFTER` seconds.
In a pipe nothing is drawn.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any, TextIO

PROGRESS_AFTER = 1.0
"""Seconds a run must last before the progress bar appears."""

_REDRAW = 0.1


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def progress_wanted(*, output_at_end: bool = False) -> bool:
    """True when a progress bar may be drawn on stderr."""
    if os.environ.get("TRANSLITNORM_NO_PROGRESS"):
        return False
    if not _isatty(sys.stderr):
        return False
    return output_at_end or not _isatty(sys.stdout)


def _size(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} GB"  # pragma: no cover


class Progress:
    """A one-line progress bar fed with byte counts (``progress(n)`` after reading n bytes).

    Disabled instances cost one comparison per call.

    >>> p = Progress(100, enabled=False)
    >>> p(50); p.done
    50
    """

    def __init__(
        self,
        total: int | None,
        *,
        enabled: bool,
        label: str = "annotating",
        stream: TextIO | None = None,
        after: float = PROGRESS_AFTER,
    ) -> None:
        self.total = total
        self.enabled = enabled
        self.label = label
        self.stream = stream or sys.stderr
        self.after = after
        self.done = 0
        self._start = time.monotonic()
        self._last = 0.0
        self._drawn = False

    def __call__(self, n: int) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._start < self.after or now - self._last < _REDRAW:
            return
        self._last = now
        self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = now - self._start
        rate = self.done / elapsed if elapsed > 0 else 0.0
        if self.total:
            frac = min(1.0, self.done / self.total)
            width = 24
            filled = int(frac * width)
            bar = "#" * filled + "-" * (width - filled)
            line = (
                f"{self.label} [{bar}] {frac * 100:5.1f}%  {_size(self.done)}/{_size(self.total)}"
                f"  {_size(rate)}/s"
            )
        else:
            line = f"{self.label} {_size(self.done)}  {_size(rate)}/s"
        self.stream.write("\r\x1b[K" + line)
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Erase the bar (if it was drawn)."""
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False
