"""Consonant skeletons: comparing Arabic-script names with their Latin spellings.

Arabic script writes no short vowels and uses the letters alif, waw and ya both for long
vowels and for w/y, so ``محمد`` is *m-h-m-d* whatever the Latin spelling's vowels. A
skeleton keeps the consonants of a folded token in a shared Latin alphabet: vowels and
w/y (folded ``v``/``i``) are dropped on the Latin side, alif, waw, ya, hamza and ayn on the
Arabic side, and a word-final ``h`` on both (folded Latin drops it in ``-ah``/``-eh``:
``Saleh`` is ``sala``, ``صالح`` keeps its ha). Latin spellings are
first folded (kh/h, q/k, th/t, dh/d ... see :mod:`translitnorm.fold`), so the Arabic
letters map to the folded forms.

>>> skeleton("محمد") == skeleton("muhamad") == skeleton("mohamed") == "mhmd"
True
>>> skeleton("خالق"), skeleton("halik")
('hlk', 'hlk')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from rapidfuzz.distance import Indel

from translitnorm.fold import is_arabic_char

_ARABIC_TO_LATIN: Final[dict[str, str]] = {
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "h", "د": "d", "ذ": "d",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "پ": "p", "چ": "sh", "ژ": "j", "گ": "g",
    # alif, waw, ya (vowels or w/y), hamza and ayn (mostly unwritten in Latin) are dropped
}
"""Arabic and Persian letters (after folding, see :func:`translitnorm.fold.fold_token`)
to the folded Latin consonant they are spelled with."""

_LATIN_DROP: Final = frozenset("aeiouv")
"""Folded Latin letters that are vowels or w/y (folded ``w`` is ``v``, ``y`` is ``i``)."""

COMPOUND_HEADS_AR: Final = frozenset({"عبد", "ابو", "ام"})
"""Arabic-script name parts written apart that Latin spellings fuse with the next word
(Abdulkhaliq, Abubakr), as :data:`translitnorm.lookup.COMPOUND_HEADS` does for Latin."""

SKELETON_MIN_LETTERS: Final = 7
"""A name's skeleton needs this many letters in all to be compared."""

SKELETON_MIN_SIM: Final = 80.0
"""Two skeletons of three letters or more this alike are the same word (one consonant
more or less: a doubled letter, an ``h`` a spelling drops)."""


def is_arabic_token(token: str) -> bool:
    """Is the token written in Arabic script?

    >>> is_arabic_token("محمد"), is_arabic_token("muhamad")
    (True, False)
    """
    return any(is_arabic_char(ch) for ch in token)


def skeleton(folded: str) -> str:
    """The consonant skeleton of one folded token, Arabic script or Latin.

    >>> skeleton("عادل"), skeleton("adel"), skeleton("محمود"), skeleton("mahmud")
    ('dl', 'dl', 'mhmd', 'mhmd')
    """
    if is_arabic_token(folded):
        out = "".join(_ARABIC_TO_LATIN.get(ch, "") for ch in folded)
    else:
        out = "".join("s" if ch == "c" else ch for ch in folded if ch not in _LATIN_DROP)
    collapsed: list[str] = []
    for ch in out:
        if not collapsed or collapsed[-1] != ch:
            collapsed.append(ch)
    if len(collapsed) > 1 and collapsed[-1] == "h":
        collapsed.pop()  # a final h: folded Latin drops it after a vowel (Saleh -> sala)
    return "".join(collapsed)


def name_skeleton(tokens: Sequence[str]) -> tuple[str, ...]:
    """The skeletons of a name's folded tokens, Arabic compound heads fused with the next
    word; empty skeletons (a word of vowels only) are left out.

    >>> name_skeleton(["عبد", "خالق"]) == name_skeleton(["abdhalik"]) == ("bdhlk",)
    True
    """
    glued: list[str] = []
    join_next = False
    for tok in tokens:
        if join_next:
            glued[-1] += tok
            join_next = False
            continue
        glued.append(tok)
        join_next = tok in COMPOUND_HEADS_AR
    return tuple(s for tok in glued if (s := skeleton(tok)))


def skeleton_match(a: Sequence[str], b: Sequence[str]) -> bool:
    """Do two names' skeletons meet word by word, in order?

    Each pair must be equal, or (both three letters or more) differ by about one
    consonant. Both names need two words or more and seven skeleton letters in all:
    short skeletons (``l`` for Ali) fit too many names.

    >>> skeleton_match(("mhfz", "ld", "ld"), ("mfz", "ld", "ld"))
    True
    >>> skeleton_match(("l", "hsn"), ("l", "hsn"))
    False
    >>> skeleton_match(("dl", "mhmd", "mhmd", "bdhlk"), ("dl", "mhmd", "mhmd", "bdhlk"))
    True
    """
    if len(a) != len(b) or len(a) < 2:
        return False
    if min(sum(map(len, a)), sum(map(len, b))) < SKELETON_MIN_LETTERS:
        return False
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        if min(len(x), len(y)) < 3 or Indel.normalized_similarity(x, y) * 100 < SKELETON_MIN_SIM:
            return False
    return True
