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


def format_for(output: str | None, asked: str | None, tty: bool) -> str:
    """Return the output format: asked for, else the output file's suffix, else by terminal."""
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
    return "table" if tty else "jsonl"
