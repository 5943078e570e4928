"""Every relative link in the Markdown pages points at a file that exists, and every
``#anchor`` at a heading of the page it names, so moving or renaming a page or a section
cannot leave readers with dead links."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(
    [ROOT / "README.md", *(ROOT / "docs").glob("*.md"), *(ROOT / "benchmarks").rglob("*.md"),
     *(ROOT / "examples").glob("*.md")]
)
LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.MULTILINE)
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens.

    >>> slug("What keeps lookup recall at 0.77")
    'what-keeps-lookup-recall-at-077'
    >>> slug("Annotation speed (`benchmarks/bench_annotate.py`)")
    'annotation-speed-benchmarksbench_annotatepy'
    """
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


@cache
def prose(page: Path) -> str:
    """A page's text without its fenced code blocks (no links or headings live there)."""
    return FENCE.sub("", page.read_text("utf-8"))


def anchors(page: Path) -> frozenset[str]:
    return frozenset(slug(h) for h in HEADING.findall(prose(page)))


def links(page: Path) -> list[str]:
    return [t for t in LINK.findall(prose(page)) if not re.match(r"[a-z]+:", t)]


def test_there_are_pages_with_links() -> None:
    assert ROOT / "docs" / "benchmarks.md" in PAGES
    assert any(links(page) for page in PAGES)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(page: Path) -> None:
    broken = []
    for target in links(page):
        path_part, _, anchor = target.partition("#")
        dest = (page.parent / path_part).resolve() if path_part else page
        if not dest.exists():
            broken.append(f"{target}: no such file")
        elif anchor and dest.suffix == ".md" and anchor not in anchors(dest):
            broken.append(f"{target}: no heading with that anchor in {dest.name}")
    assert not broken, f"dead links in {page.relative_to(ROOT)}: {broken}"
