"""The reader commands through Typer's CliRunner: annotate, rewrite, lookup, explain,
global options, and the error contract (one line, file:line:col, exit 2, no traceback)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translitnorm.cli import app
from translitnorm.render import JSONL_KEYS

DATA = Path(__file__).parent / "data" / "cli"
GLOSSARY = DATA / "glossary.yaml"
REPORT = DATA / "report.txt"
G = ["-g", str(GLOSSARY)]

runner = CliRunner()


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compiled-glossary cache in the test session's temp folder, not in ~/.cache."""
    monkeypatch.setenv("TRANSLITNORM_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "tn-cache"))


ONE_LINE_ERROR = re.compile(r"^\S.*:\d+:\d+: .+$")


def run(*args: str, input: str | bytes | None = None) -> object:
    return runner.invoke(app, list(args), input=input)


def jsonl(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def assert_clean_error(result: object, *, code: int = 2) -> str:
    """Exit ``code``, one line on stderr, nothing that looks like a traceback."""
    assert result.exit_code == code, (result.stdout, result.stderr)  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1, lines
    return str(lines[0])


# --------------------------------------------------------------------------- global


def test_version() -> None:
    from translitnorm import __version__

    r = run("--version")
    assert r.exit_code == 0
    assert r.stdout.strip() == f"translitnorm {__version__}"


def test_no_command_shows_help() -> None:
    r = run()
    assert r.exit_code in (0, 2)
    assert "annotate" in r.output and "glossary" in r.output


@pytest.mark.parametrize(
    "cmd",
    [
        ["annotate"],
        ["rewrite"],
        ["lookup"],
        ["explain"],
        ["glossary"],
        ["glossary", "validate"],
        ["glossary", "lint"],
        ["glossary", "add"],
        ["glossary", "fmt"],
        ["glossary", "suggest"],
        ["glossary", "stats"],
    ],
)
def test_every_command_has_help_with_examples(cmd: list[str]) -> None:
    r = run(*cmd, "--help")
    assert r.exit_code == 0, r.output
    assert "Usage: translitnorm" in r.stdout
    assert "Examples:" in r.stdout
    assert "translitnorm " + " ".join(cmd) in r.stdout.split("Examples:")[1] or cmd == ["glossary"]


def test_unknown_option_is_usage_error() -> None:
    r = run("annotate", "--frobnicate")
    assert r.exit_code == 2
    assert "Traceback" not in r.output


def test_bad_format_choice_is_usage_error() -> None:
    r = run("annotate", str(REPORT), *G, "--format", "pdf")
    assert r.exit_code == 2
    assert "pdf" in r.stderr


# --------------------------------------------------------------------------- annotate


def test_annotate_jsonl_contract() -> None:
    r = run("annotate", str(REPORT), *G)
    assert r.exit_code == 0, r.stderr
    records = jsonl(r.stdout)
    assert records, "no mentions found"
    text = REPORT.read_text(encoding="utf-8")
    for rec in records:
        assert tuple(rec) == JSONL_KEYS
        assert rec["file"] == str(REPORT)
        start, end = rec["start"], rec["end"]
        assert isinstance(start, int) and isinstance(end, int)
        assert text[start:end] == rec["text"]
        assert rec["line"] == text.count("\n", 0, start) + 1
        assert rec["method"] in ("exact", "folded", "phonetic", "fuzzy")
        assert isinstance(rec["score"], float) and 0 <= rec["score"] <= 100
        assert isinstance(rec["ambiguous"], list)
        if rec["ambiguous"]:
            assert rec["id"] is None and rec["canonical"] is None and rec["type"] is None
            assert len(rec["ambiguous"]) >= 2
        else:
            assert isinstance(rec["id"], str)
    by_text = {rec["text"]: rec for rec in records}
    assert by_text["Ahrar as-Sham"]["id"] == "ahrar-al-sham"
    assert sorted(by_text["al-Shishani"]["ambiguous"]) == ["muslim-al-shishani", "umar-shishani"]
    assert "isis" not in by_text  # case-sensitive variant ISIS
    assert by_text["ISIS"]["id"] == "islamic-state"


def test_annotate_stdin_dash_and_nothing() -> None:
    text = "Daesh left Ar-Raqqa.\n"
    for args in (["annotate", "-", *G], ["annotate", *G]):
        r = run(*args, input=text)
        assert r.exit_code == 0, r.stderr
        recs = jsonl(r.stdout)
        assert [x["id"] for x in recs] == ["islamic-state", "raqqa"]
        assert {x["file"] for x in recs} == {"-"}


def test_annotate_offsets_and_lines_with_crlf(tmp_path: Path) -> None:
    f = tmp_path / "crlf.txt"
    f.write_bytes(b"one\r\ntwo\r\nthree Daesh\r\n")
    r = run("annotate", str(f), *G)
    [rec] = jsonl(r.stdout)
    assert rec["line"] == 3
    assert rec["start"] == len("one\r\ntwo\r\nthree ")


def test_annotate_streams_large_input_with_right_offsets(tmp_path: Path) -> None:
    # Several read chunks (256 kB each): offsets and lines must stay exact across them.
    line = "Filler text about nothing in particular, just words and more words.\n"
    n = 12_000
    body = line * n + "Then Daesh\n" + line * n + "and Ahrar as-Sham.\n"
    f = tmp_path / "big.txt"
    f.write_text(body, encoding="utf-8")
    r = run("annotate", str(f), *G)
    assert r.exit_code == 0, r.stderr
    recs = jsonl(r.stdout)
    assert [x["text"] for x in recs] == ["Daesh", "Ahrar as-Sham"]
    for rec in recs:
        assert body[rec["start"] : rec["end"]] == rec["text"]
        assert rec["line"] == body.count("\n", 0, rec["start"]) + 1
    assert recs[1]["line"] == 2 * n + 2


def test_annotate_inline_large_input_keeps_text(tmp_path: Path) -> None:
    line = "Plain filler line, nothing to see here at all.\n"
    body = line * 8000 + "Daesh\n" + line * 8000
    f = tmp_path / "big.txt"
    f.write_text(body, encoding="utf-8")
    r = run("annotate", str(f), *G, "--format", "inline")
    assert r.exit_code == 0
    assert r.stdout == body.replace("Daesh\n", "Daesh [[Islamic State]]\n")


def test_annotate_globs_are_expanded(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Daesh\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Aleppo\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("Raqqa\n", encoding="utf-8")
    r = run("annotate", str(tmp_path / "*.txt"), *G)
    assert r.exit_code == 0, r.stderr
    recs = jsonl(r.stdout)
    assert [(Path(str(x["file"])).name, x["id"]) for x in recs] == [
        ("a.txt", "islamic-state"),
        ("b.txt", "aleppo"),
    ]


def test_annotate_glob_matching_nothing_is_input_error(tmp_path: Path) -> None:
    r = run("annotate", str(tmp_path / "*.nothing"), *G)
    assert r.exit_code == 2
    assert "no file matches" in r.stderr and "Traceback" not in r.output


def test_annotate_missing_file_and_folder(tmp_path: Path) -> None:
    r = run("annotate", str(tmp_path / "missing.txt"), *G)
    assert r.exit_code == 2 and "no such file" in r.stderr
    r = run("annotate", str(tmp_path), *G)
    assert r.exit_code == 2 and "is a folder" in r.stderr


def test_annotate_jobs_keeps_input_order(tmp_path: Path) -> None:
    names = []
    for i in range(6):
        f = tmp_path / f"doc{i}.txt"
        f.write_text(("x\n" * i) + ("Daesh\n" if i % 2 else "Aleppo and Raqqa\n"), encoding="utf-8")
        names.append(str(f))
    serial = run("annotate", *names, *G)
    parallel = run("annotate", *names, *G, "--jobs", "2")
    assert serial.exit_code == 0 and parallel.exit_code == 0, parallel.stderr
    assert parallel.stdout == serial.stdout
    assert [Path(str(r["file"])).name for r in jsonl(parallel.stdout)][:3] == [
        "doc0.txt",
        "doc0.txt",
        "doc1.txt",
    ]
    inline_serial = run("annotate", *names, *G, "-f", "inline")
    inline_parallel = run("annotate", *names, *G, "-f", "inline", "-j", "2")
    assert inline_parallel.stdout == inline_serial.stdout
    assert "==> " in inline_serial.stdout


def test_annotate_jobs_reports_bad_file(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Daesh\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Raqqa\n\xff\xfe\n")
    r = run("annotate", str(good), str(bad), *G, "--jobs", "2")
    line = assert_clean_error(r)
    assert line.startswith(f"{bad}:2:1: ")


def test_annotate_no_fuzzy_switch() -> None:
    text = "They wrote Dayish.\n"
    loose = jsonl(run("annotate", *G, input=text).stdout)
    strict = jsonl(run("annotate", *G, "--no-fuzzy", "--no-phonetic", input=text).stdout)
    assert [x["method"] for x in loose] == ["phonetic"]
    assert strict == []


def test_annotate_table_is_plain_in_a_pipe() -> None:
    r = run("annotate", str(REPORT), *G, "--format", "table")
    assert r.exit_code == 0
    assert "\x1b[" not in r.stdout
    assert "Islamic State" in r.stdout and "spellings seen" in r.stdout
    assert r.stderr == ""  # no progress bar in a pipe


def test_annotate_html_is_escaped_and_self_contained() -> None:
    r = run("annotate", str(REPORT), *G, "--format", "html")
    assert r.exit_code == 0
    page = r.stdout
    assert page.startswith("<!DOCTYPE html>")
    assert "&lt;north&gt; &amp; refused" in page
    assert "<north>" not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert 'class="tn-mention tn-type-organization"' in page
    assert "tn-ambiguous" in page


def test_annotate_markdown_has_footnotes() -> None:
    r = run("annotate", str(REPORT), *G, "--format", "markdown")
    assert "Ahrar as-Sham[^ahrar-al-sham]" in r.stdout
    assert "\n[^ahrar-al-sham]: **Ahrar al-Sham** (organization)." in r.stdout


# --------------------------------------------------------------------------- errors


def test_non_utf8_input_is_refused_with_position(tmp_path: Path) -> None:
    f = tmp_path / "latin1.txt"
    f.write_bytes("Alep\nRégion de Raqqa\n".encode("latin-1"))
    line = assert_clean_error(run("annotate", str(f), *G))
    assert line.startswith(f"{f}:2:2: not valid utf-8 text: byte 0xe9 at byte offset 6")
    assert "--encoding" in line


def test_encoding_option_reads_other_encodings(tmp_path: Path) -> None:
    f = tmp_path / "latin1.txt"
    f.write_bytes("Région: Raqqa\n".encode("latin-1"))
    r = run("annotate", str(f), *G, "--encoding", "latin-1")
    assert r.exit_code == 0, r.stderr
    [rec] = jsonl(r.stdout)
    assert rec["text"] == "Raqqa" and rec["start"] == len("Région: ")


def test_unknown_encoding_is_usage_error(tmp_path: Path) -> None:
    line = assert_clean_error(run("annotate", str(REPORT), *G, "--encoding", "klingon"))
    assert "unknown encoding 'klingon'" in line


def test_bad_glossary_is_one_line_with_position(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "entries:\n"
        "  - id: raqqa\n"
        "    canonical: Raqqa\n"
        "    type: plac\n"
        "    definition: A city.\n"
        "    variants: []\n",
        encoding="utf-8",
    )
    for cmd in (["annotate", str(REPORT)], ["lookup", "Raqqa"], ["explain", "Raqqa"]):
        line = assert_clean_error(run(*cmd, "-g", str(bad)))
        assert ONE_LINE_ERROR.match(line), line
        assert line.startswith(f"{bad}:4:")


def test_yaml_syntax_error_in_glossary(tmp_path: Path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("entries:\n  - id: [unclosed\n", encoding="utf-8")
    line = assert_clean_error(run("annotate", str(REPORT), "-g", str(bad)))
    assert line.startswith(f"{bad}:")


def test_missing_glossary_path() -> None:
    r = run("lookup", "Raqqa", "-g", "/nonexistent/glossary.yaml")
    assert r.exit_code == 2
    assert "/nonexistent/glossary.yaml" in r.stderr and "Traceback" not in r.output


def test_debug_reraises(tmp_path: Path) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(b"\xff")
    r = run("--debug", "annotate", str(f), *G)
    assert r.exit_code != 0
    from translitnorm.errors import InputError

    assert isinstance(r.exception, InputError)


# --------------------------------------------------------------------------- glossary selection


def test_glossary_bundled_value_adds_bundled_back() -> None:
    mine = run("lookup", "Idlib", *G, "-f", "json")
    both = run("lookup", "Idlib", *G, "-g", "bundled", "-f", "json")
    default = run("lookup", "Idlib", "-f", "json")
    assert json.loads(mine.stdout)["candidates"] == []
    assert mine.exit_code == 1
    assert json.loads(both.stdout)["candidates"][0]["id"] == "idlib"
    assert json.loads(default.stdout)["candidates"][0]["id"] == "idlib"


# --------------------------------------------------------------------------- rewrite


def test_rewrite_to_stdout() -> None:
    r = run("rewrite", "-", *G, input="Daesh took al-Raqqah.\n")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "Islamic State took Raqqa.\n"


def test_rewrite_styles() -> None:
    text = "Daesh and Daesh again.\n"
    withorig = run("rewrite", "-", *G, "--style", "canonical-with-original", input=text).stdout
    first = run("rewrite", "-", *G, "--style", "first-mention", input=text).stdout
    assert "Islamic State (Daesh)" in withorig
    assert first.count("Islamic State") == 1


def test_rewrite_in_place_keeps_crlf_and_comments(tmp_path: Path) -> None:
    f = tmp_path / "notes.txt"
    original = b"# comment: keep me\r\nDaesh left al-Raqqah.\r\n# another comment\r\n"
    f.write_bytes(original)
    f.chmod(0o640)
    r = run("rewrite", str(f), *G, "--in-place")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""
    assert (
        f.read_bytes()
        == b"# comment: keep me\r\nIslamic State left Raqqa.\r\n# another comment\r\n"
    )
    assert f.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]  # no temp file left


def test_rewrite_in_place_keeps_encoding(tmp_path: Path) -> None:
    f = tmp_path / "latin.txt"
    f.write_bytes("Région: al-Raqqah\n".encode("latin-1"))
    r = run("rewrite", str(f), *G, "--in-place", "--encoding", "latin-1")
    assert r.exit_code == 0, r.stderr
    assert f.read_bytes() == "Région: Raqqa\n".encode("latin-1")


def test_rewrite_in_place_refuses_stdin_and_bad_bytes(tmp_path: Path) -> None:
    r = run("rewrite", "-", *G, "--in-place", input="Daesh\n")
    assert r.exit_code == 2 and "--in-place" in r.stderr
    f = tmp_path / "bad.txt"
    before = b"Daesh \xff\n"
    f.write_bytes(before)
    assert_clean_error(run("rewrite", str(f), *G, "--in-place"))
    assert f.read_bytes() == before


# --------------------------------------------------------------------------- lookup


def test_lookup_table_and_exit_codes() -> None:
    r = run("lookup", "Rakka", *G)
    assert r.exit_code == 0
    assert r.stdout.startswith("query: Rakka\n")
    assert "raqqa" in r.stdout
    miss = run("lookup", "Zanzibar", *G)
    assert miss.exit_code == 1
    assert "no match" in miss.stdout


def test_lookup_json_single() -> None:
    r = run("lookup", "Daech", *G, "--format", "json")
    data = json.loads(r.stdout)
    assert data["query"] == "Daech"
    assert data["candidates"][0]["id"] == "islamic-state"
    assert set(data["candidates"][0]) == {"id", "canonical", "type", "score", "method", "variant"}


def test_lookup_stdin_jsonl_one_object_per_line_in_order() -> None:
    names = ["Rakka", "Zanzibar", "", "Aleppo", "Abu Umar al-Shishani"]
    r = run("lookup", "-", *G, "--format", "jsonl", "--limit", "1", input="\n".join(names) + "\n")
    assert r.exit_code == 1  # Zanzibar and the empty line have no candidate
    recs = jsonl(r.stdout)
    assert [x["query"] for x in recs] == names
    assert [len(x["candidates"]) for x in recs] == [1, 0, 0, 1, 1]
    assert recs[0]["candidates"][0]["id"] == "raqqa"


def test_lookup_stdin_json_is_a_list() -> None:
    r = run("lookup", "-", *G, "-f", "json", input="Aleppo\r\nHalab\r\n")
    data = json.loads(r.stdout)
    assert [x["query"] for x in data] == ["Aleppo", "Halab"]
    assert r.exit_code == 0


def test_lookup_builds_matcher_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import translitnorm.cli.read as read

    calls = []
    real = read.build_matcher

    def counting(*a: object, **k: object) -> object:
        calls.append(1)
        return real(*a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(read, "build_matcher", counting)
    r = run("lookup", "-", *G, "-f", "jsonl", input="Aleppo\nRaqqa\nDaesh\n")
    assert r.exit_code == 0
    assert len(calls) == 1


# --------------------------------------------------------------------------- explain


def test_explain_text_and_json() -> None:
    r = run("explain", "Daech", *G)
    assert r.exit_code == 0
    for label in (
        "query:",
        "folding steps",
        "folded key:",
        "phonetic key:",
        "candidates",
        "decision:",
    ):
        assert label in r.stdout
    j = run("explain", "Daech", *G, "--format", "json")
    data = json.loads(j.stdout)
    assert data["query"] == "Daech"
    assert {"steps", "folded_key", "phonetic_key", "candidates", "decision"} <= set(data)
    assert data["candidates"][0]["id"] == "islamic-state"


def test_python_dash_m_runs(tmp_path: Path) -> None:
    import subprocess
    import sys

    r = subprocess.run(
        [sys.executable, "-m", "translitnorm", "lookup", "Aleppo", *G, "-f", "jsonl"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["candidates"][0]["id"] == "aleppo"


def test_console_script_is_installed() -> None:
    exe = shutil.which("translitnorm") or str(
        Path(__import__("sys").executable).parent / "translitnorm"
    )
    assert Path(exe).exists()


def test_annotate_recursive_glob_and_jobs_zero(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "x.txt").write_text("Aleppo\n", encoding="utf-8")
    (tmp_path / "top.txt").write_text("Daesh\n", encoding="utf-8")
    r = run("annotate", str(tmp_path / "**" / "*.txt"), *G, "--jobs", "0")
    assert r.exit_code == 0, r.stderr
    assert sorted(str(x["id"]) for x in jsonl(r.stdout)) == ["aleppo", "islamic-state"]


def test_mention_across_a_line_break_is_one_spelling_in_table() -> None:
    r = run("annotate", *G, "-f", "table", input="Ahrar\nas-Sham and Ahrar as-Sham\n")
    assert r.exit_code == 0
    row = [line for line in r.stdout.splitlines() if line.startswith("Ahrar al-Sham")]
    assert len(row) == 1 and "Ahrar as-Sham (2)" in row[0]


def test_lookup_stdin_not_utf8() -> None:
    r = run("lookup", "-", *G, "-f", "jsonl", input=b"Aleppo\nR\xe9gion\n")
    line = assert_clean_error(r)
    assert line.startswith("-:2:2: not valid utf-8 text")


def test_rewrite_missing_file() -> None:
    r = run("rewrite", "/nonexistent/file.txt", *G)
    assert r.exit_code == 2 and "no such file" in r.stderr and "Traceback" not in r.output
