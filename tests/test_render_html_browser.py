"""The HTML page opened in headless Chromium: highlights, tooltips and the side list are in
the rendered DOM, and the page's script ran (it marks <html> with the class ``tn-js``)."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translitnorm.cli import app

DATA = Path(__file__).parent / "data" / "cli"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)"
)

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


class _Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.html_class = ""
        self.marks: list[dict[str, str | None]] = []
        self.mark_text: list[str] = []
        self.aside_items: list[dict[str, str | None]] = []
        self._in_mark = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.html_class = a.get("class") or ""
        elif tag == "mark":
            self.marks.append(a)
            self.mark_text.append("")
            self._in_mark = True
        elif tag == "li" and (a.get("id") or "").startswith("tn-entry-"):
            self.aside_items.append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            self.mark_text[-1] += data


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "report.html"
    cache = tmp_path_factory.getbasetemp() / "tn-cache"
    r = CliRunner(env={"TRANSLITNORM_CACHE_DIR": str(cache)}).invoke(
        app,
        ["annotate", str(DATA / "report.txt"), "-g", str(DATA / "glossary.yaml"), "-f", "html"],
    )
    assert r.exit_code == 0, r.output
    out.write_text(r.stdout, encoding="utf-8")
    return out


def test_rendered_dom_has_highlights_tooltips_and_side_list(page: Path, tmp_path: Path) -> None:
    r = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert r.returncode == 0, r.stderr[-2000:]
    dom = _Dom()
    dom.feed(r.stdout)
    assert "tn-js" in dom.html_class.split(), "the page's script did not run"
    by_text = dict(zip(dom.mark_text, dom.marks, strict=True))
    ahrar = by_text["Ahrar as-Sham"]
    assert "tn-type-organization" in str(ahrar["class"]).split()
    assert str(ahrar["title"]).startswith(
        "Ahrar al-Sham (organization): A Syrian Salafist armed group formed in 2011."
    )
    assert ahrar["data-tip"] == ahrar["title"]
    assert "tn-type-place" in str(by_text["al-Raqqah"]["class"])
    assert "tn-type-person" in str(by_text["Muslim Shishani"]["class"])
    amb = by_text["al-Shishani"]
    assert "tn-ambiguous" in str(amb["class"])
    assert str(amb["title"]).startswith("Ambiguous: could be")
    # The definition with <...> & is escaped in the source and decoded in the DOM.
    umar = by_text["Abu Umar al-Shishani"]
    assert "<killed in 2016> & later mourned" in str(umar["title"])
    ids = [item["data-id"] for item in dom.aside_items]
    assert {"ahrar-al-sham", "islamic-state", "raqqa", "umar-shishani"} <= set(ids)


def test_page_renders_to_a_screenshot(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "page.png"
    r = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,800", page.as_uri())
    assert r.returncode == 0, r.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
