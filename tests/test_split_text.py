"""split_text (an ASCII shortcut, possessive patterns) splits as the plain token pattern does."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from translitnorm.tokenize import TOKEN_PATTERN, split_text

REFERENCE = re.compile(f"({TOKEN_PATTERN})")

ASCII = st.text(alphabet=st.characters(max_codepoint=127), max_size=60)
WORDY_ASCII = st.lists(st.sampled_from(["al", "Sham", "ISIS", "2014", "'", "`", "'s", "_", "-",
                                        " ", "  ", ".", "\n", "d'", "x`y", "''"]),
                       max_size=20).map("".join)
# letters of several scripts, combining marks, apostrophe-like marks, separators
MIXED = st.text(alphabet="aZ9_ é ḥ ش ш ٰ \u0301\u0308\u064b\u200c\u200d\u20d0 '’ʼʹʻ`´ʿʾ -.·",
                max_size=40)


@given(st.one_of(ASCII, WORDY_ASCII, MIXED, st.text(max_size=40)))
@example("Bay'ah l'EI d`Alep ISIS's __init__ a''b '")
@example("Raqqa\u0301 ar-Raqqah ʿAbd al-ʾIlah \u0301x x\u200c'\u0301")
def test_split_text_equals_the_plain_token_pattern(text: str) -> None:
    assert split_text(text) == REFERENCE.split(text)
