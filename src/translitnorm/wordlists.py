"""Word lists shipped with the package (read once, on first use).

>>> "the" in common_words() and "raqqa" not in common_words()
True
>>> "human" in dictionary_words() and "raqqa" not in dictionary_words()
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


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """The common words and the most frequent English, French and German words of 4+
    letters (lower case) from ``data/dictionary_words.txt`` (made by
    ``tools/make_dictionary_words.py`` from wordfreq's frequencies).

    The phonetic and fuzzy stages never match one of them alone: "Human" at the start of a
    sentence is the word, not the name Hamman that sounds like it.
    """
    path = resources.files("translitnorm").joinpath("data/dictionary_words.txt")
    return common_words() | frozenset(
        line.strip().casefold()
        for line in path.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )
