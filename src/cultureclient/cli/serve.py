"""``cultureclient serve``: keep the model loaded so that repeated ``check`` calls are instant."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cultureclient.cli import app


@app.command()
def serve(
    socket: Annotated[
        Path | None,
        typer.Option(
            "--socket",
            help="Unix socket to listen on (default: serve.sock in the cache folder, or $CULTURECLIENT_SOCKET).",
        ),
    ] = None,
    idle_timeout: Annotated[
        float,
        typer.Option("--idle-timeout", help="Stop after this many seconds without a request."),
    ] = 900.0,
) -> None:
    """Run a warm worker that `cultureclient check` uses when it is there.

    Loading spaCy and the lexicons takes seconds; a pre-commit hook pays it at every commit.
    With `cultureclient serve &` running, `check` sends its files to the worker and answers
    in a fraction of a second. Restart it after editing lexicons.

    For example:

        cultureclient serve --idle-timeout 3600 &

        cultureclient check drafts/
    """
    from cultureclient.serve import serve as run

    def ready(path: Path) -> None:
        typer.echo(f"cultureclient: listening on {path}", err=True)

    answered = run(socket, idle_timeout, ready)
    typer.echo(f"cultureclient: stopped after {answered} request(s)", err=True)
