"""Similarity scores on folded tokens, shared by annotate and lookup so one threshold
means the same thing for both.

Scores run 0-100. Identical folded tokens score 100; tokens with the same phonetic shape
(``umar``/``omar``) score 88-98; other pairs score their rapidfuzz Indel ratio. A name
score aligns tokens and refuses pairs whose distinguishing tokens differ.

>>> token_sim("umar", "omar") > 90 > token_sim("muslim", "umar")
True
>>> ordered_score(["omar", "shishani"], ["umar", "shishani"]) >= 85
True
>>> ordered_score(["muslim", "shishani"], ["umar", "shishani"])
0.0
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import Final

from rapidfuzz.distance import Indel

from translitnorm.fold import fold_token, phonetic_token

MIN_TOKEN_SIM: Final = 75.0
"""Below this, two tokens are different words (a name pair with such a token is refused)."""

PHONETIC_BASE: Final = 88.0


@lru_cache(maxsize=1 << 16)  # (each entry costs about 200 bytes: 500k of them were 100 MB)
def token_sim(a: str, b: str) -> float:
    """Similarity of two folded tokens, 0-100.

    >>> token_sim("raka", "raka"), round(token_sim("zavahri", "zavahiri"))
    (100.0, 93)
    """
    if a == b:
        return 100.0
    ratio = Indel.normalized_similarity(a, b) * 100.0
    if len(a) <= 2 or len(b) <= 2:
        return ratio * 0.5
    if phonetic_token(a) == phonetic_token(b):
        return max(ratio, PHONETIC_BASE + ratio * 0.1)
    if min(len(a), len(b)) <= 3 and ratio < 85.0:
        return ratio * 0.8
    return ratio


def ordered_score(text_tokens: Sequence[str], variant_tokens: Sequence[str]) -> float:
    """Score a window of running text against a variant, token by token in order.

    Both sides must have the same number of tokens, else the joined strings are compared.
    Any token pair below :data:`MIN_TOKEN_SIM` gives 0.

    >>> round(ordered_score(["zavahri"], ["zavahiri"]))
    93
    """
    if len(text_tokens) != len(variant_tokens):
        joined = Indel.normalized_similarity("".join(text_tokens), "".join(variant_tokens))
        return joined * 100.0 * 0.95
    total = 0.0
    weight = 0
    for a, b in zip(text_tokens, variant_tokens, strict=True):
        s = token_sim(a, b)
        if s < MIN_TOKEN_SIM:
            return 0.0
        w = max(len(a), len(b))
        total += s * w
        weight += w
    return total / weight if weight else 0.0


LOW_WEIGHT_TOKENS: Final = frozenset(
    fold_token(t) for t in
    ("abu", "um", "umm", "bin", "bint", "abd", "al", "ibn", "abi", "ab", "ould", "uld")
)
"""Name particles (folded): they carry little identity on their own."""

SMALL_TOKENS: Final = frozenset(
    fold_token(t) for t in (
        "the", "of", "and", "for", "in", "on", "to", "at", "de", "du", "des", "la", "le", "et",
        "der", "die", "und", "fur",
    )
)
"""Articles, prepositions and conjunctions (folded): next to nothing when missing, as a
translation often adds or drops them ("Army of the Pure" / "Pure Army")."""

FILLER_TOKENS: Final = SMALL_TOKENS | frozenset(
    fold_token(t) for t in (
        "co", "company", "corp", "corporation", "ltd", "limited", "inc", "llc", "sa", "sarl",
        "ag", "gmbh", "ojsc", "jsc", "pjsc", "oao", "zao", "ooo", "ao", "group",
    )
)
"""Words in organisation names (folded) that carry little identity: the small words,
legal forms and "group"."""

SMALL_WEIGHT: Final = 0.1
FILLER_WEIGHT: Final = 0.25


def name_score(
    query: Sequence[str],
    variant: Sequence[str],
    weights: Mapping[str, float],
    *,
    person: bool = True,
) -> float:
    """Order-free score of a whole name against a variant (lookup).

    Tokens are aligned one to one, best pairs first. For people (``person=True``) a
    missing middle name costs a little, but the given name (first real token) and the
    family name (last real token) must meet their counterparts: ``Yasir`` against
    ``Ibrahim`` with the same family names is another person, and so is a father against
    his son. For organisations every word counts: a missing or extra word ("... AIR FORCE",
    "... BRANCH") costs a lot. ``weights`` gives each folded token's informativeness.

    >>> w = {}
    >>> name_score(["aiman", "zavahiri"], ["aiman", "muhamad", "rabi", "zavahiri"], w) >= 85
    True
    >>> name_score(["iasir", "sabavi", "tikriti"], ["ibrahim", "sabavi", "tikriti"], w)
    0.0
    >>> name_score(["revolutionari", "guards"], ["revolutionari", "guards", "air", "forse"],
    ...            w, person=False) < 85
    True
    """
    if not query or not variant:
        return 0.0
    pairs: list[tuple[float, int, int, int]] = []
    for i, a in enumerate(query):
        for j, b in enumerate(variant):
            s = _pair_sim(a, b)
            if s >= MIN_TOKEN_SIM:
                pairs.append((s, -abs(i - j), i, j))
    pairs.sort(reverse=True)
    q_to_v: dict[int, int] = {}
    used_v: set[int] = set()
    aligned: list[tuple[int, int, float]] = []
    for s, _, i, j in pairs:
        if i in q_to_v or j in used_v:
            continue
        q_to_v[i] = j
        used_v.add(j)
        aligned.append((i, j, s))
    if not aligned:
        return 0.0

    def w(tok: str) -> float:
        if tok in SMALL_TOKENS:
            return SMALL_WEIGHT
        if tok in LOW_WEIGHT_TOKENS or tok in FILLER_TOKENS:
            return FILLER_WEIGHT
        return weights.get(tok, 1.0)

    def real(tokens: Sequence[str]) -> list[int]:
        return [k for k, t in enumerate(tokens)
                if len(t) > 1 and t not in LOW_WEIGHT_TOKENS and t not in FILLER_TOKENS]

    free_q_w = sum(w(query[i]) for i in range(len(query)) if i not in q_to_v and len(query[i]) > 1)
    free_v_w = sum(w(variant[j]) for j in range(len(variant))
                   if j not in used_v and len(variant[j]) > 1)
    if free_q_w >= 0.5 and free_v_w >= 0.5:
        return 0.0  # a substitution: each side has a real name the other lacks
    matched_w = 0.0
    matched = 0.0
    for i, j, s in aligned:
        tw = max(w(query[i]), w(variant[j]))
        matched += s * tw
        matched_w += tw
    if matched_w < 0.9:
        return 0.0  # only particles matched
    base = matched / matched_w
    crossing = _crossings(aligned)
    if person:
        q_real, v_real = real(query), real(variant)
        if len(q_real) >= 2 and len(v_real) >= 2:
            if q_to_v.get(q_real[-1]) != v_real[-1]:
                return 0.0  # the family name does not meet its counterpart
            if q_to_v.get(q_real[0]) != v_real[0] and not _given_names_meet(
                    query, variant, q_real, v_real, q_to_v):
                return 0.0  # nor does the given name: another member of the family
            if _only_prefix_given_name(query, q_real, v_real, q_to_v) or \
                    _only_prefix_given_name(variant, v_real, q_real,
                                            {j: i for i, j in q_to_v.items()}):
                return 0.0  # "Muhammad X" against a bare "Muhammad": X is the given name
        elif (len(q_real) == 1) != (len(v_real) == 1):
            return 0.0  # one name alone does not identify a person with several
        penalty = 3.0 * free_v_w + 4.0 * free_q_w + 5.0 * crossing
    else:
        penalty = 16.0 * (free_v_w + free_q_w) + 1.0 * crossing
    return max(0.0, base - penalty)


PARTIAL_MIN_TOKEN_SIM: Final = PHONETIC_BASE
"""Each name pair of a partial name must be at least this alike, and of the same phonetic
shape (initials: the same letter)."""

PARTIAL_MAX_EXTRA: Final = 2
"""A partial name may leave out at most this many trailing names of the longer one."""


def partial_name_score(query: Sequence[str], variant: Sequence[str]) -> float:
    """Score a person's name that is the *start* of the other one's, in order.

    Arabic and many other names run given name, father's name, grandfather's name, family
    name or nisba: a shorter form keeps the first names and drops trailing ones
    (``Kamal Mustafa Abdallah`` for ``Kamal Mustafa Abdallah Sultan al-Tikriti``), a longer
    one adds a family name or nisba at the end. The shorter side needs two names or more,
    its first name must meet the other's first name and every name must meet the one at
    the same place: a son (whose own given name comes first) or a brother never fits.
    ``query`` and ``variant`` are folded tokens without particles. 0 when it does not fit.

    >>> partial_name_score(["kamal", "mustafa", "abdla"],
    ...                    ["kamal", "mustafa", "abdla", "sultan", "tikriti"]) >= 85
    True
    >>> partial_name_score(["sabavi", "ibrahim", "hasan"],
    ...                    ["iasir", "sabavi", "ibrahim", "hasan"])
    0.0
    """
    short, long_ = (query, variant) if len(query) <= len(variant) else (variant, query)
    extra = len(long_) - len(short)
    if len(short) < 2 or extra == 0 or extra > PARTIAL_MAX_EXTRA:
        return 0.0
    if sum(1 for t in short if len(t) > 1) < 2:
        return 0.0  # initials alone do not name anyone
    total = 0.0
    weight = 0
    for a, b in zip(short, long_, strict=False):
        s = _pair_sim(a, b)
        if len(a) == 1 or len(b) == 1:  # an initial: its letter must fit
            if s == 0.0:
                return 0.0
        elif s < PARTIAL_MIN_TOKEN_SIM or phonetic_token(a) != phonetic_token(b):
            return 0.0
        w = max(len(a), len(b))
        total += s * w
        weight += w
    return total / weight - 2.0 * extra


PREFIX_GIVEN_NAMES: Final = frozenset(phonetic_token(fold_token(t)) for t in ("Muhammad", "Ahmad"))
"""Given names often written before the name a person goes by (Muhammad Nawshad Alam is
also Naushad Alam): a leading one may be missing on one side."""

PREFIX_MAX_OTHER: Final = 3
"""... when the other side has at most two names before its family name (``Fadel Rustam
Khan``). Given name, father's and grandfather's name before the family name are a nasab
chain: a leading Ahmad before ``Naveed Bashir Hadi al-Hadithi`` names his son."""


def _given_names_meet(query: Sequence[str], variant: Sequence[str], q_real: list[int],
                      v_real: list[int], q_to_v: dict[int, int]) -> bool:
    """Do the given names meet once a leading Muhammad or Ahmad on one side, or a leading
    kunya (Abu Hasan: "father of Hasan", an epithet, not the given name) on either side,
    is set aside?"""
    q_real = _without_leading_kunya(query, q_real)
    v_real = _without_leading_kunya(variant, v_real)
    q0, v0 = q_real[0], v_real[0]
    if q_to_v.get(q0) == v0:
        return True
    # not against a chain of three names or more before the family name (given, father's,
    # grandfather's: an Arabic nasab): a name written before such a chain is a son's own
    if len(v_real) >= 3 and len(q_real) <= PREFIX_MAX_OTHER \
            and phonetic_token(variant[v0]) in PREFIX_GIVEN_NAMES \
            and v0 not in q_to_v.values():
        v0 = v_real[1]
    if len(q_real) >= 3 and len(v_real) <= PREFIX_MAX_OTHER \
            and phonetic_token(query[q0]) in PREFIX_GIVEN_NAMES \
            and q0 not in q_to_v:
        q0 = q_real[1]
    return q_to_v.get(q0) == v0


def _only_prefix_given_name(tokens: Sequence[str], real: list[int], other_real: list[int],
                            to_other: dict[int, int]) -> bool:
    """Is ``tokens`` "Muhammad X ... Family" against an other name that is only "Muhammad
    Family", X left unmatched? Then the other name has no given name of its own to meet X
    (one name alone does not identify a person with several)."""
    if len(real) < 3 or len(other_real) != 2:
        return False
    first, second = real[0], real[1]
    return (phonetic_token(tokens[first]) in PREFIX_GIVEN_NAMES
            and to_other.get(first) == other_real[0] and second not in to_other)


KUNYA_HEAD: Final = fold_token("abu")
"""A kunya, folded and fused (``abuhasan``), starts so."""

ABD_HEAD: Final = fold_token("abd")
"""A compound name "Abd al-X" (``abdrahman``), folded and fused, starts so."""


def _is_kunya(tok: str) -> bool:
    return tok.startswith(KUNYA_HEAD) and len(tok) > len(KUNYA_HEAD) + 2


def _without_leading_kunya(tokens: Sequence[str], real: list[int]) -> list[int]:
    """``real`` without leading kunyas, if two names or more remain."""
    k = 0
    while len(real) - k > 2 and _is_kunya(tokens[real[k]]):
        k += 1
    return real[k:]


@lru_cache(maxsize=1 << 16)
def _pair_sim(a: str, b: str) -> float:
    if len(a) == 1 or len(b) == 1:  # an initial
        return 85.0 if a[0] == b[0] else 0.0
    if _is_kunya(a) != _is_kunya(b):
        return 0.0  # Abu Tarek (Tarek's father) is not Tarek
    s = token_sim(a, b)
    if a.startswith(ABD_HEAD) and b.startswith(ABD_HEAD) and a != b \
            and min(len(a), len(b)) >= len(ABD_HEAD) + 3:
        # Abd al-X, "servant of X": the shared head says nothing, the name is X
        s = min(s, token_sim(a[len(ABD_HEAD):], b[len(ABD_HEAD):]))
    if s < PHONETIC_BASE and (_fused_article(a) or _fused_article(b)):
        # the article written together with the name (Albaker / al-Bakr)
        s = max(s, token_sim(_fused_article(a) or a, _fused_article(b) or b))
    if s < PHONETIC_BASE and ("io" in a or "io" in b):
        # Russian ё written yo or e (Fyodor / Fedor), folded io
        a_e, b_e = _YO.sub(r"\1e", a), _YO.sub(r"\1e", b)
        if (a_e, b_e) != (a, b):
            s = max(s, token_sim(a_e, b_e))
    return s


_YO: Final = re.compile(r"([bcdfgklmnprstvz])io(?=[bcdfgklmnprstvz])")
"""A Russian ё (``yo``, folded ``io``) between consonants, which lists also write ``e``."""


def _fused_article(tok: str) -> str:
    """The name after a fused ``al`` (``albaker`` -> ``baker``), or empty."""
    return tok[2:] if tok.startswith("al") and len(tok) >= 6 else ""


def _crossings(aligned: list[tuple[int, int, float]]) -> int:
    order = [j for _, j, _ in sorted(aligned)]
    return sum(1 for x, y in pairwise(order) if y < x)
