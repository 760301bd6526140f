"""The shipped lexicons: every example and trap is one test case, and the registry is whole."""

from __future__ import annotations

import pytest

from cultureclient.lexicon.loader import load
from cultureclient.lexicon.testing import examples, run_examples

THEMES = {
    "care_vs_pressure",
    "recognition",
    "trust_transparency",
    "conviviality",
    "silos",
    "promise_vs_proof",
    "process_autonomy",
    "turnover_training",
    "reachability",
    "listening_coconstruction",
    "experience_coherence",
    "employee_support",
    "meaning_direction",
    "measurement",
    "tech_solutionism",
}
MIN_ENTRIES = 25
MIN_TRAPS = 5

SHIPPED = load()
THEME_FILES = {tid: t for tid, t in SHIPPED.items() if t.theme.role == "theme"}
CUE_FILES = {tid: t for tid, t in SHIPPED.items() if t.theme.role == "cue"}
CASES = examples(t for _, t in sorted(SHIPPED.items()))


@pytest.fixture(scope="module")
def outcomes(shipped_engine):
    return run_examples([t for _, t in sorted(SHIPPED.items())], shipped_engine)


@pytest.mark.parametrize(
    "position", range(len(CASES)), ids=[f"{c.name}/{i}" for i, c in enumerate(CASES)]
)
def test_lexicon_example(outcomes, position):
    outcome = outcomes[position]
    assert outcome.example == CASES[position]
    assert outcome.passed, f"«{outcome.example.sentence}»: {outcome.explain()}"


def test_every_theme_of_the_design_is_shipped():
    assert set(THEME_FILES) == THEMES


@pytest.mark.parametrize("theme_id", sorted(CUE_FILES))
def test_cue_lexicon_has_traps(theme_id):
    theme = CUE_FILES[theme_id].theme
    assert theme.poles.keys() == {"+"}
    assert len(theme.no_match) >= MIN_TRAPS


@pytest.mark.parametrize("theme_id", sorted(THEME_FILES))
def test_theme_has_enough_entries_and_traps(theme_id):
    theme = THEME_FILES[theme_id].theme
    assert len(theme.entries) >= MIN_ENTRIES
    assert len(theme.no_match) >= MIN_TRAPS
    assert all(entry.match for entry in theme.entries)
    assert set(theme.poles) == {entry.pole for entry in theme.entries}


def test_care_vs_pressure_is_one_bipolar_theme():
    theme = SHIPPED["care_vs_pressure"].theme
    assert set(theme.poles) == {"+", "-"}
    assert set(theme.kinds) == {"verbatim", "internal", "employee"}
