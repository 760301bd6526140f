"""How long `cultureclient check` takes on a one-page draft, end to end, as a hook runs it.

Three situations, each timed as a whole command (process start included), median of N runs:
cold (empty cache: the lexicon phrases are compiled), warm (compiled phrases cached), and
served (a `cultureclient serve` worker is running). Prints one line per situation.

    .venv/bin/python benchmarks/check_latency.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "examples" / "drafts" / "2026-04_plan-horizon.md"
BIN = Path(sys.executable).parent / "cultureclient"


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    words = len(DRAFT.read_text(encoding="utf-8").split())
    check = [str(BIN), "check", str(DRAFT)]
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "CULTURECLIENT_CACHE_DIR": tmp,
            "CULTURECLIENT_SOCKET": f"{tmp}/s.sock",
        }
        cold = []
        for _ in range(runs):
            for entry in Path(tmp).iterdir():
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
            cold.append(timed([*check, "--no-server"], env))
        warm = [timed([*check, "--no-server"], env) for _ in range(runs)]
        server = subprocess.Popen(
            [str(BIN), "serve", "--idle-timeout", "120"], env=env, stderr=subprocess.PIPE, text=True
        )
        try:
            server.stderr.readline()  # "listening on …" once the model is loaded
            served = [timed(check, env) for _ in range(runs)]
        finally:
            server.terminate()
            server.wait(10)
    print(f"draft: {DRAFT.relative_to(ROOT)} ({words} words), median of {runs} runs")
    for name, values in (
        ("cold (empty cache)", cold),
        ("warm (phrases cached)", warm),
        ("served (cultureclient serve)", served),
    ):
        print(
            f"{name:30} {statistics.median(values):6.2f} s   (min {min(values):.2f}, max {max(values):.2f})"
        )


if __name__ == "__main__":
    main()
