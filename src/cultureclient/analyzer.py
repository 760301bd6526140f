"""The scoring engine: a stream of Documents in, a stream of DocumentResults out, in order.

Documents are taken in chunks: memory stays bounded by the chunk, and the first results come
out before the input ends. Each chunk gets only the work its texts need, and the results are
those of running the whole pipeline on every text (``fast=False`` does exactly that; the tests
compare the two):
- identical texts are annotated once;
- every text is tokenized, which is all a word count needs, and the prefilter sets aside the
  texts that cannot hit anything;
- the others are tagged and lemmatized, or read from the annotation cache, and matched;
- only the texts with a match are parsed: hits need sentences, clauses and subjects.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cultureclient.detectors import Detector, default_detectors
from cultureclient.lexicon.compile import CompiledLexicon, compile_lexicon
from cultureclient.lexicon.loader import LoadedTheme
from cultureclient.lexicon.prefilter import Candidates, Prefilter
from cultureclient.match import RawMatch, find_hits, raw_matches
from cultureclient.nlp.cache import AnnotationCache, text_key
from cultureclient.nlp.pipeline import (
    PARSED,
    TAGGED,
    annotate,
    batches,
    load,
    pipeline_id,
    run,
    stages,
    tokenize,
)
from cultureclient.score import score_themes, word_count
from cultureclient.text.normalize import normalize
from cultureclient.types import Document, DocumentResult, Finding, Hit, Kind

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

CHUNK = 256  # documents at most in a chunk
CHUNK_CHARACTERS = 60_000  # and about this much text: long memos come a few at a time
MEMO_TOKENS = 100_000  # tokens of annotated Docs kept in memory for texts seen again
MEMO_LONGEST = 300  # tokens: the texts an export repeats are short; long memos never come back


def chunks(
    documents: Iterable[Document], most: int = CHUNK, characters: int = CHUNK_CHARACTERS
) -> Iterator[list[Document]]:
    """Cut the input into chunks, lazily: memory is bounded by a chunk, whatever the input."""
    return batches(documents, lambda d: len(d.text), most, characters)


@dataclass(frozen=True)
class Recipe:
    """What builds an Analyzer, in a form that travels to worker processes and cluster nodes.

    ``cache`` is a folder, True for the user's cache folder *where the Analyzer is built* (a
    cluster node has its own), or False for no cache.
    """

    themes: tuple[LoadedTheme, ...]
    detectors: tuple[Detector, ...] | None = None
    cache: str | bool = False
    fast: bool = True
    token: str = field(default_factory=lambda: uuid.uuid4().hex)  # names the run on workers

    def build(self) -> Analyzer:
        """Load the model and compile the lexicon here (once per process)."""
        from cultureclient.cachedir import cache_dir

        folder = cache_dir() if self.cache is True else self.cache or None
        detectors = None if self.detectors is None else list(self.detectors)
        return Analyzer.build(self.themes, detectors, fast=self.fast, cache=folder)

    def outline(self) -> CompiledLexicon:
        """Return the themes as a lexicon with no entries: enough to list and label them.

        The process that only reads and writes (the workers score) needs no model.
        """
        themes = {lt.theme.id: lt.theme for lt in sorted(self.themes, key=lambda lt: lt.theme.id)}
        return CompiledLexicon(themes, [])

    def rules(self, kind: Kind) -> list[str]:
        """Return the detector rules that apply to ``kind``."""
        detectors = default_detectors() if self.detectors is None else self.detectors
        return [d.rule for d in detectors if kind in d.kinds]


@dataclass
class Analyzer:
    """A loaded model, a compiled lexicon and the detectors: everything scoring needs.

    ``fast`` (the default) gives each text only the work it needs, with identical results;
    ``cache``, when set, keeps annotations on disk across runs (see ``nlp.cache``).
    """

    nlp: Language
    lexicon: CompiledLexicon
    detectors: list[Detector] = field(default_factory=list)
    report_cues: bool = False  # keep detector cue hits in results (lexicon tests need them)
    fast: bool = True
    cache: AnnotationCache | None = None
    _prefilter: Prefilter | None = field(default=None, init=False, repr=False)
    _memo: OrderedDict[str, tuple[int, Doc]] = field(
        default_factory=OrderedDict, init=False, repr=False
    )
    _memo_tokens: int = field(default=0, init=False, repr=False)

    @classmethod
    def build(
        cls,
        themes: Iterable[LoadedTheme],
        detectors: list[Detector] | None = None,
        *,
        fast: bool = True,
        cache: str | Path | None = None,
    ) -> Analyzer:
        """Load the model (once per process) and compile the themes with it."""
        nlp = load()
        return cls(
            nlp,
            compile_lexicon(nlp, themes),
            default_detectors() if detectors is None else detectors,
            fast=fast,
            cache=None if cache is None else AnnotationCache(cache, pipeline_id(nlp)),
        )

    def with_cache(self, folder: str | Path) -> Analyzer:
        """Return an Analyzer sharing this one's model and lexicon, with an annotation cache."""
        twin = Analyzer(
            self.nlp,
            self.lexicon,
            self.detectors,
            self.report_cues,
            self.fast,
            AnnotationCache(folder, pipeline_id(self.nlp)),
        )
        twin._prefilter = self._prefilter
        return twin

    @property
    def prefilter(self) -> Prefilter:
        """Return the prefilter of this lexicon, built on first use."""
        if self._prefilter is None:
            self._prefilter = Prefilter(self.lexicon, self.nlp)
        return self._prefilter

    def result_for(
        self,
        document: Document,
        doc: Doc,
        only: Candidates | None = None,
        raw: list[RawMatch] | None = None,
    ) -> DocumentResult:
        """Score one annotated document: hits, theme scores, findings.

        ``only`` (the prefilter's candidates for the text) and ``raw`` (its raw matches, when
        already found) make matching faster, not different.
        """
        all_hits = find_hits(doc, document.text, self.lexicon, document.kind, only, raw)
        findings = [
            finding
            for detector in self.detectors
            if document.kind in detector.kinds
            for finding in detector.detect(doc, document, all_hits)
        ]
        return self._result(document, word_count(doc), all_hits, findings)

    def _result(
        self, document: Document, words: int, all_hits: list[Hit], findings: list[Finding]
    ) -> DocumentResult:
        hits = (
            all_hits
            if self.report_cues
            else [h for h in all_hits if not self.lexicon.is_cue(h.theme)]
        )
        themes = self.lexicon.applicable_themes(document.kind)
        return DocumentResult(
            id=document.id,
            status="ok",
            kind=document.kind,
            text=document.text,
            tokens=words,
            scores=score_themes(hits, themes, words),
            hits=hits,
            findings=findings,
            fields=document.fields,
        )

    def analyze(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        """Yield one result per document, in input order, whatever its state."""
        for chunk in chunks(documents):
            yield from self.analyze_chunk(chunk)

    def analyze_chunk(self, chunk: list[Document]) -> list[DocumentResult]:
        """Return the results of a list of documents, in order (what a worker runs)."""
        scorable = [d for d in chunk if d.error is None and d.text.strip()]
        scored = iter(self._score_fast(scorable) if self.fast else self._score_full(scorable))
        results = []
        for document in chunk:
            if document.error is not None:
                results.append(
                    DocumentResult(
                        document.id,
                        "error",
                        document.kind,
                        document.text,
                        error=document.error,
                        fields=document.fields,
                    )
                )
            elif not document.text.strip():
                results.append(
                    DocumentResult(
                        document.id, "empty", document.kind, document.text, fields=document.fields
                    )
                )
            else:
                results.append(next(scored))
        return results

    def _score_full(self, documents: list[Document]) -> list[DocumentResult]:
        """Run the whole pipeline on every text: the reference the fast path must equal."""
        docs = annotate(self.nlp, (normalize(d.text) for d in documents))
        return [self.result_for(d, doc) for d, doc in zip(documents, docs, strict=True)]

    def _score_fast(self, documents: list[Document]) -> list[DocumentResult]:
        """Score documents with only the annotation each text needs (see the module doc)."""
        texts = [normalize(d.text) for d in documents]
        unique = list(dict.fromkeys(texts))
        tokens = dict(zip(unique, tokenize(self.nlp, unique), strict=True))
        candidates: dict[tuple[str, Kind], Candidates | None] = {}
        for document, text in zip(documents, texts, strict=True):
            if (text, document.kind) not in candidates:
                found = self.prefilter.candidates(tokens[text], document.kind)
                if found is None and not self._hit_driven(document.kind):
                    found = self.prefilter.everything
                candidates[(text, document.kind)] = found
        wanted: dict[str, list[tuple[Kind, Candidates]]] = {}
        for (text, kind), found in candidates.items():
            if found is not None:
                wanted.setdefault(text, []).append((kind, found))
        matched: dict[tuple[str, Kind], list[RawMatch]] = {}
        annotated = self._annotate(wanted, tokens, matched)
        results = []
        for document, text in zip(documents, texts, strict=True):
            found = candidates[(text, document.kind)]
            level, doc = annotated.get(text, (0, tokens[text]))
            if found is not None and level >= PARSED:
                raw = matched.get((text, document.kind))
                results.append(self.result_for(document, doc, found, raw))
            else:  # nothing can hit (prefilter), or tagging found no match
                results.append(self._result(document, word_count(doc), [], []))
        return results

    def _annotate(
        self,
        wanted: dict[str, list[tuple[Kind, Candidates]]],
        tokens: dict[str, Doc],
        matched: dict[tuple[str, Kind], list[RawMatch]],
    ) -> dict[str, tuple[int, Doc]]:
        """Annotate the texts that may hit, as far as each needs: tags, then the parse if matched.

        Annotations come from memory or the cache when they are there; the ones computed here
        are stored back. A text cached with tags only that now matches (the lexicon changed)
        is annotated again from its tokens, since the parser needs the tagger's hidden state.
        The raw matches found on the tags go to ``matched``, for matching not to look again.
        """
        steps = stages(self.nlp)
        known = self._recall(list(wanted))
        fresh = [t for t in wanted if t not in known]
        tagged = run(self.nlp, [tokens[t] for t in fresh], steps.tag)
        known.update((t, (TAGGED, doc)) for t, doc in zip(fresh, tagged, strict=True))
        new = set(fresh)
        to_parse = [
            t
            for t in wanted
            if known[t][0] < PARSED and self._needs_parse(t, known[t][1], wanted[t], matched)
        ]
        again = [t for t in to_parse if t not in new]
        retagged = dict(
            zip(again, run(self.nlp, [tokens[t] for t in again], steps.tag), strict=True)
        )
        parsed = run(self.nlp, [retagged.get(t, known[t][1]) for t in to_parse], steps.parse)
        known.update((t, (PARSED, doc)) for t, doc in zip(to_parse, parsed, strict=True))
        self._remember([(t, known[t]) for t in dict.fromkeys(fresh + to_parse)])
        return known

    def _needs_parse(
        self,
        text: str,
        doc: Doc,
        uses: list[tuple[Kind, Candidates]],
        matched: dict[tuple[str, Kind], list[RawMatch]],
    ) -> bool:
        """Tell whether a tagged text needs the parse: it matches, or a detector reads it."""
        needs = False
        for kind, found in uses:
            if not self._hit_driven(kind) or self.prefilter.reads_parse:
                needs = True
            else:
                matched[(text, kind)] = raw_matches(doc, self.lexicon, kind, found)
                needs = needs or bool(matched[(text, kind)])
        return needs

    def _hit_driven(self, kind: Kind) -> bool:
        """Tell whether every detector of ``kind`` stays silent on a text without hits."""
        return all(getattr(d, "needs_hits", False) for d in self.detectors if kind in d.kinds)

    def _recall(self, texts: list[str]) -> dict[str, tuple[int, Doc]]:
        """Return the annotations already made: in memory first, then in the cache.

        Those read from the cache are kept in memory too: a text repeated later in the input
        is then not read from its pack again.
        """
        known = {}
        for text in texts:
            if text in self._memo:
                self._memo.move_to_end(text)
                known[text] = self._memo[text]
        missing = [t for t in texts if t not in known]
        if self.cache is not None and missing:
            keys = {text_key(t): t for t in missing}
            stored = self.cache.get(keys, self.nlp.vocab)
            derived = stages(self.nlp).derived
            docs = run(self.nlp, [doc for _, doc in stored.values()], derived)
            found = [
                (keys[key], (level, doc))
                for (key, (level, _)), doc in zip(stored.items(), docs, strict=True)
            ]
            known.update(found)
            self._keep(found)
        return known

    def _remember(self, items: list[tuple[str, tuple[int, Doc]]]) -> None:
        """Keep new annotations in the cache and in memory."""
        if self.cache is not None and items:
            self.cache.put([(text_key(t), level, doc) for t, (level, doc) in items])
        self._keep(items)

    def _keep(self, items: list[tuple[str, tuple[int, Doc]]]) -> None:
        """Keep annotations of short texts in memory, the most recent up to a number of tokens.

        The tagger's hidden state (``doc.tensor``) is dropped: nothing reads it once parsed,
        and it would weigh more than the rest of the Doc.
        """
        import numpy

        for text, annotation in items:
            annotation[1].tensor = numpy.zeros((0,), dtype="float32")
            if len(annotation[1]) > MEMO_LONGEST:
                continue
            if text in self._memo:
                self._memo_tokens -= len(self._memo.pop(text)[1])
            self._memo[text] = annotation
            self._memo_tokens += len(annotation[1])
        while self._memo_tokens > MEMO_TOKENS and self._memo:
            self._memo_tokens -= len(self._memo.popitem(last=False)[1][1])
