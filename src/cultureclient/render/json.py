"""JSON output: ``{"schema", "source", "themes", "documents": [...], "summary": {...}}``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from cultureclient.api import ScoreRun

SCHEMA = "cultureclient.score/1"


def write(run: ScoreRun, out: TextIO) -> None:
    """Write the documents as they come, then the corpus summary."""
    head = {"schema": SCHEMA, "source": run.source, "themes": run.themes}
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "documents": [\n')
    for n, result in enumerate(run.results):
        out.write(",\n" if n else "")
        out.write(json.dumps(result.to_dict(), ensure_ascii=False, default=str))
    summary = run.aggregator.table().to_dict(orient="records")
    status = dict(run.aggregator.status)
    tail = {"summary": summary, "status": status, "findings": dict(run.aggregator.findings)}
    out.write("\n], " + json.dumps(tail, ensure_ascii=False, default=str)[1:] + "\n")
