"""The terminal summary: per-theme counts over the corpus (and per segment), top documents."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from rich.markup import escape
from rich.table import Table

from cultureclient.aggregate import ALL
from cultureclient.render.console import wide

MAX_SEGMENTS = 10

if TYPE_CHECKING:
    import pandas as pd

    from cultureclient.api import ScoreRun


def _index_cell(value: float | None) -> str:
    if value is None or value != value:
        return "[dim]—[/]"
    colour = "green" if value > 0.2 else "red" if value < -0.2 else "yellow"
    return f"[{colour}]{value:+.2f}[/]"


def _theme_table(title: str, frame: pd.DataFrame, run: ScoreRun) -> Table:
    table = Table(title=title, title_justify="left", header_style="bold")
    table.add_column("thème", no_wrap=True)
    table.add_column("libellé")
    table.add_column("docs", justify="right")
    table.add_column("avec +", justify="right", style="green")
    table.add_column("avec −", justify="right", style="red")
    table.add_column("indice moyen", justify="right")
    for row in frame.itertuples():
        table.add_row(
            row.theme,
            run.labels.get(row.theme, ""),
            str(row.documents),
            str(row.with_pos),
            str(row.with_neg),
            _index_cell(row.mean_index),
        )
    return table


def _segment_table(group_by: str, frame: pd.DataFrame) -> Table:
    """Themes × segments, each cell the mean index and the number of documents with a signal."""
    sizes = frame.groupby("segment")["documents"].max().sort_values(ascending=False)
    shown = list(sizes.index[:MAX_SEGMENTS])
    title = f"Indice moyen par {group_by}"
    if len(sizes) > MAX_SEGMENTS:
        title += f" ({MAX_SEGMENTS} segments les plus grands sur {len(sizes)})"
    table = Table(title=title, title_justify="left", header_style="bold")
    table.add_column("thème", no_wrap=True)
    for segment in shown:
        table.add_column(f"{segment}\n({sizes[segment]})", justify="right")
    cells = {(r.segment, r.theme): r for r in frame.itertuples()}
    for theme in dict.fromkeys(frame.theme):
        row = [theme]
        for segment in shown:
            r = cells.get((segment, theme))
            row.append("" if r is None else _index_cell(r.mean_index))
        table.add_row(*row)
    return table


def write(run: ScoreRun, out: TextIO) -> None:
    """Consume the run, then print the summary tables."""
    for _ in run.results:
        pass
    agg = run.aggregator
    console = wide(out)
    status = ", ".join(f"{n} {s}" for s, n in sorted(agg.status.items()))
    console.print(f"[bold]{escape(run.source)}[/]: {agg.documents} documents ({status or 'aucun'})")
    frame = agg.table()
    console.print(_theme_table("Thèmes sur le corpus", frame[frame.segment == ALL], run))
    if agg.group_by is not None:
        console.print(_segment_table(agg.group_by, frame[frame.segment != ALL]))
    if agg.findings:
        findings = Table(title="Constats", title_justify="left", header_style="bold")
        findings.add_column("règle")
        findings.add_column("documents", justify="right")
        for rule, count in agg.findings.most_common():
            findings.add_row(rule, str(count))
        console.print(findings)
    top = Table(title="Documents les plus parlants", title_justify="left", header_style="bold")
    top.add_column("id")
    top.add_column("poids", justify="right")
    top.add_column("thèmes")
    top.add_column("texte", overflow="fold")
    for item in agg.telling():
        top.add_row(escape(str(item.id)), f"{item.weight:g}", item.themes, escape(item.snippet))
    console.print(top)
