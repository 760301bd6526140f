"""CSV output: one row per input row, the input's columns first, written as results come."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, TextIO

from cultureclient.render.rows import flat_row, score_columns

if TYPE_CHECKING:
    from cultureclient.api import ScoreRun


def write(run: ScoreRun, out: TextIO) -> None:
    """Write the run as CSV (comma, standard quoting)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(run.columns + score_columns(run.themes, run.rules))
    for result in run.results:
        writer.writerow(flat_row(result, run.columns, run.text_column, run.themes, run.rules))
