"""Glossary-editor commands: ``translitnorm glossary validate|lint|add|fmt|suggest|stats``.

Each one calls one library function: :func:`translitnorm.loader.validate_paths`,
:func:`translitnorm.lint.lint_glossary`, :func:`translitnorm.edit.add_variant`,
:func:`translitnorm.edit.format_file`, :func:`translitnorm.suggest.suggest_variants`,
:func:`translitnorm.stats.glossary_stats`.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Literal

import typer

from translitnorm.cli.common import (
    BUNDLED,
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    EncodingOption,
    GlossaryOption,
    build_matcher,
    err,
    expand_inputs,
    fail,
    glossary_args,
    handle_errors,
    match_config,
    resolved_paths,
)

GROUP_EPILOG = """\b
Examples:
  translitnorm glossary validate my-glossary.yaml
  translitnorm glossary lint
  translitnorm glossary add raqqa 'Rakka' --lang tr
  translitnorm glossary fmt glossary/ --check
  translitnorm glossary suggest corpus/*.txt --min-count 2
  translitnorm glossary stats
"""

app = typer.Typer(
    name="glossary",
    help="Check, edit and describe glossary files.",
    epilog=GROUP_EPILOG,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
)

UNREADABLE = frozenset({"file-not-found", "unreadable-file", "no-yaml-files", "file-too-large"})
"""Loader problem codes that mean a path could not be read at all (exit 2, not 1)."""

TextOrJson = Annotated[
    Literal["text", "json"], typer.Option("--format", "-f", help="Output format.")
]
"""The ``--format text|json`` option shared by lint, suggest and stats."""

PathsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="PATH",
        help="Glossary files or folders (default: the bundled glossary; 'bundled' names it).",
        show_default=False,
    ),
]


def _paths(values: list[str] | None) -> tuple[list[str], bool]:
    return glossary_args(values)


VALIDATE_EPILOG = """\b
Examples:
  translitnorm glossary validate
  translitnorm glossary validate my-glossary.yaml
  translitnorm glossary validate glossaries/ bundled
Exit status: 0 valid (warnings allowed), 1 errors found, 2 a path cannot be read.
"""


@app.command(epilog=VALIDATE_EPILOG)
@handle_errors
def validate(paths: PathsArgument = None) -> None:
    """Check glossary files against the format: every problem as file:line:col: message."""
    from translitnorm.loader import validate_paths
    from translitnorm.render.text import problem_line

    files, include_bundled = _paths(paths)
    problems = validate_paths(*files, include_bundled=include_bundled)
    for p in problems:
        sys.stdout.write(problem_line(p) + "\n")
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    err(f"{errors} error(s), {warnings} warning(s)")
    if any(p.code in UNREADABLE for p in problems):
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_FINDINGS if errors else EXIT_OK)


LINT_EPILOG = """\b
Examples:
  translitnorm glossary lint
  translitnorm glossary lint my-glossary.yaml --errors-only
  translitnorm glossary lint glossary/ --format json | jq '.[].code'
Checks: variant-collision, declared-ambiguous, common-word, short-variant,
unreachable-variant, near-duplicate, missing-lang-script, no-definition, no-source,
dangling-related.
Exit status: 0 clean, 1 findings (errors or warnings; errors only with
--errors-only), 2 the glossary cannot be loaded.
"""


@app.command(epilog=LINT_EPILOG)
@handle_errors
def lint(
    paths: PathsArgument = None,
    fmt: TextOrJson = "text",
    errors_only: Annotated[
        bool, typer.Option("--errors-only", help="Report (and fail on) errors only, not warnings.")
    ] = False,
) -> None:
    """Find problems a schema cannot see: colliding spellings, risky variants, duplicates."""
    from translitnorm.lint import lint_glossary
    from translitnorm.loader import load_glossary
    from translitnorm.render.text import problem_line, problem_record

    files, include_bundled = _paths(paths)
    glossary = load_glossary(*files, include_bundled=include_bundled)
    problems = lint_glossary(glossary)
    if errors_only:
        problems = [p for p in problems if p.severity == "error"]
    if fmt == "json":
        sys.stdout.write(
            json.dumps([problem_record(p) for p in problems], ensure_ascii=False, indent=2) + "\n"
        )
    else:
        for p in problems:
            sys.stdout.write(problem_line(p) + "\n")
    errors = sum(p.severity == "error" for p in problems)
    err(f"{errors} error(s), {len(problems) - errors} warning(s) in {len(glossary)} entries")
    raise typer.Exit(EXIT_FINDINGS if problems else EXIT_OK)


SourceOption = Annotated[
    str | None,
    typer.Option(
        "--source",
        metavar="CITATION",
        help="Where the spelling is attested; added to the entry's sources.",
    ),
]
SourceUrlOption = Annotated[
    str | None,
    typer.Option(
        "--source-url", metavar="URL", help="A link to that source (with or without --source)."
    ),
]


ADD_EPILOG = """\b
Examples:
  translitnorm glossary add raqqa 'Rakka' --lang tr
  translitnorm glossary add islamic-state 'IS' --case-sensitive
  translitnorm glossary add raqqa 'الرقة' --lang ar --script Arab -g my-glossary/
  translitnorm glossary add raqqa 'Rakka' --lang tr --source 'Turkish press, 2016' \\
      --source-url https://example.org/rakka
Comments, key order, quoting and unknown fields of the file are kept.
"""


@app.command(epilog=ADD_EPILOG)
@handle_errors
def add(
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="The id of the entry.")],
    variant: Annotated[str, typer.Argument(metavar="VARIANT", help="The spelling to add.")],
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language tag (BCP 47), e.g. ar, fr.")
    ] = None,
    script: Annotated[
        str | None, typer.Option("--script", help="Script code (ISO 15924), e.g. Arab, Cyrl.")
    ] = None,
    scheme: Annotated[
        str | None, typer.Option("--scheme", help="Transliteration scheme, e.g. ala-lc.")
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status", help="current, deprecated, pejorative, misspelling or historical."
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="A free-text note.")] = None,
    case_sensitive: Annotated[
        bool, typer.Option("--case-sensitive", help="Match only with this letter case (acronyms).")
    ] = False,
    ambiguous: Annotated[
        bool,
        typer.Option("--ambiguous", help="The spelling is knowingly shared with other entries."),
    ] = False,
    source: SourceOption = None,
    source_url: SourceUrlOption = None,
    glossary: Annotated[
        str | None,
        typer.Option(
            "--glossary",
            "-g",
            metavar="FILE_OR_DIR",
            help="The glossary file, or a folder searched for the file holding ID "
            "(default: the bundled glossary).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Add a spelling to an entry, editing its YAML file in place.

    With --source and/or --source-url the citation is added to the entry's sources in the
    same edit (unless it is listed already). Refuses (exit 2) when the id is unknown, the
    spelling is already there, or the file cannot be rewritten without changing other
    lines (run 'glossary fmt' on it first).
    """
    from translitnorm.edit import add_variant

    target = glossary if glossary and glossary != BUNDLED else resolved_paths(None)[0]
    added = add_variant(
        target,
        entry_id,
        variant,
        lang=lang,
        script=script,
        scheme=scheme,
        status=status,
        note=note,
        case_sensitive=case_sensitive,
        ambiguous=ambiguous,
        source=source,
        source_url=source_url,
    )
    sys.stdout.write(str(added) + "\n")


FMT_EPILOG = """\b
Examples:
  translitnorm glossary fmt my-glossary.yaml
  translitnorm glossary fmt glossary/ --check
Exit status with --check: 0 nothing to do, 1 some file would change.
"""


@app.command("fmt", epilog=FMT_EPILOG)
@handle_errors
def fmt_(
    paths: PathsArgument = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Change nothing; exit 1 and name the files that would change."
        ),
    ] = False,
) -> None:
    """Normalize the layout of glossary files (indentation), keeping comments, key order
    and quoting."""
    from translitnorm.edit import format_file, glossary_files

    changed = 0
    for target in resolved_paths(paths):
        for f in glossary_files(target):
            if format_file(f, check=check):
                changed += 1
                sys.stdout.write(f"{'would reformat' if check else 'reformatted'}: {f}\n")
    err(f"{changed} file(s) {'would change' if check else 'changed'}")
    raise typer.Exit(EXIT_FINDINGS if check and changed else EXIT_OK)


SUGGEST_EPILOG = """\b
Examples:
  translitnorm glossary suggest corpus/*.txt
  translitnorm glossary suggest corpus/*.txt --min-count 3 --format json
  translitnorm glossary suggest notes.txt -g my-glossary/ --write
  translitnorm glossary suggest press/*.txt -g my-glossary/ --write --source 'Press review 2016'
With --write each suggestion is added through 'glossary add' and printed; --source and
--source-url add that source to each entry that gets a spelling.
"""


@app.command(epilog=SUGGEST_EPILOG)
@handle_errors
def suggest(
    corpus: Annotated[
        list[str],
        typer.Argument(metavar="CORPUS...", help="Text files or glob patterns ('-': stdin)."),
    ],
    glossary: GlossaryOption = None,
    write: Annotated[
        bool, typer.Option("--write", help="Add the suggestions to the glossary files.")
    ] = False,
    source: SourceOption = None,
    source_url: SourceUrlOption = None,
    min_count: Annotated[
        int,
        typer.Option(
            "--min-count", min=1, metavar="N", help="Only spellings seen at least N times."
        ),
    ] = 1,
    fmt: TextOrJson = "text",
    encoding: EncodingOption = "utf-8",
    threshold: Annotated[
        float | None,
        typer.Option(
            "--threshold",
            min=0.0,
            max=100.0,
            metavar="SCORE",
            help="Minimum match score.  [default: 85]",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Find spellings in texts that match an entry phonetically or fuzzily but are not
    variants of it yet, with their count, score and a line of context."""
    from translitnorm.render.table import format_table
    from translitnorm.suggest import suggest_variants, write_suggestions
    from translitnorm.textio import TextSource, check_encoding

    check_encoding(encoding)
    if (source is not None or source_url is not None) and not write:
        fail("--source and --source-url go with --write (they are added with the spellings)")
    sources = [TextSource.from_arg(a) for a in expand_inputs(corpus)]
    matcher = build_matcher(glossary, match_config(threshold=threshold))
    found = suggest_variants(matcher, sources, min_count=min_count, encoding=encoding)
    if fmt == "json":
        sys.stdout.write(
            json.dumps([s.as_dict() for s in found], ensure_ascii=False, indent=2) + "\n"
        )
    elif found:
        rows = [
            [
                s.entry_id,
                s.text,
                str(s.count),
                f"{s.score:.1f}",
                s.method,
                f"{s.location}: {s.context}",
            ]
            for s in found
        ]
        sys.stdout.write(
            format_table(
                ["id", "spelling", "count", "score", "method", "context"], rows, right=[2, 3]
            )
            + "\n"
        )
    err(f"{len(found)} suggestion(s)")
    if write and found:
        write_suggestions(
            found,
            resolved_paths(glossary),
            on_written=lambda added: err(f"written: {added}"),
            source=source,
            source_url=source_url,
        )


STATS_EPILOG = """\b
Examples:
  translitnorm glossary stats
  translitnorm glossary stats my-glossary.yaml --format json
"""


@app.command(epilog=STATS_EPILOG)
@handle_errors
def stats(
    paths: PathsArgument = None,
    fmt: TextOrJson = "text",
) -> None:
    """Count entries per type and variants per language and script."""
    from translitnorm.loader import load_glossary
    from translitnorm.stats import format_stats, glossary_stats

    files, include_bundled = _paths(paths)
    result = glossary_stats(load_glossary(*files, include_bundled=include_bundled))
    if fmt == "json":
        sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_stats(result) + "\n")
