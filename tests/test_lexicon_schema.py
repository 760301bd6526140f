"""Lexicon validation: every problem with its file, line and key path; exit 2 from the CLI."""

from __future__ import annotations

import textwrap

import pytest

from cultureclient.cli import main
from cultureclient.errors import LexiconError
from cultureclient.lexicon.loader import load

GOOD = """\
id: demo
label: Démo
description: Un thème.
kinds: [verbatim]
poles:
  "+": {label: Bien}
entries:
  - id: accueil_chaleureux
    pole: "+"
    phrase: accueil chaleureux
    match: ["Un accueil chaleureux."]
"""


def problems(tmp_path, text, name="demo.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load([path], include_shipped=False)
    return info.value.problems


def test_good_file_loads(tmp_path):
    path = tmp_path / "demo.yaml"
    path.write_text(GOOD, encoding="utf-8")
    themes = load([path], include_shipped=False)
    assert list(themes) == ["demo"]
    assert themes["demo"].theme.entries[0].negation == "void"


def test_malformed_yaml_names_the_line(tmp_path):
    (problem,) = problems(tmp_path, GOOD.replace('    pole: "+"', '    pole: "+\n  oops: [', 1))
    assert problem.startswith(f"{tmp_path / 'demo.yaml'}:")
    assert "malformed YAML" in problem
    assert ":10:" in problem or ":11:" in problem or ":12:" in problem


def test_unknown_key_missing_examples_bad_pole_all_reported(tmp_path):
    text = (
        GOOD
        + """\
  - id: sourire
    pole: "-"
    phrase: sourire
    colour: red
    match: []
"""
    )
    found = problems(tmp_path, text)
    joined = "\n".join(found)
    assert "demo.yaml:15: entries[1].colour: Extra inputs are not permitted" in joined
    assert "demo.yaml:16: entries[1].match: List should have at least 1 item" in joined


def test_duplicate_entry_ids_and_pole_outside_theme(tmp_path):
    text = (
        GOOD
        + """\
  - id: accueil_chaleureux
    pole: "+"
    phrase: bon accueil
    match: ["Bon accueil."]
"""
    )
    assert any("duplicate entry id 'accueil_chaleureux'" in p for p in problems(tmp_path, text))
    bad_pole = GOOD.replace('    pole: "+"\n    phrase', '    pole: "-"\n    phrase')
    assert any("not a pole of the theme" in p for p in problems(tmp_path, bad_pole))


def test_bad_token_pattern_and_id_mismatch(tmp_path):
    text = GOOD.replace("    phrase: accueil chaleureux\n", "    pattern: [{LEMMAA: accueil}]\n")
    found = problems(tmp_path, text, name="other.yaml")
    assert any("other.yaml:10: entries[0].pattern: bad token pattern" in p for p in found)
    assert any("'demo' must equal the file name" in p for p in found)


def test_phrase_and_pattern_are_exclusive(tmp_path):
    text = GOOD.replace(
        "    phrase: accueil chaleureux\n", "    phrase: a\n    pattern: [{LOWER: a}]\n"
    )
    assert any("exactly one of 'phrase' or 'pattern'" in p for p in problems(tmp_path, text))


def test_cli_validate_exits_2_listing_each_problem(tmp_path, capsys):
    path = tmp_path / "demo.yaml"
    path.write_text(GOOD.replace("kinds: [verbatim]", "kinds: [tweet]"), encoding="utf-8")
    assert main(["lexicon", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "demo.yaml:4: kinds[0]" in err and "Traceback" not in err


def test_cli_test_reports_failing_examples(tmp_path, capsys):
    path = tmp_path / "demo.yaml"
    path.write_text(
        GOOD.replace('match: ["Un accueil chaleureux."]', 'match: ["Un accueil glacial."]'),
        encoding="utf-8",
    )
    assert main(["lexicon", "test", str(path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL demo/accueil_chaleureux/match: «Un accueil glacial.»" in out
    assert "0 passed, 1 failed" in out
