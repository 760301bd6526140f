"""JSONL output: one JSON object per input row, in input order (the documented contract)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from cultureclient.api import ScoreRun


def write(run: ScoreRun, out: TextIO) -> None:
    """Write one line per result and flush it, so that a pipe sees results as they come."""
    for result in run.results:
        out.write(json.dumps(result.to_dict(), ensure_ascii=False, default=str))
        out.write("\n")
