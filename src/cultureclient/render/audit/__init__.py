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
    from pathlib import Path

    from cultureclient.errors import ConfigError

    if asked:
        if asked not in FORMATS:
            raise ConfigError(f"unknown format {asked!r}; one of {', '.join(FORMATS)}")
        return asked
    if output and output != "-":
        suffix = Path(output).suffix.lower()
        if suffix not in SUFFIXES:
            raise ConfigError(
                f"{output}: cannot tell the format from {suffix or 'no suffix'!r}",
                hint=f"pass --format ({', '.join(FORMATS)})",
            )
        return SUFFIXES[suffix]
    return "table"
