"""Lookup accuracy on real name variants: translitnorm against simple baselines.

The protocol is fixed by the evaluation set's README (see ``benchmarks/data/ATTRIBUTION.md``):

1. Shuffle the sorted distinct ``entity`` values with ``random.Random(7)``; the first 80% are
   *known* (in the glossary), the rest *unknown*.
2. Known group: the glossary gets ``variants[0]`` and ``variants[1::2]``; the queries are
   ``variants[2::2]``. Groups sharing an entity form ONE glossary entry (id derived from the
   entity). Unknown group: every variant is a query whose right answer is "no match".
3. Metrics: recall@1 on known queries, false-match rate on unknown queries (any answer given),
   precision (right answers / answers given over all queries), negative-pair confusion and
   queries per second.

Negative pairs: for each pair ``(a, b)`` the glossary is the protocol glossary plus a new entry
holding only ``a``; ``b`` is queried. It is a confusion when the top answer is ``a``'s entity:
the new entry, or the known entity whose glossary variants already contain ``a`` (both name the
same person, and the pairs are by construction different entities). Answering ``b``'s own known
entity is not a confusion, nor is answering nothing.

Usage::

    python benchmarks/eval_lookup.py [--data benchmarks/data/name_variants_dev.jsonl]
        [--negatives benchmarks/data/negatives_dev.jsonl]
        [--json benchmarks/results/eval_lookup.json] [--errors N] [--seed N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE / "data" / "name_variants_dev.jsonl"
DEFAULT_NEGATIVES = HERE / "data" / "negatives_dev.jsonl"
DEFAULT_JSON = HERE / "results" / "eval_lookup.json"
SEED = 7
KNOWN_FRACTION = 0.8


# --------------------------------------------------------------------------- data / protocol


@dataclass(frozen=True)
class GlossEntry:
    """One glossary entry of the protocol: an entity and the spellings the glossary knows."""

    id: str
    canonical: str
    type: str
    variants: tuple[str, ...]


@dataclass(frozen=True)
class Split:
    """The protocol's glossary and queries."""

    entries: tuple[GlossEntry, ...]
    known_queries: tuple[tuple[str, str], ...]  # (query, expected entry id)
    unknown_queries: tuple[str, ...]
    n_known_entities: int
    n_unknown_entities: int
    variant_owner: dict[str, str]  # glossary spelling -> entry id


@dataclass(frozen=True)
class NegPair:
    a: str
    b: str
    why: str


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def entity_slug(entity: str) -> str:
    """A glossary-safe id for an entity (``OFAC-SDN:2676`` -> ``ofac-sdn-2676``)."""
    return re.sub(r"[^a-z0-9]+", "-", entity.casefold()).strip("-")


def make_split(groups: Sequence[dict[str, Any]], seed: int | None = None) -> Split:
    """Apply the fixed protocol to the groups (shuffled with ``seed``, default :data:`SEED`)."""
    entities = sorted({str(g["entity"]) for g in groups})
    random.Random(SEED if seed is None else seed).shuffle(entities)
    n_known = int(len(entities) * KNOWN_FRACTION)
    known = set(entities[:n_known])

    slugs: dict[str, str] = {}
    for ent in sorted(entities):
        slug = entity_slug(ent)
        if slug in slugs.values():  # pragma: no cover - not the case on the dev set
            slug = f"{slug}-{len(slugs)}"
        slugs[ent] = slug

    merged: dict[str, dict[str, Any]] = {}
    known_q: list[tuple[str, str]] = []
    unknown_q: list[str] = []
    for g in groups:
        ent = str(g["entity"])
        variants = [str(v) for v in g["variants"]]
        if ent in known:
            slot = merged.setdefault(
                ent,
                {"canonical": variants[0], "type": str(g["type"]), "variants": []},
            )
            for v in [variants[0], *variants[1::2]]:
                if v not in slot["variants"]:
                    slot["variants"].append(v)
            known_q.extend((q, slugs[ent]) for q in variants[2::2])
        else:
            unknown_q.extend(variants)

    entries = tuple(
        GlossEntry(slugs[ent], d["canonical"], d["type"], tuple(d["variants"]))
        for ent, d in merged.items()
    )
    owner: dict[str, str] = {}
    for e in entries:
        for v in e.variants:
            owner.setdefault(v, e.id)
    return Split(
        entries=entries,
        known_queries=tuple(known_q),
        unknown_queries=tuple(unknown_q),
        n_known_entities=len(known),
        n_unknown_entities=len(entities) - len(known),
        variant_owner=owner,
    )


def guess_type(name: str, groups: Sequence[dict[str, Any]]) -> str:
    for g in groups:
        if name in g["variants"]:
            return str(g["type"])
    return "person" if "," in name else "organization"


# --------------------------------------------------------------------------- systems


@dataclass(frozen=True)
class Hit:
    """The top answer of a system for one query."""

    id: str
    score: float | None = None
    detail: str = ""


LookupFn = Callable[[str], Hit | None]
BuildFn = Callable[[Sequence[GlossEntry]], LookupFn]


@dataclass(frozen=True)
class System:
    name: str
    build: BuildFn
    kind: str  # "translitnorm" | "baseline"


_PUNCT = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")


def fold(s: str) -> str:
    """The baselines' folding: unidecode, casefold, punctuation -> space, whitespace collapsed."""
    from unidecode import unidecode

    s = unidecode(s).casefold()
    s = _PUNCT.sub(" ", s)
    return _SPACE.sub(" ", s).strip()


def build_exact(entries: Sequence[GlossEntry]) -> LookupFn:
    table: dict[str, str] = {}
    for e in entries:
        for v in e.variants:
            table.setdefault(v, e.id)

    def lookup(q: str) -> Hit | None:
        hit = table.get(q)
        return Hit(hit, 100.0, "exact") if hit is not None else None

    return lookup


def build_folded_exact(entries: Sequence[GlossEntry]) -> LookupFn:
    table: dict[str, str] = {}
    for e in entries:
        for v in e.variants:
            table.setdefault(fold(v), e.id)

    def lookup(q: str) -> Hit | None:
        hit = table.get(fold(q))
        return Hit(hit, 100.0, "folded") if hit is not None else None

    return lookup


def make_rapidfuzz(scorer_name: str, cutoff: float) -> BuildFn:
    def build(entries: Sequence[GlossEntry]) -> LookupFn:
        from rapidfuzz import fuzz, process

        scorer = getattr(fuzz, scorer_name)
        choices: list[str] = []
        owners: list[str] = []
        for e in entries:
            for v in e.variants:
                choices.append(fold(v))
                owners.append(e.id)

        def lookup(q: str) -> Hit | None:
            res = process.extractOne(
                fold(q), choices, scorer=scorer, score_cutoff=cutoff, processor=None
            )
            if res is None:
                return None
            choice, score, idx = res
            return Hit(owners[idx], float(score), f"{scorer_name} {score:.1f} ~ {choice!r}")

        return lookup

    return build


def make_translitnorm(mode: str) -> BuildFn:
    """``mode`` is ``default`` (phonetic + fuzzy) or ``exact`` (exact + folded only)."""

    def build(entries: Sequence[GlossEntry]) -> LookupFn:
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
        cfg = MatchConfig() if mode == "default" else MatchConfig(phonetic=False, fuzzy=False)
        m = Matcher(g, cfg)

        def lookup(q: str) -> Hit | None:
            res = m.lookup(q, limit=2)
            if not res or (len(res) > 1 and res[1].score == res[0].score):
                return None  # nothing, or a tie at the top: translitnorm says ambiguous
            c = res[0]
            return Hit(c.id, float(c.score), f"{c.method} {c.score:.1f} via {c.variant!r}")

        return lookup

    return build


def all_systems() -> list[System]:
    systems = [
        System("translitnorm (default)", make_translitnorm("default"), "translitnorm"),
        System("translitnorm (exact+folded)", make_translitnorm("exact"), "translitnorm"),
        System("exact string", build_exact, "baseline"),
        System("unidecode+casefold exact", build_folded_exact, "baseline"),
    ]
    for scorer in ("ratio", "WRatio", "token_sort_ratio", "token_set_ratio"):
        for cutoff in (85, 90):
            systems.append(
                System(f"rapidfuzz {scorer}@{cutoff}", make_rapidfuzz(scorer, cutoff), "baseline")
            )
    return systems


# --------------------------------------------------------------------------- evaluation


@dataclass
class SystemResult:
    system: str
    kind: str
    available: bool = True
    error: str | None = None
    recall_at_1: float | None = None
    false_match_rate: float | None = None
    precision: float | None = None
    neg_confusions: int | None = None
    neg_confusion_rate: float | None = None
    queries_per_s: float | None = None
    build_s: float | None = None
    n_known_queries: int = 0
    n_unknown_queries: int = 0
    n_answers: int = 0
    n_right: int = 0
    n_false_matches: int = 0
    n_neg_pairs: int = 0
    mistakes: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self, with_mistakes: bool = False) -> dict[str, Any]:
        d = dict(self.__dict__)
        if not with_mistakes:
            d.pop("mistakes")
        return d


def evaluate(
    system: System,
    split: Split,
    negatives: Sequence[NegPair],
    groups: Sequence[dict[str, Any]],
) -> SystemResult:
    res = SystemResult(system.name, system.kind)
    canon = {e.id: e.canonical for e in split.entries}
    t0 = time.perf_counter()
    try:
        lookup = system.build(split.entries)
        build_s = time.perf_counter() - t0
        # Probe once so an engine that raises NotImplementedError is reported, not crashed on.
        if split.known_queries:
            lookup(split.known_queries[0][0])
    except Exception as exc:
        res.available = False
        res.error = f"{type(exc).__name__}: {exc}"
        return res
    res.build_s = build_s

    n_known = len(split.known_queries)
    n_unknown = len(split.unknown_queries)
    t0 = time.perf_counter()
    known_hits = [lookup(q) for q, _ in split.known_queries]
    unknown_hits = [lookup(q) for q in split.unknown_queries]
    elapsed = time.perf_counter() - t0

    right = 0
    answers = 0
    for (q, expected), hit in zip(split.known_queries, known_hits, strict=True):
        if hit is not None:
            answers += 1
        if hit is not None and hit.id == expected:
            right += 1
        else:
            res.mistakes.append(
                {
                    "kind": "miss" if hit is None else "wrong entity",
                    "query": q,
                    "expected": f"{expected} ({canon[expected]})",
                    "got": None if hit is None else f"{hit.id} ({canon.get(hit.id, '?')})",
                    "detail": None if hit is None else hit.detail,
                }
            )
    false_matches = 0
    for q, hit in zip(split.unknown_queries, unknown_hits, strict=True):
        if hit is not None:
            answers += 1
            false_matches += 1
            res.mistakes.append(
                {
                    "kind": "false match",
                    "query": q,
                    "expected": None,
                    "got": f"{hit.id} ({canon.get(hit.id, '?')})",
                    "detail": hit.detail,
                }
            )

    # Negative pairs: protocol glossary + `a` as its own entry, query `b`.
    confusions = 0
    for i, pair in enumerate(negatives):
        neg_id = f"negative-{i}"
        extra = GlossEntry(neg_id, pair.a, guess_type(pair.a, groups), (pair.a,))
        a_ids = {neg_id}
        if pair.a in split.variant_owner:
            a_ids.add(split.variant_owner[pair.a])
        b_owner = split.variant_owner.get(pair.b)
        if b_owner is not None:
            a_ids.discard(b_owner)
        try:
            hit = system.build([*split.entries, extra])(pair.b)
        except Exception as exc:
            res.available = False
            res.error = f"negative pairs: {type(exc).__name__}: {exc}"
            return res
        if hit is not None and hit.id in a_ids:
            confusions += 1
            res.mistakes.append(
                {
                    "kind": "negative confusion",
                    "query": pair.b,
                    "expected": f"not {pair.a!r}",
                    "got": hit.id,
                    "detail": f"{hit.detail}; {pair.why}",
                }
            )

    res.n_known_queries = n_known
    res.n_unknown_queries = n_unknown
    res.n_answers = answers
    res.n_right = right
    res.n_false_matches = false_matches
    res.n_neg_pairs = len(negatives)
    res.recall_at_1 = right / n_known if n_known else None
    res.false_match_rate = false_matches / n_unknown if n_unknown else None
    res.precision = right / answers if answers else None
    res.neg_confusions = confusions
    res.neg_confusion_rate = confusions / len(negatives) if negatives else None
    res.queries_per_s = (n_known + n_unknown) / elapsed if elapsed > 0 else None
    return res


# --------------------------------------------------------------------------- output


def _fmt(x: float | None, spec: str = ".3f") -> str:
    return "-" if x is None else format(x, spec)


def format_table(results: Sequence[SystemResult]) -> str:
    header = (
        f"{'system':<30} {'recall@1':>8} {'false-m':>8} {'precis.':>8} "
        f"{'neg conf':>12} {'queries/s':>10}"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        if not r.available:
            name = r.system.split(" ")[0]
            lines.append(f"{r.system:<30} {name}: not available ({r.error})")
            continue
        neg = f"{r.neg_confusions}/{r.n_neg_pairs} ({_fmt(r.neg_confusion_rate, '.2f')})"
        lines.append(
            f"{r.system:<30} {_fmt(r.recall_at_1):>8} {_fmt(r.false_match_rate):>8} "
            f"{_fmt(r.precision):>8} {neg:>12} {_fmt(r.queries_per_s, ',.0f'):>10}"
        )
    return "\n".join(lines)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--negatives", type=Path, default=DEFAULT_NEGATIVES)
    p.add_argument("--json", type=Path, default=DEFAULT_JSON, help="'-' to skip writing")
    p.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="print up to N misses / false matches / confusions of translitnorm",
    )
    p.add_argument(
        "--errors-system",
        default="translitnorm (default)",
        help="which system's mistakes --errors prints (default: %(default)s)",
    )
    p.add_argument(
        "--systems",
        default=None,
        help="comma-separated substrings; only systems whose name contains one of them",
    )
    p.add_argument("--quiet", action="store_true", help="do not print the table")
    p.add_argument(
        "--seed",
        type=int,
        default=None,
        help=f"shuffle seed of the known/unknown split (default: {SEED}, the protocol's)",
    )
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    groups = read_jsonl(args.data)
    negatives = [
        NegPair(str(d["a"]), str(d["b"]), str(d.get("why", ""))) for d in read_jsonl(args.negatives)
    ]
    seed = SEED if args.seed is None else args.seed
    split = make_split(groups, seed)
    systems = all_systems()
    if args.systems:
        wanted = [s.strip() for s in args.systems.split(",") if s.strip()]
        systems = [s for s in systems if any(w in s.name for w in wanted)]

    results = [evaluate(s, split, negatives, groups) for s in systems]

    if not args.quiet:
        print(
            f"eval_lookup: {len(groups)} groups, {split.n_known_entities} known / "
            f"{split.n_unknown_entities} unknown entities, {len(split.entries)} glossary entries "
            f"({sum(len(e.variants) for e in split.entries)} spellings), "
            f"{len(split.known_queries)} known + {len(split.unknown_queries)} unknown queries, "
            f"{len(negatives)} negative pairs"
        )
        print(format_table(results))

    if args.errors > 0:
        chosen = [r for r in results if r.system == args.errors_system]
        for r in chosen:
            print(f"\nmistakes of {r.system} (up to {args.errors}):")
            if not r.available:
                print(f"  not available ({r.error})")
            for m in r.mistakes[: args.errors]:
                print(
                    f"  [{m['kind']}] query={m['query']!r} expected={m['expected']!r} "
                    f"got={m['got']!r} {m['detail'] or ''}"
                )

    out: dict[str, Any] = {
        "benchmark": "eval_lookup",
        "protocol": {
            "seed": seed,
            "known_fraction": KNOWN_FRACTION,
            "glossary": "variants[0] + variants[1::2] (groups sharing an entity merged)",
            "queries": "known: variants[2::2]; unknown: every variant",
            "negatives": "protocol glossary + `a` as its own entry; query `b`; confusion if the "
            "top answer is a's entry or the known entity already holding `a`",
            "fold": "unidecode, casefold, punctuation -> space, whitespace collapsed",
        },
        "data": {
            "variants_file": str(args.data),
            "variants_sha256": _sha256(args.data),
            "negatives_file": str(args.negatives),
            "negatives_sha256": _sha256(args.negatives),
            "groups": len(groups),
            "known_entities": split.n_known_entities,
            "unknown_entities": split.n_unknown_entities,
            "glossary_entries": len(split.entries),
            "glossary_spellings": sum(len(e.variants) for e in split.entries),
            "known_queries": len(split.known_queries),
            "unknown_queries": len(split.unknown_queries),
            "negative_pairs": len(negatives),
        },
        "python": sys.version.split()[0],
        "results": [r.as_dict() for r in results],
        "translitnorm_mistakes": {
            r.system: r.mistakes for r in results if r.kind == "translitnorm" and r.available
        },
    }
    best = [
        r
        for r in results
        if r.kind == "baseline" and r.available and (r.precision or 0) >= 0.95 and r.recall_at_1
    ]
    if best:
        top = max(best, key=lambda r: r.recall_at_1 or 0.0)
        out["best_baseline_at_precision_0_95"] = {
            "system": top.system,
            "recall_at_1": top.recall_at_1,
            "precision": top.precision,
        }
    if str(args.json) != "-":
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", "utf-8")
        if not args.quiet:
            print(f"\nwrote {args.json}")
    return out


if __name__ == "__main__":
    main()
