"""Renderers of an audit report, one module per format; each writes an ``AuditReport``.

Like the other renderers they compute nothing: every figure they show is in the report.
"""

from __future__ import annotations

FORMATS = ("table", "csv", "json", "md", "html")
SUFFIXES = {
    ".csv": "csv",
    ".json": "json",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".txt": "table",
}


def format_for(output: str | None, asked: str | None) -> str:
    """Return the format asked for, else the one the output's suffix names, else ``table``."""
    from cultureclient.render import choose_format

    return choose_format(output, asked, FORMATS, SUFFIXES, "table")
