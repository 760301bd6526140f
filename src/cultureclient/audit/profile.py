"""One analysed document → its audit profile: rates, findings, balance, promises, evidence.

The analysis itself is the scoring engine's; this step only reads its result. The customer
and employee mentions are the hits of the detectors' cue lexicons, so the balance counts the
same words ``employee_absent`` counts (people named, not the ``vous`` of an address).
"""

from __future__ import annotations

from collections.abc import Callable

from cultureclient.audit import labels
from cultureclient.audit.evidence import evidence_sentences
from cultureclient.audit.records import DocumentProfile
from cultureclient.detectors.evidence import cue_hits
from cultureclient.io.positions import Location
from cultureclient.types import DocumentResult

CUSTOMER_CUE = "cue_customer"
EMPLOYEE_CUE = "cue_employee"
PROMISE_THEME = "promise_vs_proof"


def profile_of(
    result: DocumentResult,
    path: str,
    fmt: str,
    date: str | None,
    theme_labels: dict[str, str],
    pole_labels: dict[str, dict[str, str]],
    locate: Callable[[int], Location] | None = None,
) -> DocumentProfile:
    """Return the profile of one result; ``locate`` maps offsets to source lines."""
    if result.status == "error":
        return DocumentProfile(
            path,
            fmt,
            "error",
            date,
            error=result.error or labels.EMPTY,
            detail=result.fields.get("detail"),
        )
    if result.status == "empty":
        return DocumentProfile(path, fmt, "empty", date, error=labels.EMPTY)
    promise = result.scores.get(PROMISE_THEME)
    theme_hits = [h for h in result.hits if h.theme in theme_labels]
    sentences, total = evidence_sentences(
        result.text,
        theme_hits,
        result.findings,
        theme_labels,
        pole_labels,
        locate or (lambda offset: Location(1, offset + 1)),
    )
    return DocumentProfile(
        path=path,
        format=fmt,
        status="ok",
        date=date,
        words=result.tokens,
        scores={t: s for t, s in result.scores.items() if t in theme_labels},
        findings=list(result.findings),
        customers=len(cue_hits(result.hits, CUSTOMER_CUE)),
        employees=len(cue_hits(result.hits, EMPLOYEE_CUE)),
        incantations=promise.neg if promise else 0.0,
        proofs=promise.pos if promise else 0.0,
        evidence=sentences,
        evidence_total=total,
    )
