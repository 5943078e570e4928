"""Reader commands: ``annotate``, ``rewrite``, ``lookup``, ``explain``.

Each command parses its options, builds the matcher once, and calls one library function
(:func:`translitnorm.render.pipeline.annotate_sources`, :meth:`Matcher.rewrite`,
:meth:`Matcher.lookup`, :meth:`Matcher.explain`); the output formats live in
:mod:`translitnorm.render`.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Annotated, Literal

import typer

from translitnorm.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EncodingOption,
    GlossaryOption,
    build_matcher,
    color_enabled,
    expand_inputs,
    fail,
    handle_errors,
    match_config,
)

AnnotateFormat = Literal["jsonl", "inline", "markdown", "html", "table"]
RewriteStyle = Literal["canonical", "canonical-with-original", "first-mention"]
LookupFormat = Literal["table", "json", "jsonl"]
ExplainFormat = Literal["text", "json"]

NoFuzzyOption = Annotated[
    bool, typer.Option("--no-fuzzy", help="Turn off fuzzy matching (faster, stricter).")
]
NoPhoneticOption = Annotated[
    bool, typer.Option("--no-phonetic", help="Turn off phonetic matching.")
]
ThresholdOption = Annotated[
    float | None,
    typer.Option(
        "--threshold",
        min=0.0,
        max=100.0,
        metavar="SCORE",
        help="Minimum score (0-100) for a phonetic or fuzzy match.  [default: 85]",
        show_default=False,
    ),
]


ANNOTATE_EPILOG = """\b
Examples:
  translitnorm annotate report.txt
  translitnorm annotate 'reports/**/*.txt' --format table
  cat report.txt | translitnorm annotate --format inline
  translitnorm annotate report.txt --format html > report.html
  translitnorm annotate -g my-glossary.yaml -g bundled notes.md
  translitnorm annotate corpus/*.txt --jobs 4 > mentions.jsonl
"""


@handle_errors
def annotate(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FILES|-",
            help="Text files or glob patterns; '-' or nothing reads standard input.",
            show_default=False,
        ),
    ] = None,
    glossary: GlossaryOption = None,
    fmt: Annotated[
        AnnotateFormat,
        typer.Option("--format", "-f", help="Output format (jsonl is documented in docs/cli.md)."),
    ] = "jsonl",
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            metavar="N",
            help="Worker processes for many files (0: one per CPU).",
        ),
    ] = 1,
    encoding: EncodingOption = "utf-8",
    no_fuzzy: NoFuzzyOption = False,
    no_phonetic: NoPhoneticOption = False,
    threshold: ThresholdOption = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title", metavar="TEXT", help="Page title for --format html.", show_default=False
        ),
    ] = None,
) -> None:
    """Find the glossary's names in texts and report every mention.

    Large inputs are streamed in chunks of lines, so memory stays bounded; offsets and
    line numbers refer to the whole file. With several files, output follows the order
    of the inputs (also with --jobs).
    """
    from translitnorm.cli.output import Progress, progress_wanted
    from translitnorm.render import make_renderer
    from translitnorm.render.pipeline import annotate_sources
    from translitnorm.textio import TextSource, check_encoding

    check_encoding(encoding)
    sources = [TextSource.from_arg(a) for a in expand_inputs(files)]
    matcher = build_matcher(
        glossary, match_config(fuzzy=not no_fuzzy, phonetic=not no_phonetic, threshold=threshold)
    )
    out = sys.stdout
    page_title = title or (
        f"translitnorm: {sources[0].name}" if len(sources) == 1 else "translitnorm annotations"
    )
    sizes = [s.size() for s in sources]
    total = None if any(n is None for n in sizes) else sum(n or 0 for n in sizes)
    progress = Progress(total, enabled=progress_wanted(output_at_end=fmt == "table"))

    def write(text: str) -> None:
        progress.close()  # output to the same terminal: erase the bar first
        out.write(text)

    renderer = make_renderer(
        fmt,
        write if progress.enabled and out.isatty() else out.write,
        matcher.glossary,
        headers=len(sources) > 1,
        color=fmt == "table" and color_enabled(out),
        title=page_title,
    )
    try:
        annotate_sources(
            matcher,
            sources,
            renderer,
            encoding=encoding,
            jobs=jobs or (os.cpu_count() or 1),
            on_bytes=progress,
        )
    finally:
        progress.close()
    out.flush()


REWRITE_EPILOG = """\b
Examples:
  translitnorm rewrite draft.txt > clean.txt
  translitnorm rewrite draft.txt --style canonical-with-original
  translitnorm rewrite draft.txt --style first-mention --in-place
  echo 'Daesh took ar-Raqqah' | translitnorm rewrite -
"""


@handle_errors
def rewrite(
    file: Annotated[
        str, typer.Argument(metavar="FILE|-", help="The text to rewrite ('-': stdin).")
    ],
    glossary: GlossaryOption = None,
    style: Annotated[
        RewriteStyle,
        typer.Option(
            "--style",
            help="canonical: replace each mention by the canonical form; "
            "canonical-with-original: 'Canonical (as written)'; "
            "first-mention: only the first mention of each entry.",
        ),
    ] = "canonical",
    in_place: Annotated[
        bool, typer.Option("--in-place", "-i", help="Rewrite the file itself (atomically).")
    ] = False,
    encoding: EncodingOption = "utf-8",
    no_fuzzy: NoFuzzyOption = False,
    no_phonetic: NoPhoneticOption = False,
    threshold: ThresholdOption = None,
) -> None:
    """Write a text with the glossary's names in their canonical spelling.

    Ambiguous mentions are left as written. With --in-place the file is replaced
    atomically (a temporary file in the same folder, then a rename) and keeps its
    encoding and its newlines (\\r\\n stays \\r\\n).
    """
    from translitnorm.textio import TextSource, atomic_write_text, check_encoding, read_text

    check_encoding(encoding)
    source = TextSource.from_arg(file)
    if in_place and source.path is None:
        fail("--in-place needs a file, not standard input")
    if source.path is not None:
        expand_inputs([source.path])  # clear messages for folders and missing files
    text = read_text(source, encoding=encoding)
    matcher = build_matcher(
        glossary, match_config(fuzzy=not no_fuzzy, phonetic=not no_phonetic, threshold=threshold)
    )
    result = matcher.rewrite(text, style=style)
    if in_place:
        assert source.path is not None
        if result != text:
            atomic_write_text(source.path, result, encoding=encoding)
        return
    sys.stdout.write(result)
    sys.stdout.flush()


LOOKUP_EPILOG = """\b
Examples:
  translitnorm lookup 'Abu Bakr al-Baghdady'
  translitnorm lookup Daech --format json
  translitnorm lookup - --format jsonl < names.txt > resolved.jsonl
Exit status: 0 when every name has a candidate, 1 when some name has none.
"""


@handle_errors
def lookup(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME|-", help="A name, or '-' to read one name per line from stdin."
        ),
    ],
    glossary: GlossaryOption = None,
    limit: Annotated[
        int, typer.Option("--limit", "-k", min=1, metavar="K", help="Candidates per name.")
    ] = 5,
    fmt: Annotated[LookupFormat, typer.Option("--format", "-f", help="Output format.")] = "table",
    encoding: EncodingOption = "utf-8",
    no_fuzzy: NoFuzzyOption = False,
    no_phonetic: NoPhoneticOption = False,
    threshold: ThresholdOption = None,
) -> None:
    """Rank the glossary entries a name could be.

    With '-' the names are read from standard input, one per line, and answered in
    order as they arrive; the matcher is built once. jsonl writes one object per input
    line: {"query": ..., "candidates": [{"id", "canonical", "type", "score", "method",
    "variant"}, ...]}.
    """
    from translitnorm.render.text import format_candidates, lookup_record
    from translitnorm.textio import STDIN_NAME, check_encoding, iter_lines

    check_encoding(encoding)
    matcher = build_matcher(
        glossary, match_config(fuzzy=not no_fuzzy, phonetic=not no_phonetic, threshold=threshold)
    )
    out = sys.stdout
    if name == STDIN_NAME:
        queries = iter_lines(sys.stdin.buffer, name=STDIN_NAME, encoding=encoding)
    else:
        queries = iter([name])
    missed = 0
    batch: list[dict[str, object]] = []
    first = True
    for query in queries:
        candidates = matcher.lookup(query, limit=limit)
        missed += not candidates
        if fmt == "jsonl":
            out.write(json.dumps(lookup_record(query, candidates), ensure_ascii=False) + "\n")
            out.flush()
        elif fmt == "json":
            batch.append(lookup_record(query, candidates))
        else:
            out.write(("" if first else "\n") + format_candidates(query, candidates) + "\n")
            out.flush()
        first = False
    if fmt == "json":
        payload: object = batch if name == STDIN_NAME else batch[0]
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    out.flush()
    raise typer.Exit(EXIT_FINDINGS if missed else EXIT_OK)


EXPLAIN_EPILOG = """\b
Examples:
  translitnorm explain 'ad-Dawla al-Islamiyya'
  translitnorm explain Daech --format json
"""


@handle_errors
def explain(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The name to explain.")],
    glossary: GlossaryOption = None,
    fmt: Annotated[ExplainFormat, typer.Option("--format", "-f", help="Output format.")] = "text",
    no_fuzzy: NoFuzzyOption = False,
    no_phonetic: NoPhoneticOption = False,
    threshold: ThresholdOption = None,
) -> None:
    """Show how a name is folded, its keys, the candidates, and the decision."""
    from translitnorm.render.text import explanation_json, format_explanation

    matcher = build_matcher(
        glossary, match_config(fuzzy=not no_fuzzy, phonetic=not no_phonetic, threshold=threshold)
    )
    explanation = matcher.explain(name)
    text = explanation_json(explanation) if fmt == "json" else format_explanation(explanation)
    sys.stdout.write(text + "\n")


def register(app: typer.Typer) -> None:
    """Add the reader commands to ``app``."""
    app.command(epilog=ANNOTATE_EPILOG)(annotate)
    app.command(epilog=REWRITE_EPILOG)(rewrite)
    app.command(epilog=LOOKUP_EPILOG)(lookup)
    app.command(epilog=EXPLAIN_EPILOG)(explain)
