"""An on-disk cache of compiled glossaries, so large glossaries load in a blink.

Parsing a 100k-entry YAML glossary takes many seconds; loading its compiled index from
the cache takes a fraction of one. The cache key is a hash of every glossary file's path,
size and modification time plus the package version, so editing any file (or upgrading)
makes a fresh compile. The index is stored with :mod:`marshal` (builtin types only, the
fastest loader in the standard library); the glossary entries themselves are stored with
:mod:`pickle` and read only when something asks for them (definitions for HTML output).

Writes are atomic (temporary file, then rename); a damaged or unreadable cache file is
ignored and rebuilt.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> g = d / "g.yaml"
>>> _ = g.write_text("entries:\\n- {id: raqqa, canonical: Raqqa, type: place, definition: A city.,"
...                  " variants: [Rakka]}\\n", encoding="utf-8")
>>> m1 = cached_matcher(g, cache_dir=d / "cache")   # compiles and stores
>>> m2 = cached_matcher(g, cache_dir=d / "cache")   # loads the stored index
>>> m2.annotate("in ar-Raqqah")[0].id, m2.glossary.get("raqqa").definition
('raqqa', 'A city.')
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import os
import pickle
import tempfile
from array import array
from collections.abc import Iterable, Sequence
from pathlib import Path

from translitnorm.blocking import blocks_of
from translitnorm.index import Index
from translitnorm.matcher import MatchConfig, Matcher
from translitnorm.model import Glossary
from translitnorm.packed import PackedStrings

FORMAT = 15
"""Bumped whenever the stored layout or the meaning of a stored table changes."""

_FIELDS = tuple(f.name for f in dataclasses.fields(Index))


def default_cache_dir() -> Path:
    """``$TRANSLITNORM_CACHE_DIR``, else ``$XDG_CACHE_HOME/translitnorm``, else
    ``~/.cache/translitnorm``."""
    env = os.environ.get("TRANSLITNORM_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "translitnorm"


def glossary_files(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """The YAML files behind glossary paths (folders expanded, sorted), for fingerprinting.

    >>> glossary_files([])
    []
    """
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml")))
        else:
            files.append(p)
    return files


def fingerprint(files: Sequence[Path], *, include_bundled: bool) -> str:
    """A hash of the files' absolute paths, sizes and modification times."""
    from translitnorm import __version__

    h = hashlib.sha256(f"{FORMAT}|{__version__}|{include_bundled}".encode())
    for f in files:
        st = f.stat()
        h.update(f"|{f.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:32]


_SEP = "\x00"
_WORDS = "words"  # the strings behind keys, prefixes and tokens, see dump_index
_PACKED = ("v_text", "entry_canonical")  # kept packed when loaded, see translitnorm.packed


def _free_of_separator(strings: Iterable[object]) -> bool:
    return all(isinstance(x, str) and _SEP not in x for x in strings)


def dump_index(index: Index) -> bytes:
    """The index as marshal bytes (builtin types only), laid out to load fast:

    * lists and sets of strings are one joined string each: splitting one string is much
      faster than reading half a million small ones;
    * ``keys``, ``prefixes`` and ``tokens`` share their strings: one joined list holds the
      keys (in order), then the other prefixes, then the other tokens; ``keys`` keeps its
      values and ``tokens`` the places of its words among the prefixes, so each string is
      made (and hashed) once;
    * a list with many repeats (entry types) stays a list: marshal stores a repeated
      string once and loads it as one shared object;
    * the variant texts and canonical forms, and the variant owners, load as one string
      each (:class:`~translitnorm.packed.PackedStrings`) and an int array: a scan reads
      only the few it reports, so it need not make half a million string objects; texts
      that are not all ASCII stay UTF-8 bytes, decoded one at a time when read (decoding
      the 100k glossary's 12 MB of variant texts took a tenth of a reload);
    * the lazily used sections (``v_tokens``, the blocking tables) stay packed until used.

    >>> from translitnorm.index import Index
    >>> ix = Index(v_text=["Raqqa", "ar-Raqqah"], keys={"raka": 0}, prefixes={"raka", "ra"},
    ...            tokens={"raka", "ar"})
    >>> back = load_index(dump_index(ix))
    >>> list(back.v_text), back.keys, sorted(back.prefixes), sorted(back.tokens)
    (['Raqqa', 'ar-Raqqah'], {'raka': 0}, ['ra', 'raka'], ['ar', 'raka'])
    """
    fields: dict[str, object] = {}
    keys, prefixes, tokens = index.keys, index.prefixes, index.tokens
    shared = keys.keys() <= prefixes and _free_of_separator(prefixes) \
        and _free_of_separator(tokens)
    for name in _FIELDS:
        value = getattr(index, name)
        if name == "v_tokens_packed" or (shared and name in ("keys", "prefixes", "tokens")):
            continue
        if name == "v_tokens_ends" and not index.v_tokens_packed:
            fields[name] = b""
        elif name == "v_tokens" and index.v_tokens_packed:
            fields["v_tokens_packed"] = index.v_tokens_packed
            fields["v_tokens"] = []
        elif name == "v_tokens" and len(value) > 1 and _free_of_separator(value):
            fields["v_tokens_packed"] = _SEP.join(value)  # unpacked on first use
            fields["v_tokens"] = []
        elif isinstance(value, array):
            fields[name] = ("array", value.typecode, value.tobytes())
        elif name in _PACKED:
            packed = value if isinstance(value, PackedStrings) else PackedStrings.pack(value)
            text, ends = packed.parts()
            if isinstance(text, str) and not packed.is_ascii():
                # loaded as bytes, not decoded: the scan decodes the few texts it reports
                text, ends = PackedStrings.pack(list(packed), utf8=True).parts()
            fields[name] = ("packed", text, ends)
        elif name == "v_entry" and not isinstance(value, array):
            fields[name] = ("array", "i", array("i", value).tobytes())
        elif isinstance(value, list) and value and len(set(value)) * 2 < len(value):
            seen: dict[object, object] = {}
            fields[name] = [seen.setdefault(x, x) for x in value]  # one object per value
        elif isinstance(value, (list, set)) and value and _free_of_separator(value):
            kind = "list" if isinstance(value, list) else "set"
            fields[name] = (kind, _SEP.join(value))
        else:
            fields[name] = value
    if shared:
        others = [p for p in prefixes if p not in keys]
        table = [*keys, *others]
        at = {w: i for i, w in enumerate(table)}
        fields[_WORDS] = (_SEP.join([*table, *(t for t in tokens if t not in prefixes)]),
                          len(keys), len(table))
        fields["keys"] = list(keys.values())
        fields["tokens"] = [at[t] for t in tokens if t in prefixes]
    return marshal.dumps(fields)


def load_index(data: bytes) -> Index:
    """The inverse of :func:`dump_index` (raises ValueError, EOFError, TypeError, KeyError
    or IndexError on damaged data)."""
    fields = marshal.loads(data)
    if not isinstance(fields, dict):
        raise TypeError("not a stored index")
    words = fields.pop(_WORDS, None)
    for name, value in fields.items():
        if isinstance(value, tuple) and len(value) == 2 and value[0] in ("list", "set"):
            parts = value[1].split(_SEP)
            fields[name] = parts if value[0] == "list" else set(parts)
        elif isinstance(value, tuple) and len(value) == 3 and value[0] == "array":
            fields[name] = array(value[1])
            fields[name].frombytes(value[2])
        elif isinstance(value, tuple) and len(value) == 3 and value[0] == "packed":
            fields[name] = PackedStrings(value[1], value[2])
    if words is not None:
        joined, n_keys, n_prefixes = words
        table = joined.split(_SEP) if joined else []
        values = fields["keys"]
        if len(values) != n_keys:
            raise ValueError("damaged keys")
        fields["keys"] = dict(zip(table, values, strict=False))
        fields["prefixes"] = set(table[:n_prefixes])
        tokens = set(map(table.__getitem__, fields["tokens"]))
        tokens.update(table[n_prefixes:])
        fields["tokens"] = tokens
    return Index(**fields)


class _LazyGlossary:
    """Reads the pickled glossary the first time it is needed."""

    def __init__(self, path: Path, paths: Sequence[str | os.PathLike[str]],
                 include_bundled: bool) -> None:
        self.path = path
        self.paths = list(paths)
        self.include_bundled = include_bundled

    def __call__(self) -> Glossary:
        try:
            with self.path.open("rb") as fh:
                glossary = pickle.load(fh)
            if isinstance(glossary, Glossary):
                return glossary
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            pass
        from translitnorm.loader import load_glossary

        return load_glossary(*self.paths, include_bundled=self.include_bundled)


def cached_matcher(
    *paths: str | os.PathLike[str],
    config: MatchConfig | None = None,
    include_bundled: bool = False,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Matcher:
    """A :class:`Matcher` for these glossary paths (none: the bundled glossary), compiled
    once and then loaded from the cache until any glossary file changes."""
    from translitnorm.bundled import bundled_glossary_path
    from translitnorm.loader import load_glossary

    sources: list[str | os.PathLike[str]] = list(paths)
    if not sources or include_bundled:
        sources = [bundled_glossary_path(), *sources]
    files = glossary_files(sources)
    try:
        key = fingerprint(files, include_bundled=include_bundled)
    except OSError:
        return Matcher(load_glossary(*paths, include_bundled=include_bundled), config)
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    index_file = folder / f"{key}.index"
    glossary_file = folder / f"{key}.glossary"
    try:
        index = load_index(index_file.read_bytes())
        lazy = _LazyGlossary(glossary_file, paths, include_bundled)
        return Matcher(lazy, config, index=index)
    except (OSError, ValueError, EOFError, TypeError, KeyError, IndexError):
        pass
    glossary = load_glossary(*paths, include_bundled=include_bundled)
    matcher = Matcher(glossary, config)
    if matcher.config.phonetic or matcher.config.fuzzy:
        blocks_of(matcher.index)  # the blocking tables go into the cache too
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _atomic_write(glossary_file, pickle.dumps(glossary, protocol=pickle.HIGHEST_PROTOCOL))
        _atomic_write(index_file, dump_index(matcher.index))
    except OSError:
        pass  # a read-only home is no reason to fail; we just compile next time too
    return matcher


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
