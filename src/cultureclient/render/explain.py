"""The ``explain`` view: the text with its hits highlighted, then hits, scores and findings."""

from __future__ import annotations

from typing import TextIO

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from cultureclient.render.console import wide
from cultureclient.types import DocumentResult

STYLES = {"+": "bold black on green", "-": "bold white on red"}
VOIDED = "strike dim"
EVIDENCE = "underline yellow"


def highlighted(result: DocumentResult) -> Text:
    """Return the text with counted hits coloured by pole and voided hits struck through."""
    text = Text(result.text)
    for finding in result.findings:
        for spans in finding.evidence.values():
            for span in spans if isinstance(spans, list) else ():
                if hasattr(span, "start"):
                    text.stylize(EVIDENCE, span.start, span.end)
    for hit in result.hits:
        text.stylize(STYLES[hit.pole] if hit.counted else VOIDED, hit.start, hit.end)
    return text


def write(result: DocumentResult, labels: dict[str, str], out: TextIO) -> None:
    """Print the explanation of one document."""
    console = wide(out, 120)
    console.print(highlighted(result))
    console.print()
    if result.status != "ok":
        console.print(f"status: {result.status} {result.error or ''}")
        return
    hits = Table(title="Occurrences", title_justify="left", header_style="bold")
    for column in ("thème", "pôle", "texte", "entrée", "phrase", "négation", "compte"):
        hits.add_column(column)
    for hit in result.hits:
        hits.add_row(
            hit.theme,
            hit.pole,
            hit.text,
            hit.entry,
            str(hit.sentence),
            "niée" if hit.negated else "",
            f"{hit.weight:g}" if hit.counted else "0 (annulée)",
        )
    console.print(hits if result.hits else "Aucune occurrence.")
    scores = Table(title="Scores", title_justify="left", header_style="bold")
    for column in ("thème", "libellé", "+", "−", "indice"):
        scores.add_column(column)
    for theme, score in result.scores.items():
        if score.pos or score.neg:
            index = "—" if score.index is None else f"{score.index:+.2f}"
            scores.add_row(
                theme, escape(labels.get(theme, "")), f"{score.pos:g}", f"{score.neg:g}", index
            )
    if scores.row_count:
        console.print(scores)
    for finding in result.findings:
        console.print(f"[bold]{finding.severity}[/] {finding.rule}: {escape(finding.message)}")
        for key, value in finding.evidence.items():
            shown = (
                ", ".join(f"«{s.text}»" for s in value)
                if isinstance(value, list) and value and hasattr(value[0], "text")
                else value
            )
            console.print(f"    {key}: {escape(str(shown))}")
    console.print(f"{result.tokens} mots")
