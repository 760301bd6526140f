"""Small pieces every audit renderer shares: numbers in French, sentences cut at their marks."""

from __future__ import annotations

import re

from cultureclient.audit.records import DocumentProfile, EvidenceSentence, Mark

_SPACES = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def percent(value: float | None) -> str:
    """Return a share as a French percentage (``38 %``), a dash when there is none."""
    return "—" if value is None else f"{round(value * 100):d} %"


def number(value: float, digits: int = 2) -> str:
    """Return a number with a decimal comma and no useless zeros."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") or "0"


def where(sentence: EvidenceSentence) -> str:
    """Return where a sentence is in its file: ``l. 12`` or ``p. 2, l. 5``."""
    line = f"l. {sentence.line}"
    return f"p. {sentence.page}, {line}" if sentence.page is not None else line


def segments(sentence: EvidenceSentence) -> list[tuple[str, Mark | None]]:
    """Cut a sentence into plain and marked pieces, spaces collapsed (markup left blanks)."""
    pieces: list[tuple[str, Mark | None]] = []
    position = sentence.start
    for mark in sentence.marks:
        if mark.start > position:
            pieces.append(
                (sentence.text[position - sentence.start : mark.start - sentence.start], None)
            )
        pieces.append(
            (sentence.text[mark.start - sentence.start : mark.end - sentence.start], mark)
        )
        position = mark.end
    if position < sentence.end:
        pieces.append((sentence.text[position - sentence.start :], None))
    return [(_SPACES.sub(" ", text), mark) for text, mark in pieces]


def anchor(position: int, doc: DocumentProfile) -> str:
    """Return the anchor of a document's section: its place in the report and its name."""
    return f"doc-{position}-" + _NOT_SLUG.sub("-", doc.path.lower()).strip("-")[:48]


def main_label(mark: Mark) -> str:
    """Return the most telling of a mark's labels (the others are in the JSON and tooltips)."""
    return mark.label.split(" · ")[0]
