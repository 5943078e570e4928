"""The glossary data model: entries, variants and where each came from.

Everything here is a frozen dataclass so a loaded glossary can be shared between
threads and pickled to worker processes.

>>> v = Variant("Ahrar as-Sham", lang="en")
>>> e = Entry(id="ahrar-al-sham", canonical="Ahrar al-Sham", type="organization",
...           definition="A Syrian armed group.", variants=(v,))
>>> [x.text for x in e.all_variants()]
['Ahrar al-Sham', 'Ahrar as-Sham']
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, Final

ENTRY_TYPES: Final = ("organization", "person", "place", "term", "event", "other")
"""The allowed values of an entry's ``type``."""

VARIANT_STATUSES: Final = ("current", "deprecated", "pejorative", "misspelling", "historical")
"""The allowed values of a variant's ``status``."""


@dataclass(frozen=True, slots=True)
class Location:
    """A position in a glossary file: 1-based line and column.

    >>> str(Location("glossary/people.yaml", 12, 5))
    'glossary/people.yaml:12:5'
    """

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Variant:
    """One spelling of an entry's name.

    ``case_sensitive`` variants (acronyms such as ``IS``) only match text with the same
    letter case; ``fuzzy=False`` variants are never fuzzy- or phonetic-matched;
    ``ambiguous=True`` declares that the spelling is knowingly shared with other entries,
    or with things the glossary does not hold (so it is no lint error, and a match on it
    in running text is ambiguous unless its sentence settles it: see
    :mod:`translitnorm.shared_spellings`).
    ``extra`` keeps fields the loader did not know, so nothing a user wrote is lost.

    >>> Variant("ISIS", case_sensitive=True).case_sensitive
    True
    """

    text: str
    lang: str | None = None
    script: str | None = None
    scheme: str | None = None
    case_sensitive: bool = False
    fuzzy: bool = True
    ambiguous: bool = False
    status: str | None = None
    note: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)
    location: Location | None = field(default=None, compare=False)


_TEXT: Final = attrgetter("text")


@dataclass(frozen=True, slots=True)
class Relation:
    """A link from one entry to another, e.g. ``successor-of``, ``member-of``, ``alias-of``.

    >>> Relation("jabhat-al-nusra", "successor-of").id
    'jabhat-al-nusra'
    """

    id: str
    relation: str = "related"
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Source:
    """A citation for an entry: free text, a URL, or both.

    >>> Source(text="UN consolidated list", url=None).text
    'UN consolidated list'
    """

    text: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """A glossary entry: one real-world thing and all the ways its name is written.

    The canonical form always counts as a variant (see :meth:`all_variants`).

    >>> e = Entry(id="raqqa", canonical="Raqqa", type="place", definition="A city in Syria.")
    >>> e.all_variants()[0].text
    'Raqqa'
    """

    id: str
    canonical: str
    type: str
    definition: str = ""
    variants: tuple[Variant, ...] = ()
    sources: tuple[Source, ...] = ()
    related: tuple[Relation, ...] = ()
    notes: str | None = None
    tags: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)
    location: Location | None = field(default=None, compare=False)

    def all_variants(self) -> tuple[Variant, ...]:
        """The canonical form (first) followed by the listed variants, without repeats.

        >>> e = Entry(id="x", canonical="A", type="term", variants=(Variant("A"), Variant("B")))
        >>> [v.text for v in e.all_variants()]
        ['A', 'B']
        """
        if self.canonical in map(_TEXT, self.variants):  # (no set: a few variants)
            return self.variants
        return (Variant(self.canonical, location=self.location), *self.variants)


@dataclass(frozen=True, slots=True)
class Glossary:
    """A set of entries loaded from one or more YAML files.

    ``files`` lists the files the entries came from, in load order.

    >>> g = Glossary(entries=(Entry(id="raqqa", canonical="Raqqa", type="place"),))
    >>> g.get("raqqa").canonical
    'Raqqa'
    >>> len(g)
    1
    """

    entries: tuple[Entry, ...] = ()
    files: tuple[str, ...] = ()
    name: str | None = None
    description: str | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def get(self, entry_id: str) -> Entry:
        """The entry with this id; ``KeyError`` if there is none.

        >>> Glossary().get("nope")
        Traceback (most recent call last):
        ...
        KeyError: 'nope'
        """
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(entry_id)
