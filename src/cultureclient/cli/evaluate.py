"""``cultureclient evaluate``: measure the lexicons and detectors against labelled texts."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from cultureclient.cli import app
from cultureclient.cli.options import Lexicons, LexiconsOnly


@app.command()
def evaluate(
    gold: Annotated[
        str,
        typer.Argument(
            help="Labelled CSV: id, text, optional kind, one column per theme (+, -, +-, empty) and per finding (1/0)."
        ),
    ],
    lexicon: Lexicons = None,
    only_lexicons: LexiconsOnly = False,
    errors: Annotated[
        bool,
        typer.Option(
            "--errors",
            help="List false positives and negatives with their text and the hits behind them.",
        ),
    ] = False,
    output_format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Print precision, recall, F1 and support per theme pole and per finding, and the macro F1.

    For example:

        cultureclient evaluate examples/gold/verbatims.csv

        cultureclient evaluate examples/gold/internal.csv --errors

        cultureclient evaluate gold.csv --format json | jq .macro_f1

    """
    from cultureclient import api
    from cultureclient.errors import ConfigError
    from cultureclient.evaluate import evaluate as run
    from cultureclient.render import evaluation as view

    if output_format not in ("table", "json"):
        raise ConfigError(f"unknown format {output_format!r}; one of table, json")
    report = run(gold, api.analyzer(lexicon or (), not only_lexicons), with_errors=errors)
    if output_format == "json":
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        view.write(report, sys.stdout)
