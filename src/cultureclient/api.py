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
from cultureclient.analyzer import Analyzer, Recipe
from cultureclient.errors import ColumnError, ConfigError
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
def _themes(lexicons: tuple[str, ...], shipped: bool) -> dict[str, LoadedTheme]:
    return load_themes(lexicons, shipped)


@lru_cache(maxsize=4)
def _analyzer(lexicons: tuple[str, ...], shipped: bool) -> Analyzer:
    return Analyzer.build(_themes(lexicons, shipped).values())


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


ENGINES = ("local", "dask")


def score(
    path: str,
    options: ReadOptions | None = None,
    lexicons: Iterable[str | Path] = (),
    group_by: str | None = None,
    shipped: bool = True,
    *,
    jobs: int = 1,
    cache: str | Path | bool = False,
    engine: str = "local",
    scheduler: str | None = None,
) -> ScoreRun:
    """Open an export and return the run that scores it, lazily and in input order.

    The results are the same whatever the way they are computed: ``jobs`` worker processes
    score chunks side by side (1: this process); ``cache`` keeps annotations on disk (a folder,
    or True for the user's cache folder) so that scoring the same texts again skips the model;
    ``engine="dask"`` scores partitions on the Dask cluster at ``scheduler``, or on a local
    cluster of ``jobs`` workers.
    """
    options = options or ReadOptions()
    lexicons = tuple(str(p) for p in lexicons)
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}; one of {', '.join(ENGINES)}")
    if scheduler is not None and engine != "dask":
        raise ConfigError("a scheduler address needs the dask engine", hint="add --engine dask")
    themes = _themes(lexicons, shipped)
    folder = str(cache) if isinstance(cache, Path) else cache
    recipe = Recipe(tuple(themes.values()), cache=folder)
    outline = recipe.outline()
    table = open_table(path, options)
    if group_by is not None and group_by not in table.columns:
        raise ColumnError(
            f"{path}: no column {group_by!r} for --group-by; columns are: {', '.join(table.columns)}"
        )
    kinds = outline.applicable_themes(options.kind)
    if engine == "dask":
        from cultureclient import cluster

        results = cluster.analyze(recipe, table.rows, scheduler, jobs)
    else:
        from cultureclient import parallel

        results = parallel.analyze(
            recipe, table.rows, jobs, lambda: _local(lexicons, shipped, cache)
        )
    return ScoreRun(
        source=path,
        columns=table.columns,
        text_column=table.text_column,
        themes=kinds,
        labels={t: outline.themes[t].label for t in kinds},
        rules=recipe.rules(options.kind),
        aggregator=Aggregator(kinds, group_by),
        _results=results,
    )


def _local(lexicons: Iterable[str | Path], shipped: bool, cache: str | Path | bool) -> Analyzer:
    """Return this process's Analyzer for these lexicons, with the annotation cache asked for."""
    engine = analyzer(lexicons, shipped)
    if cache is False:
        return engine
    from cultureclient.cachedir import cache_dir

    return engine.with_cache(cache_dir() if cache is True else Path(cache))


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
