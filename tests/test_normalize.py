from __future__ import annotations

import pytest

from cultureclient.text.normalize import fold, normalize, stem


def test_normalize_keeps_length_and_offsets():
    text = "L\u2019agence\u00a0: très « à l\u2019écoute »\u2026"
    out = normalize(text)
    assert len(out) == len(text)
    assert out == "L'agence : très « à l'écoute »."


def test_fold_removes_accents_and_ligatures():
    assert fold("Écouté") == "ecoute"
    assert fold("cœur") == "coeur"
    assert fold("L\u2019Agence") == "l'agence"


@pytest.mark.parametrize(
    "words",
    [
        ("harceler", "harcèlent", "harcele", "harcelées", "HARCELÉ"),
        ("rassurant", "rassurante", "rassurer", "rassuré"),
        ("patient", "patiente", "patients"),
        ("écouter", "ecoute", "écoutent"),
        ("répondre", "repondu", "répondent", "repond"),
        ("prévenir", "prevenu", "prévenu"),
    ],
)
def test_inflections_share_a_stem(words):
    assert len({stem(fold(w)) for w in words}) == 1


def test_ier_and_uer_verbs_keep_their_stem_apart_from_devoir():
    assert stem(fold("oublié")) == stem(fold("oublier"))
    assert stem(fold("dévoué")) == stem(fold("dévouer"))
    assert stem(fold("dévoué")) != stem(fold("devoir"))


def test_derivations_keep_apart():
    assert stem(fold("pression")) != stem(fold("presser"))
    assert stem(fold("conseil")) != stem(fold("conseiller"))
    assert stem("client") == "client"
