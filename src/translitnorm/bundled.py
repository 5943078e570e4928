"""Where the glossary and schema that ship with translitnorm live.

An installed wheel carries them inside the package, at ``translitnorm/data/glossary/``
and ``translitnorm/data/glossary.schema.json`` (``pyproject.toml`` force-includes the
repository's ``glossary/`` and ``docs/glossary.schema.json`` there). In a source checkout
or an editable install they are found at ``<repo>/glossary`` and
``<repo>/docs/glossary.schema.json`` instead.

>>> bundled_glossary_path().name
'glossary'
>>> bundled_schema_path().name
'glossary.schema.json'
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parent.parent  # <repo>/src/translitnorm -> <repo>


def _first_existing(*candidates: Path) -> Path:
    for path in candidates:
        if path.exists():
            return path
    return candidates[0]


def bundled_glossary_path() -> Path:
    """The folder of the bundled glossary's YAML files.

    Returns the installed location when neither location exists, so that loading it
    reports that path as missing.

    >>> bundled_glossary_path().is_absolute()
    True
    """
    return _first_existing(_PACKAGE / "data" / "glossary", _REPO / "glossary")


def bundled_schema_path() -> Path:
    """The JSON Schema (draft 2020-12) for a glossary file.

    >>> import json
    >>> json.loads(bundled_schema_path().read_text(encoding="utf-8"))["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    """
    return _first_existing(
        _PACKAGE / "data" / "glossary.schema.json", _REPO / "docs" / "glossary.schema.json"
    )
