"""Counts over a glossary: entries per type, variants per language and per script.

Scripts are the ones declared on variants; a variant without ``script`` is counted under
the script its letters are written in (see :func:`script_of`), marked ``(detected)``.

>>> from translitnorm.model import Entry, Glossary, Variant
>>> g = Glossary(entries=(
...     Entry(id="raqqa", canonical="Raqqa", type="place",
...           variants=(Variant("الرقة", lang="ar", script="Arab"), Variant("Rakka", lang="tr"))),
... ))
>>> s = glossary_stats(g)
>>> s.entries, s.variants, s.by_type, s.by_lang, s.by_script
(1, 3, {'place': 1}, {'(none)': 1, 'ar': 1, 'tr': 1}, {'Latn (detected)': 2, 'Arab': 1})
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Final

from translitnorm.model import Glossary

SCRIPT_CODES: Final = {
    "LATIN": "Latn",
    "ARABIC": "Arab",
    "CYRILLIC": "Cyrl",
    "HEBREW": "Hebr",
    "GREEK": "Grek",
    "CJK": "Hani",
    "HIRAGANA": "Hira",
    "KATAKANA": "Kana",
    "HANGUL": "Hang",
    "DEVANAGARI": "Deva",
    "BENGALI": "Beng",
    "GURMUKHI": "Guru",
    "TAMIL": "Taml",
    "THAI": "Thai",
    "GEORGIAN": "Geor",
    "ARMENIAN": "Armn",
    "ETHIOPIC": "Ethi",
    "SYRIAC": "Syrc",
    "THAANA": "Thaa",
    "TIFINAGH": "Tfng",
    "KHMER": "Khmr",
    "LAO": "Laoo",
    "MYANMAR": "Mymr",
    "TIBETAN": "Tibt",
    "MONGOLIAN": "Mong",
}
"""ISO 15924 codes by the first word of Unicode character names."""

_NEUTRAL = ("MODIFIER", "COMBINING")


def script_of(text: str) -> str | None:
    """The ISO 15924 code of the script most letters of ``text`` are in (``None`` if none).

    >>> script_of("Ahrar al-Sham"), script_of("أحرار الشام"), script_of("Шишани"), script_of("42")
    ('Latn', 'Arab', 'Cyrl', None)
    """
    counts: Counter[str] = Counter()
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        word = name.split(" ", 1)[0]
        if not word or word in _NEUTRAL:
            continue
        counts[SCRIPT_CODES.get(word, word.title())] += 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def is_latin(text: str) -> bool:
    """True when ``text`` has no letters outside the Latin script (digits and signs are fine).

    >>> is_latin("Ḥayʾat Taḥrīr al-Shām"), is_latin("Хизб"), is_latin("3")
    (True, False, True)
    """
    return all(
        not ch.isalpha() or unicodedata.name(ch, "").split(" ", 1)[0] in ("LATIN", *_NEUTRAL)
        for ch in text
    )


@dataclass(frozen=True, slots=True)
class GlossaryStats:
    """The counts :func:`glossary_stats` returns (dicts sorted by count, then name)."""

    entries: int
    variants: int
    files: tuple[str, ...] = ()
    by_type: dict[str, int] = field(default_factory=dict)
    by_lang: dict[str, int] = field(default_factory=dict)
    by_script: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "entries": self.entries,
            "variants": self.variants,
            "files": list(self.files),
            "by_type": dict(self.by_type),
            "by_lang": dict(self.by_lang),
            "by_script": dict(self.by_script),
        }


def _sorted(c: Counter[str]) -> dict[str, int]:
    return dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))


def glossary_stats(glossary: Glossary) -> GlossaryStats:
    """Entries per type and variants (canonical forms included) per language and script."""
    by_type: Counter[str] = Counter()
    by_lang: Counter[str] = Counter()
    by_script: Counter[str] = Counter()
    n_variants = 0
    for entry in glossary.entries:
        by_type[entry.type] += 1
        for v in entry.all_variants():
            n_variants += 1
            by_lang[v.lang or "(none)"] += 1
            if v.script:
                by_script[v.script] += 1
            else:
                detected = script_of(v.text)
                by_script[f"{detected} (detected)" if detected else "(none)"] += 1
    return GlossaryStats(
        entries=len(glossary.entries),
        variants=n_variants,
        files=tuple(glossary.files),
        by_type=_sorted(by_type),
        by_lang=_sorted(by_lang),
        by_script=_sorted(by_script),
    )


def format_stats(stats: GlossaryStats) -> str:
    """The stats as three small plain-text tables.

    >>> print(format_stats(GlossaryStats(entries=1, variants=2, by_type={"place": 1},
    ...                                  by_lang={"en": 2}, by_script={"Latn": 2})))
    1 entries, 2 variants
    <BLANKLINE>
    type   entries
    -----  -------
    place        1
    <BLANKLINE>
    lang  variants
    ----  --------
    en           2
    <BLANKLINE>
    script  variants
    ------  --------
    Latn           2
    """
    from translitnorm.render.table import format_table

    parts = [f"{stats.entries} entries, {stats.variants} variants"]
    for title, col, counts in (
        ("type", "entries", stats.by_type),
        ("lang", "variants", stats.by_lang),
        ("script", "variants", stats.by_script),
    ):
        rows = [[k, str(v)] for k, v in counts.items()]
        parts.append(format_table([title, col], rows, right=[1]))
    return "\n\n".join(parts)
