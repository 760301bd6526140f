"""irritant_displacement: a problem removed for the customer and moved onto the employee.

Seed 002: "Supprimer ne veut pas dire déplacer." The finding is a simplification for the
customer ("le client n'aura plus à", "zéro papier", "en un clic") close to a new burden carried
by employees ("les conseillers devront ressaisir", "vérification manuelle", "back-office"),
within a short window of sentences. When means are given nearby (tool, time, staff, training)
it is reported as information with the means found; without means it is a warning.

A burden that is negated ("les conseillers n'auront plus à ressaisir") is a relief, not a
burden: negation voids the cue, so a simplification that also removes work does not fire.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from cultureclient.detectors.evidence import cue_hits, spans
from cultureclient.types import Document, Finding, Hit, Kind

if TYPE_CHECKING:
    from spacy.tokens import Doc

RULE = "irritant_displacement"
DEFAULT_WINDOW = 8  # sentences on each side: memos announce, then list the new tasks


@dataclass
class IrritantDisplacement:
    """The detector, with its window in sentences (configurable)."""

    window: int = DEFAULT_WINDOW
    rule: str = RULE
    needs_hits: ClassVar[bool] = True  # no simplification and burden hits, no finding
    kinds: frozenset[Kind] = field(default_factory=lambda: frozenset({"internal", "employee"}))

    def detect(self, doc: Doc, document: Document, hits: list[Hit]) -> list[Finding]:
        """Return one finding per document when simplifications and burdens meet."""
        simplifications = cue_hits(hits, "cue_simplification")
        burdens = cue_hits(hits, "cue_burden")
        if not simplifications or not burdens:
            return []
        paired_s, paired_b = [], []
        for s in simplifications:
            near = [b for b in burdens if abs(b.sentence - s.sentence) <= self.window]
            if near:
                paired_s.append(s)
                paired_b += [b for b in near if b not in paired_b]
        if not paired_s:
            return []
        lo = min(h.sentence for h in paired_s + paired_b) - self.window
        hi = max(h.sentence for h in paired_s + paired_b) + self.window
        means = [m for m in cue_hits(hits, "cue_means") if lo <= m.sentence <= hi]
        first = min(paired_s + paired_b, key=lambda h: h.start)
        last = max(paired_s + paired_b, key=lambda h: h.end)
        burden_words = ", ".join(f"«{b.text}»" for b in paired_b[:3])
        if means:
            severity = "info"
            message = (
                f"Simplification pour le client et charge nouvelle pour les équipes "
                f"({burden_words}), avec des moyens annoncés ({', '.join(f'«{m.text}»' for m in means[:3])}) : "
                "vérifiez qu'ils suffisent à absorber la charge."
            )
        else:
            severity = "warning"
            message = (
                f"L'irritant supprimé pour le client retombe sur les équipes ({burden_words}) "
                "sans moyens annoncés : dites quels outils, quel temps ou quels renforts "
                "accompagnent cette charge, ou supprimez-la aussi côté collaborateur."
            )
        return [
            Finding(
                rule=self.rule,
                severity=severity,
                message=message,
                start=first.start,
                end=last.end,
                evidence={
                    "simplifications": spans(paired_s, "simplification"),
                    "burdens": spans(paired_b, "charge"),
                    "means": spans(means, "moyen"),
                },
            )
        ]
