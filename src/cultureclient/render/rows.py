"""Flat rows for tabular outputs (CSV, XLSX): passthrough columns, then scores, then rules."""

from __future__ import annotations

from typing import Any

from cultureclient.types import DocumentResult


def score_columns(themes: list[str], rules: list[str]) -> list[str]:
    """Return the columns cultureclient adds after the input's own."""
    columns = ["status", "error", "tokens"]
    for theme in themes:
        columns += [f"{theme}_pos", f"{theme}_neg", f"{theme}_index"]
    return columns + list(rules)


def flat_row(
    result: DocumentResult,
    columns: list[str],
    text_column: str,
    themes: list[str],
    rules: list[str],
) -> list[Any]:
    """Return one row: the input's columns as they were, then status, scores and rule flags."""
    row: list[Any] = [
        result.text if c == text_column else result.fields.get(c, "") for c in columns
    ]
    row += [result.status, result.error or "", result.tokens if result.status == "ok" else ""]
    for theme in themes:
        score = result.scores.get(theme)
        if score is None:
            row += ["", "", ""]
        else:
            row += [score.pos, score.neg, "" if score.index is None else score.index]
    found = {f.rule for f in result.findings}
    row += [int(rule in found) if result.status == "ok" else "" for rule in rules]
    return row
