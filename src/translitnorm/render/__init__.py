"""Renderers: turn a text and its matches into ``jsonl``, ``inline``, ``markdown``, ``html``
or ``table`` output.

Each format has a pure function (``render_jsonl``, ``render_inline``, ...) for one text in
memory, and an incremental :class:`Renderer` class that the CLI streams large inputs
through. :func:`render` picks the format by name.

>>> from translitnorm.records import Match
>>> m = Match(3, 8, "Rakka", "raqqa", "Raqqa", "place", "Raqqa", "phonetic", 92.0)
>>> render("inline", "In Rakka.", [m])
'In Rakka [[Raqqa]].'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, Literal, get_args

from translitnorm.model import Glossary
from translitnorm.records import Match
from translitnorm.render.base import (
    DocumentWeaver,
    EntryLookup,
    Renderer,
    Write,
    weave_known,
    weave_stream,
)
from translitnorm.render.html import HtmlRenderer, render_html
from translitnorm.render.inline import InlineRenderer, render_inline
from translitnorm.render.jsonl import JSONL_KEYS, JsonlRenderer, match_record, render_jsonl
from translitnorm.render.markdown import MarkdownRenderer, render_markdown
from translitnorm.render.table import TableRenderer, render_table

Format = Literal["jsonl", "inline", "markdown", "html", "table"]
"""The names of the output formats."""

FORMATS: Final[tuple[str, ...]] = get_args(Format)

__all__ = [
    "FORMATS",
    "JSONL_KEYS",
    "DocumentWeaver",
    "Format",
    "HtmlRenderer",
    "InlineRenderer",
    "JsonlRenderer",
    "MarkdownRenderer",
    "Renderer",
    "TableRenderer",
    "make_renderer",
    "match_record",
    "render",
    "render_html",
    "render_inline",
    "render_jsonl",
    "render_markdown",
    "render_table",
    "weave_known",
    "weave_stream",
]


def make_renderer(
    fmt: str,
    write: Write,
    glossary: Glossary | EntryLookup | None = None,
    *,
    headers: bool = False,
    color: bool = False,
    title: str = "translitnorm annotations",
) -> Renderer:
    """An incremental renderer for ``fmt``; ``headers`` names each document in ``inline`` and
    ``markdown`` output (useful with several inputs), ``color`` is for ``table``.

    >>> type(make_renderer("table", print)).__name__
    'TableRenderer'
    >>> make_renderer("pdf", print)
    Traceback (most recent call last):
    ...
    ValueError: unknown format 'pdf' (choose from jsonl, inline, markdown, html, table)
    """
    if fmt == "jsonl":
        return JsonlRenderer(write)
    if fmt == "inline":
        return InlineRenderer(write, headers=headers)
    if fmt == "markdown":
        return MarkdownRenderer(write, glossary, headers=headers)
    if fmt == "html":
        return HtmlRenderer(write, glossary, title=title)
    if fmt == "table":
        return TableRenderer(write, color=color)
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


def render(
    fmt: str,
    text: str,
    matches: Iterable[Match],
    glossary: Glossary | EntryLookup | None = None,
    *,
    name: str = "-",
    color: bool = False,
) -> str:
    """Render one text and its matches in format ``fmt`` (see :data:`FORMATS`)."""
    out: list[str] = []
    r = make_renderer(fmt, out.append, glossary, color=color)
    r.begin()
    weave_known(r, [text], matches, name=name)
    r.end()
    return "".join(out)
