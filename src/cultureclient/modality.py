"""What the writer does not assert: hedges, irony and quotation around a hit.

A hit can be in the text without being the writer's own judgement: "je m'attendais à être
baladé d'un service à l'autre, mais non" (an expectation, not an experience), "vraiment à
l'écoute 🙄" (irony), "la pub promet « un conseiller dédié »" (a quotation). Negation is read in
``match``; this module reads the rest, from words near the hit, so that match stays one step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cultureclient.text.normalize import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Expectation and fear: what follows did not (necessarily) happen.
HEDGE_LEMMAS = frozenset({"craindre", "redouter", "contrairement", "imaginer"})
REFLEXIVE = frozenset({"m'", "me", "s'", "se", "t'", "te"})
FIRST_PERSON = frozenset({"je", "j'", "j", "nous", "on", "m'", "me", "moi"})
FEAR = frozenset({"peur"})
HEDGE_WINDOW = 10

IRONY_EMOJI = frozenset("🙄🙃😒🤡👏🤦😑🤨💀")
IRONY_WORDS = (
    ("comme", "ils", "disent"),
    ("comme", "ils", "le", "disent"),
    ("soi-disant",),
    ("soit-disant",),
    ("ou", "pas"),
    ("ah", "oui"),
    ("ca", "oui"),
    ("lol",),
    ("mdr",),
    ("ironie",),
    ("sic",),
    ("parait-il",),
    ("bravo", "pour"),
    ("merci", "pour", "ce"),
    ("quel", "bonheur"),
)
QUOTES = frozenset({'"', "«", "»", "“", "”"})
SCARE_SLACK = 2  # words between the quotes and the hit that still make scare quotes
ADVERTISING = frozenset(
    "pub publicite slogan promettre promesse affiche affiche site spot annonce brochure "
    "campagne plaquette reclame marketing".split()
)
SENTENCE_ENDS = frozenset({".", "!", "?", "…"})


def _sentence_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Return the token range of the sentence around a hit, cut at final punctuation only."""
    left = start
    while left > 0 and doc[left - 1].text not in SENTENCE_ENDS and "\n" not in doc[left - 1].text:
        left -= 1
    right = end
    while right < len(doc) and doc[right].text not in SENTENCE_ENDS and "\n" not in doc[right].text:
        right += 1
    return left, right


def modality(doc: Doc, start: int, end: int, pole: str) -> str | None:
    """Return what keeps a hit from being the writer's own judgement, or None.

    "hedge" (expectation, fear) for either pole; "irony" and "quote" for praise only: a
    quoted or ironic complaint is still a complaint ("on m'a dit « c'est pas mon service »").
    """
    if is_hedged(doc, start):
        return "hedge"
    if pole == "+" and is_ironic(doc, start, end):
        return "irony"
    if pole == "+" and is_quoted(doc, start, end):
        return "quote"
    return None


def _writer_near(doc: Doc, i: int, left: int) -> bool:
    """Tell whether the writer speaks near word ``i``: a hedge is the writer's own."""
    if fold(doc[i].text) == "contrairement":
        return True
    return any(fold(t.text) in FIRST_PERSON for t in doc[max(left, i - 3) : i])


def _reflexive_before(doc: Doc, i: int) -> bool:
    """Tell "je m'attendais" (an expectation) from "nous attendons de vous" (a requirement)."""
    previous = fold(doc[i - 1].text) if i > 0 else ""
    if previous in REFLEXIVE:
        return True
    return previous == "nous" and i > 1 and fold(doc[i - 2].text) == "nous"


def is_hedged(doc: Doc, start: int) -> bool:
    """Tell whether an expectation or a fear governs the hit ("je m'attendais à être baladé")."""
    left, _ = _sentence_bounds(doc, start, start + 1)
    for i in range(max(left, start - HEDGE_WINDOW), start):
        if not _writer_near(doc, i, left):
            continue  # "les employés ont peur de décider" is the problem, not a hedge
        word, lemma = fold(doc[i].text), fold(doc[i].lemma_)
        if lemma in HEDGE_LEMMAS or word in HEDGE_LEMMAS:
            return True
        if lemma == "attendre" and _reflexive_before(doc, i):
            return True
        if (
            word in FEAR
            and i + 1 < len(doc)
            and fold(doc[i + 1].text) in ("de", "d'", "que", "qu'")
        ):
            return True
    return False


def is_quoted(doc: Doc, start: int, end: int) -> bool:
    """Tell quoted praise that is not the writer's: scare quotes, or a slogan or an ad quoted.

    Words of the staff quoted by a customer ("elle m'a dit « prenez votre temps »") are
    reported as they were said and still count.
    """
    left, right = _sentence_bounds(doc, start, end)
    opening = [j for j in range(left, start) if doc[j].text in QUOTES]
    closing = [j for j in range(end, right) if doc[j].text in QUOTES]
    if len(opening) % 2 == 0 or not closing:
        return False
    scare = opening[-1] >= start - SCARE_SLACK and closing[0] <= end + SCARE_SLACK - 1
    words = {fold(t.text) for t in doc[left:right]} | {fold(t.lemma_) for t in doc[left:right]}
    return scare or bool(words & ADVERTISING)


def is_ironic(doc: Doc, start: int, end: int) -> bool:
    """Tell whether an irony marker shares the hit's sentence (🙄, "comme ils disent", "ah oui")."""
    left, right = _sentence_bounds(doc, start, end)
    right = min(len(doc), right + 2)  # an emoji often follows the final punctuation
    words = [fold(t.text) for t in doc[left:right]]
    if any(ch in IRONY_EMOJI for w in words for ch in w):
        return True
    for marker in IRONY_WORDS:
        n = len(marker)
        if any(tuple(words[i : i + n]) == marker for i in range(len(words) - n + 1)):
            return True
    return False
