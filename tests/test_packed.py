"""PackedStrings behaves like the list of strings it was packed from."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import translitnorm.packed as packed_module
from translitnorm.packed import PackedStrings

strings = st.lists(st.text(max_size=12), max_size=30)


@given(strings, st.booleans(), st.data())
def test_packed_strings_read_like_the_list(items: list[str], utf8: bool,
                                           data: st.DataObject) -> None:
    packed = PackedStrings.pack(items, utf8=utf8)
    assert isinstance(packed.parts()[0], bytes if utf8 else str)
    assert len(packed) == len(items)
    assert list(packed) == items
    assert packed == items and packed == PackedStrings(*packed.parts())
    assert packed == PackedStrings.pack(items, utf8=not utf8)  # (the other form)
    assert packed.is_ascii() == all(map(str.isascii, items))
    assert list(pickle.loads(pickle.dumps(packed))) == items
    if items:
        i = data.draw(st.integers(-len(items), len(items) - 1))
        assert packed[i] == items[i]
    a, b = data.draw(st.integers(-40, 40)), data.draw(st.integers(-40, 40))
    assert packed[a:b] == items[a:b]


@given(strings)
def test_out_of_range_is_an_index_error(items: list[str]) -> None:
    packed = PackedStrings.pack(items)
    with pytest.raises(IndexError):
        packed[len(items)]
    with pytest.raises(IndexError):
        packed[-len(items) - 1]


def test_unequal_contents_and_damaged_offsets() -> None:
    assert PackedStrings.pack(["ab", "c"]) != ["a", "bc"]
    assert PackedStrings.pack(["ab"]) != ["ab", ""]
    with pytest.raises(ValueError):
        PackedStrings("abc", b"\x01\x00")  # not a whole number of offsets
    with pytest.raises(ValueError):
        PackedStrings("abc", PackedStrings.pack(["abcd"]).parts()[1])  # offsets past the end


def test_offsets_are_int32_until_the_text_is_too_long_for_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    items = ["Raqqa", "ar-Raqqah", "", "الرقة"]
    small = PackedStrings.pack(items)
    assert len(small.parts()[1]) == 4 * len(items)  # int32
    # (a text of 2**31 characters is too large to test: the int64 path, forced)
    monkeypatch.setattr(packed_module, "offset_typecode", lambda length: "q")
    large = PackedStrings.pack(items)
    assert len(large.parts()[1]) == 8 * len(items)
    assert list(large) == items and list(PackedStrings(*large.parts())) == items
