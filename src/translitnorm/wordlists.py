"""Word lists shipped with the package (read once, on first use).

>>> "the" in common_words() and "raqqa" not in common_words()
True
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Common English, French and German words (lower case) from ``data/common_words.txt``.

    The matcher never fuzzy-matches onto them; lint flags variants that equal one.
    """
    text = resources.files("translitnorm").joinpath("data/common_words.txt").read_text("utf-8")
    return frozenset(
        line.strip().casefold()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )
