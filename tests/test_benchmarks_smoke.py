"""Smoke test of the benchmark scripts on tiny inputs, in-process (well under 20 s).

Optional peers (FlashText, pyahocorasick, spaCy) may be missing: their rows then carry an
error instead of figures, and only those rows' checks are skipped.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
DATA = BENCH / "data"


def _load(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    if str(BENCH) not in sys.path:  # bench_annotate imports gen_corpus by name
        sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def _rate(x: Any) -> bool:
    return x is None or (isinstance(x, float) and 0.0 <= x <= 1.0)


def test_eval_data_is_the_shared_copy() -> None:
    lines = (DATA / "name_variants_dev.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 294
    assert len((DATA / "negatives_dev.jsonl").read_text("utf-8").splitlines()) == 79
    assert "public domain" in (DATA / "ATTRIBUTION.md").read_text("utf-8")


def test_eval_lookup_protocol_split() -> None:
    ev = _load("eval_lookup")
    groups = ev.read_jsonl(DATA / "name_variants_dev.jsonl")
    split = ev.make_split(groups)
    assert split.n_known_entities == int(276 * 0.8)
    assert len(split.entries) == split.n_known_entities  # groups sharing an entity merged
    glossary = {v for e in split.entries for v in e.variants}
    assert all(q not in glossary for q, _ in split.known_queries)
    assert all(q not in glossary for q in split.unknown_queries)
    known_ids = {e.id for e in split.entries}
    assert all(expected in known_ids for _, expected in split.known_queries)


def test_eval_lookup_main_on_a_slice(tmp_path: Path) -> None:
    ev = _load("eval_lookup")
    data = tmp_path / "variants.jsonl"
    neg = tmp_path / "negatives.jsonl"
    data.write_text(
        "\n".join((DATA / "name_variants_dev.jsonl").read_text("utf-8").splitlines()[:30]) + "\n",
        "utf-8",
    )
    neg.write_text(
        "\n".join((DATA / "negatives_dev.jsonl").read_text("utf-8").splitlines()[:8]) + "\n",
        "utf-8",
    )
    out_json = tmp_path / "out.json"
    out = ev.main(
        ["--data", str(data), "--negatives", str(neg), "--json", str(out_json), "--quiet"]
    )
    assert json.loads(out_json.read_text("utf-8"))["benchmark"] == "eval_lookup"
    rows = {r["system"]: r for r in out["results"]}
    for name in (
        "exact string",
        "unidecode+casefold exact",
        "rapidfuzz ratio@85",
        "rapidfuzz WRatio@85",
        "rapidfuzz token_sort_ratio@90",
        "rapidfuzz token_set_ratio@90",
    ):
        r = rows[name]
        assert r["available"], r
        assert r["n_known_queries"] > 0 and r["n_unknown_queries"] > 0
        assert r["n_neg_pairs"] == 8
        for key in ("recall_at_1", "false_match_rate", "precision", "neg_confusion_rate"):
            assert _rate(r[key]), (name, key, r[key])
        assert r["queries_per_s"] > 0
    assert rows["exact string"]["recall_at_1"] <= rows["unidecode+casefold exact"]["recall_at_1"]
    assert (
        rows["unidecode+casefold exact"]["recall_at_1"] <= rows["rapidfuzz ratio@85"]["recall_at_1"]
    )
    assert rows["rapidfuzz ratio@90"]["recall_at_1"] <= rows["rapidfuzz ratio@85"]["recall_at_1"]
    for name in ("translitnorm (default)", "translitnorm (exact+folded)"):
        r = rows[name]
        if r["available"]:
            assert _rate(r["recall_at_1"]) and _rate(r["false_match_rate"])
        else:
            assert r["error"]


def test_gen_corpus_is_seeded() -> None:
    gen = _load("gen_corpus")
    a = gen.make_glossary(30, seed=3)
    assert a == gen.make_glossary(30, seed=3)
    assert a != gen.make_glossary(30, seed=4)
    text, truth = gen.make_corpus(a, n_chars=20_000, seed=3)
    assert (text, truth) == gen.make_corpus(a, n_chars=20_000, seed=3)
    assert truth and all(text[t.offset : t.offset + len(t.variant)] == t.variant for t in truth)
    keys = [gen.dedup_key(v) for e in a for v in e.variants]
    owners = {gen.dedup_key(v): e.id for e in a for v in e.variants}
    assert len(set(keys)) >= len(owners)  # no spelling key is shared between entries
    for e in a:
        assert all(owners[gen.dedup_key(v)] == e.id for v in e.variants)


def test_bench_annotate_main_tiny(tmp_path: Path) -> None:
    ba = _load("bench_annotate")
    out_json = tmp_path / "bench.json"
    out = ba.main(
        [
            "--sizes",
            "50",
            "--corpus-mb",
            "0.02",
            "--runs",
            "1",
            "--processes",
            "2",
            "--in-process",
            "--no-cli",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--json",
            str(out_json),
            "--quiet",
        ]
    )
    assert json.loads(out_json.read_text("utf-8"))["benchmark"] == "bench_annotate"
    assert out["data"][0]["insertions"] > 0
    rows = {r["system"]: r for r in out["results"]}
    assert set(rows) == set(ba.SYSTEMS)
    for name, r in rows.items():
        if not r["ok"]:
            assert r["error"], name  # an absent peer or engine: a reason, not a crash
            continue
        assert r["build_s"] >= 0 and r["mb_per_s"] > 0, name
        assert 0.0 <= r["recall"] <= 1.0 and r["truth"] == out["data"][0]["insertions"]
        assert isinstance(r["peak_mb"], float)
        assert r["processes"] == 2 and len(r["mb_per_s_processes"]) == 2, name
        low, high = min(r["mb_per_s_processes"]), max(r["mb_per_s_processes"])
        assert low <= r["mb_per_s"] <= high, name
    for name in ("translitnorm-exact", "translitnorm-fuzzy"):
        # the reload timed in a fresh process and in the worker
        assert rows[name]["reload_s"] > 0 and rows[name]["reload_in_process_s"] > 0, name
    for peer in ("flashtext", "pyahocorasick"):
        if not rows[peer]["ok"]:
            continue  # optional dependency not installed
        assert rows[peer]["recall"] == 1.0  # exact spellings, distinct keys: all found
        assert rows[peer]["spurious"] == 0
    assert isinstance(out["goals"], list) and out["goals"]
    assert "translitnorm" in ba.format_report(out["results"], {"error": "skipped"})


def test_bench_paired_main_tiny(tmp_path: Path) -> None:
    bp = _load("bench_paired")
    out_json = tmp_path / "paired.json"
    (r,) = bp.main(["--sizes", "50", "--corpus-mb", "0.02", "--rounds", "3",
                    "--cache-dir", str(tmp_path / "cache"), "--json", str(out_json)])
    assert json.loads(out_json.read_text("utf-8"))["benchmark"] == "bench_paired"
    assert len(r["passes_s"]["translitnorm-exact"]) == 3
    assert set(r["peers"]) | set(r["not_available"]) == {"pyahocorasick", "flashtext",
                                                         "translitnorm-fuzzy"}
    for name, p in r["peers"].items():
        times = r["passes_s"][name]
        assert len(times) == 3 and p["ratio_range"][0] <= p["ratio"] <= p["ratio_range"][1]
        assert p["share_range"][0] <= p["share"] <= p["share_range"][1]
    assert "translitnorm" not in r["not_available"]
    assert "translitnorm-fuzzy" in r["peers"]  # (its own mode: always there)
    assert "fuzzy/exact" in bp.format_report([r])


def test_machine_reads_the_cache_sizes(tmp_path: Path) -> None:
    ba = _load("bench_annotate")
    levels = [("index0", 1, "Data", "32K"), ("index1", 1, "Instruction", "32K"),
              ("index2", 2, "Unified", "1024K"), ("index3", 3, "Unified", "32768K")]
    for name, level, kind, size in levels:
        d = tmp_path / name
        d.mkdir()
        for field, value in (("level", level), ("type", kind), ("size", size)):
            (d / field).write_text(f"{value}\n")
    info = ba.machine(tmp_path)
    assert info["caches"] == {"L1d": "32K", "L1i": "32K", "L2": "1024K", "L3": "32768K"}
    assert info["cpus"] and info["python"]
    assert "caches" not in ba.machine(tmp_path / "none")


def test_merge_processes_takes_medians_and_keeps_failures() -> None:
    ba = _load("bench_annotate")
    rows = [{"ok": True, "mb_per_s": speed, "build_s": build, "peak_mb": peak, "recall": recall}
            for speed, build, peak, recall in ((30.0, 2.0, 150.0, 0.9), (20.0, 2.6, 140.0, 0.8),
                                               (34.0, 1.9, 160.0, 1.0))]
    merged = ba.merge_processes(rows)
    assert (merged["mb_per_s"], merged["build_s"], merged["peak_mb"]) == (30.0, 2.0, 150.0)
    assert merged["recall"] == 0.9  # (the counts of the process with the median speed)
    assert merged["mb_per_s_processes"] == [30.0, 20.0, 34.0] and merged["processes"] == 3
    failed = {"ok": False, "error": "ImportError: no module"}
    assert ba.merge_processes([*rows, failed]) == failed


def test_run_all_commands() -> None:
    ra = _load("run_all")
    names = [n for n, _ in ra.commands(quick=True)]
    assert names[:3] == ["eval_lookup", "bench_annotate", "bench_paired"]


@pytest.mark.parametrize("name", ["eval_lookup", "bench_annotate", "bench_paired",
                                  "gen_corpus", "run_all"])
def test_scripts_have_help(name: str) -> None:
    mod = _load(name)
    with pytest.raises(SystemExit) as exc:
        mod.main(["--help"])
    assert exc.value.code == 0


def test_bench_build_makes_every_nth_spelling_case_sensitive() -> None:
    from translitnorm import Entry, Glossary, Variant

    bench_build = _load("bench_build")
    g = Glossary(entries=(
        Entry(id="a", canonical="A", type="place", variants=(Variant("A1"), Variant("A2"))),
        Entry(id="b", canonical="B", type="place", variants=(Variant("B1"),)),
    ))
    marked = bench_build.with_case_sensitive(g, 2)
    flags = [v.case_sensitive for e in marked.entries for v in e.variants]
    assert flags == [False, True, False]
    assert [v.text for e in marked.entries for v in e.variants] == ["A1", "A2", "B1"]
    assert bench_build.with_case_sensitive(g, 0) is g
