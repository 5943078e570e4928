"""Generic words of organisation names: legal forms, little words and generic nouns in
several languages (``data/org_words.txt``), compiled once.

Whole-name lookup rewrites an organisation name's folded tokens with them before scoring:
a legal form (one word or a phrase such as "otkrytoe aktsionernoe obshchestvo") becomes
one weak legal-form token, and a generic noun becomes its concept, so ``KATA'IB X`` meets
``X BRIGADES`` and ``JAYSH ... ARMY`` says "army" once. Nothing is dropped: a missing or
extra noun still costs as much as any word.

>>> from translitnorm.fold import folded_tokens
>>> org_tokens(tuple(folded_tokens("Kata'ib Hezbollah")))
('brigade', 'hezbola')
>>> org_tokens(tuple(folded_tokens("TRANSOIL OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU")))
('transoil', 'ltd')
>>> org_tokens(tuple(folded_tokens("TRANSOIL OBSHCHESTVO S ORGANICHENNOI OTVETSTVENNOSTIU")))
('transoil', 'ltd')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Final

from rapidfuzz.distance import Indel

from translitnorm.fold import fold_token
from translitnorm.tokenize import name_tokens

LEGAL_TOKEN: Final = "ltd"
"""The one token every legal form becomes (folded; a legal-form filler for scoring)."""


@dataclass(frozen=True, slots=True)
class OrgLexicon:
    """The compiled word list: folded phrases -> the token they become."""

    phrases: dict[tuple[str, ...], str]
    longest: int
    long_phrases: dict[str, tuple[tuple[str, ...], ...]]  # first letter -> legal forms of
    # several words, longest first
    small: frozenset[str]  # the tokens small words become
    weak: frozenset[str]  # the tokens weak generic words become
    nouns: frozenset[str]  # the tokens generic nouns and adjectives become
    adjectives: frozenset[str]  # the tokens generic adjectives become


def _by_first_letter(
        phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        grouped.setdefault(phrase[0][:1], []).append(phrase)
    return {letter: tuple(group) for letter, group in grouped.items()}


def _fold_phrase(text: str) -> tuple[str, ...]:
    return tuple(t for raw, _ in name_tokens(text) if (t := fold_token(raw)))


@lru_cache(maxsize=1)
def org_lexicon() -> OrgLexicon:
    """Read and compile ``data/org_words.txt`` (once).

    >>> lex = org_lexicon()
    >>> lex.phrases[("jaish",)], lex.phrases[("otkritoe", "aktsionernoe", "obshshestvo")]
    ('armi', 'ltd')
    """
    text = resources.files("translitnorm").joinpath("data/org_words.txt").read_text("utf-8")
    phrases: dict[tuple[str, ...], str] = {}
    kinds: dict[str, set[str]] = {"small": set(), "weak": set(), "nouns": set(),
                                  "adjectives": set()}
    section = ""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        if section == "legal":
            key = _fold_phrase(line)
            if key:
                phrases.setdefault(key, LEGAL_TOKEN)
            continue
        concept, _, words = line.partition(":")
        target = fold_token(concept.strip())
        kinds[section].add(target)
        for word in words.split():
            key = _fold_phrase(word)
            if len(key) == 1:
                phrases.setdefault(key, target)
    return OrgLexicon(
        phrases=phrases,
        longest=max(map(len, phrases), default=1),
        long_phrases=_by_first_letter(k for k, t in phrases.items()
                                      if len(k) > 1 and t == LEGAL_TOKEN),
        small=frozenset(kinds["small"]),
        weak=frozenset(kinds["weak"]),
        nouns=frozenset(kinds["nouns"] | kinds["adjectives"]),
        adjectives=frozenset(kinds["adjectives"]),
    )


@lru_cache(maxsize=100_000)
def org_tokens(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """``tokens`` (folded, of a whole name) with legal forms, small words and generic
    nouns rewritten to their concepts; a concept said twice is kept once.

    >>> org_tokens(("jaish", "muhajirin", "and", "ansar", "armi"))
    ('armi', 'muhajirin', 'and', 'ansar')

    Rewriting again changes nothing: a concept dropped as said twice may bring the words
    of a legal phrase together, so the rewriting runs until nothing changes.
    """
    out = _org_tokens_once(tokens)
    for _ in range(len(tokens)):  # each pass that changes something is a rewriting less
        if out == tokens:
            break
        tokens, out = out, _org_tokens_once(out)
    return out


def _org_tokens_once(tokens: tuple[str, ...]) -> tuple[str, ...]:
    lex = org_lexicon()
    out: list[str] = []
    seen_concepts: set[str] = set()
    i = 0
    n = len(tokens)
    while i < n:
        for size in range(min(lex.longest, n - i), 0, -1):
            target = lex.phrases.get(tuple(tokens[i:i + size]))
            if target is not None:
                break
        else:
            size, target = _near_legal_phrase(tokens, i, lex)
        i += size
        if target == LEGAL_TOKEN and out and out[-1] == LEGAL_TOKEN:
            continue  # "Co. Ltd": one legal form
        if target in lex.nouns or target in lex.weak:
            if target in seen_concepts:
                continue
            seen_concepts.add(target)
        out.append(target)
    return tuple(out)


PHRASE_MIN_SIM: Final = 0.8
"""Words of a legal-form phrase of several words may be spelled this loosely (a phrase of
three words, one of them misspelt, is still the phrase)."""


def _near_legal_phrase(tokens: tuple[str, ...], i: int, lex: OrgLexicon) -> tuple[int, str]:
    """A legal-form phrase of several words spelt a little differently at ``tokens[i]``
    (``obshchestvo s organichennoi otvetstvennostyu``): (its length, the legal token), or
    (1, the token itself). Short words must be exact."""
    for phrase in lex.long_phrases.get(tokens[i][:1], ()):
        size = len(phrase)
        if i + size > len(tokens):
            continue
        if all(a == b or (min(len(a), len(b)) >= 4
                          and Indel.normalized_similarity(a, b) >= PHRASE_MIN_SIM)
               for a, b in zip(tokens[i:i + size], phrase, strict=True)):
            return size, LEGAL_TOKEN
    return 1, tokens[i]


def is_generic_adjective(token: str) -> bool:
    """Is a token of :func:`org_tokens` a generic adjective's concept (one a name may
    leave out)?

    >>> is_generic_adjective("islamik"), is_generic_adjective("brigade")
    (True, False)
    """
    return token in org_lexicon().adjectives


def is_distinctive(token: str) -> bool:
    """Is a token of :func:`org_tokens` a word of the name itself (not a legal form, little
    word, weak or generic word, nor a single letter)?

    >>> [is_distinctive(t) for t in ("aksa", "ltd", "of", "brigade")]
    [True, False, False, False]
    """
    lex = org_lexicon()
    return len(token) > 1 and token != LEGAL_TOKEN and token not in lex.small \
        and token not in lex.weak and token not in lex.nouns


def is_small(token: str) -> bool:
    """Is a token of :func:`org_tokens` a little word (of, the, and ...)?

    >>> is_small("of"), is_small("aksa")
    (True, False)
    """
    return token in org_lexicon().small
