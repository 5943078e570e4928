"""Edit glossary YAML files in place without losing what people wrote.

Edits go through ruamel.yaml's round-trip mode, so comments, key order, quoting, and
fields translitnorm does not know (``x-review: ...``) are kept. Before editing, a file is
checked to survive a load/dump cycle unchanged; if it would not (some unusual layouts
do not), :func:`add_variant` refuses rather than reformat other people's lines —
``translitnorm glossary fmt`` (:func:`format_file`) normalizes such a file first.
Every write is atomic (temporary file in the same folder, then ``os.replace``).

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
>>> _ = p.write_text('''entries:
...   - id: raqqa   # the city
...     canonical: Raqqa
...     type: place
...     variants:
...       - Rakka
... ''')
>>> add_variant(p, "raqqa", "al-Raqqa", lang="ar").line
7
>>> print(p.read_text(), end="")
entries:
  - id: raqqa   # the city
    canonical: Raqqa
    type: place
    variants:
      - Rakka
      - text: al-Raqqa
        lang: ar
"""

from __future__ import annotations

import contextlib
import copy
import difflib
import io
import os
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from translitnorm.errors import InputError, Problem
from translitnorm.model import Location
from translitnorm.textio import atomic_write_text, detect_newline

VARIANT_FIELDS: Final = (
    "lang",
    "script",
    "scheme",
    "case_sensitive",
    "fuzzy",
    "ambiguous",
    "status",
    "note",
)
"""The optional variant fields :func:`add_variant` accepts, in the order they are written."""

STANDARD_INDENT: Final = (2, 4, 2)
"""(mapping, sequence, offset) indentation that :func:`format_file` normalizes to."""

_INDENT_STYLES: Final = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 4, 0))

YAML_SUFFIXES: Final = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class AddedVariant:
    """What :func:`add_variant` did: the file, the entry, the spelling, its 1-based line,
    and what became of the source given with it (``"added"``, ``"already listed"``, or
    ``None`` when none was given)."""

    path: str
    entry_id: str
    text: str
    line: int
    source: str | None = None

    def __str__(self) -> str:
        said = f"{self.path}:{self.line}: added {self.text!r} to {self.entry_id}"
        if self.source == "added":
            return said + " with its source"
        if self.source is not None:
            return said + f" (its source was {self.source})"
        return said


def _yaml(indent: tuple[int, int, int] = STANDARD_INDENT) -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    return y


def _problem(
    path: Path | str,
    message: str,
    *,
    code: str,
    hint: str | None = None,
    line: int = 1,
    column: int = 1,
) -> InputError:
    return InputError([Problem(Location(str(path), line, column), message, hint=hint, code=code)])


def _read(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise _problem(path, f"cannot read: {err.strerror}", code="io-error") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise _problem(
            path,
            f"not valid UTF-8 at byte offset {err.start}",
            hint="glossary files must be UTF-8",
            code="decode-error",
            line=line,
        ) from None


def _load(y: Any, text: str, path: Path) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return y.load(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        msg = " ".join(str(x) for x in (err.context, err.problem) if x) or "invalid YAML"
        raise _problem(
            path, f"invalid YAML: {msg}", code="yaml-syntax", line=line, column=col
        ) from None
    except YAMLError as err:
        raise _problem(path, f"invalid YAML: {err}", code="yaml-syntax") from None


def _dump(y: Any, data: Any) -> str:
    buf = io.StringIO()
    y.dump(data, buf)
    return buf.getvalue()


def _normalize_nl(text: str) -> str:
    return text.replace("\r\n", "\n")


def to_plain(node: Any) -> Any:
    """A ruamel round-trip tree as plain Python data (dicts as key/value lists, so order counts).

    >>> to_plain({"a": [1, {"b": "c"}]})
    [('a', [1, [('b', 'c')]])]
    """
    if isinstance(node, dict):
        return [(to_plain(k), to_plain(v)) for k, v in node.items()]
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def _entries(data: Any) -> Iterator[tuple[str, Any]]:
    """(id, entry mapping) pairs of a glossary document, whatever its top-level layout."""
    container = data.get("entries") if isinstance(data, dict) else data
    if isinstance(container, list):
        for item in container:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                yield str(item["id"]), item
    elif isinstance(container, dict):
        for key, item in container.items():
            if isinstance(item, dict):
                yield str(item.get("id", key)), item


def glossary_files(path: str | Path) -> list[Path]:
    """The YAML files of a glossary: the file itself, or a folder's ``*.yaml``/``*.yml`` files
    (not recursive, hidden files skipped, sorted by name — as the loader reads them).

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for n in ("b.yaml", "a.yml", "c.txt"): _ = (d / n).write_text("entries: []\\n")
    >>> [p.name for p in glossary_files(d)]
    ['a.yml', 'b.yaml']
    """
    p = Path(path)
    if p.is_dir():
        return sorted(
            f
            for f in p.iterdir()
            if f.suffix in YAML_SUFFIXES and not f.name.startswith(".") and f.is_file()
        )
    if not p.exists():
        raise _problem(p, "no such file or folder", code="no-such-file")
    return [p]


def _detect_style(text: str, path: Path) -> tuple[Any, Any]:
    """A YAML instance whose dump reproduces ``text`` exactly, and the loaded data."""
    target = _normalize_nl(text)
    data = None
    for indent in _INDENT_STYLES:
        y = _yaml(indent)
        data = _load(y, target, path)
        if _dump(y, data) == target:
            return y, data
    raise _problem(
        path,
        "cannot be edited safely: rewriting it would change lines other than the edit",
        hint=f"run 'translitnorm glossary fmt {path}' first to normalize its layout",
        code="unsafe-roundtrip",
    )


def find_entry(path: str | Path, entry_id: str) -> Path:
    """The file (under ``path``, a file or folder) that defines ``entry_id``.

    Raises :class:`InputError` (code ``unknown-id``) when no file does, and
    ``duplicate-id`` when several do.

    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "places.yaml").write_text("entries:\\n  - {id: raqqa, canonical: Raqqa}\\n")
    >>> find_entry(d, "raqqa").name
    'places.yaml'
    >>> find_entry(d, "raqa")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    translitnorm.errors.InputError: ...: no entry with id 'raqa'; did you mean raqqa?
    """
    y = _yaml()
    found: list[Path] = []
    known: list[str] = []
    for f in glossary_files(path):
        data = _load(y, _read(f), f)
        ids = [i for i, _ in _entries(data)]
        known += ids
        if entry_id in ids:
            found.append(f)
    if not found:
        close = difflib.get_close_matches(entry_id, known, n=3)
        hint = (
            f"did you mean {', '.join(close)}?"
            if close
            else "check the id with 'translitnorm lookup'"
        )
        raise _problem(path, f"no entry with id {entry_id!r}", hint=hint, code="unknown-id")
    if len(found) > 1:
        raise _problem(
            found[1],
            f"id {entry_id!r} is defined in several files ({', '.join(map(str, found))})",
            code="duplicate-id",
        )
    return found[0]


def _variant_texts(entry: Any) -> list[str]:
    texts = [str(entry["canonical"])] if "canonical" in entry else []
    for v in entry.get("variants") or []:
        if isinstance(v, dict):
            if "text" in v:
                texts.append(str(v["text"]))
        else:
            texts.append(str(v))
    return texts


def _trailing_comment_slot(node: Any) -> tuple[list[Any], int] | None:
    """Where ruamel keeps the comment lines that follow the last item of ``node``."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(node, CommentedSeq | CommentedMap) or not len(node):
        return None
    # the last item of a sequence keeps its comment at position 0, of a mapping at 2
    last, pos = (len(node) - 1, 0) if isinstance(node, CommentedSeq) else (list(node)[-1], 2)
    child = node[last]
    if isinstance(child, CommentedSeq | CommentedMap) and len(child):
        inner = _trailing_comment_slot(child)
        if inner:
            return inner
    slot = node.ca.items.get(last)
    return (slot, pos) if slot and slot[pos] is not None else None


def _append_keeping_comments(seq: Any, item: Any) -> None:
    """Append ``item`` to a block sequence; full-line comments that followed the old last
    item (they belong to what comes next) move below the new item."""
    from ruamel.yaml.comments import CommentedMap

    slot = _trailing_comment_slot(seq)
    seq.append(item)
    if slot is None:
        return
    holder, index = slot
    token = holder[index]
    value = token.value
    nl = value.find("\n")
    tail = value[nl + 1 :] if nl >= 0 else ""
    if not tail.strip():
        return
    token.value = value[: nl + 1]
    moved = copy.copy(token)
    moved.value = "\n" + tail
    if isinstance(item, CommentedMap):
        item.ca.items[list(item.keys())[-1]] = [None, None, moved, None]
    else:
        seq.ca.items[len(seq) - 1] = [moved, None, None, None]


def _scalar(value: Any) -> Any:
    """``value`` as it is to be written: a string with a character that YAML would read
    back as something else in a plain or single-quoted scalar (a control or format
    character, NEL, a line or paragraph separator) in double quotes, where it is escaped;
    anything else as it is, for the dumper to quote as it needs."""
    if isinstance(value, str) and any(
        unicodedata.category(c) in _ESCAPED_CATEGORIES or c == "\x85" for c in value
    ):
        from ruamel.yaml.scalarstring import DoubleQuotedScalarString

        return DoubleQuotedScalarString(value)
    return value


_ESCAPED_CATEGORIES: Final = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _new_item(fields: dict[str, Any], existing: Any) -> Any:
    """A list item (a variant or a source) in the style of its neighbours ``existing``: its
    ``text`` alone as a plain string, unless they are all mappings; else a mapping of
    ``fields`` in their order, in flow style ({text: ..., lang: ...}) if theirs are."""
    from ruamel.yaml.comments import CommentedMap

    if list(fields) == ["text"] and not (existing and all(isinstance(v, dict) for v in existing)):
        return _scalar(fields["text"])
    item = CommentedMap((name, _scalar(value)) for name, value in fields.items())
    if any(isinstance(v, CommentedMap) and v.fa.flow_style() for v in existing or ()):
        item.fa.set_flow_style()
    return item


def _source_key(item: Any) -> tuple[str | None, str | None]:
    """(text, url) of a source as written: a string, or a mapping with text and/or url."""
    if isinstance(item, dict):
        text, url = item.get("text"), item.get("url")
        return (None if text is None else str(text), None if url is None else str(url))
    return (str(item), None)


def add_variant(
    path: str | Path,
    entry_id: str,
    text: str,
    *,
    source: str | None = None,
    source_url: str | None = None,
    **fields: Any,
) -> AddedVariant:
    """Append the spelling ``text`` to entry ``entry_id`` in the glossary at ``path`` (a
    file, or a folder searched for the file holding the id).

    ``fields`` are optional variant fields (:data:`VARIANT_FIELDS`: ``lang``, ``script``,
    ``case_sensitive``...); ``None`` and ``False`` values are left out. Without fields the
    variant is written as a plain string, unless the entry's variants are all mappings.
    ``source`` (a citation) and/or ``source_url``, where the spelling is attested, are
    appended to the entry's ``sources`` in the same edit, unless that source is already
    listed. Raises :class:`InputError` — code ``unknown-id``, ``duplicate-variant``,
    ``unknown-field``, ``empty-variant``, ``empty-source``, ``unsafe-roundtrip`` or
    ``yaml-syntax`` — without touching the file.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
    >>> _ = p.write_text('''entries:
    ...   - id: raqqa
    ...     canonical: Raqqa
    ...     type: place
    ...     variants: [Rakka]
    ... ''')
    >>> print(add_variant(p, "raqqa", "Raqa", source="An atlas, 2015"))  # doctest: +ELLIPSIS
    /...g.yaml:5: added 'Raqa' to raqqa with its source
    >>> print(p.read_text(), end="")
    entries:
      - id: raqqa
        canonical: Raqqa
        type: place
        variants: [Rakka, Raqa]
        sources:
          - An atlas, 2015
    """
    unknown = sorted(set(fields) - set(VARIANT_FIELDS))
    if unknown:
        raise _problem(
            path,
            f"unknown variant field(s): {', '.join(unknown)}",
            hint=f"known fields: {', '.join(VARIANT_FIELDS)}",
            code="unknown-field",
        )
    clean = {k: v for k, v in fields.items() if v is not None and v is not False}
    text = text.strip()
    if not text:
        raise _problem(path, "the variant text is empty", code="empty-variant")
    source = None if source is None else source.strip()
    source_url = None if source_url is None else source_url.strip()
    if source == "" or source_url == "":
        raise _problem(
            path,
            "the source is empty",
            hint="give a citation with --source, a link with --source-url, or leave both out",
            code="empty-source",
        )
    file = find_entry(path, entry_id)
    original = _read(file)
    y, data = _detect_style(original, file)
    entry = dict(_entries(data))[entry_id]
    line = int(entry.lc.line) + 1 if hasattr(entry, "lc") else 1
    if text in _variant_texts(entry):
        raise _problem(
            file,
            f"{text!r} is already a spelling of {entry_id}",
            code="duplicate-variant",
            line=line,
        )
    before = to_plain(data)
    variants = entry.get("variants")
    item = _new_item({"text": text} | {k: clean[k] for k in VARIANT_FIELDS if k in clean},
                     variants)
    if variants is None:
        from ruamel.yaml.comments import CommentedSeq

        keys = list(entry.keys())
        pos = keys.index("canonical") + 1 if "canonical" in keys else len(keys)
        entry.insert(pos, "variants", CommentedSeq([item]))
    else:
        _append_keeping_comments(variants, item)
    given = None if source is None and source_url is None else (source, source_url)
    sources = entry.get("sources")
    appended = given is not None and given not in map(_source_key, sources or ())
    if appended:
        new_source = _new_item({k: v for k, v in (("text", source), ("url", source_url))
                                if v is not None}, sources)
        if sources is None:
            from ruamel.yaml.comments import CommentedSeq

            seq = CommentedSeq([new_source])
            if entry.fa.flow_style():
                seq.fa.set_flow_style()
            entry.insert(list(entry.keys()).index("variants") + 1, "sources", seq)
        else:
            _append_keeping_comments(sources, new_source)
    new_text = _dump(y, data)
    _check_same_data(before, new_text, file, entry_id, text, inserted=variants is None,
                     source=given if appended else None, source_created=sources is None)
    if detect_newline(original) == "\r\n":
        new_text = new_text.replace("\n", "\r\n")
    _check_no_new_problems(file, original, new_text)
    atomic_write_text(file, new_text)
    line = _line_of_variant(y, new_text, entry_id, file)
    said = None if given is None else "added" if appended else "already listed"
    return AddedVariant(str(file), entry_id, text, line, said)


def _check_same_data(
    before: Any,
    new_text: str,
    file: Path,
    entry_id: str,
    text: str,
    *,
    inserted: bool,
    source: tuple[str | None, str | None] | None = None,
    source_created: bool = False,
) -> None:
    """Refuse the edit unless the new text, read back, is the old data plus the new
    variant, spelled ``text`` (and the new ``source``, (text, url), when one was added;
    ``source_created``: with the ``sources`` list that holds it)."""
    after = _load(_yaml(), new_text, file)
    entry = dict(_entries(after)).get(entry_id)
    ok = entry is not None and _variant_texts(entry)[-1:] == [text]
    if ok and source is not None:
        assert entry is not None
        sources = entry.get("sources")
        ok = isinstance(sources, list) and bool(sources) and _source_key(sources[-1]) == source
        if ok:
            assert isinstance(sources, list)
            del sources[len(sources) - 1]
            if source_created:
                del entry["sources"]
    if ok:
        assert entry is not None
        variants = entry["variants"]
        del variants[len(variants) - 1]
        if inserted:
            del entry["variants"]
        ok = to_plain(after) == before
    if not ok:
        raise _problem(
            file,
            "cannot be edited safely: the edit would change other data",
            hint=f"run 'translitnorm glossary fmt {file}' and try again",
            code="unsafe-roundtrip",
        )


def _validation_errors(file: Path, text: str) -> tuple[list[tuple[str, str]], list[Problem]]:
    """The loader's errors for ``text`` as if it were ``file`` (keys without positions)."""
    from translitnorm.loader import validate_paths

    fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=f".{file.stem}.", suffix=file.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
        problems = [p for p in validate_paths(tmp) if p.severity == "error"]
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    fixed = [
        replace(
            p,
            message=p.message.replace(tmp, str(file)),
            location=replace(p.location, file=str(file)) if p.location else None,
        )
        for p in problems
    ]
    return [(p.code, p.message) for p in fixed], fixed


def _check_no_new_problems(file: Path, original: str, new_text: str) -> None:
    """Refuse an edit that makes the loader report an error the file did not have."""
    before, _ = _validation_errors(file, original)
    after, problems = _validation_errors(file, new_text)
    remaining = list(before)
    for key, problem in zip(after, problems, strict=True):
        if key in remaining:
            remaining.remove(key)
            continue
        hint = f"{problem.hint}; nothing was written" if problem.hint else "nothing was written"
        raise InputError([replace(problem, hint=hint)])


def _line_of_variant(y: Any, text: str, entry_id: str, file: Path) -> int:
    data = _load(y, text, file)
    entry = dict(_entries(data))[entry_id]
    variants = entry["variants"]
    try:
        return int(variants.lc.item(len(variants) - 1)[0]) + 1
    except (AttributeError, KeyError, TypeError):
        return int(entry.lc.line) + 1


def format_text(text: str, *, path: str | Path = "<text>") -> str:
    """``text`` (a glossary YAML document) in the standard layout: 2-space mappings, list
    items indented under their key, comments, key order and quoting kept, no line wrapping.

    >>> print(format_text("entries:\\n- id: raqqa    # city\\n  canonical: 'Raqqa'\\n"), end="")
    entries:
      - id: raqqa  # city
        canonical: 'Raqqa'
    """
    y = _yaml()
    data = _load(y, _normalize_nl(text), Path(path))
    out = _dump(y, data)
    if to_plain(_load(_yaml(), out, Path(path))) != to_plain(data):
        raise _problem(path, "formatting would change the data", code="unsafe-roundtrip")
    if detect_newline(text) == "\r\n":
        out = out.replace("\n", "\r\n")
    return out


def format_file(path: str | Path, check: bool = False) -> bool:
    """Normalize the layout of a glossary file (see :func:`format_text`); with ``check``
    only report. Returns True if the file changed (or would change).

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
    >>> _ = p.write_text("entries:\\n- id: x\\n")
    >>> format_file(p, check=True), format_file(p), format_file(p)
    (True, True, False)
    """
    file = Path(path)
    original = _read(file)
    formatted = format_text(original, path=file)
    if formatted == original:
        return False
    if not check:
        atomic_write_text(file, formatted)
    return True
