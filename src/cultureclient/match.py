"""Finding lexicon hits in an annotated text: phrases, token patterns, negation and agent.

Matching works on the Doc of the normalised text; offsets are the same in the original text
(normalisation keeps lengths), so hits quote what the user wrote.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cultureclient.lexicon.compile import MAX_GAP, CompiledEntry, CompiledLexicon, word_keys
from cultureclient.modality import modality
from cultureclient.text.normalize import fold
from cultureclient.types import Hit, Kind, Pole

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from cultureclient.lexicon.prefilter import Candidates

# Words that negate what follows or precedes them in the same clause.
NEGATORS = frozenset(
    "pas jamais rien guere aucun aucune aucuns aucunes nullement sans non ni nul nulle".split()
)
# After the hit only the second half of "ne … pas" negates: "relancer sans arrêt" is not negated.
AFTER_NEGATORS = frozenset("pas jamais rien guere nullement point".split())
NE = frozenset({"ne", "n'", "n"})
# "faute de réponse claire", "manque d'écoute": a lack negates what follows
LACK = frozenset({"faute", "manque"})
# Verbs that a negation turns into their opposite: "ne pas arrêter de" is to keep doing.
INVERTING = frozenset(
    "arreter cesser hesiter manquer oublier difficulte probleme souci empecher "
    "penser croire imaginer esperer".split()
)
DETERMINERS = frozenset(
    "la une chaque cette toute quelque aucune la seule une seule autre meme".split()
)
CLITICS = frozenset("me m' te t' nous vous lui leur le la l' les y en se s'".split())
STRONG_NEGATORS = frozenset("pas jamais rien personne aucun aucune guere nullement ni".split())
SANS_IDIOMS = frozenset({"arret", "cesse", "relache", "interruption", "fin", "doute"})
# "plus" and "personne" negate only with "ne" ("il ne rappelle plus"; "plus rapide" is not).
NE_ONLY = frozenset({"plus", "personne"})
CLAUSE_BREAKS = frozenset(
    ', ; : . ! ? ( ) [ ] " mais car donc puis sinon cependant pourtant tandis or alors '
    "qui ou dont quand lorsque et".split()
)
GAP_STOPS = frozenset({":", ";", "(", ")"})
WINDOW_BEFORE = 5
WINDOW_AFTER = 2
FIRST_PERSON = frozenset({"je", "j'", "j", "moi", "nous", "jsuis", "chui", "jai"})
SUBJECTS = frozenset({"nsubj", "expl:subj"})
VAGUE_SUBJECTS = frozenset({"qui", "c'", "ce", "ca", "cela"})
PASSIVE_SUBJECTS = frozenset({"nsubj:pass"})


@dataclass(frozen=True, slots=True)
class RawMatch:
    """An entry found at tokens [start, end) before negation and agent are read."""

    entry: int
    start: int
    end: int


def _sequence_end(
    keys: list[tuple[frozenset[str], frozenset[str]]], seq: tuple, i: int, limit: int
) -> int | None:
    """Return the end token of ``seq`` matched from token ``i``, or None; gaps backtrack."""
    if not seq:
        return i
    head, rest = seq[0], seq[1:]
    if head.mode == "gap":
        for skip in range(MAX_GAP + 1):
            if skip and (i + skip - 1 >= limit or keys[i + skip - 1][0] & GAP_STOPS):
                break  # a gap does not cross a colon or a bracket: "le personnel : formés"
            end = _sequence_end(keys, rest, i + skip, limit)
            if end is not None:
                return end
        return None
    if i >= limit:
        return None
    exact, stems = keys[i]
    if head.keys & (stems if head.mode == "stem" else exact):
        return _sequence_end(keys, rest, i + 1, limit)
    return None


HARD_BREAKS = frozenset({".", "!", "?", ";", "…"})


def _phrase_limits(doc: Doc) -> list[int]:
    """Return, for each token, where a phrase starting there must end: the next hard break.

    Phrases stop at sentence punctuation and line breaks, not at the parser's sentence
    boundaries, which split short fragments ("double saisie") that are one phrase.
    """
    from spacy.attrs import IS_SPACE, ORTH

    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, IS_SPACE]).tolist()
    limits = [len(doc)] * len(doc)
    limit = len(doc)
    for i in range(len(doc) - 1, -1, -1):
        orth, space = rows[i]
        hard = _HARD_BY_ID.get(orth)
        if hard is None:  # once per distinct word: the arrays spare a Token per word
            text = strings[orth]
            hard = _HARD_BY_ID[orth] = text in HARD_BREAKS or bool(space and "\n" in text)
            if len(_HARD_BY_ID) >= 200_000:
                _HARD_BY_ID.clear()
        if hard:
            limit = i
        limits[i] = limit
    return limits


_HARD_BY_ID: dict[int, bool] = {}


_KEYS_BY_ID: dict[tuple[int, int], tuple[frozenset[str], frozenset[str]]] = {}


def _word_keys(doc: Doc) -> tuple[list[tuple[frozenset[str], frozenset[str]]], list[int]]:
    """Return ``token_keys`` of every word, and the words that may start a phrase.

    Read from the Doc's arrays, once per distinct (word, lemma): the same keys as calling
    ``token_keys`` on each token, without building a Token per word of every text.
    """
    from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, ORTH

    strings = doc.vocab.strings
    keys = []
    starts = []
    for i, (orth, lemma, punct, space) in enumerate(
        doc.to_array([ORTH, LEMMA, IS_PUNCT, IS_SPACE]).tolist()
    ):
        found = _KEYS_BY_ID.get((orth, lemma))
        if found is None:
            if len(_KEYS_BY_ID) >= 200_000:
                _KEYS_BY_ID.clear()
            found = _KEYS_BY_ID[(orth, lemma)] = word_keys(strings[orth], strings[lemma])
        keys.append(found)
        if not (punct or space):
            starts.append(i)
    return keys, starts


def raw_matches(
    doc: Doc, lexicon: CompiledLexicon, kind: Kind, only: Candidates | None = None
) -> list[RawMatch]:
    """Return every phrase and pattern match of an entry that applies to ``kind``.

    ``only`` (the prefilter's ``Candidates`` for this text) narrows the phrases tried and the
    patterns run to those that can match: fewer tries, the same matches.
    """
    index, matcher = (lexicon.index, lexicon.matcher) if only is None else only
    keys, starts = _word_keys(doc)
    limits = _phrase_limits(doc)
    found: set[RawMatch] = set()
    for i in starts:
        sent_end = limits[i]
        exact, stems = keys[i]
        candidates = [("exact", k) for k in exact] + [("stem", k) for k in stems]
        for mode_key in candidates:
            for position, seq_no in index.get(mode_key, ()):
                ce = lexicon.entries[position]
                if kind not in ce.kinds:
                    continue
                end = _sequence_end(keys, ce.sequences[seq_no], i, sent_end)
                if end is not None:
                    found.add(RawMatch(position, i, end))
    if matcher is not None:
        for match_id, start, end in matcher(doc):
            position = lexicon.matcher_entries[match_id]
            if kind in lexicon.entries[position].kinds:
                found.add(RawMatch(position, start, end))
    return sorted(found, key=lambda m: (m.start, m.end, m.entry))


def _clause_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Return the token range of the clause around [start, end)."""
    left = start
    while left > 0 and not _breaks_clause(doc[left - 1]):
        left -= 1
    right = end
    while right < len(doc) and not _breaks_clause(doc[right]) and not _breaks_clause(doc[end - 1]):
        right += 1
    return left, right


def _breaks_clause(token: Token) -> bool:
    """Punctuation, a coordinating word or a line break ends a clause; parser sentences do not.

    The parser splits short fragments ("vendeur pas du tout | aimable") where a reader sees one.
    """
    return fold(token.text) in CLAUSE_BREAKS or (token.is_space and "\n" in token.text)


def is_negated(doc: Doc, start: int, end: int, own_words: frozenset[str] = frozenset()) -> bool:
    """Tell whether a negation in the same clause bears on tokens [start, end).

    Looks a few words before the hit ("n'est pas aimable", "sans jamais forcer"), just after it
    ("ils rappellent jamais") and inside it when a gap let a negation in ("travail n'est jamais
    reconnu"), except for the words the entry itself is made of (``own_words``). "ne … que" and
    "ne … plus que" are restrictions, not negations; a "ne" after the hit belongs to another
    verb ("une équipe bienveillante qui ne juge pas").
    """
    left, right = _clause_bounds(doc, start, end)
    lo, hi = max(left, start - WINDOW_BEFORE), min(right, end + WINDOW_AFTER)
    words = {i: fold(doc[i].text) for i in range(left, right)}
    inside = [i for i in range(start, end) if words[i] not in own_words]
    before = [i for i in range(lo, start)]
    after = [i for i in range(end, hi)]
    if any(fold(doc[j].lemma_) in INVERTING for j in before):
        before = []  # "ils n'arrêtent pas de m'appeler": the negation is the stopping verb's
    ne_before = [i for i in before + inside if words[i] in NE]
    restricted = bool(ne_before) and _restriction(words, ne_before[0], right)
    for i in before + inside + after:
        word = words[i]
        if i >= end and word not in AFTER_NEGATORS and word not in NE_ONLY:
            continue
        if _not_a_negation(words, i) or _bears_elsewhere(words, i, end):
            continue
        if word in NE_ONLY:
            if ne_before and not restricted:
                return True
            # informal "personne connaît mon dossier", "personne nous a remerciés": no "ne"
            if word == "personne" and _verb_follows(doc, i):
                return True
        elif word == "non":
            if words.get(i + 1) != "seulement":
                return True
        elif word in LACK and i < start and words.get(i + 1) in ("de", "d'", "d"):
            return True
        elif word in NEGATORS:
            if not (restricted and word == "plus"):
                return True
    return bool(ne_before) and not restricted


def _restriction(words: dict[int, str], ne: int, right: int) -> bool:
    """Tell "ne … que" (only) from a negation: a "que" after "ne", and no true negator.

    "quoi que ce soit" and "ce que" are not the restrictive "que".
    """
    if any(w in STRONG_NEGATORS for w in words.values()):
        return False
    return any(
        words.get(j) in ("que", "qu'", "qu") and words.get(j - 1) not in ("quoi", "ce", "c'")
        for j in range(ne, right)
    )


def _bears_elsewhere(words: dict[int, str], i: int, end: int) -> bool:
    """Tell whether a negation after the hit bears on another verb, the one after a "sans".

    "a déroulé son argumentaire sans jamais écouter" negates écouter, not the hit.
    """
    return i >= end and any(words.get(j) == "sans" for j in range(end, i))


def _verb_follows(doc: Doc, i: int) -> bool:
    """Tell whether a verb follows word ``i``, past object pronouns ("personne nous a aidés")."""
    j = i + 1
    while j < len(doc) and fold(doc[j].text) in CLITICS:
        j += 1
    return j < len(doc) and doc[j].pos_ in ("VERB", "AUX")


def _not_a_negation(words: dict[int, str], i: int) -> bool:
    """Tell the idioms where a negation word negates nothing: "plus que jamais", "sans cesse"."""
    previous = words.get(i - 1)
    if words[i] == "personne" and previous in DETERMINERS:
        return True  # "la personne a trouvé", "chaque personne concernée": a person
    if words[i] == "jamais" and previous in ("que", "qu'", "qu"):
        return True
    if words[i] == "sans" and words.get(i + 1) in SANS_IDIOMS:
        return True  # "sans arrêt", "sans cesse": intensifiers
    return words[i] == "rien" and previous in ("pour", "de", "en")


def _subject_is_writer(verb: Token) -> bool | None:
    """Return True if the writer does the act of ``verb``, False if someone else, None if unsure.

    Climbs from an infinitive or a coordinated verb to the verb that carries the subject
    ("j'ai dû relancer"); a passive subject is the one acted upon ("j'ai été harcelé"), and so
    is the writer of "je me fais appeler"; "moi je" is the writer.
    """
    current = verb
    for _ in range(3):
        children = list(current.children)
        if any(fold(c.lemma_) == "faire" for c in children) and any(
            "Yes" in c.morph.get("Reflex") for c in children
        ):
            return False  # "je me suis fait relancer": others did it to the writer
        subjects = [c for c in children if c.dep_ in SUBJECTS]
        vague = bool(subjects) and fold(subjects[0].text) in VAGUE_SUBJECTS
        if vague and "1" in current.morph.get("Person") and "Fin" in current.morph.get("VerbForm"):
            return True  # the verb agrees with the writer: "c'est nous qui relançons"
        passive = [c for c in current.children if c.dep_ in PASSIVE_SUBJECTS]
        if subjects:
            # The leftmost subject is the real one: the parser sometimes labels an object clitic
            # as a second subject ("Ils nous ont demandé notre avis").
            subject = subjects[0]
            if fold(subject.text) == "qui" and current.dep_.startswith("acl"):
                subject = current.head  # "c'est nous qui faisons": the antecedent acts
            first_person = fold(subject.text) in FIRST_PERSON or (
                fold(subject.text) == "qui" and "1" in current.morph.get("Person")
            )
            causative = fold(current.lemma_) == "faire" and any(
                fold(c.text) in ("me", "m'", "nous") for c in current.children
            )
            return first_person and not causative
        if passive:
            return False
        if current.dep_ in ("xcomp", "conj") and current.head is not current:
            current = current.head
        else:
            break
    return None


def agent_allows(doc: Doc, start: int, end: int, agent: str) -> bool:
    """Apply an entry's ``agent`` condition to the verb of a match."""
    if agent == "any":
        return True
    span = doc[start:end]
    verb = next((t for t in span if t.pos_ == "VERB"), None) or next(
        (t for t in span if t.pos_ == "AUX"), None
    )
    if verb is None:
        return True
    writer = _subject_is_writer(verb)
    if writer is None:
        return agent == "company"
    return writer if agent == "customer" else not writer


def _without_overlaps(matches: list[RawMatch], lexicon: CompiledLexicon) -> list[RawMatch]:
    """Keep, per theme, the longest matches that do not overlap (first entry wins ties)."""
    kept: list[RawMatch] = []
    taken: dict[str, list[tuple[int, int]]] = {}
    for m in sorted(matches, key=lambda m: (m.start - m.end, m.start, m.entry)):
        theme = lexicon.entries[m.entry].theme
        spans = taken.setdefault(theme, [])
        if all(m.end <= s or m.start >= e for s, e in spans):
            spans.append((m.start, m.end))
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end, m.entry))


def _other(pole: Pole) -> Pole:
    return "-" if pole == "+" else "+"


def sentence_starts(doc: Doc) -> list[int]:
    """Return the first token index of each sentence (one sentence if none are set)."""
    if not doc.has_annotation("SENT_START"):
        return [0]
    return [s.start for s in doc.sents]


def find_hits(
    doc: Doc,
    text: str,
    lexicon: CompiledLexicon,
    kind: Kind,
    only: Candidates | None = None,
    raw: list[RawMatch] | None = None,
) -> list[Hit]:
    """Return the hits of ``lexicon`` in ``doc`` (annotated from ``text``), in text order.

    ``only`` is passed to ``raw_matches``; ``raw`` are its results when the caller already has
    them (found on the tagged Doc before the parse: they do not depend on it).
    """
    starts = sentence_starts(doc)
    hits = []
    allowed = [
        m
        for m in (raw_matches(doc, lexicon, kind, only) if raw is None else raw)
        if agent_allows(doc, m.start, m.end, lexicon.entries[m.entry].entry.agent)
    ]
    for m in _without_overlaps(allowed, lexicon):
        ce: CompiledEntry = lexicon.entries[m.entry]
        entry = ce.entry
        negated = entry.negation != "keep" and is_negated(doc, m.start, m.end, ce.own_words)
        read_as = modality(doc, m.start, m.end, entry.pole)
        can_flip = entry.negation == "flip" and _other(entry.pole) in lexicon.themes[ce.theme].poles
        flipped = can_flip and (negated or read_as == "irony")
        pole = _other(entry.pole) if flipped else entry.pole
        start_char = doc[m.start].idx
        end_char = doc[m.end - 1].idx + len(doc[m.end - 1].text)
        hits.append(
            Hit(
                theme=ce.theme,
                pole=pole,
                start=start_char,
                end=end_char,
                sentence=bisect_right(starts, m.start) - 1,
                text=text[start_char:end_char],
                entry=entry.id,
                negated=negated,
                counted=flipped or not (negated or read_as),
                weight=entry.weight,
                modality=read_as,
            )
        )
    return hits
