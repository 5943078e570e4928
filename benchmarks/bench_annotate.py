"""Annotation speed: translitnorm against FlashText, pyahocorasick and spaCy's PhraseMatcher.

For each glossary size (``--sizes``, default 1k, 10k, 100k entries) a seeded generator
(``gen_corpus.py``) makes transliteration-style names with 3-6 spellings each and a corpus of
``--corpus-mb`` MB (default 10) of English-like word salad with a spelling inserted about once
per 200 words; the generator records the truth (offset, entry id) of every insertion.

Every system sees the same spellings and the same text. Per system and size, in a fresh
subprocess (``--in-process`` to skip that), ``--processes`` (3) times, the systems taking
turns (so that a slow phase of the machine falls on all of them), each figure being the
median over the processes (on one machine, one system's speed differed by up to 1.5x from
one process to the next, likely the layout of its tables in memory):

* index build time (Matcher / automaton / trie / PhraseMatcher construction; the glossary's
  input objects are built before the clock starts);
* throughput in MB/s, the median of ``--runs`` (3) passes over the corpus, MB = UTF-8 bytes/1e6;
  and the first pass alone (``first_mb_per_s``): translitnorm's first pass is cold, it
  analyses every distinct word and chunk of text on the way (the later passes find them in
  its caches), so it is what a process that annotates a text once (the CLI) gets;
  a system whose pass over a 100 KB probe (after a first 100 KB that builds what is built on
  first use) predicts more than ``--budget-s`` seconds for the passes runs on a slice (at
  least ``--slice-mb`` MB, cut at a paragraph break) instead;
* memory: resident set size. The peak (VmHWM) is reset via ``/proc/self/clear_refs`` after the
  inputs are loaded; ``peak_mb`` = peak RSS during build + annotate passes minus the RSS before
  the build, ``index_mb`` = RSS after the build minus RSS before it. Where clear_refs is not
  allowed, ``ru_maxrss`` minus the pre-build RSS (an upper bound) is reported instead;
* recall against the truth: an insertion is found when a match with its entry id covers its
  offset; ``spurious`` counts matches that cover no insertion (English words matched by a name).

Plus translitnorm's on-disk cache size and reload time, and CLI start-up
(``translitnorm --version``,
median of 5). The reload (``reload_s``, median of 3) is timed in a fresh process, as a warm
start does it; ``reload_in_process_s`` is the same timed in the worker after its passes,
with the built index and its caches live (at 100k with the fuzzy tables: 0.379 s in one
run, 0.173 s in the next; fresh processes 0.21-0.27 s and 0.206 s).
Goals are printed next to the figures (✓/✗).

Usage::

    python benchmarks/bench_annotate.py [--sizes 1000,10000,100000] [--corpus-mb 10]
        [--systems translitnorm-exact,translitnorm-fuzzy,flashtext,pyahocorasick,spacy]
        [--processes 3] [--json benchmarks/results/bench_annotate.json]
"""

from __future__ import annotations

import argparse
import bisect
import gc
import json
import os
import pickle
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # so `python benchmarks/bench_annotate.py` and importers agree
    sys.path.insert(0, str(HERE))

from gen_corpus import DEFAULT_SEED, GenEntry, Truth, make_corpus, make_glossary  # noqa: E402

DEFAULT_JSON = HERE / "results" / "bench_annotate.json"
CACHE_DIR = HERE / ".cache"
SYSTEMS: tuple[str, ...] = (
    "translitnorm-exact",
    "translitnorm-fuzzy",
    "flashtext",
    "pyahocorasick",
    "spacy",
)
LABELS = {
    "translitnorm-exact": "translitnorm exact+folded",
    "translitnorm-fuzzy": "translitnorm phonetic+fuzzy",
    "flashtext": "FlashText",
    "pyahocorasick": "pyahocorasick",
    "spacy": "spaCy PhraseMatcher",
}
Span = tuple[int, int, str | None]  # (start, end, entry id or None when ambiguous)
AnnotateFn = Callable[[str], list[Span]]


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Dataset:
    size: int
    seed: int
    entries: list[GenEntry]
    text: str
    truth: list[Truth]

    @property
    def mb(self) -> float:
        return len(self.text.encode("utf-8")) / 1e6


def dataset_path(size: int, corpus_mb: float, seed: int, cache_dir: Path = CACHE_DIR) -> Path:
    return cache_dir / f"annotate-s{seed}-n{size}-mb{corpus_mb:g}.pickle"


def get_dataset(size: int, corpus_mb: float, seed: int, cache_dir: Path = CACHE_DIR) -> Path:
    """Generate (or reuse) the glossary + corpus for one size; returns the cache file."""
    path = dataset_path(size, corpus_mb, seed, cache_dir)
    if path.exists():
        return path
    entries = make_glossary(size, seed)
    text, truth = make_corpus(entries, int(corpus_mb * 1e6), seed)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with tmp.open("wb") as f:
        payload = {"size": size, "seed": seed, "entries": entries, "text": text, "truth": truth}
        pickle.dump(payload, f, pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return path


def load_dataset(path: Path) -> Dataset:
    with path.open("rb") as f:
        d = pickle.load(f)
    return Dataset(d["size"], d["seed"], d["entries"], d["text"], d["truth"])


def slice_dataset(ds: Dataset, n_chars: int) -> tuple[str, list[Truth]]:
    """The first ``n_chars`` code points or so, cut at a paragraph break, and their truth."""
    if n_chars >= len(ds.text):
        return ds.text, ds.truth
    cut = ds.text.rfind("\n\n", 0, n_chars)
    cut = n_chars if cut <= 0 else cut + 2
    text = ds.text[:cut]
    return text, [t for t in ds.truth if t.offset + len(t.variant) <= cut]


# --------------------------------------------------------------------------- systems


def build_translitnorm(entries: Sequence[GenEntry], mode: str) -> tuple[Any, Callable[[], Any]]:
    """Returns (glossary input, build function)."""
    from translitnorm import Entry, Glossary, MatchConfig, Matcher, Variant

    g = Glossary(
        entries=tuple(
            Entry(
                id=e.id,
                canonical=e.canonical,
                type=e.type,
                variants=tuple(Variant(v) for v in e.variants),
            )
            for e in entries
        )
    )
    cfg = MatchConfig(phonetic=False, fuzzy=False) if mode == "exact" else MatchConfig()
    return g, lambda: Matcher(g, cfg)


def translitnorm_annotate(m: Any) -> AnnotateFn:
    def annotate(text: str) -> list[Span]:
        return [(x.start, x.end, x.id) for x in m.annotate(text)]

    return annotate


def build_flashtext(entries: Sequence[GenEntry]) -> Any:
    from flashtext import KeywordProcessor

    kp = KeywordProcessor()
    # FlashText's word characters are ASCII only; add the letters the spellings use so that
    # names with diacritics / Arabic / Cyrillic letters are not cut at those letters.
    extra = {ch for e in entries for v in e.variants for ch in v if ch.isalnum()}
    kp.set_non_word_boundaries(set(kp.non_word_boundaries) | extra)
    for e in entries:
        for v in e.variants:
            kp.add_keyword(v, e.id)
    return kp


def flashtext_annotate(kp: Any) -> AnnotateFn:
    def annotate(text: str) -> list[Span]:
        return [(s, t, i) for i, s, t in kp.extract_keywords(text, span_info=True)]

    return annotate


def build_pyahocorasick(entries: Sequence[GenEntry]) -> Any:
    import ahocorasick

    a = ahocorasick.Automaton()
    for e in entries:
        for v in e.variants:
            key = v.lower()
            a.add_word(key, (len(key), e.id))
    a.make_automaton()
    return a


def pyahocorasick_annotate(a: Any) -> AnnotateFn:
    def annotate(text: str) -> list[Span]:
        low = text.lower()
        if len(low) != len(text):  # pragma: no cover - not with the generated corpus
            raise ValueError("lower() changed the text length; offsets would be wrong")
        n = len(low)
        out: list[Span] = []
        for end, (length, eid) in a.iter_long(low):
            start = end - length + 1
            if (start == 0 or not low[start - 1].isalnum()) and (
                end + 1 == n or not low[end + 1].isalnum()
            ):
                out.append((start, end + 1, eid))
        return out

    return annotate


SPACY_CHUNK = 100_000


def build_spacy(entries: Sequence[GenEntry]) -> Any:
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for e in entries:
        matcher.add(e.id, [nlp.make_doc(v) for v in e.variants])
    return nlp, matcher


def spacy_annotate(obj: Any) -> AnnotateFn:
    nlp, matcher = obj
    strings = nlp.vocab.strings

    def annotate(text: str) -> list[Span]:
        starts: list[int] = []
        chunks: list[str] = []
        pos = 0
        while pos < len(text):  # cut at paragraph breaks so no name is split
            cut = text.find("\n\n", pos + SPACY_CHUNK)
            cut = len(text) if cut < 0 else cut + 2
            starts.append(pos)
            chunks.append(text[pos:cut])
            pos = cut
        out: list[Span] = []
        for base, doc in zip(starts, nlp.pipe(chunks, batch_size=8), strict=True):
            for match_id, s, t in matcher(doc):
                span = doc[s:t]
                out.append((base + span.start_char, base + span.end_char, strings[match_id]))
        return out

    return annotate


# --------------------------------------------------------------------------- measuring


def time_reloads(cache_file: Path, config: Any = None, runs: int = 3) -> tuple[list[float], Any]:
    """What ``cached_matcher`` does on a warm start, timed ``runs`` times: read the compiled
    index from its cache file, ``load_index`` and wrap it in a ``Matcher`` (the glossary is
    read lazily). Returns the times and the last ``Matcher``. Each clock stops before the
    previous ``Matcher`` is freed: a process that reloads the cache and goes on to scan
    does not pay for freeing an index."""
    from translitnorm import Glossary, Matcher
    from translitnorm.cache import load_index

    times: list[float] = []
    warm = None
    for _ in range(runs):
        warm = None
        gc.collect()
        t0 = time.perf_counter()
        warm = Matcher(Glossary, config, index=load_index(cache_file.read_bytes()))
        times.append(time.perf_counter() - t0)
    return times, warm


def fresh_reloads(cache_file: Path, fuzzy: bool, runs: int = 3) -> list[float]:
    """:func:`time_reloads` in a new Python process: what a warm start (the CLI, a tool
    starting up) does, without the heap of a process that has built and scanned."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--reload-worker", str(cache_file),
           "--runs", str(runs)]
    if fuzzy:
        cmd.append("--reload-fuzzy")
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=True)
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("RELOAD "):
            times: list[float] = json.loads(line[len("RELOAD "):])
            return times
    raise RuntimeError(f"reload worker printed no times: {proc.stderr.strip()[-200:]}")


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _peak_mb() -> float:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1e3 / 1e6
    except OSError:  # pragma: no cover - non-Linux
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1e3 / 1e6


def score(spans: Sequence[Span], truth: Sequence[Truth]) -> dict[str, Any]:
    """Recall against the truth, plus spurious and ambiguous match counts."""
    by_id: dict[str | None, list[tuple[int, int]]] = {}
    for s, t, i in spans:
        by_id.setdefault(i, []).append((s, t))
    found = 0
    for tr in truth:
        if any(s <= tr.offset < t for s, t in by_id.get(tr.id, ())):
            found += 1
    offsets = sorted(t.offset for t in truth)
    spurious = 0
    for s, t, _ in spans:
        k = bisect.bisect_left(offsets, s)
        if not (k < len(offsets) and offsets[k] < t):
            spurious += 1
    return {
        "recall": found / len(truth) if truth else None,
        "found": found,
        "truth": len(truth),
        "matches": len(spans),
        "spurious": spurious,
        "ambiguous": sum(1 for _, _, i in spans if i is None),
    }


def run_system(
    system: str,
    ds: Dataset,
    runs: int,
    budget_s: float,
    slice_mb: float,
) -> dict[str, Any]:
    """Build, annotate ``runs`` times, score. Never raises: errors go into the result."""
    res: dict[str, Any] = {"system": system, "label": LABELS[system], "size": ds.size}
    res["loadavg_start"] = os.getloadavg()[0]
    try:
        if system.startswith("translitnorm"):
            _glossary, build = build_translitnorm(ds.entries, system.split("-")[1])
            make_annotate: Callable[[Any], AnnotateFn] = translitnorm_annotate
        elif system == "flashtext":
            import flashtext  # noqa: F401  (fail early with ImportError)

            def build() -> Any:
                return build_flashtext(ds.entries)

            make_annotate = flashtext_annotate
        elif system == "pyahocorasick":
            import ahocorasick  # noqa: F401

            def build() -> Any:
                return build_pyahocorasick(ds.entries)

            make_annotate = pyahocorasick_annotate
        elif system == "spacy":
            import spacy  # noqa: F401

            def build() -> Any:
                return build_spacy(ds.entries)

            make_annotate = spacy_annotate
        else:
            raise ValueError(f"unknown system {system!r}")

        gc.collect()
        rss0 = _rss_mb()
        exact_peak = _reset_peak()
        t0 = time.perf_counter()
        index = build()
        res["build_s"] = time.perf_counter() - t0
        res["index_mb"] = max(0.0, _rss_mb() - rss0)
        annotate = make_annotate(index)

        # Probe to decide between the full corpus and a slice: a pass over the first
        # ~100 KB builds what a system makes once on first use (translitnorm's blocking
        # index for phonetic/fuzzy matching), then a pass over the next 100 KB, new text
        # and so as slow as a first pass, predicts the passes. (Predicting from the first
        # probe alone counted that one-off build once per 100 KB: at 100k entries it cut
        # the phonetic+fuzzy passes to a 3-4 MB slice of varying length, whose speed
        # then set the ratio against the exact passes over the whole corpus.)
        probe_text, _ = slice_dataset(ds, 100_000)
        annotate(probe_text)
        probe_next = ds.text[len(probe_text) : len(probe_text) + 100_000]
        t0 = time.perf_counter()
        annotate(probe_next)
        probe_s = time.perf_counter() - t0
        predicted = probe_s * len(ds.text) / max(len(probe_next), 1) * runs
        text, truth = ds.text, ds.truth
        if predicted > budget_s:
            n = max(int(slice_mb * 1e6), int(len(ds.text) * budget_s / predicted))
            text, truth = slice_dataset(ds, n)
        mb = len(text.encode("utf-8")) / 1e6
        res["corpus_mb"] = mb
        res["sliced"] = len(text) < len(ds.text)

        times: list[float] = []
        spans: list[Span] = []
        for _ in range(runs):
            spans = []
            t0 = time.perf_counter()
            spans = annotate(text)
            times.append(time.perf_counter() - t0)
        res["times_s"] = times
        res["mb_per_s"] = mb / statistics.median(times)
        res["first_mb_per_s"] = mb / times[0]  # translitnorm's cold pass (see the docstring)
        res["peak_mb"] = max(0.0, _peak_mb() - rss0)
        res["memory_method"] = (
            "VmHWM after clear_refs minus pre-build RSS"
            if exact_peak
            else "ru_maxrss minus pre-build RSS (upper bound)"
        )
        res["loadavg_end"] = os.getloadavg()[0]
        res.update(score(spans, truth))
        del spans

        if system.startswith("translitnorm"):
            # the exact scan's chunk kinds looked up in C (translitnorm._chunkkinds, built
            # at install where a compiler is at hand) or in Python
            res["c_chunk_table"] = index._scanner._chunks.table is not None
            # what `cached_matcher` does on a warm start: read the compiled index from its
            # on-disk cache file and wrap it in a Matcher (the glossary is read lazily)
            import tempfile

            from translitnorm.cache import dump_index

            blob = dump_index(index.index)
            with tempfile.TemporaryDirectory() as tmp:
                cache_file = Path(tmp) / "index.bin"
                cache_file.write_bytes(blob)
                res["cache_mb"] = len(blob) / 1e6
                loads = time_reloads(cache_file, index.config)[0]
                res["reload_in_process_s"] = statistics.median(loads)
                res["reload_s"] = statistics.median(
                    fresh_reloads(cache_file, system == "translitnorm-fuzzy"))
        res["ok"] = True
    except Exception as exc:
        res["ok"] = False
        res["error"] = f"{type(exc).__name__}: {exc}"
    return res


def run_in_subprocess(
    system: str, path: Path, runs: int, budget_s: float, slice_mb: float, timeout: float
) -> dict[str, Any]:
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        system,
        "--dataset",
        str(path),
        "--runs",
        str(runs),
        "--budget-s",
        str(budget_s),
        "--slice-mb",
        str(slice_mb),
    ]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"system": system, "label": LABELS[system], "ok": False, "error": "timeout"}
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("RESULT "):
            out: dict[str, Any] = json.loads(line[len("RESULT ") :])
            return out
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
    return {
        "system": system,
        "label": LABELS[system],
        "ok": False,
        "error": f"worker exited {proc.returncode}: {' | '.join(tail)}",
    }


_MEDIAN_FIELDS = ("build_s", "index_mb", "mb_per_s", "first_mb_per_s", "peak_mb", "cache_mb",
                  "reload_s", "reload_in_process_s")


def merge_processes(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One system's results from several processes as one: the process with the median
    speed gives the counts (recall, slice), every timing and memory figure is the median
    over the processes, and the speeds of all of them are kept (``mb_per_s_processes``).
    A failed process makes the whole a failure (its error is kept).

    >>> rows = [{"ok": True, "mb_per_s": s, "build_s": b, "recall": 1.0}
    ...         for s, b in ((30.0, 2.0), (20.0, 2.4), (34.0, 1.9))]
    >>> m = merge_processes(rows)
    >>> m["mb_per_s"], m["build_s"], m["mb_per_s_processes"], m["processes"]
    (30.0, 2.0, [30.0, 20.0, 34.0], 3)
    """
    failed = [r for r in rows if not r.get("ok")]
    if failed:
        return failed[0]
    by_speed = sorted(rows, key=lambda r: float(r["mb_per_s"]))
    out = dict(by_speed[(len(by_speed) - 1) // 2])
    for key in _MEDIAN_FIELDS:
        values = [r[key] for r in rows if key in r]
        if len(values) == len(rows):
            out[key] = statistics.median(values)
    out["processes"] = len(rows)
    out["mb_per_s_processes"] = [r["mb_per_s"] for r in rows]
    return out


def machine(sysfs: Path = Path("/sys/devices/system/cpu/cpu0/cache")) -> dict[str, Any]:
    """What the figures depend on besides the code: Python, platform, processors, and (on
    Linux) the processor model and its cache sizes (the peers' speed follows the caches:
    an automaton that fits in the last-level cache runs faster)."""
    out: dict[str, Any] = {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            model = next((line.split(":", 1)[1].strip() for line in f
                          if line.startswith("model name")), None)
        if model:
            out["cpu_model"] = model
    except OSError:
        pass
    caches: dict[str, str] = {}
    for index in sorted(sysfs.glob("index*")):
        try:
            level = (index / "level").read_text().strip()
            kind = (index / "type").read_text().strip()
            size = (index / "size").read_text().strip()
        except OSError:
            continue
        name = f"L{level}" + ("d" if kind == "Data" else "i" if kind == "Instruction" else "")
        caches[name] = size
    if caches:
        out["caches"] = caches
    return out


def cli_startup(n: int = 5) -> dict[str, Any]:
    """Median wall time of ``translitnorm --version`` (and of a bare interpreter, for scale)."""
    exe = Path(sys.executable).parent / "translitnorm"
    found = str(exe) if exe.exists() else shutil.which("translitnorm")
    py_times = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], capture_output=True, check=False)
        py_times.append(time.perf_counter() - t0)
    out: dict[str, Any] = {"python_startup_ms": statistics.median(py_times) * 1e3}
    if not found:
        out["error"] = "no `translitnorm` executable on PATH or next to the interpreter"
        return out
    first = subprocess.run([found, "--version"], capture_output=True, text=True, check=False)
    if first.returncode != 0:
        tail = (first.stderr or first.stdout).strip().splitlines()[-1:]
        out["error"] = f"`translitnorm --version` exited {first.returncode}: {' '.join(tail)}"
        return out
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run([found, "--version"], capture_output=True, check=False)
        times.append(time.perf_counter() - t0)
    out["version_output"] = first.stdout.strip()
    out["startup_ms"] = statistics.median(times) * 1e3
    return out


# --------------------------------------------------------------------------- report


def goals(results: Sequence[dict[str, Any]], cli: dict[str, Any]) -> list[dict[str, Any]]:
    """The speed goals, each with the measured figure and whether it is met."""
    by: dict[tuple[str, int], dict[str, Any]] = {
        (r["system"], r["size"]): r for r in results if r.get("ok")
    }
    sizes = sorted({r["size"] for r in results})
    big = max(sizes) if sizes else 0
    out: list[dict[str, Any]] = []

    def add(goal: str, value: float | None, ok: bool | None, unit: str = "") -> None:
        out.append({"goal": goal, "value": value, "unit": unit, "met": ok})

    for size in sizes:
        if size < 10_000:
            continue
        ex = by.get(("translitnorm-exact", size))
        for peer, need in (("flashtext", 2.5), ("pyahocorasick", 1.0)):
            p = by.get((peer, size))
            ratio = ex["mb_per_s"] / p["mb_per_s"] if ex and p else None
            add(
                f"exact+folded >= {need}x {LABELS[peer]} at {size:,}",
                ratio,
                None if ratio is None else ratio >= need,
                "x",
            )
    for size in sizes:
        ex = by.get(("translitnorm-exact", size))
        fz = by.get(("translitnorm-fuzzy", size))
        ratio = fz["mb_per_s"] / ex["mb_per_s"] if ex and fz else None
        add(
            f"phonetic+fuzzy >= 0.3x own exact at {size:,}",
            ratio,
            None if ratio is None else ratio >= 0.3,
            "x",
        )
    for system in ("translitnorm-exact", "translitnorm-fuzzy"):
        r = by.get((system, big))
        lab = LABELS[system]
        b = r.get("build_s") if r else None
        add(f"{lab}: index build <= 2 s at {big:,}", b, None if b is None else b <= 2.0, "s")
        rl = r.get("reload_s") if r else None
        add(f"{lab}: cache reload <= 0.3 s at {big:,}", rl, None if rl is None else rl <= 0.3, "s")
        pk = r.get("peak_mb") if r else None
        add(f"{lab}: memory <= 300 MB at {big:,}", pk, None if pk is None else pk <= 300, "MB")
    st = cli.get("startup_ms")
    add("CLI start-up <= 150 ms", st, None if st is None else st <= 150, "ms")
    return out


def _mark(ok: bool | None) -> str:
    return "?" if ok is None else ("✓" if ok else "✗")


def format_report(results: Sequence[dict[str, Any]], cli: dict[str, Any]) -> str:
    lines: list[str] = []
    header = (
        f"{'size':>7} {'system':<28} {'build s':>8} {'MB/s':>8} {'1st MB/s':>8} {'tn ratio':>8} "
        f"{'index MB':>8} {'peak MB':>8} {'recall':>7} {'spur.':>6} {'note'}"
    )
    lines += [header, "-" * len(header)]
    ex_speed = {
        r["size"]: r["mb_per_s"]
        for r in results
        if r.get("ok") and r["system"] == "translitnorm-exact"
    }
    for r in results:
        label = LABELS.get(r["system"], r["system"])
        if not r.get("ok"):
            prefix = "translitnorm" if r["system"].startswith("translitnorm") else label
            lines.append(
                f"{r.get('size', 0):>7,} {label:<28} {prefix}: not available ({r.get('error')})"
            )
            continue
        ratio = ""
        if not r["system"].startswith("translitnorm") and r["size"] in ex_speed:
            ratio = f"{ex_speed[r['size']] / r['mb_per_s']:.2f}x"
        notes = [f"on a {r['corpus_mb']:.1f} MB slice"] if r.get("sliced") else []
        speeds = r.get("mb_per_s_processes", [])
        if len(speeds) > 1:
            notes.append(f"MB/s {min(speeds):.1f}-{max(speeds):.1f} in {len(speeds)} processes")
        if "c_chunk_table" in r and r["system"] == "translitnorm-exact":
            notes.append("chunk kinds in C" if r["c_chunk_table"] else "chunk kinds in Python")
        if "reload_s" in r:
            note = f"cache {r['cache_mb']:.1f} MB, reload {r['reload_s']:.3f} s"
            if "reload_in_process_s" in r:
                note += f" ({r['reload_in_process_s']:.3f} s after the passes)"
            notes.append(note)
        note = "; ".join(notes)
        lines.append(
            f"{r['size']:>7,} {label:<28} {r['build_s']:>8.3f} {r['mb_per_s']:>8.2f} "
            f"{r.get('first_mb_per_s', 0.0):>8.2f} {ratio:>8} {r['index_mb']:>8.1f} "
            f"{r['peak_mb']:>8.1f} {r['recall']:>7.3f} {r['spurious']:>6} {note}"
        )
    lines.append("(tn ratio = translitnorm exact+folded MB/s / this system's MB/s; 1st MB/s ="
                 " the first pass alone, translitnorm's cold one, as a process that annotates"
                 " a text once sees it)")
    if "startup_ms" in cli:
        lines.append(
            f"CLI `translitnorm --version`: {cli['startup_ms']:.0f} ms median of 5 "
            f"(bare python: {cli['python_startup_ms']:.0f} ms)"
        )
    else:
        lines.append(f"CLI start-up: skipped ({cli.get('error')})")
    lines.append("\ngoals:")
    for g in goals(results, cli):
        v = "n/a" if g["value"] is None else f"{g['value']:.3g}{g['unit']}"
        lines.append(f"  {_mark(g['met'])} {g['goal']}: {v}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--sizes", default="1000,10000,100000")
    p.add_argument("--corpus-mb", type=float, default=10.0)
    p.add_argument("--systems", default=",".join(SYSTEMS))
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--runs", type=int, default=3, help="passes per process")
    p.add_argument("--processes", type=int, default=3,
                   help="processes per system, taking turns; figures are their medians")
    p.add_argument("--budget-s", type=float, default=120.0, help="time budget for the passes")
    p.add_argument("--slice-mb", type=float, default=1.0, help="smallest slice if over budget")
    p.add_argument("--timeout", type=float, default=3600.0, help="per worker")
    p.add_argument("--in-process", action="store_true", help="no subprocess per system")
    p.add_argument("--no-cli", action="store_true", help="skip the CLI start-up timing")
    p.add_argument("--cache-dir", type=Path, default=CACHE_DIR)
    p.add_argument("--json", type=Path, default=DEFAULT_JSON, help="'-' to skip writing")
    p.add_argument("--quiet", action="store_true")
    p.add_argument("--worker", choices=SYSTEMS, help=argparse.SUPPRESS)
    p.add_argument("--dataset", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--reload-worker", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--reload-fuzzy", action="store_true", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    if args.reload_worker:
        from translitnorm import MatchConfig

        cfg = MatchConfig() if args.reload_fuzzy else MatchConfig(phonetic=False, fuzzy=False)
        times = time_reloads(args.reload_worker, cfg, args.runs)[0]
        print("RELOAD " + json.dumps(times))
        return {"reload_s": times}
    if args.worker:
        ds = load_dataset(args.dataset)
        res = run_system(args.worker, ds, args.runs, args.budget_s, args.slice_mb)
        print("RESULT " + json.dumps(res))
        return res

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    for s in systems:
        if s not in SYSTEMS:
            raise SystemExit(f"unknown system {s!r}; choose from {', '.join(SYSTEMS)}")
    processes = max(1, args.processes)
    results: list[dict[str, Any]] = []
    data_info: list[dict[str, Any]] = []
    for size in sizes:
        t0 = time.perf_counter()
        path = get_dataset(size, args.corpus_mb, args.seed, args.cache_dir)
        ds = load_dataset(path)
        info = {
            "size": size,
            "spellings": sum(len(e.variants) for e in ds.entries),
            "corpus_mb": ds.mb,
            "corpus_chars": len(ds.text),
            "insertions": len(ds.truth),
            "non_latin_insertions": sum(1 for t in ds.truth if not t.variant.isascii()),
            "prepare_s": time.perf_counter() - t0,
        }
        data_info.append(info)
        if not args.quiet:
            print(
                f"[size {size:,}: {info['spellings']:,} spellings, {info['corpus_mb']:.1f} MB, "
                f"{info['insertions']:,} insertions]",
                flush=True,
            )
        rows: dict[str, list[dict[str, Any]]] = {system: [] for system in systems}
        for turn in range(processes):
            for system in systems:
                if turn and not rows[system][-1].get("ok"):
                    continue  # (failed once: the reason is known)
                if args.in_process:
                    r = run_system(system, ds, args.runs, args.budget_s, args.slice_mb)
                else:
                    r = run_in_subprocess(
                        system, path, args.runs, args.budget_s, args.slice_mb, args.timeout
                    )
                r.setdefault("size", size)
                rows[system].append(r)
                if not args.quiet:
                    state = f"{r['mb_per_s']:.2f} MB/s" if r.get("ok") else r.get("error")
                    print(f"  {LABELS[system]}: {state}", flush=True)
        for system in systems:
            results.append(merge_processes(rows[system]))
        del ds

    cli = {"error": "skipped (--no-cli)"} if args.no_cli else cli_startup()
    report = format_report(results, cli)
    if not args.quiet:
        print()
        print(report)
    out: dict[str, Any] = {
        "benchmark": "bench_annotate",
        "seed": args.seed,
        "runs": args.runs,
        "processes": processes,
        "in_process": args.in_process,
        "machine": machine(),
        "data": data_info,
        "results": results,
        "cli": cli,
        "goals": goals(results, cli),
    }
    if str(args.json) != "-":
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", "utf-8")
        if not args.quiet:
            print(f"\nwrote {args.json}")
    return out


if __name__ == "__main__":
    main()
