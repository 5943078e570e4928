"""Tests for translitnorm.dump: what dump_glossary writes, load_glossary reads back equal."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translitnorm.dump import dump_glossary
from translitnorm.loader import load_glossary, validate_paths
from translitnorm.model import (
    ENTRY_TYPES,
    VARIANT_STATUSES,
    Entry,
    Glossary,
    Relation,
    Source,
    Variant,
)

DATA = Path(__file__).parent / "data" / "loader"

CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
CONTROL_MULTI_LINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
BLANK = re.compile(r"[\s\ufeff]*")

# Strings YAML would read as something else, or that need quoting, or that editors mangle.
TRICKY = [
    "no", "No", "yes", "on", "off", "true", "False", "null", "Null", "~", "1.0", "1", "-1",
    "0x1F", "0o17", "1e3", ".inf", "-.inf", ".nan", "2014-06-29", "2001-12-14t21:59:43.10-05:00",
    "12:30", "1_000", "- x", ": y", "#z", "'q", '"q', "a: b", "a #b", "a:b", "? k", "&a", "*a",
    "!tag", "%TAG", "@at", "`tick", "{a}", "[b]", "|", ">", "<<", "=", ",", "  lead",
    "trail  ", " both ", "x\u00a0", "\u00a0x", "\ufeffx", "x\u2028y", "x\u2029", "é",
    "الرقة", "Ракка", "ИГИЛ", "中文", "😀", "a\\b", "---", "...", "- ", "a\u200bb",
]


def is_text(t: str) -> bool:
    return not CONTROL.search(t) and BLANK.fullmatch(t) is None


def is_prose(t: str) -> bool:
    return not CONTROL_MULTI_LINE.search(t)


texts = st.one_of(st.sampled_from(TRICKY), st.text(min_size=1, max_size=30).filter(is_text))
proses = st.one_of(
    st.sampled_from(["", "one line", "two\nlines", "trailing newline\n", "  indented\nx",
                     "\n\nleading breaks", "tab\there", "ends with space \n", "no"]),
    st.text(max_size=60).filter(is_prose),
)
slugs = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)
langs = st.sampled_from([None, "ar", "en", "en-GB", "ar-Latn", "zh-Hant-TW", "es-419"])
scripts = st.sampled_from([None, "Latn", "Arab", "Cyrl", "Hans"])
json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=8), inner, max_size=3),
    ),
    max_leaves=6,
)
extras = st.dictionaries(slugs.map(lambda s: "x-" + s), json_values, max_size=2)

variants = st.builds(
    Variant,
    text=texts,
    lang=langs,
    script=scripts,
    scheme=st.none() | texts,
    case_sensitive=st.booleans(),
    fuzzy=st.booleans(),
    ambiguous=st.booleans(),
    status=st.sampled_from([None, *VARIANT_STATUSES]),
    note=st.none() | proses,
    extra=extras,
)
sources = st.one_of(
    st.builds(Source, text=proses.filter(lambda t: BLANK.fullmatch(t) is None)),
    st.builds(Source, url=texts),
    st.builds(Source, text=texts, url=texts),
)


@st.composite
def glossaries(draw: st.DrawFn) -> Glossary:
    ids = draw(st.lists(slugs, min_size=0, max_size=5, unique=True))
    relations = (
        st.builds(Relation, st.sampled_from(ids), st.sampled_from(["related"]) | slugs)
        if ids else st.nothing()
    )
    entries = tuple(
        Entry(
            id=entry_id,
            canonical=draw(texts),
            type=draw(st.sampled_from(ENTRY_TYPES)),
            definition=draw(proses),
            variants=tuple(draw(st.lists(variants, max_size=3))),
            sources=tuple(draw(st.lists(sources, max_size=2))),
            related=tuple(draw(st.lists(relations, max_size=2))) if ids else (),
            notes=draw(st.none() | proses),
            tags=tuple(draw(st.lists(texts, max_size=2))),
            extra=draw(extras),
        )
        for entry_id in ids
    )
    return Glossary(entries=entries, name=draw(st.none() | texts),
                    description=draw(st.none() | proses))


def load_text(text: str) -> Glossary:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "g.yaml"
        path.write_text(text, encoding="utf-8")
        errors = [p for p in validate_paths(path) if p.severity == "error"]
        assert errors == [], (text, [str(p) for p in errors])
        return load_glossary(path)


def assert_same(loaded: Glossary, g: Glossary) -> None:
    assert loaded.entries == g.entries
    assert (loaded.name, loaded.description) == (g.name, g.description)
    # extra and location do not take part in ==: compare extras explicitly
    assert [dict(e.extra) for e in loaded] == [dict(e.extra) for e in g]
    assert [[dict(v.extra) for v in e.variants] for e in loaded] == [
        [dict(v.extra) for v in e.variants] for e in g
    ]


# TN_EXAMPLES=4000 for a longer search (passes; takes about 6 minutes)
@settings(max_examples=int(os.environ.get("TN_EXAMPLES", "300")),
          suppress_health_check=[HealthCheck.too_slow])
@given(glossaries())
def test_dump_then_load_is_identity(g: Glossary) -> None:
    assert_same(load_text(dump_glossary(g)), g)


@pytest.mark.parametrize("text", TRICKY)
def test_each_tricky_string_survives_as_every_kind_of_text(text: str) -> None:
    e = Entry(id="t", canonical=text, type="term", definition=text,
              variants=(Variant(text), Variant(text, lang="en", note=text)),
              sources=(Source(text), Source(text, text)), notes=text, tags=(text,),
              extra={"x-t": text})
    g = Glossary(entries=(e,), name=text, description=text)
    assert_same(load_text(dump_glossary(g)), g)


def test_compact_output() -> None:
    g = Glossary(entries=(
        Entry(id="a", canonical="A", type="term", definition="Line one.\nLine two.\n",
              variants=(Variant("B"), Variant("C", status="deprecated")),
              sources=(Source("S"), Source(url="https://u"), Source("T", "https://v")),
              related=(Relation("a"), Relation("a", "alias-of")), notes="n", tags=("t",),
              extra={"x-k": [1, 2]}),
    ))
    assert dump_glossary(g) == (
        "entries:\n"
        "- id: a\n"
        "  canonical: A\n"
        "  type: term\n"
        "  definition: |\n"
        "    Line one.\n"
        "    Line two.\n"
        "  variants:\n"
        "  - B\n"
        "  - text: C\n"
        "    status: deprecated\n"
        "  sources:\n"
        "  - S\n"
        "  - url: https://u\n"
        "  - text: T\n"
        "    url: https://v\n"
        "  related:\n"
        "  - a\n"
        "  - id: a\n"
        "    relation: alias-of\n"
        "  notes: n\n"
        "  tags:\n"
        "  - t\n"
        "  x-k:\n"
        "  - 1\n"
        "  - 2\n"
    )


def test_shared_objects_are_not_written_as_aliases() -> None:
    shared: dict[str, Any] = {"a": [1]}
    g = Glossary(entries=(
        Entry(id="a", canonical="A", type="term", extra={"x-1": shared, "x-2": shared}),
    ))
    text = dump_glossary(g)
    assert "&" not in text and "*" not in text
    assert dict(load_text(text).get("a").extra) == {"x-1": {"a": [1]}, "x-2": {"a": [1]}}


def test_extra_fields_must_be_x_fields() -> None:
    g = Glossary(entries=(Entry(id="a", canonical="A", type="term", extra={"k": 1}),))
    with pytest.raises(ValueError, match="extra field 'k' of entry 'a' does not start with 'x-'"):
        dump_glossary(g)


def test_good_fixture_round_trips() -> None:
    g = load_glossary(DATA / "good.yaml")
    assert_same(load_text(dump_glossary(g)), g)


def test_merged_glossary_round_trips() -> None:
    g = load_glossary(DATA / "merge" / "base.yaml", DATA / "merge" / "extend.yaml")
    assert_same(load_text(dump_glossary(g)), g)


def test_bundled_glossary_round_trips() -> None:
    g = load_glossary()
    assert_same(load_text(dump_glossary(g)), g)
