"""The YAML layer: read one glossary file into small position-carrying nodes.

PyYAML's own loaders lose positions, silently keep the last of two equal mapping keys
and expand aliases (the "billion laughs" attack). This module instead pulls the raw
*event* stream from libyaml (``yaml.CSafeLoader``, or the pure-Python ``SafeLoader``
when libyaml is missing) and builds its own nodes, so that:

* every node knows its 1-based line and column;
* a repeated key is reported (at the second occurrence, naming the first's line);
* an alias (``*name``) is reported and never expanded, so no input can blow up;
* explicit tags other than the plain YAML types (``!!python/object`` ...) are refused;
* non-string keys are reported;
* the items of one chosen top-level list (``entries``) are handed to a callback one by
  one and then dropped, so a 100 000-entry file never exists as one big tree.

Bytes are checked before parsing: a size cap, strict UTF-8 (a BOM is fine) and no
characters that YAML forbids, each reported at its exact line and column.

>>> doc = read_yaml(b"name: demo\\nentries:\\n- id: a\\n", "g.yaml")
>>> doc.problems
[]
>>> doc.root.items["name"][1].value
'demo'
>>> [item.items["id"][1].value for item in doc.root.items["entries"][1].items]
['a']
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from translitnorm.errors import Problem
from translitnorm.model import Location

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when available; never an unsafe loader."""

MAX_DEPTH = 64
"""Deepest nesting of lists/mappings accepted (glossaries need about 5)."""

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(
    _TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")
)
_MAP_TAG = _TAG + "map"
_SEQ_TAG = _TAG + "seq"
_MERGE_TAG = _TAG + "merge"
_STR_TAG = _TAG + "str"

# Characters YAML forbids anywhere in a stream (YAML 1.1 "printable" complement).
_UNPRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


_C0_NAMES = (
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BACKSPACE", "TAB",
    "LINE FEED", "VT", "FORM FEED", "CARRIAGE RETURN", "SO", "SI", "DLE", "DC1", "DC2",
    "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESCAPE", "FS", "GS", "RS", "US",
)  # fmt: skip


@dataclass(slots=True)
class YScalar:
    """A scalar: its Python value (``str``, ``int``, ``bool``, ``None``, dates ...).

    ``plain`` is true for an unquoted scalar, whose type YAML guessed from its text
    (``raw``): ``no`` is ``False``, ``1.0`` a float, ``~`` null.
    """

    value: Any
    line: int
    column: int
    plain: bool = False
    raw: str = ""


@dataclass(slots=True)
class YMap:
    """A mapping with string keys, in file order: key -> (key scalar, value node)."""

    line: int
    column: int
    items: dict[str, tuple[YScalar, YNode]] = field(default_factory=dict)


@dataclass(slots=True)
class YSeq:
    """A sequence. ``streamed`` lists had their items passed to a callback instead."""

    line: int
    column: int
    items: list[YNode] = field(default_factory=list)
    streamed: bool = False


@dataclass(slots=True)
class YBad:
    """A placeholder for something already reported (an alias, an unsupported tag)."""

    line: int
    column: int


YNode = YScalar | YMap | YSeq | YBad


@dataclass(slots=True)
class Document:
    """The result of :func:`read_yaml`: the root node (``None`` if unusable) and problems."""

    root: YNode | None
    problems: list[Problem]
    empty: bool = False


def kind_of(node: YNode, *, show_raw: bool = True) -> str:
    """A human name for a node's YAML type, for messages.

    >>> kind_of(YScalar(False, 1, 1, plain=True, raw="no"))
    'a boolean (no)'
    >>> kind_of(YScalar(None, 1, 1, plain=True, raw=""))
    'empty'
    >>> kind_of(YSeq(1, 1))
    'a list'
    """
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    if isinstance(node, YBad):
        return "an invalid value"
    v = node.value
    if v is None:
        return "null" if node.raw else "empty"
    if isinstance(v, str):
        return "a string"
    if isinstance(v, bool):
        kind = "a boolean"
    elif isinstance(v, int | float):
        kind = "a number"
    else:
        kind = f"a {type(v).__name__}"
    return f"{kind} ({node.raw})" if show_raw and node.plain and node.raw else kind


def to_python(node: YNode) -> Any:
    """Plain Python data for a node (used for ``x-`` extension fields).

    >>> to_python(YSeq(1, 1, [YScalar("a", 1, 2), YScalar(1, 1, 5)]))
    ['a', 1]
    """
    if isinstance(node, YScalar):
        return node.value
    if isinstance(node, YSeq):
        return [to_python(x) for x in node.items]
    if isinstance(node, YMap):
        return {k: to_python(v) for k, (_, v) in node.items.items()}
    return None


def char_name(ch: str) -> str:
    """``U+0007 (BEL)``-style description of a character for messages.

    >>> char_name("\\t")
    'U+0009 (TAB)'
    >>> char_name("\\u00e9")
    'U+00E9 (LATIN SMALL LETTER E WITH ACUTE)'
    """
    code = ord(ch)
    if code < 0x20:
        name = _C0_NAMES[code]
    elif code == 0x7F:
        name = "DELETE"
    elif code == 0x85:
        name = "NEXT LINE"
    else:
        name = unicodedata.name(ch, "")
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def _bad_char_problem(text: str, pos: int, label: str) -> Problem:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    ch = text[pos]
    if unicodedata.category(ch) == "Cc":
        return Problem(
            Location(label, line, column),
            f"control character {char_name(ch)} in the file",
            hint="delete it; a glossary file may only contain printable text, "
            "tabs and line breaks",
            code="control-character",
        )
    return Problem(
        Location(label, line, column),
        f"character {char_name(ch)} is not allowed in a YAML file",
        hint="delete it, or write it as an escape (\"\\u....\") inside a double-quoted string",
        code="bad-character",
    )


def check_bytes(data: bytes, label: str) -> list[Problem]:
    """Problems with the raw bytes: not UTF-8, or characters YAML forbids.

    Reports the first bad byte (with its line and column, counted in characters).

    >>> [str(p) for p in check_bytes(b"ok: 1\\nbad: \\xff\\n", "g.yaml")]  # doctest: +ELLIPSIS
    ["g.yaml:2:6: the file is not valid UTF-8: byte 0xFF at offset 11; ..."]
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        start = e.start
        line_start = data.rfind(b"\n", 0, start) + 1
        line = data.count(b"\n", 0, start) + 1
        column = len(data[line_start:start].decode("utf-8", "replace")) + 1
        return [
            Problem(
                Location(label, line, column),
                f"the file is not valid UTF-8: byte 0x{data[start]:02X} at offset {start}",
                hint="save the file as UTF-8 (in most editors: 'Save with encoding' > UTF-8)",
                code="not-utf8",
            )
        ]
    if text.startswith("\ufeff"):  # a UTF-8 byte order mark is fine (and not counted)
        text = text[1:]
    m = _UNPRINTABLE.search(text)
    if m is None:
        return []
    return [_bad_char_problem(text, m.start(), label)]


class _Frame:
    __slots__ = ("column", "key", "line", "node", "skip")

    def __init__(self, node: YMap | YSeq | None, line: int, column: int) -> None:
        self.node = node  # None: a too-deep collection whose content is discarded
        self.key: YScalar | bool | None = None  # pending key; False: skip the next value
        self.skip = node is None
        self.line = line
        self.column = column


def _loc(label: str, line: int, column: int) -> Location:
    return Location(label, line, column)


def _syntax_hint(problem: str) -> str:
    p = problem.lower()
    if "mapping values are not allowed" in p:
        return "a value containing ': ' must be quoted, e.g. text: \"Battle: Aleppo\""
    if "cannot start any token" in p and "\\t" in p:
        return "indent with spaces, not tabs"
    if "found character '\\t'" in p or "tab" in p:
        return "indent with spaces, not tabs"
    if "block end" in p or "indentation" in p or "expected <block end>" in p:
        return "check the indentation: items of one list or mapping must line up"
    if "could not find expected ':'" in p or "simple key" in p:
        return "each mapping line needs 'key: value' (with a space after the colon)"
    if "unclosed" in p or "end of stream" in p or "quoted scalar" in p:
        return "a quote or bracket is not closed"
    return "check the quoting and indentation around this position"


def read_yaml(
    data: bytes,
    label: str,
    *,
    stream_key: str | None = None,
    on_item: Callable[[YNode], None] | None = None,
) -> Document:
    """Parse one YAML document from UTF-8 ``data``; ``label`` names the file in locations.

    If ``stream_key`` and ``on_item`` are given and the root is a mapping whose
    ``stream_key`` value is a list, each item of that list is passed to ``on_item`` as
    soon as it is complete and is not kept (the list node comes back empty with
    ``streamed=True``). Never raises for bad input: everything wrong is in
    ``Document.problems``.

    >>> doc = read_yaml(b"a: 1\\na: 2\\n", "g.yaml")
    >>> [(p.code, str(p.location)) for p in doc.problems]
    [('duplicate-key', 'g.yaml:2:1')]
    >>> read_yaml(b"a: &x [1]\\nb: *x\\n", "g.yaml").problems[0].code
    'yaml-alias'
    """
    problems = check_bytes(data, label)
    if problems:
        return Document(None, problems)
    loader = _Loader(data)
    try:
        return _compose(loader, label, problems, stream_key, on_item)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = _loc(label, mark.line + 1, mark.column + 1) if mark is not None else None
        what = e.problem or e.context or "invalid YAML"
        if e.context and e.problem:
            what = f"{e.context}, {e.problem}"
        problems.append(
            Problem(where, f"YAML syntax error: {what}", hint=_syntax_hint(what),
                    code="yaml-syntax")
        )
        return Document(None, problems)
    except yaml.YAMLError as e:  # pragma: no cover - reader errors are pre-checked
        problems.append(
            Problem(_loc(label, 1, 1), f"YAML error: {e}",
                    hint="check that this is a YAML file", code="yaml-syntax")
        )
        return Document(None, problems)
    finally:
        loader.dispose()


def _compose(
    loader: Any,
    label: str,
    problems: list[Problem],
    stream_key: str | None,
    on_item: Callable[[YNode], None] | None,
) -> Document:
    resolve = loader.resolve
    constructors = loader.yaml_constructors
    implicit_first = loader.yaml_implicit_resolvers  # first character -> resolvers
    plain_needs_resolving = None in implicit_first  # a wildcard resolver: always resolve
    get_event = loader.get_event
    stack: list[_Frame] = []
    root: YNode | None = None
    have_root = False
    documents = 0
    alias_seen = False
    depth_reported = False

    def scalar(event: Any) -> YScalar | YBad:
        mark = event.start_mark
        line, column = mark.line + 1, mark.column + 1
        value: str = event.value
        tag = event.tag
        plain = bool(event.implicit[0]) and tag is None
        if tag is None or tag == "!":
            if not event.implicit[0]:
                return YScalar(value, line, column, False, value)  # quoted: a string
            if value and value[0] not in implicit_first and not plain_needs_resolving:
                return YScalar(value, line, column, True, value)  # cannot be a bool, int...
            tag = resolve(yaml.ScalarNode, value, event.implicit)
        if tag in (_STR_TAG, _MERGE_TAG):
            # ('<<' merge keys only make sense with aliases, which are refused.)
            return YScalar(value, line, column, plain, value)
        if tag not in _SCALAR_TAGS:
            problems.append(
                Problem(_loc(label, line, column),
                        f"unsupported YAML tag {_short_tag(tag)}",
                        hint="remove the tag; glossary values are plain strings, numbers "
                        "and booleans", code="yaml-tag")
            )
            return YBad(line, column)
        node = yaml.ScalarNode(tag, value, mark, event.end_mark, event.style)
        try:
            converted = constructors[tag](loader, node)
        except (ValueError, TypeError, OverflowError, yaml.YAMLError):
            problems.append(
                Problem(_loc(label, line, column),
                        f"cannot read {value!r} as {_short_tag(tag)}",
                        hint="remove the tag or fix the value", code="yaml-tag")
            )
            return YBad(line, column)
        return YScalar(converted, line, column, plain, value)

    def add(node: YNode) -> None:
        nonlocal root, have_root
        if not stack:
            root, have_root = node, True
            return
        frame = stack[-1]
        parent = frame.node
        if parent is None:
            return
        if parent.__class__ is YSeq:
            assert isinstance(parent, YSeq)
            if parent.streamed and on_item is not None:
                on_item(node)
            else:
                parent.items.append(node)
            return
        assert isinstance(parent, YMap)
        key = frame.key
        if key is not None:  # this node is the value for the pending key
            frame.key = None
            if key is not False:
                assert isinstance(key, YScalar)
                parent.items[key.value] = (key, node)
            return
        if isinstance(node, YScalar) and isinstance(node.value, str):
            assert isinstance(node, YScalar)
            node.value = sys.intern(node.value)  # keys repeat in every entry
            previous = parent.items.get(node.value)
            if previous is None:
                frame.key = node
                return
            problems.append(
                Problem(_loc(label, node.line, node.column),
                        f"duplicate key {node.value!r} (first at line {previous[0].line})",
                        hint="remove one of them; YAML keeps only one value per key",
                        code="duplicate-key")
            )
        elif not isinstance(node, YBad):
            is_text = isinstance(node, YScalar) and node.plain and node.raw
            shown = repr(node.raw) if isinstance(node, YScalar) and node.raw else kind_of(node)
            hint = (f'put the key in quotes: "{node.raw}":' if isinstance(node, YScalar)
                    and is_text else "keys must be plain strings")
            problems.append(
                Problem(_loc(label, node.line, node.column),
                        f"key {shown} is {kind_of(node, show_raw=False)}, not a string",
                        hint=hint, code="non-string-key")
            )
        frame.key = False  # skip the value that follows

    while True:
        event = get_event()
        cls = event.__class__
        if cls is yaml.ScalarEvent:
            add(scalar(event))
        elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
            is_map = cls is yaml.MappingStartEvent
            mark = event.start_mark
            line, column = mark.line + 1, mark.column + 1
            tag = event.tag
            if tag not in (None, "!", _MAP_TAG if is_map else _SEQ_TAG):
                problems.append(
                    Problem(_loc(label, line, column),
                            f"unsupported YAML tag {_short_tag(tag)}",
                            hint="remove the tag", code="yaml-tag")
                )
            if (stack and stack[-1].skip) or len(stack) >= MAX_DEPTH:
                if not depth_reported and not (stack and stack[-1].skip):
                    depth_reported = True
                    problems.append(
                        Problem(_loc(label, line, column),
                                f"nesting deeper than {MAX_DEPTH} levels",
                                hint="flatten this value", code="too-deep")
                    )
                stack.append(_Frame(None, line, column))
                continue
            new: YMap | YSeq
            if is_map:
                new = YMap(line, column)
            else:
                top_key = stack[0].key if len(stack) == 1 else None
                streamed = (
                    on_item is not None
                    and isinstance(top_key, YScalar)  # so the parent is the root mapping
                    and top_key.value == stream_key
                )
                new = YSeq(line, column, streamed=streamed)
            stack.append(_Frame(new, line, column))
        elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
            frame = stack.pop()
            if frame.node is not None:
                add(frame.node)
            elif not stack or not stack[-1].skip:
                add(YBad(frame.line, frame.column))
        elif cls is yaml.AliasEvent:
            line, column = _pos(event)
            if not alias_seen:
                alias_seen = True
                problems.append(
                    Problem(_loc(label, line, column),
                            f"YAML alias *{event.anchor} is not supported",
                            hint="write the value out in full; anchors (&) and aliases (*) "
                            "are refused so that a file cannot expand without limit",
                            code="yaml-alias")
                )
            add(YBad(line, column))
        elif cls is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                line, column = _pos(event)
                problems.append(
                    Problem(_loc(label, line, column),
                            "a glossary file must hold one YAML document, found a second",
                            hint="remove the '---' line, or split the file in two",
                            code="multiple-documents")
                )
                break
        elif event is None or cls is yaml.StreamEndEvent:
            break
        # StreamStartEvent, DocumentEndEvent: nothing to do
    if not have_root or (isinstance(root, YScalar) and root.value is None and root.raw == ""):
        return Document(None, problems, empty=True)
    return Document(root, problems)


def _pos(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return int(mark.line) + 1, int(mark.column) + 1


def _short_tag(tag: str | None) -> str:
    if tag is None:
        return "!"
    if tag.startswith(_TAG):
        return "!!" + tag[len(_TAG):]
    return tag
