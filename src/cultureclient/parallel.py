"""Scoring on several cores: chunks of documents go to worker processes, results come back in order.

Each worker builds its Analyzer once (the model is loaded once per worker) from a ``Recipe``
and scores whole chunks, and is replaced by a fresh one after many chunks; the parent only
reads the input and hands results on, in input order, as soon as the chunk they belong to is
done. Only a few chunks are in flight at once, so memory does not grow with the input, and
the first results come out before it ends.

An input that fits in one chunk is scored in the calling process: starting workers (each
loads the model) would cost more than it saves.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Protocol

from cultureclient.analyzer import Analyzer, Recipe, chunks
from cultureclient.types import Document, DocumentResult

if TYPE_CHECKING:
    from concurrent.futures import Executor

IN_FLIGHT_PER_WORKER = 2  # chunks queued per worker: enough to keep it busy, no more
# Workers are replaced by fresh ones after this many chunks each (about 100,000 rows): the
# vocabulary and the caches of words grow with every new word, and fresh workers keep memory
# flat whatever the input size, for a pause of a few seconds per generation.
CHUNKS_PER_WORKER = 400

_engine: Analyzer | None = None  # the worker's own Analyzer
# Each worker multiplies matrices on one thread: the workers already use every core, and BLAS
# threads on busy cores make every worker a third slower. Set in the environment the workers
# inherit, since a limit set once the BLAS is loaded does not stop its threads from waiting.
SINGLE_THREAD = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


class Pending(Protocol):
    """A chunk being scored somewhere: a local or a Dask future."""

    def result(self) -> list[DocumentResult]:
        """Wait for and return the chunk's results."""
        ...


def in_order(
    parts: Iterable[list[Document]], submit: Callable[[list[Document]], Pending], window: int
) -> Iterator[DocumentResult]:
    """Submit chunks, at most ``window`` at a time, and yield their results in input order."""
    pending: deque[Pending] = deque()
    for part in parts:
        pending.append(submit(part))
        while len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def analyze(
    recipe: Recipe,
    documents: Iterable[Document],
    jobs: int,
    local: Callable[[], Analyzer],
) -> Iterator[DocumentResult]:
    """Score documents on ``jobs`` worker processes; ``local`` gives the in-process Analyzer."""
    parts = chunks(documents)
    head = list(islice(parts, 2))
    if jobs <= 1 or len(head) < 2:
        engine = local()
        for part in _chain(head, parts):
            yield from engine.analyze_chunk(part)
        return
    rest = _chain(head, parts)
    for name in SINGLE_THREAD:  # read by the BLAS of each worker when it starts
        os.environ.setdefault(name, "1")
    while (first := next(rest, None)) is not None:
        generation = _chain([first], islice(rest, jobs * CHUNKS_PER_WORKER - 1))
        with _pool(recipe, jobs) as pool:
            try:
                yield from in_order(
                    generation,
                    lambda part: pool.submit(_score, part),
                    jobs * IN_FLIGHT_PER_WORKER,
                )
            finally:
                pool.shutdown(wait=True, cancel_futures=True)


def _chain(
    head: Iterable[list[Document]], rest: Iterator[list[Document]]
) -> Iterator[list[Document]]:
    yield from head
    yield from rest


def _pool(recipe: Recipe, jobs: int) -> Executor:
    """Start ``jobs`` fresh worker processes, each building its Analyzer from ``recipe``."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start,
        initargs=(recipe,),
    )


def _start(recipe: Recipe) -> None:
    """Build the worker's Analyzer; Ctrl-C is for the parent, which stops the workers."""
    import signal

    global _engine
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _engine = recipe.build()


def _score(chunk: list[Document]) -> list[DocumentResult]:
    assert _engine is not None, "worker started without its recipe"
    return _engine.analyze_chunk(chunk)
