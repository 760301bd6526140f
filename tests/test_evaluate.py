"""evaluate: exact figures on a small gold file, and the regression guard on the shipped sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cultureclient.cli import main
from cultureclient.evaluate import evaluate
from tests.conftest import DEMO_LEXICON

LEX = ["--lexicon", str(DEMO_LEXICON), "--only-lexicons"]
EXAMPLES = Path(__file__).parent.parent / "examples" / "gold"
FLOORS = Path(__file__).parent / "data" / "evaluation_floors.json"


@pytest.fixture
def gold(tmp_path):
    path = tmp_path / "gold.csv"
    path.write_text(
        "id,text,pressure_demo\n"
        "g1,Ils me harcèlent tous les jours.,-\n"  # true positive (-)
        "g2,Conseillère très à l'écoute.,+\n"  # true positive (+)
        "g3,Quelle pression pour ce match !,\n"  # false positive (-)
        "g4,Ils insistent lourdement pour que je signe.,-\n"  # false negative (-)
        "g5,Livraison reçue.,\n",
        encoding="utf-8",
    )
    return path


def test_exact_figures(gold, demo_engine):
    report = evaluate(gold, demo_engine, with_errors=True)
    neg, pos = report.score("pressure_demo-"), report.score("pressure_demo+")
    assert (neg.precision, neg.recall, neg.f1, neg.support, neg.predicted) == (0.5, 0.5, 0.5, 2, 2)
    assert (pos.precision, pos.recall, pos.f1, pos.support) == (1.0, 1.0, 1.0, 1)
    assert report.macro_f1 == 0.75
    assert {(m.id, m.kind) for m in report.misses} == {
        ("g3", "false_positive"),
        ("g4", "false_negative"),
    }
    assert next(m for m in report.misses if m.id == "g3").evidence == ["pression «pression»"]


def test_cli_table_json_and_errors(gold, capsys):
    assert main(["evaluate", str(gold), *LEX, "--errors"]) == 0
    out = capsys.readouterr().out
    assert "pressure_demo-" in out and "macro F1" in out and "FP pressure_demo- [g3]" in out
    assert main(["evaluate", str(gold), *LEX, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["macro_f1"] == 0.75 and data["documents"] == 5


def test_bad_gold_value_names_the_row(tmp_path, capsys):
    path = tmp_path / "gold.csv"
    path.write_text("id,text,pressure_demo\ng1,Bonjour,oui\n", encoding="utf-8")
    assert main(["evaluate", str(path), *LEX]) == 2
    assert (
        "row 1: column 'pressure_demo' holds 'oui'; use +, -, +- or nothing"
        in capsys.readouterr().err
    )


@pytest.mark.parametrize(
    "name", ["verbatims.csv", "internal.csv", "fresh_verbatims.csv", "fresh_internal.csv"]
)
def test_development_sets_stay_at_or_above_their_floors(shipped_engine, name):
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))[name]
    report = evaluate(EXAMPLES / name, shipped_engine)
    below = {
        label: (report.score(label).f1, floor)
        for label, floor in floors.items()
        if report.score(label).f1 < floor
    }
    assert not below, f"F1 below the recorded floor (now, floor): {below}"
