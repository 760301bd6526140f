"""The records that travel between the steps: Document in, DocumentResult out.

They are plain dataclasses so that every step can be used and tested without the others,
and each has a stable ``to_dict()`` that is the JSON contract of the outputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["verbatim", "internal", "employee"]
KINDS: tuple[Kind, ...] = ("verbatim", "internal", "employee")
Pole = Literal["+", "-"]
Status = Literal["ok", "empty", "error"]
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Document:
    """One text to score, with where it came from and the columns that pass through."""

    id: Any
    text: str
    kind: Kind = "verbatim"
    fields: dict[str, Any] = field(default_factory=dict)
    error: str | None = None  # set by a reader when the row itself could not be read


@dataclass(frozen=True, slots=True)
class Hit:
    """A lexicon entry found in a text: the smallest unit of explanation.

    ``pole`` is the pole the hit counts for (after a ``flip`` negation or irony), ``counted`` is
    False when a negation, a hedge, irony or quotation voided it: such hits are still reported
    so that nothing is hidden.
    """

    theme: str
    pole: Pole
    start: int
    end: int
    sentence: int
    text: str
    entry: str
    negated: bool = False
    counted: bool = True
    weight: float = 1.0
    modality: str | None = None  # "hedge", "irony" or "quote": not the writer's own judgement

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the hit (the documented contract)."""
        return {
            "theme": self.theme,
            "pole": self.pole,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "text": self.text,
            "entry": self.entry,
            "negated": self.negated,
            "counted": self.counted,
            "weight": self.weight,
            "modality": self.modality,
        }


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of evidence: character offsets in the original text and the words there."""

    start: int
    end: int
    text: str
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the span."""
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.label:
            out["label"] = self.label
        return out


@dataclass(frozen=True, slots=True)
class Finding:
    """A structural finding on a whole document (a detector), with the evidence behind it."""

    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the finding; evidence spans become dicts."""
        evidence = {
            key: [s.to_dict() for s in value]
            if isinstance(value, list) and value and isinstance(value[0], Span)
            else value
            for key, value in self.evidence.items()
        }
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "evidence": evidence,
        }


@dataclass(frozen=True, slots=True)
class ThemeScore:
    """Weighted counts of one theme in one document, their rates, and the bipolar index."""

    pos: float
    neg: float
    pos_rate: float
    neg_rate: float

    @property
    def index(self) -> float | None:
        """(pos − neg) / (pos + neg), None when nothing counted: no signal is not neutral."""
        total = self.pos + self.neg
        return None if total == 0 else round((self.pos - self.neg) / total, 4)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the score."""
        return {
            "pos": self.pos,
            "neg": self.neg,
            "index": self.index,
            "pos_rate": self.pos_rate,
            "neg_rate": self.neg_rate,
        }


@dataclass(slots=True)
class DocumentResult:
    """Everything cultureclient says about one input document."""

    id: Any
    status: Status
    kind: Kind
    text: str = ""
    error: str | None = None
    tokens: int = 0
    scores: dict[str, ThemeScore] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSONL record: the contract other tools rely on."""
        return {
            "id": self.id,
            "status": self.status,
            "error": self.error,
            "kind": self.kind,
            "tokens": self.tokens,
            "scores": {theme: score.to_dict() for theme, score in self.scores.items()},
            "hits": [hit.to_dict() for hit in self.hits],
            "findings": [finding.to_dict() for finding in self.findings],
            "fields": self.fields,
        }
