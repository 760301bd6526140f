"""``cultureclient explain``: show which words of one text produced which scores."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cultureclient.cli import app
from cultureclient.cli.options import Kind, Lexicons, LexiconsOnly, check_kind


@app.command()
def explain(
    text: Annotated[
        str | None, typer.Argument(help="The text to explain (or use --file, or - for stdin).")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="Read the text from this file (UTF-8).")
    ] = None,
    kind: Kind = "verbatim",
    lexicon: Lexicons = None,
    only_lexicons: LexiconsOnly = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the JSONL record instead.")
    ] = False,
) -> None:
    """Highlight the hits of one text per theme and pole, with entries and negations.

    For example:

        cultureclient explain "Ils me harcèlent pour placer leurs produits, aucune écoute."

        cultureclient explain --file note.txt --kind internal

    """
    import json

    from cultureclient import api
    from cultureclient.errors import InputError
    from cultureclient.render import explain as view

    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{file}: cannot read as UTF-8 text ({exc})") from exc
    elif text in (None, "-"):
        text = sys.stdin.read()
    result = api.analyze([text], check_kind(kind), lexicon or (), not only_lexicons)[0]  # type: ignore[arg-type]
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    labels = {
        t: th.label
        for t, th in api.analyzer(lexicon or (), not only_lexicons).lexicon.themes.items()
    }
    view.write(result, labels, sys.stdout)
