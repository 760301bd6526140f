"""``check --format json``: ``{"schema", "files": [{path, status, error, findings}]}``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from cultureclient.check import FileReport

SCHEMA = "cultureclient.check/1"


def write(reports: Iterable[FileReport], out: TextIO) -> None:
    """Write all reports as one JSON document."""
    files = [report.to_dict() for report in reports]
    json.dump({"schema": SCHEMA, "files": files}, out, ensure_ascii=False, indent=2)
    out.write("\n")
