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
"""Assimilated forms of the article (as-Sham, an-Nusra): articles when a hyphen or an
apostrophe joins them to the next word, since ``as``, ``an``, ``at`` are English words; or
when, written apart, they stand between two words of a name and the next word starts with
their own consonant, as the assimilation spells it (see :func:`spaced_sun_article`)."""

_JOINERS: Final = frozenset({"-", "‐", "‑", "–", "'", "’", "ʼ", "`"})


def article_kind(token: str, following_separator: str, next_token: str = "",
                 after_a_word: bool = False) -> bool:
    """Is ``token`` an Arabic article, given the separator that follows it (and, for a sun
    article written apart, the next token and whether a word of the name comes before it:
    see :func:`spaced_sun_article`)?

    >>> article_kind("al", " "), article_kind("as", "-"), article_kind("as", " ")
    (True, True, False)
    >>> article_kind("az", " ", "Zawr", after_a_word=True)
    True
    """
    low = plain(token)
    if low in ARTICLES:
        return following_separator != ""
    return low in SUN_ARTICLES and (following_separator in _JOINERS or (
        after_a_word and _spaced(low, following_separator, next_token)))


def spaced_sun_article(token: str, following_separator: str, next_token: str) -> bool:
    """Is ``token``, which follows a word of the name, an assimilated article written apart
    from ``next_token`` (the way official romanizations write place names: Dayr az Zawr,
    Jisr ash Shughur)? Only when white space separates them and ``next_token`` starts with
    the article's own consonant, so that English "as", "an" and "at" stay words
    ("Friends at Home"), as do the French "en" and "et" ("en Irak et au Levant").

    >>> spaced_sun_article("az", " ", "Zawr"), spaced_sun_article("ash", " ", "Shughur")
    (True, True)
    >>> spaced_sun_article("at", " ", "Home"), spaced_sun_article("as", "-", "Sham")
    (False, False)
    """
    low = plain(token)
    return low in SUN_ARTICLES and _spaced(low, following_separator, next_token)


def _spaced(low: str, following_separator: str, next_token: str) -> bool:
    """:func:`spaced_sun_article` for a sun article ``low`` (its :func:`plain` form)."""
    if not following_separator.isspace():
        return False
    nxt = plain(next_token)
    return len(nxt) > len(low) and nxt.startswith(low[1:])


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
    >>> name_tokens("Dayr az Zawr")
    [('Dayr', False), ('az', True), ('Zawr', False)]
    >>> name_tokens("Al")
    [('Al', False)]
    """
    parts = split_text(text)
    out: list[tuple[str, bool]] = []
    for i in range(1, len(parts), 2):
        has_next = i + 2 < len(parts)
        out.append((parts[i], has_next and article_kind(parts[i], parts[i + 1], parts[i + 2],
                                                       after_a_word=i > 1)))
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
