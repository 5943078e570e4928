"""translitnorm.edit: round-trip YAML edits that keep comments, order, quoting, unknown fields."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translitnorm.edit import add_variant, find_entry, format_file, format_text, glossary_files
from translitnorm.errors import InputError
from translitnorm.loader import load_glossary
from translitnorm.model import Entry

DATA = Path(__file__).parent / "data" / "cli"


def code_of(excinfo: pytest.ExceptionInfo[InputError]) -> str:
    return excinfo.value.problems[0].code


def write(tmp_path: Path, text: str, name: str = "g.yaml") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode("utf-8"))
    return p


BLOCK = """\
# header
entries:
  - id: raqqa   # the city
    canonical: "Raqqa"
    type: place
    x-review: {by: anna}
    definition: A city.
    variants:
      - Rakka  # Turkish
      # the next key is about sources
    sources: ['UN list']
"""


def test_add_plain_variant_keeps_everything_else(tmp_path: Path) -> None:
    p = write(tmp_path, BLOCK)
    added = add_variant(p, "raqqa", "Ar-Raqqa")
    text = p.read_text(encoding="utf-8")
    assert text == BLOCK.replace(
        "      - Rakka  # Turkish\n", "      - Rakka  # Turkish\n      - Ar-Raqqa\n"
    )
    assert added.line == 10 and added.path == str(p)
    assert str(added) == f"{p}:10: added 'Ar-Raqqa' to raqqa"
    assert [v.text for v in load_glossary(p).get("raqqa").variants] == ["Rakka", "Ar-Raqqa"]


def test_add_with_fields_uses_block_mapping_among_plain_strings(tmp_path: Path) -> None:
    p = write(tmp_path, BLOCK)
    add_variant(p, "raqqa", "الرقة", lang="ar", script="Arab", case_sensitive=False, note=None)
    text = p.read_text(encoding="utf-8")
    assert "      - text: الرقة\n        lang: ar\n        script: Arab\n" in text
    assert "case_sensitive" not in text and "note" not in text
    v = load_glossary(p).get("raqqa").variants[-1]
    assert (v.text, v.lang, v.script) == ("الرقة", "ar", "Arab")


def test_add_matches_flow_mapping_neighbours(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "entries:\n"
        "  - id: is\n"
        "    canonical: Islamic State\n"
        "    type: organization\n"
        "    definition: ''\n"
        "    variants:\n"
        "      - Daesh\n"
        "      - {text: Daech, lang: fr}\n",
    )
    add_variant(p, "is", "ISIS", case_sensitive=True)
    assert p.read_text(encoding="utf-8").endswith(
        "      - {text: Daech, lang: fr}\n      - {text: ISIS, case_sensitive: true}\n"
    )


def test_add_to_flow_sequence_and_missing_variants(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "entries:\n"
        "  - {id: a, canonical: A1, type: term, definition: '', variants: [A2]}\n"
        "  - id: b\n"
        "    canonical: B1\n"
        "    type: term\n"
        "    definition: ''\n",
    )
    add_variant(p, "a", "A3")
    add_variant(p, "b", "B2")
    text = p.read_text(encoding="utf-8")
    assert "variants: [A2, A3]}" in text
    assert "    canonical: B1\n    variants:\n      - B2\n    type: term\n" in text


def test_add_top_level_list_layout(tmp_path: Path) -> None:
    p = write(tmp_path, "- id: a\n  canonical: A\n  variants:\n  - B\n")
    add_variant(p, "a", "C")
    assert p.read_text(encoding="utf-8") == "- id: a\n  canonical: A\n  variants:\n  - B\n  - C\n"


def test_add_keeps_crlf_and_mode(tmp_path: Path) -> None:
    p = write(tmp_path, BLOCK.replace("\n", "\r\n"))
    p.chmod(0o600)
    add_variant(p, "raqqa", "Ar-Raqqa")
    raw = p.read_bytes()
    assert b"      - Ar-Raqqa\r\n" in raw
    assert raw.count(b"\r\n") == raw.count(b"\n")
    assert p.stat().st_mode & 0o777 == 0o600
    assert sorted(x.name for x in tmp_path.iterdir()) == ["g.yaml"]


@pytest.mark.parametrize(
    ("args", "kwargs", "code"),
    [
        (("nope", "X"), {}, "unknown-id"),
        (("raqqa", "Rakka"), {}, "duplicate-variant"),
        (("raqqa", "Raqqa"), {}, "duplicate-variant"),
        (("raqqa", "  "), {}, "empty-variant"),
        (("raqqa", "X"), {"colour": "red"}, "unknown-field"),
        (("raqqa", "X"), {"source": "  "}, "empty-source"),
        (("raqqa", "X"), {"source": "UN list", "source_url": ""}, "empty-source"),
    ],
)
def test_add_refusals(
    tmp_path: Path, args: tuple[str, str], kwargs: dict[str, str], code: str
) -> None:
    p = write(tmp_path, BLOCK)
    with pytest.raises(InputError) as ei:
        add_variant(p, *args, **kwargs)
    assert code_of(ei) == code
    assert p.read_text(encoding="utf-8") == BLOCK


def test_add_refuses_ids_defined_twice(tmp_path: Path) -> None:
    write(tmp_path, BLOCK, "a.yaml")
    write(tmp_path, BLOCK, "b.yaml")
    with pytest.raises(InputError) as ei:
        add_variant(tmp_path, "raqqa", "X")
    assert code_of(ei) == "duplicate-id"


def test_add_reports_yaml_errors_with_position(tmp_path: Path) -> None:
    p = write(tmp_path, "entries:\n  - id: a\n    canonical: [x\n")
    with pytest.raises(InputError) as ei:
        add_variant(p, "a", "X")
    problem = ei.value.problems[0]
    assert problem.code == "yaml-syntax"
    assert problem.location is not None and problem.location.file == str(p)
    assert problem.location.line >= 3


def test_unsafe_round_trip_is_refused(tmp_path: Path) -> None:
    text = "entries:\n  - id: a\n    canonical: A\n    sources: [{text: x}]\n"
    p = write(tmp_path, text)
    with pytest.raises(InputError) as ei:
        add_variant(p, "a", "B")
    assert code_of(ei) == "unsafe-roundtrip"
    assert "glossary fmt" in (ei.value.problems[0].hint or "")
    assert p.read_text(encoding="utf-8") == text


def test_find_entry_and_glossary_files(tmp_path: Path) -> None:
    shutil.copy(DATA / "glossary.yaml", tmp_path / "a.yaml")
    write(tmp_path, "entries: []\n", "b.yml")
    write(tmp_path, "entries: []\n", ".hidden.yaml")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "entries: []\n", "c.yaml")
    assert [p.name for p in glossary_files(tmp_path)] == ["a.yaml", "b.yml"]
    assert find_entry(tmp_path, "raqqa").name == "a.yaml"


def test_edits_on_the_bundled_layout(tmp_path: Path) -> None:
    from translitnorm.bundled import bundled_glossary_path

    for f in sorted(bundled_glossary_path().glob("*.yaml")):
        shutil.copy(f, tmp_path / f.name)
    before = {f.name: f.read_text(encoding="utf-8") for f in tmp_path.iterdir()}
    added = add_variant(tmp_path, "raqqa", "Raqqa-town-test", lang="en")
    after = Path(added.path).read_text(encoding="utf-8").splitlines()
    old = before[Path(added.path).name].splitlines()
    assert len(after) == len(old) + 1
    assert [line for line in after if line not in old] == [
        "      - {text: Raqqa-town-test, lang: en}"
    ]


def added_to_block_or_refused(spelling: str, **kwargs: Any) -> tuple[Entry | None, str]:
    """Add ``spelling`` to raqqa in a fresh copy of BLOCK: the entry as loaded back and the
    file's text, or (refused) ``None`` once the file is checked to be as it was."""
    with tempfile.TemporaryDirectory() as tmp:
        p = write(Path(tmp), BLOCK)
        try:
            add_variant(p, "raqqa", spelling, **kwargs)
        except InputError:
            assert p.read_text(encoding="utf-8") == BLOCK  # refused: nothing written
            return None, BLOCK
        return load_glossary(p).get("raqqa"), p.read_text(encoding="utf-8")


@given(spelling=st.text(min_size=1, max_size=30), note=st.none() | st.text(max_size=20))
def test_a_spelling_added_reads_back_as_given_or_nothing_is_written(
    spelling: str, note: str | None
) -> None:
    entry, _ = added_to_block_or_refused(spelling, note=note)
    if entry is not None:
        v = entry.variants[-1]
        assert v.text == spelling.strip()
        assert v.note == note


# --------------------------------------------------------------------------- sources


def test_add_with_source_appends_to_the_entrys_sources(tmp_path: Path) -> None:
    p = write(tmp_path, BLOCK)
    added = add_variant(p, "raqqa", "Ar-Raqqa", source="Turkish press, 2016: Rakka")
    assert added.source == "added"
    assert str(added) == f"{p}:10: added 'Ar-Raqqa' to raqqa with its source"
    text = p.read_text(encoding="utf-8")
    assert text == BLOCK.replace(
        "      - Rakka  # Turkish\n", "      - Rakka  # Turkish\n      - Ar-Raqqa\n"
    ).replace("sources: ['UN list']", "sources: ['UN list', 'Turkish press, 2016: Rakka']")
    sources = load_glossary(p).get("raqqa").sources
    assert [(s.text, s.url) for s in sources] == [
        ("UN list", None),
        ("Turkish press, 2016: Rakka", None),
    ]


def test_add_with_source_creates_sources_after_variants(tmp_path: Path) -> None:
    p = write(tmp_path, "entries:\n  - id: b\n    canonical: B1\n    type: term\n"
                        "    definition: ''\n")
    add_variant(p, "b", "B2", source="A note", source_url="https://example.org/b")
    assert p.read_text(encoding="utf-8") == (
        "entries:\n  - id: b\n    canonical: B1\n    variants:\n      - B2\n"
        "    sources:\n      - text: A note\n        url: https://example.org/b\n"
        "    type: term\n    definition: ''\n"
    )
    (source,) = load_glossary(p).get("b").sources
    assert (source.text, source.url) == ("A note", "https://example.org/b")


def test_add_with_source_follows_flow_neighbours_and_skips_a_listed_one(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "entries:\n  - id: b\n    canonical: B1\n    type: term\n    definition: ''\n"
        "    sources:\n      - {text: s1, url: 'https://example.org/1'}  # checked\n",
    )
    add_variant(p, "b", "B2", source_url="https://example.org/2")
    assert p.read_text(encoding="utf-8").endswith(
        "      - {text: s1, url: 'https://example.org/1'}  # checked\n"
        "      - {url: https://example.org/2}\n"
    )
    before = p.read_text(encoding="utf-8")
    again = add_variant(p, "b", "B3", source="s1", source_url="https://example.org/1")
    assert again.source == "already listed"
    assert str(again).endswith("added 'B3' to b (its source was already listed)")
    after = p.read_text(encoding="utf-8")
    assert after.count("example.org") == 2 and "B3" in after and "B3" not in before
    assert len(load_glossary(p).get("b").sources) == 2


def test_add_with_source_to_a_flow_entry(tmp_path: Path) -> None:
    p = write(tmp_path, "entries:\n  - {id: a, canonical: A1, type: term, definition: '',"
                        " variants: [A2]}\n")
    add_variant(p, "a", "A3", source="Kavkaz Center, 24 July 2017: ХТШ")
    assert p.read_text(encoding="utf-8") == (
        "entries:\n  - {id: a, canonical: A1, type: term, definition: '', variants: [A2, A3],"
        " sources: ['Kavkaz Center, 24 July 2017: ХТШ']}\n"
    )


@given(
    citation=st.text(min_size=1, max_size=40),
    url=st.none() | st.text(min_size=1, max_size=30),
)
def test_a_source_given_is_written_as_given_or_nothing_is_written(
    citation: str, url: str | None
) -> None:
    entry, written = added_to_block_or_refused("Ar-Raqqa", source=citation, source_url=url)
    if entry is not None:
        assert [v.text for v in entry.variants] == ["Rakka", "Ar-Raqqa"]
        assert [(s.text, s.url) for s in entry.sources] == [
            ("UN list", None),
            (citation.strip(), None if url is None else url.strip()),
        ]
        # the rest of the file is as it was: only the variants' and the sources' lines moved
        old, new = BLOCK.splitlines(), written.splitlines()
        assert [line for line in old if line not in new] == ["    sources: ['UN list']"]


# --------------------------------------------------------------------------- format


def test_format_text_normalizes_indentation_keeps_comments_and_order() -> None:
    src = "# top\nentries:\n- id: b   # bee\n  zeta: 1\n  alpha: 'q'\n  list:\n  - x\n"
    out = format_text(src)
    assert (
        out
        == "# top\nentries:\n  - id: b # bee\n    zeta: 1\n    alpha: 'q'\n    list:\n      - x\n"
    )
    assert format_text(out) == out


def test_format_file_check_write_and_crlf(tmp_path: Path) -> None:
    p = write(tmp_path, "entries:\r\n- id: x\r\n")
    assert format_file(p, check=True) is True
    assert p.read_bytes() == b"entries:\r\n- id: x\r\n"
    assert format_file(p) is True
    assert p.read_bytes() == b"entries:\r\n  - id: x\r\n"
    assert format_file(p, check=True) is False


def test_format_keeps_long_lines_unwrapped() -> None:
    long = "word " * 60
    src = f"entries:\n  - id: x\n    definition: {long.strip()}\n"
    assert format_text(src) == src


def test_format_refuses_non_utf8(tmp_path: Path) -> None:
    p = tmp_path / "g.yaml"
    p.write_bytes(b"entries:\n  - id: \xff\n")
    with pytest.raises(InputError) as ei:
        format_file(p)
    assert code_of(ei) == "decode-error"
    assert ei.value.problems[0].location.line == 2  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"lang": "not a tag"}, "lang"),
        ({"script": "arabic"}, "script"),
        ({"status": "nope"}, "status"),
    ],
)
def test_add_refuses_values_the_loader_rejects(
    tmp_path: Path, kwargs: dict[str, str], needle: str
) -> None:
    p = write(tmp_path, BLOCK)
    with pytest.raises(InputError) as ei:
        add_variant(p, "raqqa", "Ar-Raqqa", **kwargs)
    problem = ei.value.problems[0]
    assert needle in problem.message
    assert problem.location is not None and problem.location.file == str(p)
    assert "nothing was written" in (problem.hint or "")
    assert p.read_text(encoding="utf-8") == BLOCK
    assert sorted(x.name for x in tmp_path.iterdir()) == ["g.yaml"]
