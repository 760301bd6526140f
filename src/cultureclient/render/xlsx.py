"""XLSX output for analysts: a ``scores`` sheet (as the CSV), ``hits`` and ``summary`` sheets."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from cultureclient.render.rows import flat_row, score_columns

if TYPE_CHECKING:
    from cultureclient.api import ScoreRun


def write(run: ScoreRun, out: IO[bytes]) -> None:
    """Write the workbook (held in memory: a worksheet has at most 1,048,576 rows anyway)."""
    import pandas as pd

    rows, hits = [], []
    for result in run.results:
        rows.append(flat_row(result, run.columns, run.text_column, run.themes, run.rules))
        hits += [{"id": result.id, **hit.to_dict()} for hit in result.hits]
    columns = run.columns + score_columns(run.themes, run.rules)
    with pd.ExcelWriter(out, engine="openpyxl") as book:
        pd.DataFrame(rows, columns=columns).to_excel(book, sheet_name="scores", index=False)
        hit_columns = [
            "id",
            "theme",
            "pole",
            "start",
            "end",
            "sentence",
            "text",
            "entry",
            "negated",
            "counted",
            "weight",
        ]
        pd.DataFrame(hits, columns=hit_columns).to_excel(book, sheet_name="hits", index=False)
        run.aggregator.table().to_excel(book, sheet_name="summary", index=False)
