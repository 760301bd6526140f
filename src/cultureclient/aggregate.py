"""Corpus and segment summaries, accumulated as results stream past.

Only running sums are kept (per segment and theme), so a summary of a million rows costs no
more memory than a summary of ten; pandas shapes the sums into tables at the end.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cultureclient.types import DocumentResult

if TYPE_CHECKING:
    import pandas as pd

ALL = "(tout)"
SNIPPET = 140
MAX_ERRORS_KEPT = 10


@dataclass
class _Sums:
    documents: int = 0
    with_pos: int = 0
    with_neg: int = 0
    index_sum: float = 0.0
    index_n: int = 0


@dataclass(order=True)
class Telling:
    """A document worth reading first: the most weighted hits in the corpus."""

    weight: float
    order: int
    id: Any = field(compare=False)
    snippet: str = field(compare=False)
    themes: str = field(compare=False)


@dataclass
class Aggregator:
    """Collect per-theme counts overall and per segment of ``group_by``, and the top documents."""

    themes: list[str]
    group_by: str | None = None
    top: int = 5
    status: Counter = field(default_factory=Counter)
    findings: Counter = field(default_factory=Counter)
    errors: list[tuple[object, str]] = field(default_factory=list)
    _sums: dict[tuple[str, str], _Sums] = field(default_factory=lambda: defaultdict(_Sums))
    _telling: list[Telling] = field(default_factory=list)
    _seen: int = 0

    def observe(self, result: DocumentResult) -> None:
        """Add one result to the sums."""
        self._seen += 1
        self.status[result.status] += 1
        if result.status == "error" and len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append((result.id, result.error or "unreadable"))
        for rule in {f.rule for f in result.findings}:
            self.findings[rule] += 1
        if result.status != "ok":
            return
        groups = [ALL]
        if self.group_by is not None:
            groups.append(str(result.fields.get(self.group_by, "")) or "(vide)")
        for theme in self.themes:
            score = result.scores.get(theme)
            if score is None:
                continue
            for group in groups:
                sums = self._sums[(group, theme)]
                sums.documents += 1
                sums.with_pos += score.pos > 0
                sums.with_neg += score.neg > 0
                if score.index is not None:
                    sums.index_sum += score.index
                    sums.index_n += 1
        self._keep_telling(result)

    def _keep_telling(self, result: DocumentResult) -> None:
        counted = [h for h in result.hits if h.counted]
        weight = sum(h.weight for h in counted) + 2 * len(result.findings)
        if not weight:
            return
        themes = Counter(f"{h.theme}{h.pole}" for h in counted)
        text = " ".join(result.text.split())
        item = Telling(
            weight,
            -self._seen,
            result.id,
            text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…",
            " ".join(t for t, _ in themes.most_common(3)),
        )
        if len(self._telling) < self.top:
            heapq.heappush(self._telling, item)
        else:
            heapq.heappushpop(self._telling, item)

    @property
    def documents(self) -> int:
        """Return how many results were observed."""
        return self._seen

    def telling(self) -> list[Telling]:
        """Return the most telling documents, strongest first."""
        return sorted(self._telling, reverse=True)

    def table(self) -> pd.DataFrame:
        """Return one row per (segment, theme): documents, with +, with −, mean index."""
        import pandas as pd

        rows = []
        for (group, theme), s in self._sums.items():
            rows.append(
                {
                    "segment": group,
                    "theme": theme,
                    "documents": s.documents,
                    "with_pos": s.with_pos,
                    "with_neg": s.with_neg,
                    "mean_index": round(s.index_sum / s.index_n, 3) if s.index_n else None,
                }
            )
        columns = ["segment", "theme", "documents", "with_pos", "with_neg", "mean_index"]
        frame = pd.DataFrame(rows, columns=columns)
        order = {theme: i for i, theme in enumerate(self.themes)}
        frame["_order"] = frame["theme"].map(order)
        frame["_all"] = frame["segment"] != ALL
        return (
            frame.sort_values(["_all", "segment", "_order"])
            .drop(columns=["_order", "_all"])
            .reset_index(drop=True)
        )
