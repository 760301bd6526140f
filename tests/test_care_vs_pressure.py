"""care_vs_pressure: agent and sense, not words. Each trap of the design is a case."""

from __future__ import annotations

import pytest

from cultureclient.types import Document


def poles(engine, text, kind="verbatim"):
    (result,) = engine.analyze([Document(1, text, kind)])
    return {h.pole for h in result.hits if h.theme == "care_vs_pressure" and h.counted}


@pytest.mark.parametrize(
    "text, kind, expected",
    [
        # who chases whom: the customer chasing the company is not pressure
        ("J'ai dû relancer trois fois pour avoir une réponse.", "verbatim", set()),
        ("Ils me relancent sans arrêt pour me vendre une assurance.", "verbatim", {"-"}),
        ("jsuis relancé tous les jours par leur service commercial", "verbatim", {"-"}),
        # conseiller: the job title is not care, the verb is
        ("Mon conseiller m'a appelé pour fixer le rendez-vous.", "verbatim", set()),
        ("Elle m'a très bien conseillé sur le choix du contrat.", "verbatim", {"+"}),
        # objectif: a sales quota, or the customer's satisfaction
        ("Notre objectif est votre satisfaction.", "internal", set()),
        ("Les objectifs de vente du trimestre sont relevés de 15 %.", "internal", {"-"}),
        # negated pressure is not pressure
        ("Aucune pression, on ne m'a jamais forcé la main.", "verbatim", set()),
        ("Sans jamais me forcer, le conseiller m'a présenté deux options.", "verbatim", set()),
        # care and pressure, with typos
        (
            "conseillere tres a l'ecoute, elle a pris le temps de tout m'expliquer",
            "verbatim",
            {"+"},
        ),
        ("ils pensent qu'a vendre, harcelement telephonique tous les soirs", "verbatim", {"-"}),
    ],
)
def test_care_vs_pressure_cases(shipped_engine, text, kind, expected):
    assert poles(shipped_engine, text, kind) == expected
