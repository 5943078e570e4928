"""The optional C accelerators, loaded where they were built.

``hatch_build.py`` compiles them at install where a compiler is at hand; each has a
pure-Python path that gives the same results, which is used where the module is missing,
was built from another version of its source, or ``TRANSLITNORM_PURE_PYTHON`` is set.

>>> accelerator("_no_such_module", 1) is None
True
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType


def accelerator(name: str, version: int) -> ModuleType | None:
    """The C module ``translitnorm.<name>`` if it is built and its ``VERSION`` is
    ``version``, else None (also when ``TRANSLITNORM_PURE_PYTHON`` is set)."""
    if os.environ.get("TRANSLITNORM_PURE_PYTHON"):
        return None
    try:
        module = importlib.import_module(f"translitnorm.{name}")
    except ImportError:
        return None
    return module if getattr(module, "VERSION", None) == version else None
