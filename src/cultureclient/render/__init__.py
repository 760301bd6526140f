"""One module per output format; each writes results to a stream and returns nothing.

Renderers receive a ``ScoreRun`` (the columns of the input and the results to come) and never
compute scores: what they show is what the library returned.
"""

from __future__ import annotations

FORMATS = ("table", "csv", "jsonl", "json", "xlsx")
SUFFIXES = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".xlsx": "xlsx",
    ".txt": "table",
}


def choose_format(
    output: str | None,
    asked: str | None,
    formats: tuple[str, ...],
    suffixes: dict[str, str],
    default: str,
) -> str:
    """Return the format asked for, else the one the output file's suffix names, else ``default``."""
    from pathlib import Path

    from cultureclient.errors import ConfigError

    if asked:
        if asked not in formats:
            raise ConfigError(f"unknown format {asked!r}; one of {', '.join(formats)}")
        return asked
    if output and output != "-":
        suffix = Path(output).suffix.lower()
        if suffix not in suffixes:
            raise ConfigError(
                f"{output}: cannot tell the format from {suffix or 'no suffix'!r}",
                hint=f"pass --format ({', '.join(formats)})",
            )
        return suffixes[suffix]
    return default


def format_for(output: str | None, asked: str | None, tty: bool) -> str:
    """Return the score output format; with no file, a table on a terminal, JSONL in a pipe."""
    return choose_format(output, asked, FORMATS, SUFFIXES, "table" if tty else "jsonl")
