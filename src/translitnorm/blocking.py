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
>>> block = blocks.get("f:um:4")
>>> list(block), block["umar"], blocks.get("p:shashana")["shishani"], blocks.get("f:xx:9")
(['umar'], [(1, 0, 2)], [(1, 1, 2)], None)
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator
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
    """The compact blocking tables of ``ix``, as builtin values (see :class:`Blocks`):
    the size base of the packed refs, the words and the block keys (NUL-joined), the
    arrays block -> words and word -> refs (start offsets, then the flat values), and their
    typecode: int32 where the packed refs fit in it (half the cache and memory of int64),
    else int64.

    >>> from translitnorm.model import Entry, Glossary
    >>> from translitnorm.index import build_index
    >>> tables = build_blocking(build_index(Glossary(entries=(
    ...     Entry(id="r", canonical="Raqqa", type="place"),))))
    >>> tables[1], tables[2]
    ('raka', 'p:raka\\x00f:ra:4')
    """
    vt = ix.packed_tokens()  # (one pass: left packed for the scan)
    size_base = ix.max_tokens + 1  # more than the words of any fuzzy-matchable variant
    # every value is below the largest packed ref (variant numbers, then counts of words
    # and refs, which are far fewer than variants times size_base squared)
    code = "i" if len(vt) * size_base * size_base < 1 << 31 else "q"
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
                refs_of.append(array(code))
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
    block_start = array(code, [0])
    block_words = array(code)
    for m in members:
        block_words.extend(m)
        block_start.append(len(block_words))
    ref_start = array(code, [0])
    refs = array(code)
    for r in refs_of:
        refs.extend(r)
        ref_start.append(len(refs))
    return (size_base, "\x00".join(words), "\x00".join(block_no), block_start.tobytes(),
            block_words.tobytes(), ref_start.tobytes(), refs.tobytes(), code)


class _Block(dict[str, list[Ref]]):
    """One block: iterating, ``len``, ``block[word]`` and :meth:`packed` are all it offers
    (the scanner reads a word's refs packed; ``block[word]`` unpacks them into a list).
    (The dict itself stays empty: its words are read from the flat tables.)"""

    def __init__(self, owner: Blocks, first: int, last: int) -> None:
        super().__init__()
        self._owner = owner
        self._first = first
        self._last = last
        self._words: list[str] | None = None

    def word_list(self) -> list[str]:
        """The block's words in order, as a list made on first use (a scan compares every
        new word of text with the words of a few blocks)."""
        words = self._words
        if words is None:
            words = self._words = list(self)
        return words

    def __len__(self) -> int:
        return self._last - self._first

    def __iter__(self) -> Iterator[str]:
        words = self._owner.words
        return (words[w] for w in self._owner.block_words[self._first:self._last])

    def __getitem__(self, word: str) -> list[Ref]:
        return list(self._owner.unpack(self.packed(word)))

    def packed(self, word: str) -> memoryview:
        """The refs of one of the block's words, packed (see :meth:`Blocks.unpack`)."""
        return self._owner.packed_refs(self._owner.word_no(word))

    def packed_at(self, i: int) -> memoryview:
        """The refs of the block's word number ``i`` (in :meth:`word_list` order), packed."""
        if not 0 <= i < self._last - self._first:
            raise IndexError("block word number out of range")
        return self._owner.packed_refs(self._owner.block_words[self._first + i])


class Blocks(dict[str, _Block]):
    """The blocking index as a mapping: block key -> word -> refs, read from the flat
    tables without copying them (only :meth:`get` is offered, what the scanner uses)."""

    def __init__(self, tables: tuple[object, ...]) -> None:
        super().__init__()
        size_base, words, keys, block_start, block_words, ref_start, refs, code = tables
        assert isinstance(size_base, int) and isinstance(words, str) and isinstance(keys, str)
        assert isinstance(block_start, bytes) and isinstance(block_words, bytes)
        assert isinstance(ref_start, bytes) and isinstance(refs, bytes)
        assert code in ("i", "q")
        self.typecode: str = code
        """The typecode of the packed refs (``array(typecode)`` holds them)."""
        self._base = size_base
        self.words = words.split("\x00") if words else []
        self._word_no: dict[str, int] | None = None
        self._block_no = dict(zip(keys.split("\x00"), count())) if keys else {}
        self._block_start = memoryview(block_start).cast(code)
        self.block_words = memoryview(block_words).cast(code)
        self._ref_start = memoryview(ref_start).cast(code)
        self._refs = memoryview(refs).cast(code)

    def get(self, key: str, default: None = None) -> _Block | None:  # type: ignore[override]
        found = dict.get(self, key)
        if found is not None:
            return found
        b = self._block_no.get(key)
        if b is None:
            return default
        block = _Block(self, self._block_start[b], self._block_start[b + 1])
        self[key] = block  # concurrent first calls store equal blocks
        return block

    def word_no(self, word: str) -> int:
        """The number of a word of the tables (KeyError for others)."""
        if self._word_no is None:
            self._word_no = dict(zip(self.words, count()))
        return self._word_no[word]

    def packed_refs(self, w: int) -> memoryview:
        """Where word ``w`` stands, as packed ints read in place (nothing is made)."""
        return self._refs[self._ref_start[w]:self._ref_start[w + 1]]

    def unpack(self, packed: Iterable[int]) -> Iterator[Ref]:
        """The ``(variant, position, size)`` refs of packed ints, one at a time."""
        base = self._base
        square = base * base
        for r in packed:
            yield r // square, r // base % base, r % base

    def in_longer(self, packed: Iterable[int]) -> Iterator[int]:
        """The packed refs of ``packed`` that stand in a variant of two or more words."""
        base = self._base
        return (r for r in packed if r % base > 1)


def blocks_of(ix: Index) -> Blocks:
    """The blocking index of ``ix``; the flat tables are built on first use and kept in
    ``ix.blocking`` (so the cache can store them)."""
    if not ix.blocking:
        ix.blocking = build_blocking(ix)
    return Blocks(ix.blocking)
