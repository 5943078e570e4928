"""Tests for the glossary loader and validator (translitnorm.loader, translitnorm.yamlsource)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import jsonschema
import pytest
import yaml

from translitnorm import bundled
from translitnorm.errors import InputError, Problem
from translitnorm.loader import (
    DEFAULT_MAX_BYTES,
    LANG_PATTERN,
    SCRIPT_PATTERN,
    SLUG_PATTERN,
    load_glossary,
    validate_paths,
)
from translitnorm.model import Entry, Location, Relation, Source, Variant
from translitnorm.yamlsource import YMap, YNode, YSeq, read_yaml

DATA = Path(__file__).parent / "data" / "loader"
REPO = Path(__file__).resolve().parent.parent


def at(name: str, line: int, column: int) -> str:
    return f"{DATA / name}:{line}:{column}"


def only(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Problem:
    """The single problem ``validate_paths`` finds in ``path``."""
    problems = validate_paths(path, max_bytes=max_bytes)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def write(tmp_path: Path, text: str | bytes, name: str = "g.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


ENTRY = "  - {id: raqqa, canonical: Raqqa, type: place, definition: A city., variants: []}\n"


# --------------------------------------------------------------------------- a good file


def test_good_fixture_loads_to_expected_values() -> None:
    path = str(DATA / "good.yaml")
    g = load_glossary(path)
    assert g.name == "Loader test glossary"
    assert g.description == "Entries used by tests/test_loader.py.\nTwo lines.\n"
    assert g.files == (path,)
    assert [e.id for e in g] == ["ahrar-al-sham", "raqqa"]

    e = g.get("ahrar-al-sham")
    assert e == Entry(
        id="ahrar-al-sham",
        canonical="Ahrar al-Sham",
        type="organization",
        definition="A Syrian armed group.",
        variants=(
            Variant("Ahrar as-Sham"),
            Variant("أحرار الشام", lang="ar", script="Arab"),
            Variant(
                "  no  ", lang="en-GB", scheme="ala-lc", case_sensitive=True, fuzzy=False,
                ambiguous=True, status="historical", note="kept exactly,\nspaces included",
            ),
        ),
        sources=(
            Source(text="UN list"),
            Source(text="Wikipedia", url="https://en.wikipedia.org/wiki/Ahrar_al-Sham"),
            Source(url="https://example.org"),
        ),
        related=(Relation("raqqa"), Relation("raqqa", "based-in")),
        notes="Some notes.",
        tags=("syria", "armed-group"),
    )
    assert e.location == Location(path, 9, 5)
    assert [v.location for v in e.variants] == [
        Location(path, 14, 9), Location(path, 15, 9), Location(path, 16, 9)
    ]
    assert [r.location for r in e.related] == [Location(path, 32, 9), Location(path, 33, 9)]
    assert dict(e.extra) == {"x-review": {"by": "someone", "ok": True}}
    assert dict(e.variants[2].extra) == {"x-source-page": 12}

    r = g.get("raqqa")
    assert r == Entry(id="raqqa", canonical="Raqqa", type="place", definition="")
    assert r.location == Location(path, 37, 5)
    assert validate_paths(path) == []


def test_relative_paths_stay_relative(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    g = load_glossary("good.yaml")
    assert g.files == ("good.yaml",)
    assert g.get("raqqa").location == Location("good.yaml", 37, 5)
    p = only("dup-folder")
    assert str(p.location) == os.path.join("dup-folder", "b.yml") + ":3:10"


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeffentries:\n" + ENTRY)
    g = load_glossary(path)
    assert g.get("raqqa").location == Location(str(path), 2, 5)


# --------------------------------------------------------------------------- one test per error

ERROR_CASES = [
    pytest.param(
        "bad-syntax.yaml", "yaml-syntax", 5, 23,
        "YAML syntax error: mapping values are not allowed in this context",
        "a value containing ': ' must be quoted", id="malformed-yaml",
    ),
    pytest.param(
        "wrong-type.yaml", "wrong-type", 6, 15,
        "'variants' must be a list, not a string",
        "write a list, e.g. variants: [", id="wrong-type",
    ),
    pytest.param(
        "missing-field.yaml", "missing-field", 2, 5,
        "entry 'raqqa' is missing the required field 'canonical'",
        "add canonical: <the preferred spelling of the name>", id="missing-field",
    ),
    pytest.param(
        "duplicate-key.yaml", "duplicate-key", 6, 5,
        "duplicate key 'canonical' (first at line 3)",
        "remove one of them", id="duplicate-key",
    ),
    pytest.param(
        "duplicate-id.yaml", "duplicate-id", 7, 9,
        f"duplicate id 'raqqa' (first defined at {at('duplicate-id.yaml', 2, 9)})",
        "ids must be unique within one glossary", id="duplicate-id",
    ),
    pytest.param(
        "alias.yaml", "yaml-alias", 6, 16,
        "YAML alias *name is not supported",
        "write the value out in full", id="alias",
    ),
    pytest.param(
        "top-list.yaml", "wrong-type", 1, 1,
        "the top level of a glossary file must be a mapping, not a list",
        "put 'entries:' on the first line", id="top-level-not-mapping",
    ),
    pytest.param(
        "non-string-key.yaml", "non-string-key", 7, 5,
        "key 'yes' is a boolean, not a string",
        'put the key in quotes: "yes":', id="non-string-key",
    ),
    pytest.param(
        "bad-slug.yaml", "bad-slug", 2, 9,
        "id 'Raqqa City' is not a valid slug",
        "use lowercase letters, digits and single hyphens, e.g. 'raqqa-city'", id="bad-slug",
    ),
    pytest.param(
        "bad-type.yaml", "bad-choice", 4, 11,
        "type 'plaec' is not one of organization, person, place, term, event, other",
        "did you mean 'place'?", id="bad-type",
    ),
    pytest.param(
        "merge/extend-unknown.yaml", "extend-unknown", 2, 9,
        "entry 'homs' has 'extend: true' but no earlier glossary defines 'homs'",
        "load the glossary that defines it first", id="extend-unknown",
    ),
]


@pytest.mark.parametrize(("name", "code", "line", "column", "message", "hint"), ERROR_CASES)
def test_error_fixture(name: str, code: str, line: int, column: int, message: str,
                       hint: str) -> None:
    p = only(DATA / name)
    assert p.code == code
    assert p.severity == "error"
    assert p.message == message
    assert p.hint is not None and hint in p.hint
    assert str(p.location) == at(name, line, column)
    with pytest.raises(InputError) as info:
        load_glossary(DATA / name)
    assert info.value.problems == (p,)


def test_unknown_field_says_did_you_mean() -> None:
    problems = validate_paths(DATA / "unknown-field.yaml")
    assert [(p.code, str(p.location)) for p in problems] == [
        ("missing-field", at("unknown-field.yaml", 2, 5)),
        ("unknown-field", at("unknown-field.yaml", 3, 5)),
    ]
    p = problems[1]
    assert p.message == "unknown field 'canonnical' in an entry"
    assert p.hint == "did you mean 'canonical'?"


def test_unknown_field_without_close_match_lists_fields(tmp_path: Path) -> None:
    path = write(tmp_path, "entries:\n  - {id: a, canonical: A, type: term, definition: '',"
                 " variants: [{text: A, colour: red}], lang: ar}\n")
    problems = validate_paths(path)
    assert [(p.code, p.location and p.location.column) for p in problems] == [
        ("unknown-field", 76), ("unknown-field", 91)
    ]
    assert problems[0].message == "unknown field 'colour' in a variant"
    assert problems[0].hint is not None
    assert problems[0].hint.startswith("a variant fields are: text, lang, script")
    assert problems[1].message == "unknown field 'lang' in an entry"
    assert problems[1].hint == "'lang' belongs on a variant: - {text: ..., lang: ...}"


def test_extension_fields_only_on_entries_and_variants(tmp_path: Path) -> None:
    path = write(tmp_path, "entries:\n  - {id: a, canonical: A, type: term, definition: '',"
                 " variants: [], sources: [{text: s, x-page: 3}]}\n")
    p = only(path)
    assert (p.code, p.message) == ("unknown-field", "unknown field 'x-page' in a source")
    assert p.hint == "extension fields (x-...) are only allowed on entries and variants"


def test_related_to_unknown_ids() -> None:
    problems = validate_paths(DATA / "unknown-related.yaml")
    assert [(p.code, str(p.location), p.message, p.hint) for p in problems] == [
        ("unknown-id", at("unknown-related.yaml", 7, 15),
         "entry 'raqqa' is related to unknown id 'aleppo'",
         "add an entry with this id, or fix the id"),
        ("unknown-id", at("unknown-related.yaml", 7, 23),
         "entry 'raqqa' is related to unknown id 'raqa'", "did you mean 'raqqa'?"),
    ]


def test_empty_and_whitespace_variant_text() -> None:
    problems = validate_paths(DATA / "empty-variant.yaml")
    assert [(p.code, str(p.location), p.message) for p in problems] == [
        ("empty-text", at("empty-variant.yaml", 7, 9), "variant text is empty"),
        ("empty-text", at("empty-variant.yaml", 8, 16), "variant text is only whitespace"),
    ]


def test_empty_canonical(tmp_path: Path) -> None:
    path = write(tmp_path, "entries:\n  - {id: a, canonical: ' ', type: term, definition: '',"
                 " variants: []}\n")
    p = only(path)
    assert (p.code, p.message, str(p.location)) == (
        "empty-text", "'canonical' is only whitespace", f"{path}:2:24")


def test_control_characters_in_variants() -> None:
    problems = validate_paths(DATA / "control-variant.yaml")
    assert [(p.code, str(p.location), p.message) for p in problems] == [
        ("control-character", at("control-variant.yaml", 7, 9),
         "variant text contains the control character U+0009 (TAB) at character 3"),
        ("control-character", at("control-variant.yaml", 8, 16),
         "variant text contains the control character U+0085 (NEXT LINE) at character 6"),
    ]
    assert problems[0].hint == "remove it; use a plain space instead"


def test_line_break_in_canonical_but_not_in_definition(tmp_path: Path) -> None:
    path = write(tmp_path, 'entries:\n  - id: a\n    canonical: "A\\nB"\n    type: term\n'
                 "    definition: |\n      two\n      lines\n    variants: []\n")
    p = only(path)
    assert (p.code, str(p.location)) == ("control-character", f"{path}:3:16")
    assert p.message == ("'canonical' contains the control character U+000A (LINE FEED) "
                         "at character 2")
    assert p.hint == "remove it; names must be on one line"


def test_raw_control_character_in_file(tmp_path: Path) -> None:
    path = write(tmp_path, "entries:\n  - id: a\n    canonical: A\x07B\n")
    p = only(path)
    assert (p.code, str(p.location)) == ("control-character", f"{path}:3:17")
    assert p.message == "control character U+0007 (BEL) in the file"


def test_noncharacter_in_file(tmp_path: Path) -> None:
    path = write(tmp_path, "entries: []\n# \ufffe\n")
    p = only(path)
    assert (p.code, str(p.location), p.message) == (
        "bad-character", f"{path}:2:3", "character U+FFFE is not allowed in a YAML file")


def test_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "entries:\n  - id: é\n    canonical: Caf\xe9\n".encode("latin-1"))
    p = only(path)
    assert p.code == "not-utf8"
    assert str(p.location) == f"{path}:2:9"  # the first bad byte is the 'é' of line 2
    assert p.message == "the file is not valid UTF-8: byte 0xE9 at offset 17"
    assert p.hint is not None and "UTF-8" in p.hint


def test_not_utf8_column_counts_characters(tmp_path: Path) -> None:
    path = write(tmp_path, "a: ab\nb: ال".encode() + b"\xff\n")
    p = only(path)
    assert (p.code, str(p.location)) == ("not-utf8", f"{path}:2:6")
    assert p.message == "the file is not valid UTF-8: byte 0xFF at offset 13"


def test_billion_laughs_fails_fast(tmp_path: Path) -> None:
    lines = ['lol0: &lol0 "lol"']
    for i in range(1, 10):
        refs = ", ".join(f"*lol{i - 1}" for _ in range(9))
        lines.append(f"lol{i}: &lol{i} [{refs}]")
    lines.append("entries: [*lol9]")
    path = write(tmp_path, "\n".join(lines) + "\n")
    start = time.perf_counter()
    problems = validate_paths(path)
    assert time.perf_counter() - start < 0.5
    # the ten lolN keys are unknown fields; the aliases are reported once, never expanded
    assert sorted({p.code for p in problems}) == ["unknown-field", "yaml-alias"]
    aliases = [p for p in problems if p.code == "yaml-alias"]
    assert len(aliases) == 1
    assert str(aliases[0].location) == f"{path}:2:14"
    assert aliases[0].message == "YAML alias *lol0 is not supported"
    with pytest.raises(InputError):
        load_glossary(path)


def test_file_too_large(tmp_path: Path) -> None:
    path = write(tmp_path, "entries:\n" + ENTRY)
    p = only(path, max_bytes=20)
    assert (p.code, str(p.location), p.message) == (
        "file-too-large", f"{path}:1:1", "the file is larger than the limit of 20 bytes")
    assert p.hint is not None and "max_bytes" in p.hint
    assert load_glossary(path, max_bytes=200).get("raqqa").canonical == "Raqqa"


def test_default_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as f:  # a sparse file: no real disk use, no reading
        f.truncate(DEFAULT_MAX_BYTES + 1)
    p = only(path)
    assert p.code == "file-too-large"
    assert p.message == "the file is larger than the limit of 64 MiB"


def test_path_does_not_exist(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.yaml")
    p = only(missing)
    assert (p.code, p.location, p.message) == (
        "file-not-found", None, f"no such file or folder: {missing!r}")
    with pytest.raises(InputError) as info:
        load_glossary(missing, DATA / "bad-type.yaml")
    assert [q.code for q in info.value.problems] == ["file-not-found", "bad-choice"]


def test_folder_without_yaml_files(tmp_path: Path) -> None:
    (tmp_path / "readme.txt").write_text("hi", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deep.yaml").write_text("entries: []\n", encoding="utf-8")
    p = only(tmp_path)
    assert (p.code, p.location, p.message) == (
        "no-yaml-files", None, f"no glossary files (*.yaml, *.yml) in folder {str(tmp_path)!r}")


def test_yaml_bool_null_number_date_where_a_string_is_expected() -> None:
    problems = validate_paths(DATA / "yaml-bool.yaml")
    assert [(p.code, str(p.location), p.message, p.hint) for p in problems] == [
        ("wrong-type", at("yaml-bool.yaml", 3, 16),
         "'canonical' must be a string, not a boolean (no)",
         'YAML reads no as a boolean; put it in quotes: "no"'),
        ("wrong-type", at("yaml-bool.yaml", 6, 16),
         "a variant of 'no-entry' must be a string or a mapping, not a number (1.0)",
         'YAML reads 1.0 as a number; put it in quotes: "1.0"'),
        ("wrong-type", at("yaml-bool.yaml", 6, 21),
         "a variant of 'no-entry' must be a string or a mapping, not null",
         'YAML reads null as null; put it in quotes: "null"'),
        ("wrong-type", at("yaml-bool.yaml", 6, 27),
         "a variant of 'no-entry' must be a string or a mapping, not a date (2014-06-29)",
         'YAML reads 2014-06-29 as a date; put it in quotes: "2014-06-29"'),
    ]


def test_bad_script_and_lang() -> None:
    problems = validate_paths(DATA / "bad-script-lang.yaml")
    assert [(p.code, str(p.location), p.message, p.hint) for p in problems] == [
        ("bad-lang", at("bad-script-lang.yaml", 7, 29),
         "lang 'ar_SY' is not a BCP-47 language tag", "did you mean 'ar-SY'?"),
        ("bad-script", at("bad-script-lang.yaml", 7, 44),
         "script 'ARAB' is not an ISO 15924 script code", "did you mean 'Arab'?"),
        ("bad-lang", at("bad-script-lang.yaml", 8, 29),
         "lang 'russian' is not a BCP-47 language tag",
         "use a BCP-47 language tag such as 'ar', 'en', 'fa-IR' or 'ar-Latn'"),
        ("bad-script", at("bad-script-lang.yaml", 8, 46),
         "script 'Cy' is not an ISO 15924 script code",
         "use an ISO 15924 code: four letters, Titlecase, such as 'Latn', 'Arab' or 'Cyrl'"),
    ]


@pytest.mark.parametrize("tag", ["en", "ar-Latn", "en-GB", "zh-Hant-TW", "es-419",
                                 "sl-rozaj-biske", "de-CH-1901", "x-private", "und"])
def test_good_lang_tags(tmp_path: Path, tag: str) -> None:
    path = write(tmp_path, "entries:\n  - {id: a, canonical: A, type: term, definition: '',"
                 f" variants: [{{text: B, lang: {tag}}}]}}\n")
    assert validate_paths(path) == []


def test_wrong_type_of_boolean_and_quoted_true(tmp_path: Path) -> None:
    path = write(tmp_path, "entries:\n  - {id: a, canonical: A, type: term, definition: '',"
                 " variants: [{text: B, fuzzy: 'no'}], extend: 1}\n")
    problems = validate_paths(path)
    assert [(p.code, p.message, p.hint) for p in problems] == [
        ("wrong-type", "'fuzzy' must be true or false, not a string",
         "write true or false, without quotes"),
        ("wrong-type", "'extend' must be true or false, not a number (1)",
         "write true or false, without quotes"),
    ]


def test_null_list_and_null_definition(tmp_path: Path) -> None:
    path = write(tmp_path, "entries:\n  - id: a\n    canonical: A\n    type: term\n"
                 "    definition:\n    variants:\n")
    problems = validate_paths(path)
    assert [(p.code, str(p.location), p.message, p.hint) for p in problems] == [
        ("wrong-type", f"{path}:5:16", "'definition' must be a string, not empty",
         'YAML reads an empty value as null; write "" for empty text'),
        ("wrong-type", f"{path}:6:14", "'variants' must be a list, not empty",
         "write variants: [] for none"),
    ]


def test_entry_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "entries:\n  - raqqa\n")
    p = only(path)
    assert (p.code, str(p.location), p.message) == (
        "wrong-type", f"{path}:2:5", "an entry must be a mapping, not a string")


def test_missing_entries_and_several_missing_fields(tmp_path: Path) -> None:
    p = only(write(tmp_path, "name: x\n"))
    assert (p.code, p.message) == (
        "missing-field", "the glossary file is missing the required field 'entries'")
    p = only(write(tmp_path, "entries:\n  - id: a\n", "h.yaml"))
    assert p.message == ("entry 'a' is missing the required fields 'canonical', 'type', "
                         "'definition' and 'variants'")
    assert p.hint == "add canonical:, type:, definition:, variants: (see docs/glossary-format.md)"


def test_source_and_relation_shapes(tmp_path: Path) -> None:
    path = write(tmp_path, "entries:\n  - {id: a, canonical: A, type: term, definition: '',"
                 " variants: [], sources: [{}], related: [{relation: near}, {id: a, relation: "
                 "Near By}, 3]}\n")
    problems = validate_paths(path)
    assert [(p.code, p.message) for p in problems] == [
        ("missing-field", "a source needs 'text', 'url' or both"),
        ("missing-field", "a related item is missing the required field 'id'"),
        ("bad-slug", "relation 'Near By' is not a valid slug"),
        ("wrong-type", "a related item must be an id or a mapping, not a number (3)"),
    ]


def test_multiple_documents(tmp_path: Path) -> None:
    path = write(tmp_path, "entries: []\n---\nentries: []\n")
    p = only(path)
    assert (p.code, str(p.location), p.message) == (
        "multiple-documents", f"{path}:2:1",
        "a glossary file must hold one YAML document, found a second")


def test_unsafe_tag_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "entries: []\nx-a: !!python/object/apply:os.system [echo hi]\n"
                 "x-b: !!binary aGk=\n")
    problems = validate_paths(path)
    assert [(p.code, str(p.location), p.message) for p in problems] == [
        ("yaml-tag", f"{path}:2:6", "unsupported YAML tag !!python/object/apply:os.system"),
        ("yaml-tag", f"{path}:3:6", "unsupported YAML tag !!binary"),
    ]


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "# nothing here\n")
    p = only(path)
    assert (p.code, str(p.location), p.message) == ("empty-file", f"{path}:1:1",
                                                    "the file is empty")


def test_too_deep(tmp_path: Path) -> None:
    path = write(tmp_path, "entries: []\nx-deep: " + "[" * 200 + "]" * 200 + "\n")
    p = only(path)
    assert (p.code, str(p.location)) == ("too-deep", f"{path}:2:72")
    assert p.message == "nesting deeper than 64 levels"


def test_all_errors_are_reported_at_once() -> None:
    paths = [DATA / n for n in ("bad-type.yaml", "bad-slug.yaml", "wrong-type.yaml")]
    with pytest.raises(InputError) as info:
        load_glossary(*paths)
    assert [p.code for p in info.value.problems] == ["bad-choice", "bad-slug", "wrong-type"]


def test_warnings_never_raise(tmp_path: Path) -> None:
    path = write(tmp_path, "entries:\n  - {id: a, canonical: A, type: term, definition: '',"
                 " variants: [B, C, B]}\n")
    p = only(path)
    assert (p.code, p.severity, str(p.location), p.message) == (
        "duplicate-variant", "warning", f"{path}:2:72", "variant 'B' is listed twice (first at "
        "line 2)")
    assert [v.text for v in load_glossary(path).get("a").variants] == ["B", "C", "B"]


# --------------------------------------------------------------------------- folders and merging


def test_folder_duplicate_id_points_at_both_files() -> None:
    p = only(DATA / "dup-folder")
    assert p.code == "duplicate-id"
    assert str(p.location) == f"{DATA / 'dup-folder' / 'b.yml'}:3:10"
    assert p.message == (
        f"duplicate id 'raqqa' (first defined at {DATA / 'dup-folder' / 'a.yaml'}:2:10)")


def test_folder_loads_yaml_and_yml_sorted_not_recursive(tmp_path: Path) -> None:
    write(tmp_path, "entries:\n  - {id: b, canonical: B, type: term, definition: '', "
          "variants: []}\n", "b.yml")
    write(tmp_path, "entries:\n  - {id: a, canonical: A, type: term, definition: '', "
          "variants: []}\n", "a.yaml")
    write(tmp_path, "not: [valid", ".hidden.yaml")
    write(tmp_path, "not: [valid", "notes.txt")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "not: [valid", "c.yaml")
    g = load_glossary(tmp_path)
    assert [e.id for e in g] == ["a", "b"]
    assert g.files == (str(tmp_path / "a.yaml"), str(tmp_path / "b.yml"))


def test_later_path_replaces_entry_wholesale() -> None:
    g = load_glossary(DATA / "merge" / "base.yaml", DATA / "merge" / "replace.yaml")
    assert [e.id for e in g] == ["raqqa", "aleppo"]  # keeps its position
    raqqa = g.get("raqqa")
    assert raqqa == Entry(id="raqqa", canonical="Ar-Raqqa", type="place",
                          definition="Replaced.", variants=(Variant("Raqqa"),))
    assert raqqa.location is not None and raqqa.location.file.endswith("replace.yaml")


def test_extend_appends_and_overrides() -> None:
    base, ext = DATA / "merge" / "base.yaml", DATA / "merge" / "extend.yaml"
    g = load_glossary(base, ext)
    raqqa = g.get("raqqa")
    assert raqqa == Entry(
        id="raqqa", canonical="Raqqa", type="place", definition="Extended.",
        variants=(Variant("Ar-Raqqah"), Variant("Rakka", status="misspelling"),
                  Variant("Raqqah")),
        sources=(Source("UN list"), Source("Local paper")),
        related=(Relation("aleppo"),),
        tags=("syria", "city"),
    )
    assert dict(raqqa.extra) == {"x-checked": True}
    assert raqqa.location == Location(str(base), 2, 5)
    assert g.files == (str(base), str(ext))


def test_extend_on_unknown_id_and_order_matters() -> None:
    base, ext = DATA / "merge" / "base.yaml", DATA / "merge" / "extend.yaml"
    problems = validate_paths(ext, base)
    assert [p.code for p in problems] == ["extend-unknown"]
    assert problems[0].message == (
        "entry 'raqqa' has 'extend: true' but no earlier glossary defines 'raqqa'")


def test_same_file_twice_is_a_replace_not_a_duplicate() -> None:
    base = DATA / "merge" / "base.yaml"
    assert len(load_glossary(base, base)) == 2


def test_related_is_checked_after_merging(tmp_path: Path) -> None:
    first = write(tmp_path, "entries:\n  - {id: a, canonical: A, type: term, definition: '',"
                  " variants: [], related: [b]}\n", "1.yaml")
    second = write(tmp_path, "entries:\n  - {id: b, canonical: B, type: term, definition: '',"
                   " variants: []}\n", "2.yaml")
    assert validate_paths(first, second) == []
    assert [p.code for p in validate_paths(first)] == ["unknown-id"]


def test_broken_entries_do_not_cascade(tmp_path: Path) -> None:
    path = write(tmp_path, "entries:\n  - {id: a, canonical: A, type: bad, definition: '',"
                 " variants: []}\n  - {id: b, canonical: B, type: term, definition: '',"
                 " variants: [], related: [a]}\n")
    assert [p.code for p in validate_paths(path)] == ["bad-choice"]


# --------------------------------------------------------------------------- big files


def _big_file(tmp_path: Path, n: int) -> Path:
    path = tmp_path / "big.yaml"
    with open(path, "w", encoding="utf-8") as f:
        f.write("entries:\n")
        for i in range(n):
            f.write(f"  - id: e{i}\n    canonical: Entry {i}\n    type: term\n"
                    f"    definition: Number {i}.\n"
                    f"    variants: [E{i}, {{text: Э{i}, lang: ru}}]\n")
    return path


def test_entries_are_streamed_not_kept_as_a_tree(tmp_path: Path) -> None:
    seen: list[YNode] = []
    doc = read_yaml(_big_file(tmp_path, 50).read_bytes(), "big.yaml",
                    stream_key="entries", on_item=seen.append)
    assert len(seen) == 50
    assert doc.problems == []
    assert isinstance(doc.root, YMap)
    entries = doc.root.items["entries"][1]
    assert isinstance(entries, YSeq)
    assert entries.items == [] and entries.streamed


@pytest.mark.slow
def test_many_entries_load_in_bounded_time(tmp_path: Path) -> None:
    path = _big_file(tmp_path, 5_000)
    start = time.perf_counter()
    g = load_glossary(path)
    elapsed = time.perf_counter() - start
    assert len(g) == 5_000
    assert g.get("e4999").variants[1] == Variant("Э4999", lang="ru")
    assert elapsed < 10


# --------------------------------------------------------------------------- the JSON Schema


def _schema() -> dict[str, object]:
    schema: dict[str, object] = json.loads(
        (REPO / "docs" / "glossary.schema.json").read_text(encoding="utf-8"))
    return schema


def test_schema_is_valid_draft_2020_12_and_matches_loader_patterns() -> None:
    schema = _schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    defs = schema["$defs"]
    assert isinstance(defs, dict)
    assert defs["slug"]["pattern"] == SLUG_PATTERN
    assert defs["script"]["pattern"] == SCRIPT_PATTERN
    assert defs["lang"]["pattern"] == LANG_PATTERN


def _schema_errors(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(_schema())
    return [e.message for e in validator.iter_errors(data)]


def test_schema_accepts_good_files() -> None:
    for name in ("good.yaml", "merge/base.yaml", "merge/extend.yaml", "duplicate-id.yaml",
                 "unknown-related.yaml"):  # the last two: errors the schema cannot express
        assert _schema_errors(DATA / name) == [], name


@pytest.mark.parametrize("name", [
    "wrong-type.yaml", "missing-field.yaml", "unknown-field.yaml", "top-list.yaml",
    "bad-slug.yaml", "bad-type.yaml", "bad-script-lang.yaml",
    "empty-variant.yaml", "control-variant.yaml", "yaml-bool.yaml",
])
def test_schema_rejects_what_the_loader_rejects(name: str) -> None:
    assert _schema_errors(DATA / name) != []


# --------------------------------------------------------------------------- the bundled glossary


def test_bundled_paths_exist() -> None:
    assert bundled.bundled_glossary_path().is_dir()
    assert bundled.bundled_schema_path().is_file()
    assert bundled.bundled_schema_path().read_bytes() == (
        REPO / "docs" / "glossary.schema.json").read_bytes()


def test_bundled_glossary_loads_without_errors() -> None:
    problems = validate_paths()
    assert [str(p) for p in problems if p.severity == "error"] == []
    g = load_glossary()
    assert len(g) > 0
    assert load_glossary(DATA / "good.yaml", include_bundled=True).get("raqqa").type == "place"


def test_bundled_glossary_matches_the_schema() -> None:
    for path in sorted(bundled.bundled_glossary_path().glob("*.y*ml")):
        assert _schema_errors(path) == [], path


@pytest.mark.slow
def test_wheel_ships_glossary_and_schema(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {result.stderr.strip()[-300:]}")
    (wheel,) = tmp_path.glob("translitnorm-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "translitnorm/data/glossary.schema.json" in names
    shipped = {n for n in names if n.startswith("translitnorm/data/glossary/")}
    expected = {f"translitnorm/data/glossary/{p.name}"
                for p in (REPO / "glossary").glob("*.yaml")}
    assert expected and expected <= shipped
