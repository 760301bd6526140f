"""JSON output of an audit: the ``cultureclient.audit/1`` document (see ``audit.records``)."""

from __future__ import annotations

import json
from typing import TextIO

from cultureclient.audit.records import AuditReport


def write(report: AuditReport, out: TextIO) -> None:
    """Write the whole report as one indented JSON document."""
    json.dump(report.to_dict(), out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")
