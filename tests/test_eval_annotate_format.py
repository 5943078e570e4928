"""The gold corpus for the annotation benchmark parses, is consistent and uses real ids."""

from __future__ import annotations

import importlib.util
import itertools
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from translitnorm import Match

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data" / "annotate"
GLOSSARY = ROOT / "glossary"
EXAMPLE = ROOT / "examples" / "syria-report.txt"
LANGS = ("en", "fr", "de", "ru", "ar")
GOLD_FILES = [*(f"{lang}.txt" for lang in LANGS), "example-gold.txt"]


def _load_eval() -> ModuleType:
    name = "eval_annotate"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "eval_annotate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


ev = _load_eval()


def _glossary_ids() -> set[str]:
    ids: set[str] = set()
    for path in sorted(GLOSSARY.glob("*.yaml")):
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries = data.get("entries", []) if isinstance(data, dict) else data
        for entry in entries or []:
            if isinstance(entry, dict) and "id" in entry:
                ids.add(str(entry["id"]))
    return ids


def _parse(name: str) -> tuple[str, list[Any], list[Any]]:
    result: tuple[str, list[Any], list[Any]] = ev.parse_gold(
        (DATA / name).read_text(encoding="utf-8")
    )
    return result


# ------------------------------------------------------------------ the markup parser


def test_parse_offsets_and_kinds() -> None:
    text = (
        "[[IS|islamic-state]] {{is}} in [[ar-Raqqa|raqqa]]; "
        "[[al-Shishani|?umar-shishani,muslim-al-shishani]] w[[الرقة|raqqa]].\n"
        "Line two: [[ISIS|islamic-state]]’s {{Sham}} shop."
    )
    plain, mentions, lookalikes = ev.parse_gold(text)
    assert plain == ("IS is in ar-Raqqa; al-Shishani wالرقة.\nLine two: ISIS’s Sham shop.")
    assert [m.surface for m in mentions] == ["IS", "ar-Raqqa", "al-Shishani", "الرقة", "ISIS"]
    for m in mentions:
        assert plain[m.start : m.end] == m.surface
    for la in lookalikes:
        assert plain[la.start : la.end] == la.surface
    assert [la.surface for la in lookalikes] == ["is", "Sham"]
    amb = mentions[2]
    assert amb.ambiguous and set(amb.ids) == {"umar-shishani", "muslim-al-shishani"}
    assert amb.label == "?muslim-al-shishani,umar-shishani"
    assert not mentions[0].ambiguous and mentions[0].label == "islamic-state"
    assert [m.line for m in mentions] == [1, 1, 1, 1, 2]


def test_parse_plain_text_unchanged() -> None:
    assert ev.parse_gold("no markup | here") == ("no markup | here", [], [])


@pytest.mark.parametrize(
    "bad",
    [
        "[[Raqqa|raqqa",  # unclosed
        "Raqqa|raqqa]]",  # stray closer
        "{{Sham",  # unclosed look-alike
        "Sham}}",  # stray closer
        "[[Raqqa]]",  # no id
        "[[Raqqa|Raqqa]]",  # id not lowercase
        "[[al-Shishani|?umar-shishani]]",  # ambiguous with one id
        "[[al-Shishani|umar-shishani,muslim-al-shishani]]",  # several ids without ?
        "[[ Raqqa|raqqa]]",  # whitespace in surface
        "[[[[Raqqa|raqqa]]|raqqa]]",  # nested
        "{{[[Raqqa|raqqa]]}}",  # nested
        "[[Raq\nqa|raqqa]]",  # line break
    ],
)
def test_parse_rejects_malformed(bad: str) -> None:
    with pytest.raises(ev.GoldFormatError):
        ev.parse_gold(bad)


# ------------------------------------------------------------------ the corpus files


@pytest.mark.parametrize("name", GOLD_FILES)
def test_corpus_file_parses(name: str) -> None:
    plain, mentions, lookalikes = _parse(name)
    for token in ("[[", "]]", "{{", "}}"):
        assert token not in plain, f"{name}: leftover {token!r}"
    assert len(mentions) >= 40, f"{name}: only {len(mentions)} gold mentions"
    assert len(lookalikes) >= 3, f"{name}: only {len(lookalikes)} look-alikes"
    spans = sorted([(m.start, m.end) for m in mentions] + [(x.start, x.end) for x in lookalikes])
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start, f"{name}: overlapping gold spans"
    for m in mentions:
        assert plain[m.start : m.end] == m.surface
        assert m.surface == m.surface.strip()
        # Span conventions: no possessive, no surrounding punctuation or quotes.
        assert not m.surface.endswith(("'s", "’s")), m.surface
        assert m.surface[0] not in "\"'«“„(" and m.surface[-1] not in "\"'»”).,;:", m.surface
    for la in lookalikes:
        assert plain[la.start : la.end] == la.surface


@pytest.mark.parametrize("name", GOLD_FILES)
def test_corpus_ids_exist_in_glossary(name: str) -> None:
    known = _glossary_ids()
    if not known:
        pytest.skip("glossary/ has no entries yet")
    _, mentions, _ = _parse(name)
    used = {i for m in mentions for i in m.ids}
    assert used - known == set(), f"{name}: ids not in glossary/*.yaml"


def test_corpus_ambiguous_mentions_are_the_documented_groups() -> None:
    allowed = {
        frozenset(
            {
                "abdul-hakim-al-shishani",
                "muslim-al-shishani",
                "salakhuddin-shishani",
                "sayfullah-al-shishani",
                "umar-shishani",
            }
        ),
        frozenset({"abu-bakr-al-baghdadi", "abu-omar-al-baghdadi"}),
        frozenset({"bashar-al-assad", "hafez-al-assad", "maher-al-assad"}),
    }
    for name in GOLD_FILES:
        for m in _parse(name)[1]:
            if m.ambiguous:
                assert frozenset(m.ids) in allowed, (name, m.surface, m.ids)


def test_example_gold_strips_to_example_text() -> None:
    plain, mentions, _ = _parse("example-gold.txt")
    assert plain == EXAMPLE.read_text(encoding="utf-8")
    assert len({i for m in mentions for i in m.ids}) >= 25


# ------------------------------------------------------------------ the scorer


def _match(start: int, end: int, text: str, eid: str | None, cands: tuple[str, ...] = ()) -> Match:
    return Match(
        start=start, end=end, text=text, id=eid, canonical=None, type=None, variant=text,
        method="exact", score=100.0, candidates=cands,
    )  # fmt: skip


def test_score_counts() -> None:
    gold_text = (
        "[[IS|islamic-state]] {{is}} in [[Raqqa|raqqa]] with "
        "[[al-Shishani|?umar-shishani,muslim-al-shishani]] and [[Hama|hama]]."
    )
    plain, gold, lookalikes = ev.parse_gold(gold_text)
    assert plain == "IS is in Raqqa with al-Shishani and Hama."
    preds = [
        _match(0, 2, "IS", "islamic-state"),  # right
        _match(3, 5, "is", "islamic-state"),  # look-alike hit
        _match(9, 14, "Raqqa", "homs"),  # right span, wrong id
        _match(20, 31, "al-Shishani", None, ("muslim-al-shishani", "umar-shishani")),  # right
        # "Hama" missed
    ]
    result = ev.FileResult("t", len(gold), 1, len(lookalikes), 4)
    ev.score(plain, gold, lookalikes, [ev.to_pred(p) for p in preds], result)
    assert (result.span.tp, result.span.fp, result.span.fn) == (3, 1, 1)
    assert (result.entry.tp, result.entry.fp, result.entry.fn) == (2, 2, 2)
    assert (result.lookalike_hits, result.lookalike_ambiguous_hits) == (1, 0)
    assert sorted(e.kind for e in result.errors) == ["false-positive", "missed", "wrong-id"]
    assert result.span.precision == pytest.approx(0.75)
    assert result.entry.recall == pytest.approx(0.5)


def test_an_ambiguous_answer_on_a_look_alike_is_a_hit_and_counted_apart() -> None:
    plain, gold, lookalikes = ev.parse_gold("{{Дума}} приняла закон, [[Дума|douma]] нет.")
    (town,) = gold
    preds = [_match(0, 4, "Дума", None, ("douma",)), _match(town.start, town.end, "Дума", "douma")]
    result = ev.FileResult("t", len(gold), 0, len(lookalikes), 1)
    ev.score(plain, gold, lookalikes, [ev.to_pred(p) for p in preds], result)
    assert (result.lookalike_hits, result.lookalike_ambiguous_hits) == (1, 1)
    result.status = "ok"
    assert result.as_dict()["lookalike_ambiguous_hits"] == 1
    assert (result.entry.tp, result.entry.fp) == (1, 1)


def test_ambiguous_prediction_needs_same_candidate_set() -> None:
    plain, gold, las = ev.parse_gold("[[Assad|?bashar-al-assad,hafez-al-assad]]")
    result = ev.FileResult("t", 1, 1, 0, 2)
    ev.score(plain, gold, las, [ev.to_pred(_match(0, 5, "Assad", "bashar-al-assad"))], result)
    assert (result.span.tp, result.entry.tp) == (1, 0)


def test_main_runs_and_writes_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "eval.json"
    assert ev.main(["--data", str(DATA), "--json", str(out)]) == 0
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert [f["file"] for f in payload["files"]] == [*LANGS, "example"]
    assert all(f["gold_mentions"] >= 40 for f in payload["files"])
    assert "overall" in capsys.readouterr().out


def test_main_reports_missing_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(ev, "build_annotator", lambda: (None, "NotImplementedError"))
    out = tmp_path / "eval.json"
    assert ev.main(["--data", str(DATA), "--json", str(out)]) == 0
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert {f["status"] for f in payload["files"]} == {"not-implemented"}
    assert "engine not available" in capsys.readouterr().out


def test_main_fails_on_broken_gold(tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text("[[Raqqa|raqqa", encoding="utf-8")
    assert ev.main(["--data", str(tmp_path), "--json", str(tmp_path / "x.json")]) == 1


HELDOUT = ROOT / "benchmarks" / "data" / "annotate-heldout"


@pytest.mark.parametrize("path", sorted(HELDOUT.glob("*.txt")), ids=lambda p: p.name)
def test_heldout_file_parses_with_known_ids(path: Path) -> None:
    plain, mentions, lookalikes = ev.parse_gold(path.read_text(encoding="utf-8"))
    assert len(mentions) >= 15 and len(lookalikes) >= 3, path.name
    spans = sorted([(m.start, m.end) for m in mentions] + [(x.start, x.end) for x in lookalikes])
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start, f"{path.name}: overlapping gold spans"
    for m in mentions:
        assert plain[m.start : m.end] == m.surface
    assert {i for m in mentions for i in m.ids} - _glossary_ids() == set()
