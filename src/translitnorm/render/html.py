"""``html``: one self-contained page (inline CSS and JS, nothing fetched from a network).

Each mention is a ``<mark>`` with the classes ``tn-mention`` and ``tn-type-<type>`` (or
``tn-ambiguous``), a ``title`` and a ``data-tip`` attribute holding the canonical form and
definition (shown as a tooltip on hover and keyboard focus), and ``data-id``. A side list
(``<aside id="tn-entries">``) lists the entries found with their counts and the spellings
seen. Everything from the text and the glossary is HTML-escaped.

>>> from translitnorm.model import Entry, Glossary
>>> from translitnorm.records import Match
>>> g = Glossary(entries=(Entry(id="raqqa", canonical="Raqqa", type="place",
...                             definition="A city <in> Syria."),))
>>> m = Match(3, 8, "Rakka", "raqqa", "Raqqa", "place", "Raqqa", "phonetic", 92.0)
>>> page = render_html("In Rakka & around.", [m], g)
>>> 'class="tn-mention tn-type-place"' in page, "Raqqa (place): A city &lt;in&gt; Syria." in page
(True, True)
>>> "&amp; around" in page, "http" in page
(True, False)
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from translitnorm.model import Glossary
from translitnorm.records import Match
from translitnorm.render.base import EntryLookup, Renderer, Write, entry_index, weave_known

_CLASS_UNSAFE = re.compile(r"[^a-z0-9_-]+")

_CSS = """\
:root{--bg:#fdfdfc;--fg:#1d1d1f;--muted:#6b6b70;--line:#e3e3e6;
--organization:#ffe08a;--person:#b8e0ff;--place:#c6f0c2;--term:#f3c9f0;--event:#ffcfb3;
--other:#e2e2e2;--ambiguous:#ff9d9d}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);
background:var(--bg)}
header{padding:.8rem 1.5rem;border-bottom:1px solid var(--line)}
header h1{font-size:1.15rem;margin:0}
header p{margin:.2rem 0 0;color:var(--muted);font-size:.9rem}
.tn-layout{display:grid;grid-template-columns:minmax(0,1fr) 22rem;gap:1.5rem;padding:1rem 1.5rem}
@media (max-width:900px){.tn-layout{grid-template-columns:1fr}}
.tn-doc h2{font-size:1rem;color:var(--muted);margin:.5rem 0}
.tn-text{white-space:pre-wrap;word-wrap:break-word;font:inherit;margin:0 0 2rem}
mark.tn-mention{position:relative;border-radius:3px;padding:0 .1em;cursor:help;color:inherit;
background:var(--other)}
mark.tn-type-organization{background:var(--organization)}
mark.tn-type-person{background:var(--person)}
mark.tn-type-place{background:var(--place)}
mark.tn-type-term{background:var(--term)}
mark.tn-type-event{background:var(--event)}
mark.tn-ambiguous{background:var(--ambiguous);outline:1px dashed #b00}
mark.tn-mention:hover::after,mark.tn-mention:focus::after{content:attr(data-tip);position:absolute;
left:0;top:100%;z-index:10;margin-top:4px;min-width:14rem;max-width:28rem;padding:.45rem .6rem;
white-space:pre-wrap;font-size:.85rem;line-height:1.35;color:#fff;background:#2b2b30;
border-radius:4px;box-shadow:0 2px 8px rgba(0,0,0,.25)}
mark.tn-active{outline:2px solid #1d1d1f}
aside#tn-entries{position:sticky;top:1rem;align-self:start;max-height:calc(100vh - 2rem);
overflow:auto;border-left:1px solid var(--line);padding-left:1rem}
aside h2{font-size:1rem;margin:.5rem 0}
aside ul{list-style:none;margin:0;padding:0}
aside li{margin:0 0 .8rem;padding:.3rem .5rem;border-radius:4px;cursor:pointer}
aside li.tn-active{outline:2px solid #1d1d1f}
aside .tn-swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.35em;
background:var(--other)}
aside .tn-type-organization .tn-swatch{background:var(--organization)}
aside .tn-type-person .tn-swatch{background:var(--person)}
aside .tn-type-place .tn-swatch{background:var(--place)}
aside .tn-type-term .tn-swatch{background:var(--term)}
aside .tn-type-event .tn-swatch{background:var(--event)}
aside .tn-ambiguous .tn-swatch{background:var(--ambiguous)}
aside .tn-meta,aside .tn-seen{color:var(--muted);font-size:.85rem}
aside .tn-def{font-size:.9rem;margin:.15rem 0}
"""

_JS = """\
(function(){
  document.documentElement.classList.add('tn-js');
  function select(id){
    document.querySelectorAll('.tn-active').forEach(function(e){e.classList.remove('tn-active');});
    if(!id){return;}
    var first=null;
    document.querySelectorAll('mark.tn-mention').forEach(function(m){
      var ids=(m.getAttribute('data-id')||'').split(' ');
      if(ids.indexOf(id)>=0){m.classList.add('tn-active');if(!first){first=m;}}
    });
    var li=document.getElementById('tn-entry-'+id);
    if(li){li.classList.add('tn-active');}
    return first;
  }
  document.addEventListener('click',function(ev){
    var m=ev.target.closest('mark.tn-mention');
    if(m){
      var id=(m.getAttribute('data-id')||'').split(' ')[0];
      select(id);
      var li=document.getElementById('tn-entry-'+id);
      if(li){li.scrollIntoView({block:'nearest'});}
      return;
    }
    var li2=ev.target.closest('aside li[data-id]');
    if(li2){
      var f=select(li2.getAttribute('data-id'));
      if(f){f.scrollIntoView({block:'center'});}
    }
  });
})();
"""


def type_class(type_: str | None) -> str:
    """The CSS class for an entry type.

    >>> type_class("organization"), type_class(None), type_class("Armed Group")
    ('tn-type-organization', 'tn-ambiguous', 'tn-type-armed-group')
    """
    if type_ is None:
        return "tn-ambiguous"
    return "tn-type-" + (_CLASS_UNSAFE.sub("-", type_.lower()).strip("-") or "other")


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass
class _Met:
    canonical: str
    type: str | None
    definition: str
    count: int = 0
    seen: dict[str, int] = field(default_factory=dict)


class HtmlRenderer(Renderer):
    """Streams the page: head, one ``<section>`` per document, then the side list."""

    def __init__(
        self,
        write: Write,
        glossary: Glossary | EntryLookup | None = None,
        *,
        title: str = "translitnorm annotations",
    ) -> None:
        super().__init__(write)
        self.entries = entry_index(glossary)
        self.title = title
        self._met: dict[str, _Met] = {}
        self._mentions = 0
        self._docs: list[str] = []

    def begin(self) -> None:
        self.write(
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="generator" content="translitnorm">\n'
            f"<title>{_esc(self.title)}</title>\n<style>\n{_CSS}</style>\n</head>\n<body>\n"
            f"<header><h1>{_esc(self.title)}</h1></header>\n"
            '<div class="tn-layout">\n<main id="tn-main">\n'
        )

    def begin_document(self, name: str) -> None:
        self._docs.append(name)
        self.write(
            f'<section class="tn-doc" data-file="{_esc(name)}">\n<h2>{_esc(name)}</h2>\n'
            '<pre class="tn-text">'
        )

    def text(self, segment: str) -> None:
        self.write(_esc(segment))

    def _tip(self, match: Match) -> str:
        if match.ambiguous:
            lines = ["Ambiguous: could be"]
            for cid in match.candidates:
                entry = self.entries.get(cid)
                label = f"{entry.canonical} ({entry.type})" if entry else cid
                lines.append(f"• {label}")
            return "\n".join(lines)
        entry = self.entries.get(match.id or "")
        canonical = match.canonical or ""
        head = f"{canonical} ({match.type})" if match.type else canonical
        definition = " ".join(entry.definition.split()) if entry else ""
        tip = f"{head}: {definition}" if definition else head
        if match.text != canonical:
            tip += f"\nmatched {match.variant!r} by {match.method} ({match.score:g})"
        return tip

    def _remember(self, entry_id: str, match: Match) -> None:
        met = self._met.get(entry_id)
        if met is None:
            entry = self.entries.get(entry_id)
            met = _Met(
                canonical=entry.canonical if entry else (match.canonical or entry_id),
                type=entry.type if entry else match.type,
                definition=entry.definition if entry else "",
            )
            self._met[entry_id] = met
        met.count += 1
        text = " ".join(match.text.split())  # a mention may span a line break
        seen = f"{text} (ambiguous)" if match.ambiguous else text
        met.seen[seen] = met.seen.get(seen, 0) + 1

    def mention(self, match: Match, *, line: int) -> None:
        self._mentions += 1
        ids = list(match.candidates) if match.ambiguous else [match.id or ""]
        for entry_id in ids:
            self._remember(entry_id, match)
        tip = self._tip(match)
        self.write(
            f'<mark class="tn-mention {type_class(match.type)}" tabindex="0"'
            f' data-id="{_esc(" ".join(ids))}" data-method="{_esc(match.method)}"'
            f' title="{_esc(tip)}" data-tip="{_esc(tip)}">{_esc(match.text)}</mark>'
        )

    def end_document(self) -> None:
        self.write("</pre>\n</section>\n")

    def end(self) -> None:
        self.write('</main>\n<aside id="tn-entries">\n')
        self.write(
            f"<h2>Entries found ({len(self._met)})</h2>\n"
            f'<p class="tn-meta">{self._mentions} mention(s) in {len(self._docs)} document(s)</p>\n'
            "<ul>\n"
        )
        for entry_id, met in self._met.items():
            seen = ", ".join(f"{_esc(s)} ×{n}" for s, n in met.seen.items())
            definition = " ".join(met.definition.split())
            self.write(
                f'<li id="tn-entry-{_esc(entry_id)}" class="{type_class(met.type or "other")}"'
                f' data-id="{_esc(entry_id)}">'
                f'<span class="tn-swatch"></span><strong>{_esc(met.canonical)}</strong>'
                f' <span class="tn-meta">{_esc(met.type or "")} · {met.count}</span>'
                + (f'<div class="tn-def">{_esc(definition)}</div>' if definition else "")
                + f'<div class="tn-seen">{seen}</div></li>\n'
            )
        self.write("</ul>\n</aside>\n</div>\n<script>\n" + _JS + "</script>\n</body>\n</html>\n")


def render_html(
    text: str,
    matches: Iterable[Match],
    glossary: Glossary | EntryLookup | None = None,
    *,
    name: str = "-",
    title: str = "translitnorm annotations",
) -> str:
    """One self-contained HTML page for ``text`` (see the module docstring)."""
    out: list[str] = []
    r = HtmlRenderer(out.append, glossary, title=title)
    r.begin()
    weave_known(r, [text], matches, name=name)
    r.end()
    return "".join(out)
