"""A progress display on stderr for long runs, silent when stderr is not a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def tracked(
    items: Iterable[T], label: str, quiet: bool = False, total: int | None = None
) -> Iterator[T]:
    """Yield ``items`` while showing a count and the time spent on stderr (on a terminal).

    With a ``total`` (known when the files are listed first) a bar shows how far along it is.
    """
    if quiet or not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    count = "{task.completed:,.0f}" + (f"/{total:,}" if total is not None else "") + " documents"
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        *((BarColumn(),) if total is not None else ()),
        TextColumn(count),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        for item in items:
            yield item
            progress.advance(task)
