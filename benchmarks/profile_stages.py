"""Where the time of scoring goes, stage by stage, in one process: what bounds throughput.

Scores the first N verbatims of the 10k benchmark corpus twice with one Analyzer: a first run
(empty annotation cache) and a re-score (every annotation cached), timing each stage by
wrapping the functions the analyzer calls. Then runs each model component alone over the same
texts. Nothing is changed in how texts are scored; only the clock is read around calls.

    .venv/bin/python benchmarks/profile_stages.py            # 5,000 verbatims
    .venv/bin/python benchmarks/profile_stages.py -n 2000
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as in the worker processes
SPENT: dict[str, float] = defaultdict(float)


def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """Return ``function`` adding its wall time to ``SPENT[name]``."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            SPENT[name] += time.perf_counter() - start

    return wrapper


def instrument_module() -> None:
    """Wrap the module functions the analyzer calls in timers (once per process)."""
    from cultureclient import analyzer as module
    from cultureclient.nlp.pipeline import load, stages

    steps = stages(load())
    run = module.run

    def staged(nlp: Any, docs: Any, names: Any, *args: Any, **kwargs: Any) -> Any:
        name = {steps.tag: "model: tag", steps.parse: "model: parse"}.get(tuple(names))
        return timed(name or "derived (fold)", run)(nlp, docs, names, *args, **kwargs)

    module.run = staged
    module.tokenize = timed("tokenize", module.tokenize)
    module.raw_matches = timed("match: raw matches", module.raw_matches)


def instrument(analyzer: Any) -> None:
    """Wrap the stages of ``analyzer`` in timers."""
    analyzer.result_for = timed("match: hits, negation, detectors", analyzer.result_for)
    analyzer.prefilter.candidates = timed("prefilter", analyzer.prefilter.candidates)
    if analyzer.cache is not None:
        analyzer.cache.get = timed("cache: read", analyzer.cache.get)
        analyzer.cache.put = timed("cache: write", analyzer.cache.put)


def report(title: str, total: float, words: int, documents: int) -> None:
    print(f"\n{title}: {documents:,} texts, {words:,} words, {total:.2f} s in one process")
    print(f"  {documents / total:,.0f} texts/s, {words / total:,.0f} words/s per core")
    accounted = 0.0
    for name, seconds in sorted(SPENT.items(), key=lambda item: -item[1]):
        accounted += seconds
        print(f"  {name:36} {seconds:7.2f} s  {seconds / total:6.1%}")
    rest = total - accounted
    print(f"  {'other (chunking, results, scores)':36} {rest:7.2f} s  {rest / total:6.1%}")
    SPENT.clear()


def score(analyzer: Any, documents: list[Any]) -> tuple[float, int]:
    """Score ``documents``, serialise the results as JSONL would; return time and words."""
    start = time.perf_counter()
    results = list(analyzer.analyze(documents))
    serialise = timed("results to JSON", lambda: [json.dumps(r.to_dict()) for r in results])
    serialise()
    return time.perf_counter() - start, sum(r.tokens for r in results)


def components(nlp: Any, texts: list[str]) -> None:
    """Run each model component alone over ``texts`` and print its time."""
    from cultureclient.text.normalize import normalize

    docs = list(nlp.tokenizer.pipe(normalize(t) for t in texts))
    print(f"\nmodel components alone, {len(docs):,} texts, {sum(map(len, docs)):,} tokens")
    for name, component in nlp.pipeline:
        start = time.perf_counter()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=128))
        else:
            docs = [component(doc) for doc in docs]
        print(f"  {name:36} {time.perf_counter() - start:7.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5000, help="verbatims to score")
    args = parser.parse_args()

    from cultureclient.analyzer import Recipe
    from cultureclient.api import load_themes
    from cultureclient.io.readers import ReadOptions, open_table

    table = open_table(str(build("verbatims", 10_000)), ReadOptions(kind="verbatim"))
    documents = [d for _, d in zip(range(args.n), table.rows, strict=False)]
    themes = tuple(
        load_themes([Path(os.environ.get("LEXICONS", ROOT / "lexicons"))], shipped=False).values()
    )
    with tempfile.TemporaryDirectory(prefix="cultureclient-profile-") as cache:
        start = time.perf_counter()
        analyzer = Recipe(themes, cache=cache).build()
        analyzer.analyze_chunk(documents[:1])  # builds the prefilter
        print(
            f"start: model loaded, lexicon compiled, prefilter built in "
            f"{time.perf_counter() - start:.2f} s"
        )
        Recipe(themes).build().analyze_chunk(documents[-50:])  # first batches are slower
        instrument_module()
        instrument(analyzer)
        report("first run (empty cache)", *score(analyzer, documents), len(documents))
        again = Recipe(themes, cache=cache).build()
        again.analyze_chunk(documents[:1])
        instrument(again)
        report("re-score (every annotation cached)", *score(again, documents), len(documents))
        components(analyzer.nlp, [d.text for d in documents if d.text.strip()])


if __name__ == "__main__":
    main()
