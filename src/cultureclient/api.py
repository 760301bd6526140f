"""The library's entry points: they return data, never print, never exit.

``score`` opens an export and returns a ``ScoreRun`` whose results stream lazily; ``analyze``
scores texts given in Python; ``audit`` reads a folder of documents into a ranked report;
``load_themes`` and ``analyzer`` give access to the pieces. The CLI
is a thin layer over these functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cultureclient.aggregate import Aggregator
from cultureclient.analyzer import Analyzer
from cultureclient.errors import ColumnError
from cultureclient.io.readers import ReadOptions, open_table
from cultureclient.lexicon.loader import LoadedTheme, load
from cultureclient.types import Document, DocumentResult, Kind

if TYPE_CHECKING:
    from cultureclient.audit.records import AuditReport


def load_themes(
    lexicons: Iterable[str | Path] = (), shipped: bool = True
) -> dict[str, LoadedTheme]:
    """Return the shipped themes (unless ``shipped`` is False) overridden by the given ones."""
    return load([Path(p) for p in lexicons], include_shipped=shipped)


@lru_cache(maxsize=4)
def _analyzer(lexicons: tuple[str, ...], shipped: bool) -> Analyzer:
    return Analyzer.build(load_themes(lexicons, shipped).values())


def analyzer(lexicons: Iterable[str | Path] = (), shipped: bool = True) -> Analyzer:
    """Return an Analyzer for these lexicons, built once per process."""
    return _analyzer(tuple(str(p) for p in lexicons), shipped)


@dataclass
class ScoreRun:
    """A scoring run in progress: what the input looks like and the results as they come."""

    source: str
    columns: list[str]
    text_column: str
    themes: list[str]
    labels: dict[str, str]
    rules: list[str]
    aggregator: Aggregator
    _results: Iterator[DocumentResult] = field(repr=False)

    def wrap(self, wrapper: Callable[[Iterator[DocumentResult]], Iterator[DocumentResult]]) -> None:
        """Pass the results through ``wrapper`` (a progress display, say) before they are read."""
        self._results = wrapper(self._results)

    @property
    def results(self) -> Iterator[DocumentResult]:
        """Yield each result once, counting it into the aggregator on the way."""
        for result in self._results:
            self.aggregator.observe(result)
            yield result


def score(
    path: str,
    options: ReadOptions | None = None,
    lexicons: Iterable[str | Path] = (),
    group_by: str | None = None,
    shipped: bool = True,
) -> ScoreRun:
    """Open an export and return the run that scores it, lazily and in input order."""
    options = options or ReadOptions()
    engine = analyzer(lexicons, shipped)
    table = open_table(path, options)
    if group_by is not None and group_by not in table.columns:
        raise ColumnError(
            f"{path}: no column {group_by!r} for --group-by; columns are: {', '.join(table.columns)}"
        )
    themes = engine.lexicon.applicable_themes(options.kind)
    rules = [d.rule for d in engine.detectors if options.kind in d.kinds]
    return ScoreRun(
        source=path,
        columns=table.columns,
        text_column=table.text_column,
        themes=themes,
        labels={t: engine.lexicon.themes[t].label for t in themes},
        rules=rules,
        aggregator=Aggregator(themes, group_by),
        _results=engine.analyze(table.rows),
    )


def analyze(
    texts: Iterable[str],
    kind: Kind = "verbatim",
    lexicons: Iterable[str | Path] = (),
    shipped: bool = True,
) -> list[DocumentResult]:
    """Score texts given in Python; ids are their positions from 1."""
    engine = analyzer(lexicons, shipped)
    return list(engine.analyze(Document(n, t, kind) for n, t in enumerate(texts, 1)))


def audit(
    paths: Iterable[str | Path],
    kind: Kind = "internal",
    lexicons: Iterable[str | Path] = (),
    shipped: bool = True,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    track: Callable[[Iterable[Any]], Iterator[Any]] | None = None,
) -> AuditReport:
    """Audit the documents of folders (or files) and return the ranked report.

    ``track`` wraps the stream of files, for a progress display; see ``cultureclient.audit``.
    """
    from cultureclient.audit import audit as run_audit

    engine = analyzer(lexicons, shipped)
    return run_audit(paths, engine, kind, include, exclude, track)
