"""translitnorm: keep names straight across spellings, transliterations and scripts.

>>> from translitnorm import Matcher, load_glossary
>>> m = Matcher(load_glossary())
>>> [x.id for x in m.annotate("Fighters of Ahrar as-Sham entered Raqqa.")]
['ahrar-al-sham', 'raqqa']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from translitnorm.errors import InputError, Problem
from translitnorm.matcher import MatchConfig, Matcher
from translitnorm.model import Entry, Glossary, Location, Relation, Source, Variant
from translitnorm.records import Candidate, Explanation, FoldStep, Match

if TYPE_CHECKING:
    from translitnorm.cache import cached_matcher
    from translitnorm.loader import load_glossary

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
    "cached_matcher",
    "load_glossary",
]


def __getattr__(name: str) -> object:
    # loaded on first use, so that `import translitnorm` (and the CLI's start-up) stays light
    if name == "load_glossary":
        from translitnorm.loader import load_glossary

        return load_glossary
    if name == "cached_matcher":
        from translitnorm.cache import cached_matcher

        return cached_matcher
    raise AttributeError(f"module 'translitnorm' has no attribute {name!r}")
