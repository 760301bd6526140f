"""The ``cultureclient`` command: a thin typer layer over ``cultureclient.api``.

Each command lives in its own module, parses options, calls the library, hands the data to a
renderer and picks the exit code: 0 clean, 1 findings or failed examples, 2 bad input, lexicon
or configuration. User errors print one line on stderr, never a traceback.
"""

from __future__ import annotations

import sys

import typer

try:  # typer ≥ 0.26 vendors its own click
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older typer on the real click
    from click import exceptions as click_exceptions

from cultureclient.errors import CultureclientError, LexiconError

app = typer.Typer(
    name="cultureclient",
    help=(
        "Measure *culture client* in French texts: customer verbatims, internal memos, "
        "employee voice. Every score comes with the words that produced it."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _version(value: bool) -> None:
    if value:
        from cultureclient import __version__

        typer.echo(f"cultureclient {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _options(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Measure *culture client* in French texts (see the commands below)."""


def _register() -> None:
    from cultureclient.cli import (  # noqa: F401  (each module registers its command)
        audit,
        check,
        evaluate,
        explain,
        lexicon,
        rules,
        score,
        serve,
    )


def error_line(message: str) -> None:
    """Print a one-line error on stderr."""
    typer.echo(f"cultureclient: error: {message}", err=True)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (the console script's entry point)."""
    _register()
    try:
        code = app(args=argv, standalone_mode=False)
    except LexiconError as exc:
        for problem in exc.problems:
            error_line(problem)
        return EXIT_USAGE
    except CultureclientError as exc:
        error_line(str(exc))
        return EXIT_USAGE
    except click_exceptions.ClickException as exc:
        exc.show()
        return EXIT_USAGE
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("interrupted", err=True)
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): not an error
        return EXIT_OK
    return code if isinstance(code, int) else EXIT_OK
