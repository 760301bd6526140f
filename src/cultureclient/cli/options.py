"""Options shared by several commands, declared once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from cultureclient.aggregate import Aggregator

Lexicons = Annotated[
    list[str] | None,
    typer.Option(
        "--lexicon",
        "-l",
        help="A theme file or a folder of them that adds themes or replaces shipped ones "
        "with the same id. Repeatable.",
    ),
]
LexiconsOnly = Annotated[
    bool,
    typer.Option(
        "--only-lexicons",
        help="Use only the themes given with --lexicon, not the shipped ones.",
    ),
]
Kind = Annotated[
    str,
    typer.Option(
        "--kind",
        "-k",
        help="What the texts are: verbatim (customer voice), internal (company voice) or "
        "employee (employee voice). Themes and detectors apply per kind.",
    ),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress display on stderr.")]


def report_row_errors(source: str, aggregator: Aggregator) -> None:
    """Print one line per row that could not be scored (the first few), on stderr."""
    from cultureclient.cli import error_line

    for doc_id, message in aggregator.errors:
        error_line(f"{source}: row {doc_id}: {message}")
    hidden = aggregator.status["error"] - len(aggregator.errors)
    if hidden > 0:
        error_line(f"{source}: … and {hidden} more rows with status error")


def check_kind(kind: str) -> str:
    """Return a valid kind or raise a usage error naming the valid ones."""
    from cultureclient.types import KINDS

    if kind not in KINDS:
        raise typer.BadParameter(f"{kind!r} is not one of {', '.join(KINDS)}", param_hint="--kind")
    return kind
