"""Honorifics, ranks and offices, and kinship words: words that stand before a person's
name without being part of it (titles folded, see :func:`~translitnorm.fold.fold_token`).

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

KIN_WORDS: Final = frozenset(
    t.casefold()
    for t in (
        # English
        "niece", "nephew", "daughter", "son", "sister", "brother", "wife", "husband",
        "mother", "father", "cousin", "aunt", "uncle", "granddaughter", "grandson",
        "grandmother", "grandfather", "girlfriend", "boyfriend",
        # French
        "nièce", "neveu", "fille", "fils", "sœur", "frère",
        "femme", "mari", "mère", "père", "cousine", "tante", "oncle",
        # German
        "Nichte", "Neffe", "Tochter", "Sohn", "Schwester", "Bruder", "Ehefrau", "Ehemann",
        "Mutter", "Vater", "Enkelin", "Enkel", "Cousine", "Tante", "Onkel",
        # Russian
        "дочь", "сын", "сестра", "брат", "жена", "муж", "мать", "отец", "племянница",
        "племянник", "внучка", "внук",
    )
)
"""Words (case-folded, not folded: "water" is no "Vater") after which a capitalised word
is a person's name ("my niece Isis"), in the languages of the bundled glossary; a
hyphenated one by its last part ("petite-fille": "fille")."""

NAMING_WORDS: Final = frozenset(
    t.casefold()
    for t in ("named", "called", "nommé", "nommée", "prénommé", "prénommée", "namens",
              "genannt")
)
"""Words after which a name that only sounds like a place or a group is someone's name
("a lawyer named Sanjar"); a spelling as listed may still be the group ("a group called
Daesh")."""
