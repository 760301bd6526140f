"""Which texts can hit anything, told from their words alone, before the model runs.

A phrase word matches a text word by the word's folded form, its lemma or their stems; a
pattern token is tested on NORM, LOWER, ORTH or LEMMA among others. Forms and stems are known
from the tokenizer, lemmas only once the tagger has run; but the lemmas a word *can* get are
known from the lemmatizer's tables (``nlp.lemmas``: "pris" can become "prendre"). With them,
every key a word could show the matcher is known before tagging, once per distinct word.

A text passes for a kind when, for some phrase or pattern of an entry of that kind, each word
the phrase or pattern requires is among the text's keys. A text that does not pass cannot hit
anything whatever the tagger and the parser say, so it skips them. For a text that passes, the
phrases that passed are the only ones matching needs to try (``Candidates``): fewer tries, the
same matches. The test is per text and not per sentence because the model's annotations of a
sentence depend on its neighbours, and a result must not depend on what was skipped.
"""

from __future__ import annotations

from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from cultureclient.lexicon.compile import (
    FUNCTION_WORDS,
    CompiledLexicon,
    _fold_pattern,
    token_keys,
)
from cultureclient.nlp.lemmas import lemma_candidates
from cultureclient.nlp.pipeline import reads_parse
from cultureclient.text.normalize import fold
from cultureclient.types import KINDS, Kind

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

Tag = tuple[str, str]
Slot = tuple[int, int]  # (entry position, sequence number), as in CompiledLexicon.index

# Pattern attributes whose values are known from the word (and its possible lemmas).
LITERAL_ATTRS = {"NORM": "NORM", "LOWER": "LOWER", "ORTH": "ORTH", "TEXT": "ORTH", "LEMMA": "LEMMA"}
REQUIRED_OPS = (None, "1", "+")
MEMO_SIZE = 100_000  # distinct words remembered; cleared beyond, never grows with the input
LEARNING_TEXTS = 300  # texts counted to learn which keys are common, for the order of checks
# Matchers for the sets of patterns that texts made candidates, the most recently used up to
# this many patterns in all: a few small sets come back all the time, and long texts make
# large sets that never come back.
MATCHER_PATTERNS_KEPT = 4000


class _Word(NamedTuple):
    """What ``token_keys`` reads of a token, for a word and one lemma it may get."""

    text: str
    lemma_: str


class Candidates(NamedTuple):
    """What matching needs to try on one text: phrases by first key, and the patterns to run."""

    index: dict[Tag, list[Slot]]
    matcher: Matcher | None


@dataclass(frozen=True, slots=True, eq=False)
class _Requirement:
    """A phrase sequence or a pattern, as the keys each of its required words may take."""

    slot: Slot | None  # None for a token pattern
    words: tuple[frozenset[Tag], ...]
    position: int = -1  # the entry of a token pattern


class Prefilter:
    """The lexicon's required words, and the keys each text word can take."""

    def __init__(self, lexicon: CompiledLexicon, nlp: Language) -> None:
        self.lexicon = lexicon
        self.everything = Candidates(lexicon.index, lexicon.matcher)
        self._lemmas = lemma_candidates(nlp)
        self._vocab = nlp.vocab
        self._memo: dict[int, frozenset[Tag]] = {}  # by word (its ORTH id)
        self._matchers: OrderedDict[frozenset[int], Matcher] = OrderedDict()  # most recent last
        self._matcher_patterns = 0  # patterns in the matchers kept
        self._first: dict[Kind, dict[Tag, list[_Requirement]]] = {}
        self._requirements: list[tuple[_Requirement, frozenset[Kind]]] = []
        self._seen: Counter[Tag] = Counter()  # in how many texts each key was found
        self._texts = 0
        self._open: set[Kind] = set(KINDS) if self._lemmas is None else set()
        self._universe: set[Tag] = set()
        self._slots: dict[Slot, list[Tag]] = {}
        self.reads_parse = False  # some pattern tests what only the parser sets
        for position, ce in enumerate(lexicon.entries):
            for seq_no, seq in enumerate(ce.sequences):
                words = tuple(
                    frozenset((t.mode, k) for k in t.keys) for t in seq if t.mode != "gap"
                )
                requirement = _Requirement((position, seq_no), _rarest_first(words))
                self._slots[(position, seq_no)] = [(seq[0].mode, k) for k in seq[0].keys]
                self._add(requirement, ce.kinds)
            if ce.entry.pattern is not None:
                self.reads_parse |= reads_parse(ce.entry.pattern)
                words = _pattern_words(_fold_pattern(ce.entry.pattern))
                if not words:
                    self._open |= ce.kinds
                else:
                    self._add(_Requirement(None, _rarest_first(words), position), ce.kinds)
        self._index()

    def _add(self, requirement: _Requirement, kinds: frozenset[Kind]) -> None:
        self._universe.update(*requirement.words)
        self._requirements.append((requirement, kinds))

    def _index(self) -> None:
        """Index each requirement under its rarest word, the word its check starts with.

        Rarity is guessed from the words themselves at first (function words are common),
        then counted on the first texts: a check that starts with a word the text lacks stops
        at once, and the common words of the lexicon would make every text check hundreds.
        """
        first: dict[Kind, dict[Tag, list[_Requirement]]] = {k: defaultdict(list) for k in KINDS}
        requirements = []
        counts: dict[frozenset[Tag], int] = {}

        def count(word: frozenset[Tag]) -> int:
            if word not in counts:
                counts[word] = sum(self._seen[t] for t in word)
            return counts[word]

        for requirement, kinds in self._requirements:
            if self._texts:
                words = sorted(requirement.words, key=count)
                requirement = _Requirement(requirement.slot, tuple(words), requirement.position)
            requirements.append((requirement, kinds))
            for kind in kinds:
                for tag in requirement.words[0]:
                    first[kind][tag].append(requirement)
        self._requirements, self._first = requirements, first

    def candidates(self, doc: Doc, kind: Kind) -> Candidates | None:
        """Return what can hit in a tokenized text, or None when nothing can."""
        if kind in self._open:
            return self.everything
        from spacy.attrs import ORTH

        present: set[Tag] = set()
        memo = self._memo
        for orth in doc.to_array(ORTH).tolist():
            tags = memo.get(orth)
            if tags is None:
                tags = self._word_tags(orth)
            present.update(tags)
        if not present:
            return None
        if self._texts < LEARNING_TEXTS:
            self._seen.update(present)
            self._texts += 1
            if self._texts == LEARNING_TEXTS:
                self._index()
        first = self._first[kind]
        index: dict[Tag, list[Slot]] = defaultdict(list)
        patterns: set[int] = set()
        seen: set[_Requirement] = set()
        for tag in present:
            for requirement in first.get(tag, ()):
                if requirement in seen:
                    continue
                seen.add(requirement)
                for word in requirement.words:
                    if word.isdisjoint(present):
                        break
                else:
                    if requirement.slot is None:
                        patterns.add(requirement.position)
                    else:
                        for key in self._slots[requirement.slot]:
                            index[key].append(requirement.slot)
        if not index and not patterns:
            return None
        return Candidates(dict(index), self._matcher(frozenset(patterns)))

    def _matcher(self, positions: frozenset[int]) -> Matcher | None:
        """Return a Matcher with only the patterns of these entries (built once per set).

        A pattern's matches do not depend on the other patterns of the Matcher, and the
        patterns that cannot match cost as much to run as the ones that can.
        """
        if not positions:
            return None
        matcher = self._matchers.get(positions)
        if matcher is None:
            from spacy.matcher import Matcher

            matcher = Matcher(self._vocab)
            for position in sorted(positions):
                ce = self.lexicon.entries[position]
                matcher.add(ce.key, [_fold_pattern(ce.entry.pattern or [])])
            self._matchers[positions] = matcher
            self._matcher_patterns += len(positions)
            while self._matcher_patterns > MATCHER_PATTERNS_KEPT and len(self._matchers) > 1:
                self._matcher_patterns -= len(self._matchers.popitem(last=False)[0])
        else:
            self._matchers.move_to_end(positions)
        return matcher

    def _word_tags(self, orth: int) -> frozenset[Tag]:
        """Return every key a word can show the matcher, among the lexicon's keys."""
        text = self._vocab.strings[orth]
        tags: set[Tag] = {
            ("NORM", fold(text)),
            ("LOWER", text.lower()),
            ("ORTH", text),
        }
        for lemma in self._lemmas(text):  # type: ignore[misc]
            exact, stems = token_keys(_Word(text, lemma))  # type: ignore[arg-type]
            tags.update(("exact", k) for k in exact)
            tags.update(("stem", k) for k in stems)
            tags.add(("LEMMA", lemma))
        found = frozenset(tags.intersection(self._universe))
        if len(self._memo) >= MEMO_SIZE:
            self._memo.clear()
        self._memo[orth] = found
        return found


def _rarest_first(words: tuple[frozenset[Tag], ...]) -> tuple[frozenset[Tag], ...]:
    """Order a requirement's words so that the rarest comes first.

    The first word triggers the check, and the check stops at the first word missing; function
    words and short keys are the common ones.
    """

    def commonness(word: frozenset[Tag]) -> int:
        return sum(100 if v in FUNCTION_WORDS or len(v) <= 3 else 1 for _, v in word)

    return tuple(sorted(words, key=commonness))


def _pattern_words(pattern: list[dict]) -> tuple[frozenset[Tag], ...]:
    """Return, for each token a pattern requires, the literal values one attribute allows.

    Optional or negated tokens (``OP``) and tokens without a literal attribute (``POS``,
    ``LIKE_NUM``, ``REGEX``…) require nothing that words alone can tell; a pattern made only of
    those makes every text a candidate.
    """
    words = []
    for spec in pattern:
        spec = {str(k).upper(): v for k, v in spec.items()}
        if spec.get("OP") not in REQUIRED_OPS:
            continue
        for attr, name in LITERAL_ATTRS.items():
            value = spec.get(attr)
            if isinstance(value, dict) and "IN" in value:
                value = value["IN"]
            values = [value] if isinstance(value, str) else value
            if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
                words.append(frozenset((name, v) for v in values))
                break
    return tuple(words)
