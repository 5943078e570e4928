"""Glossary lint: problems a schema cannot see — spellings that collide across entries,
variants that would match ordinary words, near-duplicate entries, missing metadata.

Each finding is a :class:`~translitnorm.errors.Problem` with a stable ``code``:

========================  ========  =====================================================
code                      severity  meaning
========================  ========  =====================================================
``variant-collision``     error     two entries share a spelling after folding
``declared-ambiguous``    warning   the same, but every variant involved says
                                    ``ambiguous: true``
``common-word``           warning   a variant is a common English/French/German word and
                                    not ``case_sensitive``
``short-variant``         warning   a variant of 3 letters or fewer, not ``case_sensitive``
``unreachable-variant``   warning   a variant with punctuation inside that is never found
                                    in running text (« », dots, slashes are never read
                                    across inside a name)
``near-duplicate``        warning   two entries' canonical forms are nearly the same
``missing-lang-script``   warning   a non-Latin variant with neither ``lang`` nor ``script``
``no-definition``         warning   an entry without a definition
``no-source``             warning   an entry without a source
``dangling-related``      error     ``related`` names an id that is not in the glossary
========================  ========  =====================================================

>>> from translitnorm.model import Entry, Glossary, Variant
>>> g = Glossary(entries=(
...     Entry(id="islamic-state", canonical="Islamic State", type="organization",
...           variants=(Variant("IS"),), definition="A jihadist group."),
... ))
>>> for p in lint_glossary(g, key=str.casefold):
...     print(p.code, p.severity, p.message)
common-word warning variant 'IS' of islamic-state is a common word
no-source warning entry islamic-state has no source
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from translitnorm.errors import Problem
from translitnorm.model import Entry, Glossary, Location, Variant
from translitnorm.stats import is_latin
from translitnorm.wordlists import common_words

NEAR_DUPLICATE_RATIO = 92.0
"""rapidfuzz ratio (0-100) of two canonical fold keys from which entries are near-duplicates."""

SHORT_VARIANT_LETTERS = 3
"""Variants with at most this many letters need ``case_sensitive`` (cased scripts only)."""


@dataclass(frozen=True, slots=True)
class _Spelling:
    entry: Entry
    variant: Variant

    @property
    def location(self) -> Location | None:
        return self.variant.location or self.entry.location


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def _cased(text: str) -> bool:
    return text.lower() != text.upper()


def _default_key() -> Callable[[str], str]:
    from translitnorm.fold import fold_key

    return fold_key


def lint_glossary(
    glossary: Glossary,
    *,
    key: Callable[[str], str] | None = None,
    words: Iterable[str] | None = None,
    near_duplicate_ratio: float = NEAR_DUPLICATE_RATIO,
) -> list[Problem]:
    """All lint findings for ``glossary``, errors and warnings, in file order.

    ``key`` is the folding used to compare spellings (default
    :func:`translitnorm.fold.fold_key`); ``words`` replaces the common-word list.
    """
    fold = key or _default_key()
    word_set = common_words() if words is None else frozenset(w.casefold() for w in words)
    problems: list[Problem] = []
    problems += _collisions(glossary, fold)
    problems += _risky_variants(glossary, word_set)
    problems += _unreachable(glossary)
    problems += _near_duplicates(glossary, fold, near_duplicate_ratio)
    problems += _metadata(glossary)
    return sorted(problems, key=_order)


def _order(p: Problem) -> tuple[str, int, int, str]:
    loc = p.location
    return (loc.file, loc.line, loc.column, p.code) if loc else ("", 0, 0, p.code)


def _collisions(glossary: Glossary, fold: Callable[[str], str]) -> list[Problem]:
    by_key: dict[str, list[_Spelling]] = defaultdict(list)
    for entry in glossary.entries:
        seen: set[str] = set()
        for v in entry.all_variants():
            k = fold(v.text)
            if not k or k in seen:
                continue
            seen.add(k)
            by_key[k].append(_Spelling(entry, v))
    problems = []
    for k, spellings in by_key.items():
        ids = list(dict.fromkeys(s.entry.id for s in spellings))
        if len(ids) < 2:
            continue
        declared = all(s.variant.ambiguous for s in spellings)
        first = spellings[0]
        for other in spellings[1:]:
            if other.entry.id == first.entry.id:
                continue
            where = f" (at {first.location})" if first.location else ""
            what = (
                f"{other.variant.text!r} of {other.entry.id} and {first.variant.text!r} of "
                f"{first.entry.id}{where} are the same spelling after folding ({k!r})"
            )
            if declared:
                problems.append(
                    Problem(
                        other.location,
                        what + "; declared ambiguous",
                        code="declared-ambiguous",
                        severity="warning",
                    )
                )
            else:
                problems.append(
                    Problem(
                        other.location,
                        what,
                        hint="if the spelling really is shared, set 'ambiguous: true' on the "
                        "variant in every entry; otherwise remove it from one of them",
                        code="variant-collision",
                        severity="error",
                    )
                )
    return problems


def _risky_variants(glossary: Glossary, words: frozenset[str]) -> list[Problem]:
    problems = []
    for entry in glossary.entries:
        for v in entry.all_variants():
            if v.case_sensitive:
                continue
            text = v.text.strip()
            loc = v.location or entry.location
            if text.casefold() in words:
                problems.append(
                    Problem(
                        loc,
                        f"variant {v.text!r} of {entry.id} is a common word",
                        hint="set 'case_sensitive: true' (for an acronym) or remove it",
                        code="common-word",
                        severity="warning",
                    )
                )
            elif _cased(text) and _letters(text) <= SHORT_VARIANT_LETTERS:
                problems.append(
                    Problem(
                        loc,
                        f"variant {v.text!r} of {entry.id} has {_letters(text)} letters and "
                        "matches any letter case",
                        hint="set 'case_sensitive: true' so it only matches as written",
                        code="short-variant",
                        severity="warning",
                    )
                )
    return problems


def _punctuation(text: str) -> str:
    """The characters of ``text`` that are not letters, digits, spaces or hyphens."""
    return "".join(dict.fromkeys(c for c in text if not (c.isalnum() or c.isspace() or c == "-")))


def _unreachable(glossary: Glossary) -> list[Problem]:
    """Variants with punctuation inside that the scanner never finds in a plain sentence
    (each is tried once, with the glossary compiled in the exact+folded mode; variants of
    letters, digits, spaces and hyphens only are left out: their tokens are plain)."""
    special = [(e, v, marks) for e in glossary.entries for v in e.all_variants()
               if (marks := _punctuation(v.text.strip()))]
    if not special:
        return []
    from translitnorm.matcher import MatchConfig, Matcher

    matcher = Matcher(glossary, MatchConfig(phonetic=False, fuzzy=False))
    problems = []
    for entry, v, marks in special:
        hits = matcher.annotate(f"We met {v.text.strip()} there.")
        if not any(h.id == entry.id or entry.id in h.candidates for h in hits):
            problems.append(Problem(
                v.location or entry.location,
                f"variant {v.text!r} of {entry.id} is never found in running text",
                hint=f"a name is not read across {' '.join(map(repr, marks))}; "
                     "add the spelling without them",
                code="unreachable-variant",
                severity="warning",
            ))
    return problems


def _near_duplicates(glossary: Glossary, fold: Callable[[str], str], ratio: float) -> list[Problem]:
    from rapidfuzz import fuzz, process

    entries = list(glossary.entries)
    keys = [fold(e.canonical) for e in entries]
    problems = []
    for i, entry in enumerate(entries):
        if not keys[i]:
            continue
        hits = process.extract(keys[i], keys, scorer=fuzz.ratio, score_cutoff=ratio, limit=None)
        for _, score, j in hits:
            if j <= i or not keys[j] or keys[j] == keys[i] or entries[j].id == entry.id:
                continue
            other = entries[j]
            problems.append(
                Problem(
                    other.location,
                    f"entries {other.id} ({other.canonical!r}) and {entry.id} "
                    f"({entry.canonical!r}) have nearly the same name (similarity {score:.0f})",
                    hint="merge them, or add a note saying how they differ",
                    code="near-duplicate",
                    severity="warning",
                )
            )
    return problems


def _metadata(glossary: Glossary) -> list[Problem]:
    ids = {e.id for e in glossary.entries}
    problems = []
    for entry in glossary.entries:
        if not entry.definition.strip():
            problems.append(
                Problem(
                    entry.location,
                    f"entry {entry.id} has no definition",
                    hint="add a one-sentence 'definition'",
                    code="no-definition",
                    severity="warning",
                )
            )
        if not any(s.text or s.url for s in entry.sources):
            problems.append(
                Problem(
                    entry.location,
                    f"entry {entry.id} has no source",
                    hint="add 'sources' with a citation or URL",
                    code="no-source",
                    severity="warning",
                )
            )
        for rel in entry.related:
            if rel.id not in ids:
                problems.append(
                    Problem(
                        rel.location or entry.location,
                        f"entry {entry.id} is {rel.relation} {rel.id!r}, "
                        "which is not in the glossary",
                        hint="fix the id or add the entry",
                        code="dangling-related",
                        severity="error",
                    )
                )
        for v in entry.all_variants():
            if v.lang or v.script or is_latin(v.text):
                continue
            problems.append(
                Problem(
                    v.location or entry.location,
                    f"non-Latin variant {v.text!r} of {entry.id} has no lang or script",
                    hint="add 'lang' (e.g. ar) and/or 'script' (e.g. Arab)",
                    code="missing-lang-script",
                    severity="warning",
                )
            )
    return problems


def has_errors(problems: Iterable[Problem]) -> bool:
    """True if any problem is an error (not just a warning).

    >>> has_errors([Problem(None, "x", severity="warning")])
    False
    """
    return any(p.severity == "error" for p in problems)
