"""The blocking index of phonetic and fuzzy matching, in a compact form.

For each word of 4+ letters of a fuzzy-matchable variant, two blocks hold it: its phonetic
form (``p:`` + :func:`~translitnorm.fold.phonetic_token`) and its first two letters with
its length (``f:ra:4``). A block maps each of its words, in first-seen order, to where the
word stands: ``(variant, position of the word, number of words)``, in variant order.

Held as a few flat arrays (built once, on first use, and stored in the on-disk cache with
the index), and expanded into that mapping one block at a time, when a text word first asks
for it: a scan only ever looks at the blocks of the words in its text.

>>> from translitnorm.index import build_index
>>> from translitnorm.model import Entry, Glossary
>>> ix = build_index(Glossary(entries=(Entry(id="r", canonical="ar-Raqqah", type="place"),
...                                    Entry(id="s", canonical="Umar Shishani", type="person"))))
>>> blocks = blocks_of(ix)
>>> blocks.get("f:um:4"), blocks.get("p:shashana")
({'umar': [(1, 0, 2)]}, {'shishani': [(1, 1, 2)]})
"""

from __future__ import annotations

import re
from array import array
from itertools import compress, count
from typing import Final

from translitnorm.index import Index

Ref = tuple[int, int, int]
"""(variant, position of the word in the variant, number of words of the variant)."""

_VOWEL_RUNS: Final = re.compile("[aeiou]{2,}")
_VOWELS: Final = str.maketrans("eiou", "aaaa")


def _phonetic_forms(words: list[str]) -> list[str]:
    """phonetic_token of each word, at once: a run of 2+ vowels is "aa", one vowel "a"
    (so the runs first, then the single vowels; "aa" stays "aa"); other scripts unchanged."""
    flags = list(map(str.isascii, words))
    out = list(words)
    ascii_words = list(compress(words, flags))
    if ascii_words:
        joined = _VOWEL_RUNS.sub("aa", "\n".join(ascii_words)).translate(_VOWELS)
        it = iter(joined.split("\n"))
        out = [next(it) if f else w for w, f in zip(words, flags, strict=True)]
    return out


def build_blocking(ix: Index) -> tuple[object, ...]:
    """The compact blocking tables of ``ix``, as builtin values (see :class:`Blocks`)."""
    vt = ix.all_tokens()
    size_base = ix.max_tokens + 1  # more than the words of any fuzzy-matchable variant
    word_no: dict[str, int] = {}
    words: list[str] = []
    refs_of: list[array[int]] = []  # (arrays: a tenth of the memory of lists of ints)
    for v in compress(range(len(vt)), ix.v_fuzzy):
        toks = vt[v].split(" ")
        size = len(toks)
        base = v * size_base * size_base + size
        for pos, tok in enumerate(toks):
            if len(tok) < 4:
                continue
            w = word_no.get(tok)
            if w is None:
                w = word_no[tok] = len(words)
                words.append(tok)
                refs_of.append(array("q"))
            refs_of[w].append(base + pos * size_base)
    block_no: dict[str, int] = {}
    members: list[list[int]] = []
    phonetic = _phonetic_forms(words)
    for w, (tok, phon) in enumerate(zip(words, phonetic, strict=True)):
        for key in ("p:" + phon, f"f:{tok[:2]}:{len(tok)}"):
            b = block_no.get(key)
            if b is None:
                b = block_no[key] = len(members)
                members.append([])
            members[b].append(w)
    block_start = array("q", [0])
    block_words = array("q")
    for m in members:
        block_words.extend(m)
        block_start.append(len(block_words))
    ref_start = array("q", [0])
    refs = array("q")
    for r in refs_of:
        refs.extend(r)
        ref_start.append(len(refs))
    return (size_base, "\x00".join(words), "\x00".join(block_no), block_start.tobytes(),
            block_words.tobytes(), ref_start.tobytes(), refs.tobytes())


class Blocks(dict[str, dict[str, list[Ref]]]):
    """The blocking index as a mapping: block key -> word -> refs, each block expanded from
    the flat tables the first time :meth:`get` asks for it (only ``get`` is lazy)."""

    def __init__(self, tables: tuple[object, ...]) -> None:
        super().__init__()
        size_base, words, keys, block_start, block_words, ref_start, refs = tables
        assert isinstance(size_base, int) and isinstance(words, str) and isinstance(keys, str)
        self._base = size_base
        self._words = words.split("\x00") if words else []
        self._block_no = dict(zip(keys.split("\x00"), count())) if keys else {}
        self._expanded: dict[int, list[Ref]] = {}
        self._tables = []
        for raw in (block_start, block_words, ref_start, refs):
            assert isinstance(raw, bytes)
            a = array("q")
            a.frombytes(raw)
            self._tables.append(a)

    def get(self, key: str, default: None = None) -> dict[str, list[Ref]] | None:  # type: ignore[override]
        found = dict.get(self, key)
        if found is not None:
            return found
        b = self._block_no.get(key)
        if b is None:
            return default
        block_start, block_words, _, _ = self._tables
        words = self._words
        block = {words[w]: self._refs(w) for w in block_words[block_start[b]:block_start[b + 1]]}
        self[key] = block  # concurrent first calls store equal blocks
        return block

    def _refs(self, w: int) -> list[Ref]:
        """Where word ``w`` stands; one list for both blocks of the word (never changed)."""
        got = self._expanded.get(w)
        if got is None:
            _, _, ref_start, refs = self._tables
            base = self._base
            square = base * base
            got = self._expanded[w] = [(r // square, r // base % base, r % base)
                                       for r in refs[ref_start[w]:ref_start[w + 1]]]
        return got


def blocks_of(ix: Index) -> Blocks:
    """The blocking index of ``ix``; the flat tables are built on first use and kept in
    ``ix.blocking`` (so the cache can store them)."""
    if not ix.blocking:
        ix.blocking = build_blocking(ix)
    return Blocks(ix.blocking)
