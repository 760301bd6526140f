"""A rich console wide enough for cultureclient's tables, whatever the terminal or pipe says."""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console

MIN_WIDTH = 110


def wide(out: TextIO | None = None, minimum: int = MIN_WIDTH) -> Console:
    """Return a console on ``out`` (stdout by default) at least ``minimum`` columns wide.

    In a pipe rich falls back to 80 columns, which folds every French label in two.
    """
    out = out or sys.stdout
    return Console(file=out, width=max(Console(file=out).width, minimum), highlight=False)
