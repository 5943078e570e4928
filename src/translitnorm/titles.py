"""Honorifics, ranks and offices: words that stand before a person's name without being
part of it (folded, see :func:`~translitnorm.fold.fold_token`).

>>> from translitnorm.fold import fold_token
>>> fold_token("Sheikh") in TITLES, fold_token("President") in TITLES_AND_OFFICES
(True, True)
"""

from __future__ import annotations

from typing import Final

from translitnorm.fold import fold_token

TITLES: Final = frozenset(
    fold_token(t)
    for t in (
        "dr", "doctor", "mr", "mrs", "ms", "prof", "professor", "haji", "hajji", "hadji",
        "mullah", "mulla", "maulavi", "mawlawi", "maulana", "sheikh", "shaykh", "shaikh",
        "eng", "engineer", "general", "colonel", "col", "gen", "brigadier", "imam",
        "mawlana", "molana", "molavi", "mowlavi", "mufti", "qari", "hafiz", "hafez",
    )
)
"""Honorifics and ranks that are not part of a name (whole-name lookup drops them)."""

TITLES_AND_OFFICES: Final = TITLES | frozenset(
    fold_token(t)
    for t in (
        "president", "commander", "minister", "king", "prince", "emir", "amir", "captain",
        "lieutenant", "major", "sergeant", "judge", "governor", "ambassador", "envoy",
        "spokesman", "leader", "comrade",
    )
)
"""Titles and the offices or kinship words that running text writes, capitalised, before
a person's surname ("Commander Emwazi"): no given name of someone else."""
