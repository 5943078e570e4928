"""Shared plumbing of the commands: options, error reporting, glossary and matcher set-up.

Nothing heavy is imported at module level (start-up time matters: ``translitnorm
--version`` must stay fast); the matcher, the loader, ruamel and rapidfuzz are imported
inside the functions that need them.
"""

from __future__ import annotations

import functools
import glob
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer

from translitnorm.errors import InputError, Problem

if TYPE_CHECKING:
    from translitnorm.matcher import MatchConfig, Matcher
    from translitnorm.model import Glossary

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

BUNDLED = "bundled"
"""The ``--glossary`` value that stands for the glossary shipped with translitnorm."""

MAX_PROBLEM_LINES = 50


class State:
    """Global flags set by the top-level callback (reset on every invocation)."""

    debug: bool = False


state = State()


GlossaryOption = Annotated[
    list[str] | None,
    typer.Option(
        "--glossary",
        "-g",
        metavar="PATH",
        help="Glossary file or folder to use instead of the bundled one (repeatable). "
        "The value 'bundled' adds the bundled glossary back in.",
        show_default=False,
    ),
]

EncodingOption = Annotated[
    str,
    typer.Option(
        "--encoding",
        metavar="ENC",
        help="Encoding of the input texts. Bytes that are not valid in it are refused.",
    ),
]


def err(message: str) -> None:
    """One line on standard error."""
    typer.echo(message, err=True)


def report_problems(problems: Sequence[Problem]) -> None:
    """Each problem as one ``file:line:col: message; hint`` line on stderr."""
    for p in problems[:MAX_PROBLEM_LINES]:
        err(str(p))
    if len(problems) > MAX_PROBLEM_LINES:
        err(f"... and {len(problems) - MAX_PROBLEM_LINES} more problem(s)")


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``message`` as one line on stderr and exit with ``code``."""
    err(message)
    raise typer.Exit(code)


def _os_error_line(e: OSError) -> str:
    where = e.filename if e.filename is not None else "error"
    what = e.strerror or str(e)
    if e.filename2 is not None:
        where = f"{where} -> {e.filename2}"
    return f"{where}: {what}"


def handle_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn input errors into one-line messages and exit code 2 (``--debug`` re-raises)."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except typer.Exit:
            raise
        except BrokenPipeError:
            # The reader went away (``| head``): stop quietly.
            _silence_stdout()
            raise typer.Exit(EXIT_OK) from None
        except InputError as e:
            if state.debug:
                raise
            report_problems(e.problems or [Problem(None, str(e))])
            raise typer.Exit(EXIT_USAGE) from None
        except UnicodeError as e:
            if state.debug:
                raise
            fail(f"error: {e}")
        except OSError as e:
            if state.debug:
                raise
            fail(_os_error_line(e))
        except KeyboardInterrupt:
            if state.debug:
                raise
            fail("interrupted", 130)

    return wrapper


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


# --------------------------------------------------------------------------- glossaries


def glossary_args(values: Sequence[str] | None) -> tuple[list[str], bool]:
    """(paths, include_bundled) for the ``--glossary`` values given.

    >>> glossary_args(None)
    ([], False)
    >>> glossary_args(["mine.yaml", "bundled"])
    (['mine.yaml'], True)
    """
    if not values:
        return [], False
    paths = [v for v in values if v != BUNDLED]
    return paths, len(paths) < len(values)


def load(values: Sequence[str] | None) -> Glossary:
    """The glossary the ``--glossary`` values select (the bundled one by default)."""
    from translitnorm.loader import load_glossary

    paths, include_bundled = glossary_args(values)
    if not paths:
        return load_glossary()
    return load_glossary(*paths, include_bundled=include_bundled)


def resolved_paths(values: Sequence[str] | None) -> list[str]:
    """The glossary paths as a list, with the bundled folder spelled out."""
    from translitnorm.bundled import bundled_glossary_path

    paths, include_bundled = glossary_args(values)
    if not paths:
        return [str(bundled_glossary_path())]
    return ([str(bundled_glossary_path())] if include_bundled else []) + paths


def match_config(
    *, fuzzy: bool = True, phonetic: bool = True, threshold: float | None = None
) -> MatchConfig:
    """A :class:`MatchConfig` from the command-line switches."""
    from translitnorm.matcher import MatchConfig

    if threshold is None:
        return MatchConfig(phonetic=phonetic, fuzzy=fuzzy)
    return MatchConfig(phonetic=phonetic, fuzzy=fuzzy, threshold=threshold)


def build_matcher(values: Sequence[str] | None, config: MatchConfig) -> Matcher:
    """The compiled matcher for the selected glossary (from the on-disk cache when there is one)."""
    from translitnorm.cache import cached_matcher

    return cached_matcher(*resolved_paths(values), config=config)


# --------------------------------------------------------------------------- inputs

_GLOB_CHARS = frozenset("*?[")


def expand_inputs(args: Sequence[str] | None) -> list[str]:
    """Input arguments with globs expanded (for shells that do not); ``-`` or nothing is stdin.

    Raises :class:`InputError` for a glob that matches nothing, a missing file or a folder.
    """
    if not args:
        return ["-"]
    out: list[str] = []
    for arg in args:
        if arg == "-":
            out.append(arg)
            continue
        if not os.path.exists(arg) and _GLOB_CHARS & set(arg):
            hits = sorted(h for h in glob.glob(arg, recursive=True) if os.path.isfile(h))
            if not hits:
                raise InputError(
                    [Problem(None, f"{arg}: no file matches this pattern", code="no-match")]
                )
            out.extend(hits)
            continue
        path = Path(arg)
        if path.is_dir():
            raise InputError(
                [
                    Problem(
                        None,
                        f"{arg}: is a folder",
                        hint=f"give the files, e.g. '{arg}/**/*.txt' (quoted)",
                        code="is-a-folder",
                    )
                ]
            )
        if not path.exists():
            raise InputError([Problem(None, f"{arg}: no such file", code="no-such-file")])
        out.append(arg)
    return out


def color_enabled(stream: Any = None) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set."""
    s = stream if stream is not None else sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return bool(s.isatty())
    except (AttributeError, ValueError):
        return False


def stdout_write(text: str) -> None:
    """Write to standard output (as text, in UTF-8 whatever the locale says)."""
    _stdout().write(text)


def _stdout() -> Any:
    out = sys.stdout
    try:
        if out.encoding and out.encoding.lower().replace("-", "") != "utf8":
            out.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        pass
    return out
