"""Tokenizing names and running text, keeping every character offset.

A token is a run of letters, digits and combining marks, with apostrophe-like marks allowed
inside it (``Bay'ah``, ``ISIS's``). Everything else (space, hyphen, underscore, dot, ...)
separates tokens. :func:`split_text` returns the text as alternating separator/token parts
whose lengths add up to the text, so offsets come from lengths, never from a second pass.

>>> split_text("Ahrar al-Sham.")
['', 'Ahrar', ' ', 'al', '-', 'Sham', '.']
>>> name_tokens("Ahrar al-Sham")
[('Ahrar', False), ('al', True), ('Sham', False)]
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

_MARKS: Final = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u0e31\u0e34-\u0e3a"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u200c\u200d"
)
_APOS: Final = "'’ʼʹʻ`´ʿʾ"
_RUN: Final = rf"(?:[^\W_]+|[{_MARKS}]+)+"  # letters, digits, combining marks
TOKEN_PATTERN: Final = rf"{_RUN}(?:[{_APOS}]{_RUN})*"
"""The regular expression of one token."""

_TOKEN_RE: Final = re.compile(TOKEN_PATTERN)
_POSSESSIVE_RUN: Final = rf"(?:[^\W_]++|[{_MARKS}]++)++"
_SPLIT_RE: Final = re.compile(rf"({_POSSESSIVE_RUN}(?:[{_APOS}]{_POSSESSIVE_RUN})*+)")
"""TOKEN_PATTERN made possessive, for splitting: nothing after a run of letters can use a
letter given back, so the matches are the same, about 15% sooner."""
_ASCII_SPLIT_RE: Final = re.compile(r"([A-Za-z0-9]++(?:['`][A-Za-z0-9]++)*+)")
"""The same for ASCII text, where a token can only be letters and digits joined by ' or `
(the other apostrophes and every combining mark lie outside ASCII): about twice as fast."""

ARTICLES: Final = frozenset({"al", "el", "ul", "il", "аль", "эль", "ал", "уль"})
"""Forms of the Arabic article that are articles wherever they stand."""

SUN_ARTICLES: Final = frozenset(
    {
        "as", "ash", "ad", "adh", "an", "ar", "az", "at", "ath", "es", "ech", "ed", "en", "er",
        "ez", "et", "us", "ud", "un", "ur", "uz", "ut",
        "asch", "esch", "ach",  # German asch-Scham, French ach-Cham
        "аш", "ас", "ад", "ан", "ар", "аз", "ат", "уш", "ус", "ун", "ур", "уд", "ут",
    }
)
"""Assimilated forms of the article (as-Sham, an-Nusra): articles only when a hyphen or an
apostrophe joins them to the next word, since ``as``, ``an``, ``at`` are English words."""

_JOINERS: Final = frozenset({"-", "‐", "‑", "–", "'", "’", "ʼ", "`"})


def article_kind(token: str, following_separator: str) -> bool:
    """Is ``token`` an Arabic article, given the separator that follows it?

    >>> article_kind("al", " "), article_kind("as", "-"), article_kind("as", " ")
    (True, True, False)
    """
    low = plain(token)
    if low in ARTICLES:
        return following_separator != ""
    return low in SUN_ARTICLES and following_separator in _JOINERS


def plain(token: str) -> str:
    """Lower case without accents, for telling articles ("ÀL" folds to "al", so it is one).

    >>> plain("ÀL"), plain("Sham")
    ('al', 'sham')
    """
    low = token.lower()
    if low.isascii() or len(low) > 4:
        return low
    return "".join(c for c in unicodedata.normalize("NFD", low) if not unicodedata.combining(c))


def split_text(text: str) -> list[str]:
    """Alternating separator and token parts: ``parts[1::2]`` are the tokens.

    ``"".join(parts) == text`` always holds.

    >>> parts = split_text("ISIS's fighters")
    >>> parts[1::2]
    ["ISIS's", 'fighters']
    """
    if text.isascii():
        return _ASCII_SPLIT_RE.split(text)
    return _SPLIT_RE.split(text)


def name_tokens(text: str) -> list[tuple[str, bool]]:
    """The tokens of a name with, for each, whether it is an Arabic article.

    A name made only of article-like words keeps them as ordinary tokens.

    >>> name_tokens("Jabhat an-Nusra")
    [('Jabhat', False), ('an', True), ('Nusra', False)]
    >>> name_tokens("Al")
    [('Al', False)]
    """
    parts = split_text(text)
    out: list[tuple[str, bool]] = []
    for i in range(1, len(parts), 2):
        sep = parts[i + 1] if i + 1 < len(parts) else ""
        has_next = i + 2 < len(parts)
        out.append((parts[i], has_next and article_kind(parts[i], sep)))
    if out and all(art for _, art in out):
        return [(tok, False) for tok, _ in out]
    return out



_ELISION: Final = re.compile(r"(?:[ldjnsmtcLDJNSMTC]|[qQ]u)['’]")


def elision_length(token: str) -> int:
    """Length of a French elided article or pronoun at the start of ``token`` (l', d', qu'),
    or 0; only when at least two letters follow.

    >>> elision_length("d'Alep"), elision_length("l'EI"), elision_length("Bay'ah")
    (2, 2, 0)
    """
    m = _ELISION.match(token)
    return m.end() if m and len(token) - m.end() >= 2 else 0
