"""Lexicon entries → what the matcher looks for, built with the same pipeline as the texts.

A phrase becomes a sequence of ``PhraseToken``: content words are compared by inflectional
stem, short and function words by their folded form or lemma, ``*`` is a gap of up to three
words. Token patterns go to a spaCy ``Matcher``. An index from a phrase's first word to the
entries it starts lets matching look only at candidates.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from cultureclient.cachedir import cache_dir
from cultureclient.lexicon.loader import LoadedTheme
from cultureclient.lexicon.schema import Entry, Theme
from cultureclient.nlp.pipeline import annotate, model_version
from cultureclient.text.normalize import fold, normalize, stem
from cultureclient.types import Kind

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher
    from spacy.tokens import Doc, Token

Mode = Literal["stem", "exact", "gap"]
GAP = "*"
MAX_GAP = 3

# Words compared exactly even when long: negations, determiners, pronouns, auxiliaries.
FUNCTION_WORDS = frozenset(
    """
    le la les l un une des de du d a au aux en et ou ni ne n pas plus se s me m te t je j tu il
    elle on nous vous ils elles que qu qui ce c ca cela ceci sur sous par pour avec sans dans chez
    mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs y tout tous toute toutes rien
    jamais personne aucun aucune etre avoir faire cette ces cet quand comme tres trop bien mal
    meme encore deja aussi avant apres entre vers depuis pendant toujours souvent
    """.split()
)


@dataclass(frozen=True, slots=True)
class PhraseToken:
    """One word of a compiled phrase and the keys that let a text word match it."""

    mode: Mode
    keys: frozenset[str]


@dataclass(frozen=True, slots=True)
class CompiledEntry:
    """An entry ready to match: its theme, its kinds, and its token sequences."""

    theme: str
    entry: Entry
    kinds: frozenset[Kind]
    sequences: tuple[tuple[PhraseToken, ...], ...]

    @property
    def own_words(self) -> frozenset[str]:
        """Return the folded words of the entry's phrases: negations it contains are its own."""
        return frozenset(
            fold(w) for p in self.entry.phrases() for w in p.replace("'", "' ").split()
        )

    @property
    def key(self) -> str:
        """Return ``theme/entry``, the entry's name in hits and matcher rules."""
        return f"{self.theme}/{self.entry.id}"


def token_keys(token: Token) -> tuple[frozenset[str], frozenset[str]]:
    """Return the exact keys (folded form, folded lemma) and their stems for a text word."""
    return word_keys(token.text, token.lemma_)


@lru_cache(maxsize=200_000)
def word_keys(text: str, lemma: str) -> tuple[frozenset[str], frozenset[str]]:
    """Compute ``token_keys`` once per (word, lemma): matching asks for every word of a text."""
    exact = frozenset((fold(text), fold(lemma)))
    return exact, frozenset(stem(k) for k in exact)


def _phrase_token(token: Token) -> PhraseToken:
    if token.text == GAP:
        return PhraseToken("gap", frozenset())
    exact, stems = token_keys(token)
    surface = fold(token.text).strip("'")
    if surface.isalpha() and len(surface) >= 4 and surface not in FUNCTION_WORDS:
        return PhraseToken("stem", stems)
    return PhraseToken("exact", exact | {surface})


@dataclass
class CompiledLexicon:
    """Every active entry of every theme, indexed for matching."""

    themes: dict[str, Theme]
    entries: list[CompiledEntry]
    index: dict[tuple[Mode, str], list[tuple[int, int]]] = field(default_factory=dict)
    matcher: Matcher | None = None
    matcher_entries: dict[int, int] = field(default_factory=dict)

    def applicable_themes(self, kind: Kind) -> list[str]:
        """Return the ids of the scored themes that apply to a kind of text, in a stable order.

        Cue lexicons (``role: cue``) are left out: their hits are evidence for detectors.
        """
        return [
            tid
            for tid, theme in self.themes.items()
            if kind in theme.kinds and theme.role == "theme"
        ]

    def is_cue(self, theme_id: str) -> bool:
        """Tell whether a theme id names a detector's cue lexicon."""
        return self.themes[theme_id].role == "cue"


def _fold_pattern(pattern: list[dict]) -> list[dict]:
    """Fold the NORM values of a token pattern, so authors may write accents in them."""

    def fold_value(value: object) -> object:
        if isinstance(value, str):
            return fold(value)
        if isinstance(value, dict):
            return {k: fold_value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fold_value(v) for v in value]
        return value

    return [{k: fold_value(v) if k == "NORM" else v for k, v in token.items()} for token in pattern]


def _sequence(doc: Doc) -> tuple[PhraseToken, ...]:
    """Turn an annotated phrase into its tokens; a lone apostrophe is the tokenizer's split."""
    seq = tuple(_phrase_token(t) for t in doc if not t.is_space and t.text != "'")
    while seq and seq[0].mode == "gap":
        seq = seq[1:]
    while seq and seq[-1].mode == "gap":
        seq = seq[:-1]
    return seq


def _hash_loaded_code() -> str:
    """Hash the code that turns phrases into keys, as it was when this process loaded it.

    Hashed at import: a process still running older code after the files changed must not
    write its keys under the new code's name.
    """
    from cultureclient.text import normalize as normalize_module

    code = Path(__file__).read_bytes() + Path(normalize_module.__file__).read_bytes()
    return hashlib.sha256(code).hexdigest()[:12]


_CODE_VERSION = _hash_loaded_code()


def _cache_file(nlp: Language) -> Path:
    return cache_dir() / f"phrases-{model_version(nlp)}-{_CODE_VERSION}.json"


def _phrase_sequences(nlp: Language, phrases: list[str]) -> dict[str, tuple[PhraseToken, ...]]:
    """Return each phrase's tokens, from the cache when the same model compiled it before.

    Phrases need the tagger and the lemmatizer, not the parser; compiled ones are kept on
    disk so that a command starts without running the model over the whole lexicon again.
    """
    path = _cache_file(nlp)
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = {}
    missing = sorted({p for p in phrases if p not in stored})
    if missing:
        with nlp.select_pipes(disable=[p for p in ("parser", "senter") if p in nlp.pipe_names]):
            for text, doc in zip(missing, annotate(nlp, missing), strict=True):
                stored[text] = [[t.mode, sorted(t.keys)] for t in _sequence(doc)]
        _save(path, stored)
    return {
        p: tuple(PhraseToken(mode, frozenset(keys)) for mode, keys in stored[p]) for p in phrases
    }


def _save(path: Path, data: dict) -> None:
    """Write the cache atomically; a cache that cannot be written is simply not kept."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        pass


def compile_lexicon(nlp: Language, loaded: Iterable[LoadedTheme]) -> CompiledLexicon:
    """Compile themes into a ``CompiledLexicon``, running phrases through ``nlp``."""
    from spacy.matcher import Matcher

    themes = {lt.theme.id: lt.theme for lt in sorted(loaded, key=lambda lt: lt.theme.id)}
    phrase_jobs: list[tuple[int, str]] = []
    entries: list[CompiledEntry] = []
    patterns: list[tuple[int, list[dict]]] = []
    for theme in themes.values():
        for entry in theme.entries:
            position = len(entries)
            entries.append(CompiledEntry(theme.id, entry, frozenset(theme.entry_kinds(entry)), ()))
            phrase_jobs.extend((position, normalize(p)) for p in entry.phrases())
            if entry.pattern is not None:
                patterns.append((position, _fold_pattern(entry.pattern)))

    sequences: dict[int, list[tuple[PhraseToken, ...]]] = defaultdict(list)
    known = _phrase_sequences(nlp, [text for _, text in phrase_jobs])
    for position, text in phrase_jobs:
        seq = known[text]
        if seq and seq not in sequences[position]:
            sequences[position].append(seq)

    compiled = CompiledLexicon(themes, [])
    for position, ce in enumerate(entries):
        ce = CompiledEntry(ce.theme, ce.entry, ce.kinds, tuple(sequences.get(position, ())))
        compiled.entries.append(ce)
        for seq_no, seq in enumerate(ce.sequences):
            first = seq[0]
            for key in first.keys:
                compiled.index.setdefault((first.mode, key), []).append((position, seq_no))
    if patterns:
        matcher = Matcher(nlp.vocab, validate=True)
        for position, pattern in patterns:
            key = compiled.entries[position].key
            matcher.add(key, [pattern])
            compiled.matcher_entries[nlp.vocab.strings[key]] = position
        compiled.matcher = matcher
    return compiled
