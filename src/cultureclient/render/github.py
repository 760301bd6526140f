"""``check --format github``: workflow commands, so that findings show on the pull request."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from cultureclient.check import FileReport

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write(reports: Iterable[FileReport], out: TextIO) -> None:
    """Write one ``::level file=…,line=…,col=…,title=…::message`` line per finding or error."""
    for report in reports:
        path = _escape_property(report.path)
        if report.status == "error":
            out.write(
                f"::error file={path},title=cultureclient::{_escape_data(report.error or '')}\n"
            )
            continue
        for f in report.findings:
            props = (
                f"file={path},line={f.location.line},col={f.location.column},"
                f"endLine={f.end_location.line},endColumn={f.end_location.column + 1},"
                f"title={_escape_property('cultureclient ' + f.rule)}"
            )
            out.write(f"::{LEVELS[f.severity]} {props}::{_escape_data(f.message)}\n")
