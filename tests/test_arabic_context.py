"""Arabic-script context guards: sentences of our own where a name is also an ordinary
word or part of another person's name, next to ones where it is the name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translitnorm import MatchConfig, Matcher, load_glossary
from translitnorm.arabic_context import arabic_context_ok, cues, normalise

MATCHER = Matcher(load_glossary())
FAST = Matcher(load_glossary(), MatchConfig(phonetic=False, fuzzy=False))


def found(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in MATCHER.annotate(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the ordinary nouns: door, base, lion
        ("أغلق الحارس الباب خلفه.", []),
        ("وقف عند الباب الرئيسي للمبنى.", []),
        ("هبطت الطائرة في القاعدة العسكرية قرب الساحل.", []),
        ("زار الأطفال الأسد الإفريقي في الحديقة.", []),
        # the names
        ("سيطرت الفصائل على الباب بعد أسابيع.", [("الباب", "al-bab")]),
        ("نزح السكان من ريف الباب.", [("الباب", "al-bab")]),
        ("اختلف مقاتلو القاعدة حول البيعة.", [("القاعدة", "al-qaeda"), ("البيعة", "bayah")]),
        ("عبر اللاجئون الحدود ليلاً.", []),   # the border
        ("أعلن التنظيم تطبيق الحدود في المدينة.", [("الحدود", "hudud")]),
    ],
)
def test_ordinary_nouns_need_the_reading_of_a_name(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتل محمد الشيشاني في الاشتباك.", []),                 # a given name before it
        ("وصل عبد الرحمن الشيشاني إلى المعبر.", []),            # a compound given name
        ("وصل أبو عمر الشيشاني إلى المعبر.", [("أبو عمر الشيشاني", "umar-shishani")]),
        ("قال الناشط جهاد إن الطريق مغلق.", []),                 # the activist Jihad
        ("قالت الممرضة جهاد السالم إن الدواء نفد.", []),         # any definite noun before
        ("أعلن المقاتلون الجهاد في البلدة.", [("الجهاد", "jihad")]),
        # a term heading a construct with an unlisted name is not the term
        ("خرج أنصار النظام إلى الشارع.", []),
        ("أعلن التنظيم ولاية حلب.", [("ولاية", "wilayah"), ("حلب", "aleppo")]),
        ("قاتل الأنصار والمهاجرون معاً.", [("الأنصار", "ansar")]),
        ("التقى الصحفي بأبو جهاد.", []),
        ("تحدث الخطيب عن الجهاد والهجرة.", [("الجهاد", "jihad"), ("الهجرة", "hijra")]),
        ("نشر القائد الجهادي بياناً.", [("الجهادي", "jihadist")]),
    ],
)
def test_given_names_and_titles_make_a_person(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ansar al-Islam denied it.", []),            # an unlisted group's name goes on
        ("They met Ansar al-Sharia fighters.", []),   # ... also when it goes on with a term
        ("He spoke of Sharia courts.", [("Sharia", "sharia")]),
        ("They call it Wilayat al-Raqqa.", [("Wilayat", "wilayah"), ("al-Raqqa", "raqqa")]),
        ("The ansar and the muhajirin", [("ansar", "ansar"), ("muhajirin", "muhajir")]),
    ],
)
def test_capitalised_term_before_an_unlisted_name(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Abu in the genitive (after a preposition) and the accusative (an object)
        ("نقل البيان عن أبي بكر البغدادي.", [("أبي بكر البغدادي", "abu-bakr-al-baghdadi")]),
        ("بايعوا أبا بكر البغدادي.", [("أبا بكر البغدادي", "abu-bakr-al-baghdadi")]),
        ("كتب لأبي عمر الشيشاني.", [("أبي عمر الشيشاني", "umar-shishani")]),  # li- + Abi
        ("ولأبي عمر الشيشاني أتباع.", [("أبي عمر الشيشاني", "umar-shishani")]),  # wa-li-
        ("ولعمر الشيشاني أتباع.", [("عمر الشيشاني", "umar-shishani")]),
        ("followers of Abi Bakr al-Baghdadi", [("Abi Bakr al-Baghdadi",
                                                 "abu-bakr-al-baghdadi")]),
        ("أصبح أميراً للتنظيم.", [("أميراً", "emir")]),  # the accusative's alif
        # the article after one or two proclitics: the span starts at the article
        ("عاد النازحون للرقة.", [("لرقة", "raqqa")]),
        ("وللرقة تاريخ طويل.", [("لرقة", "raqqa")]),
        ("وبالرقة سوق قديم.", [("الرقة", "raqqa")]),
        ("رقة المشاعر", []),  # without the article it is another word
        # not the kunya: "my father", another Abu Bakr
        ("قال إن أبي كان تاجراً.", []),
        ("درسوا سيرة أبي بكر الصديق.", []),
        ("وصلوا إلى حلبا شمال لبنان.", []),  # Halba, not حلب with an accusative alif
    ],
)
def test_abu_in_other_cases_and_joined_proclitics(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert found(text) == expected
    assert [(m.text, m.id) for m in FAST.annotate(text)] == expected  # the fast path too


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name is written with its article or without it: الحمص "the chickpeas" is not
        # حمص, while a term, a common noun, takes the article freely
        ("طبق الحمص من حمص", [("حمص", "homs")]),
        ("دعا المجاهدين إلى الجهاد", [("المجاهدين", "mujahideen"), ("الجهاد", "jihad")]),
        ("عاد إلى الرقة", [("الرقة", "raqqa")]),
        # a tatweel that draws out a proclitic stays outside the span with it
        ("وصفهم بـالمجاهدين", [("المجاهدين", "mujahideen")]),
        ("مرّوا بـحمص", [("حمص", "homs")]),
    ],
)
def test_the_article_of_a_name_and_a_drawn_out_proclitic(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert found(text) == expected
    assert [(m.text, m.id) for m in FAST.annotate(text)] == expected  # the fast path too


def test_shared_surname_alone_stays_ambiguous() -> None:
    (m,) = MATCHER.annotate("أعلن التنظيم مقتل «الشيشاني» أمس.")
    assert m.id is None and "umar-shishani" in m.candidates


def test_lists_are_normalised_and_disjoint_where_it_matters() -> None:
    c = cues()
    places = c.name_cues["place"]
    assert c.given_names and c.titles and c.ordinary_nouns and places
    assert all(normalise(w) == w for w in c.given_names | c.titles | places)
    assert not c.titles & places


@given(st.text())
def test_normalise_is_idempotent(word: str) -> None:
    assert normalise(normalise(word)) == normalise(word)


@given(st.lists(st.sampled_from(["person", "place", "term", "organization"]), min_size=1),
       st.text(), st.text(), st.text(), st.text(), st.booleans())
def test_guard_answers_any_input(types: list[str], word: str, before: str, before2: str,
                                 after: str, one_word: bool) -> None:
    assert isinstance(arabic_context_ok(types, word, before, before2, after,
                                        one_word=one_word), bool)
