"""Inline directives that turn rules off: ``cultureclient: disable=RULE[,RULE]``.

In Markdown and HTML the directive sits in a comment, ``<!-- cultureclient: disable=incantation
-->``; in plain text, Word or PDF it is a line of its own. ``disable`` covers the paragraph that
follows the directive, ``disable-file`` the whole file; with no ``=RULES`` every rule is off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cultureclient.errors import ConfigError
from cultureclient.rules import BY_ID

_DIRECTIVE = re.compile(
    r"cultureclient:\s*(disable-file|disable)\b(?:\s*=\s*([\w\s,-]+?))?\s*(?:-->|$)", re.M
)


@dataclass(frozen=True)
class Suppression:
    """Rules off (None: all) between two offsets of the source."""

    rules: frozenset[str] | None
    start: int
    end: int

    def covers(self, rule: str, offset: int) -> bool:
        """Tell whether the finding of ``rule`` at source ``offset`` is turned off."""
        return self.start <= offset < self.end and (self.rules is None or rule in self.rules)


def _next_paragraph(source: str, position: int) -> tuple[int, int]:
    """Return the span of the paragraph after ``position``: blank lines skipped, up to a blank line."""
    line_end = source.find("\n", position)
    start = len(source) if line_end < 0 else line_end + 1
    while start < len(source) and source[start] in " \t\r\n":
        start += 1
    blank = re.compile(r"\n[ \t\r]*\n")
    found = blank.search(source, start)
    return start, found.start() if found else len(source)


def parse(source: str, name: str, paragraphs_are_lines: bool = False) -> list[Suppression]:
    """Return the suppressions written in ``source``; unknown rule ids are errors."""
    suppressions = []
    for match in _DIRECTIVE.finditer(source):
        scope, listed = match.groups()
        rules = None
        if listed:
            rules = frozenset(r.strip() for r in listed.split(",") if r.strip())
            unknown = sorted(rules - set(BY_ID))
            if unknown:
                line = source.count("\n", 0, match.start()) + 1
                raise ConfigError(
                    f"{name}:{line}: unknown rule(s) {', '.join(unknown)} in a cultureclient "
                    f"comment; rules are: {', '.join(BY_ID)}"
                )
        if scope == "disable-file":
            suppressions.append(Suppression(rules, 0, len(source) + 1))
            continue
        if paragraphs_are_lines:
            line_end = source.find("\n", match.end())
            start = len(source) if line_end < 0 else line_end + 1
            while start < len(source) and source[start] == "\n":
                start += 1
            end = source.find("\n", start)
            suppressions.append(Suppression(rules, start, len(source) if end < 0 else end))
        else:
            suppressions.append(Suppression(rules, *_next_paragraph(source, match.start())))
    return suppressions
