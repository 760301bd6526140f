"""The terminal view of an audit: the ranking, the themes of the corpus, the months, the errors.

It is the first look, before the HTML report: the documents to read first, what they are
flagged for, and what the folder as a whole talks about and never mentions.
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cultureclient.audit import labels
from cultureclient.audit.ranking import CLEAR, PRIORITY, WATCH
from cultureclient.audit.records import AuditReport, DocumentProfile
from cultureclient.render.audit.common import number, percent

WIDTH = 140  # the ranking fits without folding file names
_ATTENTION_STYLE = {PRIORITY: "bold red", WATCH: "yellow", CLEAR: "green"}


def _findings_cell(doc: DocumentProfile) -> str:
    if doc.status != "ok":
        return f"[dim]{escape(doc.error or '')}[/]"
    if not doc.findings:
        return "[dim]—[/]"
    parts = []
    for finding in doc.findings:
        colour = "red" if finding.severity in ("error", "warning") else "yellow"
        parts.append(f"[{colour}]{labels.short_rule(finding.rule)}[/]")
    return "\n".join(parts)


def _ranking(report: AuditReport) -> Table:
    table = Table(
        title="Classement : les documents à lire en premier",
        title_justify="left",
        header_style="bold",
    )
    table.add_column("rang", justify="right")
    table.add_column("document", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("attention", no_wrap=True)
    table.add_column("constats", no_wrap=True)
    table.add_column("clients : collab.", justify="right", no_wrap=True)
    table.add_column("incantations", justify="right")
    for doc in report.documents:
        style = _ATTENTION_STYLE.get(doc.attention, "dim")
        ok = doc.status == "ok"
        table.add_row(
            str(doc.rank or "—"),
            escape(doc.path),
            doc.date or "",
            f"[{style}]{doc.attention}[/]",
            _findings_cell(doc),
            doc.balance if ok else "",
            percent(doc.incantation_share) if ok else "",
        )
    return table


def _themes(report: AuditReport) -> Table:
    readable = len(report.readable)
    table = Table(
        title=f"Thèmes du corpus (taux pour 100 mots, documents avec signal sur {readable})",
        title_justify="left",
        header_style="bold",
    )
    table.add_column("thème")
    table.add_column("docs +", justify="right", style="green")
    table.add_column("docs −", justify="right", style="red")
    table.add_column("taux +", justify="right", style="green")
    table.add_column("taux −", justify="right", style="red")
    table.add_column("")
    order = sorted(report.corpus.themes, key=lambda t: (-t.rate, t.label))
    for theme in order:
        status = {"dominant": "[bold]dominant[/]", "absent": "[dim]absent[/]"}.get(theme.status, "")
        table.add_row(
            escape(theme.label),
            str(theme.documents_pos),
            str(theme.documents_neg),
            number(theme.pos_rate),
            number(theme.neg_rate),
            status,
        )
    return table


def _timeline(report: AuditReport) -> Table:
    table = Table(title="Dans le temps (par mois)", title_justify="left", header_style="bold")
    for column in ("mois", "documents", "constats", "clients : collab.", "incantations"):
        table.add_column(column, justify="left" if column == "mois" else "right")
    for period in report.corpus.timeline:
        table.add_row(
            period.period,
            str(period.documents),
            str(period.findings),
            f"{period.customers} : {period.employees}",
            percent(period.incantation_share),
        )
    return table


def write(report: AuditReport, out: TextIO) -> None:
    """Print the summary line and the tables."""
    console = Console(file=out, width=max(Console(file=out).width, WIDTH), highlight=False)
    docs = report.documents
    readable = len(report.readable)
    priority = sum(d.attention == PRIORITY for d in docs)
    console.print(
        f"[bold]Audit culture client — {escape(report.source)}[/] : {len(docs)} documents "
        f"({readable} lus, {len(docs) - readable} illisibles ou vides), "
        f"{priority} prioritaires"
    )
    console.print(_ranking(report))
    console.print(_themes(report))
    dominant = ", ".join(report.labels[t] for t in report.corpus.dominant) or "aucun"
    missing = ", ".join(report.labels[t] for t in report.corpus.missing) or "aucun"
    console.print(f"Thèmes dominants : {escape(dominant)}")
    console.print(f"Thèmes absents : {escape(missing)}")
    if report.corpus.timeline:
        console.print(_timeline(report))
        if report.corpus.undated:
            console.print(f"[dim]{report.corpus.undated} document(s) sans date.[/]")
    console.print(
        "[dim]Phrases de preuve, matrice et graphiques : --format html --output audit.html[/]"
    )
