"""translitnorm.lint.lint_glossary on small hand-made glossaries."""

from __future__ import annotations

from pathlib import Path

from translitnorm.lint import has_errors, lint_glossary
from translitnorm.loader import load_glossary
from translitnorm.model import Entry, Glossary, Location, Relation, Source, Variant
from translitnorm.wordlists import common_words

SRC = (Source(text="test"),)


def entry(eid: str, canonical: str, *variants: Variant, **kw: object) -> Entry:
    fields: dict[str, object] = {"type": "term", "definition": "Something.", "sources": SRC}
    fields.update(kw)
    return Entry(id=eid, canonical=canonical, variants=variants, **fields)  # type: ignore[arg-type]


def codes(g: Glossary, **kw: object) -> list[tuple[str, str]]:
    return [(p.code, p.severity) for p in lint_glossary(g, **kw)]  # type: ignore[arg-type]


def test_clean_glossary_has_no_findings() -> None:
    g = Glossary(entries=(entry("raqqa", "Raqqa", Variant("Rakka")), entry("aleppo", "Aleppo")))
    assert lint_glossary(g) == []


def test_collision_after_folding_is_an_error() -> None:
    g = Glossary(
        entries=(
            entry(
                "a", "Ahrar al-Sham", Variant("Ahrar as-Sham", location=Location("g.yaml", 5, 9))
            ),
            entry(
                "b", "Harakat Ahrar", Variant("AHRAR AL SHAM", location=Location("g.yaml", 12, 9))
            ),
        )
    )
    problems = lint_glossary(g)
    [p] = [p for p in problems if p.code == "variant-collision"]
    assert p.severity == "error"
    assert str(p.location) == "g.yaml:12:9"
    assert "'AHRAR AL SHAM' of b" in p.message and "'Ahrar al-Sham' of a" in p.message
    assert "ambiguous: true" in (p.hint or "")
    assert has_errors(problems)


def test_collision_declared_ambiguous_on_both_is_a_warning() -> None:
    g = Glossary(
        entries=(
            entry("umar", "Umar al-Shishani", Variant("al-Shishani", ambiguous=True)),
            entry("muslim", "Muslim al-Shishani", Variant("al-Shishani", ambiguous=True)),
        )
    )
    [p] = lint_glossary(g)
    assert (p.code, p.severity) == ("declared-ambiguous", "warning")
    assert "declared ambiguous" in p.message


def test_collision_declared_on_one_side_only_is_an_error() -> None:
    g = Glossary(
        entries=(
            entry("umar", "Umar al-Shishani", Variant("al-Shishani", ambiguous=True)),
            entry("muslim", "Muslim al-Shishani", Variant("al-Shishani")),
        )
    )
    assert ("variant-collision", "error") in codes(g)


def test_spellings_within_one_entry_do_not_collide() -> None:
    g = Glossary(entries=(entry("raqqa", "Raqqa", Variant("RAQQA"), Variant("ar-Raqqa")),))
    assert [c for c, _ in codes(g)] == []


def test_common_words_and_short_variants() -> None:
    g = Glossary(
        entries=(
            entry(
                "islamic-state",
                "Islamic State",
                Variant("IS"),
                Variant("the"),
                Variant("ISIL", case_sensitive=True),
                Variant("Dae"),
            ),
        )
    )
    found = {(p.code, p.message.split("'")[1]) for p in lint_glossary(g)}
    assert found == {("common-word", "IS"), ("common-word", "the"), ("short-variant", "Dae")}


def test_short_uncased_scripts_are_not_flagged() -> None:
    g = Glossary(entries=(entry("x", "Xanadu", Variant("داعش", lang="ar")),))
    assert codes(g) == []


def test_custom_word_list() -> None:
    g = Glossary(
        entries=(
            entry(
                "x",
                "Xanadu",
                Variant("Xanadus"),
            ),
        )
    )
    assert codes(g, words=["xanadus"]) == [("common-word", "warning")]


def test_near_duplicate_entries() -> None:
    g = Glossary(
        entries=(
            entry("brigade-1", "Ahrar al-Sham Brigade"),
            entry("brigade-2", "Ahrar al-Sham Brigades"),
            entry("other", "Liwa al-Tawhid"),
        )
    )
    [p] = lint_glossary(g, key=str.casefold)
    assert (p.code, p.severity) == ("near-duplicate", "warning")
    assert "brigade-2" in p.message and "brigade-1" in p.message
    assert lint_glossary(g, key=str.casefold, near_duplicate_ratio=99.5) == []


def test_non_latin_variant_without_lang_or_script() -> None:
    g = Glossary(
        entries=(
            entry(
                "raqqa",
                "Raqqa",
                Variant("الرقة"),
                Variant("Ракка", script="Cyrl"),
                Variant("Rakka"),
            ),
        )
    )
    problems = lint_glossary(g)
    assert [(p.code, p.message.split("'")[1]) for p in problems] == [
        ("missing-lang-script", "الرقة")
    ]


def test_missing_definition_source_and_dangling_related() -> None:
    g = Glossary(
        entries=(
            Entry(
                id="a",
                canonical="Alpha",
                type="term",
                related=(Relation("b", "member-of"), Relation("ghost", "successor-of")),
            ),
            entry("b", "Beta"),
        )
    )
    found = sorted(codes(g))
    assert found == [
        ("dangling-related", "error"),
        ("no-definition", "warning"),
        ("no-source", "warning"),
    ]
    [p] = [p for p in lint_glossary(g) if p.code == "dangling-related"]
    assert "'ghost'" in p.message


def test_common_word_list_is_shipped() -> None:
    words = common_words()
    assert 250 <= len(words) <= 1000
    assert {"the", "is", "und", "der", "les", "et"} <= words
    assert {"chechens", "tschetschenen", "tchétchènes"} <= words  # peoples, not places


def test_problems_come_in_file_order(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text(
        "entries:\n"
        "  - {id: a, canonical: Alpha, type: term, definition: '', variants: [the]}\n"
        "  - {id: b, canonical: Beta, type: term, definition: 'B.', variants: [XY],"
        " sources: [s]}\n",
        encoding="utf-8",
    )
    problems = lint_glossary(load_glossary(g))
    lines = [p.location.line for p in problems if p.location]
    assert lines == sorted(lines)
    assert {p.code for p in problems} >= {
        "common-word",
        "short-variant",
        "no-definition",
        "no-source",
    }


def test_bundled_glossary_has_no_lint_errors() -> None:
    problems = lint_glossary(load_glossary())
    errors = [str(p) for p in problems if p.severity == "error"]
    assert errors == []


def test_a_variant_never_found_in_running_text_is_flagged() -> None:
    g = Glossary(entries=(
        Entry(id="union", canonical="Union Party", type="organization", definition="A party.",
              sources=(Source("a note"),),
              variants=(Variant("Party «Union»"), Variant("unionparty.example"),
                        Variant("People's Union"), Variant("Union (Party)"))),
    ))
    found = [(p.code, p.message, p.hint) for p in lint_glossary(g, key=str.casefold)]
    never = "is never found in running text"
    assert found == [
        ("unreachable-variant", f"variant 'Party «Union»' of union {never}",
         "a name is not read across '«' '»'; add the spelling without them"),
        ("unreachable-variant", f"variant 'unionparty.example' of union {never}",
         "a name is not read across '.'; add the spelling without them"),
        ("unreachable-variant", f"variant 'Union (Party)' of union {never}",
         "a name is not read across '(' ')'; add the spelling without them"),
    ]  # (an apostrophe inside a name is read: People's Union is found)


def test_dictionary_words_are_the_common_words_and_the_shipped_list() -> None:
    from importlib import resources

    from translitnorm.wordlists import dictionary_words

    path = resources.files("translitnorm").joinpath("data/dictionary_words.txt")
    lines = [ln for ln in path.read_text("utf-8").splitlines() if not ln.startswith("#")]
    assert lines == sorted(set(lines)) and len(lines) > 10_000
    assert all(w == w.casefold() and w.isalpha() and len(w) >= 4 for w in lines)
    words = dictionary_words()
    assert common_words() <= words and words == common_words() | set(lines)
    assert {"human", "matter", "staat", "matière"} <= words
    assert not {"raqqa", "kobani", "shishani", "nusra"} & words
