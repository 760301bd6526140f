"""Options for large exports: workers, the annotation cache, the Dask engine.

None of them changes a result; they change how fast results come.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Worker processes, each with its own copy of the model (default: all cores). "
        "Inputs of up to 256 rows are scored in one process.",
    ),
]
Cache = Annotated[
    str | None,
    typer.Option(
        "--cache",
        metavar="DIR",
        help="Keep the annotations of the texts here, so that scoring them again (after a "
        "lexicon edit, say) skips the model (default: cultureclient in the user's cache "
        "folder, $XDG_CACHE_HOME or ~/.cache).",
    ),
]
NoCache = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the annotation cache.")
]
Engine = Annotated[
    str,
    typer.Option(
        "--engine",
        help="local (this machine's cores) or dask (partitions scored on a Dask cluster; "
        "pip install 'cultureclient[dask]').",
    ),
]
Scheduler = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="The Dask scheduler, as tcp://host:8786 (default with --engine dask: a local "
        "cluster of --jobs workers).",
    ),
]


def cores() -> int:
    """Return the number of cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def cache_choice(cache: str | None, no_cache: bool) -> str | Path | bool:
    """Turn --cache and --no-cache into what ``api.score`` takes."""
    if no_cache:
        if cache is not None:
            raise typer.BadParameter(
                "--cache and --no-cache exclude each other", param_hint="--cache"
            )
        return False
    return True if cache is None else Path(cache)
