"""The headline detectors on real French memos and verbatims, traps included."""

from __future__ import annotations

import pytest

from cultureclient.types import Document


def analyze(engine, text, kind):
    (result,) = engine.analyze([Document(1, text, kind)])
    return result


def findings(engine, text, kind="internal"):
    return {(f.rule, f.severity) for f in analyze(engine, text, kind).findings}


CUSTOMER_ONLY = (
    "Objet : plan Horizon 2027. Nos clients attendent plus de simplicité. Pour nos clients, nous "
    "allons revoir chaque parcours. Parce que nos clients comparent, nous devons être les plus "
    "rapides. Les enjeux de nos clients guideront chaque décision. Le client sera au centre de "
    "nos choix."
)
CUSTOMER_WITH_OBLIGATIONS = (
    "Nos clients veulent une réponse en 24 heures. Pour chaque client, les conseillers devront "
    "rappeler sous 24 heures. Chaque agent doit enregistrer le motif de l'appel. Le client recevra "
    "un SMS de confirmation. La satisfaction client sera suivie chaque semaine."
)


def test_employee_absent_when_customers_only(shipped_engine):
    result = analyze(shipped_engine, CUSTOMER_ONLY, "internal")
    (finding,) = [f for f in result.findings if f.rule == "employee_absent"]
    assert finding.severity == "warning"
    assert finding.evidence["customer_mentions"] >= 5
    assert finding.evidence["employee_mentions"] == 0
    assert "jamais les collaborateurs" in finding.message


def test_employee_absent_when_employees_only_obliged(shipped_engine):
    result = analyze(shipped_engine, CUSTOMER_WITH_OBLIGATIONS, "internal")
    (finding,) = [f for f in result.findings if f.rule == "employee_absent"]
    assert finding.evidence["obligations"] >= 2
    assert any(s.text.startswith("devront") for s in finding.evidence["obligation_spans"])


@pytest.mark.parametrize(
    "ending",
    [
        " Merci à nos équipes pour leur engagement quotidien.",
        " Nous allons vous former dès septembre sur ces nouveaux parcours.",
        " Les équipes disposeront d'un nouvel outil de suivi.",
        " Grâce à vous, nos clients nous font confiance.",
    ],
)
def test_employees_as_beneficiaries_is_not_a_finding(shipped_engine, ending):
    assert ("employee_absent", "warning") not in findings(
        shipped_engine, CUSTOMER_WITH_OBLIGATIONS + ending
    )


def test_short_note_below_threshold_is_not_a_finding(shipped_engine):
    assert findings(shipped_engine, "Le client pourra signer en ligne dès lundi.") == set()


def test_employee_absent_applies_to_internal_texts_only(shipped_engine):
    assert findings(shipped_engine, CUSTOMER_ONLY, "verbatim") == set()


DISPLACEMENT = (
    "À partir du 1er juin, le client n'aura plus à envoyer ses justificatifs : tout se fera en un "
    "clic depuis l'application. Les conseillers devront ressaisir les pièces dans l'outil de "
    "gestion et vérifier manuellement chaque dossier."
)


def test_irritant_displacement_without_means_is_a_warning(shipped_engine):
    result = analyze(shipped_engine, DISPLACEMENT, "internal")
    (finding,) = [f for f in result.findings if f.rule == "irritant_displacement"]
    assert finding.severity == "warning"
    assert [s.text for s in finding.evidence["simplifications"]] == ["n'aura plus à", "en un clic"]
    assert {s.text for s in finding.evidence["burdens"]} == {"ressaisir", "vérifier manuellement"}
    assert finding.evidence["means"] == []
    assert DISPLACEMENT[finding.start : finding.end].startswith("n'aura plus à")


def test_irritant_displacement_with_means_is_info(shipped_engine):
    text = DISPLACEMENT + " Trois renforts rejoindront l'équipe et une formation est prévue en mai."
    (finding,) = [
        f
        for f in analyze(shipped_engine, text, "internal").findings
        if f.rule == "irritant_displacement"
    ]
    assert finding.severity == "info"
    assert {s.text for s in finding.evidence["means"]} >= {"renforts", "formation"}


@pytest.mark.parametrize(
    "text",
    [
        # the simplification also removes work for the employees
        "Le client n'aura plus à envoyer ses justificatifs, et les conseillers n'auront plus à les "
        "ressaisir : tout arrive directement dans le dossier.",
        # a burden with no customer simplification nearby
        "Les conseillers devront vérifier manuellement chaque dossier de prêt avant la commission.",
    ],
)
def test_irritant_displacement_traps(shipped_engine, text):
    assert not {r for r, _ in findings(shipped_engine, text)} & {"irritant_displacement"}


def test_irritant_displacement_in_employee_voice(shipped_engine):
    text = (
        "Depuis que le client fait tout en un clic sur l'appli, c'est nous qui ressaisissons "
        "tout derrière, sans personne en plus."
    )
    assert ("irritant_displacement", "warning") in findings(shipped_engine, text, "employee")
