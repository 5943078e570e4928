"""The grammatical cases of the kunya particle Abu.

A kunya ("father of X": *Abu Bakr*, أبو بكر) declines in Arabic: *Abu* is the
nominative, *Abi* (أبي) the genitive, after a preposition or in ``ibn Abi Talib``, and
*Aba* (أبا) the accusative, as the object of a verb. The three are one name; both lookup
and the scanner read *Abi*/*Aba* before another word as *Abu*.

>>> from translitnorm.fold import fold_token
>>> nominative(fold_token("Abi")) == fold_token("Abu")
True
>>> nominative(fold_token("أبا")) == fold_token("أبو")
True
>>> nominative(fold_token("Abbas")) is None
True
"""

from __future__ import annotations

from typing import Final

from translitnorm.fold import fold_token

KUNYA_CASES: Final = {
    fold_token(t): fold_token(to) for t, to in (
        ("abi", "abu"), ("aba", "abu"), ("أبي", "أبو"), ("أبا", "أبو"),
    )
}
"""Folded genitive and accusative forms of Abu -> the folded nominative."""


def nominative(folded: str) -> str | None:
    """The folded nominative (Abu) of a folded genitive or accusative form of it, else
    None. Only a word followed by another word is a kunya: callers check that."""
    return KUNYA_CASES.get(folded)
