"""Golden files: ``translitnorm annotate`` in every format on tests/data/cli/report.txt with
the small test glossary tests/data/cli/glossary.yaml (not the bundled one, so the files do
not churn when it changes).

The files are never rewritten silently: run ``UPDATE_GOLDEN=1 pytest tests/test_cli_golden.py``
to regenerate them after an intended change, and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translitnorm.cli import app

DATA = Path(__file__).parent / "data" / "cli"
GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

CASES = {
    "jsonl": "report.jsonl",
    "inline": "report.inline.txt",
    "markdown": "report.md",
    "html": "report.html",
    "table": "report.table.txt",
}


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compiled-glossary cache in the test session's temp folder, not in ~/.cache."""
    monkeypatch.setenv("TRANSLITNORM_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "tn-cache"))


def _annotate(fmt: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(DATA)  # relative names keep the output independent of the checkout path
    r = CliRunner().invoke(app, ["annotate", "report.txt", "-g", "glossary.yaml", "-f", fmt])
    assert r.exit_code == 0, r.output
    return r.stdout


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_golden(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    got = _annotate(fmt, monkeypatch)
    path = GOLDEN / CASES[fmt]
    if UPDATE:
        path.write_text(got, encoding="utf-8", newline="")
        return
    assert path.exists(), f"{path} is missing; create it with UPDATE_GOLDEN=1 and review it"
    want = path.read_bytes().decode("utf-8")
    assert got == want, (
        f"annotate --format {fmt} differs from {path.name}; if the change is intended, "
        "regenerate with UPDATE_GOLDEN=1 and review the diff"
    )


def test_golden_rewrite(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    outputs = []
    for style in ("canonical", "canonical-with-original", "first-mention"):
        r = CliRunner().invoke(
            app, ["rewrite", "report.txt", "-g", "glossary.yaml", "--style", style]
        )
        assert r.exit_code == 0, r.output
        outputs.append(f"== {style}\n{r.stdout}")
    got = "".join(outputs)
    path = GOLDEN / "report.rewrite.txt"
    if UPDATE:
        path.write_text(got, encoding="utf-8", newline="")
        return
    assert path.exists(), f"{path} is missing; create it with UPDATE_GOLDEN=1 and review it"
    assert got == path.read_bytes().decode("utf-8")
