"""Spellings marked ``ambiguous: true``: ambiguous unless their sentence settles them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from translitnorm import Entry, Glossary, MatchConfig, Matcher, Relation, Variant, load_glossary
from translitnorm.cache import dump_index, load_index
from translitnorm.records import Match
from translitnorm.shared_spellings import SharedSpellings

GLOSSARY = Glossary(entries=(
    Entry(id="douma", canonical="Douma", type="place",
          variants=(Variant("Duma", ambiguous=True), Variant("Дума", ambiguous=True)),
          related=(Relation("eastern-ghouta", "located-in"),)),
    Entry(id="eastern-ghouta", canonical="Eastern Ghouta", type="place",
          variants=(Variant("Восточная Гута"),),
          related=(Relation("damascus", "located-in"),)),
    Entry(id="damascus", canonical="Damascus", type="place", variants=(Variant("Дамаск"),)),
    Entry(id="isi", canonical="Islamic State of Iraq", type="organization",
          variants=(Variant("ISI", case_sensitive=True, ambiguous=True),),
          related=(Relation("is", "predecessor-of"),)),
    Entry(id="is", canonical="Islamic State", type="organization",
          variants=(Variant("ISIL", case_sensitive=True),)),
    Entry(id="pakistan", canonical="Pakistan", type="place"),
))
MATCHERS = [Matcher(GLOSSARY), Matcher(GLOSSARY, MatchConfig(phonetic=False, fuzzy=False))]


def found(text: str, m: Matcher = MATCHERS[0]) -> list[tuple[str, str | None, tuple[str, ...]]]:
    return [(x.text, x.id, x.candidates) for x in m.annotate(text)]


def test_alone_a_marked_spelling_is_ambiguous_with_its_entry_as_the_candidate() -> None:
    for m in MATCHERS:
        assert found("Дума приняла закон.", m) == [("Дума", None, ("douma",))]
        assert found("Pakistan's ISI denied it.", m) == [
            ("Pakistan", "pakistan", ()), ("ISI", None, ("isi",))]


def test_a_related_entry_in_the_same_sentence_settles_it_either_way() -> None:
    for m in MATCHERS:
        assert found("ISI became ISIL in 2013.", m) == [
            ("ISI", "isi", ()), ("ISIL", "is", ())]
        assert found("Rebels held Duma in Eastern Ghouta.", m)[0] == ("Duma", "douma", ())


def test_the_places_it_is_in_settle_it_up_the_chain() -> None:
    # Douma is in Eastern Ghouta, which is in Damascus; an inflected form (Думе) is a
    # marked spelling too: only the Cyrillic spelling folds alike in its script
    for m in MATCHERS:
        assert found("а в сирийской Думе под Дамаском нет света", m) == [
            ("Думе", "douma", ()), ("Дамаском", "damascus", ())]
        assert found("Дума под Дамаском. Дума приняла закон.", m) == [
            ("Дума", "douma", ()), ("Дамаском", "damascus", ()),
            ("Дума", None, ("douma",))]  # the next sentence is on its own


def test_an_unmarked_spelling_is_never_changed_and_settles_a_marked_one() -> None:
    assert found("Douma was shelled.") == [("Douma", "douma", ())]
    assert found("In Douma, which locals call Duma, it rained.") == [
        ("Douma", "douma", ()), ("Duma", "douma", ())]


def test_marked_mentions_of_one_entry_do_not_settle_each_other() -> None:
    assert found("Duma and Duma again") == [("Duma", None, ("douma",))] * 2


def test_every_letter_case_of_a_marked_spelling_is_marked() -> None:
    assert found("DUMA VOTES TODAY")[0][1:] == (None, ("douma",))


def test_the_stored_index_keeps_the_marks() -> None:
    m = Matcher(GLOSSARY, index=load_index(dump_index(Matcher(GLOSSARY).index)))
    assert found("Дума приняла закон.", m) == [("Дума", None, ("douma",))]
    assert found("ISI became ISIL in 2013.", m)[0] == ("ISI", "isi", ())


def test_bundled_marked_spellings() -> None:
    m = Matcher(load_glossary())
    assert [(x.text, x.id) for x in m.annotate("Госдума? Нет: Дума приняла закон.")] == [
        ("Дума", None)]
    said = m.annotate("В Восточной Гуте «Джейш аль-Ислам» долго удерживала Думу.")
    assert [(x.text, x.id) for x in said][-1] == ("Думу", "douma")


WORDS = ["Duma", "Дума", "Douma", "Eastern Ghouta", "Дамаск", "ISI", "ISIL", "Pakistan",
         "the", "law", "and", "said"]


@settings(max_examples=200)
@given(st.lists(st.tuples(st.sampled_from(WORDS),
                          st.sampled_from([" ", " ", ". ", "\n\n", ", ", "! "])),
                min_size=1, max_size=14))
def test_a_match_is_settled_by_its_sentence_alone(parts: list[tuple[str, str]]) -> None:
    """Each match on a marked spelling is ambiguous exactly when no other entry of its
    support, and no unmarked mention of its own entry, is in its sentence; nothing else
    changes (same spans, same methods)."""
    text = "".join(w + sep for w, sep in parts)
    m = MATCHERS[1]
    shared = SharedSpellings(m.index)
    got = m.annotate(text)
    raw = m._scanner._scan(text)  # before settling
    assert [(x.start, x.end, x.method) for x in got] == [(x.start, x.end, x.method) for x in raw]
    for before, after in zip(raw, got, strict=True):
        if not shared.is_shared(before):
            assert after == before
            continue
        sentence = [x for x in raw if same_sentence(text, x, before) and x is not before]
        support = {"douma": {"douma", "eastern-ghouta", "damascus"},
                   "isi": {"isi", "is"}}[before.id or ""]
        settled = any(x.id in support and (x.id != before.id or not shared.is_shared(x))
                      for x in sentence)
        assert after.id == (before.id if settled else None)


def same_sentence(text: str, a: Match, b: Match) -> bool:
    lo, hi = sorted((a.start, b.start))
    between = text[lo:hi]
    return not any(end in between for end in (". ", "! ", "? ")) and "\n\n" not in between
