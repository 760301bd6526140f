"""The scoring engine: a stream of Documents in, a stream of DocumentResults out, in order.

Documents are taken in chunks: the ones with text go through spaCy together (``nlp.pipe``),
the others (empty, unreadable) keep their place with a status. Memory stays bounded by the
chunk, and the first results come out before the input ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from cultureclient.detectors import Detector, default_detectors
from cultureclient.lexicon.compile import CompiledLexicon, compile_lexicon
from cultureclient.lexicon.loader import LoadedTheme
from cultureclient.match import find_hits
from cultureclient.nlp.pipeline import annotate, load
from cultureclient.score import score_themes, word_count
from cultureclient.text.normalize import normalize
from cultureclient.types import Document, DocumentResult

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

CHUNK = 256


@dataclass
class Analyzer:
    """A loaded model, a compiled lexicon and the detectors: everything scoring needs."""

    nlp: Language
    lexicon: CompiledLexicon
    detectors: list[Detector] = field(default_factory=list)
    report_cues: bool = False  # keep detector cue hits in results (lexicon tests need them)

    @classmethod
    def build(
        cls, themes: Iterable[LoadedTheme], detectors: list[Detector] | None = None
    ) -> Analyzer:
        """Load the model (once per process) and compile the themes with it."""
        nlp = load()
        return cls(
            nlp,
            compile_lexicon(nlp, themes),
            default_detectors() if detectors is None else detectors,
        )

    def result_for(self, document: Document, doc: Doc) -> DocumentResult:
        """Score one annotated document: hits, theme scores, findings."""
        all_hits = find_hits(doc, document.text, self.lexicon, document.kind)
        hits = (
            all_hits
            if self.report_cues
            else [h for h in all_hits if not self.lexicon.is_cue(h.theme)]
        )
        words = word_count(doc)
        themes = self.lexicon.applicable_themes(document.kind)
        findings = [
            finding
            for detector in self.detectors
            if document.kind in detector.kinds
            for finding in detector.detect(doc, document, all_hits)
        ]
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
        stream = iter(documents)
        while chunk := list(islice(stream, CHUNK)):
            scorable = [d for d in chunk if d.error is None and d.text.strip()]
            docs = iter(annotate(self.nlp, (normalize(d.text) for d in scorable)))
            for document in chunk:
                if document.error is not None:
                    yield DocumentResult(
                        document.id,
                        "error",
                        document.kind,
                        document.text,
                        error=document.error,
                        fields=document.fields,
                    )
                elif not document.text.strip():
                    yield DocumentResult(
                        document.id, "empty", document.kind, document.text, fields=document.fields
                    )
                else:
                    yield self.result_for(document, next(docs))
