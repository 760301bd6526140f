"""``check --format text``: ``path:line:col severity rule message`` and the marked source line.

Findings come grouped by file, in the order of the text, then a count by severity.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from cultureclient.check import FileReport


def _marker(line: str, column: int, length: int) -> str:
    """Return the source line and a caret line under the span (tabs kept for alignment)."""
    prefix = "".join("\t" if ch == "\t" else " " for ch in line[: column - 1])
    width = max(1, min(length, len(line) - column + 1))
    return f"    {line}\n    {prefix}{'^' * width}"


def write(reports: Iterable[FileReport], out: TextIO) -> None:
    """Write each file's findings as they come, then the totals."""
    totals: Counter[str] = Counter()
    files = 0
    for report in reports:
        files += 1
        if report.status == "error":
            out.write(f"{report.path}: error: {report.error}\n")
            totals["file errors"] += 1
            continue
        for f in report.findings:
            where = f"{report.path}:{f.location}"
            out.write(f"{where}: {f.severity} {f.rule} {f.message}\n")
            if f.source_line.strip():
                length = f.end - f.start if f.location.line == f.end_location.line else len(f.text)
                out.write(_marker(f.source_line, f.location.column, length) + "\n")
            totals[f.severity] += 1
        out.flush()
    summary = ", ".join(f"{n} {k}" for k, n in sorted(totals.items())) or "no findings"
    out.write(f"{files} file(s) checked: {summary}\n")
