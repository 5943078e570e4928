"""Acronyms of organisation names: ``DFLP`` for "Democratic Front for the Liberation of
Palestine", ``AIAI`` for "al-Itihaad al-Islamiya".

An acronym is read off a name in the few ways lists write them: from every word, without
the Arabic article, without the little words (of, the, for, and ...) and without a trailing
legal form or generic word (group, company, LLC ...). Lookup uses them only for a query that
is one upper-case word and only when exactly one entry spells it (see
:func:`translitnorm.lookup.lookup`).

>>> sorted(initials_forms("Democratic Front for the Liberation of Palestine"))
['DFFTLOP', 'DFLP']
>>> is_acronym("DFLP"), is_acronym("Dflp"), is_acronym("EU"), is_acronym("HUJI-B")
(True, False, False, False)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from translitnorm.tokenize import name_tokens

ACRONYM_MIN: Final = 3
"""Shortest acronym used (two letters fit too many names)."""

ACRONYM_MAX: Final = 8

SMALL_WORDS: Final = frozenset(
    {"of", "the", "for", "and", "in", "on", "at", "to", "de", "du", "des", "la", "le", "et",
     "der", "die", "das", "und", "fur", "für", "wa", "wal", "va", "lil", "li"}
)
"""Words acronyms usually skip (English, French, German, Arabic and Persian "and"/"for")."""

TRAILING_GENERIC: Final = frozenset(
    {"group", "company", "co", "corp", "corporation", "ltd", "limited", "llc", "inc", "sa",
     "sarl", "ag", "gmbh", "jsc", "ojsc", "pjsc", "oao", "zao", "ooo", "ao"}
)
"""Legal forms and generic words an acronym may leave out at the end of a name."""


def is_acronym(query: str) -> bool:
    """Is ``query`` written as an acronym: one upper-case word of 3-8 letters?

    >>> is_acronym("IAMI"), is_acronym("Iami"), is_acronym("IA")
    (True, False, False)
    """
    q = query.strip()
    return ACRONYM_MIN <= len(q) <= ACRONYM_MAX and q.isalpha() and q.isupper() and q.isascii()


def initials_forms(name: str) -> set[str]:
    """The acronyms a name of three words or more may be written as (upper case).

    >>> sorted(initials_forms("al-Itihaad al-Islamiya al-Somali"))
    ['AIAIAS', 'IIS']
    >>> initials_forms("Iran Air")
    set()
    """
    words = [(raw, art) for raw, art in name_tokens(name) if raw[:1].isalpha()]
    if len(words) < ACRONYM_MIN:
        return set()
    plain = [raw for raw, art in words if not art]
    content = [w for w in plain if w.casefold() not in SMALL_WORDS]
    shapes = [[raw for raw, _ in words], plain, content]
    for shape in list(shapes):
        end = len(shape)
        while end > 0 and shape[end - 1].casefold() in TRAILING_GENERIC:
            end -= 1
        shapes.append(shape[:end])
    out: set[str] = set()
    for shape in shapes:
        if len(shape) >= ACRONYM_MIN:
            initials = "".join(w[0] for w in shape).upper()
            if ACRONYM_MIN <= len(initials) <= ACRONYM_MAX and initials.isascii():
                out.add(initials)
    return out


def build_acronyms(texts: Sequence[str], owners: Sequence[int],
                   kinds: list[str]) -> dict[str, dict[int, int]]:
    """Acronym -> {entry: its first variant spelled so}, for organisation variants.

    ``texts[i]`` is variant ``i``, ``owners[i]`` its entry and ``kinds[owners[i]]`` the
    entry type; only organisations are read.

    >>> build_acronyms(["Iran Aircraft Manufacturing Industries", "Iran Air"], [0, 1],
    ...                ["organization", "organization"])
    {'IAMI': {0: 0}}
    """
    table: dict[str, dict[int, int]] = {}
    for v, (text, owner) in enumerate(zip(texts, owners, strict=True)):
        if kinds[owner] != "organization":
            continue
        for initials in initials_forms(text):
            table.setdefault(initials, {}).setdefault(owner, v)
    return table


def merge_acronym_runs(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    """``b`` with each run of words whose initials spell a word of ``a`` (an acronym of 3-6
    letters that ``b`` lacks) written as that acronym; tokens are folded.

    >>> merge_acronym_runs(("irgk", "air", "force"),
    ...                    ("islamik", "revolutionari", "guards", "korps", "air", "force"))
    ('irgk', 'air', 'force')
    >>> merge_acronym_runs(("irgk",), ("iran", "gas"))
    ('iran', 'gas')
    """
    present = set(b)
    out = list(b)
    for acro in a:
        if not ACRONYM_MIN <= len(acro) <= 6 or acro in present or not acro.isalpha():
            continue
        n = len(acro)
        for i in range(len(out) - n + 1):
            run = out[i:i + n]
            if all(len(w) > 1 for w in run) and "".join(w[0] for w in run) == acro:
                out[i:i + n] = [acro]
                break
    return tuple(out)
