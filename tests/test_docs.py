"""Run every ``>>>`` example in the user documentation, so the docs cannot drift."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("docs/normalization.md", "docs/api.md", "README.md")


@pytest.mark.parametrize("page", PAGES)
def test_doc_examples_run(page: str) -> None:
    path = ROOT / page
    assert path.is_file(), f"missing documentation page {path}"
    result = doctest.testfile(
        str(path),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        encoding="utf-8",
        raise_on_error=False,
        verbose=False,
    )
    assert result.attempted > 0, f"{page} has no examples"
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {page}"
