"""translitnorm: keep names straight across spellings, transliterations and scripts.

>>> from translitnorm import Matcher, load_glossary
>>> m = Matcher(load_glossary())
>>> [x.id for x in m.annotate("Fighters of Ahrar as-Sham entered Raqqa.")]
['ahrar-al-sham', 'raqqa']
"""

from __future__ import annotations

from translitnorm.errors import InputError, Problem
from translitnorm.matcher import MatchConfig, Matcher
from translitnorm.model import Entry, Glossary, Location, Relation, Source, Variant
from translitnorm.records import Candidate, Explanation, FoldStep, Match

__version__ = "0.1.0"

__all__ = [
    "Candidate",
    "Entry",
    "Explanation",
    "FoldStep",
    "Glossary",
    "InputError",
    "Location",
    "Match",
    "MatchConfig",
    "Matcher",
    "Problem",
    "Relation",
    "Source",
    "Variant",
    "__version__",
    "load_glossary",
]


def load_glossary(*paths: object, **kwargs: object) -> Glossary:  # pragma: no cover - replaced
    """Placeholder until the loader lands."""
    from translitnorm.loader import load_glossary as _load

    return _load(*paths, **kwargs)  # type: ignore[arg-type]
