"""translitnorm: keep names straight across spellings, transliterations and scripts.

>>> from translitnorm import Matcher, load_glossary
>>> m = Matcher(load_glossary())
>>> [x.id for x in m.annotate("Fighters of Ahrar as-Sham entered Raqqa.")]
['ahrar-al-sham', 'raqqa']
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from translitnorm.cache import cached_matcher
    from translitnorm.errors import InputError, Problem
    from translitnorm.loader import load_glossary
    from translitnorm.matcher import MatchConfig, Matcher
    from translitnorm.model import Entry, Glossary, Location, Relation, Source, Variant
    from translitnorm.records import Candidate, Explanation, FoldStep, Match

__version__ = "0.1.0"

# Public names and the module each lives in. They are imported on first use, so that
# `import translitnorm` (and the CLI's start-up) stays light.
_LAZY = {
    "Candidate": "records",
    "Entry": "model",
    "Explanation": "records",
    "FoldStep": "records",
    "Glossary": "model",
    "InputError": "errors",
    "Location": "model",
    "Match": "records",
    "MatchConfig": "matcher",
    "Matcher": "matcher",
    "Problem": "errors",
    "Relation": "model",
    "Source": "model",
    "Variant": "model",
    "cached_matcher": "cache",
    "load_glossary": "loader",
}

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
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'translitnorm' has no attribute {name!r}")
    value = getattr(import_module(f"translitnorm.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
