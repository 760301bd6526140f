"""The ``evaluate`` report: a table of precision, recall, F1 and support per label."""

from __future__ import annotations

from typing import TextIO

from rich.markup import escape
from rich.table import Table

from cultureclient.evaluate import Evaluation
from cultureclient.render.console import wide

MAX_TEXT = 160


def write(evaluation: Evaluation, out: TextIO) -> None:
    """Print the scores table, then the errors when they were asked for."""
    console = wide(out, 100)
    table = Table(
        title=f"{evaluation.source}: {evaluation.documents} documents",
        title_justify="left",
        header_style="bold",
    )
    for column in ("label", "precision", "recall", "F1", "support", "predicted"):
        table.add_column(column, justify="left" if column == "label" else "right")
    for s in evaluation.scores:
        table.add_row(
            s.label,
            f"{s.precision:.2f}",
            f"{s.recall:.2f}",
            f"{s.f1:.2f}",
            str(s.support),
            str(s.predicted),
        )
    table.add_section()
    table.add_row("macro F1", "", "", f"{evaluation.macro_f1:.2f}", "", "")
    console.print(table)
    for miss in evaluation.misses:
        text = " ".join(miss.text.split())
        text = text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"
        tag = "FP" if miss.kind == "false_positive" else "FN"
        console.print(f"[bold]{tag}[/] {miss.label} \\[{escape(str(miss.id))}] {escape(text)}")
        for item in miss.evidence:
            console.print(f"    ← {escape(item)}")
