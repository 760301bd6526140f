"""``cultureclient score``: score an export of texts against the theme lexicons."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from cultureclient.cli import EXIT_OK, EXIT_USAGE, app
from cultureclient.cli.options import (
    Kind,
    Lexicons,
    LexiconsOnly,
    Quiet,
    check_kind,
    report_row_errors,
)
from cultureclient.cli.performance import (
    Cache,
    Engine,
    Jobs,
    NoCache,
    Scheduler,
    cache_choice,
    cores,
)
from cultureclient.cli.progress import tracked


@app.command()
def score(
    path: Annotated[
        str,
        typer.Argument(
            help="The export: .csv .tsv .xlsx .json .jsonl .parquet .txt, or - for stdin."
        ),
    ],
    text_column: Annotated[
        str | None,
        typer.Option(
            "--text-column",
            "-t",
            help="Column holding the text (default: the one named like texte, verbatim, commentaire, avis, message…).",
        ),
    ] = None,
    id_column: Annotated[
        str | None,
        typer.Option("--id-column", help="Column holding the row id (default: row number from 1)."),
    ] = None,
    kind: Kind = "verbatim",
    sep: Annotated[
        str | None, typer.Option("--sep", help="CSV delimiter (default: sniffed among , ; tab |).")
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            help="Input encoding (default: detected: UTF-8, UTF-8/16 with BOM, cp1252).",
        ),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="XLSX sheet name or number (default: the first).")
    ] = None,
    input_format: Annotated[
        str | None,
        typer.Option(
            "--input-format",
            help="csv, tsv, xlsx, json, jsonl, parquet or txt (default: from the suffix; stdin is sniffed).",
        ),
    ] = None,
    lexicon: Lexicons = None,
    only_lexicons: LexiconsOnly = False,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table, csv, jsonl, json or xlsx (default: from --output's suffix, else table on a terminal and jsonl in a pipe).",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write here (atomically) instead of stdout."),
    ] = None,
    group_by: Annotated[
        str | None,
        typer.Option(
            "--group-by",
            "-g",
            help="A column to summarise by (agency, channel, month…), in the table and JSON summary.",
        ),
    ] = None,
    quiet: Quiet = False,
    jobs: Jobs = None,
    cache: Cache = None,
    no_cache: NoCache = False,
    engine: Engine = "local",
    scheduler: Scheduler = None,
) -> None:
    """Score every row of an export against the theme lexicons.

    One output record per input row, in input order, with the input's own columns, a status
    (ok, empty, error), per-theme scores (pos, neg, index in [-1, 1]) and the hits that
    produced them.

    For example:

        cultureclient score avis.csv

        cultureclient score export.xlsx --sheet Avis --group-by agence

        cultureclient score avis.csv -o scores.csv

        cat avis.csv | cultureclient score - --format jsonl | jq .scores

        cultureclient score export.csv -o scores.jsonl --engine dask --scheduler tcp://host:8786

    """
    from cultureclient import api
    from cultureclient.io.readers import ReadOptions
    from cultureclient.io.writers import atomic_output
    from cultureclient.render import csv, format_for, json, jsonl, table, xlsx

    fmt = format_for(output, output_format, sys.stdout.isatty())
    options = ReadOptions(
        text_column=text_column,
        id_column=id_column,
        kind=check_kind(kind),  # type: ignore[arg-type]
        sep=sep,
        encoding=encoding,
        sheet=sheet,
        input_format=input_format,
    )
    run = api.score(
        path,
        options,
        lexicon or (),
        group_by,
        shipped=not only_lexicons,
        jobs=jobs or cores(),
        cache=cache_choice(cache, no_cache),
        engine=engine,
        scheduler=scheduler,
    )
    run.wrap(lambda results: tracked(results, f"scoring {path}", quiet))
    writer = {"table": table, "csv": csv, "jsonl": jsonl, "json": json, "xlsx": xlsx}[fmt].write
    with atomic_output(output, binary=fmt == "xlsx") as out:
        writer(run, out)
    report_row_errors(path, run.aggregator)
    raise typer.Exit(EXIT_USAGE if run.aggregator.status["error"] else EXIT_OK)
