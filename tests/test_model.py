"""The data model's own rules (``model.py``)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from translitnorm.model import Entry, Location, Variant

TEXTS = st.sampled_from(["Raqqa", "ar-Raqqah", "Ракка", "الرقة", "raqqa", ""])


@given(TEXTS, st.lists(TEXTS, max_size=5))
def test_all_variants_puts_the_canonical_form_first_unless_it_is_listed(
        canonical: str, texts: list[str]) -> None:
    where = Location("raqqa.yaml", 3, 5)
    listed = tuple(Variant(t, lang="en") for t in texts)
    e = Entry(id="raqqa", canonical=canonical, type="place", variants=listed, location=where)
    got = e.all_variants()
    if canonical in texts:  # (the listed one, with its own fields)
        assert got == listed
    else:
        assert got == (Variant(canonical), *listed)
        assert got[0].location == where  # (not compared by ==)
    assert [v.text for v in got].count(canonical) == max(1, texts.count(canonical))
