"""The glossary-editor commands through CliRunner: validate, lint, add, fmt, suggest, stats."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translitnorm.cli import app

DATA = Path(__file__).parent / "data" / "cli"
GLOSSARY = DATA / "glossary.yaml"

runner = CliRunner()


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compiled-glossary cache in the test session's temp folder, not in ~/.cache."""
    monkeypatch.setenv("TRANSLITNORM_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "tn-cache"))


def run(*args: str, input: str | None = None) -> object:
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def gcopy(tmp_path: Path) -> Path:
    dst = tmp_path / "glossary.yaml"
    shutil.copy(GLOSSARY, dst)
    return dst


ENTRY = """\
  - id: {id}
    canonical: {canonical}
    type: {type}
    definition: {definition}
    variants: [{variants}]
    sources: [Test]
"""


def write_glossary(path: Path, *entries: dict[str, str]) -> Path:
    body = "entries:\n" + "".join(
        ENTRY.format(**{"definition": "Something.", "variants": "", "type": "term", **e})
        for e in entries
    )
    path.write_text(body, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- validate


def test_validate_ok(gcopy: Path) -> None:
    r = run("glossary", "validate", str(gcopy))
    assert r.exit_code == 0, r.output
    assert r.stdout == ""
    assert "0 error(s)" in r.stderr


def test_validate_reports_every_problem_with_position(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "entries:\n"
        "  - id: a\n"
        "    canonica: A\n"
        "    type: plac\n"
        "    definition: ''\n"
        "    variants: []\n",
        encoding="utf-8",
    )
    r = run("glossary", "validate", str(bad))
    assert r.exit_code == 1
    lines = r.stdout.strip().splitlines()
    assert len(lines) >= 2
    for line in lines:
        assert line.startswith(f"{bad}:"), line
        parts = line.split(":")
        assert parts[1].isdigit() and parts[2].isdigit()
    assert any("canonica" in line for line in lines)
    assert "Traceback" not in r.output


def test_validate_missing_path(tmp_path: Path) -> None:
    r = run("glossary", "validate", str(tmp_path / "nope.yaml"))
    assert r.exit_code == 2
    assert "nope.yaml" in r.output and "Traceback" not in r.output


def test_validate_bundled_by_default() -> None:
    r = run("glossary", "validate")
    assert r.exit_code == 0, r.stdout


# --------------------------------------------------------------------------- lint


def test_lint_findings_and_exit_codes(tmp_path: Path) -> None:
    g = write_glossary(
        tmp_path / "g.yaml",
        {"id": "alpha-group", "canonical": "Alpha Group", "variants": "Beta Front, the"},
        {"id": "beta-front", "canonical": "Beta Front", "variants": "'{text: Al Alpha}'"},
    )
    r = run("glossary", "lint", str(g))
    assert r.exit_code == 1
    out = r.stdout
    assert "[variant-collision]" in out and "error:" in out
    assert "[common-word]" in out  # "the"
    only_errors = run("glossary", "lint", str(g), "--errors-only")
    assert only_errors.exit_code == 1
    assert "[common-word]" not in only_errors.stdout
    assert "[variant-collision]" in only_errors.stdout


def test_lint_json_format(tmp_path: Path) -> None:
    g = write_glossary(tmp_path / "g.yaml", {"id": "x", "canonical": "Xylo", "variants": "XY"})
    r = run("glossary", "lint", str(g), "--format", "json")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert data[0]["code"] == "short-variant"
    assert set(data[0]) == {"file", "line", "column", "severity", "code", "message", "hint"}
    assert data[0]["file"] == str(g) and data[0]["line"] == 6


def test_lint_clean_glossary_exits_0(tmp_path: Path) -> None:
    g = write_glossary(
        tmp_path / "g.yaml",
        {"id": "raqqa", "canonical": "Raqqa", "type": "place", "variants": "Rakka"},
    )
    r = run("glossary", "lint", str(g))
    assert r.exit_code == 0, r.stdout
    assert r.stdout == ""


def test_lint_errors_only_ignores_declared_ambiguous(gcopy: Path) -> None:
    assert run("glossary", "lint", str(gcopy)).exit_code == 1  # a declared-ambiguous warning
    assert run("glossary", "lint", str(gcopy), "--errors-only").exit_code == 0


def test_lint_bad_glossary_is_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries: [", encoding="utf-8")
    r = run("glossary", "lint", str(bad))
    assert r.exit_code == 2
    assert r.stderr.strip().startswith(f"{bad}:") and "Traceback" not in r.output


# --------------------------------------------------------------------------- add


def test_add_keeps_comments_unknown_fields_and_key_order(gcopy: Path) -> None:
    before = gcopy.read_text(encoding="utf-8")
    r = run("glossary", "add", "ahrar-al-sham", "Ahrar al-Cham", "--lang", "fr", "-g", str(gcopy))
    assert r.exit_code == 0, r.output
    after = gcopy.read_text(encoding="utf-8")
    assert r.stdout.startswith(f"{gcopy}:")
    assert "added 'Ahrar al-Cham' to ahrar-al-sham" in r.stdout
    old_lines = before.splitlines()
    new_lines = after.splitlines()
    # Exactly one line added, everything else byte-for-byte the same.
    assert len(new_lines) == len(old_lines) + 1
    added = [line for line in new_lines if line not in old_lines]
    assert added == ["      - {text: Ahrar al-Cham, lang: fr}"]
    assert "x-review: {by: test, status: checked}   # unknown field: must survive edits" in after
    assert after.startswith("# Test glossary for the CLI tests")
    # The new variant is loadable and matches.
    lookup = run("lookup", "Ahrar al-Cham", "-g", str(gcopy), "-f", "json")
    assert json.loads(lookup.stdout)["candidates"][0]["method"] == "exact"


def test_add_with_a_source(gcopy: Path) -> None:
    before = gcopy.read_text(encoding="utf-8").splitlines()
    r = run("glossary", "add", "ahrar-al-sham", "Ahrar al-Cham", "--lang", "fr",
            "--source", "Le Monde, 2015", "--source-url", "https://example.org/cham",
            "-g", str(gcopy))
    assert r.exit_code == 0, r.output
    assert "added 'Ahrar al-Cham' to ahrar-al-sham with its source" in r.stdout
    after = gcopy.read_text(encoding="utf-8").splitlines()
    assert [line for line in before if line not in after] == []
    new = [line for line in after if line not in before]
    assert new[0] == "      - {text: Ahrar al-Cham, lang: fr}"
    assert "Le Monde, 2015" in "\n".join(new[1:]) and "https://example.org/cham" in new[-1]
    again = run("glossary", "add", "ahrar-al-sham", "Ahrar el-Cham", "--source",
                "Le Monde, 2015", "--source-url", "https://example.org/cham", "-g", str(gcopy))
    assert again.exit_code == 0, again.output
    assert "(its source was already listed)" in again.stdout
    assert gcopy.read_text(encoding="utf-8").count("https://example.org/cham") == 1
    empty = run("glossary", "add", "ahrar-al-sham", "Ahrar ach-Cham", "--source", "",
                "-g", str(gcopy))
    assert empty.exit_code == 2 and "the source is empty" in empty.stderr
    assert len(empty.stderr.strip().splitlines()) == 1 and "Traceback" not in empty.output


def test_add_plain_string_and_case_sensitive(gcopy: Path) -> None:
    r = run("glossary", "add", "raqqa", "Rakka", "-g", str(gcopy))
    assert r.exit_code == 0, r.output
    assert "      - Rakka\n" in gcopy.read_text(encoding="utf-8")
    r = run("glossary", "add", "islamic-state", "IS", "--case-sensitive", "-g", str(gcopy))
    assert r.exit_code == 0, r.output
    assert "{text: IS, case_sensitive: true}" in gcopy.read_text(encoding="utf-8")


def test_add_finds_the_file_in_a_folder(tmp_path: Path) -> None:
    shutil.copy(GLOSSARY, tmp_path / "a.yaml")
    write_glossary(tmp_path / "b.yaml", {"id": "homs", "canonical": "Homs", "type": "place"})
    r = run("glossary", "add", "homs", "Hims", "-g", str(tmp_path))
    assert r.exit_code == 0, r.output
    assert "Hims" in (tmp_path / "b.yaml").read_text(encoding="utf-8")
    assert "Hims" not in (tmp_path / "a.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["no-such-id", "X"], "no entry with id 'no-such-id'"),
        (["raqqa", "al-Raqqah"], "already a spelling of raqqa"),
        (["raqqa", "Raqqa"], "already a spelling of raqqa"),
        (["raqq", "X"], "did you mean raqqa?"),
    ],
)
def test_add_refusals_exit_2_and_leave_file(gcopy: Path, args: list[str], needle: str) -> None:
    before = gcopy.read_bytes()
    r = run("glossary", "add", *args, "-g", str(gcopy))
    assert r.exit_code == 2
    assert needle in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.output
    assert gcopy.read_bytes() == before


def test_add_refuses_file_that_does_not_round_trip(tmp_path: Path) -> None:
    g = tmp_path / "odd.yaml"
    g.write_text(
        "entries:\n"
        "  - id: raqqa\n"
        "    canonical: Raqqa\n"
        "    type: place\n"
        "    definition: A city.\n"
        "    variants: [Rakka]\n"
        '    sources: [{text: "UN list"}]\n',
        encoding="utf-8",
    )
    before = g.read_bytes()
    r = run("glossary", "add", "raqqa", "Ar-Raqqa", "-g", str(g))
    assert r.exit_code == 2
    assert "cannot be edited safely" in r.stderr and "glossary fmt" in r.stderr
    assert g.read_bytes() == before
    # After fmt it can be edited.
    assert run("glossary", "fmt", str(g)).exit_code == 0
    assert run("glossary", "add", "raqqa", "Ar-Raqqa", "-g", str(g)).exit_code == 0


# --------------------------------------------------------------------------- fmt


def test_fmt_check_and_write(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text(
        "# header comment\n"
        "entries:\n"
        "- id: raqqa   # the city\n"
        "  canonical: Raqqa\n"
        "  type: place\n"
        "  x-extra: keep\n"
        "  definition: A city.\n"
        "  variants:\n"
        "  - Rakka\n"
        "  sources: [Test]\n",
        encoding="utf-8",
    )
    before = g.read_bytes()
    check = run("glossary", "fmt", str(g), "--check")
    assert check.exit_code == 1
    assert check.stdout.strip() == f"would reformat: {g}"
    assert g.read_bytes() == before
    done = run("glossary", "fmt", str(g))
    assert done.exit_code == 0
    after = g.read_text(encoding="utf-8")
    assert after == (
        "# header comment\n"
        "entries:\n"
        "  - id: raqqa # the city\n"
        "    canonical: Raqqa\n"
        "    type: place\n"
        "    x-extra: keep\n"
        "    definition: A city.\n"
        "    variants:\n"
        "      - Rakka\n"
        "    sources: [Test]\n"
    )
    again = run("glossary", "fmt", str(g), "--check")
    assert again.exit_code == 0 and again.stdout == ""


def test_fmt_check_on_test_glossary_is_clean() -> None:
    r = run("glossary", "fmt", str(GLOSSARY), "--check")
    assert r.exit_code == 0, r.stdout


def test_fmt_syntax_error(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text("entries:\n  - id: [x\n", encoding="utf-8")
    r = run("glossary", "fmt", str(g), "--check")
    assert r.exit_code == 2
    assert r.stderr.startswith(f"{g}:") and "Traceback" not in r.output


# --------------------------------------------------------------------------- suggest


def test_suggest_lists_and_writes(gcopy: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(
        "They call it Dayish.\nOthers wrote Dayish too.\nSeen near Raqqa.\n", encoding="utf-8"
    )
    r = run("glossary", "suggest", str(corpus), "-g", str(gcopy))
    assert r.exit_code == 0, r.output
    assert "islamic-state" in r.stdout and "Dayish" in r.stdout
    assert f"{corpus}:1:" in r.stdout and "They call it Dayish." in r.stdout
    j = run("glossary", "suggest", str(corpus), "-g", str(gcopy), "--format", "json")
    [s] = [x for x in json.loads(j.stdout) if x["text"] == "Dayish"]
    assert s["count"] == 2 and s["method"] in ("phonetic", "fuzzy")
    high = run(
        "glossary", "suggest", str(corpus), "-g", str(gcopy), "--min-count", "3", "-f", "json"
    )
    assert json.loads(high.stdout) == []
    w = run("glossary", "suggest", str(corpus), "-g", str(gcopy), "--write")
    assert w.exit_code == 0, w.output
    assert "written:" in w.stderr and "Dayish" in w.stderr
    assert "- Dayish" in gcopy.read_text(encoding="utf-8")
    # Now it is a variant: nothing left to suggest.
    again = run("glossary", "suggest", str(corpus), "-g", str(gcopy), "-f", "json")
    assert [x for x in json.loads(again.stdout) if x["text"] == "Dayish"] == []


def test_suggest_writes_with_a_source(gcopy: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("They call it Dayish.\nOthers wrote Dayish too.\n", encoding="utf-8")
    alone = run("glossary", "suggest", str(corpus), "-g", str(gcopy), "--source", "Notes")
    assert alone.exit_code == 2 and "go with --write" in alone.stderr
    assert len(alone.stderr.strip().splitlines()) == 1
    w = run("glossary", "suggest", str(corpus), "-g", str(gcopy), "--write",
            "--source", "Field notes, 2016")
    assert w.exit_code == 0, w.output
    assert "added 'Dayish' to islamic-state with its source" in w.stderr
    from translitnorm.loader import load_glossary

    entry = load_glossary(gcopy).get("islamic-state")
    assert entry.variants[-1].text == "Dayish"
    assert (entry.sources[-1].text, entry.sources[-1].url) == ("Field notes, 2016", None)


# --------------------------------------------------------------------------- stats


def test_stats_text_and_json() -> None:
    r = run("glossary", "stats", str(GLOSSARY))
    assert r.exit_code == 0
    assert r.stdout.startswith("6 entries, ")
    j = json.loads(run("glossary", "stats", str(GLOSSARY), "--format", "json").stdout)
    assert j["entries"] == 6
    assert j["by_type"] == {"organization": 2, "person": 2, "place": 2}
    assert j["by_lang"]["ar"] == 1 and j["by_lang"]["fr"] == 1
    assert j["by_script"]["Arab"] == 1


def test_stats_bundled_default_and_bundled_value() -> None:
    default = json.loads(run("glossary", "stats", "-f", "json").stdout)
    both = json.loads(run("glossary", "stats", str(GLOSSARY), "bundled", "-f", "json").stdout)
    assert default["entries"] > 6
    assert both["entries"] >= default["entries"]
