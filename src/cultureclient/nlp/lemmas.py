"""The lemmas a word can get from the pipeline, known before the tagger runs.

spaCy's rule and lookup lemmatizers choose a lemma from the word and its part of speech only.
Which part of speech the tagger will pick is unknown before it runs, but the lemmas the word
would get under each of them are not: they come from the lemmatizer's own tables. The
prefilter needs a set that contains the lemma the word will get, whatever its tag.

For spaCy's French lemmatizer the set is read from the tables directly: the word itself
lowercased, its exceptions under any part of speech, its lookup-table lemma, and every form its
suffix rules can produce (a superset of what the rules choose). For any other rule or lookup
lemmatizer, the lemmatizer is asked once per part of speech. A test checks on the examples that
the lemma of every word under every part of speech is in its set.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.vocab import Vocab

# Components known not to set lemmas (the attribute ruler is checked pattern by pattern).
NEUTRAL_FACTORIES = frozenset(
    {"tok2vec", "morphologizer", "tagger", "parser", "ner", "senter", "sentencizer"}
)


def lemma_candidates(nlp: Language) -> Callable[[str], set[str]] | None:
    """Return a function giving the possible lemmas of a word, or None if they are unknowable.

    They are knowable when spaCy's lookup or rule lemmatizer (French included) is the only
    component that sets lemmas; any other pipeline gets None.
    """
    from spacy.lang.fr.lemmatizer import FrenchLemmatizer
    from spacy.pipeline import AttributeRuler, Lemmatizer

    from cultureclient.nlp.pipeline import FOLD_COMPONENT

    found: Any = None
    for name, component in nlp.pipeline:
        if isinstance(component, Lemmatizer):
            simple = type(component) in (Lemmatizer, FrenchLemmatizer)
            if found is not None or not simple or component.mode not in ("rule", "lookup"):
                return None
            found = component
        elif isinstance(component, AttributeRuler):
            if any("LEMMA" in {str(a).upper() for a in p["attrs"]} for p in component.patterns):
                return None
        elif nlp.get_pipe_meta(name).factory not in NEUTRAL_FACTORIES and name != FOLD_COMPONENT:
            return None
    if found is None:
        return None
    if type(found) is FrenchLemmatizer and found.mode == "rule":
        return _FrenchTables(found)
    return _EveryTag(found, nlp.vocab)


class _FrenchTables:
    """Every lemma spaCy's French rule lemmatizer can give a word, from its tables."""

    def __init__(self, lemmatizer: Any) -> None:
        lookups = lemmatizer.lookups
        self.lookup = lookups.get_table("lemma_lookup", {})
        self.exceptions = list(lookups.get_table("lemma_exc", {}).values())
        rules = lookups.get_table("lemma_rules", {}).values()
        self.rules = list(dict.fromkeys((old, new) for table in rules for old, new in table))

    def __call__(self, text: str) -> set[str]:
        lower = text.lower()
        lemmas = {lower, _first(self.lookup.get(lower, lower)), _first(self.lookup.get(text, text))}
        for table in self.exceptions:
            lemmas.update(table.get(lower, ()))
        for old, new in self.rules:
            if lower.endswith(old):
                form = lower[: len(lower) - len(old)] + new
                if form:
                    lemmas.add(form)
        return lemmas


class _EveryTag:
    """The lemmas a lemmatizer gives a word under each part of speech, asked one by one."""

    def __init__(self, lemmatizer: Any, vocab: Vocab) -> None:
        self.lemmatizer = lemmatizer
        self.vocab = vocab

    def __call__(self, text: str) -> set[str]:
        from spacy.parts_of_speech import IDS
        from spacy.tokens import Doc

        token = Doc(self.vocab, words=[text])[0]
        lemmas = set()
        for pos in IDS:
            token.pos_ = pos
            lemmas.add(self.lemmatizer.lemmatize(token)[0])
        return lemmas


def _first(value: str | list[str]) -> str:
    return value if isinstance(value, str) else value[0]
