"""Scoring a labelled gold set and comparing with the labels: precision, recall, F1 per label.

A gold CSV has an id, a text, optionally a kind, one column per theme (``+``, ``-``, ``+-`` or
empty) and one column per finding rule (1 or 0). Each theme pole and each rule is a binary
label; a theme pole is predicted when the document has a counted hit of that pole, a rule when
the document has a finding of that rule at warning or error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cultureclient.analyzer import Analyzer
from cultureclient.errors import InputError
from cultureclient.io.readers import ReadOptions, open_table
from cultureclient.types import DocumentResult

THEME_VALUES = {"", "+", "-", "+-", "-+"}
FINDING_VALUES = {"", "0", "1"}


@dataclass(frozen=True)
class LabelScore:
    """Precision, recall and F1 of one label (theme pole or finding) over the gold set."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "label": self.label,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "support": self.support,
            "predicted": self.predicted,
        }


@dataclass(frozen=True)
class Miss:
    """A false positive or negative, with the text and the hits or findings behind it."""

    label: str
    kind: str  # "false_positive" | "false_negative"
    id: Any
    text: str
    evidence: list[str]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "label": self.label,
            "error": self.kind,
            "id": self.id,
            "text": self.text,
            "evidence": self.evidence,
        }


@dataclass
class Evaluation:
    """The scores of every label and the errors behind them."""

    source: str
    documents: int
    scores: list[LabelScore]
    misses: list[Miss] = field(default_factory=list)

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the labels that have gold examples."""
        scored = [s.f1 for s in self.scores if s.support]
        return round(sum(scored) / len(scored), 4) if scored else 0.0

    def score(self, label: str) -> LabelScore:
        """Return the score of one label, e.g. ``care_vs_pressure-`` or ``employee_absent``."""
        return next(s for s in self.scores if s.label == label)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "source": self.source,
            "documents": self.documents,
            "macro_f1": self.macro_f1,
            "labels": [s.to_dict() for s in self.scores],
            "errors": [m.to_dict() for m in self.misses],
        }


def _gold_labels(row: dict[str, Any], themes: list[str], rules: list[str], where: str) -> set[str]:
    labels: set[str] = set()
    for theme in themes:
        value = str(row.get(theme, "")).strip()
        if value not in THEME_VALUES:
            raise InputError(f"{where}: column {theme!r} holds {value!r}; use +, -, +- or nothing")
        labels |= {f"{theme}{p}" for p in value}
    for rule in rules:
        value = str(row.get(rule, "")).strip()
        if value not in FINDING_VALUES:
            raise InputError(f"{where}: column {rule!r} holds {value!r}; use 1, 0 or nothing")
        if value == "1":
            labels.add(rule)
    return labels


def _predicted(result: DocumentResult, themes: list[str]) -> set[str]:
    """Theme poles with a counted hit, and rules with a finding at warning or error.

    An ``info`` finding is a weaker report (a burden announced with its means): the gold
    label 1 stands for the full finding.
    """
    labels = {f"{h.theme}{h.pole}" for h in result.hits if h.counted and h.theme in themes}
    return labels | {f.rule for f in result.findings if f.severity != "info"}


def _evidence(result: DocumentResult, label: str) -> list[str]:
    theme_hits = [
        f"{h.entry} «{h.text}»" for h in result.hits if f"{h.theme}{h.pole}" == label and h.counted
    ]
    findings = [f.message for f in result.findings if f.rule == label]
    return theme_hits or findings


def evaluate(gold: str | Path, engine: Analyzer, with_errors: bool = False) -> Evaluation:
    """Score the gold file with ``engine`` and compare each label with the gold labels."""
    from sklearn.metrics import precision_recall_fscore_support

    path = str(gold)
    table = open_table(path, ReadOptions(id_column="id", kind_column="kind"))
    columns = table.columns
    themes = [c for c in columns if c in engine.lexicon.themes and not engine.lexicon.is_cue(c)]
    rules = [c for c in columns if c in {d.rule for d in engine.detectors}]
    if not themes and not rules:
        raise InputError(
            f"{path}: no column names a theme or a finding rule; columns are: {', '.join(columns)}"
        )
    labels = [f"{t}{p}" for t in themes for p in engine.lexicon.themes[t].poles] + rules
    gold_sets: list[set[str]] = []
    predicted: list[set[str]] = []
    results: list[DocumentResult] = []
    for number, result in enumerate(engine.analyze(table.rows), start=1):
        if result.status == "error":
            raise InputError(f"{path}: row {number}: {result.error}")
        gold_sets.append(_gold_labels(result.fields, themes, rules, f"{path}: row {number}"))
        predicted.append(_predicted(result, themes))
        results.append(result)
    scores, misses = [], []
    for label in labels:
        y_true = [label in g for g in gold_sets]
        y_pred = [label in p for p in predicted]
        p, r, f, _ = precision_recall_fscore_support(
            y_true, y_pred, average="binary", zero_division=0.0
        )
        scores.append(
            LabelScore(
                label,
                round(float(p), 4),
                round(float(r), 4),
                round(float(f), 4),
                sum(y_true),
                sum(y_pred),
            )
        )
        if with_errors:
            for result, t, pr in zip(results, y_true, y_pred, strict=True):
                if t != pr:
                    kind = "false_negative" if t else "false_positive"
                    misses.append(
                        Miss(label, kind, result.id, result.text, _evidence(result, label))
                    )
    return Evaluation(path, len(results), scores, misses)
