"""Context guards for matches in Arabic script, which has no capital letters.

In Latin and Cyrillic text the scanner reads letter case: a capitalised word before a
shared surname is someone else's given name ("Abdul-Karim al-Shishani"), a capitalised
"Jihad" between names is a man, a lower-case "base" is not al-Qaeda. Arabic gives none of
those cues, so these guards read the neighbouring words against small word lists
(``data/arabic_context.yaml``): given names and name openers, titles, ordinary nouns that
are also names, and the words that make such a noun a name.

>>> other_person_before("الكريم", "عبد")   # عبد الكريم الشيشاني: someone else
True
>>> name_after_cue("الناشط", "جهاد")       # the activist Jihad: a man, not the term
True
>>> ordinary_noun_reading("القاعدة", "الجوية", "من", "organization")  # the air base
True
>>> ordinary_noun_reading("الباب", "", "مدينة", "place")   # the town of al-Bab
False
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Final

import yaml

from translitnorm.fold import has_arabic_article

_MARKS: Final = re.compile("[\u064b-\u065f\u0670\u0640]")  # short vowels, shadda, tatweel
_ALEFS: Final = str.maketrans("أإآٱ", "اااا")
_NON_LETTER_ENDS: Final = re.compile(r"^[^\u0621-\u064a]+|[^\u0621-\u064a]+$")


@dataclass(frozen=True, slots=True)
class ArabicCues:
    """The word lists of ``data/arabic_context.yaml``, normalised with :func:`normalise`."""

    name_openers: frozenset[str]
    given_names: frozenset[str]
    titles: frozenset[str]
    ordinary_nouns: frozenset[str]
    name_cues: Mapping[str, frozenset[str]]


@lru_cache(maxsize=1 << 14)
def normalise(word: str) -> str:
    """An Arabic word as the lists compare it: punctuation at the ends, short vowels and
    tatweel dropped, alef and hamza-on-alef forms unified.

    >>> normalise("«أبو»") == normalise("ابو")
    True
    """
    return _MARKS.sub("", _NON_LETTER_ENDS.sub("", word)).translate(_ALEFS)


@lru_cache(maxsize=1)
def cues() -> ArabicCues:
    """The shipped word lists, read once.

    >>> "عبد" in cues().name_openers
    True
    """
    raw = resources.files("translitnorm").joinpath("data/arabic_context.yaml").read_text("utf-8")
    data = yaml.safe_load(raw)

    def words(items: list[object]) -> frozenset[str]:
        return frozenset(normalise(str(w)) for w in items)

    return ArabicCues(
        words(data["name_openers"]), words(data["given_names"]), words(data["titles"]),
        words(data["ordinary_nouns"]),
        {str(kind): words(items) for kind, items in data["name_cues"].items()},
    )


def _in(word: str, table: frozenset[str]) -> bool:
    """``word`` is in ``table``, also behind a one-letter proclitic joined to it (wa-, fa-,
    bi-, li-, ka-)."""
    w = normalise(word)
    return w in table or (len(w) > 3 and w[0] in "وفبلك" and w[1:] in table)


def other_person_before(before: str, before2: str) -> bool:
    """Do the words before a shared surname make it part of another person's name?

    True when the word before is a given name (محمد الشيشاني) or is the second half of
    a compound opened by عبد or أبو (عبد الكريم الشيشاني).

    >>> other_person_before("محمد", ""), other_person_before("مقتل", "")
    (True, False)
    """
    if not before:
        return False
    c = cues()
    return _in(before, c.given_names) or (bool(before2) and _in(before2, c.name_openers))


def name_after_cue(before: str, word: str) -> bool:
    """Is a term word right after a title or a kunya opener a personal name?

    "الناشط جهاد" is the activist Jihad and "أبو جهاد" a kunya; a term that is also a
    given name is one after any definite noun ("المعلم جهاد", apposition). "القائد الجهادي"
    (definite: an adjective agreeing with its noun) and "دعوات الجهاد" are the term.

    >>> name_after_cue("أبو", "جهاد"), name_after_cue("القائد", "الجهادي")
    (True, False)
    """
    if not before or _definite(word):
        return False
    c = cues()
    if _in(before, c.titles) or _in(before, c.name_openers):
        return True
    # a given name after a definite noun: neither its adjective (which would be definite
    # too) nor an idafa (whose first noun has no article), so apposition: "المعلم جهاد"
    return normalise(word) in c.given_names and _definite(before)


def idafa_head(word: str, after: str, after_is_name: bool) -> bool:
    """Is a term word the first noun of a construct (idafa) with an unlisted name?

    A noun without the article followed by a definite one forms "X of Y": أنصار السنة
    ("supporters of the Sunna", a group's name), أنصار النظام ("the regime's supporters").
    When Y is itself a glossary name the term stands: ولاية الرقة ("Raqqa Province").

    >>> idafa_head("أنصار", "السنة", False), idafa_head("ولاية", "الرقة", True)
    (True, False)
    """
    return not _definite(word) and bool(after) and _definite(after) and not after_is_name


def _definite(word: str) -> bool:
    return has_arabic_article(normalise(word))


def ordinary_noun_reading(word: str, after: str, before: str, entry_type: str) -> bool:
    """Does a one-word match on an ordinary noun (الباب "the door", القاعدة "the base")
    read as that noun here?

    It does when a definite nisba adjective follows (القاعدة الجوية "the air base",
    الباب الرئيسي "the main door"), and, for an entry type with name cues, when none stands
    before it: a place needs a place noun or preposition (يفتح الباب "opens the door", but
    مدينة الباب "the town of al-Bab").

    >>> ordinary_noun_reading("الرقة", "", "يفتح", "place")  # not an ordinary noun
    False
    """
    c = cues()
    if normalise(word) not in c.ordinary_nouns:
        return False
    adj = normalise(after)
    if len(adj) >= 5 and adj.startswith("ال") and adj.endswith(("ي", "ية")):
        return True
    needed = c.name_cues.get(entry_type)
    return needed is not None and not _in(before, needed)


def arabic_context_ok(entry_types: list[str], word: str, before: str, before2: str,
                      after: str, *, one_word: bool, after_is_name: bool = False) -> bool:
    """May a match in Arabic script that starts with ``word`` stand, given its neighbours?

    ``entry_types`` are the types of the entries it could be (several for a shared
    surname), ``before``/``before2`` the one and two words before it and ``after`` the word
    after (empty across punctuation), ``one_word`` whether the match is that word alone,
    ``after_is_name`` whether the word after starts a glossary name.

    >>> arabic_context_ok(["person", "person"], "الشيشاني", "الكريم", "عبد", "",
    ...                   one_word=True)
    False
    >>> arabic_context_ok(["place"], "الباب", "مدينة", "", "", one_word=True)
    True
    """
    if len(entry_types) > 1 and other_person_before(before, before2):
        return False
    if all(t == "term" for t in entry_types) and (
        name_after_cue(before, word) or (one_word and idafa_head(word, after, after_is_name))
    ):
        return False
    return not (one_word and len(set(entry_types)) == 1
                and ordinary_noun_reading(word, after, before, entry_types[0]))
