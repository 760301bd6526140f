"""Structural findings on whole documents, one module per detector.

A detector reads the annotated Doc and the lexicon hits of one document and returns
``Finding`` records; it never prints and never decides an exit code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from cultureclient.types import Document, Finding, Hit, Kind

if TYPE_CHECKING:
    from spacy.tokens import Doc


class Detector(Protocol):
    """What the analyzer needs from a detector.

    A detector may also set ``needs_hits = True`` when it never reports anything on a text
    without hits: the analyzer then spares such texts the parse (see ``analyzer``). Without
    it, every text of the detector's kinds is fully annotated.
    """

    rule: str
    kinds: frozenset[Kind]

    def detect(self, doc: Doc, document: Document, hits: list[Hit]) -> list[Finding]:
        """Return the findings of this rule on one document."""
        ...


def default_detectors() -> list[Detector]:
    """Return the detectors that run unless configuration says otherwise."""
    from cultureclient.detectors.employee_absent import EmployeeAbsent
    from cultureclient.detectors.irritant_displacement import IrritantDisplacement

    return [EmployeeAbsent(), IrritantDisplacement()]
