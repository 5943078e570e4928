"""Run every benchmark, one subprocess each, and say where the results went.

Usage::

    python benchmarks/run_all.py            # full sizes: 1k/10k/100k entries, 10 MB corpus
    python benchmarks/run_all.py --quick    # tiny sizes, a minute or so; results in results/quick/

Runs ``eval_lookup.py`` (lookup accuracy on real name variants), ``bench_annotate.py`` (speed
against FlashText, pyahocorasick and spaCy), ``bench_paired.py`` (the speed ratios again,
from passes alternated in one process) and, when present, ``eval_annotate.py`` (span
accuracy on the gold-annotated corpus, and again on the held-out texts in
``data/annotate-heldout/``, written after the engine's rules and not used to tune them).
Exits non-zero if any of them failed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def commands(quick: bool) -> list[tuple[str, list[str]]]:
    out_dir = RESULTS / "quick" if quick else RESULTS
    py = sys.executable
    cmds: list[tuple[str, list[str]]] = [
        (
            "eval_lookup",
            [py, str(HERE / "eval_lookup.py"), "--json", str(out_dir / "eval_lookup.json")],
        ),
    ]
    bench = [py, str(HERE / "bench_annotate.py"), "--json", str(out_dir / "bench_annotate.json")]
    if quick:
        bench += ["--sizes", "200,2000", "--corpus-mb", "0.5", "--runs", "1"]
    cmds.append(("bench_annotate", bench))
    paired = [py, str(HERE / "bench_paired.py"), "--json", str(out_dir / "bench_paired.json")]
    if quick:
        paired += ["--sizes", "200,2000", "--corpus-mb", "0.5", "--rounds", "3"]
    cmds.append(("bench_paired", paired))
    if (HERE / "eval_annotate.py").exists():
        cmds.append(
            (
                "eval_annotate",
                [py, str(HERE / "eval_annotate.py"), "--json", str(out_dir / "eval_annotate.json")],
            )
        )
        cmds.append(
            (
                "eval_annotate_heldout",
                [py, str(HERE / "eval_annotate.py"), "--data",
                 str(HERE / "data" / "annotate-heldout"),
                 "--json", str(out_dir / "eval_annotate_heldout.json")],
            )
        )
    return cmds


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Run all benchmarks.")
    p.add_argument("--quick", action="store_true", help="tiny sizes, results in results/quick/")
    p.add_argument("--only", default=None, help="comma-separated subset of benchmark names")
    args = p.parse_args(argv)
    only = {s.strip() for s in args.only.split(",")} if args.only else None
    failed: list[str] = []
    for name, cmd in commands(args.quick):
        if only and name not in only:
            continue
        print(f"\n=== {name}: {' '.join(cmd[1:])}", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.run(cmd, check=False).returncode
        print(f"=== {name}: exit {rc} in {time.perf_counter() - t0:.1f} s", flush=True)
        if rc != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
