"""Helpers shared by detectors: cue hits as spans, and which sentence a hit is in."""

from __future__ import annotations

from collections.abc import Iterable

from cultureclient.types import Hit, Span

MAX_SPANS = 12  # evidence lists are for reading, not for counting


def cue_hits(hits: Iterable[Hit], *themes: str, pole: str | None = None) -> list[Hit]:
    """Return the counted hits of the given cue lexicons or themes (optionally one pole)."""
    return [h for h in hits if h.theme in themes and h.counted and (pole is None or h.pole == pole)]


def spans(hits: Iterable[Hit], label: str = "") -> list[Span]:
    """Turn hits into evidence spans, the first few only."""
    return [Span(h.start, h.end, h.text, label or h.entry) for h in list(hits)[:MAX_SPANS]]


def sentences_of(hits: Iterable[Hit]) -> set[int]:
    """Return the sentence indexes the hits fall in."""
    return {h.sentence for h in hits}
