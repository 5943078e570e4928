"""What the test modules of the C accelerators share: skip them all where
``TRANSLITNORM_PURE_PYTHON`` is set, and fail loudly, saying how to fix it, where the module
was not built (a silent skip would hide a broken build)."""

from __future__ import annotations

import importlib
import os

import pytest

PURE_PYTHON = bool(os.environ.get("TRANSLITNORM_PURE_PYTHON"))


def accelerator_mark(module: str, what: str, alone: str) -> pytest.MarkDecorator:
    """The ``pytestmark`` of the tests of ``translitnorm.<module>`` (``what`` it is, e.g.
    "C ASCII fold"; ``alone``: what TRANSLITNORM_PURE_PYTHON=1 tests instead)."""
    if PURE_PYTHON:
        return pytest.mark.skip(reason=f"TRANSLITNORM_PURE_PYTHON is set: no {what}")
    try:
        importlib.import_module(f"translitnorm.{module}")
    except ImportError as exc:  # pragma: no cover - a failed build
        raise ImportError(
            f"translitnorm's {what} (translitnorm.{module}): not built. Re-install with "
            "`pip install -e .` on a machine with a C compiler, or set "
            f"TRANSLITNORM_PURE_PYTHON=1 to test {alone}"
        ) from exc
    return pytest.mark.skipif(False, reason="built")
