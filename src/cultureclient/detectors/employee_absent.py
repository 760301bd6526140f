"""employee_absent: an internal message full of customers in which employees do not exist.

Seed 002: "Quand le collaborateur pense au client, qui pense au collaborateur ?" A memo may name
customers again and again; the finding is when, past a threshold, the employees are missing,
or appear only as the ones who must carry out ("les conseillers devront"), never as people the
company supports, trains, equips or thanks.

Customer and employee mentions come from cue lexicons; the role of each employee mention comes
from the dependency parse (subject of *devoir*, object of *former*, subject of *disposer*…),
backed by the support and obligation cues of its sentence.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Literal

from cultureclient.detectors.evidence import cue_hits, sentences_of, spans
from cultureclient.match import sentence_starts
from cultureclient.text.normalize import fold
from cultureclient.types import Document, Finding, Hit, Kind, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Role = Literal["obligation", "beneficiary", "neutral"]

RULE = "employee_absent"
DEFAULT_MIN_CUSTOMER_MENTIONS = 4
SECOND_PERSON = frozenset({"vous", "votre", "vos", "tous", "chacun", "chacune"})
# Verbs whose object is supported: "nous allons vous former", "remercier les équipes".
SUPPORT_VERBS = frozenset(
    """former accompagner remercier soutenir equiper outiller aider ecouter consulter associer
    valoriser feliciter recompenser reconnaitre proteger liberer renforcer epauler""".split()
)
# Verbs whose subject receives: "les équipes disposeront de", "vous bénéficierez".
RECEIVING_VERBS = frozenset("disposer beneficier recevoir profiter obtenir".split())
OBLIGATION_VERBS = frozenset({"devoir", "falloir"})
THANKS = frozenset({"grace", "merci", "bravo", "felicitations"})
SUPPORT_EVIDENCE = ("cue_support",)
SUPPORT_THEMES = ("recognition", "employee_support")


def _verb_of(token: Token) -> Token:
    """Climb from a mention to the verb that governs it."""
    current = token
    for _ in range(4):
        if current.pos_ in ("VERB", "AUX") or current.head is current:
            return current
        current = current.head
    return current


def parse_role(token: Token) -> Role:
    """Read from the parse whether an employee mention is obliged, supported, or neither."""
    verb = _verb_of(token)
    lemmas = {fold(verb.lemma_)} | {
        fold(t.lemma_) for t in verb.ancestors if t.pos_ in ("VERB", "AUX")
    }
    lemmas |= {fold(c.lemma_) for c in verb.children if c.dep_.startswith("aux")}
    if fold(token.head.lemma_) in THANKS or any(fold(t.lemma_) in THANKS for t in token.ancestors):
        return "beneficiary"
    is_subject = token.dep_.startswith("nsubj")
    if is_subject and lemmas & RECEIVING_VERBS:
        return "beneficiary"
    if not is_subject and fold(verb.lemma_) in SUPPORT_VERBS:
        return "beneficiary"
    if is_subject and lemmas & OBLIGATION_VERBS:
        return "obligation"
    return "neutral"


@dataclass
class EmployeeAbsent:
    """The detector, with its threshold (configurable)."""

    min_customer_mentions: int = DEFAULT_MIN_CUSTOMER_MENTIONS
    rule: str = RULE
    needs_hits: ClassVar[bool] = True  # no customer cue hit, no finding
    kinds: frozenset[Kind] = field(default_factory=lambda: frozenset({"internal"}))

    def detect(self, doc: Doc, document: Document, hits: list[Hit]) -> list[Finding]:
        """Return the finding when customers abound and employees are never beneficiaries."""
        customers = cue_hits(hits, "cue_customer")
        if len(customers) < self.min_customer_mentions:
            return []
        employees = cue_hits(hits, "cue_employee")
        addressed = [t for t in doc if fold(t.text) in SECOND_PERSON]
        support = cue_hits(hits, *SUPPORT_EVIDENCE) + cue_hits(hits, *SUPPORT_THEMES, pole="+")
        obligations = cue_hits(hits, "cue_obligation")
        starts = sentence_starts(doc)
        mention_sentences = sentences_of(employees) | {
            bisect_right(starts, t.i) - 1 for t in addressed
        }

        roles: list[tuple[Span, Role]] = []
        for hit in employees:
            token = doc.char_span(hit.start, hit.end, alignment_mode="expand")[0]
            roles.append((Span(hit.start, hit.end, hit.text), parse_role(token)))
        for token in addressed:
            roles.append((Span(token.idx, token.idx + len(token), token.text), parse_role(token)))

        supported = sentences_of(support) & mention_sentences or {
            h.sentence for h in support if h.entry == "remercier"
        }
        beneficiaries = [s for s, r in roles if r == "beneficiary"]
        if supported or beneficiaries:
            return []
        obliged = [h for h in obligations if h.sentence in mention_sentences]
        obligation_spans = spans(obliged, "obligation") or [
            s for s, r in roles if r == "obligation"
        ]
        if employees or addressed:
            message = (
                f"Le message cite les clients {len(customers)} fois ; les collaborateurs n'y "
                f"apparaissent que pour exécuter ({len(obligation_spans)} obligation(s)), jamais "
                "comme bénéficiaires : dites ce que l'entreprise fait pour eux (moyens, "
                "formation, reconnaissance)."
            )
        else:
            message = (
                f"Le message cite les clients {len(customers)} fois et jamais les "
                "collaborateurs : dites ce que ce changement leur demande et leur apporte "
                "(moyens, formation, reconnaissance)."
            )
        first = customers[0]
        return [
            Finding(
                rule=self.rule,
                severity="warning",
                message=message,
                start=first.start,
                end=first.end,
                evidence={
                    "customer_mentions": len(customers),
                    "employee_mentions": len(employees) + len(addressed),
                    "obligations": len(obligation_spans),
                    "beneficiaries": 0,
                    "customer_spans": spans(customers, "client"),
                    "obligation_spans": obligation_spans,
                },
            )
        ]
