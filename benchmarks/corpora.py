"""Deterministic benchmark corpora built from the examples, with variation.

Verbatims: each row starts from one of the 626 example verbatims (examples/verbatims.csv and
examples/gold/verbatims.csv) and is varied the way real exports vary: a sentence borrowed from
another verbatim or dropped, other numbers, agencies and first names, dropped accents, typos,
shouting or lowercase, a greeting or an emoji; a few percent are the short replies every export
repeats ("RAS", "ok"), and a few rows are empty. Texts are otherwise mostly distinct, as in a
real export (the script prints the share of distinct texts). Memos: internal texts of examples/gold strung
together, with the same word-level variation, to about 3,000 words each.

The same name and size always give the same file (seeded), written once under
benchmarks/.corpora/.

    .venv/bin/python benchmarks/corpora.py verbatims 10000    # prints the path
"""

from __future__ import annotations

import csv
import random
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
OUT = Path(__file__).resolve().parent / ".corpora"
SEED = 20260323

SHORT_REPLIES = [
    "RAS",
    "ok",
    "Très bien",
    "Rien à signaler",
    "Parfait",
    "Bien",
    "Service correct.",
    "Merci",
    "Nul.",
    "Aucun problème",
    "Satisfait",
    "Bon accueil",
]
GREETINGS = ["Bonjour, ", "Bonjour. ", "Madame, Monsieur, ", "Alors voilà : ", ""]
ENDINGS = [" Cordialement.", " Merci.", " 😡", " 🙂", " !!!", " Bonne journée.", "..."]
AGENCIES = [
    "Lyon Part-Dieu",
    "Marseille Prado",
    "Nantes",
    "Rennes",
    "Strasbourg",
    "Lille",
    "Bordeaux",
    "Toulouse",
    "Bruxelles Louise",
    "Liège",
    "Genève Cornavin",
    "Montpellier",
    "Grenoble",
    "Dijon",
    "Tours",
]
CANALS = [
    "agence",
    "telephone",
    "email",
    "chat",
    "application",
    "site web",
    "reseaux sociaux",
    "courrier",
]
FILLERS = ["vraiment", "franchement", "encore", "bref", "honnêtement", "bon", "enfin", "quand même"]
NAMES = ["Sophie", "Karim", "Julie", "Thomas", "Nadia", "Marc", "Léa", "Yannick", "Inès", "Paul"]
SENTENCE = re.compile(r"(?<=[.!?])\s+")
NUMBER = re.compile(r"\d+")
NAME = re.compile(r"\b(" + "|".join(NAMES) + r")\b")


def _base_verbatims() -> list[str]:
    texts = []
    with open(EXAMPLES / "verbatims.csv", encoding="utf-8", newline="") as stream:
        texts += [r["verbatim"] for r in csv.DictReader(stream) if r["verbatim"].strip()]
    with open(EXAMPLES / "gold" / "verbatims.csv", encoding="utf-8", newline="") as stream:
        texts += [r["text"] for r in csv.DictReader(stream) if r["text"].strip()]
    return texts


def _base_memos() -> list[str]:
    with open(EXAMPLES / "gold" / "internal.csv", encoding="utf-8", newline="") as stream:
        return [r["text"] for r in csv.DictReader(stream) if r["kind"] == "internal"]


def _unaccent(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.4:
        return word[:i] + word[i] + word[i:]  # doubled letter
    if kind < 0.7:
        return word[:i] + word[i + 1 :]  # dropped letter
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]  # swapped letters


def _vary_words(text: str, rng: random.Random, accents: float, typos: float) -> str:
    words = text.split(" ")
    for n, word in enumerate(words):
        roll = rng.random()
        if roll < accents:
            words[n] = _unaccent(word)
        elif roll < accents + typos:
            words[n] = _typo(word, rng)
    text = " ".join(words)
    text = NUMBER.sub(lambda m: str(rng.randint(1, 12 if len(m.group()) == 1 else 99)), text)
    return NAME.sub(lambda m: rng.choice(NAMES), text)


def verbatim(bases: list[str], rng: random.Random) -> str:
    """Return one varied verbatim."""
    roll = rng.random()
    if roll < 0.01:
        return ""
    if roll < 0.05:
        return rng.choice(SHORT_REPLIES)
    sentences = SENTENCE.split(rng.choice(bases).strip())
    if len(sentences) > 1 and rng.random() < 0.15:
        del sentences[rng.randrange(len(sentences))]
    if rng.random() < 0.5:
        other = SENTENCE.split(rng.choice(bases).strip())
        sentences.append(rng.choice(other))
    words = " ".join(sentences).split(" ")
    if rng.random() < 0.4:
        words.insert(rng.randrange(len(words) + 1), rng.choice(FILLERS))
    text = _vary_words(" ".join(words), rng, accents=0.05, typos=0.015)
    if rng.random() < 0.2:
        text = rng.choice(GREETINGS) + text
    if rng.random() < 0.2:
        text += rng.choice(ENDINGS)
    case = rng.random()
    if case < 0.03:
        text = text.upper()
    elif case < 0.08:
        text = text.lower()
    return text


def memo(bases: list[str], rng: random.Random, words: int = 3000) -> str:
    """Return one internal memo of about ``words`` words, from varied internal texts."""
    parts, count = [], 0
    while count < words:
        part = _vary_words(rng.choice(bases), rng, accents=0.01, typos=0.005)
        parts.append(part)
        count += len(part.split())
    return "\n\n".join(parts)


def build(kind: str, size: int) -> Path:
    """Write (once) and return the corpus ``kind`` (verbatims or memos) of ``size`` rows."""
    path = OUT / f"{kind}-{size}.csv"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{SEED}-{kind}-{size}")
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        if kind == "verbatims":
            bases = _base_verbatims()
            writer.writerow(["id", "date", "canal", "agence", "note", "verbatim"])
            for n in range(1, size + 1):
                date = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                writer.writerow(
                    [
                        f"B{n:07d}",
                        date,
                        rng.choice(CANALS),
                        rng.choice(AGENCIES),
                        rng.randint(1, 5),
                        verbatim(bases, rng),
                    ]
                )
        elif kind == "memos":
            bases = _base_memos()
            writer.writerow(["id", "kind", "text"])
            for n in range(1, size + 1):
                writer.writerow([f"M{n:04d}", "internal", memo(bases, rng)])
        else:
            raise ValueError(f"unknown corpus kind {kind!r}")
    tmp.replace(path)
    return path


if __name__ == "__main__":
    print(build(sys.argv[1], int(sys.argv[2])))
