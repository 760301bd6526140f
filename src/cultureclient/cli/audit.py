"""``cultureclient audit``: a folder of internal documents → a ranked report, in one command."""

from __future__ import annotations

from typing import Annotated

import typer

from cultureclient.cli import EXIT_OK, app
from cultureclient.cli.options import Kind, Lexicons, LexiconsOnly, Quiet, check_kind


@app.command()
def audit(
    paths: Annotated[
        list[str],
        typer.Argument(help="Folders (read recursively) or files: .txt .md .html .docx .pdf .odt."),
    ],
    kind: Kind = "internal",
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table, csv, json, md or html (default: from --output's suffix, else table).",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write here (atomically) instead of stdout."),
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option(
            "--include", help="Only files whose path or name matches this glob. Repeatable."
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude", help="Skip files whose path or name matches this glob. Repeatable."
        ),
    ] = None,
    lexicon: Lexicons = None,
    only_lexicons: LexiconsOnly = False,
    quiet: Quiet = False,
) -> None:
    """Audit a folder of memos, plans, newsletters and HR notes into a ranked report.

    Each document gets its theme profile (rates per 100 words), its findings, its customer :
    employee balance, its share of incantations versus proofs and the sentences behind them;
    the documents are ranked by what needs attention first, and the folder is summed up
    (dominant and missing themes, documents × themes matrix, months). A file that cannot be
    read gets its own error row; the exit code is 0 whenever the report is written.

    Examples:
        cultureclient audit examples/memos/

        cultureclient audit dossier-client/ --format html --output audit.html

        cultureclient audit dossier-client/ --exclude "*/brouillons/*" -o audit.csv

    """
    from cultureclient import api
    from cultureclient.cli.progress import tracked
    from cultureclient.io.writers import atomic_output
    from cultureclient.render.audit import csv, format_for, html, json, md, table

    fmt = format_for(output, output_format)
    report = api.audit(
        paths,
        check_kind(kind),  # type: ignore[arg-type]
        lexicon or (),
        not only_lexicons,
        include or (),
        exclude or (),
        track=lambda files: tracked(files, "audit", quiet, total=len(files)),
    )
    writer = {"table": table, "csv": csv, "json": json, "md": md, "html": html}[fmt].write
    with atomic_output(output) as out:
        writer(report, out)
    for doc in report.unreadable:
        typer.echo(f"cultureclient: warning: {doc.path}: {doc.error}", err=True)
    raise typer.Exit(EXIT_OK)
