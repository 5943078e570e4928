"""Index build, cache reload and memory alone, without the annotation passes.

Uses the seeded glossaries of ``bench_annotate.py`` (same generator, same cache of inputs)
and measures, each run in a fresh subprocess (median over ``--runs``):

* ``build_s`` — ``Matcher(glossary, config)`` from an in-memory ``Glossary``;
* ``build_peak_mb`` — peak RSS during the build minus the RSS before it (VmHWM reset
  through ``/proc/self/clear_refs``), ``index_mb`` — RSS after minus before;
* ``fuzzy_first_use_s`` / ``fuzzy_peak_mb`` / ``fuzzy_index_mb`` — the phonetic/fuzzy
  blocking index built by the first phonetic/fuzzy scan (``Scanner._blocks``), the peak
  RSS above the pre-build RSS once it exists (build included) and the RSS after it;
* ``cache_mb``, ``dump_s``, ``reload_s`` — the on-disk cache file (``cache.dump_index``,
  with the blocking tables, as ``cached_matcher`` writes it for a phonetic/fuzzy config),
  and what a warm ``cached_matcher`` does: read the file, ``load_index``, wrap in a
  ``Matcher`` (median of 3); ``fuzzy_first_use_after_reload_s`` — the blocking index's
  first use after such a reload;
* with ``--annotate-mb N`` also one ``annotate`` pass over the first N MB of the corpus
  (exact mode), folded into ``peak_mb``, closer to the figure ``bench_annotate.py`` prints;
* with ``--case-sensitive-every N`` every N-th listed spelling is made case-sensitive
  before the build. The generated glossaries have no case-sensitive spelling, and real ones
  do (the bundled glossary: 2.4%, its acronyms), which takes other steps of the build
  (their own key tables on the raw tokens, and the German/case-sensitive stem path).

Usage::

    python benchmarks/bench_build.py [--sizes 10000,100000] [--runs 3] [--annotate-mb 0]
        [--case-sensitive-every 0] [--json -]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from bench_annotate import (  # noqa: E402
    DEFAULT_SEED,
    _peak_mb,
    _reset_peak,
    _rss_mb,
    build_translitnorm,
    get_dataset,
    load_dataset,
    slice_dataset,
    time_reloads,
)

CORPUS_MB = 10.0


def with_case_sensitive(glossary: Any, every: int) -> Any:
    """``glossary`` with every ``every``-th listed variant (counted over all entries, in
    order) made case-sensitive; ``every`` 0: unchanged."""
    from dataclasses import replace
    from itertools import count

    if every <= 0:
        return glossary
    counter = count(1)
    entries = tuple(
        replace(e, variants=tuple(replace(v, case_sensitive=True) if next(counter) % every == 0
                                  else v for v in e.variants))
        for e in glossary.entries)
    return replace(glossary, entries=entries)


def measure(size: int, seed: int, annotate_mb: float,
            case_sensitive_every: int = 0) -> dict[str, Any]:
    """One run in this process: build, blocking index, dump, reload."""
    from translitnorm import MatchConfig, Matcher
    from translitnorm.cache import dump_index

    ds = load_dataset(get_dataset(size, CORPUS_MB, seed))
    glossary, _ = build_translitnorm(ds.entries, "exact")
    glossary = with_case_sensitive(glossary, case_sensitive_every)
    text = slice_dataset(ds, int(annotate_mb * 1e6))[0] if annotate_mb else ""
    del ds
    res: dict[str, Any] = {"size": size, "spellings": sum(len(e.all_variants())
                                                          for e in glossary.entries)}
    gc.collect()
    rss0 = _rss_mb()
    _reset_peak()
    t0 = time.perf_counter()
    m = Matcher(glossary, MatchConfig(phonetic=False, fuzzy=False))
    res["build_s"] = time.perf_counter() - t0
    res["index_mb"] = _rss_mb() - rss0
    res["build_peak_mb"] = _peak_mb() - rss0
    if text:
        m.annotate(text)
        res["peak_mb"] = _peak_mb() - rss0

    fz = m.with_config(MatchConfig())
    t0 = time.perf_counter()
    fz._scanner._blocks()
    res["fuzzy_first_use_s"] = time.perf_counter() - t0
    res["fuzzy_peak_mb"] = _peak_mb() - rss0  # build, then the blocking tables
    res["fuzzy_index_mb"] = _rss_mb() - rss0

    with tempfile.TemporaryDirectory() as tmp:
        cache_file = Path(tmp) / "index.bin"
        t0 = time.perf_counter()
        blob = dump_index(m.index)  # (with the blocking tables, as cached_matcher writes)
        res["dump_s"] = time.perf_counter() - t0
        cache_file.write_bytes(blob)
        res["cache_mb"] = len(blob) / 1e6
        del blob, m, fz
        gc.collect()
        loads, warm = time_reloads(cache_file)
        res["reload_s"] = statistics.median(loads)
        t0 = time.perf_counter()
        warm.with_config(MatchConfig())._scanner._blocks()
        res["fuzzy_first_use_after_reload_s"] = time.perf_counter() - t0
    return res


def run(size: int, seed: int, runs: int, annotate_mb: float,
        case_sensitive_every: int = 0) -> dict[str, Any]:
    """``runs`` fresh subprocesses; the median of every figure."""
    get_dataset(size, CORPUS_MB, seed)  # generate once, outside the timed workers
    rows: list[dict[str, Any]] = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, "--worker", str(size), "--seed", str(seed),
             "--annotate-mb", str(annotate_mb),
             "--case-sensitive-every", str(case_sensitive_every)],
            check=True, capture_output=True, text=True,
        ).stdout
        rows.append(json.loads(out))
    merged: dict[str, Any] = {"size": size, "runs": runs,
                              "case_sensitive_every": case_sensitive_every}
    for key, value in rows[0].items():
        if key in ("size", "spellings"):
            merged[key] = value
        else:
            merged[key] = statistics.median(r[key] for r in rows)
            merged[key + "_all"] = [round(r[key], 3) for r in rows]
    return merged


def main(argv: Sequence[str] | None = None) -> list[dict[str, Any]]:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="10000,100000")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--annotate-mb", type=float, default=0.0)
    p.add_argument("--case-sensitive-every", type=int, default=0, metavar="N",
                   help="make every N-th listed spelling case-sensitive (0: none)")
    p.add_argument("--json", default="-", help="file to write, '-' for none")
    p.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.worker:
        print(json.dumps(measure(a.worker, a.seed, a.annotate_mb, a.case_sensitive_every)))
        return []
    results = [run(int(s), a.seed, a.runs, a.annotate_mb, a.case_sensitive_every)
               for s in a.sizes.split(",")]
    keys = ("build_s", "build_peak_mb", "index_mb", "peak_mb", "fuzzy_first_use_s",
            "fuzzy_peak_mb", "fuzzy_index_mb", "cache_mb", "dump_s", "reload_s",
            "fuzzy_first_use_after_reload_s")
    for r in results:
        cs = f", every {a.case_sensitive_every}th case-sensitive" if a.case_sensitive_every \
            else ""
        print(f"size {r['size']:,} ({r['spellings']:,} spellings{cs}), median of {r['runs']}:")
        for k in keys:
            if k in r:
                print(f"  {k:<32} {r[k]:9.3f}   {r[k + '_all']}")
    if a.json != "-":
        Path(a.json).write_text(json.dumps(results, indent=2), "utf-8")
    return results


if __name__ == "__main__":
    main()
