"""The scanner's shortcuts find exactly what the plain scans find.

* exact+folded mode: the fast path (slices, chunk kinds, chains, windows) against the full
  exact scan of the whole text;
* phonetic+fuzzy mode: the scan in pieces cut at sentence ends against the scan of the
  whole text;
* a stream of text (``annotate_stream``), cut into pieces, against the whole text.

Random texts mix glossary variants (as written, lower case, upper case, re-joined, with a
possessive, after an article), misspellings, ordinary and capitalised words, articles and
separators (@ and _ of user names too), in sentences with capitals or without; slices
and pieces are made tiny so that every boundary case is reached.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import translitnorm.matcher as matcher_module
import translitnorm.scan as scan_module
from translitnorm import Entry, Glossary, MatchConfig, Matcher, Relation, Variant
from translitnorm.stream import stream_chunks

from .engine_glossary import ENGINE_GLOSSARY

# names whose first words are common English words ("how", "us", "said"), as large
# generated glossaries have them
WORDY = Glossary(entries=(
    Entry(id="hou", canonical="Hou", type="person"),
    Entry(id="hous-tarim", canonical="Hous Tarim", type="person"),
    Entry(id="said-malik", canonical="Said al-Malik", type="person",
          variants=(Variant("Sayd el-Malik"),)),
    Entry(id="us-rahman", canonical="Us Rahman", type="organization"),
    Entry(id="thus-kafa", canonical="Thus Kafa bin Zaid", type="place"),
    Entry(id="human-ja", canonical="al-Human Ja", type="place"),
    # sounds like a word of the language ("Matter"), which is never matched alone
    Entry(id="matar-qadim", canonical="Matar Qadim", type="place"),
    Entry(id="dayr-zawr", canonical="Dayr az-Zawr", type="place",
          variants=(Variant("Deir Ez Zor"),)),
    # a spelling marked ambiguous: settled by its sentence (see shared_spellings.py)
    Entry(id="douma", canonical="Douma", type="place",
          variants=(Variant("Duma", ambiguous=True), Variant("Дума", ambiguous=True)),
          related=(Relation("dayr-zawr", "located-in"),)),
))
GLOSSARIES = [ENGINE_GLOSSARY, WORDY]


@contextmanager
def _without_the_c_table() -> Iterator[None]:
    """Scanners made here look their chunks up in Python (see scan.CHUNK_TABLE)."""
    old = scan_module.CHUNK_TABLE
    scan_module.CHUNK_TABLE = None
    try:
        yield
    finally:
        scan_module.CHUNK_TABLE = old


def _exact_matcher(g: Glossary) -> Matcher:
    return Matcher(g, MatchConfig(phonetic=False, fuzzy=False))


EXACT = [_exact_matcher(g) for g in GLOSSARIES]  # with the C chunk table where it is built
with _without_the_c_table():
    EXACT_PY = [_exact_matcher(g) for g in GLOSSARIES]
FULL = [Matcher(g) for g in GLOSSARIES]
with _without_the_c_table():
    FULL_PY = [Matcher(g) for g in GLOSSARIES]
VARIANTS = [[v.text for e in g.entries for v in e.all_variants()] for g in GLOSSARIES]
WORDS = ["the", "how", "How", "said", "us", "thus", "human", "Haddad", "Omar", "al", "el",
         "as", "Al", "AL", "IS", "WHY", "THIS", "and", "d'", "l'", "Abu", "bin", "2014", "🙂",
         "—", "(", ")", "«", "»", ".", ",", "to", "Tuesday", "ISIS's", "x",
         "said Malik", "said al-Malik", "us Rahman",  # (a lower-case word before a name)
         "az", "Az", "ez", "Zawr", "Zor",  # (a sun article written apart)
         "Human", "Thus", "Told", "Human Ja", "Hous",  # (words of the language, capitalised)
         "Matter", "Matter Qadim", "Matter al-Qadim", "Qadim", "rights"]
SEPS = st.sampled_from([" "] * 10 + ["  ", "-", "\n", "\n\n", ", ", ". ", "! ", ". (", " - ",
                                     "'", "", " @", "_", "@"])  # (user names)


def _shape(variant: str, how: int) -> str:
    return [variant, variant.lower(), variant.upper(), variant.replace("-", " "),
            variant.replace(" ", "-"), variant + "'s", variant + ".", "al-" + variant][how]


def _typo(variant: str, i: int) -> str:
    if len(variant) < 3:
        return variant
    i %= len(variant) - 1
    return variant[:i] + variant[i + 1:] if i % 2 else \
        variant[:i] + variant[i + 1] + variant[i] + variant[i + 2:]


def _texts(variants: list[str]) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(WORDS),
                      st.builds(_shape, st.sampled_from(variants), st.integers(0, 7)),
                      st.builds(_typo, st.sampled_from(variants), st.integers(0, 20)),
                      st.text(max_size=4))
    return st.lists(st.tuples(piece, SEPS), max_size=40).map(
        lambda pairs: "".join(a + b for a, b in pairs))


CASES = st.integers(0, len(GLOSSARIES) - 1).flatmap(
    lambda g: st.tuples(st.just(g), _texts(VARIANTS[g]), st.integers(1, 40)))


@contextmanager
def _small_stream_pieces() -> Iterator[None]:
    """Stream pieces of a few characters, so that a short text is cut at every place."""
    setattr(matcher_module, "stream_chunks", partial(stream_chunks, min_size=8))  # noqa: B010
    try:
        yield
    finally:
        setattr(matcher_module, "stream_chunks", stream_chunks)  # noqa: B010


@contextmanager
def _small(**values: int) -> Iterator[None]:
    """Tiny slices / pieces, so that a short text crosses many of their boundaries."""
    old = {name: getattr(scan_module, name) for name in values}
    for name, value in values.items():
        setattr(scan_module, name, value)
    try:
        yield
    finally:
        for name, value in old.items():
            setattr(scan_module, name, value)


def settled(scanner: scan_module.Scanner, text: str,
            found: list[matcher_module.Match]) -> list[matcher_module.Match]:
    """What a scan returns once the spellings marked ambiguous are settled (the step after
    the scan proper, the same for every path; see test_shared_spellings.py)."""
    return scanner._shared.settle(text, found) if found else found


@settings(max_examples=300, suppress_health_check=list(HealthCheck))
@given(CASES)
def test_fast_path_equals_the_full_exact_scan(case: tuple[int, str, int]) -> None:
    g, text, slice_size = case
    for matcher in EXACT[g], EXACT_PY[g]:  # chunk kinds looked up in C, and in Python
        full = settled(matcher._scanner, text,
                       [m for m, _ in matcher._scanner._exact(text)[0]])
        assert matcher.annotate(text) == full
        with _small(_SLICE=slice_size):
            fast = matcher.annotate(text)
        assert fast == full
        for m in fast:
            assert text[m.start:m.end] == m.text


def test_the_python_chunk_pass_is_tested_too() -> None:
    assert all(m._scanner._chunks.table is None for m in EXACT_PY)
    assert all(m._scanner._chunks.fuzzy_table is None for m in FULL_PY)


@settings(max_examples=150, suppress_health_check=list(HealthCheck))
@given(CASES)
def test_scan_in_pieces_equals_the_whole_scan(case: tuple[int, str, int]) -> None:
    g, text, slice_size = case
    for scanner in FULL[g]._scanner, FULL_PY[g]._scanner:  # (pieces found in C, in Python)
        whole = settled(scanner, text, scanner._scan_whole(text))
        with _small(_SLICE=slice_size, _PIECE_MIN=0):
            pieces = scanner.scan(text)
        assert pieces == whole
        for m in pieces:
            assert text[m.start:m.end] == m.text


def test_a_word_of_the_language_starts_a_piece_only_beside_a_name() -> None:
    # "Matter" sounds like the first word of Matar Qadim but is never matched alone: with
    # only lower-case words beside it, its sentence holds nothing to find
    text = ("They left. Matter of fact, nobody came. Told you so. Matter Qadim fell. "
            "Qadim was quiet. Matter al-Qadim fell too.")
    for scanner in FULL[1]._scanner, FULL_PY[1]._scanner:
        with _small(_PIECE_MIN=0):
            pieces = [text[a:b] for a, b in scanner._pieces(text)]
            found = scanner.scan(text)
        assert not any("Matter of fact" in p for p in pieces)
        assert any("Matter Qadim" in p for p in pieces)
        assert found == settled(scanner, text, scanner._scan_whole(text))
        assert [(m.text, m.id, m.method) for m in found] == [
            ("Matter Qadim", "matar-qadim", "phonetic"),
            ("Matter al-Qadim", "matar-qadim", "phonetic")]


def test_a_variant_start_without_candidates_starts_a_piece_only_where_it_is_scanned() -> None:
    # lower-case "said", "how", "us", "thus" start variants ("Said al-Malik") but have no
    # phonetic/fuzzy candidate, and the exact scan rejects them in lower case whatever
    # follows: their sentences hold nothing to find
    text = ("They left. said nothing at all. how odd. us and them. thus it went. "
            "Said al-Malik came. Hous Tarim. the human touch. Told you.")
    for scanner in FULL[1]._scanner, FULL_PY[1]._scanner:
        with _small(_PIECE_MIN=0):
            found = scanner.scan(text)
            assert {"said", "how", "us", "thus"} <= scanner._chunks.gate_only
            todo = scanner._exact_todo(text)
            assert todo is not None
            pieces = [text[a:b] for a, b in scanner._pieces(text, {p for p, _ in todo})]
            every = [text[a:b] for a, b in scanner._pieces(text)]
        assert pieces == ["Said al-Malik came. Hous Tarim. "]
        assert any("said nothing" in p for p in every)  # (without the exact scan's word)
        assert found == settled(scanner, text, scanner._scan_whole(text))
        assert [(m.text, m.id) for m in found] == [("Said al-Malik", "said-malik"),
                                                  ("Hous Tarim", "hous-tarim")]


def test_a_rejected_span_also_takes_the_next_chunk() -> None:
    # "muslim al-shishani" folds like a name but is lower case in a sentence with capitals:
    # rejected as a whole, so "al-shishani" is not looked at again (as in a full scan)
    text = "Officials named muslim al-shishani "
    matcher = EXACT[0]
    assert matcher.annotate(text) == [m for m, _ in matcher._scanner._exact(text)[0]] == []


def test_an_article_before_a_sentence_end_does_not_join_the_next_word() -> None:
    text = "They met al. Raqqa fell. " * 2000  # long enough to be scanned in pieces
    scanner = FULL[0]._scanner
    found = scanner.scan(text)
    assert found == scanner._scan_whole(text)
    assert {m.text for m in found} == {"Raqqa"}


@settings(max_examples=300, suppress_health_check=list(HealthCheck))
@given(CASES, st.integers(1, 30))
def test_a_stream_in_pieces_equals_the_whole_text(case: tuple[int, str, int],
                                                   size: int) -> None:
    g, text, _ = case
    matcher = FULL[g]
    chunks = [text[i:i + size] for i in range(0, len(text), size)]
    with _small_stream_pieces():
        streamed = list(matcher.annotate_stream(chunks))
    assert streamed == matcher.annotate(text)


def test_caches_that_fill_up_on_the_way_change_nothing() -> None:
    # many distinct words: the word and chunk caches are emptied in the middle of a scan
    variants = VARIANTS[0]
    pieces = []
    for i in range(300):
        pieces += [f"Word{i}", variants[i % len(variants)], "said", "the"]
    text = " ".join(pieces)
    with _small(_SLICE=50, MAX_CACHE=120, _PIECE_MIN=0):
        matchers = [_exact_matcher(ENGINE_GLOSSARY)]
        with _without_the_c_table():
            matchers.append(_exact_matcher(ENGINE_GLOSSARY))
        for matcher in matchers:
            for _ in range(2):
                assert matcher.annotate(text) == \
                    [m for m, _ in matcher._scanner._exact(text)[0]]
        scanners = [Matcher(ENGINE_GLOSSARY)._scanner]
        with _without_the_c_table():
            scanners.append(Matcher(ENGINE_GLOSSARY)._scanner)
        for scanner in scanners:
            assert scanner.scan(text) == scanner._scan_whole(text)



class _CountingText(str):
    """A text that adds up how many characters its ``rfind`` calls search."""

    searched = 0

    def rfind(self, sub: str, start: int | None = None,  # type: ignore[override]
              end: int | None = None) -> int:
        lo = 0 if start is None else start
        hi = len(self) if end is None else end
        _CountingText.searched += max(0, hi - lo)
        return super().rfind(sub, start, end)


def test_pieces_are_cut_without_searching_back_to_the_start() -> None:
    # a text with no "!" nor "?": each piece's start was once looked for back to the start
    # of the text (minutes for 10 MB); now only back to the end of the last piece
    sentence = "Officials said Raqqa fell. Nothing else happened there. "
    text = _CountingText(sentence * 400)
    _CountingText.searched = 0
    scanner = FULL[0]._scanner
    with _small(_SLICE=64):
        pieces = scanner._pieces(text)
    assert len(pieces) > 100  # one piece a sentence with Raqqa
    assert _CountingText.searched < 10 * len(text)  # (back to the start: 200 times that)


@settings(max_examples=300, suppress_health_check=list(HealthCheck))
@given(CASES, st.data())
def test_a_closed_side_means_no_window_needs_it(case: tuple[int, str, int],
                                                data: st.DataObject) -> None:
    g, text, _ = case
    scanner = FULL[g]._scanner
    parts = scan_module.split_text(text)
    toks, seps = parts[1::2], parts[0::2]
    info = scanner._prepare(toks)
    covered = bytearray(data.draw(st.lists(st.booleans(), min_size=len(toks),
                                           max_size=len(toks))))
    for p in range(len(toks)):
        no_left, no_right = scan_module._closed_sides(toks, seps, info, p, covered)
        for size in range(2, 5):
            for pos in range(size):
                window = scan_module._window(toks, seps, info, p, pos, size, covered)
                if (pos and no_left) or (pos < size - 1 and no_right):
                    assert window is None, (toks, p, pos, size)
