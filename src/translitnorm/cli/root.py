"""The ``translitnorm`` Typer application: global options and the command tree.

Readers (``annotate``, ``rewrite``, ``lookup``, ``explain``) live in
:mod:`translitnorm.cli.read`, glossary editors in :mod:`translitnorm.cli.glossary`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from translitnorm.cli import glossary as _glossary
from translitnorm.cli import read as _read
from translitnorm.cli.common import state

HELP = """Keep names straight across spellings, transliterations and scripts.

Every command that reads a glossary uses the bundled one unless --glossary PATH is
given (repeatable; a file or a folder of YAML files); '--glossary bundled' adds the
bundled glossary back in. Exit status: 0 ok, 1 findings, 2 usage or input error.
"""

EPILOG = """\b
Examples:
  translitnorm annotate report.txt --format table
  translitnorm rewrite draft.txt --in-place
  translitnorm lookup 'Abou Bakr al-Baghdadi'
  translitnorm explain Daech
  translitnorm glossary lint my-glossary.yaml
"""

app = typer.Typer(
    name="translitnorm",
    help=HELP,
    epilog=EPILOG,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from translitnorm import __version__

        typer.echo(f"translitnorm {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            envvar="TRANSLITNORM_DEBUG",
            help="Show the full traceback of errors instead of a one-line message.",
        ),
    ] = False,
) -> None:
    state.debug = debug


_read.register(app)
app.add_typer(_glossary.app, name="glossary")


def main(argv: list[str] | None = None) -> None:
    """Run the command line (the ``translitnorm`` console script)."""
    app(args=argv, prog_name="translitnorm")
