"""Exact hits of the test lexicon on real French sentences."""

from __future__ import annotations

import pytest

from cultureclient.types import Document


def hits(engine, text, kind="verbatim"):
    (result,) = engine.analyze([Document(1, text, kind)])
    return [(h.entry, h.pole, h.text, h.negated, h.counted) for h in result.hits]


def test_lemma_phrase_matches_inflections_and_offsets(demo_engine):
    (result,) = demo_engine.analyze([Document(1, "Franchement, ils me harcèlent !")])
    (hit,) = result.hits
    assert (hit.start, hit.end, hit.text, hit.sentence) == (20, 29, "harcèlent", 0)
    assert result.scores["pressure_demo"].neg == 1.0
    assert result.scores["pressure_demo"].index == -1.0


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ils me harcelent", [("harceler", "-", "harcelent", False, True)]),
        ("j'ai ete harcele par la banque", [("harceler", "-", "harcele", False, True)]),
        ("tres a l'ecoute", [("a_l_ecoute", "+", "a l'ecoute", False, True)]),
        ("Conseillère à l\u2019écoute", [("a_l_ecoute", "+", "à l\u2019écoute", False, True)]),
    ],
)
def test_unaccented_and_misspelled_forms_match(demo_engine, text, expected):
    assert hits(demo_engine, text) == expected


def test_gap_does_not_cross_punctuation(demo_engine):
    assert hits(demo_engine, "Il a pris (le temps venu) une décision.") == []


def test_gap_in_phrase(demo_engine):
    assert hits(demo_engine, "Elle prend tout son temps avec nous.") == [
        ("prendre_temps", "+", "prend tout son temps", False, True)
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # void (default): reported, not counted
        ("Ils ne m'ont jamais harcelé.", [("harceler", "-", "harcelé", True, False)]),
        ("Aucune pression, c'était parfait.", [("pression", "-", "pression", True, False)]),
        # flip: counts for the other pole
        (
            "Le conseiller n'était pas du tout à l'écoute.",
            [("a_l_ecoute", "-", "à l'écoute", True, True)],
        ),
        # keep: the negation is the entry
        (
            "Personne ne répond jamais.",
            [("personne_ne_repond", "-", "Personne ne répond", False, True)],
        ),
        # "sans arrêt" after a verb intensifies, it does not negate
        ("Ils me relancent sans arrêt.", [("relancer", "-", "relancent", False, True)]),
        # a lack negates, and parser sentence splits do not cut a clause
        ("faute de conseiller à l'écoute", [("a_l_ecoute", "-", "à l'écoute", True, True)]),
        ("vendeur pas du tout à l'écoute", [("a_l_ecoute", "-", "à l'écoute", True, True)]),
        # idioms where a negation word negates nothing, and a negation in the next clause
        ("Plus que jamais à l'écoute.", [("a_l_ecoute", "+", "à l'écoute", False, True)]),
        ("Ils me harcèlent pour rien.", [("harceler", "-", "harcèlent", False, True)]),
        ("Sans cesse, ils me harcèlent.", [("harceler", "-", "harcèlent", False, True)]),
        (
            "Une équipe à l'écoute où rien ne traîne.",
            [("a_l_ecoute", "+", "à l'écoute", False, True)],
        ),
        # "quoi que ce soit" is not "ne … que"; double negatives keep the act
        (
            "Personne n'a pris le temps de m'expliquer quoi que ce soit.",
            [("prendre_temps", "+", "pris le temps", True, False)],
        ),
        ("Ils n'arrêtent pas de me harceler.", [("harceler", "-", "harceler", False, True)]),
        ("Ils n'hésitent jamais à me relancer.", [("relancer", "-", "relancer", False, True)]),
        # a negation after "sans" belongs to the next verb
        ("Ils me harcèlent sans jamais écouter.", [("harceler", "-", "harcèlent", False, True)]),
        # a person is not "personne"; "je ne pensais pas" is a surprise, not a denial
        ("La personne était à l'écoute.", [("a_l_ecoute", "+", "à l'écoute", False, True)]),
        (
            "Personne nous a écoutés, personne est à l'écoute.",
            [("a_l_ecoute", "-", "à l'écoute", True, True)],
        ),
        (
            "Je ne pensais pas trouver une conseillère à l'écoute.",
            [("a_l_ecoute", "+", "à l'écoute", False, True)],
        ),
        # "et" ends a clause
        ("Ils ne rappellent pas et me harcèlent.", [("harceler", "-", "harcèlent", False, True)]),
        # informal negation without "ne"
        ("personne est à l'écoute ici", [("a_l_ecoute", "-", "à l'écoute", True, True)]),
        # a negation in another clause does not reach the hit
        (
            "Pas de souci pour la livraison, mais ils me harcèlent.",
            [("harceler", "-", "harcèlent", False, True)],
        ),
        # ne … que and ne … plus que are restrictions, not negations
        ("Ils ne font que me harceler.", [("harceler", "-", "harceler", False, True)]),
        ("Ils ne font plus que me harceler.", [("harceler", "-", "harceler", False, True)]),
        # a "ne" after the hit belongs to another verb
        (
            "Une conseillère à l'écoute qui ne juge pas.",
            [("a_l_ecoute", "+", "à l'écoute", False, True)],
        ),
        # a negation inside a gap negates the hit
        ("Il n'a pas pris le temps.", [("prendre_temps", "+", "pris le temps", True, False)]),
        ("Il a pris pas le temps.", [("prendre_temps", "+", "pris pas le temps", True, False)]),
    ],
)
def test_negation_policies(demo_engine, text, expected):
    assert hits(demo_engine, text) == expected


def test_agent_company_keeps_the_company_chasing_the_customer(demo_engine):
    assert hits(demo_engine, "Ils me relancent tous les jours.")[0][0] == "relancer"
    assert hits(demo_engine, "J'ai été relancé tous les jours.")[0][0] == "relancer"
    assert hits(demo_engine, "J'ai dû relancer trois fois le service client.") == []
    assert hits(demo_engine, "Moi je les ai relancés jusqu'à ce qu'ils répondent.") == []
    assert hits(demo_engine, "Je me suis fait relancer trois fois.")[0][0] == "relancer"
    assert hits(demo_engine, "C'est nous qui relançons les clients.") == []


def test_pattern_entry_uses_part_of_speech(demo_engine):
    assert hits(demo_engine, "Il m'a bien conseillé.") == [
        ("conseiller_verbe", "+", "conseillé", False, True)
    ]
    assert hits(demo_engine, "Mon conseiller m'a appelé hier.") == []


def test_longest_match_wins_within_a_theme(demo_engine):
    (result,) = demo_engine.analyze([Document(1, "Trop de pression commerciale.")])
    assert [(h.entry, h.weight) for h in result.hits] == [("pression_commerciale", 2.0)]
    assert result.scores["pressure_demo"].neg == 2.0


def test_entry_kinds_restrict_matching(demo_engine):
    text = "Les objectifs de vente sont relevés et personne ne répond."
    assert [h[0] for h in hits(demo_engine, text, "internal")] == ["objectifs_de_vente"]
    assert [h[0] for h in hits(demo_engine, text, "verbatim")] == ["personne_ne_repond"]


def test_scores_rates_and_index(demo_engine):
    (result,) = demo_engine.analyze(
        [Document(1, "Très à l'écoute, mais ils me harcèlent et me relancent.")]
    )
    score = result.scores["pressure_demo"]
    assert (score.pos, score.neg) == (1.0, 2.0)
    assert score.index == pytest.approx(-1 / 3, abs=1e-4)
    assert result.tokens == 11  # Très à l' écoute mais ils me harcèlent et me relancent
    assert score.neg_rate == pytest.approx(2 * 100 / 11, abs=1e-3)


def test_no_hit_gives_null_index_and_statuses_keep_rows(demo_engine):
    results = list(
        demo_engine.analyze(
            [
                Document(1, "Livraison reçue."),
                Document(2, "   "),
                Document(3, "", error="line 4: bad"),
            ]
        )
    )
    assert [r.status for r in results] == ["ok", "empty", "error"]
    assert results[0].scores["pressure_demo"].index is None
    assert results[2].error == "line 4: bad"


@pytest.mark.parametrize(
    "text, expected",
    [
        # an expectation or a fear is not an experience
        (
            "Je m'attendais à ce qu'ils me harcèlent, mais non.",
            [("harceler", "-", "harcèlent", False, False, "hedge")],
        ),
        (
            "J'avais peur qu'ils me harcèlent.",
            [("harceler", "-", "harcèlent", False, False, "hedge")],
        ),
        # irony flips evaluative praise, or voids it
        (
            "Vraiment à l'écoute comme ils disent 🙄",
            [("a_l_ecoute", "-", "à l'écoute", False, True, "irony")],
        ),
        (
            "Ah oui, ils ont pris le temps : trois mois sans réponse.",
            [("prendre_temps", "+", "pris le temps", False, False, "irony")],
        ),
        # quoted praise is the company's word, not the writer's; a quoted complaint still counts
        (
            'La pub promet des conseillers "à l\'écoute".',
            [("a_l_ecoute", "+", "à l'écoute", False, False, "quote")],
        ),
        (
            'Il m\'a dit "on vous harcèlera pas".',
            [("harceler", "-", "harcèlera", True, False, None)],
        ),
        # a customer quoting the staff's own words: still praise
        (
            'Elle m\'a dit "je vais prendre le temps de tout vous expliquer".',
            [("prendre_temps", "+", "prendre le temps", False, True, None)],
        ),
        # a requirement is not an expectation
        (
            "Nous attendons de chaque conseiller qu'il soit à l'écoute.",
            [("a_l_ecoute", "+", "à l'écoute", False, True, None)],
        ),
        # sincere praise stays praise
        ("Conseillère à l'écoute, merci !", [("a_l_ecoute", "+", "à l'écoute", False, True, None)]),
    ],
)
def test_hedges_irony_and_quotes(demo_engine, text, expected):
    (result,) = demo_engine.analyze([Document(1, text)])
    assert [
        (h.entry, h.pole, h.text, h.negated, h.counted, h.modality) for h in result.hits
    ] == expected
