"""The rules ``check`` applies, with a stable id, a default severity, what to change, and why.

A rule is a finding detector, or a negative pole that matters in a message to staff.

Rule ids are what configuration files and inline comments name; they never change once shipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from cultureclient.errors import ConfigError
from cultureclient.types import Severity


@dataclass(frozen=True)
class Rule:
    """A check rule: where its findings come from and what it tells the author."""

    id: str
    severity: Severity
    source: str  # a detector rule id, or "<theme>-" for the negative pole of a theme
    message: str  # French, says what to change; may use {text}, the words found
    explanation: str  # French, why it matters, shown by `cultureclient rules ID`

    @property
    def theme(self) -> str | None:
        """Return the theme whose negative pole feeds the rule, or None for a detector."""
        return self.source[:-1] if self.source.endswith("-") else None


RULES: tuple[Rule, ...] = (
    Rule(
        "employee_absent",
        "warning",
        "employee_absent",
        "{text}",
        "Un message interne qui parle sans cesse des clients et jamais des collaborateurs, ou "
        "seulement pour leur dire ce qu'ils devront faire, finit par dire aux équipes qu'elles "
        "ne comptent pas. Quand le collaborateur pense au client, qui pense au collaborateur ? "
        "Dites ce que l'entreprise fait pour eux : moyens, formation, temps, reconnaissance.",
    ),
    Rule(
        "irritant_displacement",
        "warning",
        "irritant_displacement",
        "{text}",
        "Supprimer une étape pour le client en la faisant porter aux équipes (ressaisie, "
        "contrôle manuel, back-office, rappels) ne supprime pas le problème : il le déplace. "
        "Annoncez les moyens qui accompagnent la nouvelle charge, ou supprimez-la aussi côté "
        "collaborateur. Avec des moyens annoncés, la règle ne donne qu'une information.",
    ),
    Rule(
        "commercial_pressure",
        "warning",
        "care_vs_pressure-",
        "« {text} » : une consigne de pression commerciale. Parlez de ce que le client y gagne "
        "et du temps laissé au conseil, plutôt que d'objectifs de vente.",
        "L'orientation client devient pression commerciale quand « soyez obsédés par le client » "
        "veut dire « ne les lâchez pas, vendez ». Objectifs de vente, quotas, relances "
        "systématiques et taux de transformation dans un message aux équipes contredisent le "
        "discours d'attention au client.",
    ),
    Rule(
        "incantation",
        "warning",
        "promise_vs_proof-",
        "« {text} » : une formule sans acte. Ajoutez un engagement daté, porté par quelqu'un et "
        "mesurable (qui fait quoi, d'ici quand, mesuré comment).",
        "« Le client au cœur de notre stratégie » ne prouve rien : il n'y a pas d'orientation "
        "client, seulement des preuves d'orientation client. Clients et collaborateurs jugent "
        "sur les actes, pas sur les incantations.",
    ),
    Rule(
        "tech_solutionism",
        "info",
        "tech_solutionism-",
        "« {text} » : la technologie présentée comme la réponse à la relation. Dites ce qui "
        "reste humain et qui répond quand l'outil ne suffit pas.",
        "Application, IA, chatbot ou données ne remplacent pas la relation : les fortes attentes "
        "placées dans la technologie éloignent souvent du but initial.",
    ),
    Rule(
        "understaffing",
        "info",
        "employee_support-",
        "« {text} » : une charge sans moyens. Dites quels moyens, quel temps ou quels renforts "
        "sont prévus pour les équipes.",
        "La symétrie des attentions : on ne peut demander aux équipes de prendre soin des "
        "clients si personne ne prend soin des équipes.",
    ),
    Rule(
        "closed_doors",
        "info",
        "listening_coconstruction-",
        "« {text} » : une décision prise sans les clients ni les équipes. Dites qui a été "
        "consulté, ou comment le sera-t-on.",
        "Réfléchir à ce que veut le client en huis clos d'experts, sans l'avoir rencontré : la "
        "culture client se joue dans la méthode, en co-construisant.",
    ),
    Rule(
        "rigid_process",
        "info",
        "process_autonomy-",
        "« {text} » : la procédure avant la personne. Dites quelle marge de manœuvre les "
        "équipes gardent pour trouver une solution.",
        "Des process de plus en plus écrasants rendent les collaborateurs moins autonomes et "
        "moins enclins à chercher la solution qui satisfait le client.",
    ),
    Rule(
        "no_recognition",
        "info",
        "recognition-",
        "« {text} » : un manque de reconnaissance. Dites ce que l'entreprise reconnaît du "
        "travail des équipes.",
        "C'est dans la réciprocité de la reconnaissance qu'une relation durable se construit, "
        "avec les clients comme avec les collaborateurs.",
    ),
)

BY_ID = {rule.id: rule for rule in RULES}
BY_SOURCE = {rule.source: rule for rule in RULES}


def rule(rule_id: str) -> Rule:
    """Return a rule by id, or raise a ``ConfigError`` listing the known ids."""
    if rule_id not in BY_ID:
        raise ConfigError(f"unknown rule {rule_id!r}; rules are: {', '.join(BY_ID)}")
    return BY_ID[rule_id]
