"""The C chunk-kind table (``_chunkkinds.c``) against ``str.split(" ")`` and a dict.

The table is compiled when translitnorm is installed (``pip install -e .``) on a machine
with a C compiler. Where it could not be built these tests fail and say so; set
``TRANSLITNORM_PURE_PYTHON=1`` to test the pure-Python scan alone (the scanner then never
uses the table, and the scan tests cover that path).
"""

from __future__ import annotations

from array import array
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import translitnorm.scan as scan_module
from tests.c_accelerators import PURE_PYTHON, accelerator_mark

pytestmark = accelerator_mark("_chunkkinds", "C chunk table", "the pure-Python scan alone")
if PURE_PYTHON:
    ChunkTable = None
else:
    from translitnorm._chunkkinds import ChunkTable

UNKNOWN = 3


def _starts(raw: bytes) -> list[int]:
    return array("q", raw).tolist()


def _expected(text: str, a: int, b: int, known: dict[str, int]) -> tuple[list[int], list[str]]:
    chunks = text[a:b].split(" ")
    return [known.get(c, UNKNOWN) for c in chunks], chunks


# words in the three storage kinds of str (Latin-1, two-byte, four-byte code points), so
# that keys and texts of different kinds meet
WORD = st.one_of(
    st.sampled_from(["", "Raqqa", "raqqa,", "al-Sham", "Ḥalab", "Ахрар", "الشام", "🙂x", "é",
                     "Raqqa\u00a0", "a"]),
    st.text(max_size=6).filter(lambda w: " " not in w),
)
TEXT = st.lists(WORD, max_size=30).map(" ".join)


@settings(max_examples=400, suppress_health_check=list(HealthCheck))
@given(TEXT, st.lists(st.tuples(WORD, st.integers(0, 2)), max_size=20), st.data())
def test_kinds_are_the_codes_of_the_split_chunks(
        text: str, pairs: list[tuple[str, int]], data: st.DataObject) -> None:
    table = ChunkTable()
    known: dict[str, int] = {}
    for chunk, code in pairs:
        table.set(chunk, code)
        known[chunk] = code
    # also chunks that stand in the text
    for chunk in data.draw(st.lists(st.sampled_from(text.split(" ")), max_size=5)):
        table.set(chunk, 1)
        known[chunk] = 1
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    codes, raw = table.kinds(text, a, b)
    want, chunks = _expected(text, a, b, known)
    assert list(codes) == want
    starts = _starts(raw)
    assert len(starts) == len(chunks) + 1 and starts[0] == a and starts[-1] == b + 1
    assert [text[s:e - 1] for s, e in pairwise(starts)] == chunks
    assert len(table) == len(known)


def test_a_key_matches_in_a_text_of_another_storage_kind() -> None:
    table = ChunkTable()
    table.set("Raqqa", 1)  # one byte per character
    table.set("Ахрар", 2)  # two
    text = "🙂 Raqqa Ахрар raqqa"  # four
    codes, _ = table.kinds(text, 0, len(text))
    assert list(codes) == [UNKNOWN, 1, 2, UNKNOWN]


def test_set_replaces_a_code_and_the_table_grows() -> None:
    table = ChunkTable()
    words = [f"w{i}" for i in range(5000)]
    for i, w in enumerate(words):
        table.set(w, i % 3)
    table.set("w7", 0)
    assert len(table) == 5000
    text = " ".join(words)
    codes, _ = table.kinds(text, 0, len(text))
    assert list(codes) == [0 if w == "w7" else i % 3 for i, w in enumerate(words)]


def test_bad_arguments_are_refused() -> None:
    table = ChunkTable()
    with pytest.raises(ValueError, match="0, 1 or 2"):
        table.set("x", 3)
    with pytest.raises(IndexError):
        table.kinds("abc", 2, 1)
    with pytest.raises(IndexError):
        table.kinds("abc", 0, 4)
    with pytest.raises(TypeError):
        table.kinds(b"abc", 0, 1)  # type: ignore[arg-type]


def test_the_scanner_uses_the_table_where_it_is_built() -> None:
    assert scan_module.CHUNK_TABLE is ChunkTable


def test_the_environment_can_turn_the_table_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRANSLITNORM_PURE_PYTHON", "1")
    assert scan_module._chunk_table_type() is None
    monkeypatch.delenv("TRANSLITNORM_PURE_PYTHON")
    assert scan_module._chunk_table_type() is ChunkTable


def _settled(codes: list[int], chunks: list[str], chains: dict[str, int],
             longest: int) -> list[int]:
    """What ChunkTable.settle should give (see _chunkkinds.c)."""
    out = list(codes)
    for k, code in enumerate(codes):
        if code != 2:
            continue
        for size in range(2, longest + 1):
            if k + size > len(chunks):
                break
            held = chains.get(" ".join(chunks[k:k + size]))
            if held != 2:
                if held is not None:
                    out[k] = held
                break
    return out


@settings(max_examples=400, suppress_health_check=list(HealthCheck))
@given(TEXT, st.data())
def test_settle_replaces_a_two_by_the_first_chain_held_as_settled(
        text: str, data: st.DataObject) -> None:
    kinds = ChunkTable()
    chunks = text.split(" ")
    for chunk in set(chunks):
        kinds.set(chunk, data.draw(st.integers(0, 2)))
    codes, starts = kinds.kinds(text, 0, len(text))
    chains = ChunkTable()
    held: dict[str, int] = {}
    for _ in range(data.draw(st.integers(0, 12))):  # chains of chunks that stand in the text
        k = data.draw(st.integers(0, len(chunks) - 1))
        size = data.draw(st.integers(2, 4))
        chain = " ".join(chunks[k:k + size])
        held[chain] = data.draw(st.integers(0, 2))
        chains.set(chain, held[chain])
    longest = data.draw(st.integers(2, 5))
    assert list(chains.settle(text, codes, starts, longest)) == \
        _settled(list(codes), chunks, held, longest)


def test_settle_refuses_starts_that_are_not_offsets() -> None:
    table = ChunkTable()
    codes, starts = table.kinds("a b", 0, 3)
    with pytest.raises(ValueError, match="len"):
        table.settle("a b", codes, starts[:-8], 6)
    bad = array("q", [0, 5, 4]).tobytes()
    with pytest.raises(ValueError, match="offsets"):
        table.settle("a b", codes, bad, 6)
