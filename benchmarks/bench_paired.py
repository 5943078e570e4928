"""Paired speed ratios: translitnorm exact+folded and its peers, passes alternated in one process.

``bench_annotate.py`` runs every system in processes of its own (for clean memory figures)
and compares medians; on a machine whose speed drifts from minute to minute (seen here:
FlashText at 6.3 MB/s in one run and 10.7 in the next), a ratio of medians taken minutes
apart moves by 10-20%. Here the systems share one process and one stretch of time: after a
warm-up pass each, ``--rounds`` rounds each make one pass per system over the same corpus,
in turn, and a round's ratio is translitnorm's speed over the peer's in that round. The
median of those ratios is what this prints, with the range over the rounds and each
system's median pass time. Memory is not measured here (it is in ``bench_annotate.py``).

Usage::

    python benchmarks/bench_paired.py [--sizes 10000,100000] [--rounds 7]
        [--systems pyahocorasick,flashtext,translitnorm-fuzzy]
        [--json benchmarks/results/bench_paired.json]

``translitnorm-fuzzy`` is translitnorm's own phonetic+fuzzy mode, paired with the exact
mode the same way: its line gives the fuzzy speed as a share of the exact speed, the
figure its goal (>= 0.3x) is about, which ``bench_annotate.py`` can only take from
processes minutes apart (0.44x and 0.24x at 100k in two runs 5-15 minutes apart, same
code).
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from bench_annotate import (  # noqa: E402
    CACHE_DIR,
    DEFAULT_SEED,
    build_flashtext,
    build_pyahocorasick,
    build_translitnorm,
    flashtext_annotate,
    get_dataset,
    load_dataset,
    machine,
    pyahocorasick_annotate,
    translitnorm_annotate,
)

DEFAULT_JSON = HERE / "results" / "bench_paired.json"
PEERS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    "pyahocorasick": (build_pyahocorasick, pyahocorasick_annotate),
    "flashtext": (build_flashtext, flashtext_annotate),
}
OWN_MODE = "translitnorm-fuzzy"
"""Not a peer: translitnorm's phonetic+fuzzy mode on the exact matcher's index
(``with_config``), whose goal is a share of the exact speed."""


def paired(passes: dict[str, list[float]], base: str) -> dict[str, dict[str, Any]]:
    """Per peer: the median and range of the per-round ratios (``base``'s speed over the
    peer's, i.e. the peer's pass time over ``base``'s), and each median pass time.

    >>> r = paired({"tn": [1.0, 2.0, 1.0], "peer": [1.5, 2.0, 1.2]}, "tn")
    >>> r["peer"]["ratio"], r["peer"]["ratio_range"]
    (1.2, [1.0, 1.5])
    """
    out: dict[str, dict[str, Any]] = {}
    for name, times in passes.items():
        if name == base:
            continue
        ratios = [t / b for t, b in zip(times, passes[base], strict=True)]
        shares = [b / t for t, b in zip(times, passes[base], strict=True)]
        out[name] = {"ratio": statistics.median(ratios),
                     "ratio_range": [min(ratios), max(ratios)],
                     # the other way round: this system's speed as a share of base's
                     "share": statistics.median(shares),
                     "share_range": [min(shares), max(shares)],
                     "median_s": statistics.median(times),
                     "base_median_s": statistics.median(passes[base])}
    return out


def run_size(size: int, systems: Sequence[str], rounds: int, corpus_mb: float,
             seed: int, cache_dir: Path = CACHE_DIR) -> dict[str, Any]:
    ds = load_dataset(get_dataset(size, corpus_mb, seed, cache_dir))
    from translitnorm import MatchConfig

    _glossary, build = build_translitnorm(ds.entries, "exact")
    matcher = build()
    annotate: dict[str, Callable[[str], Any]] = {
        "translitnorm-exact": translitnorm_annotate(matcher)}
    missing: dict[str, str] = {}
    for name in systems:
        if name == OWN_MODE:
            annotate[name] = translitnorm_annotate(matcher.with_config(MatchConfig()))
            continue
        make, wrap = PEERS[name]
        try:
            annotate[name] = wrap(make(ds.entries))
        except ImportError as exc:  # the peers are optional (pip install -e '.[bench]')
            missing[name] = str(exc)
    text = ds.text
    for fn in annotate.values():  # warm-up: translitnorm's first pass is its cold one
        fn(text)
    passes: dict[str, list[float]] = {name: [] for name in annotate}
    gc.collect()
    for _ in range(rounds):
        for name, fn in annotate.items():
            t0 = time.perf_counter()
            fn(text)
            passes[name].append(time.perf_counter() - t0)
    mb = len(text.encode("utf-8")) / 1e6
    return {"size": size, "corpus_mb": mb, "rounds": rounds, "passes_s": passes,
            "mb_per_s": {n: mb / statistics.median(t) for n, t in passes.items()},
            "peers": paired(passes, "translitnorm-exact"), "not_available": missing,
            # the exact scan's chunk kinds looked up in C (see bench_annotate.py)
            "c_chunk_table": matcher._scanner._chunks.table is not None}


def format_report(results: Sequence[dict[str, Any]]) -> str:
    lines = [f"{'size':>7} {'peer':<14} {'tn MB/s':>8} {'peer MB/s':>9} {'tn ratio':>9} "
             f"{'range over rounds':>18}"]
    lines.append("-" * len(lines[0]))
    for r in results:
        tn = r["mb_per_s"]["translitnorm-exact"]
        for name, p in r["peers"].items():
            lo, hi = p["ratio_range"]
            if name == OWN_MODE:  # its share of the exact speed (goal: >= 0.3x)
                lo, hi = p["share_range"]
                lines.append(f"{r['size']:>7,} {'fuzzy/exact':<14} {tn:>8.2f} "
                             f"{r['mb_per_s'][name]:>9.2f} {p['share']:>8.3f}x "
                             f"{lo:>8.3f}-{hi:.3f}x")
                continue
            lines.append(f"{r['size']:>7,} {name:<14} {tn:>8.2f} {r['mb_per_s'][name]:>9.2f} "
                         f"{p['ratio']:>8.2f}x {lo:>8.2f}-{hi:.2f}x")
        for name, why in r["not_available"].items():
            lines.append(f"{r['size']:>7,} {name:<14} not available ({why})")
    c = {r["c_chunk_table"] for r in results}
    lines.append(f"(median of {results[0]['rounds'] if results else 0} rounds of alternating "
                 f"warm passes; chunk kinds in {'C' if c == {True} else 'Python'}; "
                 "fuzzy/exact: phonetic+fuzzy MB/s as a share of exact+folded MB/s)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> list[dict[str, Any]]:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="10000,100000")
    p.add_argument("--systems", default="pyahocorasick,flashtext,translitnorm-fuzzy")
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--corpus-mb", type=float, default=10.0)
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--cache-dir", type=Path, default=CACHE_DIR, help="generated inputs")
    p.add_argument("--json", type=Path, default=DEFAULT_JSON, help="'-' to skip")
    args = p.parse_args(argv)
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    for s in systems:
        if s not in PEERS and s != OWN_MODE:
            raise SystemExit(f"unknown peer {s!r}; choose from {', '.join([*PEERS, OWN_MODE])}")
    results = [run_size(int(s), systems, max(1, args.rounds), args.corpus_mb, args.seed,
                        args.cache_dir)
               for s in args.sizes.split(",") if s.strip()]
    print(format_report(results))
    if str(args.json) != "-":
        args.json.parent.mkdir(parents=True, exist_ok=True)
        out = {"benchmark": "bench_paired", "machine": machine(), "results": results}
        args.json.write_text(json.dumps(out, indent=2) + "\n", "utf-8")
        print(f"wrote {args.json}")
    return results


if __name__ == "__main__":
    main()
