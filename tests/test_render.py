"""Renderers and the weaver, on hand-made matches (no matcher needed)."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from translitnorm.model import Entry, Glossary
from translitnorm.records import Match
from translitnorm.render import (
    FORMATS,
    JSONL_KEYS,
    DocumentWeaver,
    Renderer,
    make_renderer,
    render,
    render_html,
    render_inline,
    render_jsonl,
    render_markdown,
    render_table,
    weave_known,
    weave_stream,
)

GLOSSARY = Glossary(
    entries=(
        Entry(id="raqqa", canonical="Raqqa", type="place", definition="A city in Syria."),
        Entry(id="is", canonical="Islamic State", type="organization", definition='A "group" <b>.'),
        Entry(id="umar", canonical="Umar al-Shishani", type="person", definition="A commander."),
        Entry(id="muslim", canonical="Muslim al-Shishani", type="person", definition="Another."),
    )
)
TEXT = "Daesh held Rakka.\nA bare al-Shishani & <x>.\n"


def m(text: str, start: int, eid: str | None, method: str = "exact", *cands: str) -> Match:
    entry = {e.id: e for e in GLOSSARY.entries}.get(eid or "")
    return Match(
        start=start,
        end=start + len(text),
        text=text,
        id=eid,
        canonical=entry.canonical if entry else None,
        type=entry.type if entry else None,
        variant=text,
        method=method,  # type: ignore[arg-type]
        score=100.0 if method == "exact" else 91.5,
        candidates=tuple(cands),
    )


MATCHES = [
    m("Daesh", 0, "is"),
    m("Rakka", 11, "raqqa", "phonetic"),
    m("al-Shishani", 25, None, "exact", "umar", "muslim"),
]


def test_matches_fit_text() -> None:
    for x in MATCHES:
        assert TEXT[x.start : x.end] == x.text


def test_inline() -> None:
    assert render_inline(TEXT, MATCHES) == (
        "Daesh [[Islamic State]] held Rakka [[Raqqa]].\n"
        "A bare al-Shishani [[? umar | muslim]] & <x>.\n"
    )


def test_jsonl() -> None:
    lines = [json.loads(x) for x in render_jsonl(TEXT, MATCHES, name="t.txt").splitlines()]
    assert [tuple(x) for x in lines] == [JSONL_KEYS] * 3
    assert [x["line"] for x in lines] == [1, 1, 2]
    assert lines[2]["ambiguous"] == ["umar", "muslim"] and lines[2]["id"] is None
    assert lines[0]["ambiguous"] == []


def test_markdown() -> None:
    out = render_markdown(TEXT, MATCHES, GLOSSARY)
    body, notes = out.split("\n\n", 1)
    assert body == "Daesh[^is] held Rakka[^raqqa].\nA bare al-Shishani[^umar][^muslim] & <x>."
    assert notes.splitlines() == [
        '[^is]: **Islamic State** (organization). A "group" <b>. Spellings seen: Daesh.',
        "[^raqqa]: **Raqqa** (place). A city in Syria. Spellings seen: Rakka.",
        "[^umar]: **Umar al-Shishani** (person). A commander. Spellings seen: al-Shishani.",
        "[^muslim]: **Muslim al-Shishani** (person). Another. Spellings seen: al-Shishani.",
    ]


def test_markdown_without_mentions_is_the_text() -> None:
    assert render_markdown("nothing\n", [], GLOSSARY) == "nothing\n"


class _Marks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict[str, str | None]] = []
        self.items: list[dict[str, str | None]] = []
        self.scripts = 0
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "mark":
            self.marks.append(a)
        if tag == "li":
            self.items.append(a)
        if tag == "script":
            self.scripts += 1
        for key in ("src", "href"):
            if a.get(key):
                self.external.append(str(a[key]))


def test_html_structure_and_escaping() -> None:
    page = render_html(TEXT, MATCHES, GLOSSARY, name="t<1>.txt")
    p = _Marks()
    p.feed(page)
    assert [x["class"] for x in p.marks] == [
        "tn-mention tn-type-organization",
        "tn-mention tn-type-place",
        "tn-mention tn-ambiguous",
    ]
    assert p.marks[0]["title"] == (
        "Islamic State (organization): A \"group\" <b>.\nmatched 'Daesh' by exact (100)"
    )
    assert p.marks[0]["data-tip"] == p.marks[0]["title"]
    assert "matched 'Rakka' by phonetic" in str(p.marks[1]["title"])
    assert "Umar al-Shishani (person)" in str(p.marks[2]["title"])
    assert p.marks[2]["data-id"] == "umar muslim"
    assert [x["data-id"] for x in p.items] == ["is", "raqqa", "umar", "muslim"]
    assert p.external == []
    assert "&amp; &lt;x&gt;" in page and "<x>" not in page
    assert "t&lt;1&gt;.txt" in page


def test_table() -> None:
    out = render_table([*MATCHES, m("Daesh", 40, "is")])
    lines = out.splitlines()
    assert lines[0].split() == ["entry", "id", "type", "count", "spellings", "seen"]
    assert lines[2].startswith("Islamic State") and "Daesh (2)" in lines[2]
    assert "(ambiguous)" in out and "umar | muslim" in out
    assert "\x1b[" not in out
    assert "\x1b[33m" in render_table(MATCHES, color=True)


def test_table_empty() -> None:
    assert render_table([]) == "no mentions found"


@pytest.mark.parametrize("fmt", FORMATS)
def test_render_dispatch(fmt: str) -> None:
    assert render(fmt, TEXT, MATCHES, GLOSSARY)


def test_make_renderer_unknown() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        make_renderer("pdf", print)


# --------------------------------------------------------------------------- weaver


class Echo(Renderer):
    def __init__(self) -> None:
        self.out: list[str] = []
        super().__init__(self.out.append)
        self.lines: list[int] = []

    def text(self, segment: str) -> None:
        self.write(segment)

    def mention(self, match: Match, *, line: int) -> None:
        self.lines.append(line)
        self.write(f"<{match.text}>")


def test_weave_known_across_chunk_boundaries() -> None:
    chunks = ["Dae", "sh held R", "akka.\nA bare al-", "Shishani & <x>.\n"]
    r = Echo()
    weave_known(r, chunks, MATCHES, name="t")
    assert "".join(r.out) == "<Daesh> held <Rakka>.\nA bare <al-Shishani> & <x>.\n"
    assert r.lines == [1, 1, 2]


def test_weave_stream_reads_input_once() -> None:
    pulled: list[str] = []

    def chunks() -> object:
        for c in ["Daesh held Rakka.\n", "A bare al-Shishani & <x>.\n"]:
            pulled.append(c)
            yield c

    def annotate(cs: object) -> object:
        text = "".join(cs)  # type: ignore[arg-type]
        assert text == TEXT
        return iter(MATCHES)

    r = Echo()
    weave_stream(r, chunks(), annotate, name="t")  # type: ignore[arg-type]
    assert len(pulled) == 2
    assert "".join(r.out).startswith("<Daesh> held <Rakka>.")


def test_weaver_window_bounds_memory_and_keeps_text() -> None:
    r = Echo()
    w = DocumentWeaver(r, name="t", window_chars=50)
    text = "".join(f"line {i} filler filler\n" for i in range(200))
    for i in range(0, len(text), 23):
        w.feed(text[i : i + 23])
        assert w._held <= 50 + 2 * 23
    w.close()
    assert "".join(r.out) == text


def test_weaver_skips_overlapping_match_for_text_but_not_for_jsonl() -> None:
    r = Echo()
    weave_known(r, [TEXT], [MATCHES[0], m("aesh", 1, "is")], name="t")
    assert "".join(r.out).startswith("<Daesh> held")
    out: list[str] = []
    j = make_renderer("jsonl", out.append)
    weave_known(j, [TEXT], [MATCHES[0], m("aesh", 1, "is")], name="t")
    assert len(out) == 2


def test_weaver_line_text_and_column() -> None:
    w = DocumentWeaver(Renderer(print), name="t")
    w.feed("first\r\nsecond line here\n")
    assert w.line_text(10) == "second line here"
    assert w.line_text(2) == "first"
    assert w.column_of(10) == 4
    assert w.line_of(10) == 2
