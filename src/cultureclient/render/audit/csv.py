"""CSV output of an audit: one row per file, in ranking order, French column names.

Rates are per 100 words, one column per theme and pole (``care_vs_pressure_pos``…), as in
the ``score`` CSV, so that a spreadsheet can sort and chart them.
"""

from __future__ import annotations

import csv
from typing import TextIO

from cultureclient.audit import labels
from cultureclient.audit.records import AuditReport

COLUMNS = [
    "rang",
    "fichier",
    "format",
    "date",
    "statut",
    "attention",
    "erreur",
    "mots",
    "constats",
    "alertes",
    "informations",
    "regles",
    "mentions_clients",
    "mentions_collaborateurs",
    "equilibre_clients_collaborateurs",
    "part_collaborateurs",
    "incantations",
    "preuves",
    "part_incantations",
    "phrases_de_preuve",
]


def write(report: AuditReport, out: TextIO) -> None:
    """Write the header and one row per document."""
    writer = csv.writer(out, lineterminator="\n")
    theme_columns = [f"{t}_{pole}" for t in report.themes for pole in ("pos", "neg")]
    writer.writerow(COLUMNS + theme_columns)
    for doc in report.documents:
        ok = doc.status == "ok"
        severities = doc.severities()
        row = [
            doc.rank or "",
            doc.path,
            doc.format,
            doc.date or "",
            labels.STATUSES[doc.status],
            doc.attention,
            doc.error or "",
            doc.words if ok else "",
            len(doc.findings) if ok else "",
            severities["warning"] + severities["error"] if ok else "",
            severities["info"] if ok else "",
            ";".join(f.rule for f in doc.findings),
            doc.customers if ok else "",
            doc.employees if ok else "",
            doc.balance if ok else "",
            "" if doc.employee_share is None else doc.employee_share,
            doc.incantations if ok else "",
            doc.proofs if ok else "",
            "" if doc.incantation_share is None else doc.incantation_share,
            doc.evidence_total if ok else "",
        ]
        for theme in report.themes:
            score = doc.scores.get(theme)
            row += ["", ""] if score is None else [score.pos_rate, score.neg_rate]
        writer.writerow(row)
