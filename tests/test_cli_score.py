"""The score command end to end on real files: contract, formats, exit codes, errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from cultureclient.cli import main
from tests.conftest import DEMO_LEXICON

LEX = ["--lexicon", str(DEMO_LEXICON), "--only-lexicons"]


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "avis.csv"
    path.write_text(
        "ref;agence;commentaire\n"
        "R1;Lyon;Ils me harcèlent au téléphone.\n"
        "R2;Lyon;Conseillère très à l'écoute, merci.\n"
        "R3;Liège;\n"
        "R4;Liège;Le conseiller n'était pas à l'écoute.\n",
        encoding="utf-8",
    )
    return path


def run(capsys, *args):
    code = main([*map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_jsonl_contract_one_line_per_row_in_order(capsys, export):
    code, out, _ = run(capsys, "score", export, "--format", "jsonl", "--id-column", "ref", *LEX)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["R1", "R2", "R3", "R4"]
    assert [r["status"] for r in records] == ["ok", "ok", "empty", "ok"]
    first = records[0]
    assert {"id", "status", "error", "tokens", "scores", "hits", "findings", "fields"} <= set(first)
    assert first["fields"] == {"ref": "R1", "agence": "Lyon"}
    assert first["scores"]["pressure_demo"] == {
        "pos": 0.0,
        "neg": 1.0,
        "index": -1.0,
        "pos_rate": 0.0,
        "neg_rate": 20.0,
    }
    (hit,) = first["hits"]
    assert {
        k: hit[k] for k in ("theme", "pole", "start", "end", "sentence", "text", "entry", "negated")
    } == {
        "theme": "pressure_demo",
        "pole": "-",
        "start": 7,
        "end": 16,
        "sentence": 0,
        "text": "harcèlent",
        "entry": "harceler",
        "negated": False,
    }
    assert records[3]["hits"][0]["negated"] is True and records[3]["hits"][0]["pole"] == "-"
    assert records[2]["scores"] == {} and records[2]["tokens"] == 0


def test_csv_output_keeps_input_columns_then_scores(capsys, export, tmp_path):
    target = tmp_path / "out.csv"
    code, out, _ = run(capsys, "score", export, "-o", target, *LEX)
    assert code == 0 and out == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == 4
    assert list(rows[0])[:6] == ["ref", "agence", "commentaire", "status", "error", "tokens"]
    assert list(rows[0])[6:] == ["pressure_demo_pos", "pressure_demo_neg", "pressure_demo_index"]
    assert rows[1]["pressure_demo_index"] == "1.0"
    assert rows[2]["status"] == "empty" and rows[2]["pressure_demo_index"] == ""
    assert not list(tmp_path.glob(".out.csv.*"))  # no temporary file left behind


def test_group_by_summary_in_json(capsys, export):
    code, out, _ = run(capsys, "score", export, "--format", "json", "--group-by", "agence", *LEX)
    assert code == 0
    data = json.loads(out)
    assert len(data["documents"]) == 4
    summary = {(r["segment"], r["theme"]): r for r in data["summary"]}
    assert summary[("Lyon", "pressure_demo")]["with_pos"] == 1
    assert summary[("Lyon", "pressure_demo")]["with_neg"] == 1
    assert summary[("Liège", "pressure_demo")]["documents"] == 1
    assert summary[("Liège", "pressure_demo")]["mean_index"] == -1.0
    assert data["status"] == {"ok": 3, "empty": 1}


def test_table_output_names_themes_and_segments(capsys, export):
    code, out, _ = run(capsys, "score", export, "--format", "table", "--group-by", "agence", *LEX)
    assert code == 0
    assert "4 documents (1 empty, 3 ok)" in out
    assert "pressure_demo" in out and "Liège" in out
    assert "Ils me harcèlent" in out


def test_xlsx_output(capsys, export, tmp_path):
    import pandas as pd

    target = tmp_path / "scores.xlsx"
    assert run(capsys, "score", export, "-o", target, *LEX)[0] == 0
    sheets = pd.read_excel(target, sheet_name=None)
    assert set(sheets) == {"scores", "hits", "summary"}
    assert len(sheets["scores"]) == 4
    assert list(sheets["hits"]["entry"]) == ["harceler", "a_l_ecoute", "a_l_ecoute"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing.csv"], "missing.csv: no such file"),
        (
            ["{export}", "--text-column", "avis"],
            "no column 'avis'; columns are: ref, agence, commentaire",
        ),
        (["{export}", "--group-by", "ville"], "no column 'ville' for --group-by"),
        (["{export}", "--kind", "memo"], "'memo' is not one of verbatim, internal, employee"),
        (["{export}", "--format", "pdf"], "unknown format 'pdf'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, export, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "score", *[a.format(export=export) for a in args], *LEX)
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert out == ""


def test_rows_that_cannot_be_read_are_kept_and_exit_2(capsys, tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(
        '{"texte": "Ils me harcèlent."}\n{"texte": oops}\n{"texte": "ok"}\n', encoding="utf-8"
    )
    code, out, err = run(capsys, "score", path, "--format", "jsonl", *LEX)
    assert code == 2
    assert [json.loads(line)["status"] for line in out.splitlines()] == ["ok", "error", "ok"]
    assert "x.jsonl: row 2: line 2: invalid JSON" in err


def test_failed_output_leaves_existing_file_untouched(capsys, export, tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("previous", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_bytes("texte\nok\nDéçu\n".encode("cp1252"))
    code, _, err = run(capsys, "score", bad, "--encoding", "utf-8", "-o", target, *LEX)
    assert code == 2 and "line 3: cannot decode bytes as utf-8" in err
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_stdin_and_python_m(tmp_path):
    data = "texte\nIls me harcèlent.\n\nTrès à l'écoute.\n".encode()
    proc = subprocess.run(
        [sys.executable, "-m", "cultureclient", "score", "-", *LEX],
        input=data,
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    lines = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["scores"]["pressure_demo"]["index"] for r in lines] == [-1.0, 1.0]


def test_explain_shows_hits_and_negation(capsys):
    code, out, _ = run(capsys, "explain", "Pas du tout à l'écoute, et ils me harcèlent.", *LEX)
    assert code == 0
    assert "a_l_ecoute" in out and "niée" in out and "harceler" in out
    code, out, _ = run(capsys, "explain", "--json", "Ils me harcèlent.", *LEX)
    assert json.loads(out)["hits"][0]["text"] == "harcèlent"
