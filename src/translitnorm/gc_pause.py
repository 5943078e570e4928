"""Pausing Python's cyclic garbage collector while a long text is scanned.

A scan makes many short-lived lists and tuples that hold no reference cycle; each burst of
them triggers a collection, and with a large index in memory an occasional full collection
walks millions of objects (tens of milliseconds, which moves the median of a benchmark).
Reference counting frees the scan's garbage anyway. :func:`gc_paused` turns the collector
off for the duration and back on afterwards, if and only if it was on; nested and
concurrent pauses (several threads scanning) share one pause, which ends with the last.

>>> import gc
>>> with gc_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0  # pauses in progress
_resume = False  # whether the collector was on when the first of them began


@contextmanager
def gc_paused() -> Iterator[None]:
    """Turn the cyclic garbage collector off inside the ``with`` block (restored after,
    also on an exception)."""
    global _holders, _resume
    with _lock:
        if _holders == 0:
            _resume = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _resume:
                gc.enable()
