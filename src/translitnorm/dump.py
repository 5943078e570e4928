"""Write a :class:`~translitnorm.model.Glossary` back out as a glossary YAML file.

The output is the compact form a person would write: a variant with nothing but a text
is a plain string, a ``related`` link of the default kind is a bare id, a source with
only a text is a string, and fields that have their default value are left out.
:func:`~translitnorm.loader.load_glossary` reads it back to an equal glossary.

>>> from translitnorm.model import Entry, Glossary, Variant
>>> g = Glossary(entries=(Entry(id="raqqa", canonical="Raqqa", type="place",
...     definition="A city in Syria.", variants=(Variant("Ar-Raqqah"),
...     Variant("الرقة", lang="ar", script="Arab"))),))
>>> print(dump_glossary(g), end="")
entries:
- id: raqqa
  canonical: Raqqa
  type: place
  definition: A city in Syria.
  variants:
  - Ar-Raqqah
  - text: الرقة
    lang: ar
    script: Arab
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from translitnorm.model import Entry, Glossary, Relation, Source, Variant

__all__ = ["dump_glossary"]

_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# Characters that YAML treats as line breaks or that are easy to lose in an editor:
# strings holding them are always written double-quoted, with escapes.
_QUOTE_ALWAYS = frozenset("\x85\u2028\u2029\ufeff")


class _Dumper(_BaseDumper):  # type: ignore[misc]
    """A safe dumper that never writes anchors/aliases (the loader refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: Any, text: str) -> Any:
    style: str | None = None
    if _QUOTE_ALWAYS.intersection(text):
        style = '"'
    elif "\n" in text:
        style = "|"  # the emitter falls back to quotes when a block cannot keep the text
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(tuple, lambda d, data: d.represent_list(list(data)))

_VARIANT_DEFAULTS = Variant("")


def _variant(v: Variant) -> str | dict[str, Any]:
    out: dict[str, Any] = {"text": v.text}
    for name in ("lang", "script", "scheme", "case_sensitive", "fuzzy", "ambiguous",
                 "status", "note"):
        value = getattr(v, name)
        if value != getattr(_VARIANT_DEFAULTS, name):
            out[name] = value
    out.update(_extra(v.extra, f"variant {v.text!r}"))
    return v.text if len(out) == 1 else out


def _source(s: Source) -> str | dict[str, str]:
    if s.url is None and s.text is not None:
        return s.text
    out: dict[str, str] = {}
    if s.text is not None:
        out["text"] = s.text
    if s.url is not None:
        out["url"] = s.url
    return out


def _relation(r: Relation) -> str | dict[str, str]:
    return r.id if r.relation == "related" else {"id": r.id, "relation": r.relation}


def _extra(extra: Mapping[str, Any], where: str) -> dict[str, Any]:
    for key in extra:
        if not key.startswith("x-"):
            raise ValueError(f"extra field {key!r} of {where} does not start with 'x-'")
    return dict(extra)


def _entry(e: Entry) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": e.id,
        "canonical": e.canonical,
        "type": e.type,
        "definition": e.definition,
        "variants": [_variant(v) for v in e.variants],
    }
    if e.sources:
        out["sources"] = [_source(s) for s in e.sources]
    if e.related:
        out["related"] = [_relation(r) for r in e.related]
    if e.notes is not None:
        out["notes"] = e.notes
    if e.tags:
        out["tags"] = list(e.tags)
    out.update(_extra(e.extra, f"entry {e.id!r}"))
    return out


def dump_glossary(g: Glossary) -> str:
    """YAML text for ``g``, in the glossary file format.

    ``load_glossary`` reads the text back to a glossary equal to ``g`` (locations aside),
    provided ``g`` is valid (ids are slugs, texts are non-empty and so on); ``extra``
    fields must be named ``x-...`` (``ValueError`` otherwise). Strings are written
    exactly, quoted where YAML would read them as something else (``"no"``, ``"1.0"``).

    >>> from translitnorm.model import Entry, Glossary, Relation, Variant
    >>> g = Glossary(name="demo", entries=(Entry(id="no", canonical="no", type="term",
    ...     variants=(Variant("1.0", case_sensitive=True),),
    ...     related=(Relation("no", "see-also"),)),))
    >>> print(dump_glossary(g), end="")
    name: demo
    entries:
    - id: 'no'
      canonical: 'no'
      type: term
      definition: ''
      variants:
      - text: '1.0'
        case_sensitive: true
      related:
      - id: 'no'
        relation: see-also
    """
    data: dict[str, Any] = {}
    if g.name is not None:
        data["name"] = g.name
    if g.description is not None:
        data["description"] = g.description
    data["entries"] = [_entry(e) for e in g.entries]
    text: str = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, indent=2
    )
    return text
