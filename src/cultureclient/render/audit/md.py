"""Markdown output of an audit: the whole report as text a consultant can paste and edit.

The same sections as the HTML report without the charts: the summary, the ranking, the
themes, the documents × themes matrix, the months, then one section per document with its
findings and its evidence sentences, the marked words in bold.
"""

from __future__ import annotations

import re
from typing import TextIO

from cultureclient.audit import labels
from cultureclient.audit.records import AuditReport, DocumentProfile
from cultureclient.render.audit.common import (
    anchor,
    main_label,
    number,
    percent,
    segments,
    where,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def escape(text: str) -> str:
    """Escape what Markdown would read as markup (and the pipes of tables)."""
    return _SPECIAL.sub(r"\\\1", text)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]


def _summary(report: AuditReport) -> list[str]:
    docs = report.documents
    counts = {
        a: sum(d.attention == a for d in docs) for a in dict.fromkeys(d.attention for d in docs)
    }
    dominant = ", ".join(report.labels[t] for t in report.corpus.dominant) or "aucun"
    missing = ", ".join(report.labels[t] for t in report.corpus.missing) or "aucun"
    return [
        f"# Audit culture client — {escape(report.source)}",
        "",
        f"- Documents : {len(docs)} ({len(report.readable)} lus, "
        f"{len(report.unreadable)} illisibles ou vides)",
        "- Attention : " + ", ".join(f"{n} {a}" for a, n in counts.items()),
        f"- Thèmes dominants : {escape(dominant)}",
        f"- Thèmes absents : {escape(missing)}",
        "",
    ]


def _ranking(report: AuditReport) -> list[str]:
    rows = []
    for position, doc in enumerate(report.documents, 1):
        found = ", ".join(labels.short_rule(f.rule) for f in doc.findings) or "—"
        ok = doc.status == "ok"
        rows.append(
            [
                str(doc.rank or "—"),
                f"[{escape(doc.path)}](#{anchor(position, doc)})",
                doc.date or "",
                doc.attention,
                found if ok else escape(doc.error or ""),
                doc.balance if ok else "",
                percent(doc.incantation_share) if ok else "",
            ]
        )
    header = [
        "rang",
        "document",
        "date",
        "attention",
        "constats",
        "clients : collab.",
        "incantations",
    ]
    return ["## Classement", ""] + _table(header, rows)


def _themes(report: AuditReport) -> list[str]:
    rows = [
        [
            escape(t.label),
            str(t.documents_pos),
            str(t.documents_neg),
            number(t.pos_rate),
            number(t.neg_rate),
            t.status,
        ]
        for t in sorted(report.corpus.themes, key=lambda t: (-t.rate, t.label))
    ]
    header = ["thème", "docs +", "docs −", "taux + /100 mots", "taux − /100 mots", ""]
    return ["## Thèmes du corpus", ""] + _table(header, rows)


def _matrix(report: AuditReport) -> list[str]:
    header = ["document"] + [escape(report.labels[t]) for t in report.themes]
    rows = []
    for path, row in report.corpus.matrix.items():
        cells = [
            "" if row[t] is None else f"{row[t]:+.2f}".replace(".", ",") for t in report.themes
        ]
        rows.append([escape(path)] + cells)
    intro = "Taux net pour 100 mots (pôle + moins pôle −) ; vide quand le thème n'apparaît pas."
    return ["## Matrice documents × thèmes", "", intro, ""] + _table(header, rows)


def _timeline(report: AuditReport) -> list[str]:
    if not report.corpus.timeline:
        return []
    rows = [
        [
            p.period,
            str(p.documents),
            str(p.findings),
            f"{p.customers} : {p.employees}",
            percent(p.incantation_share),
        ]
        for p in report.corpus.timeline
    ]
    header = ["mois", "documents", "constats", "clients : collab.", "incantations"]
    undated = (
        [f"{report.corpus.undated} document(s) sans date.", ""] if report.corpus.undated else []
    )
    return ["## Dans le temps", ""] + _table(header, rows) + undated


def _document(report: AuditReport, position: int, doc: DocumentProfile) -> list[str]:
    title = f"### {f'{doc.rank}. ' if doc.rank else ''}{escape(doc.path)}"
    lines = [f'<a id="{anchor(position, doc)}"></a>', "", title, ""]
    if doc.status != "ok":
        return lines + [f"Non audité : {escape(doc.error or '')}", ""]
    lines.append(
        f"{labels.FORMATS.get(doc.format, doc.format)}, {doc.date or 'sans date'}, {doc.words} mots — "
        f"attention : **{doc.attention}** — clients : collaborateurs **{doc.balance}** — "
        f"incantations {percent(doc.incantation_share)} ({number(doc.incantations)} incantation(s), "
        f"{number(doc.proofs)} preuve(s))"
    )
    lines.append("")
    for finding in doc.findings:
        severity = labels.SEVERITIES[finding.severity]
        lines.append(f"- **{labels.rule(finding.rule)}** ({severity}) : {escape(finding.message)}")
    if doc.findings:
        lines.append("")
    present = [(t, s) for t, s in doc.scores.items() if s.pos or s.neg]
    if present:
        lines.append(
            "Profil (pour 100 mots) : "
            + " ; ".join(
                f"{escape(report.labels[t])} +{number(s.pos_rate)} / −{number(s.neg_rate)}"
                for t, s in present
            )
        )
        lines.append("")
    if doc.evidence:
        lines += [f"Phrases de preuve ({len(doc.evidence)} sur {doc.evidence_total}) :", ""]
    for sentence in doc.evidence:
        text = "".join(
            f"**{escape(piece)}** _({escape(main_label(mark))})_" if mark else escape(piece)
            for piece, mark in segments(sentence)
        )
        lines.append(f"- {where(sentence)} — {text}")
    return lines + ([""] if doc.evidence else [])


def write(report: AuditReport, out: TextIO) -> None:
    """Write the report as one Markdown document."""
    lines = _summary(report) + _ranking(report) + _themes(report) + _matrix(report)
    lines += _timeline(report) + ["## Documents", ""]
    for position, doc in enumerate(report.documents, 1):
        lines += _document(report, position, doc)
    out.write("\n".join(lines).rstrip() + "\n")
