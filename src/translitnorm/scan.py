"""Finding glossary names in running text.

The text is split once into separator/token parts (:func:`translitnorm.tokenize.split_text`);
offsets come from part lengths. Each *distinct* token is analysed once and cached
(folded form, case-sensitive form, trims for possessives and Arabic proclitics). Only
tokens that can start a variant are looked at (first-token gating, done with C-level set
look-ups); from each, an n-gram grows while its joined folded form is a prefix of some key,
and the longest key wins (longest-leftmost, non-overlapping). Phonetic and fuzzy matches
are then looked for in the gaps, through a blocking index, never all-pairs.

In the exact+folded mode most of the text is never tokenized at all: it is cut on spaces
(``str.split``), each distinct chunk is analysed once, and only windows around chunks that
can hold a name are scanned (see :meth:`Scanner._scan_fast`; a property test checks that
it finds exactly what a full scan finds).

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
from collections.abc import Iterator
from itertools import compress
from typing import Final, NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import Indel

from translitnorm.arabic_context import arabic_context_ok
from translitnorm.blocking import blocks_of
from translitnorm.fold import fold_token, has_arabic_article, is_arabic_char, phonetic_token
from translitnorm.index import Index, stem_key
from translitnorm.records import Match, Method
from translitnorm.score import MIN_TOKEN_SIM, ordered_score, token_sim
from translitnorm.tokenize import (
    _JOINERS,
    ARTICLES,
    SUN_ARTICLES,
    elision_length,
    plain,
    split_text,
)
from translitnorm.wordlists import common_words

EXACT_SCORE: Final = 100.0
FOLDED_SCORE: Final = 97.0
INFLECTED_SCORE: Final = 93.0
FUZZY_CAP: Final = 95.0
SHORT_KEY: Final = 7
"""Variants whose joined folded key is shorter than this need a stricter fuzzy score."""
SHORT_THRESHOLD: Final = 92.0
MAX_CACHE: Final = 400_000

_AR_PROCLITIC_ARTICLE: Final = re.compile(r"(?:[وبفك]ال|لل)")
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


def sep_ok(sep: str) -> bool:
    """Can this separator stand inside a name? (spaces, hyphens, one line break)

    >>> sep_ok(" "), sep_ok("-"), sep_ok(", "), sep_ok("\\n\\n")
    (True, True, False, False)
    """
    if sep == " " or sep == "-":
        return True
    return 0 < len(sep) <= 3 and sep.count("\n") <= 1 and all(c in _SEP_CHARS for c in sep)


class _Candidate(NamedTuple):
    score: float
    first: int
    last: int
    variant: int
    method: Method


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
        self._gate: set[str] = set()
        self._fz: dict[str, tuple[tuple[int, int, int], ...]] = {}
        self._fz_blocks: dict[str, dict[str, list[tuple[int, int, int]]]] | None = None
        self._chunks_gated: set[str] = set()
        self._chunk_ntok: dict[str, int] = {}
        self._chunk_plan: dict[str, tuple[bool, frozenset[str], frozenset[str]]] = {}
        self._chunk_head: dict[str, tuple[str, str] | None] = {}
        self._fz_gate: set[str] = set()

    def __getstate__(self) -> dict[str, object]:
        return {"ix": self.ix, "phonetic": self.phonetic, "fuzzy": self.fuzzy,
                "threshold": self.threshold}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(state["ix"], phonetic=state["phonetic"],  # type: ignore[misc]
                      fuzzy=state["fuzzy"], threshold=state["threshold"])

    # -- per-token analysis -------------------------------------------------------------

    def _analyze(self, raw: str) -> TokInfo:
        ix = self.ix
        known = ix.tokens  # every folded token of every variant
        base = raw
        end_trim = 0
        start_trim = 0
        if len(raw) > 2 and raw[-2] in "'’ʼ" and raw[-1] in "sS":
            base = raw[:-2]
            end_trim = 2
        start_trim = elision_length(base)  # French l'EI, d'Alep: the article is not the name
        base = base[start_trim:]
        folded = fold_token(base)
        inflected = False
        arabic = any(is_arabic_char(c) for c in base[:2])
        if arabic and _AR_PROCLITIC_ARTICLE.match(base):
            start_trim += 1
        if folded and folded not in known and folded not in ix.prefixes:
            # not a glossary word as written: try plural, inflection, fused article, proclitic
            alt: str | None = None
            sk = stem_key(base)
            if sk is not None:
                alt = ix.stems.get(sk)
            if alt is None and folded.isascii() and folded.endswith("s") and len(folded) >= 5:
                # English plural: Emirs, Taghuts, mujahideens (never a 3-letter stem)
                for cut in (1, 2):
                    if folded[:-cut] in known and len(folded) - cut >= 4 \
                            and (cut == 1 or folded.endswith("es")):
                        alt = folded[:-cut]
                        break
            if alt is None and len(base) >= 5 and base[:2].lower() in ("al", "el"):
                cand = fold_token(base[2:])
                if cand in known:
                    alt = cand
            if alt is None and arabic and len(base) >= 3 and base[0] in "وبلكف":
                cand = fold_token(base[1:])
                if cand in known:
                    alt = cand
                    start_trim += 1
            if alt is not None:
                folded = alt
                inflected = True
        low = plain(raw[elision_length(raw):])  # French d'al-Bab: the article is "al"
        article = 1 if low in ARTICLES else 2 if low in SUN_ARTICLES else 0
        return TokInfo(folded, base, start_trim, end_trim, article, inflected)

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
                    new = set(toks)
                prefixes = self.ix.prefixes
                cs_prefixes = self.ix.cs_prefixes
                for raw in new:
                    ti = self._analyze(raw)
                    info[raw] = ti
                    if ti.folded in prefixes or ti.cs in cs_prefixes:
                        self._gate.add(raw)
        return info

    # -- the scan -----------------------------------------------------------------------

    def scan(self, text: str) -> list[Match]:
        """All matches in ``text``, sorted by start, non-overlapping."""
        if not (self.phonetic or self.fuzzy):
            return self._scan_fast(text)
        return self._scan_all(text)

    def _chunk_gate(self, chunks: list[str]) -> set[str]:
        """The space-separated chunks that hold a word which can start a variant."""
        new = set(chunks).difference(self._chunk_ntok)
        if new:
            with self._lock:
                if len(self._chunk_ntok) + len(new) > MAX_CACHE:
                    self._chunks_gated.clear()
                    self._chunk_ntok.clear()
                    new = set(chunks)
                    self._chunk_plan.clear()
                    self._chunk_head.clear()
            for chunk in new:
                parts = split_text(chunk)
                toks = parts[1::2]
                self._chunk_ntok[chunk] = len(toks)
                self._prepare(toks)
                if any(t in self._gate for t in toks):
                    self._chunk_plan[chunk] = self._plan(parts)
                    self._chunks_gated.add(chunk)
        return self._chunks_gated

    def _plan(self, parts: list[str]) -> tuple[bool, frozenset[str], frozenset[str]]:
        """For a gated chunk: must it be scanned whatever follows (a variant may end inside
        it), and which folded / case-sensitive prefixes reach its end and could go on into
        the next chunk."""
        toks = parts[1::2]
        seps = parts[0::2]
        info = self._info
        ix = self.ix
        n = len(toks)
        opens: tuple[set[str], set[str]] = (set(), set())
        for p in range(n):
            if toks[p] not in self._gate:
                continue
            for case_sensitive in (False, True):
                prefixes = ix.cs_prefixes if case_sensitive else ix.prefixes
                keys = ix.cs_keys if case_sensitive else ix.keys
                s = info[toks[p]].cs if case_sensitive else info[toks[p]].folded
                if s not in prefixes:
                    continue
                j = p
                while True:
                    if s in keys:
                        return True, frozenset(), frozenset()
                    k = j + 1
                    while k < n and info[toks[k]].article and sep_ok(seps[k]) \
                            and k + 1 <= n and _is_article(info[toks[k]], seps[k + 1]):
                        k += 1
                    if k >= n:
                        if k > j + 1:
                            return True, frozenset(), frozenset()  # ends on an article
                        if seps[n] == "" or sep_ok(seps[n] + " "):
                            opens[case_sensitive].add(s)
                        break
                    nxt = info[toks[k]]
                    piece = nxt.cs if case_sensitive else nxt.folded
                    if not sep_ok(seps[k]) or not piece or s + piece not in prefixes:
                        break
                    s += piece
                    j = k
        return False, frozenset(opens[0]), frozenset(opens[1])

    def _head(self, chunk: str) -> tuple[str, str] | None:
        """The folded and raw forms of a chunk's first word (leading articles skipped), or
        None when that cannot be said simply (an empty chunk, articles only)."""
        head = self._chunk_head.get(chunk, False)
        if head is not False:
            return head  # type: ignore[return-value]
        parts = split_text(chunk)
        toks = parts[1::2]
        info = self._prepare(toks)
        result: tuple[str, str] | None = None
        if toks and parts[0] == "":
            k = 0
            while k + 1 < len(toks) and info[toks[k]].article \
                    and _is_article(info[toks[k]], parts[2 * k + 2]):
                k += 1
            ti = info[toks[k]]
            if not (ti.article and k == len(toks) - 1) and (k == 0 or sep_ok(parts[2 * k])):
                result = (ti.folded, ti.cs)
        self._chunk_head[chunk] = result
        return result

    def _scan_fast(self, text: str) -> list[Match]:
        """Exact and folded matching without touching most of the text in Python.

        ``str.split(" ")`` cuts the text into chunks at C speed (lossless: chunk ``k``
        starts at the sum of the earlier chunks' lengths plus ``k``); each distinct chunk
        is tokenized once and remembered as gated or not, and only the few gated chunks are
        scanned, each in a window wide enough for the longest variant and its context.
        Gives the same matches as the exact stage of a full scan.
        """
        chunks = text.split(" ")
        gated = self._chunk_gate(chunks)
        width = self.ix.max_tokens + 2
        plan = self._chunk_plan
        prefixes = self.ix.prefixes
        cs_prefixes = self.ix.cs_prefixes
        found: list[Match] = []
        next_free = 0
        pos_k = 0
        pos = 0  # offset of chunk pos_k
        n = len(chunks)
        heads = self._chunk_head
        for k in compress(range(n), map(gated.__contains__, chunks)):
            must, opens, cs_opens = plan[chunks[k]]
            if not must:
                if k + 1 >= n:
                    continue
                nxt = chunks[k + 1]
                head = heads[nxt] if nxt in heads else self._head(nxt)
                if head is not None and not any(o + head[0] in prefixes for o in opens) \
                        and not any(o + head[1] in cs_prefixes for o in cs_opens):
                    continue  # nothing that starts here can end here or go on
            # offsets only for chunks that are scanned (one C-level sum since the last)
            pos += sum(map(len, chunks[pos_k:k])) + (k - pos_k)
            pos_k = k
            chunk_end = pos + len(chunks[k])
            if chunk_end <= next_free:
                continue
            # the window: a word of left context, the chunk, and room on the right
            ntok = self._chunk_ntok
            lo = k
            words = 0
            while lo > 0 and words < 2:  # two words of left context (article, sentence start)
                lo -= 1
                words += ntok[chunks[lo]]
            before = sum(ntok[c] for c in chunks[lo:k])
            start = pos - sum(map(len, chunks[lo:k])) - (k - lo)
            hi = k + 1
            words = 0
            while hi < n and words < width:
                words += ntok[chunks[hi]]
                hi += 1
            end = chunk_end + sum(map(len, chunks[k + 1:hi])) + len(chunks[k + 1:hi])
            mine = range(before, before + self._chunk_ntok[chunks[k]])
            try:
                window = text[start:end]
                hits = self._exact(window, before, start, split_text(window))[0]
            except KeyError:  # the word cache was emptied on the way (huge vocabularies)
                hits = self._exact(text[start:end], before, start)[0]
            for m, p in hits:
                if m.start < next_free or p not in mine:
                    continue  # found from an earlier chunk, or one a later chunk will find
                found.append(m)
                next_free = m.end
        return found

    def _scan_all(self, text: str) -> list[Match]:
        """Exact and folded matches, then phonetic and fuzzy ones in the gaps."""
        exact, toks, seps, info, spans, offsets = self._exact(text)
        found = [m for m, _ in exact]
        n = len(toks)
        if n:
            fuzzy = list(self._scan_fuzzy(text, toks, seps, info, spans, offsets))
            # a longer fuzzy match may settle an ambiguous exact one inside it; one left
            # unsettled after a capitalised unknown word belongs to someone else
            found = [m for m in found
                     if m.id is not None
                     or not (any(f.start <= m.start and m.end <= f.end for f in fuzzy)
                             or self._after_unknown_name(text, m.start, fuzzy))]
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

    def _exact(self, text: str, first_token: int = 0, base: int = 0,
               parts: list[str] | None = None) -> tuple[
            list[tuple[Match, int]], list[str], list[str], dict[str, TokInfo],
            list[tuple[int, int, bool]], _Offsets]:
        """Exact and folded matches (with the token that started each, an article before
        it aside) and the token state. ``parts`` may be given when ``text`` is already
        split (and its words already analysed)."""
        if parts is None:
            parts = split_text(text)
            toks = parts[1::2]
            info = self._prepare(toks)
        else:
            toks = parts[1::2]
            info = self._info
        seps = parts[0::2]  # seps[k] stands before toks[k]; seps[k + 1] after it
        offsets = _Offsets(parts)
        if not toks:
            return [], toks, seps, {}, [], offsets
        n = len(toks)
        found: list[tuple[Match, int]] = []
        spans: list[tuple[int, int, bool]] = []
        gate = self._gate
        next_free = first_token  # words before it are context only
        for p in compress(range(n), map(gate.__contains__, toks)):
            if p < next_free:
                continue
            hit = self._longest(toks, seps, info, p, n)
            if hit is None:
                continue
            last, variants, key, case_sensitive = hit
            if case_sensitive and _looks_like_headline(toks, seps, p, last, gate):
                spans.append((p, last, False))
                continue
            first = p
            if (p - 1 >= 0 and (p - 1 >= next_free or p == first_token)
                    and info[toks[p - 1]].article
                    and _is_article(info[toks[p - 1]], seps[p])):
                first = p - 1
            entries = self.ix.entries_of(variants)
            if (key in self.ix.needs_article and first == p
                    and not has_arabic_article(toks[p][info[toks[p]].start_trim:])) \
                    or not self._context_ok(toks, seps, variants, entries, p, last, first):
                # "Bab al-Salama" is not al-Bab; "Abdul-Karim al-Shishani" is someone else:
                # keep these words away from the fuzzy stage too
                spans.append((first, last, False))
                next_free = last + 1
                continue
            start = offsets.at(2 * first + 1) + info[toks[first]].start_trim
            end = offsets.at(2 * last + 1) + len(toks[last]) - info[toks[last]].end_trim
            inflected = any(info[toks[k]].inflected for k in range(p, last + 1))
            match = self._make(text, start, end, variants, entries, inflected, base)
            found.append((match, p))
            spans.append((first, last, match.id is None))
            next_free = last + 1
        return found, toks, seps, info, spans, offsets

    def _context_ok(self, toks: list[str], seps: list[str], variants: list[int],
                    entries: list[int], p: int, last: int, first: int) -> bool:
        """Precision guards that look at the words around a match.

        * a lower-case ordinary word that only folds like a name is that word ("made" is
          not "Madha");
        * a term written with a capital between capitalised words is part of a personal
          name ("Jihad Haddad", "Abu Jihad");
        * a surname shared by several entries, right after a capitalised word that is not
          part of the match, belongs to someone else ("Abdul-Karim al-Shishani").
        """
        ix = self.ix
        word = toks[p][self._info[toks[p]].start_trim:]
        opening = _sentence_start(seps, p) and word[:1].isupper()
        if (word[:1].islower() or opening) and word.isascii() and all(
            t[:1].islower() or self._info[t].article for t in toks[p + 1:last + 1]
        ):
            # ordinary words: lower case, or capitalised only because a sentence starts
            # ("How seem" is not Husim)
            surface = " ".join(toks[p:last + 1])
            if surface not in (ix.v_text[v] for v in variants) and (
                (p == last and word.lower() in common_words())
                or (all(ix.v_text[v][:1].isupper() for v in variants)
                    and not (opening and p == last))  # "Raqqa fell." may open a sentence
            ):
                return False  # "made" is not Madha, "how to" is not Huto, "How" not Huoo
        before = toks[first - 1] if first > 0 and sep_ok(seps[first]) else ""
        after = toks[last + 1] if last + 1 < len(toks) and sep_ok(seps[last + 1]) else ""
        if is_arabic_char(word[:1] or " "):
            before2 = toks[first - 2] if before and first > 1 and sep_ok(seps[first - 1]) else ""
            return arabic_context_ok([ix.entry_type[e] for e in entries], word,
                                     before, before2, after, one_word=p == last,
                                     after_is_name=after in self._gate)
        after_info = self._info.get(after)
        if after_info is not None and after_info.article and last + 2 < len(toks) \
                and sep_ok(seps[last + 2]) and toks[last + 2] not in self._gate:
            # "Ansar al-Islam" is an unlisted name; "Wilayat al-Raqqa" is the term + a name
            after = toks[last + 2]
        if all(ix.entry_type[e] == "term" for e in entries) and word[:1].isupper() \
                and (_name_word(before) or _name_word(after)):
            return False
        if len(entries) > 1 and _capitalised(before) and before.lower() not in common_words() \
                and not _sentence_start(seps, first - 1):
            # unless that word may start a longer phonetic/fuzzy name ("Omar al-Chichani")
            ti = self._info.get(before)
            return (self.phonetic or self.fuzzy) and ti is not None \
                and bool(self._fuzzy_candidates(before, ti))
        return True

    def _longest(self, toks: list[str], seps: list[str], info: dict[str, TokInfo], p: int,
                 n: int) -> tuple[int, list[int], str, bool] | None:
        ix = self.ix
        best: tuple[int, list[int], str, bool] | None = None
        ti = info[toks[p]]
        for case_sensitive in (False, True):
            prefixes = ix.cs_prefixes if case_sensitive else ix.prefixes
            keys = ix.cs_keys if case_sensitive else ix.keys
            s = ti.cs if case_sensitive else ti.folded
            if s not in prefixes:
                continue
            j = p
            while True:
                found = keys.get(s)
                if found is not None and (best is None or j > best[0]):
                    best = (j, ix.variants_at(found), s, case_sensitive)
                k = j + 1
                if k >= n or not sep_ok(seps[k]):
                    break
                nxt = info[toks[k]]
                while nxt.article and k + 1 < n and _is_article(nxt, seps[k + 1]) \
                        and sep_ok(seps[k + 1]):
                    k += 1
                    nxt = info[toks[k]]
                piece = nxt.cs if case_sensitive else nxt.folded
                if not piece:
                    break  # a word that folds to nothing (an emoji-like letter) ends the name
                s2 = s + piece
                if s2 not in prefixes:
                    break
                s = s2
                j = k
        return best

    def _make(self, text: str, start: int, end: int, variants: list[int], entries: list[int],
              inflected: bool, base: int = 0) -> Match:
        ix = self.ix
        surface = text[start:end]
        start += base
        end += base
        chosen = variants[0]
        method: Method = "folded"
        score = INFLECTED_SCORE if inflected else FOLDED_SCORE
        for v in variants:
            if ix.v_text[v] == surface:
                chosen, method, score = v, "exact", EXACT_SCORE
                break
        if len(entries) > 1:
            return Match(start, end, surface, None, None, None, ix.v_text[chosen], method, score,
                         tuple(sorted(ix.entry_ids[e] for e in entries)))
        e = entries[0]
        return Match(start, end, surface, ix.entry_ids[e], ix.entry_canonical[e],
                     ix.entry_type[e], ix.v_text[chosen], method, score)

    # -- phonetic and fuzzy -------------------------------------------------------------

    def _blocks(self) -> dict[str, dict[str, list[tuple[int, int, int]]]]:
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

    def _fuzzy_candidates(self, raw: str, ti: TokInfo) -> tuple[tuple[int, int, int], ...]:
        got = self._fz.get(raw)
        if got is not None:
            return got
        f = ti.folded
        out: list[tuple[int, int, int]] = []
        if len(f) >= 4 and not f.isdigit() and not raw[:1].islower() \
                and raw.lower() not in common_words():
            blocks = self._blocks()
            keys = ["p:" + phonetic_token(f)]
            if self.fuzzy:
                keys += [f"f:{f[:2]}:{len(f) + d}" for d in (-1, 0, 1)]
            seen: set[str] = set()
            for key in keys:
                block = blocks.get(key)
                if not block:
                    continue
                # a C-speed first cut over the block's words, then the exact token score
                near = process.extract(f, list(block), scorer=Indel.normalized_similarity,
                                       score_cutoff=0.6, limit=None)
                for tok, _, _ in near:
                    if tok in seen:
                        continue
                    seen.add(tok)
                    if token_sim(f, tok) >= MIN_TOKEN_SIM:
                        out.extend(block[tok])
        result = tuple(out)
        self._fz[raw] = result
        return result

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
            if self._fuzzy_candidates(raw, info[raw]):
                fz_gate.add(raw)
        for p in compress(range(n), map(fz_gate.__contains__, toks)):
            if covered[p]:
                continue
            refs = self._fuzzy_candidates(toks[p], info[toks[p]])
            windows: dict[tuple[int, int], tuple[int, int, list[str]] | None] = {}
            for v, pos, size in refs:
                # the window depends on where the word stands in the variant, not on which
                # variant: work it out once for all variants that share the shape
                shape = (pos, size)
                if shape not in windows:
                    windows[shape] = _window(toks, seps, info, p, pos, size, covered)
                window = windows[shape]
                if window is None:
                    continue
                first, last, words = window
                vt = ix.tokens_of(v)
                score = min(ordered_score(words, vt), FUZZY_CAP)
                need = SHORT_THRESHOLD if len("".join(vt)) < SHORT_KEY else self.threshold
                if score < need:
                    continue
                if len(words) == 1 and not _single_word_ok(toks[first], words[0], vt[0]):
                    continue
                phon = all(phonetic_token(a) == phonetic_token(b)
                           for a, b in zip(words, vt, strict=True))
                method: Method = "phonetic" if phon else "fuzzy"
                if method == "phonetic" and not self.phonetic:
                    continue
                if method == "fuzzy" and not self.fuzzy:
                    continue
                cands.append(_Candidate(min(score, FUZZY_CAP), first, last, v, method))
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


class _Offsets:
    """Offsets of parts, computed lazily from lengths; any order, cached running sum."""

    __slots__ = ("_idx", "_off", "_parts")

    def __init__(self, parts: list[str]) -> None:
        self._parts = parts
        self._idx = 0
        self._off = 0

    def at(self, part_index: int) -> int:
        if part_index < self._idx:
            self._idx = 0
            self._off = 0
        self._off += sum(map(len, self._parts[self._idx:part_index]))
        self._idx = part_index
        return self._off


_SENTENCE_END: Final = frozenset(".!?\n:;—–")


def _sentence_start(seps: list[str], k: int) -> bool:
    """Does token ``k`` open a sentence (text start, or after . ! ? : or a line break)?"""
    if k < 0:
        return False
    sep = seps[k].rstrip(" \t«“\"'(")
    return (k == 0 and not sep) or (bool(sep) and sep[-1] in _SENTENCE_END)


def _capitalised(word: str) -> bool:
    """A word that starts with a capital letter (scripts with case only)."""
    return word[:1].isupper() and not word.isupper()


def _name_word(word: str) -> bool:
    """A capitalised word that is not a common word ("Haddad", not "The")."""
    return _capitalised(word) and word.lower() not in common_words()


def _single_word_ok(raw: str, word: str, variant_word: str) -> bool:
    """A one-word phonetic or fuzzy match needs a name-like word: not a common word,
    capitalised (or in another script), 5+ letters, and a close spelling, not only the
    same consonants (``Summary`` is not ``Samarra``, ``Asas`` is not ``ISIS``)."""
    if raw.lower() in common_words() or len(word) < 5:
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
    if ti.article == 1:
        return following_sep != ""
    return ti.article == 2 and following_sep in _JOINERS


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


def _window(toks: list[str], seps: list[str], info: dict[str, TokInfo], p: int, pos: int,
            size: int, covered: bytearray) -> tuple[int, int, list[str]] | None:
    """The ``size`` non-article tokens around ``p`` with ``p`` at position ``pos``."""
    n = len(toks)
    first = p
    for _ in range(pos):
        k = first - 1
        while k >= 0 and info[toks[k]].article and _is_article(info[toks[k]], seps[k + 1]):
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
        if ti.article and k + 1 < n and _is_article(ti, seps[k + 1]) and words:
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
