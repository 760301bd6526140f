"""User-facing errors, kept apart from bugs.

Every error a user can cause (a missing file, a bad column, a broken lexicon) is a
``CultureclientError`` with a stable code and, when there is one, a hint on how to fix it.
The CLI prints ``str(error)`` on one line and exits 2; anything else is a bug and keeps its
traceback.
"""

from __future__ import annotations


class CultureclientError(Exception):
    """An error in the user's input, options, lexicon or configuration."""

    code = "CC000"

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.message} [{self.code}]"
        return f"{text} — {self.hint}" if self.hint else text


class InputError(CultureclientError):
    """A file, a column or a row that cannot be read."""

    code = "CC100"


class EncodingError(InputError):
    """Bytes that do not decode with the encoding in force."""

    code = "CC101"


class ColumnError(InputError):
    """A text or id column that is missing or ambiguous."""

    code = "CC102"


class FormatError(InputError):
    """A file whose format is unknown or broken."""

    code = "CC103"


class LexiconError(CultureclientError):
    """One or more problems in lexicon files, each with file, line and key path."""

    code = "CC200"

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        first = problems[0] if problems else "invalid lexicon"
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        super().__init__(first + more)


class ConfigError(CultureclientError):
    """An option or configuration value that makes no sense."""

    code = "CC300"
