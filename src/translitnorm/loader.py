"""Load and validate glossary files: YAML in, a :class:`~translitnorm.model.Glossary` out.

The file format and the merge rules are described in ``docs/glossary-format.md`` and
``docs/glossary.schema.json``. In short: each *path argument* is a YAML file or a folder
(its ``*.yaml``/``*.yml`` files, not recursive, sorted by name). Ids must be unique within
one path argument; a later path argument *replaces* an entry with the same id, or
*extends* it when the later entry says ``extend: true``.

Every problem is reported with its file, line and column, a hint and a stable ``code``;
:func:`load_glossary` raises :class:`~translitnorm.errors.InputError` carrying *all* the
errors it found, :func:`validate_paths` returns errors and warnings without raising.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "g.yaml").write_text('''
... entries:
...   - id: raqqa
...     canonical: Raqqa
...     type: place
...     definition: A city in Syria.
...     variants: [Ar-Raqqah, {text: الرقة, lang: ar, script: Arab}]
... ''', encoding="utf-8")
>>> g = load_glossary(folder / "g.yaml")
>>> [v.text for v in g.get("raqqa").all_variants()]
['Raqqa', 'Ar-Raqqah', 'الرقة']
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from translitnorm.errors import InputError, Problem
from translitnorm.model import (
    ENTRY_TYPES,
    VARIANT_STATUSES,
    Entry,
    Glossary,
    Location,
    Relation,
    Source,
    Variant,
)
from translitnorm.yamlsource import (
    YBad,
    YMap,
    YNode,
    YScalar,
    YSeq,
    char_name,
    kind_of,
    read_yaml,
    to_python,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ENTRY_FIELDS",
    "LANG_PATTERN",
    "SCRIPT_PATTERN",
    "SLUG_PATTERN",
    "TOP_FIELDS",
    "VARIANT_FIELDS",
    "load_glossary",
    "validate_paths",
]

StrPath = str | os.PathLike[str]

DEFAULT_MAX_BYTES: Final = 64 * 1024 * 1024
"""Files larger than this (64 MiB) are refused unless ``max_bytes`` says otherwise."""

TOP_FIELDS: Final = ("name", "description", "lang", "entries")
ENTRY_FIELDS: Final = (
    "id", "canonical", "type", "definition", "variants",
    "sources", "related", "notes", "tags", "extend",
)  # fmt: skip
VARIANT_FIELDS: Final = (
    "text", "lang", "script", "scheme", "case_sensitive", "fuzzy", "ambiguous", "status", "note",
)  # fmt: skip
SOURCE_FIELDS: Final = ("text", "url")
RELATION_FIELDS: Final = ("id", "relation")
REQUIRED_ENTRY_FIELDS: Final = ("id", "canonical", "type", "definition", "variants")

SLUG_PATTERN: Final = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""Entry ids and relation names: lowercase ASCII letters and digits, single hyphens."""
SCRIPT_PATTERN: Final = r"^[A-Z][a-z]{3}$"
"""An ISO 15924 script code shape: four letters, Titlecase (``Latn``, ``Arab``)."""
LANG_PATTERN: Final = (
    r"^([A-Za-z]{2,3}(-[A-Za-z]{3}){0,3}"
    r"(-[A-Za-z]{4})?"
    r"(-([A-Za-z]{2}|[0-9]{3}))?"
    r"(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(-[0-9A-WY-Za-wy-z](-[A-Za-z0-9]{2,8})+)*"
    r"(-[Xx](-[A-Za-z0-9]{1,8})+)?"
    r"|[Xx](-[A-Za-z0-9]{1,8})+)$"
)
"""A BCP-47 language tag shape (``ar``, ``en-GB``, ``ar-Latn``, ``zh-Hant-TW``).

The primary language subtag must have 2 or 3 letters (BCP-47 also reserves 4-8 letter
ones, but none are registered, and ``russian`` is a mistake, not a tag)."""

_SLUG = re.compile(SLUG_PATTERN)
_SCRIPT = re.compile(SCRIPT_PATTERN)
_LANG = re.compile(LANG_PATTERN)
_CONTROL_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_MULTI_LINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NOT_SLUG_CHARS = re.compile(r"[^a-z0-9]+")
_IDENTIFIER = re.compile(r"[a-z_]+")
_BLANK = re.compile(r"[\s\ufeff]*")  # whitespace as in str.isspace() and JSON Schema's \s

_FIELD_HINTS: Final = {
    "id": "add id: a-lowercase-slug (letters, digits and hyphens)",
    "canonical": "add canonical: <the preferred spelling of the name>",
    "type": "add type: <one of " + ", ".join(ENTRY_TYPES) + ">",
    "definition": 'add definition: "<one sentence saying what this is>" (it may be "")',
    "variants": "add variants: [] or a list of the other spellings",
    "entries": "add entries: followed by a list of entries (entries: [] for none)",
    "text": "add text: <the spelling>",
}


def load_glossary(
    *paths: StrPath, include_bundled: bool = False, max_bytes: int = DEFAULT_MAX_BYTES
) -> Glossary:
    """Load glossary files and folders into one :class:`Glossary`.

    With no ``paths``, loads the bundled glossary. With ``include_bundled=True`` the
    bundled glossary is loaded first and ``paths`` go on top of it (replacing or
    extending its entries). Files larger than ``max_bytes`` are refused.

    Raises :class:`InputError` with every error found (warnings never raise).

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "bad.yaml"
    >>> _ = p.write_text(
    ...     "entries:\\n"
    ...     "  - id: x\\n"
    ...     "    canonica: X\\n"
    ...     "    type: term\\n"
    ...     "    definition: ''\\n"
    ...     "    variants: []\\n", encoding="utf-8")
    >>> try:  # doctest: +ELLIPSIS
    ...     load_glossary(p)
    ... except InputError as e:
    ...     for problem in e.problems:
    ...         print(problem)
    ...         print(problem.code)
    /.../bad.yaml:2:5: entry 'x' is missing the required field 'canonical'; add canonical: ...
    missing-field
    /.../bad.yaml:3:5: unknown field 'canonica' in an entry; did you mean 'canonical'?
    unknown-field
    """
    glossary, problems = _load(paths, include_bundled=include_bundled, max_bytes=max_bytes)
    _raise_for(problems)
    return glossary


def validate_paths(
    *paths: StrPath, include_bundled: bool = False, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Problem]:
    """Every problem (errors and warnings) in these glossary files; never raises for bad input.

    Takes the same arguments as :func:`load_glossary` (no paths: the bundled glossary).

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
    >>> _ = p.write_text("entries:\\n- {id: a, canonical: A, type: plac, definition: '', "
    ...                  "variants: []}\\n", encoding="utf-8")
    >>> [(q.code, q.hint) for q in validate_paths(p)]
    [('bad-choice', "did you mean 'place'?")]
    """
    return _load(paths, include_bundled=include_bundled, max_bytes=max_bytes)[1]


# --------------------------------------------------------------------------- files


def _sources(
    paths: Sequence[StrPath], include_bundled: bool
) -> list[StrPath]:
    from translitnorm.bundled import bundled_glossary_path

    if not paths:
        return [bundled_glossary_path()]
    if include_bundled:
        return [bundled_glossary_path(), *paths]
    return list(paths)


def _expand(arg: StrPath, problems: list[Problem]) -> list[str]:
    """The files one path argument stands for (a file, or a folder's YAML files)."""
    label = os.fspath(arg)
    path = Path(label)
    if path.is_dir():
        names = sorted(
            p.name
            for p in path.iterdir()
            if p.suffix in (".yaml", ".yml") and not p.name.startswith(".") and p.is_file()
        )
        if not names:
            problems.append(
                Problem(None, f"no glossary files (*.yaml, *.yml) in folder {label!r}",
                        hint="give a folder holding .yaml files, or the path of a file",
                        code="no-yaml-files")
            )
        return [os.path.join(label, n) for n in names]
    if path.exists():
        return [label]
    problems.append(
        Problem(None, f"no such file or folder: {label!r}",
                hint="check the spelling of the path and the current directory",
                code="file-not-found")
    )
    return []


def _read(label: str, max_bytes: int, problems: list[Problem]) -> bytes | None:
    def too_large() -> None:
        problems.append(
            Problem(Location(label, 1, 1),
                    f"the file is larger than the limit of {_size(max_bytes)}",
                    hint="split it into several files in one folder, or raise the limit "
                    "(max_bytes=...)", code="file-too-large")
        )

    try:
        size = os.stat(label).st_size
        if size > max_bytes:
            too_large()
            return None
        limit = max_bytes + 1
        with open(label, "rb") as f:
            # read(n) allocates n bytes up front: ask for the stat size, not the cap
            data = f.read(size + 1)
            if len(data) > size:  # the file grew (or is not a regular file)
                data += f.read(limit - len(data))
    except OSError as e:
        problems.append(
            Problem(None, f"cannot read {label!r}: {e.strerror or e}",
                    hint="check that the file exists and that you may read it",
                    code="unreadable-file")
        )
        return None
    if len(data) > max_bytes:
        too_large()
        return None
    return data


def _size(n: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:g} {unit}"
        n //= 1024
    return f"{n}"  # pragma: no cover


# --------------------------------------------------------------------------- fields


@dataclass(slots=True)
class _Parsed:
    """One entry as read from a file, before merging."""

    id: str | None
    id_location: Location | None
    entry: Entry | None  # None when the entry had errors
    extend: bool = False
    given: frozenset[str] = frozenset()


@dataclass(slots=True)
class _FileResult:
    label: str
    parsed: list[_Parsed] = field(default_factory=list)
    name: str | None = None
    description: str | None = None


class _Checker:
    """Turns nodes of one file into model objects, collecting problems."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.problems: list[Problem] = []

    # -- reporting
    def loc(self, node: YNode | YScalar) -> Location:
        return Location(self.label, node.line, node.column)

    def add(self, node: YNode, message: str, hint: str | None, code: str,
            severity: str = "error") -> None:
        self.problems.append(Problem(self.loc(node), message, hint, code, severity))

    def wrong_type(self, node: YNode, what: str, expected: str, hint: str | None = None) -> None:
        if isinstance(node, YBad):
            return  # already reported (alias, tag)
        if (hint is None and isinstance(node, YScalar) and node.plain
                and "string" in expected and not isinstance(node.value, str)):
            if node.raw:
                hint = (f"YAML reads {node.raw} as {kind_of(node, show_raw=False)}; "
                        f'put it in quotes: "{node.raw}"')
            else:
                hint = 'YAML reads an empty value as null; write "" for empty text'
        self.add(node, f"{_q(what)} must be {expected}, not {kind_of(node)}", hint, "wrong-type")

    def unknown_fields(self, node: YMap, allowed: Sequence[str], what: str,
                       extensions: bool, elsewhere: dict[str, str] | None = None) -> None:
        for key, (knode, _) in node.items.items():
            if key in allowed or (extensions and key.startswith("x-")):
                continue
            close = difflib.get_close_matches(key.lower(), allowed, n=1, cutoff=0.6)
            if close:
                hint = f"did you mean {close[0]!r}?"
            elif key.startswith("x-"):
                hint = "extension fields (x-...) are only allowed on entries and variants"
            elif elsewhere and key in elsewhere:
                hint = elsewhere[key]
            else:
                hint = f"{what} fields are: {', '.join(allowed)}"
                if extensions:
                    hint += "; extension fields start with 'x-'"
            self.add(knode, f"unknown field {key!r} in {what}", hint, "unknown-field")

    # -- typed getters (None: absent or reported)
    def string(self, node: YNode, what: str, *, multiline: bool = False,
               nonblank: bool = False) -> str | None:
        if not (isinstance(node, YScalar) and isinstance(node.value, str)):
            self.wrong_type(node, what, "a string")
            return None
        text: str = node.value
        control = (_CONTROL_MULTI_LINE if multiline else _CONTROL_ONE_LINE).search(text)
        if control is not None:
            ch = control.group()
            where = control.start() + 1
            hint = ("remove it; names must be on one line" if ch in "\n\r"
                    else "remove it; use a plain space instead" if ch == "\t"
                    else "remove it (it is invisible and would never match)")
            self.add(node, f"{_q(what)} contains the control character {char_name(ch)} "
                     f"at character {where}", hint, "control-character")
            return None
        if nonblank and _is_blank(text):
            self.add(node, f"{_q(what)} is " + ("empty" if not text else "only whitespace"),
                     "write the text, or remove this item", "empty-text")
            return None
        return text

    def boolean(self, node: YNode, what: str) -> bool | None:
        if isinstance(node, YScalar) and isinstance(node.value, bool):
            return node.value
        hint = "write true or false, without quotes"
        self.wrong_type(node, what, "true or false", hint)
        return None

    def seq(self, node: YNode, what: str, example: str) -> list[YNode] | None:
        if isinstance(node, YSeq):
            return node.items
        if isinstance(node, YScalar) and node.value is None:
            hint = f"write {what}: [] for none"
        else:
            hint = f"write a list, e.g. {what}: [{example}], or one '- item' line per item"
        self.wrong_type(node, what, "a list", hint)
        return None

    def slug(self, node: YNode, what: str) -> str | None:
        text = self.string(node, what)
        if text is None:
            return None
        if _SLUG.fullmatch(text):
            return text
        suggestion = slugify(text)
        hint = "use lowercase letters, digits and single hyphens"
        if suggestion:
            hint += f", e.g. {suggestion!r}"
        self.add(node, f"{what} {text!r} is not a valid slug", hint, "bad-slug")
        return None

    def choice(self, node: YNode, what: str, allowed: Sequence[str]) -> str | None:
        text = self.string(node, what)
        if text is None:
            return None
        if text in allowed:
            return allowed[allowed.index(text)]  # share one string object per value
        close = difflib.get_close_matches(text.lower(), allowed, n=1, cutoff=0.5)
        hint = f"did you mean {close[0]!r}?" if close else "use one of: " + ", ".join(allowed)
        self.add(node, f"{what} {text!r} is not one of {', '.join(allowed)}", hint,
                 "bad-choice")
        return None

    def lang(self, node: YNode, what: str) -> str | None:
        text = self.string(node, what)
        if text is None:
            return None
        if _LANG.fullmatch(text):
            return sys.intern(text)
        fixed = text.replace("_", "-").strip()
        hint = (f"did you mean {fixed!r}?" if fixed != text and _LANG.fullmatch(fixed)
                else "use a BCP-47 language tag such as 'ar', 'en', 'fa-IR' or 'ar-Latn'")
        self.add(node, f"{what} {text!r} is not a BCP-47 language tag", hint, "bad-lang")
        return None

    def script(self, node: YNode, what: str) -> str | None:
        text = self.string(node, what)
        if text is None:
            return None
        if _SCRIPT.fullmatch(text):
            return sys.intern(text)
        fixed = text.strip().title()
        hint = (f"did you mean {fixed!r}?" if _SCRIPT.fullmatch(fixed)
                else "use an ISO 15924 code: four letters, Titlecase, such as "
                "'Latn', 'Arab' or 'Cyrl'")
        self.add(node, f"{what} {text!r} is not an ISO 15924 script code", hint, "bad-script")
        return None

    def missing(self, node: YMap, names: Sequence[str], what: str) -> None:
        if len(names) == 1:
            fields = f"the required field {names[0]!r}"
        else:
            fields = "the required fields " + ", ".join(repr(n) for n in names[:-1])
            fields += f" and {names[-1]!r}"
        hint = (_FIELD_HINTS[names[0]] if len(names) == 1
                else "add " + ", ".join(f"{n}:" for n in names) + " (see docs/glossary-format.md)")
        self.add(node, f"{what} is missing {fields}", hint, "missing-field")

    def read_fields(
        self, items: Mapping[str, tuple[YScalar, YNode]],
        readers: Mapping[str, Callable[[YNode], Any]],
    ) -> tuple[dict[str, Any], dict[str, Any], bool]:
        """Read each known field with its reader, keep ``x-`` fields as they are; unknown
        fields were reported already. Returns the values, the extension fields, and whether
        every read succeeded."""
        values: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        ok = True
        for key, (_, value) in items.items():
            reader = readers.get(key)
            if reader is not None:
                got = reader(value)
                if got is None:
                    ok = False
                else:
                    values[key] = got
            elif key.startswith("x-"):
                extra[key] = to_python(value)
        return values, extra, ok

    # -- the glossary structures
    def variant(self, node: YNode, entry_id: str) -> Variant | None:
        what = f"a variant of {entry_id!r}"
        if isinstance(node, YScalar) and isinstance(node.value, str):
            text = self.string(node, "variant text", nonblank=True)
            return None if text is None else Variant(text, location=self.loc(node))
        if not isinstance(node, YMap):
            hint = (None if isinstance(node, YScalar)
                    else "write the spelling as a string, or a mapping with 'text:'")
            self.wrong_type(node, what, "a string or a mapping", hint)
            return None
        self.unknown_fields(node, VARIANT_FIELDS, "a variant", extensions=True)
        items = node.items
        ok = True
        if "text" not in items:
            self.missing(node, ["text"], what)
            ok = False
        values, extra, read_ok = self.read_fields(items, {
            "text": lambda n: self.string(n, "variant text", nonblank=True),
            "lang": lambda n: self.lang(n, "lang"),
            "script": lambda n: self.script(n, "script"),
            "scheme": lambda n: self.string(n, "scheme", nonblank=True),
            "case_sensitive": lambda n: self.boolean(n, "case_sensitive"),
            "fuzzy": lambda n: self.boolean(n, "fuzzy"),
            "ambiguous": lambda n: self.boolean(n, "ambiguous"),
            "status": lambda n: self.choice(n, "status", VARIANT_STATUSES),
            "note": lambda n: self.string(n, "note", multiline=True),
        })
        ok = ok and read_ok
        if not ok:
            return None
        return Variant(**values, extra=extra, location=self.loc(node))

    def source(self, node: YNode) -> Source | None:
        if isinstance(node, YScalar) and isinstance(node.value, str):
            text = self.string(node, "source", multiline=True, nonblank=True)
            return None if text is None else Source(text=text)
        if not isinstance(node, YMap):
            if not isinstance(node, YBad):
                self.add(node, f"a source must be a string or a mapping, not {kind_of(node)}",
                         "write the citation as a string, or as {text: ..., url: ...}",
                         "wrong-type")
            return None
        self.unknown_fields(node, SOURCE_FIELDS, "a source", extensions=False)
        items = node.items
        if not items.keys() & set(SOURCE_FIELDS):
            self.add(node, "a source needs 'text', 'url' or both", "add text: or url:",
                     "missing-field")
            return None
        text = url = None
        ok = True
        if "text" in items:
            text = self.string(items["text"][1], "source text", multiline=True, nonblank=True)
            ok = text is not None
        if "url" in items:
            url = self.string(items["url"][1], "source url", nonblank=True)
            ok = ok and url is not None
        return Source(text=text, url=url) if ok else None

    def relation(self, node: YNode) -> Relation | None:
        if isinstance(node, YScalar) and isinstance(node.value, str):
            rid = self.slug(node, "related id")
            return None if rid is None else Relation(rid, location=self.loc(node))
        if not isinstance(node, YMap):
            if not isinstance(node, YBad):
                self.add(node, f"a related item must be an id or a mapping, not "
                         f"{kind_of(node)}", "write an entry id, or {id: ..., relation: ...}",
                         "wrong-type")
            return None
        self.unknown_fields(node, RELATION_FIELDS, "a related item", extensions=False)
        items = node.items
        if "id" not in items:
            self.missing(node, ["id"], "a related item")
            return None
        rid = self.slug(items["id"][1], "related id")
        rel: str | None = "related"
        if "relation" in items:
            rel = self.slug(items["relation"][1], "relation")
        if rid is None or rel is None:
            return None
        return Relation(rid, rel, location=self.loc(node))

    def entry(self, node: YNode) -> _Parsed | None:
        if not isinstance(node, YMap):
            if not isinstance(node, YBad):
                self.add(node, f"an entry must be a mapping, not {kind_of(node)}",
                         "write the entry as id:, canonical:, type:, definition:, variants: "
                         "lines under '- '", "wrong-type")
            return None
        items = node.items
        self.unknown_fields(node, ENTRY_FIELDS, "an entry", extensions=True,
                            elsewhere=_VARIANT_ONLY_HINTS)
        entry_id: str | None = None
        id_loc: Location | None = None
        ok = True
        if "id" in items:
            id_node = items["id"][1]
            entry_id = self.slug(id_node, "id")
            id_loc = self.loc(id_node)
            ok = entry_id is not None
        what = f"entry {entry_id!r}" if entry_id else "an entry"
        extend = False
        if "extend" in items:
            ext = self.boolean(items["extend"][1], "extend")
            extend = bool(ext)
            ok = ok and ext is not None
        absent = [n for n in REQUIRED_ENTRY_FIELDS
                  if n not in items and (n == "id" or not extend)]
        if absent:
            self.missing(node, absent, what)
            ok = False
        label = entry_id or "?"

        def variants(n: YNode) -> tuple[Variant, ...] | None:
            got = self.items_of(n, "variants", '"Ahrar as-Sham", "ISIS"',
                                lambda v: self.variant(v, label))
            if got is not None:
                self.check_duplicate_variants(got)
            return got

        values, extra, read_ok = self.read_fields(items, {
            "canonical": lambda n: self.string(n, "canonical", nonblank=True),
            "type": lambda n: self.choice(n, "type", ENTRY_TYPES),
            "definition": lambda n: self.string(n, "definition", multiline=True),
            "notes": lambda n: self.string(n, "notes", multiline=True),
            "variants": variants,
            "sources": lambda n: self.items_of(n, "sources", '"UN list"', self.source),
            "related": lambda n: self.items_of(n, "related", "other-entry-id", self.relation),
            "tags": lambda n: self.items_of(n, "tags", "syria, armed-group",
                                            lambda t: self.string(t, "a tag", nonblank=True)),
        })
        ok = ok and read_ok
        if entry_id is None:
            return _Parsed(None, None, None)
        # which fields were given matters only for merging an 'extend: true' entry
        given = frozenset(values) | frozenset(extra) if extend else frozenset()
        if not ok:
            return _Parsed(entry_id, id_loc, None, extend, given)
        values.setdefault("canonical", "")
        values.setdefault("type", "")
        entry = Entry(id=entry_id, **values, extra=extra, location=self.loc(node))
        return _Parsed(entry_id, id_loc, entry, extend, given)

    def items_of(
        self, node: YNode, what: str, example: str, convert: Any
    ) -> tuple[Any, ...] | None:
        nodes = self.seq(node, what, example)
        if nodes is None:
            return None
        out = [convert(n) for n in nodes]
        if any(x is None for x in out):
            return None
        return tuple(out)

    def check_duplicate_variants(self, variants: Iterable[Variant]) -> None:
        seen: dict[str, Variant] = {}
        for v in variants:
            first = seen.get(v.text)
            if first is None:
                seen[v.text] = v
            elif v.location is not None and first.location is not None:
                self.problems.append(
                    Problem(v.location, f"variant {v.text!r} is listed twice "
                            f"(first at line {first.location.line})",
                            "remove one of them", "duplicate-variant", "warning")
                )

    def top(self, root: YNode, result: _FileResult) -> None:
        if not isinstance(root, YMap):
            if isinstance(root, YBad):
                return
            hint = ("put 'entries:' on the first line and indent the list under it"
                    if isinstance(root, YSeq)
                    else "a glossary file is a mapping with an 'entries:' list")
            self.add(root, f"the top level of a glossary file must be a mapping, not "
                     f"{kind_of(root)}", hint, "wrong-type")
            return
        self.unknown_fields(root, TOP_FIELDS, "a glossary file", extensions=True)
        items = root.items
        if "entries" not in items:
            self.missing(root, ["entries"], "the glossary file")
        else:
            entries = items["entries"][1]
            if not (isinstance(entries, YSeq) and entries.streamed):
                # a streamed list was already handled item by item
                self.seq(entries, "entries", "{id: ..., canonical: ...}")
        if "name" in items:
            result.name = self.string(items["name"][1], "name", nonblank=True)
        if "description" in items:
            result.description = self.string(items["description"][1], "description",
                                              multiline=True)
        if "lang" in items:
            self.lang(items["lang"][1], "lang")


_VARIANT_ONLY_HINTS: Final = {
    key: f"{key!r} belongs on a variant: - {{text: ..., {key}: ...}}"
    for key in VARIANT_FIELDS
    if key not in ENTRY_FIELDS
}


def _q(what: str) -> str:
    """Quote a bare field name in a message (``canonical`` -> ``'canonical'``)."""
    return repr(what) if _IDENTIFIER.fullmatch(what) else what


def _is_blank(text: str) -> bool:
    return _BLANK.fullmatch(text) is not None


def slugify(text: str) -> str:
    """A slug suggestion for a name (ASCII transliteration, lowercase, hyphens).

    >>> slugify("Ahrar al-Sham")
    'ahrar-al-sham'
    >>> slugify("Hay'at Tahrir al-Sham (HTS)")
    'hay-at-tahrir-al-sham-hts'
    """
    from unidecode import unidecode

    return _NOT_SLUG_CHARS.sub("-", unidecode(text).lower()).strip("-")


def _read_file(label: str, max_bytes: int, problems: list[Problem]) -> _FileResult | None:
    data = _read(label, max_bytes, problems)
    if data is None:
        return None
    result = _FileResult(label)
    checker = _Checker(label)

    def on_item(node: YNode) -> None:
        parsed = checker.entry(node)
        if parsed is not None:
            result.parsed.append(parsed)

    doc = read_yaml(data, label, stream_key="entries", on_item=on_item)
    del data
    if doc.empty and not doc.problems:
        checker.problems.append(
            Problem(Location(label, 1, 1), "the file is empty",
                    "a glossary file needs at least 'entries: []'", "empty-file")
        )
    elif doc.root is not None:
        checker.top(doc.root, result)
    found = doc.problems + checker.problems
    found.sort(key=lambda p: (p.location.line, p.location.column) if p.location else (0, 0))
    problems.extend(found)
    return result


# --------------------------------------------------------------------------- merging


def _extend(base: Entry, parsed: _Parsed) -> Entry:
    new = parsed.entry
    assert new is not None
    changes: dict[str, Any] = {}
    for name in ("canonical", "type", "definition", "notes"):
        if name in parsed.given:
            changes[name] = getattr(new, name)
    variants = list(base.variants)
    index = {v.text: i for i, v in enumerate(variants)}
    for v in new.variants:
        if v.text in index:
            variants[index[v.text]] = v
        else:
            index[v.text] = len(variants)
            variants.append(v)
    changes["variants"] = tuple(variants)
    for name in ("sources", "related", "tags"):
        merged = list(getattr(base, name))
        for item in getattr(new, name):
            if item not in merged:
                merged.append(item)
        changes[name] = tuple(merged)
    if new.extra:
        changes["extra"] = {**base.extra, **new.extra}
    return replace(base, **changes)


def _load(
    paths: Sequence[StrPath], *, include_bundled: bool, max_bytes: int
) -> tuple[Glossary, list[Problem]]:
    problems: list[Problem] = []
    merged: dict[str, Entry] = {}
    broken: set[str] = set()  # ids of entries with errors: no follow-up errors about them
    files: list[str] = []
    name: str | None = None
    description: str | None = None
    for arg in _sources(paths, include_bundled):
        seen: dict[str, Location | None] = {}
        for label in _expand(arg, problems):
            result = _read_file(label, max_bytes, problems)
            if result is None:
                continue
            files.append(label)
            name = result.name if result.name is not None else name
            description = result.description if result.description is not None else description
            for parsed in result.parsed:
                _merge_one(parsed, merged, broken, seen, problems)
    _check_related(merged, broken, problems)
    glossary = Glossary(entries=tuple(merged.values()), files=tuple(files), name=name,
                        description=description)
    return glossary, problems


def _merge_one(
    parsed: _Parsed,
    merged: dict[str, Entry],
    broken: set[str],
    seen: dict[str, Location | None],
    problems: list[Problem],
) -> None:
    eid = parsed.id
    if eid is None:
        return
    if eid in seen:
        first = seen[eid]
        problems.append(
            Problem(parsed.id_location, f"duplicate id {eid!r} (first defined at {first})",
                    "ids must be unique within one glossary; rename one of them (to "
                    "override an entry, put the new one in a file loaded after it)",
                    "duplicate-id")
        )
        return
    seen[eid] = parsed.id_location
    if parsed.entry is None:
        broken.add(eid)
        return
    if not parsed.extend:
        merged[eid] = parsed.entry
        broken.discard(eid)
    elif eid in merged:
        merged[eid] = _extend(merged[eid], parsed)
    elif eid not in broken:
        problems.append(
            Problem(parsed.id_location,
                    f"entry {eid!r} has 'extend: true' but no earlier glossary defines {eid!r}",
                    "load the glossary that defines it first, or remove 'extend: true' and "
                    "give canonical, type, definition and variants", "extend-unknown")
        )
        broken.add(eid)


def _check_related(merged: dict[str, Entry], broken: set[str], problems: list[Problem]) -> None:
    suggestions_left = 50  # difflib over many ids is slow; suggest for the first few only
    for entry in merged.values():
        for rel in entry.related:
            if rel.id in merged or rel.id in broken:
                continue
            hint = "add an entry with this id, or fix the id"
            if suggestions_left > 0:
                suggestions_left -= 1
                close = difflib.get_close_matches(rel.id, list(merged), n=1, cutoff=0.7)
                if close:
                    hint = f"did you mean {close[0]!r}?"
            problems.append(
                Problem(rel.location, f"entry {entry.id!r} is related to unknown id {rel.id!r}",
                        hint, "unknown-id")
            )


def _raise_for(problems: Iterable[Problem]) -> None:
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputError(errors)
