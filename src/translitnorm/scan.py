"""Finding glossary names in running text.

The text is split once into separator/token parts (:func:`translitnorm.tokenize.split_text`);
offsets come from part lengths. Each *distinct* token is analysed once and cached
(folded form, case-sensitive form, trims for possessives and Arabic proclitics). Only
tokens that can start a variant are looked at (first-token gating, done with C-level set
look-ups); from each, an n-gram grows while its joined folded form is a prefix of some key,
and the longest key wins (longest-leftmost, non-overlapping). Phonetic and fuzzy matches
are then looked for in the gaps, through a blocking index, never all-pairs.

In the exact+folded mode most of the text is never tokenized at all: it is cut into
slices and the slices on spaces (``str.split``); each distinct chunk is classified once
(nothing can happen there whatever the context, a window must be scanned, or that depends
on the next chunk, settled once per chain of chunks), the kinds of a slice's chunks come
from one C-level look-up (in the C chunk table of ``_chunkkinds.c`` where it is built,
else in a dict), and only windows around the few chunks that need one are
scanned, carrying the scan state from window to window (see :meth:`Scanner._scan_fast`).
In the phonetic+fuzzy mode a long text is scanned in pieces cut at sentence ends, only the
pieces with a word that can start something (see :meth:`Scanner._scan_all`). Property
tests check that both find exactly what a scan of the whole text finds.

>>> from translitnorm.model import Entry, Glossary
>>> from translitnorm.index import build_index
>>> ix = build_index(Glossary(entries=(Entry(id="raqqa", canonical="Raqqa", type="place"),)))
>>> scanner = Scanner(ix)
>>> [(m.start, m.end, m.text, m.method) for m in scanner.scan("In ar-Raqqah today.")]
[(3, 12, 'ar-Raqqah', 'folded')]
"""

from __future__ import annotations

import re
import threading
from array import array
from bisect import bisect_left
from collections.abc import Callable, Container, Iterable, Iterator
from functools import lru_cache
from itertools import accumulate, compress, islice, repeat
from operator import attrgetter, eq, itemgetter, methodcaller
from typing import TYPE_CHECKING, Final, NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import Indel

from translitnorm.accelerators import accelerator
from translitnorm.arabic_context import arabic_context_ok
from translitnorm.batchfold import fold_tokens
from translitnorm.blocking import Blocks, blocks_of
from translitnorm.fold import (
    fold_token,
    has_arabic_article,
    is_arabic_char,
    phonetic_token,
    proclitics_before_article,
)
from translitnorm.gc_pause import gc_paused
from translitnorm.index import Index, spelling_tokens, stem_key
from translitnorm.kunya import nominative
from translitnorm.records import Match, Method
from translitnorm.score import MIN_TOKEN_SIM, ordered_score
from translitnorm.shared_spellings import SharedSpellings
from translitnorm.stats import is_latin
from translitnorm.titles import KIN_WORDS, NAMING_WORDS, TITLES_AND_OFFICES
from translitnorm.tokenize import (
    _JOINERS,
    ARTICLES,
    SUN_ARTICLES,
    elision_length,
    name_tokens,
    plain,
    spaced_sun_article,
    split_text,
)
from translitnorm.wordlists import common_words, dictionary_words

if TYPE_CHECKING:
    from translitnorm._chunkkinds import ChunkTable

EXACT_SCORE: Final = 100.0
FOLDED_SCORE: Final = 97.0
INFLECTED_SCORE: Final = 93.0
FUZZY_CAP: Final = 95.0
SHORT_KEY: Final = 7
"""Variants whose joined folded key is shorter than this need a stricter fuzzy score."""
SHORT_THRESHOLD: Final = 92.0
MAX_CACHE: Final = 400_000

LOWER_NAME_PARTS: Final = frozenset(
    fold_token(w) for w in ("al", "el", "bin", "ibn", "ben", "bint", "abu", "abd", "umm", "wal",
                            "wa", "ad", "ud", "ul", "de", "da", "di")
)
"""Folded words that stay in lower case inside a name (bin, wal, ad-Din ...)."""
_WORD_BEFORE: Final = re.compile(r"(\w+)[ \t\-‐‑]{1,2}\Z")
_SEP_CHARS: Final = frozenset(" \t\u00a0-‐‑–_'’ʼ`\n\r")


class TokInfo(NamedTuple):
    """What the scanner knows about one distinct raw token."""

    folded: str
    cs: str
    start_trim: int
    end_trim: int
    article: int  # 0 no, 1 always an article (al), 2 an article when joined (as-)
    inflected: bool
    alt: tuple[str, ...] = ()  # the word's other readings: other glossary words that it is
    # an inflected form of too (German "Islamische" in "der Islamische Staat im Irak", where
    # "Islamische Front" is a variant too; Russian "Исламского" is a form of Исламский and
    # Исламское); tried where the words as read so far stop being a variant's start


def sep_ok(sep: str) -> bool:
    """Can this separator stand inside a name? (spaces, hyphens, one line break)

    >>> sep_ok(" "), sep_ok("-"), sep_ok(", "), sep_ok("\\n\\n")
    (True, True, False, False)
    """
    if sep == " " or sep == "-":
        return True
    return 0 < len(sep) <= 3 and sep.count("\n") <= 1 and all(c in _SEP_CHARS for c in sep)


_OneWordPlan = tuple[tuple[tuple[int, int], ...], tuple[tuple[float, int, Method], ...]]
"""Multi-word candidate shapes (position, size) of a word, and its one-word candidates."""


class _Group(NamedTuple):
    """The variants behind one ``keys``/``cs_keys`` value, as a scan uses them."""

    variants: list[int]
    entries: list[int]  # their distinct entries, in first-seen order
    exact: dict[str, int]  # variant text -> the first of them written so


class _Candidate(NamedTuple):
    score: float
    first: int
    last: int
    variant: int
    method: Method


def _chunk_table_type() -> type[ChunkTable] | None:
    """The C chunk-kind table (``_chunkkinds.c``, compiled at install where a compiler is
    at hand), or None: not built, or ``TRANSLITNORM_PURE_PYTHON`` set."""
    module = accelerator("_chunkkinds", 2)
    return None if module is None else module.ChunkTable


CHUNK_TABLE: type[ChunkTable] | None = _chunk_table_type()
"""The fast exact scan looks up its chunks' kinds in this C table when it is there (about
four times faster than splitting a slice and looking the chunks up in a dict), and in
:attr:`_Chunks.kind` otherwise; both give the same kinds."""


class _Chunks:
    """What the fast scan remembers about distinct chunks (replaced, never emptied)."""

    __slots__ = ("chain_table", "chains", "fuzzy", "fuzzy_table", "gate_only", "kind", "ntok",
                 "table")

    def __init__(self, table: type[ChunkTable] | None) -> None:
        self.ntok: dict[str, int] = {}  # chunk -> number of words
        self.kind: dict[str, int] = {}  # chunk -> _INERT, _MUST or _MAYBE
        self.chains: dict[str, int] = {}  # "chunk next ..." -> _INERT, _MUST or _MAYBE
        # chunk -> can a word of it start anything? (0/1, or _BESIDE_A_NAME)
        self.fuzzy: dict[str, int] = {}
        # the chunks of code 1 whose words start variants but have no phonetic/fuzzy
        # candidate: they start a piece only where the exact scan scans them
        self.gate_only: set[str] = set()
        # kind, chains and fuzzy in C (see CHUNK_TABLE)
        self.table = table() if table is not None else None
        self.chain_table = table() if table is not None else None
        self.fuzzy_table = table() if table is not None else None


_INERT: Final = 0
"""A chunk (or chain of chunks) that does nothing in a scan, whatever the context."""
_MUST: Final = 1
"""... that must be scanned in a window of the text."""
_MAYBE: Final = 2
"""... that does nothing or must be scanned, depending on the next chunk."""
_NEW: Final = 3
_MUST_AT: Final = re.compile(b"\x01")
_BESIDE_A_NAME: Final = 2
"""(Fuzzy code) a chunk of one word of the language whose candidates are all in longer
variants: it starts a piece only where a word that a window can take stands beside it."""
_FUZZY_AT: Final = re.compile(b"[\x01\x02]")
_MAYBE_AT: Final = re.compile(b"\x02")
_UNSETTLED: Final = frozenset({None, _MAYBE})
_LONGEST_CHAIN: Final = 6
_INFLECTED: Final = attrgetter("inflected")
_SLICE: Final = 1 << 13
"""Characters per slice of a fast scan: the chunks of a slice and the kind codes looked up
for them stay in the processor's caches (measured on 10 MB of text, slices of 8k rather
than 64k characters: 7% faster at 10k entries, 10% at 100k; phonetic/fuzzy unchanged)."""
_LEFT: Final = 18
_PIECE_MIN: Final = 1 << 14
_SENTENCE_CUT: Final = re.compile(r"[.!?] ")
_RIGHT: Final = 36
_SETTLED: Final = {False: _INERT, True: _MUST, None: _MAYBE}
_NEAR: Final = 0.6
"""The Indel similarity from which a word of a phonetic block is a fuzzy candidate."""
_NEAR_SPELLING: Final = MIN_TOKEN_SIM / 100
"""... a word of a spelling block (first letters and length). For words of 4+ letters,
``token_sim(a, b) >= MIN_TOKEN_SIM`` exactly when they sound alike (then it is 88 or more)
or their Indel similarity is this much (then it is that similarity, or more)."""
_BATCH_FOLD_MIN: Final = 8
"""New words of a scan folded in one batch (``batchfold.fold_tokens``) rather than one at a
time, from this many on."""
_GC_PAUSE_MIN: Final = 1 << 16
"""Texts of this many characters or more are scanned with the garbage collector paused."""


class Scanner:
    """Matches an :class:`~translitnorm.index.Index` against running text (thread-safe)."""

    def __init__(self, index: Index, *, phonetic: bool = True, fuzzy: bool = True,
                 threshold: float = 85.0) -> None:
        self.ix = index
        self.phonetic = phonetic
        self.fuzzy = fuzzy
        self.threshold = threshold
        self._lock = threading.Lock()
        self._info: dict[str, TokInfo] = {}
        self._has_german_stems: bool | None = None
        self._gate: set[str] = set()
        self._fz: dict[str, array[int]] = {}  # packed refs (Blocks.unpack reads them)
        self._fz_blocks: Blocks | None = None
        self._table_type = CHUNK_TABLE  # (tests make scanners without it)
        self._chunks = _Chunks(self._table_type)
        self._shared = SharedSpellings(index)
        self._fz_gate: set[str] = set()
        self._fz_plan: dict[str, _OneWordPlan] = {}
        self._groups: dict[int, _Group] = {}  # keys/cs_keys value -> its group (see _group)
        self._surnames: dict[int, frozenset[str]] = {}  # (see _surname_alone)

    def __getstate__(self) -> dict[str, object]:
        return {"ix": self.ix, "phonetic": self.phonetic, "fuzzy": self.fuzzy,
                "threshold": self.threshold}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(state["ix"], phonetic=state["phonetic"],  # type: ignore[misc]
                      fuzzy=state["fuzzy"], threshold=state["threshold"])

    # -- per-token analysis -------------------------------------------------------------

    def _analyze(self, raw: str, based: tuple[str, int, int],
                 folds: dict[str, str] | None) -> TokInfo:
        """What a scan needs to know about the token ``raw``, given ``_base(raw)`` (and, in
        ``folds``, the folded form of that base when it was worked out in a batch)."""
        ix = self.ix
        known = ix.tokens  # every folded token of every variant
        base, start_trim, end_trim = based
        folded = folds[base] if folds is not None else fold_token(base)
        inflected = False
        readings: tuple[str, ...] = ()  # (TokInfo.alt)
        arabic = not base.isascii() and any(map(is_arabic_char, base[:2]))
        before_article = proclitics_before_article(base) if arabic else 0
        start_trim += before_article  # the span starts at the article (والرقة, وللرقة)
        # the glossary words of this word's stem (an ASCII word has a stem key only for
        # German stems: see _german_stems)
        claims = _stem_claims(stem_key(base), ix.stems) \
            if folded and (not base.isascii() or self._german_stems()) else []
        if claims and base[-2:].lower() in _SURNAME_ENDINGS:
            # Асадов is a surname of its own more often than "of the Assads"
            claims = [c for c in claims if c == folded or not self._key_of_type(c, "person")]
        if folded and folded not in known and folded not in ix.prefixes:
            # not a glossary word as written: try plural, inflection, fused article, proclitic
            alt: str | None = None
            if claims:  # the first glossary word of that stem; the others later
                alt, *others = claims
                readings = tuple(others)
            if alt is None and folded.isascii() and folded.endswith("s") and len(folded) >= 5:
                # English plural: Emirs, Taghuts, mujahideens (never a 3-letter stem, and a
                # 4-letter one only for a term: Hamas is not a plural of Hama)
                for cut in (1, 2):
                    stem = folded[:-cut]
                    if stem in known and (len(stem) >= 5 or (
                            len(stem) == 4 and self._key_of_type(stem, "term"))) \
                            and (cut == 1 or folded.endswith("es")):
                        alt = stem
                        break
            if alt is None and len(base) >= 5 and base[:2].lower() in ("al", "el"):
                cand = fold_token(base[2:])
                if cand in known:
                    alt = cand
            if alt is None:
                alt = _known(nominative(folded), known)  # Abi/Aba: Abu in another case
            if alt is None and arabic and "\u064b" in base[-2:] and folded[-1:] == "ا":
                # the accusative's tanwin and alif (أميراً); never a bare final alif, which
                # belongs to many names (حلبا is not حلب)
                alt = _known(folded[:-1], known)
            if alt is None and arabic and len(base) >= 3 and base[0] in "وبلكف":
                # a proclitic joined to the word, or two (wa-li-): و[ل]أبي
                for cut in (1, 2) if base[1] in "لبك" and base[0] in "وف" else (1,):
                    cand = fold_token(base[cut:])
                    alt = _known(cand, known) or _known(nominative(cand), known)
                    if alt is not None:
                        # (a tatweel drawing the proclitic out goes with it: بـحمص)
                        cut += base[cut:cut + 1] == "\u0640"
                        start_trim += max(0, cut - before_article)
                        break
            if alt is not None:
                folded = alt
                inflected = True
        elif claims:
            readings = tuple(t for t in claims if t != folded)
        if end_trim:
            # the possessive may belong to the name: People's Protection Units
            whole = fold_token(raw[start_trim:])
            if whole != folded and whole in ix.prefixes:
                readings += (whole,)
        low = plain(raw[elision_length(raw):])  # French d'al-Bab: the article is "al"
        article = 1 if low in ARTICLES else 2 if low in SUN_ARTICLES else 0
        return TokInfo(folded, base, start_trim, end_trim, article, inflected, readings)

    def _german_stems(self) -> bool:
        """Does the stems table hold German stems (of ``lang: de`` variants)? Only then can
        a word in ASCII have another reading (worked out once)."""
        has = self._has_german_stems
        if has is None:
            has = self._has_german_stems = any(
                map(methodcaller("startswith", "de:"), self.ix.stems))
        return has

    def _prepare(self, toks: list[str]) -> dict[str, TokInfo]:
        info = self._info
        new = set(toks).difference(info)
        if new:
            with self._lock:
                if len(info) + len(new) > MAX_CACHE:
                    info.clear()
                    self._gate.clear()
                    self._fz.clear()
                    self._fz_gate.clear()
                    self._fz_plan.clear()
                    # what it knows about chunks assumed their words
                    self._chunks = _Chunks(self._table_type)
                    new = set(toks)
                prefixes = self.ix.prefixes
                cs_prefixes = self.ix.cs_prefixes
                news = list(new)
                based = list(map(_base, news))
                # many new words: their bases folded in one batch (see batchfold)
                folds = fold_tokens(b for b, _, _ in based) \
                    if len(news) >= _BATCH_FOLD_MIN else None
                for raw, b in zip(news, based, strict=True):
                    ti = self._analyze(raw, b, folds)
                    info[raw] = ti
                    if ti.folded in prefixes or ti.cs in cs_prefixes \
                            or (ti.alt and any(map(prefixes.__contains__, ti.alt))):
                        self._gate.add(raw)
        return info

    # -- the scan -----------------------------------------------------------------------

    def scan(self, text: str) -> list[Match]:
        """All matches in ``text``, sorted by start, non-overlapping. (The garbage
        collector is paused while a long text is scanned: see :mod:`translitnorm.gc_pause`.)"""
        if len(text) < _GC_PAUSE_MIN:
            found = self._scan(text)
        else:
            with gc_paused():
                found = self._scan(text)
        if self.ix.v_shared and found:
            found = self._shared.settle(text, found)
        return found

    def _scan(self, text: str) -> list[Match]:
        if not (self.phonetic or self.fuzzy):
            return self._scan_fast(text)
        return self._scan_all(text)

    def _learn(self, chunks: list[str]) -> _Chunks:
        """Analyse the chunks (space-separated pieces of text) not seen before: their word
        count, their words, and what they do in a scan (see :meth:`_settle`)."""
        cc = self._chunks
        new = set(chunks).difference(cc.kind)
        if len(cc.kind) + len(new) > MAX_CACHE:
            with self._lock:  # a new object: a scan running in another thread keeps its own
                cc = self._chunks = _Chunks(self._table_type)
            new = set(chunks)
        split = [(chunk, split_text(chunk)) for chunk in new]
        self._prepare([tok for _, parts in split for tok in parts[1::2]])
        if self._chunks is not cc:  # the word cache was emptied: start again with all
            cc = self._chunks
            split = [(chunk, split_text(chunk)) for chunk in set(chunks)]
            self._prepare([tok for _, parts in split for tok in parts[1::2]])
        gate = self._gate
        table = cc.table
        for chunk, parts in split:
            toks = parts[1::2]
            cc.ntok[chunk] = len(toks)
            kind = _INERT
            if any(t in gate for t in toks):
                kind = _SETTLED[self._settle(parts, len(toks))]
            cc.kind[chunk] = kind
            if table is not None:
                table.set(chunk, kind)
        return cc

    def _settle(self, parts: list[str], own: int) -> bool | None:
        """What the first ``own`` words of ``parts`` do in a scan that reaches them with
        nothing consumed, whatever stands before them: ``False``, nothing (no variant starts
        there, or only ordinary words that are rejected in any context: "how" is not Huoo);
        ``True``, something that depends on the context (a window must be scanned);
        ``None``, that depends on what follows ``parts``."""
        toks = parts[1::2]
        seps = parts[0::2]
        info = self._info
        gate = self._gate
        n = len(toks)
        open_end = seps[n] == "" or sep_ok(seps[n] + " ")  # can a name go on past parts?
        next_free = 0
        for p in range(own):
            if p < next_free or toks[p] not in gate:
                continue
            hit, reach = self._longest(toks, seps, info, p, n)
            word = toks[p][info[toks[p]].start_trim:]
            if hit is not None and not word[:1].islower():
                return True  # a variant starts here, longer or not: only the context decides
            if reach and open_end:
                return None
            if hit is None:
                continue
            last, value, _, case_sensitive, _ = hit
            if case_sensitive or last >= own:
                return True
            group = self._group(value)
            if p < last and self._lower_start(toks, p, last, group):
                continue  # (as in _run: whatever the context)
            if not self._ordinary(toks, group, p, last, word, False, None, 0):
                return True  # (or accepted in a line written in lower case)
            next_free = last + 1  # rejected whatever the context (lower case: no sentence start)
        return False

    def _chain(self, cc: _Chunks, chunks: list[str], k: int) -> tuple[bool, int]:
        """Must the chunk ``k``, which depends on what follows it, be scanned? And how many
        chunks from ``k`` decided it. (Chains of chunks are settled once, in ``cc``.)
        ``chunks`` holds at least :data:`_LONGEST_CHAIN` chunks after ``k`` unless it ends
        the text."""
        own = cc.ntok[chunks[k]]
        n = len(chunks)
        size = 2
        while True:
            chain = " ".join(chunks[k:k + size])
            kind = cc.chains.get(chain)
            if kind is None:
                parts = split_text(chain)
                self._prepare(parts[1::2])
                kind = _SETTLED[self._settle(parts, own)]
                if len(cc.chains) < MAX_CACHE:
                    cc.chains[chain] = kind
                    if cc.chain_table is not None:
                        cc.chain_table.set(chain, kind)
            if kind != _MAYBE:
                return kind == _MUST, size
            if k + size >= n or size >= _LONGEST_CHAIN:
                return True, size  # (at the end of the text a window is exact)
            size += 1

    def _codes(self, cc: _Chunks, text: str, a: int, b: int, fuzzy: bool) -> tuple[
            _Chunks, bytes, memoryview | None, list[str]]:
        """The codes of the chunks of ``text[a:b]``: their kinds (:attr:`_Chunks.kind`) or,
        with ``fuzzy``, whether they can start anything (:attr:`_Chunks.fuzzy`). From the C
        table where there is one, with where each chunk starts (and ``b + 1``), else from
        the dict, with the chunks. Chunks not seen before are learnt on the way, which may
        replace ``cc``: the ``_Chunks`` to go on with comes first."""
        learn = self._learn_fuzzy if fuzzy else self._learn
        table = cc.fuzzy_table if fuzzy else cc.table
        if table is not None:
            codes, offsets = table.kinds(text, a, b)
            if _NEW in codes:  # chunks not seen before: learn them, then look again
                cc = learn(text[a:b].split(" "))
                table = cc.fuzzy_table if fuzzy else cc.table
                assert table is not None  # (a new _Chunks has one too: _table_type)
                codes, offsets = table.kinds(text, a, b)
            chains = cc.chain_table
            if not fuzzy and chains is not None and _MAYBE in codes:
                # chunks that depend on the next ones, settled where a chain is known
                codes = chains.settle(text, codes, offsets, _LONGEST_CHAIN)
            return cc, codes, memoryview(offsets).cast("q"), []
        chunks = text[a:b].split(" ")
        try:
            codes = _kinds(cc.fuzzy if fuzzy else cc.kind, chunks)  # one C-level pass
        except KeyError:
            cc = learn(chunks)
            codes = _kinds(cc.fuzzy if fuzzy else cc.kind, chunks)
        return cc, codes, None, chunks

    def _scan_fast(self, text: str) -> list[Match]:
        """Exact and folded matching without touching most of the text in Python.

        The text is cut into slices of about :data:`_SLICE` characters at spaces, and each
        slice into chunks at spaces: the C table (:data:`CHUNK_TABLE`) gives each chunk's
        kind and start without making a string of it; without it, ``str.split(" ")`` makes
        the chunks and one C-level dict pass gives their kinds (small slices keep the chunk
        objects in the processor cache and reuse their memory). Each distinct chunk is
        analysed once (:meth:`_learn`): most hold no word that can start a variant, or only
        ordinary words that are rejected in any context; some depend on the next chunk (a
        chain of chunks is settled once and remembered); the few others are scanned, each in
        a window of the text with enough words of context on both sides (see
        :meth:`_windows`). Gives the same matches as the exact stage of a full scan.
        """
        todo = self._exact_todo(text)
        if todo is None:  # a cache filled up on the way: the words of the first slices may be gone
            return [m for m, _ in self._exact(text)[0]]
        if not todo:
            return []
        try:
            return self._windows(text, todo, self._chunks.ntok)
        except KeyError:  # the word cache was emptied by another thread on the way
            return [m for m, _ in self._exact(text)[0]]

    def _exact_todo(self, text: str) -> list[tuple[int, str]] | None:
        """Where the fast exact scan must scan a window (see :meth:`_scan_fast`): the
        offset and text of each chunk to scan, in order; None where a cache filled up on
        the way."""
        todo: list[tuple[int, str]] = []  # (offset, chunk) of the chunks to scan, in order
        size = len(text)
        cursor = 0
        a = 0
        cc = first_cc = self._chunks
        while a < size:
            core_end = text.find(" ", a + _SLICE)
            if core_end < 0:
                core_end = size
            end = core_end
            extra = 0
            while end < size and extra <= _LONGEST_CHAIN:  # chunks that decide the last ones
                end = text.find(" ", end + 1)
                if end < 0:
                    end = size
                extra += 1
            cc, codes, starts, chunks = self._codes(cc, text, a, end, fuzzy=False)
            n = len(codes)
            core = n - extra
            at_end = end >= size
            mine = [(m.start(), 1) for m in _MUST_AT.finditer(codes, 0, core)]
            maybe = [m.start() for m in _MAYBE_AT.finditer(codes, 0, core)]
            if maybe and maybe[-1] == n - 1:
                mine.append((maybe.pop(), 1))  # the last chunk: nothing follows it, scan it
            if maybe:
                if starts is None:
                    at = chunks.__getitem__
                    pairs = list(map(" ".join, zip(map(at, maybe),
                                                   map(at, map((1).__add__, maybe)),
                                                   strict=True)))
                else:
                    pairs = [text[starts[k]:starts[k + 2] - 1] for k in maybe]
                kinds = list(map(cc.chains.get, pairs))
                mine.extend((k, 2) for k in compress(maybe, map(eq, kinds, repeat(_MUST))))
                for i in compress(range(len(kinds)), map(_UNSETTLED.__contains__, kinds)):
                    k = maybe[i]
                    if starts is None:
                        need, chain = self._chain(cc, chunks, k)
                    else:  # the chunks that can decide it (see _chain)
                        stop = starts[min(n, k + _LONGEST_CHAIN + 1)] - 1
                        need, chain = self._chain(cc, text[starts[k]:stop].split(" "), 0)
                    if need:
                        mine.append((k, chain))
                mine.sort()
            if starts is not None:  # (the C table says where each chunk starts)
                todo.extend((starts[k], text[starts[k]:starts[k + 1] - 1]) for k, _ in mine)
            else:
                for k, chain in mine:
                    # where chunk k starts: the next place where the chunks that decided it
                    # stand (no chunk between the last one and it holds them, or it would be
                    # in todo)
                    if k == 0:
                        pos = a
                    elif at_end and k + chain >= n:
                        pos = size - len(" ".join(chunks[k:]))
                    elif chain == 1:
                        pos = text.index(" " + chunks[k] + " ", cursor) + 1
                    else:
                        pos = text.index(" " + " ".join(chunks[k:k + chain]) + " ", cursor) + 1
                    cursor = pos + len(chunks[k])
                    todo.append((pos, chunks[k]))
            a = core_end + 1
        return None if self._chunks is not first_cc else todo

    def _windows(self, text: str, todo: list[tuple[int, str]],
                 ntok: dict[str, int]) -> list[Match]:
        """Scan the chunks ``todo`` (offset, chunk) in windows of ``text``: three words of
        left context (articles, sentence starts), room on the right (widened when a decision
        needs words past the end), carrying the scan state (where the last match or
        rejected span ended) from window to window."""
        size = len(text)
        found: list[Match] = []
        info = self._info  # every word of the text is in it (see _learn)
        consumed = 0  # words that start before this offset are inside a settled span
        tried = 0  # chunks that start before this offset are done
        for pos, chunk in todo:
            if pos < tried:
                continue
            behind = _LEFT
            ahead = _RIGHT
            while True:
                start = pos - behind
                start = 0 if start <= 0 else text.rfind(" ", 0, start) + 1
                end = pos + len(chunk) + ahead
                end = size if end >= size else text.find(" ", end)
                if end < 0:
                    end = size
                parts = split_text(text[start:end])
                offs = list(accumulate(map(len, parts), initial=start))  # offset of each part
                before = bisect_left(offs, pos) // 2  # the words before the chunk
                if before < 3 and start > 0:
                    behind *= 2
                    continue
                next_free = bisect_left(offs, consumed) // 2 if consumed > start else 0
                run = self._run(text, parts, info, offs.__getitem__, 0, next_free, before,
                                before + ntok[chunk] - 1, end >= size)
                if run is not None:
                    break
                ahead *= 2  # a decision needed more words than the window holds
            hits, _, last_free, stop = run
            found.extend(m for m, _ in hits)
            if last_free > next_free:
                consumed = offs[2 * last_free]  # the end of the last word taken
            tried = offs[2 * stop + 2]
        return found

    def _scan_all(self, text: str) -> list[Match]:
        """Exact and folded matches, then phonetic and fuzzy ones in the gaps.

        A long text is scanned in pieces: the sentences that hold a word which can start
        a variant or a phonetic/fuzzy candidate (see :meth:`_pieces`); the others cannot
        hold a match. Gives the same matches as a scan of the whole text."""
        if len(text) < _PIECE_MIN:
            return self._scan_whole(text)
        found: list[Match] = []
        todo = self._exact_todo(text)
        scanned = None if todo is None else set(map(itemgetter(0), todo))
        for a, b in self._pieces(text, scanned):
            for m in self._scan_whole(text[a:b]):
                found.append(Match(m.start + a, m.end + a, m.text, m.id, m.canonical, m.type,
                                   m.variant, m.method, m.score, m.candidates))
        return found

    def _pieces(self, text: str, scanned: set[int] | None = None) -> list[tuple[int, int]]:
        """The pieces of ``text`` (start, end; in order, apart) that hold a chunk with a
        word that can start a variant or a phonetic/fuzzy candidate, each cut at sentence
        ends (:meth:`_cut_before`, :meth:`_cut_after`) where nothing reaches across. (A
        chunk that is one word of the language with candidates in longer variants only
        counts where a word a window can take stands beside it: :meth:`_name_beside`. A
        chunk whose words start variants but have no candidate counts only where the
        fast exact scan scans it, if ``scanned`` holds the offsets of the chunks it
        scans: elsewhere no exact match starts there, whatever the context.)"""
        pieces: list[tuple[int, int]] = []
        size = len(text)
        cc = self._chunks
        cursor = 0
        piece_end = -1
        a = 0
        while a < size:
            end = text.find(" ", a + _SLICE)
            if end < 0:
                end = size
            cc, codes, starts, chunks = self._codes(cc, text, a, end, fuzzy=True)
            last = len(codes) - 1
            for m in _FUZZY_AT.finditer(codes):
                k = m.start()
                if starts is not None:
                    pos = starts[k]
                    length = starts[k + 1] - 1 - pos
                else:
                    chunk = chunks[k]
                    length = len(chunk)
                    if k == 0:
                        pos = a
                    elif k == last and end == size:
                        pos = size - len(chunk)
                    else:  # all chunks equal to it are visited here: the next one is it
                        pos = text.index(" " + chunk + " ", cursor) + 1
                    cursor = pos + len(chunk)
                if pos < piece_end:
                    continue
                if codes[k] == _BESIDE_A_NAME and not self._name_beside(text, pos, length):
                    continue
                if scanned is not None and pos not in scanned \
                        and text[pos:pos + length] in cc.gate_only:
                    continue
                start = self._cut_before(text, pos, piece_end)
                stop = self._cut_after(text, pos)
                if pieces and start <= piece_end:
                    pieces[-1] = (pieces[-1][0], stop)
                else:
                    pieces.append((start, stop))
                piece_end = stop
            a = end + 1
        return pieces

    def _name_beside(self, text: str, pos: int, length: int) -> bool:
        """Could a phonetic/fuzzy window take a word next to the chunk ``text[pos:pos +
        length]``: the last word of the chunk before it or the first of the chunk after
        it? A window's words are capitalised, or particles and articles in lower case (see
        :func:`_window`). Erring on the safe side, a word not analysed yet counts, and so
        does an empty chunk (two spaces)."""
        info = self._info
        after = pos + length + 1
        if after <= len(text):
            end = text.find(" ", after)
            toks = split_text(text[after:] if end < 0 else text[after:end])[1::2]
            if not toks or _may_be_in_a_name(toks[0], info.get(toks[0])):
                return True
        if pos > 0:
            start = text.rfind(" ", 0, pos - 1) + 1
            toks = split_text(text[start:pos - 1])[1::2]
            if not toks or _may_be_in_a_name(toks[-1], info.get(toks[-1])):
                return True
        return False

    def _learn_fuzzy(self, chunks: list[str]) -> _Chunks:
        """Note, for the chunks not seen before, whether a word of theirs can start a
        variant or a phonetic/fuzzy candidate (1; in ``gate_only`` too if none has a
        candidate), or the chunk is one word of the language whose candidates are all in
        longer variants (:data:`_BESIDE_A_NAME`)."""
        cc = self._chunks
        table = cc.fuzzy_table
        for chunk in set(chunks).difference(cc.fuzzy):
            toks = split_text(chunk)[1::2]
            info = self._prepare(toks)
            gate = self._gate
            candidates = any(len(self._fuzzy_candidates(t, info[t])) for t in toks)
            code = int(candidates or any(t in gate for t in toks))
            if code and not candidates:
                cc.gate_only.add(chunk)
            elif code and len(toks) == 1 and toks[0] not in gate \
                    and _of_the_language(toks[0]):
                code = _BESIDE_A_NAME  # (its candidates: in longer variants only)
            cc.fuzzy[chunk] = code
            if table is not None:
                table.set(chunk, code)
            if self._chunks is not cc:  # the word cache was emptied: start again
                return self._learn_fuzzy(chunks)
        return cc

    def _cut_before(self, text: str, x: int, floor: int = -1) -> int:
        """The last place at or before ``x`` where the text may be cut (or 0): after a
        sentence end (". " and the like), which no name, candidate or word a guard looks
        at reaches across (an article does not join a word after one: "al. Raqqa").
        Only a place after ``floor`` is looked for (the end of the last piece: a place at
        or before it makes no difference); without one, ``floor`` is returned. (A text
        without "!" or "?" is otherwise searched back to its start for each piece.)"""
        lo = max(0, floor - 1)  # a ". " that starts here ends after floor
        i = max(text.rfind(". ", lo, x), text.rfind("! ", lo, x), text.rfind("? ", lo, x))
        if i < 0:
            return 0 if lo == 0 else floor
        return i + 2

    def _cut_after(self, text: str, x: int) -> int:
        """The first place after ``x`` where the text may be cut (or its end)."""
        m = _SENTENCE_CUT.search(text, x)
        return len(text) if m is None else m.end()

    def _scan_whole(self, text: str) -> list[Match]:
        """Exact and folded matches over the whole ``text``, then phonetic and fuzzy ones
        in the gaps."""
        exact, toks, seps, info, spans, offsets = self._exact(text)
        found = [m for m, _ in exact]
        n = len(toks)
        if n:
            fuzzy = list(self._scan_fuzzy(text, toks, seps, info, spans, offsets))
            # a longer fuzzy match may settle an ambiguous (or open) exact one inside it;
            # an ambiguous one left unsettled after a capitalised unknown word belongs to
            # someone else, and so does an open one (a surname alone after a capitalised
            # word: "Akhmad Kadyrov" is not Ramzan Kadyrov unless a longer name says so,
            # as the exact-only scan, which rejects it outright, has it)
            open_tok = bytearray(n)
            for a, b, is_open in spans:
                if is_open:
                    open_tok[a:b + 1] = b"\x01" * (b - a + 1)
            found = [m for m, p in exact
                     if not (open_tok[p] and (m.id is not None or any(
                         f.start <= m.start and m.end <= f.end for f in fuzzy)))
                     and not (m.id is None and self._after_unknown_name(text, m.start, fuzzy))]
            found.extend(fuzzy)
            found.sort(key=lambda m: m.start)
        return found

    def _after_unknown_name(self, text: str, start: int, fuzzy: list[Match]) -> bool:
        m = _WORD_BEFORE.search(text, max(0, start - 60), start)
        if m is None:
            return False
        word = m.group(1)
        if any(f.start <= m.start(1) < f.end for f in fuzzy):
            return False
        lead = text[max(0, m.start(1) - 4):m.start(1)].rstrip(" \t«“\"'(")
        if not lead or lead[-1] in _SENTENCE_END:
            return False  # a capital at the start of a sentence says nothing
        return _capitalised(word) and word.lower() not in common_words()

    def _exact(self, text: str) -> tuple[
            list[tuple[Match, int]], list[str], list[str], dict[str, TokInfo],
            list[tuple[int, int, bool]], _Offsets]:
        """Exact and folded matches over the whole text (with the token that started each,
        an article before it aside) and the token state."""
        parts = split_text(text)
        toks = parts[1::2]
        info = self._prepare(toks)
        seps = parts[0::2]  # seps[k] stands before toks[k]; seps[k + 1] after it
        offsets = _Offsets(parts)
        if not toks:
            return [], toks, seps, {}, [], offsets
        run = self._run(text, parts, info, offsets.at, 0, 0, 0, len(toks) - 1, True)
        assert run is not None  # a complete text never needs more words
        return run[0], toks, seps, info, run[1], offsets

    def _run(self, text: str, parts: list[str], info: dict[str, TokInfo],
             at: Callable[[int], int], base: int, next_free: int, first: int, stop: int,
             complete: bool) -> tuple[
            list[tuple[Match, int]], list[tuple[int, int, bool]], int, int] | None:
        """The exact stage over ``parts``, a split piece of ``text`` (its words analysed;
        ``at`` gives the offset in ``text`` of a part, ``base`` is added to the match
        offsets): variants are tried from the words ``first`` to ``stop``, the words before
        ``next_free`` being taken already; ``stop`` moves to the end of the chunk where a
        match (or rejected span) ends. Returns the matches, the settled spans,
        ``next_free`` and ``stop`` at the end; or None when ``parts`` is not ``complete``
        (the rest of ``text`` follows) and a decision needed words beyond its end."""
        toks = parts[1::2]
        seps = parts[0::2]
        n = len(toks)
        found: list[tuple[Match, int]] = []
        spans: list[tuple[int, int, bool]] = []
        gate = self._gate
        ix = self.ix
        groups = self._groups
        for p in compress(range(first, n), map(gate.__contains__, islice(toks, first, None))):
            if p > stop:
                break
            if p < next_free:
                continue
            hit, reach = self._longest(toks, seps, info, p, n)
            if reach and not complete:
                return None
            if hit is None:
                continue
            last, value, key, case_sensitive, by_inflection = hit
            if last + 2 >= n and not complete:
                return None  # the guards look at the two words after
            group = groups.get(value) or self._group(value)
            if last > p and toks[p][:1].islower() and not case_sensitive \
                    and self._lower_start(toks, p, last, group):
                continue  # not a name that starts here; the next word may start one
            if case_sensitive and _looks_like_headline(toks, seps, p, last, gate):
                spans.append((p, last, False))
                continue
            start_tok = p
            if p >= 1 and p - 1 >= next_free:
                ti = info[toks[p - 1]]
                if ti.article and _is_article(ti, seps[p]):
                    start_tok = p - 1
            ti = info[toks[p]]
            word = toks[p][ti.start_trim:] if ti.start_trim else toks[p]  # (trimmed: d'Alep)
            ok = not (key in ix.needs_article and start_tok == p
                      and not has_arabic_article(toks[p])) \
                and self._context_ok(toks, seps, group, p, last, start_tok, word, text, at)
            if not ok:
                # "Bab al-Salama" is not al-Bab; "Abdul-Karim al-Shishani" is someone else:
                # keep these words away from the fuzzy stage too
                spans.append((start_tok, last, False))
            else:
                start = at(2 * start_tok + 1) + info[toks[start_tok]].start_trim
                end = at(2 * last + 1) + len(toks[last]) - info[toks[last]].end_trim
                inflected = by_inflection or ti.inflected or (last > p and any(
                    map(_INFLECTED, map(info.__getitem__, islice(toks, p + 1, last + 1)))))
                match = self._make(text, start, end, group, inflected, base)
                found.append((match, p))
                spans.append((start_tok, last, match.id is None or ok == _OPEN))
            next_free = last + 1
            if last > stop:  # the next words of that chunk are decided here too
                stop = last
                while stop + 1 < n and " " not in seps[stop + 1]:
                    stop += 1
        return found, spans, next_free, stop

    def _context_ok(self, toks: list[str], seps: list[str], group: _Group, p: int,
                    last: int, first: int, word: str, text: str,
                    at: Callable[[int], int]) -> int:
        """Precision guards that look at the words around a match of the words ``p`` to
        ``last`` (``first``: ``p`` or the article before it; ``word``: word ``p`` without
        a trimmed elision or proclitic). False: rejected; True: a match; :data:`_OPEN`: a
        match that a longer phonetic/fuzzy one around it replaces.

        * no name stands in a user name or an e-mail address (``@levant_notes``);
        * a lower-case ordinary word that only folds like a name is that word ("made" is
          not "Madha"), unless it is spelled as a variant in a line written in lower case
          ("hearing that daesh took palmyra": see :func:`_case_blind_sentence`; ``text`` and
          ``at``, the offset in ``text`` of a part, say where the words stand);
        * after a kinship word, a one-word name is a person's ("my niece Isis");
        * a term written with a capital between capitalised words is part of a personal
          name ("Jihad Haddad", "Abu Jihad");
        * a surname shared by several entries, or a person's surname alone, right after a
          capitalised word that is not part of the match (nor a title or an office:
          "President Assad"), belongs to someone else ("Abdul-Karim al-Shishani", "Jasem
          Emwazi").
        """
        sep = seps[first]
        if sep != " " and (sep[-1:] == "@" or (sep in _HANDLE_JOINERS and first > 0
                                               and _in_handle(seps, first - 1))):
            return False  # a user name or an e-mail address: @levant_notes, info@raqqa.net
        ix = self.ix
        entries = group.entries
        head = word[:1]
        # (a capital after an elision is the name's own: l'Observatoire opens no sentence)
        opening = head.isupper() and len(word) == len(toks[p]) and _sentence_start(seps, p)
        if (opening or head.islower()) and self._ordinary(toks, group, p, last, word, opening,
                                                          text, at(2 * p + 1)):
            return False  # "made" is not Madha, "how to" is not Huto, "How" not Huoo
        n = len(toks)
        sep = seps[first]
        before = toks[first - 1] if first > 0 and (sep == " " or sep_ok(sep)) else ""
        sep = seps[last + 1] if last + 1 < n else ""
        after = toks[last + 1] if last + 1 < n and (sep == " " or sep_ok(sep)) else ""
        if _all_of_type(ix, entries, "term") and is_latin(word) \
                and not any(map(is_latin, group.exact)):
            return False  # a term is a word of its language: Latin text does not reach it
            # through a romanized Russian form ("Khalifa" is not халифат, "Ansari" not ансары)
        if p == last and before and before.casefold() in KIN_WORDS \
                and not _all_of_type(ix, entries, "person"):
            return False  # "my niece Isis": someone's name (one word: a given name)
        if not head.isascii() and is_arabic_char(head):
            if p == last and has_arabic_article(word) \
                    and not any(map(has_arabic_article, group.exact)) \
                    and not _all_of_type(ix, entries, "term"):
                return False  # a name is written with its article or without (a term, a
                # common noun, takes it): الحمص "the chickpeas" is not حمص
            before2 = toks[first - 2] if before and first > 1 and sep_ok(seps[first - 1]) else ""
            return arabic_context_ok([ix.entry_type[e] for e in entries], word,
                                     before, before2, after, one_word=p == last,
                                     after_is_name=after in self._gate)
        after_info = self._info.get(after)
        if after_info is not None and after_info.article and last + 2 < len(toks) \
                and sep_ok(seps[last + 2]) and (toks[last + 2] not in self._gate
                                                or self._only_a_term(toks[last + 2])):
            # "Ansar al-Islam" and "Ansar al-Sharia" are unlisted names; "Wilayat al-Raqqa"
            # is the term + a name
            after = toks[last + 2]
        if _all_of_type(ix, entries, "term") and word[:1].isupper() \
                and (_name_word(before) or _name_word(after)):
            return False
        if (len(entries) > 1 or (p == last and ix.entry_type[entries[0]] == "person"
                                 and self._surname_alone(entries[0], self._info[toks[p]].folded))) \
                and _capitalised(before) and before.lower() not in common_words() \
                and not _sentence_start(seps, first - 1) \
                and self._info[before].folded not in TITLES_AND_OFFICES:
            # unless that word may start a longer phonetic/fuzzy name ("Omar al-Chichani",
            # "Tarchan Batiraschwili"): then the match stays open to one
            ti = self._info.get(before)
            return _OPEN if (self.phonetic or self.fuzzy) and ti is not None \
                and bool(self._fuzzy_candidates(before, ti)) else False
        return True

    def _surname_alone(self, entry: int, folded: str) -> bool:
        """Is the folded word ``folded``, a one-word match of ``entry`` (a person), their
        surname alone: the last word of a spelling of theirs with more words (articles
        aside)?"""
        ix = self.ix
        surnames = self._surnames.get(entry)
        if surnames is None:
            first = bisect_left(ix.v_entry, entry)
            end = bisect_left(ix.v_entry, entry + 1, first)
            surnames = frozenset(
                fold_token(words[-1]) for words in map(_listed_words, ix.v_text[first:end])
                if len(words) > 1)
            if len(self._surnames) >= MAX_CACHE:
                self._surnames = {}
            self._surnames[entry] = surnames
        return folded in surnames

    def _only_a_term(self, tok: str) -> bool:
        """Is the word ``tok`` alone a variant of terms only ("Sharia", not "Raqqa")?"""
        return self._key_of_type(self._info[tok].folded, "term")

    def _key_of_type(self, key: str, kind: str) -> bool:
        """Is ``key`` the key of variants of entries of type ``kind`` only?"""
        ix = self.ix
        value = ix.keys.get(key)
        return value is not None and _all_of_type(ix, self._group(value).entries, kind)

    def _ordinary(self, toks: list[str], group: _Group, p: int, last: int, word: str,
                  opening: bool, text: str | None, pos: int) -> bool:
        """Are the words ``p`` to ``last`` (the first one, trimmed: ``word``) ordinary
        words that only fold like the variants? Lower case, or capitalised only because a
        sentence starts (``opening``): "How seem" is not Husim, Russian "рака" (crayfish)
        is not Ракка. With a lower-case ``word`` the answer does not depend on the context.
        The sentence-start reading is for ASCII words only: Russian capitalises only the
        first word of a name (Исламское государство), so lower-case words after a capital
        say nothing there. (Scripts without letter case, such as Arabic, have other
        guards.) Nor does case say anything where the writer capitalises nothing: a
        lower-case match spelled as a variant (letters and words, ``ahrar al sham`` for
        Ahrar al-Sham) that is not a common word is a name in a sentence written without
        capitals (:func:`_case_blind_sentence` of ``text`` at ``pos``, the offset of word
        ``p``; with ``text`` None, in any context where that may be so)."""
        if (word[:1].islower() or (opening and word.isascii())) \
                and self._rest_in_lower_case(toks, p, last):
            texts = group.exact  # (the variant texts)
            # in ASCII, a spelling counts as capitalised by its first letter (ar-Raqqa does
            # not: lower-case "raqqa" stays a name); in other scripts by its first word that
            # is not an article (ar-Raqqa does: Russian "рака", crayfish, is not Ракка)
            capitalised = all(map(_first_letter_upper if word.isascii() else _capitalised_name,
                                  texts))
            if " ".join(toks[p:last + 1]) in texts:
                return False
            if p == last and word.lower() in common_words():
                return True
            return capitalised and not (opening and p == last) and not (  # "Raqqa fell."
                word[:1].islower() and self._spelled_as_listed(toks, p, last, word, group)
                and (text is None or _case_blind_sentence(text, pos)))
        return False

    def _spelled_as_listed(self, toks: list[str], p: int, last: int, word: str,
                           group: _Group) -> bool:
        """Are the words ``p`` to ``last`` (the first one, trimmed: ``word``), but for
        letter case and articles, those of a variant behind ``group``?"""
        info = self._info
        words = (word.casefold(), *(t.casefold() for t in toks[p + 1:last + 1]
                                    if not info[t].article))
        return any(_listed_words(t) == words for t in group.exact)

    def _rest_in_lower_case(self, toks: list[str], p: int, last: int) -> bool:
        """Are the words after ``p``, up to ``last``, in lower case (or articles)?"""
        info = self._info
        return all(t[:1].islower() or info[t].article for t in toks[p + 1:last + 1])

    def _lower_start(self, toks: list[str], p: int, last: int, group: _Group) -> bool:
        """Does the match of the words ``p`` to ``last`` (several), a person's name, start
        with a lower-case word in Latin letters before a capitalised one, where the glossary
        writes a capital (every variant starts with one)? Then no name starts there: "the
        officer said Ahmed left" is not Said Ahmed, though "Ahmed" may be a name. Name
        particles are written either way (bin Laden, abu Bakr), and so are the generic words
        of organisations ("the free Syrian Army" is still the Free Syrian Army, not the
        Syrian Army); words that are all in lower case are the business of
        :meth:`_ordinary`. The words alone decide (any context)."""
        if not _all_of_type(self.ix, group.entries, "person"):
            return False
        ti = self._info[toks[p]]
        word = toks[p][ti.start_trim:]
        return word[:1].islower() and word.isascii() and ti.folded not in LOWER_NAME_PARTS \
            and not self._rest_in_lower_case(toks, p, last) \
            and all(map(_first_letter_upper, group.exact))

    def _longest(self, toks: list[str], seps: list[str], info: dict[str, TokInfo], p: int,
                 n: int) -> tuple[tuple[int, int, str, bool, bool] | None, bool]:
        """The longest variant that starts at word ``p`` (its last word, its ``keys`` or
        ``cs_keys`` value (see :meth:`_group`), key, whether it is case-sensitive and
        whether it was read through a word's other, inflected reading,
        :attr:`TokInfo.alt`), and whether the search looked past word
        ``n - 1`` (then more words could change the answer). Of two equally long readings,
        the words as written win."""
        ix = self.ix
        best_last = -1  # the best so far: its last word, keys value, key, case-sensitivity
        best_value = 0
        best_key = ""
        best_cs = False
        best_alt = False
        reach = False
        ti = info[toks[p]]
        # the readings to start from: (case-sensitive, the word read so, another reading)
        starts: Iterable[tuple[bool, str, bool]] = \
            ((False, ti.folded, False), (True, ti.cs, False)) if not ti.alt else \
            ((False, ti.folded, False), *((False, a, True) for a in ti.alt),
             (True, ti.cs, False))
        for case_sensitive, s, by_alt in starts:
            if case_sensitive:
                prefixes, keys = ix.cs_prefixes, ix.cs_keys
            else:
                prefixes, keys = ix.prefixes, ix.keys
            if s not in prefixes:
                continue
            j = p
            while True:
                found = keys.get(s)
                if found is not None and j > best_last:
                    best_last, best_value, best_key, best_cs, best_alt = \
                        j, found, s, case_sensitive, by_alt
                k = j + 1
                if k >= n:
                    reach = True
                    break
                sep = seps[k]
                if sep != " " and sep != "-" and not sep_ok(sep):
                    break
                nxt = info[toks[k]]
                while nxt.article:
                    if k + 1 >= n:
                        reach = True
                        break
                    if not (_inner_article(nxt, toks[k], seps[k + 1], toks[k + 1])
                            and sep_ok(seps[k + 1])):
                        break
                    k += 1
                    nxt = info[toks[k]]
                piece = nxt.cs if case_sensitive else nxt.folded
                if not piece:
                    break  # a word that folds to nothing (an emoji-like letter) ends the name
                s2 = s + piece
                if s2 not in prefixes:
                    if case_sensitive or not nxt.alt:
                        break
                    for other in nxt.alt:  # where the words as read so far end
                        s2 = s + other
                        if s2 in prefixes:
                            break
                    else:
                        break
                    by_alt = True
                s = s2
                j = k
        if best_last < 0:
            return None, reach
        return (best_last, best_value, best_key, best_cs, best_alt), reach

    def _group(self, value: int) -> _Group:
        """The variants, entries and variant texts behind a ``keys``/``cs_keys`` value,
        worked out once per value that a scan meets (the table is emptied when full)."""
        group = self._groups.get(value)
        if group is None:
            ix = self.ix
            variants = ix.variants_at(value)
            entries = ix.entries_of(variants) if len(variants) > 1 \
                else [ix.v_entry[variants[0]]]
            exact: dict[str, int] = {}
            for v in variants:
                exact.setdefault(ix.v_text[v], v)
            group = _Group(variants, entries, exact)
            groups = self._groups
            if len(groups) >= MAX_CACHE:
                groups = self._groups = {}  # (a new table: a scan in another thread keeps its own)
            groups[value] = group
        return group

    def _make(self, text: str, start: int, end: int, group: _Group, inflected: bool,
              base: int = 0) -> Match:
        ix = self.ix
        surface = text[start:end]
        start += base
        end += base
        entries = group.entries
        chosen = group.exact.get(surface)
        method: Method = "exact"
        score = EXACT_SCORE
        if chosen is None:
            chosen = group.variants[0]
            method = "folded"
            score = INFLECTED_SCORE if inflected else FOLDED_SCORE
        if len(entries) > 1:
            return Match(start, end, surface, None, None, None, ix.v_text[chosen], method, score,
                         tuple(sorted(ix.entry_ids[e] for e in entries)))
        e = entries[0]
        return Match(start, end, surface, ix.entry_ids[e], ix.entry_canonical[e],
                     ix.entry_type[e], ix.v_text[chosen], method, score)

    # -- phonetic and fuzzy -------------------------------------------------------------

    def _blocks(self) -> Blocks:
        """The blocking index for phonetic and fuzzy matching, built on first use: the
        phonetic form, and the first two letters with the length, of each variant word of
        4+ letters -> that word -> (variant, position of the word, number of words)."""
        blocks = self._fz_blocks
        if blocks is None:
            with self._lock:
                blocks = self._fz_blocks
                if blocks is None:  # compact tables, blocks expanded as text words ask
                    self._fz_blocks = blocks = blocks_of(self.ix)
        return blocks

    def _fuzzy_candidates(self, raw: str, ti: TokInfo) -> array[int]:
        """The packed (variant, position, size) refs a word could be part of; kept packed,
        as 4 (or 8) bytes a ref, since a 100k-entry glossary offers a capitalised word
        hundreds. (Read only: words without candidates share one empty array.)"""
        got = self._fz.get(raw)
        if got is not None:
            return got
        f = ti.folded
        out = _NO_REFS
        if len(f) >= 4 and not f.isdigit() and not raw[:1].islower() \
                and raw.lower() not in common_words():
            blocks = self._blocks()
            out = array(blocks.typecode)
            keys = ["p:" + phonetic_token(f)]
            if self.fuzzy:
                keys += [f"f:{f[:2]}:{len(f) + d}" for d in (-1, 0, 1)]
            seen: set[str] = set()
            for key in keys:
                block = blocks.get(key)
                if not block:
                    continue
                # the words of 4+ letters that token_sim puts at MIN_TOKEN_SIM or more are
                # those that sound like f (the phonetic block) and those as similar as that
                # (a spelling block; see _NEAR_SPELLING): found at C speed
                near = process.extract(f, block.word_list(), scorer=Indel.normalized_similarity,
                                       score_cutoff=_NEAR if key[0] == "p" else _NEAR_SPELLING,
                                       limit=None)
                for tok, _, i in near:
                    if tok not in seen:
                        seen.add(tok)
                        out.frombytes(block.packed_at(i).cast("B"))
            if out and _of_the_language(raw):
                # a word of the language ("Human") is never matched alone
                # (_single_word_ok): only its places in longer variants are candidates
                out = array(blocks.typecode, blocks.in_longer(out))
        result = out
        if result:
            self._fz_gate.add(raw)  # (whoever asks first: the fuzzy stage tries it)
        self._fz[raw] = result
        return result

    def _score_ref(self, raw: str, words: list[str], v: int) -> tuple[float, Method] | None:
        """The score and method of variant ``v`` for the folded ``words`` of a window
        (``raw``: its first word as written), or None when it is no candidate."""
        vt = self.ix.tokens_of(v)
        score = min(ordered_score(words, vt), FUZZY_CAP)
        need = SHORT_THRESHOLD if len("".join(vt)) < SHORT_KEY else self.threshold
        if score < need:
            return None
        if len(words) == 1 and not _single_word_ok(raw, words[0], vt[0]):
            return None
        phon = all(phonetic_token(a) == phonetic_token(b)
                   for a, b in zip(words, vt, strict=True))
        method: Method = "phonetic" if phon else "fuzzy"
        if method == "phonetic" and not self.phonetic:
            return None
        if method == "fuzzy" and not self.fuzzy:
            return None
        return min(score, FUZZY_CAP), method

    def _one_word_plan(self, raw: str, ti: TokInfo,
                       refs: array[int]) -> _OneWordPlan:
        """For a word with candidates: the shapes (position, size) of its multi-word
        candidates, and its one-word candidates (score, variant, method) in order. (Its
        one-word window is the word itself: it has a folded form and is not lower case.)"""
        unpack = self._blocks().unpack
        shapes = tuple(dict.fromkeys((pos, size) for _, pos, size in unpack(refs) if size > 1))
        singles = []
        for v, _, size in unpack(refs):
            if size == 1:
                scored = self._score_ref(raw, [ti.folded], v)
                if scored is not None:
                    singles.append((scored[0], v, scored[1]))
        return shapes, tuple(singles)

    def _scan_fuzzy(self, text: str, toks: list[str], seps: list[str],
                    info: dict[str, TokInfo], spans: list[tuple[int, int, bool]],
                    offsets: _Offsets) -> Iterator[Match]:
        ix = self.ix
        n = len(toks)
        covered = bytearray(n)  # tokens inside settled (unambiguous) exact matches
        open_spans = [(a, b) for a, b, ambiguous in spans if ambiguous]
        for a, b, ambiguous in spans:
            if not ambiguous:
                covered[a:b + 1] = b"\x01" * (b - a + 1)
        cands: list[_Candidate] = []
        fz_gate = self._fz_gate
        for raw in set(toks).difference(self._fz):
            self._fuzzy_candidates(raw, info[raw])  # (adds it to the gate if it has some)
        for p in compress(range(n), map(fz_gate.__contains__, toks)):
            if covered[p]:
                continue
            raw = toks[p]
            refs = self._fuzzy_candidates(raw, info[raw])
            plan = self._fz_plan.get(raw)
            if plan is None:
                plan = self._fz_plan[raw] = self._one_word_plan(raw, info[raw], refs)
            shapes, singles = plan
            no_left, no_right = _closed_sides(toks, seps, info, p, covered)
            if all((pos and no_left) or (pos < size - 1 and no_right)
                   or _window(toks, seps, info, p, pos, size, covered) is None
                   for pos, size in shapes):
                # (the usual case: a capitalised word alone) only one-word candidates,
                # which do not depend on the context: worked out once per word
                cands.extend(_Candidate(score, p, p, v, method) for score, v, method in singles)
                continue
            windows: dict[tuple[int, int], tuple[int, int, list[str]] | None] = {}
            for v, pos, size in self._blocks().unpack(refs):
                # the window depends on where the word stands in the variant, not on which
                # variant: work it out once for all variants that share the shape
                shape = (pos, size)
                if shape not in windows:
                    windows[shape] = _window(toks, seps, info, p, pos, size, covered)
                window = windows[shape]
                if window is None:
                    continue
                first, last, words = window
                scored = self._score_ref(toks[first], words, v)
                if scored is not None:
                    cands.append(_Candidate(scored[0], first, last, v, scored[1]))
        if not cands:
            return
        cands.sort(key=lambda c: (-c.score, -(c.last - c.first), c.first))
        taken = bytearray(n)
        for c in cands:
            if any(taken[c.first:c.last + 1]):
                continue
            if any(c.first <= b and a <= c.last and not (c.first <= a and b <= c.last
                                                         and c.last - c.first > b - a)
                   for a, b in open_spans):
                continue  # only a longer window may settle an ambiguous exact match
            if c.first == c.last and c.first > 0 and sep_ok(seps[c.first]) \
                    and toks[c.first - 1].casefold() in _PERSON_BEFORE \
                    and ix.entry_type[ix.v_entry[c.variant]] != "person":
                continue  # "a lawyer named Sanjar" is someone, not a place that sounds so
            rivals = {ix.v_entry[o.variant] for o in cands
                      if o.first == c.first and o.last == c.last and o.score >= c.score - 1.0}
            taken[c.first:c.last + 1] = b"\x01" * (c.last - c.first + 1)
            start = offsets.at(2 * c.first + 1) + info[toks[c.first]].start_trim
            end = offsets.at(2 * c.last + 1) + len(toks[c.last]) - info[toks[c.last]].end_trim
            surface = text[start:end]
            score = round(c.score, 1)
            if len(rivals) > 1:
                yield Match(start, end, surface, None, None, None, ix.v_text[c.variant],
                            c.method, score, tuple(sorted(ix.entry_ids[e] for e in rivals)))
            else:
                e = ix.v_entry[c.variant]
                yield Match(start, end, surface, ix.entry_ids[e], ix.entry_canonical[e],
                            ix.entry_type[e], ix.v_text[c.variant], c.method, score)


def _of_the_language(raw: str) -> bool:
    """Is the token (without a possessive or an elision) a word of the language
    (:func:`~translitnorm.wordlists.dictionary_words`)?"""
    return _base(raw)[0].lower() in dictionary_words()


def _may_be_in_a_name(tok: str, ti: TokInfo | None) -> bool:
    """Can a phonetic/fuzzy window take ``tok`` (analysed as ``ti``, or not yet)?"""
    return ti is None or not tok[:1].islower() or ti.folded in LOWER_NAME_PARTS \
        or bool(ti.article)


_NO_REFS: Final[array[int]] = array("q")
"""The refs of a word that has none (shared, never changed)."""


def _base(raw: str) -> tuple[str, int, int]:
    """The part of a token that is folded as the word, and the lengths trimmed at its start
    and its end: a possessive 's (ISIS's) and a French elision (l'EI, d'Alep) are not part
    of the name."""
    base = raw
    end_trim = 0
    if len(raw) > 2 and raw[-2] in "'’ʼ" and raw[-1] in "sS":
        base = raw[:-2]
        end_trim = 2
    start_trim = elision_length(base)
    return base[start_trim:], start_trim, end_trim


def _stem_claims(key: str | None, stems: dict[str, str]) -> list[str]:
    """The glossary words that have stem key ``key`` (see :func:`translitnorm.index.add_stem`),
    first seen first.

    >>> _stem_claims("ru:islamsk", {"ru:islamsk": "islamskoe islamski"}), _stem_claims(None, {})
    (['islamskoe', 'islamski'], [])
    """
    claims = stems.get(key) if key is not None else None
    return claims.split(" ") if claims else []


def _first_letter_upper(spelling: str) -> bool:
    return spelling[:1].isupper()


@lru_cache(maxsize=1 << 14)
def _capitalised_name(spelling: str) -> bool:
    """Does a spelling's first word that is not an article start with a capital letter?
    (``ar-Raqqah`` does.)

    >>> _capitalised_name("ar-Raqqah"), _capitalised_name("emir"), _capitalised_name("al-Bab")
    (True, False, True)
    """
    return next((tok[:1].isupper() for tok, article in name_tokens(spelling) if not article),
                False)


_PERSON_BEFORE: Final = KIN_WORDS | NAMING_WORDS
"""Words after which a one-word phonetic or fuzzy match can only be a person."""
_OPEN: Final = 2
"""What :meth:`Scanner._context_ok` says of a match that a longer fuzzy one may replace."""
_SURNAME_ENDINGS: Final = frozenset({"ов", "ев", "ёв"})
"""Russian case endings (genitive plural) that also end most Russian surnames."""
_HANDLE_JOINERS: Final = frozenset("_.")


def _in_handle(seps: list[str], k: int) -> bool:
    """Does word ``k`` stand in a user name or e-mail address: is it joined by ``_`` or
    ``.`` (and nothing else) to a run of words that starts right after an ``@``?

    >>> from translitnorm.tokenize import split_text
    >>> _in_handle(split_text("@kurd_watch_sdf")[0::2], 2), _in_handle(split_text("SDF_1")[0::2], 0)
    (True, False)
    """
    while True:
        sep = seps[k]
        if sep[-1:] == "@":
            return True
        if k == 0 or sep not in _HANDLE_JOINERS:
            return False
        k -= 1


@lru_cache(maxsize=1 << 14)
def _listed_words(spelling: str) -> tuple[str, ...]:
    """A spelling's tokens (:func:`~translitnorm.index.spelling_tokens`), case-folded.

    >>> _listed_words("Ahrar al-Sham"), _listed_words("l'État islamique")
    (('ahrar', 'sham'), ('état', 'islamique'))
    """
    return tuple(map(str.casefold, spelling_tokens(spelling)))


_CASE_REACH: Final = 200
"""How far either way, within its sentence, :func:`_case_blind_sentence` looks from a word."""
_LETTERS: Final = re.compile(r"[^\W\d_]{2,}")
_SENTENCE_BREAK: Final = re.compile(r"\n|[.!?] ")


def _case_blind_sentence(text: str, pos: int) -> bool:
    """Is the sentence around ``pos`` written without capitals: no word of two or more
    letters that starts with a capital and goes on in lower case, between the line breaks
    or sentence ends (". " and the like) before and after ``pos``, up to
    :data:`_CASE_REACH` characters either way? (Posts often are; all-capital words, such
    as acronyms, do not count.) A scan in pieces cut at sentence ends sees the same.

    >>> _case_blind_sentence("@k_notes: hearing that HTS took idlib", 32)
    True
    >>> _case_blind_sentence("Reports say the idlib offensive began.", 16)
    False
    >>> _case_blind_sentence("Officials spoke. idlib was hit", 17)
    True
    """
    lo = max(0, pos - _CASE_REACH)
    head = text[lo:pos]
    cut = max(head.rfind("\n"), head.rfind(". "), head.rfind("! "), head.rfind("? "))
    start = lo + cut + 1
    stop = _SENTENCE_BREAK.search(text, pos, pos + _CASE_REACH)
    end = stop.start() if stop else pos + _CASE_REACH
    return not any(w[0].isupper() and w[1].islower()
                   for w in _LETTERS.findall(text, start, end))


def _known(folded: str | None, known: Container[str]) -> str | None:
    """``folded`` when it is a glossary word, else None."""
    return folded if folded is not None and folded in known else None


def _kinds(kind: dict[str, int], chunks: list[str]) -> bytes:
    """``kind[chunk]`` for each chunk, as bytes (KeyError for a chunk not in ``kind``).
    ``itemgetter`` looks them up in one C loop, with no call per chunk."""
    if len(chunks) == 1:
        return bytes((kind[chunks[0]],))
    return bytes(itemgetter(*chunks)(kind))


class _Offsets:
    """Offsets of parts, computed lazily from lengths; any order, cached running sum."""

    __slots__ = ("_idx", "_off", "_origin", "_parts")

    def __init__(self, parts: list[str], origin: int = 0) -> None:
        self._parts = parts
        self._origin = origin  # the offset of the first part
        self._idx = 0
        self._off = origin

    def at(self, part_index: int) -> int:
        if part_index < self._idx:
            self._idx = 0
            self._off = self._origin
        self._off += sum(map(len, self._parts[self._idx:part_index]))
        self._idx = part_index
        return self._off


_SENTENCE_END: Final = frozenset(".!?\n:;—–")


def _sentence_start(seps: list[str], k: int) -> bool:
    """Does token ``k`` open a sentence (text start, or after . ! ? : or a line break)?"""
    if k < 0:
        return False
    sep = seps[k]
    if sep == " " and k:
        return False  # (the usual case, decided without rstrip; the first token after
        # nothing but a space opens the text, as after nothing at all)
    sep = sep.rstrip(" \t«“\"'(")
    return (k == 0 and not sep) or (bool(sep) and sep[-1] in _SENTENCE_END)


def _capitalised(word: str) -> bool:
    """A word that starts with a capital letter (scripts with case only)."""
    return word[:1].isupper() and not word.isupper()


def _name_word(word: str) -> bool:
    """A capitalised word that is not a common word ("Haddad", not "The")."""
    return _capitalised(word) and word.lower() not in common_words()


def _single_word_ok(raw: str, word: str, variant_word: str) -> bool:
    """A one-word phonetic or fuzzy match needs a name-like word: not a word of the
    language (:func:`dictionary_words`: "Human" is not Hamman), capitalised (or in another
    script), 5+ letters, and a close spelling, not only the same consonants (``Summary``
    is not ``Samarra``, ``Asas`` is not ``ISIS``)."""
    if len(word) < 5 or _of_the_language(raw):
        return False
    if raw[:1].isascii() and not raw[:1].isupper():
        return False
    close = Indel.normalized_similarity(word, variant_word)
    if phonetic_token(word) == phonetic_token(variant_word):
        return close >= 0.8  # Kobani/Kobane
    # a misspelling, not another word: close, and the same last letter ("Chechen" is not
    # "Tchétchénie", a demonym is not its country)
    return close >= 0.85 and word[-1] == variant_word[-1]


def _is_article(ti: TokInfo, following_sep: str) -> bool:
    """Is the word (``ti``) an article of the word after ``following_sep``? "al" before
    a space, a hyphen or the like (not across punctuation: "al, Raqqa" is no al-Raqqa),
    "as" only joined to it."""
    if ti.article == 1:
        return following_sep == " " or following_sep == "-" or sep_ok(following_sep)
    return ti.article == 2 and following_sep in _JOINERS


def _all_of_type(ix: Index, entries: list[int], kind: str) -> bool:
    """Are all of ``entries`` (entry numbers) of type ``kind``?"""
    types = ix.entry_type
    if len(entries) == 1:
        return types[entries[0]] == kind
    return all(types[e] == kind for e in entries)


def _inner_article(ti: TokInfo, tok: str, following_sep: str, next_tok: str) -> bool:
    """Is ``tok`` (``ti``), which follows a word of a name, an article of ``next_tok``? As
    anywhere, or as a sun article written apart (Dayr az Zawr: see
    :func:`~translitnorm.tokenize.spaced_sun_article`)."""
    return _is_article(ti, following_sep) \
        or (ti.article == 2 and spaced_sun_article(tok, following_sep, next_tok))


def _looks_like_headline(toks: list[str], seps: list[str], first: int, last: int,
                         names: set[str]) -> bool:
    """An acronym inside a run of upper-case words ("WHY IS THIS") is not an acronym.
    Only neighbours in the same phrase count (not across "SSA. «IS"), and neighbours that
    are glossary names themselves ("IS ISIS") are no such evidence."""
    before = toks[first - 1] if first > 0 and sep_ok(seps[first]) else ""
    after = toks[last + 1] if last + 1 < len(toks) and sep_ok(seps[last + 1]) else ""
    return (len(before) > 1 and before.isupper() and before not in names) or (
        len(after) > 1 and after.isupper() and after not in names
        and not after.endswith(("'s", "’s")))


def _closed_sides(toks: list[str], seps: list[str], info: dict[str, TokInfo], p: int,
                  covered: bytearray) -> tuple[bool, bool]:
    """Can no :func:`_window` around word ``p`` take a word before it, and none a word
    after it? True where the neighbour is not an article and no name can hold it (a word
    in lower case, as most words around a name are), where the separator stops a name, or
    at the end of the words: :func:`_window` is then None for every shape that needs that
    side, and need not be worked out."""
    n = len(toks)

    def closed(k: int, sep: str) -> bool:
        if k < 0 or k >= n:
            return True
        ti = info[toks[k]]
        if ti.article:
            return False  # (an article may be skipped: _window decides)
        return bool(covered[k]) or not sep_ok(sep) or not ti.folded or (
            toks[k][:1].islower() and ti.folded not in LOWER_NAME_PARTS)

    return closed(p - 1, seps[p]), closed(p + 1, seps[p + 1] if p + 1 < n else "")


def _window(toks: list[str], seps: list[str], info: dict[str, TokInfo], p: int, pos: int,
            size: int, covered: bytearray) -> tuple[int, int, list[str]] | None:
    """The ``size`` non-article tokens around ``p`` with ``p`` at position ``pos``."""
    n = len(toks)
    first = p
    for _ in range(pos):
        k = first - 1
        while k >= 0 and info[toks[k]].article \
                and _inner_article(info[toks[k]], toks[k], seps[k + 1], toks[k + 1]):
            if not sep_ok(seps[k + 1]):
                return None
            k -= 1
        if k < 0 or covered[k] or not sep_ok(seps[k + 1]):
            return None
        first = k
    words: list[str] = []
    k = first
    last = first
    while len(words) < size:
        if k >= n or covered[k]:
            return None
        ti = info[toks[k]]
        if ti.article and k + 1 < n and words \
                and _inner_article(ti, toks[k], seps[k + 1], toks[k + 1]):
            if not sep_ok(seps[k + 1]):
                return None
            k += 1
            continue
        if not ti.folded or (toks[k][:1].islower() and ti.folded not in LOWER_NAME_PARTS):
            return None  # names in scripts with case are capitalised, particles aside
        words.append(ti.folded)
        last = k
        k += 1
        if len(words) < size and (k >= n or not sep_ok(seps[k])):
            return None
    return first, last, words
