"""The ASCII shortcut of the scanner's splitter gives exactly what split_text gives."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from translitnorm.ascii_split import split_parts
from translitnorm.tokenize import split_text

ASCII = st.text(alphabet=st.characters(max_codepoint=127), max_size=60)
WORDY_ASCII = st.lists(st.sampled_from(["al", "Sham", "ISIS", "2014", "'", "`", "'s", "_", "-",
                                        " ", "  ", ".", "\n", "d'", "x`y", "''"]),
                       max_size=20).map("".join)


@given(st.one_of(ASCII, WORDY_ASCII, st.text(max_size=40)))
@example("Bay'ah l'EI d`Alep ISIS's __init__ a''b '")
@example("Raqqa\u0301 ar-Raqqah")
def test_split_parts_equals_split_text(text: str) -> None:
    assert split_parts(text) == split_text(text)
