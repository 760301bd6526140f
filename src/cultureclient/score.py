"""Per-document theme scores: weighted pole counts, rates per 100 words, and the index."""

from __future__ import annotations

from collections.abc import Iterable

from cultureclient.types import Hit, ThemeScore

RATE_BASE = 100


def word_count(tokens: Iterable[object]) -> int:
    """Count the words of a Doc: tokens that are neither punctuation nor space.

    A Doc is read from its arrays rather than token by token: every text is counted.
    """
    if hasattr(tokens, "to_array"):
        from spacy.attrs import IS_PUNCT, IS_SPACE

        flags = tokens.to_array([IS_PUNCT, IS_SPACE])
        return int((flags.sum(axis=1) == 0).sum()) if len(flags) else 0
    return sum(1 for t in tokens if not (t.is_punct or t.is_space))  # type: ignore[attr-defined]


def score_themes(hits: Iterable[Hit], themes: Iterable[str], words: int) -> dict[str, ThemeScore]:
    """Return one ``ThemeScore`` per theme; only counted hits weigh, each by its weight."""
    totals = {theme: [0.0, 0.0] for theme in themes}
    for hit in hits:
        if hit.counted and hit.theme in totals:
            totals[hit.theme][0 if hit.pole == "+" else 1] += hit.weight
    per = RATE_BASE / words if words else 0.0
    return {
        theme: ThemeScore(
            pos=round(pos, 4),
            neg=round(neg, 4),
            pos_rate=round(pos * per, 4),
            neg_rate=round(neg * per, 4),
        )
        for theme, (pos, neg) in totals.items()
    }
