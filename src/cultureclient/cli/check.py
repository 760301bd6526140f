"""``cultureclient check``: lint communication drafts before they go out, like a code linter."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cultureclient.cli import app
from cultureclient.cli.options import Lexicons, Quiet
from cultureclient.cli.progress import tracked

FORMATS = ("text", "json", "github", "sarif")


@app.command()
def check(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders (recursive) of drafts: .txt .md .html .docx .pdf .odt, or - for stdin."
        ),
    ],
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="text (default), json, github (workflow commands for pull requests) or sarif (2.1.0).",
        ),
    ] = "text",
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding reaches this severity: error, warning (default) or info.",
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            help="What the drafts are (default: internal, or the configuration's kind).",
        ),
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option("--include", help="Only files matching this glob (repeatable), e.g. '*.md'."),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude", help="Skip files matching this glob (repeatable), e.g. 'archive/*'."
        ),
    ] = None,
    disable: Annotated[
        list[str] | None,
        typer.Option("--disable", help="Turn a rule off (repeatable); see `cultureclient rules`."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Use this .cultureclient.yaml (or pyproject.toml) instead of looking upward from each file.",
        ),
    ] = None,
    lexicon: Lexicons = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help="Write the report here (atomically) instead of stdout."
        ),
    ] = None,
    no_server: Annotated[
        bool, typer.Option("--no-server", help="Do not use a running `cultureclient serve` worker.")
    ] = False,
    quiet: Quiet = False,
) -> None:
    """Check drafts (announcements, plan memos, newsletters) before they go out.

    Reports where a draft contradicts the culture client it claims, with file:line:col,
    severity, rule and what to change.

    Exit codes: 0 no finding reaches --fail-on, 1 some do, 2 usage, configuration or unreadable file.
    Configuration: .cultureclient.yaml or [tool.cultureclient] in pyproject.toml, found upward from
    each file; inline `<!-- cultureclient: disable=RULE -->` turns rules off for the next paragraph,
    `disable-file` for the whole file.

    For example:

        cultureclient check drafts/

        cultureclient check note.md --format github --fail-on error

        cultureclient check . --include '*.md' --format sarif -o cultureclient.sarif

    """
    from cultureclient.check import CheckOptions, exit_code
    from cultureclient.check import check as run
    from cultureclient.errors import ConfigError
    from cultureclient.io.documents import find_documents
    from cultureclient.io.writers import atomic_output
    from cultureclient.render import check_json, check_text, github, sarif
    from cultureclient.rules import rule
    from cultureclient.serve import request_check
    from cultureclient.types import KINDS, SEVERITIES

    if output_format not in FORMATS:
        raise ConfigError(f"unknown format {output_format!r}; one of {', '.join(FORMATS)}")
    if fail_on is not None and fail_on not in SEVERITIES:
        raise ConfigError(f"--fail-on {fail_on!r}: one of {', '.join(SEVERITIES)}")
    if kind is not None and kind not in KINDS:
        raise ConfigError(f"--kind {kind!r}: one of {', '.join(KINDS)}")
    for rule_id in disable or ():
        rule(rule_id)
    files = ["-"] if paths == ["-"] else find_documents(paths, include or (), exclude or ())
    options = CheckOptions(
        kind=kind,  # type: ignore[arg-type]
        fail_on=fail_on,  # type: ignore[arg-type]
        lexicons=tuple(lexicon or ()),
        disable=tuple(disable or ()),
        config=config,
    )
    done = []
    served = (
        None if no_server or files == ["-"] else request_check([str(f) for f in files], options)
    )

    def reports():
        source = served if served is not None else tracked(run(files, options), "checking", quiet)
        for report in source:
            done.append(report)
            yield report

    writer = {"text": check_text, "json": check_json, "github": github, "sarif": sarif}[
        output_format
    ]
    with atomic_output(output) as out:
        writer.write(reports(), out)
    if not files:
        typer.echo("cultureclient: no document found to check", err=True)
    raise typer.Exit(exit_code(done, fail_on))  # type: ignore[arg-type]
