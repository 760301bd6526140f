"""Scoring on a Dask cluster: partitions of the input are scored on the cluster's workers.

The client reads the input and sends it in partitions (chunks of documents); each worker
process builds one Analyzer from the run's ``Recipe`` (sent once to every worker) and scores
the partitions it is given; results come back in input order, a few partitions in flight at a
time, as with local workers. Without a scheduler address a local cluster is started, one
single-threaded worker per job. Workers need cultureclient installed (``pip install
cultureclient[dask]``); annotation caches are the workers' own.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import Any

from cultureclient.analyzer import Analyzer, Recipe, chunks
from cultureclient.errors import ConfigError
from cultureclient.parallel import in_order
from cultureclient.types import Document, DocumentResult

IN_FLIGHT_PER_WORKER = 2
RUNS_KEPT = 2  # Analyzers a worker keeps, for runs sharing a cluster

_engines: dict[str, tuple[Analyzer, threading.Lock]] = {}  # per worker process, by run
_building = threading.Lock()


def analyze(
    recipe: Recipe, documents: Iterable[Document], scheduler: str | None, jobs: int
) -> Iterator[DocumentResult]:
    """Score documents on the cluster at ``scheduler``, or on a local one with ``jobs`` workers."""
    client, cluster = _connect(scheduler, jobs)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        shared = client.scatter(recipe, broadcast=True)
        yield from in_order(
            chunks(documents),
            lambda part: client.submit(score_partition, shared, part, pure=False),
            workers * IN_FLIGHT_PER_WORKER,
        )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _connect(scheduler: str | None, jobs: int) -> tuple[Any, Any]:
    """Return a client, and the local cluster it runs on when no scheduler was given."""
    try:
        import logging

        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError(
            "the dask engine needs dask and distributed",
            hint="pip install 'cultureclient[dask]'",
        ) from exc
    if scheduler is not None:
        try:
            return Client(scheduler, timeout="30s"), None
        except OSError as exc:
            raise ConfigError(
                f"cannot reach the Dask scheduler at {scheduler}: {exc}",
                hint="check the address (tcp://host:8786) and that the scheduler is running",
            ) from exc
    cluster = LocalCluster(
        n_workers=max(1, jobs),
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster


def score_partition(recipe: Recipe, partition: list[Document]) -> list[DocumentResult]:
    """Score one partition on a worker, with the worker's Analyzer for this run.

    The Analyzer is built on the first partition of a run and kept for the next ones; a lock
    keeps one partition at a time on it when a worker has several threads.
    """
    with _building:
        if recipe.token not in _engines:
            while len(_engines) >= RUNS_KEPT:  # earlier runs' Analyzers: free their memory
                del _engines[next(iter(_engines))]
            _engines[recipe.token] = (recipe.build(), threading.Lock())
        engine, lock = _engines[recipe.token]
    with lock:
        return engine.analyze_chunk(partition)
