"""The folder as a whole: which themes dominate, which are missing, the matrix, the timeline.

Rates over the corpus are weighted hits per 100 words of all the readable documents together,
so that a long plan counts for what it says and a two-line note does not swing the view. A
theme is *missing* when no document of the folder ever touches it: that is what a consultant
points at ("nowhere do you speak of the teams' means"). Periods are calendar months taken
from the documents' dates (metadata or file name); undated documents are counted apart.
"""

from __future__ import annotations

from collections import defaultdict

from cultureclient.audit.records import CorpusView, DocumentProfile, Period, ThemeSummary
from cultureclient.score import RATE_BASE

DOMINANT = 3  # themes named as dominant, the most present first


def _summaries(
    documents: list[DocumentProfile], themes: list[str], theme_labels: dict[str, str]
) -> list[ThemeSummary]:
    words = sum(d.words for d in documents)
    per = RATE_BASE / words if words else 0.0
    rows = []
    for theme in themes:
        scores = [d.scores[theme] for d in documents if theme in d.scores]
        rows.append(
            ThemeSummary(
                theme=theme,
                label=theme_labels[theme],
                documents_pos=sum(s.pos > 0 for s in scores),
                documents_neg=sum(s.neg > 0 for s in scores),
                pos_rate=round(sum(s.pos for s in scores) * per, 4),
                neg_rate=round(sum(s.neg for s in scores) * per, 4),
                status="",
            )
        )
    present = sorted((r for r in rows if r.rate > 0), key=lambda r: (-r.rate, r.theme))
    dominant = {r.theme for r in present[:DOMINANT]}
    return [
        ThemeSummary(
            r.theme,
            r.label,
            r.documents_pos,
            r.documents_neg,
            r.pos_rate,
            r.neg_rate,
            "dominant" if r.theme in dominant else "absent" if r.rate == 0 else "",
        )
        for r in rows
    ]


def _matrix(
    documents: list[DocumentProfile], themes: list[str]
) -> dict[str, dict[str, float | None]]:
    matrix: dict[str, dict[str, float | None]] = {}
    for document in documents:
        row: dict[str, float | None] = {}
        for theme in themes:
            score = document.scores.get(theme)
            fired = score is not None and (score.pos > 0 or score.neg > 0)
            row[theme] = round(score.pos_rate - score.neg_rate, 4) if fired and score else None
        matrix[document.path] = row
    return matrix


def _timeline(documents: list[DocumentProfile]) -> tuple[list[Period], int]:
    months: dict[str, list[DocumentProfile]] = defaultdict(list)
    undated = 0
    for document in documents:
        if document.date:
            months[document.date[:7]].append(document)
        else:
            undated += 1
    periods = [
        Period(
            period=month,
            documents=len(docs),
            findings=sum(len(d.findings) for d in docs),
            customers=sum(d.customers for d in docs),
            employees=sum(d.employees for d in docs),
            incantations=round(sum(d.incantations for d in docs), 4),
            proofs=round(sum(d.proofs for d in docs), 4),
        )
        for month, docs in sorted(months.items())
    ]
    return periods, undated


def corpus_view(
    documents: list[DocumentProfile], themes: list[str], theme_labels: dict[str, str]
) -> CorpusView:
    """Return the corpus view of the readable documents, in the order they are given."""
    readable = [d for d in documents if d.status == "ok"]
    summaries = _summaries(readable, themes, theme_labels)
    dominant = sorted(
        (s for s in summaries if s.status == "dominant"), key=lambda s: (-s.rate, s.theme)
    )
    timeline, undated = _timeline(readable)
    return CorpusView(
        themes=summaries,
        dominant=[s.theme for s in dominant],
        missing=[s.theme for s in summaries if s.status == "absent"],
        matrix=_matrix(readable, themes),
        timeline=timeline,
        undated=undated,
    )
