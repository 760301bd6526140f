"""Offset-preserving normalisation, and the folding and stemming that matching relies on.

``normalize`` never changes the length of a text, so that character offsets computed on the
normalised text are offsets in the original: a hit can always be shown where the user wrote it.
``fold`` and ``stem`` work on single words and may change their length.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# One character in, one character out: offsets never move.
_SAME_LENGTH = str.maketrans(
    {
        "\u2019": "'",  # right single quotation mark, the usual French apostrophe
        "\u2018": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "`": "'",
        "\u00a0": " ",  # no-break space, before French ! ? : ;
        "\u202f": " ",  # narrow no-break space
        "\u2009": " ",
        "\u2007": " ",
        "\u200b": " ",  # zero-width space
        "\ufeff": " ",  # stray byte-order mark
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": ".",  # ellipsis as one character keeps one character
    }
)


def normalize(text: str) -> str:
    """Return ``text`` with typographic variants unified, same length, same offsets."""
    return text.translate(_SAME_LENGTH)


_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "Œ": "oe", "Æ": "ae", "ß": "ss"})


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lowercase, remove accents and unify apostrophes: "Écouté" → "ecoute"."""
    lowered = normalize(word).lower().translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Inflectional endings only (verb conjugation, feminine), longest first, stripped once after the
# plural. Derivational suffixes (-ment, -tion, -eur) are kept: "pression" and "presser" must stay
# different words.
_SUFFIXES = (  # fmt: skip
    "eraient",
    "iraient",
    "assions",
    "issions",
    "erions",
    "eriez",
    "erons",
    "eront",
    "aient",
    "erais",
    "erait",
    "ions",
    "ante",
    "ente",
    "iez",
    "ait",
    "ais",
    "ant",
    "ent",
    "ons",
    "era",
    "ez",
    "er",
    "ee",
    "re",
    "ir",
    "e",
    "u",
    "i",
)
_MIN_STEM = 4
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=200_000)
def stem(folded: str) -> str:
    """Strip the plural, then one inflectional ending, so that spelling slips still match.

    ``harceler``, ``harcelent``, ``harcele`` (no accent) and ``harcelées`` share ``harcel``;
    ``répondre``, ``repondu`` and ``répondent`` share ``repond``. The lemmatizer cannot be
    trusted with unaccented or misspelled words, the stem can.
    """
    word = folded
    if word[-1:] in ("s", "x") and len(word) - 1 >= _MIN_STEM:
        word = word[:-1]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            if suffix == "re" and word[-3] in _VOWELS:
                continue  # "rassure" is rassurer's, not an infinitive in -re like "répondre"
            return word[: -len(suffix)]
    return word
