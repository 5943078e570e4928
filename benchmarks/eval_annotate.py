"""Span and entry evaluation of ``Matcher.annotate`` against the gold-annotated corpus.

The corpus lives in ``benchmarks/data/annotate`` (one file per language, ``en.txt``,
``fr.txt``, ...; the markup is described in that folder's README). For every file this
script strips the markup, runs ``Matcher(load_glossary()).annotate`` on the plain text
and scores the predictions:

* **span** precision/recall/F1: a prediction is right when its start and end offsets
  equal those of a gold mention (whatever entry it names);
* **entry** precision/recall/F1: span and entry must both be right; an ambiguous gold
  mention (``[[al-Shishani|?a,b]]``) is matched only by an ambiguous prediction whose
  candidate set equals the gold set;
* **look-alike hits**: predictions overlapping a ``{{look-alike}}``, ambiguous ones (``?``
  + candidates: "this could be one of them") included; the table says in brackets how
  many of the hits were ambiguous.

Scores are given per file and overall (micro-averaged over the language files; the
worked example ``example-gold.txt`` is scored on its own row and not in the total).

Usage::

    python benchmarks/eval_annotate.py [--data benchmarks/data/annotate]
                                       [--json benchmarks/results/eval_annotate.json]

Every error (false positive, missed mention, wrong entry) is listed with 40 characters
of context. While the engine is not implemented (``annotate`` raises
``NotImplementedError``) the script still parses the corpus, prints its statistics and
says so; it exits 1 only when the gold markup itself is broken.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE / "data" / "annotate"
DEFAULT_JSON = HERE / "results" / "eval_annotate.json"
LANGUAGES: tuple[str, ...] = ("en", "fr", "de", "ru", "ar")
EXAMPLE_FILE = "example-gold.txt"
CONTEXT = 40

_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_MENTION_RE = re.compile(r"\[\[([^\[\]{}|\n]+)\|(\?)?(" + _ID + r"(?:," + _ID + r")*)\]\]")
_LOOKALIKE_RE = re.compile(r"\{\{([^\[\]{}|\n]+)\}\}")
_TOKEN_RE = re.compile(r"\[\[|\]\]|\{\{|\}\}")


class GoldFormatError(ValueError):
    """The gold markup is malformed; the message gives line and column."""


@dataclass(frozen=True, slots=True)
class GoldMention:
    """A gold ``[[surface|id]]`` (or ambiguous ``[[surface|?id1,id2]]``) in plain-text offsets."""

    start: int
    end: int
    surface: str
    ids: tuple[str, ...]
    ambiguous: bool
    line: int

    @property
    def label(self) -> str:
        """The entry id, or ``?id1,id2`` (sorted) for an ambiguous mention."""
        return "?" + ",".join(sorted(self.ids)) if self.ambiguous else self.ids[0]


@dataclass(frozen=True, slots=True)
class LookAlike:
    """A gold ``{{surface}}``: text that must not be matched to any entry."""

    start: int
    end: int
    surface: str
    line: int


def _where(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"line {line}, column {col}"


def parse_gold(text: str) -> tuple[str, list[GoldMention], list[LookAlike]]:
    """Strip the gold markup from ``text``.

    Returns the plain text, the gold mentions and the look-alikes, with offsets into the
    plain text (so ``plain[m.start:m.end] == m.surface``). Raises :class:`GoldFormatError`
    on unbalanced or malformed markup.

    >>> plain, ms, las = parse_gold("[[ISIS|islamic-state]]’s men left {{Sham}} Mobile.")
    >>> plain
    'ISIS’s men left Sham Mobile.'
    >>> [(m.start, m.end, m.label) for m in ms], [(x.start, x.end) for x in las]
    ([(0, 4, 'islamic-state')], [(16, 20)])
    >>> parse_gold("[[al-Shishani|?umar-shishani,muslim-al-shishani]]")[1][0].label
    '?muslim-al-shishani,umar-shishani'
    """
    out: list[str] = []
    mentions: list[GoldMention] = []
    lookalikes: list[LookAlike] = []
    plain_len = 0
    line = 1
    pos = 0
    while True:
        tok = _TOKEN_RE.search(text, pos)
        if tok is None:
            out.append(text[pos:])
            break
        chunk = text[pos : tok.start()]
        out.append(chunk)
        plain_len += len(chunk)
        line += chunk.count("\n")
        if tok.group() == "[[":
            m = _MENTION_RE.match(text, tok.start())
            if m is None:
                raise GoldFormatError(
                    f"malformed or unclosed [[...]] at {_where(text, tok.start())}"
                )
            surface, qmark, idlist = m.group(1), m.group(2), m.group(3)
            ids = tuple(idlist.split(","))
            ambiguous = qmark is not None
            if ambiguous and len(set(ids)) < 2:
                raise GoldFormatError(
                    f"an ambiguous mention needs 2+ distinct ids at {_where(text, tok.start())}"
                )
            if not ambiguous and len(ids) != 1:
                raise GoldFormatError(f"several ids without '?' at {_where(text, tok.start())}")
        elif tok.group() == "{{":
            m = _LOOKALIKE_RE.match(text, tok.start())
            if m is None:
                raise GoldFormatError(
                    f"malformed or unclosed {{{{...}}}} at {_where(text, tok.start())}"
                )
            surface, ids, ambiguous = m.group(1), (), False
        else:
            raise GoldFormatError(f"unbalanced {tok.group()!r} at {_where(text, tok.start())}")
        if surface != surface.strip():
            raise GoldFormatError(
                f"surface {surface!r} starts or ends with whitespace at {_where(text, tok.start())}"
            )
        start, end = plain_len, plain_len + len(surface)
        if ids:
            mentions.append(GoldMention(start, end, surface, ids, ambiguous, line))
        else:
            lookalikes.append(LookAlike(start, end, surface, line))
        out.append(surface)
        plain_len = end
        pos = m.end()
    return "".join(out), mentions, lookalikes


def strip_markup(text: str) -> str:
    """The plain text of a gold file.

    >>> strip_markup("In [[al-Raqqa|raqqa]] {{is}} quiet.")
    'In al-Raqqa is quiet.'
    """
    return parse_gold(text)[0]


# --------------------------------------------------------------------------- scoring


class MatchLike(Protocol):
    """The part of :class:`translitnorm.Match` the evaluator reads."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def id(self) -> str | None: ...
    @property
    def candidates(self) -> tuple[str, ...]: ...
    @property
    def method(self) -> str: ...
    @property
    def score(self) -> float: ...


@dataclass(frozen=True, slots=True)
class Pred:
    """A prediction reduced to what is scored."""

    start: int
    end: int
    text: str
    label: str
    method: str
    score: float


def pred_label(entry_id: str | None, candidates: Iterable[str]) -> str:
    """The comparable label of a prediction: its id, or ``?`` + sorted candidates.

    >>> pred_label(None, ("b", "a"))
    '?a,b'
    >>> pred_label("raqqa", ())
    'raqqa'
    """
    return entry_id if entry_id is not None else "?" + ",".join(sorted(set(candidates)))


def to_pred(m: MatchLike) -> Pred:
    """Convert an engine ``Match``."""
    return Pred(m.start, m.end, m.text, pred_label(m.id, m.candidates), m.method, m.score)


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives of one measure."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(slots=True)
class ErrorItem:
    """One scoring error, printable for debugging."""

    kind: str  # "false-positive" | "missed" | "wrong-id"
    start: int
    end: int
    text: str
    gold: str | None
    pred: str | None
    context: str
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "gold": self.gold,
            "pred": self.pred,
            "context": self.context,
            "note": self.note,
        }


@dataclass(slots=True)
class FileResult:
    """Everything measured on one gold file."""

    name: str
    mentions: int
    ambiguous_mentions: int
    lookalikes: int
    entries: int
    status: str = "not-run"  # "ok" | "not-implemented" | "engine-error" | "not-run"
    message: str = ""
    predictions: int = 0
    span: Counts = field(default_factory=Counts)
    entry: Counts = field(default_factory=Counts)
    lookalike_hits: int = 0
    lookalike_ambiguous_hits: int = 0  # (of lookalike_hits)
    methods: Counter[str] = field(default_factory=Counter)
    errors: list[ErrorItem] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "file": self.name,
            "status": self.status,
            "gold_mentions": self.mentions,
            "gold_ambiguous": self.ambiguous_mentions,
            "gold_entries": self.entries,
            "gold_lookalikes": self.lookalikes,
        }
        if self.message:
            d["message"] = self.message
        if self.status == "ok":
            d |= {
                "predictions": self.predictions,
                "span": self.span.as_dict(),
                "entry": self.entry.as_dict(),
                "lookalike_hits": self.lookalike_hits,
                "lookalike_ambiguous_hits": self.lookalike_ambiguous_hits,
                "methods": dict(sorted(self.methods.items())),
                "errors": [e.as_dict() for e in self.errors],
            }
        return d


def context(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    """``width`` characters either side of ``text[start:end]``, the span in ⟦ ⟧, one line.

    >>> context("abc def ghi", 4, 7, width=3)
    'bc ⟦def⟧ gh'
    """
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return (left + "⟦" + text[start:end] + "⟧" + right).replace("\n", " ")


def score(
    plain: str,
    gold: Sequence[GoldMention],
    lookalikes: Sequence[LookAlike],
    preds: Sequence[Pred],
    result: FileResult,
) -> None:
    """Fill ``result`` with the span/entry counts and the error list."""
    gold_by_span = {(g.start, g.end): g for g in gold}
    pred_by_span = {(p.start, p.end): p for p in preds}
    result.predictions = len(preds)
    result.methods = Counter(p.method for p in preds)

    def overlapping_gold(p: Pred) -> list[GoldMention]:
        return [g for g in gold if g.start < p.end and p.start < g.end]

    for p in preds:
        hits = [la for la in lookalikes if la.start < p.end and p.start < la.end]
        if hits:
            result.lookalike_hits += 1
            result.lookalike_ambiguous_hits += p.label.startswith("?")
        g = gold_by_span.get((p.start, p.end))
        if g is None:
            result.span.fp += 1
            result.entry.fp += 1
            if hits:
                note = f"look-alike {hits[0].surface!r}"
            else:
                near = overlapping_gold(p)
                note = (
                    f"overlaps gold {near[0].surface!r} ({near[0].label})"
                    if near
                    else "no gold mention here"
                )
            result.errors.append(
                ErrorItem(
                    "false-positive",
                    p.start,
                    p.end,
                    p.text,
                    None,
                    p.label,
                    context(plain, p.start, p.end),
                    f"{note}; {p.method} {p.score:.0f}",
                )
            )
            continue
        result.span.tp += 1
        if p.label == g.label:
            result.entry.tp += 1
        else:
            result.entry.fp += 1
            result.entry.fn += 1
            result.errors.append(
                ErrorItem(
                    "wrong-id",
                    p.start,
                    p.end,
                    p.text,
                    g.label,
                    p.label,
                    context(plain, p.start, p.end),
                    f"{p.method} {p.score:.0f}",
                )
            )
    for g in gold:
        if (g.start, g.end) in pred_by_span:
            continue
        result.span.fn += 1
        result.entry.fn += 1
        partial = [p for p in preds if p.start < g.end and g.start < p.end]
        note = f"partial prediction {partial[0].text!r} ({partial[0].label})" if partial else ""
        result.errors.append(
            ErrorItem(
                "missed",
                g.start,
                g.end,
                g.surface,
                g.label,
                None,
                context(plain, g.start, g.end),
                note,
            )
        )
    result.errors.sort(key=lambda e: (e.start, e.end, e.kind))


# --------------------------------------------------------------------------- running


class Annotator(Protocol):
    def annotate(self, text: str) -> Sequence[MatchLike]: ...


def build_annotator() -> tuple[Annotator | None, str]:
    """The engine's matcher over the default glossary, or ``None`` and why not."""
    try:
        from translitnorm import Matcher, load_glossary

        return Matcher(load_glossary()), ""
    except NotImplementedError as exc:
        return None, f"NotImplementedError: {exc}" if str(exc) else "NotImplementedError"
    except Exception as exc:  # the engine is under construction; report, do not crash
        return None, f"{type(exc).__name__}: {exc}"


def gold_files(data: Path) -> list[tuple[str, Path]]:
    """``(name, path)`` for each language file present, then the worked example."""
    found = [(lang, data / f"{lang}.txt") for lang in LANGUAGES if (data / f"{lang}.txt").exists()]
    found += [(p.stem, p) for lang in LANGUAGES for p in sorted(data.glob(f"{lang}-*.txt"))]
    if (data / EXAMPLE_FILE).exists():
        found.append(("example", data / EXAMPLE_FILE))
    return found


def evaluate_file(name: str, path: Path, annotator: Annotator | None, why: str) -> FileResult:
    """Parse one gold file and, if there is an engine, score it."""
    plain, gold, lookalikes = parse_gold(path.read_text(encoding="utf-8"))
    result = FileResult(
        name=name,
        mentions=len(gold),
        ambiguous_mentions=sum(g.ambiguous for g in gold),
        lookalikes=len(lookalikes),
        entries=len({i for g in gold for i in g.ids}),
    )
    if annotator is None:
        not_impl = why.startswith("NotImplementedError")
        result.status = "not-implemented" if not_impl else "engine-error"
        result.message = why
        return result
    try:
        matches = annotator.annotate(plain)
    except NotImplementedError as exc:
        result.status = "not-implemented"
        result.message = f"NotImplementedError: {exc}".rstrip(": ")
        return result
    except Exception as exc:
        result.status, result.message = "engine-error", f"{type(exc).__name__}: {exc}"
        return result
    preds = [to_pred(m) for m in matches]
    bad = [p for p in preds if plain[p.start : p.end] != p.text]
    if bad:
        result.message = f"{len(bad)} prediction(s) whose .text differs from text[start:end]"
    result.status = "ok"
    score(plain, gold, lookalikes, preds, result)
    return result


def _fmt(c: Counts) -> str:
    return f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}"


def report(results: Sequence[FileResult], total: FileResult | None, out: Any = None) -> None:
    """Print the table and the error lists."""
    out = out or sys.stdout
    head = (
        f"{'file':8} {'gold':>5} {'amb':>4} {'look':>5} {'pred':>5} | "
        f"{'span P':>6} {'R':>6} {'F1':>6} | {'entry P':>7} {'R':>6} {'F1':>6} | {'la-hit':>6}"
    )
    print(head, file=out)
    print("-" * len(head), file=out)
    rows = list(results) + ([total] if total is not None else [])
    for r in rows:
        base = f"{r.name:8} {r.mentions:5} {r.ambiguous_mentions:4} {r.lookalikes:5} "
        if r.status == "ok":
            print(
                base + f"{r.predictions:5} | {_fmt(r.span)} | {' ' + _fmt(r.entry)} | "
                f"{r.lookalike_hits:6}"
                + (f" ({r.lookalike_ambiguous_hits} ?)" if r.lookalike_ambiguous_hits else ""),
                file=out,
            )
        else:
            print(base + f"{'-':>5} | {r.status}", file=out)
    for r in results:
        if r.message:
            print(f"\n[{r.name}] {r.message}", file=out)
        if r.status != "ok" or not r.errors:
            continue
        print(f"\n== {r.name}: {len(r.errors)} error(s)", file=out)
        for e in r.errors:
            what = {
                "false-positive": f"FP     {e.pred}",
                "missed": f"MISSED {e.gold}",
                "wrong-id": f"WRONG  gold {e.gold} / pred {e.pred}",
            }[e.kind]
            note = f"  [{e.note}]" if e.note else ""
            print(f"  {e.start:>5}-{e.end:<5} {what}: {e.text!r}{note}", file=out)
            print(f"               … {e.context} …", file=out)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="gold folder")
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON,
                    help="where to write results ('-' to skip writing)")
    args = ap.parse_args(argv)

    files = gold_files(args.data)
    if not files:
        print(f"no gold files in {args.data}", file=sys.stderr)
        return 1
    annotator, why = build_annotator()
    results: list[FileResult] = []
    for name, path in files:
        try:
            results.append(evaluate_file(name, path, annotator, why))
        except GoldFormatError as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            return 1

    langs = [r for r in results if r.name != "example"]
    total = FileResult(
        name="overall",
        mentions=sum(r.mentions for r in langs),
        ambiguous_mentions=sum(r.ambiguous_mentions for r in langs),
        lookalikes=sum(r.lookalikes for r in langs),
        entries=0,
    )
    ok = [r for r in langs if r.status == "ok"]
    if ok and len(ok) == len(langs):
        total.status = "ok"
        for r in ok:
            total.span.add(r.span)
            total.entry.add(r.entry)
            total.lookalike_hits += r.lookalike_hits
            total.lookalike_ambiguous_hits += r.lookalike_ambiguous_hits
            total.predictions += r.predictions
            total.methods.update(r.methods)
    else:
        total.status = langs[0].status if langs else "not-run"
    report(results, total)
    if annotator is None or any(r.status == "not-implemented" for r in results):
        print(
            "\nengine not available yet ("
            + (why or "annotate raised NotImplementedError")
            + "): gold parsed, nothing scored.",
        )

    payload = {
        "data": str(args.data),
        "engine": "ok" if annotator is not None else why,
        "overall": total.as_dict() | {"languages": [r.name for r in langs]},
        "files": [r.as_dict() for r in results],
    }
    if str(args.json) != "-":
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
