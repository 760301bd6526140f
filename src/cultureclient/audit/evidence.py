"""The sentences a consultant quotes: where each finding and each theme score comes from.

Every lexicon hit and every evidence span of a finding becomes a mark; marks are grouped by
the sentence they fall in, and the sentences that weigh most (a finding's obligations and
burdens first, then negative poles, then positive ones) are kept, in the order of the text.
Sentences are cut on end punctuation and line breaks rather than taken from the parse: the
parse is not kept after scoring, and a reader's sentence is what the report must quote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from cultureclient.audit import labels
from cultureclient.audit.records import EvidenceSentence, Mark
from cultureclient.io.positions import Location
from cultureclient.types import Finding, Hit, Span

MAX_SENTENCES = 10  # per document: enough to argue, few enough to read
# End punctuation, then closing quotes or brackets (French puts a space before »).
_END = re.compile(r"\n|[.!?…]+(?:[ \u00a0\u202f]?[»”\")\]])*(?=\s|$)")
# How much a mark makes its sentence worth quoting.
_TONE_ORDER = {"neg": 0, "pos": 1, "cue": 2}
_WEIGHT = {("finding", "neg"): 4, ("theme", "neg"): 3, ("finding", "pos"): 2, ("theme", "pos"): 2}


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Cut a text into sentences: (start, end) offsets, without surrounding spaces."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        end = match.start() if match.group() == "\n" else match.end()
        bounds.append((start, end))
        start = match.end()
    bounds.append((start, len(text)))
    out = []
    for begin, end in bounds:
        piece = text[begin:end]
        stripped = piece.strip()
        if stripped:
            begin += len(piece) - len(piece.lstrip())
            out.append((begin, begin + len(stripped)))
    return out


@dataclass(frozen=True, slots=True)
class _Candidate:
    mark: Mark
    origin: str  # "finding" or "theme"
    reason: str


def _theme_marks(
    hits: Iterable[Hit], theme_labels: dict[str, str], pole_labels: dict[str, dict[str, str]]
) -> list[_Candidate]:
    out = []
    for hit in hits:
        if not hit.counted or hit.theme not in theme_labels:
            continue
        label = pole_labels.get(hit.theme, {}).get(hit.pole, theme_labels[hit.theme])
        tone = "pos" if hit.pole == "+" else "neg"
        mark = Mark(hit.start, hit.end, hit.text, label, tone, hit.theme)
        out.append(_Candidate(mark, "theme", theme_labels[hit.theme]))
    return out


def _finding_marks(findings: Iterable[Finding]) -> list[_Candidate]:
    out = []
    for finding in findings:
        for value in finding.evidence.values():
            if not (isinstance(value, list) and value and isinstance(value[0], Span)):
                continue
            for span in value:
                label, tone = labels.SPANS.get(span.label, (span.label, "cue"))
                mark = Mark(span.start, span.end, span.text, label, tone, finding.rule)
                out.append(_Candidate(mark, "finding", labels.rule(finding.rule)))
    return out


def _without_overlaps(candidates: list[_Candidate]) -> list[Mark]:
    """Keep one mark per stretch of text, naming all that overlapped.

    The most telling mark wins: a negative one before a positive one before a neutral cue
    ("client" inside "obsédée par le client" shows as an incantation), then a finding's.
    """
    ordered = sorted(
        candidates,
        key=lambda c: (
            _TONE_ORDER.get(c.mark.tone, 3),
            c.origin != "finding",
            c.mark.start,
            -(c.mark.end - c.mark.start),
        ),
    )
    kept: list[Mark] = []
    for candidate in ordered:
        mark = candidate.mark
        clash = next(
            (i for i, k in enumerate(kept) if k.start < mark.end and mark.start < k.end), None
        )
        if clash is None:
            kept.append(mark)
        elif mark.label not in kept[clash].label.split(" · "):
            kept[clash] = replace(kept[clash], label=f"{kept[clash].label} · {mark.label}")
    return sorted(kept, key=lambda m: m.start)


def evidence_sentences(
    text: str,
    hits: Iterable[Hit],
    findings: Iterable[Finding],
    theme_labels: dict[str, str],
    pole_labels: dict[str, dict[str, str]],
    locate: Callable[[int], Location],
    limit: int = MAX_SENTENCES,
) -> tuple[list[EvidenceSentence], int]:
    """Return the sentences worth quoting (at most ``limit``) and how many had evidence."""
    bounds = sentence_bounds(text)
    starts = [b[0] for b in bounds]
    grouped: dict[int, list[_Candidate]] = {}
    for candidate in _finding_marks(findings) + _theme_marks(hits, theme_labels, pole_labels):
        number = bisect_right(starts, candidate.mark.start) - 1
        if number >= 0:
            grouped.setdefault(number, []).append(candidate)

    def weight(number: int) -> tuple[int, int, int]:
        group = grouped[number]
        best = max(_WEIGHT.get((c.origin, c.mark.tone), 1) for c in group)
        return (-best, -len(group), number)

    chosen = sorted(sorted(grouped, key=weight)[:limit])
    sentences = []
    for number in chosen:
        start, end = bounds[number]
        group = grouped[number]
        where = locate(start)
        sentences.append(
            EvidenceSentence(
                start=start,
                end=end,
                text=text[start:end],
                line=where.line,
                page=where.page,
                marks=tuple(
                    m for m in _without_overlaps(group) if m.start >= start and m.end <= end
                ),
                reasons=tuple(dict.fromkeys(c.reason for c in group)),
            )
        )
    return sentences, len(grouped)
