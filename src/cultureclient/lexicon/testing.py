"""Running a lexicon's own examples: every ``match`` must hit, every ``no_match`` must not.

All sentences are analysed in one batch; each becomes an ``ExampleOutcome`` that says what was
expected and what was found, so that a failure explains itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from cultureclient.analyzer import Analyzer
from cultureclient.lexicon.loader import LoadedTheme
from cultureclient.types import Document, Hit, Kind

Expect = Literal["match", "no_match", "theme_no_match"]


@dataclass(frozen=True)
class Example:
    """One sentence of a lexicon and what it must do."""

    theme: str
    entry: str | None  # None for a theme-level trap
    expect: Expect
    sentence: str
    kind: Kind

    @property
    def name(self) -> str:
        """Return a stable test name: ``theme/entry/match/0``."""
        return f"{self.theme}/{self.entry or '*'}/{self.expect}"


@dataclass(frozen=True)
class ExampleOutcome:
    """An example and the counted hits its theme produced on it."""

    example: Example
    hits: tuple[Hit, ...]

    @property
    def passed(self) -> bool:
        """Tell whether the example behaves as its lexicon says."""
        of_entry = [h for h in self.hits if h.entry == self.example.entry]
        if self.example.expect == "match":
            return bool(of_entry)
        if self.example.expect == "no_match":
            return not of_entry
        return not self.hits

    def explain(self) -> str:
        """Say what went wrong, in one line."""
        found = ", ".join(f"{h.entry}{h.pole} «{h.text}»" for h in self.hits) or "nothing"
        if self.example.expect == "match":
            return f"expected a hit of {self.example.entry}, found {found}"
        return f"expected no hit, found {found}"


def examples(themes: Iterable[LoadedTheme]) -> list[Example]:
    """Return every example of every theme, in file order."""
    out: list[Example] = []
    for loaded in themes:
        theme = loaded.theme
        for entry in theme.entries:
            kind = theme.entry_kinds(entry)[0]
            out += [Example(theme.id, entry.id, "match", s, kind) for s in entry.match]
            out += [Example(theme.id, entry.id, "no_match", s, kind) for s in entry.no_match]
        out += [
            Example(theme.id, None, "theme_no_match", s, theme.kinds[0]) for s in theme.no_match
        ]
    return out


def run_examples(
    themes: Iterable[LoadedTheme], engine: Analyzer | None = None
) -> list[ExampleOutcome]:
    """Analyse every example in one batch and return their outcomes, in order."""
    themes = list(themes)
    engine = engine or Analyzer.build(themes, detectors=[])
    engine = replace(engine, report_cues=True)
    cases = examples(themes)
    documents = (Document(n, c.sentence, c.kind) for n, c in enumerate(cases))
    outcomes = []
    for case, result in zip(cases, engine.analyze(documents), strict=True):
        counted = tuple(h for h in result.hits if h.counted and h.theme == case.theme)
        outcomes.append(ExampleOutcome(case, counted))
    return outcomes
