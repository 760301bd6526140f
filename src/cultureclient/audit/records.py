"""The records of an audit: one profile per file, a corpus view, and the report that holds them.

They are plain dataclasses with a stable ``to_dict()`` (the ``cultureclient.audit/1`` JSON
contract), so that every renderer shows the same data and none of them computes anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cultureclient.types import Finding, Kind, Severity, Status, ThemeScore

SCHEMA = "cultureclient.audit/1"


@dataclass(frozen=True, slots=True)
class Mark:
    """A span to highlight inside an evidence sentence (offsets in the document's text).

    ``tone`` says how to show it: ``neg`` (a negative pole, an obligation, a burden), ``pos``
    (a positive pole, a means announced) or ``cue`` (a neutral cue such as a customer mention).
    """

    start: int
    end: int
    text: str
    label: str
    tone: str
    source: str  # the theme id or the rule id behind the mark

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the mark."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "tone": self.tone,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class EvidenceSentence:
    """A sentence that backs a finding or a theme score, where to find it, and what to mark."""

    start: int
    end: int
    text: str
    line: int
    page: int | None
    marks: tuple[Mark, ...]
    reasons: tuple[str, ...]  # French labels of what the sentence is evidence of

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the sentence."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "line": self.line,
            "page": self.page,
            "reasons": list(self.reasons),
            "marks": [m.to_dict() for m in self.marks],
        }


@dataclass(slots=True)
class DocumentProfile:
    """Everything the audit says about one file, readable or not.

    ``customers`` and ``employees`` count the named mentions (the ``cue_customer`` and
    ``cue_employee`` lexicons); ``incantations`` and ``proofs`` are the weighted hits of the
    two poles of ``promise_vs_proof``.
    """

    path: str
    format: str
    status: Status
    date: str | None = None
    error: str | None = None  # a French summary of why the file could not be audited
    detail: str | None = None  # the reader's own message
    words: int = 0
    scores: dict[str, ThemeScore] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    customers: int = 0
    employees: int = 0
    incantations: float = 0.0
    proofs: float = 0.0
    evidence: list[EvidenceSentence] = field(default_factory=list)
    evidence_total: int = 0
    rank: int | None = None
    attention: str = ""

    @property
    def employee_share(self) -> float | None:
        """Employees' share of the people mentioned; None when nobody is named at all."""
        total = self.customers + self.employees
        return None if total == 0 else round(self.employees / total, 4)

    @property
    def balance(self) -> str:
        """The customer : employee balance as people read it, ``12 : 1``."""
        return f"{self.customers} : {self.employees}"

    @property
    def incantation_share(self) -> float | None:
        """Incantations' share of promise_vs_proof; None when neither pole fired."""
        total = self.incantations + self.proofs
        return None if total == 0 else round(self.incantations / total, 4)

    def severities(self) -> dict[Severity, int]:
        """Count the findings per severity (error, warning, info)."""
        counts: dict[Severity, int] = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the profile."""
        return {
            "rank": self.rank,
            "path": self.path,
            "format": self.format,
            "date": self.date,
            "status": self.status,
            "error": self.error,
            "detail": self.detail,
            "attention": self.attention,
            "words": self.words,
            "findings": [f.to_dict() for f in self.findings],
            "customers": self.customers,
            "employees": self.employees,
            "employee_share": self.employee_share,
            "incantations": self.incantations,
            "proofs": self.proofs,
            "incantation_share": self.incantation_share,
            "rates": {
                theme: {"+": s.pos_rate, "-": s.neg_rate, "index": s.index}
                for theme, s in self.scores.items()
            },
            "evidence": [e.to_dict() for e in self.evidence],
            "evidence_total": self.evidence_total,
        }


@dataclass(frozen=True, slots=True)
class ThemeSummary:
    """One theme over the corpus: how many documents show each pole, and the overall rates."""

    theme: str
    label: str
    documents_pos: int
    documents_neg: int
    pos_rate: float
    neg_rate: float
    status: str  # "dominant", "absent" or ""

    @property
    def rate(self) -> float:
        """Both poles together, per 100 words of the corpus."""
        return round(self.pos_rate + self.neg_rate, 4)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the summary."""
        return {
            "theme": self.theme,
            "label": self.label,
            "documents_pos": self.documents_pos,
            "documents_neg": self.documents_neg,
            "pos_rate": self.pos_rate,
            "neg_rate": self.neg_rate,
            "status": self.status,
        }


@dataclass(frozen=True, slots=True)
class Period:
    """The documents of one month, summed: how the discourse moves over time."""

    period: str  # YYYY-MM
    documents: int
    findings: int
    customers: int
    employees: int
    incantations: float
    proofs: float

    @property
    def employee_share(self) -> float | None:
        """Employees' share of the people named in the month."""
        total = self.customers + self.employees
        return None if total == 0 else round(self.employees / total, 4)

    @property
    def incantation_share(self) -> float | None:
        """Incantations' share of promise_vs_proof in the month."""
        total = self.incantations + self.proofs
        return None if total == 0 else round(self.incantations / total, 4)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the period."""
        return {
            "period": self.period,
            "documents": self.documents,
            "findings": self.findings,
            "customers": self.customers,
            "employees": self.employees,
            "employee_share": self.employee_share,
            "incantations": self.incantations,
            "proofs": self.proofs,
            "incantation_share": self.incantation_share,
        }


@dataclass(slots=True)
class CorpusView:
    """What the folder says as a whole: dominant and missing themes, the matrix, the timeline.

    ``matrix`` maps each readable document to its net rate per theme (positive pole minus
    negative pole, per 100 words), None where the theme never fired: no signal is not zero.
    """

    themes: list[ThemeSummary]
    dominant: list[str]
    missing: list[str]
    matrix: dict[str, dict[str, float | None]]
    timeline: list[Period]
    undated: int

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the corpus view."""
        return {
            "themes": [t.to_dict() for t in self.themes],
            "dominant": self.dominant,
            "missing": self.missing,
            "matrix": self.matrix,
            "timeline": [p.to_dict() for p in self.timeline],
            "undated": self.undated,
        }


@dataclass(slots=True)
class AuditReport:
    """The audit of a folder: profiles in ranking order, then the corpus view."""

    source: str
    kind: Kind
    themes: list[str]
    labels: dict[str, str]
    pole_labels: dict[str, dict[str, str]]
    documents: list[DocumentProfile]
    corpus: CorpusView

    @property
    def readable(self) -> list[DocumentProfile]:
        """The documents that were read and analysed."""
        return [d for d in self.documents if d.status == "ok"]

    @property
    def unreadable(self) -> list[DocumentProfile]:
        """The files that could not be audited (error or empty), each with its reason."""
        return [d for d in self.documents if d.status != "ok"]

    def to_dict(self) -> dict[str, Any]:
        """Return the documented JSON report."""
        return {
            "schema": SCHEMA,
            "source": self.source,
            "kind": self.kind,
            "themes": self.themes,
            "labels": self.labels,
            "pole_labels": self.pole_labels,
            "documents": [d.to_dict() for d in self.documents],
            "corpus": self.corpus.to_dict(),
        }
