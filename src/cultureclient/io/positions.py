"""Character offsets → where a person finds them: line and column, paragraph, or page.

Markup is blanked with spaces of the same length (see ``io.documents``), so an offset in the
analysed text is the same offset in the source file and one line index serves both.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a source file: 1-based line and column, and the page for PDFs."""

    line: int
    column: int
    page: int | None = None

    def __str__(self) -> str:
        where = f"{self.line}:{self.column}"
        return f"p{self.page}:{where}" if self.page is not None else where


class LineIndex:
    """Offsets of line starts, for offset → line:col in O(log n)."""

    def __init__(self, text: str, pages: list[int] | None = None) -> None:
        self.text = text
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self.pages = pages  # offsets where each PDF page starts, if any

    def locate(self, offset: int) -> Location:
        """Return the 1-based line and column of ``offset`` (line within its page for PDFs)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        column = offset - self.starts[line] + 1
        if not self.pages:
            return Location(line + 1, column)
        page = bisect_right(self.pages, offset) - 1
        first_line = bisect_right(self.starts, self.pages[page]) - 1
        return Location(line - first_line + 1, column, page + 1)

    def line_text(self, line: int, page: int | None = None) -> str:
        """Return the text of a 1-based line (within its page for PDFs), without its newline."""
        index = line - 1
        if page is not None and self.pages:
            index += bisect_right(self.starts, self.pages[page - 1]) - 1
        if not 0 <= index < len(self.starts):
            return ""
        end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[index] : end]
