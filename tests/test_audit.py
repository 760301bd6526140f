"""The audit end to end on real files: the examples' ranking and findings, every format and the
broken ones, the outputs (table, CSV, JSON, Markdown, HTML), the CLI's exit codes, and the HTML
report opened in a headless browser when one is installed."""

from __future__ import annotations

import csv
import datetime
import io
import json
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cultureclient import api
from cultureclient.audit import audit
from cultureclient.audit.evidence import sentence_bounds
from cultureclient.audit.ranking import rank_key
from cultureclient.audit.records import AuditReport
from cultureclient.cli import main
from cultureclient.render.audit import html as html_report
from cultureclient.render.audit import md as md_report
from tests.conftest import DEMO_LEXICON

MEMOS = Path(__file__).parent.parent / "examples" / "memos"

# The documented order on the examples: findings by severity, then the balance, then incantations.
# The documents that need attention come first, in this order; the exemplary ones follow.
EXPECTED = [
    (
        "2025-09_plan-horizon-clients-2028.md",
        "prioritaire",
        [("employee_absent", "warning"), ("irritant_displacement", "warning")],
    ),
    (
        "2026-05_accueil-sans-rendez-vous.txt",
        "prioritaire",
        [("employee_absent", "warning"), ("irritant_displacement", "warning")],
    ),
    (
        "2025-11_sinistres-zero-papier.txt",
        "prioritaire",
        [("employee_absent", "warning"), ("irritant_displacement", "warning")],
    ),
    ("2026-04_assistant-virtuel.md", "prioritaire", [("employee_absent", "warning")]),
    ("note-objectifs-boutiques-T1.txt", "prioritaire", [("employee_absent", "warning")]),
    ("2026-01_retours-en-un-clic.md", "à surveiller", [("irritant_displacement", "info")]),
    ("2026-06_mot-de-la-direction.md", "à surveiller", []),
]
EXEMPLARY = {
    "2025-12_lettre-interne-decembre.md",
    "2026-03_horizon-point-etape.md",
    "2026-06_reception-interlocuteur-unique.md",
    "2026-02_sinistres-zero-papier-ajustements.txt",
    "charte-accueil-magasins.md",
    "note-rh-entretiens-annuels.txt",
}

# A memo whose every sentence fits on one line, so that it reads the same in every format.
MEMO_LINES = [
    "Objet : nouvelle organisation du service clients",
    "Nos clients attendent une réponse rapide et claire.",
    "Chaque client doit être rappelé dans la journée.",
    "La satisfaction de nos clients est notre seule priorité.",
    "Les conseillers devront traiter chaque demande des clients sous 24 heures.",
    "Mettons le client au cœur de notre stratégie.",
]


@pytest.fixture(scope="module")
def examples(shipped_engine) -> AuditReport:
    return audit([MEMOS], shipped_engine)


@pytest.fixture
def cli_engine(monkeypatch, shipped_engine):
    """Make the CLI use the session's engine rather than compiling the lexicons again."""
    monkeypatch.setattr(api, "analyzer", lambda lexicons=(), shipped=True: shipped_engine)


def run(capsys, *args):
    code = main([*map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------- the examples


def test_ranking_and_findings_on_the_examples(examples):
    got = [
        (d.path, d.attention, [(f.rule, f.severity) for f in d.findings])
        for d in examples.documents
    ]
    assert got[: len(EXPECTED)] == EXPECTED
    rest = got[len(EXPECTED) :]
    assert {path for path, _, _ in rest} == EXEMPLARY
    assert all(attention == "sans alerte" and not found for _, attention, found in rest)
    # the exemplary ones in the documented order too: balance, then incantations, then path
    assert examples.documents == sorted(examples.documents, key=rank_key)
    assert examples.documents[-1].path == "note-rh-entretiens-annuels.txt"  # employees only
    assert [d.rank for d in examples.documents] == list(range(1, 14))
    assert all(d.status == "ok" for d in examples.documents)


def test_balance_and_promises_on_the_examples(examples):
    by_path = {d.path: d for d in examples.documents}
    plan = by_path["2025-09_plan-horizon-clients-2028.md"]
    assert plan.customers >= 10 and plan.employees == 2
    assert plan.balance == f"{plan.customers} : 2" and plan.employee_share < 0.2
    assert plan.incantations > plan.proofs > 0
    note = by_path["2026-06_mot-de-la-direction.md"]
    assert (note.customers, note.employees) == (3, 0)  # below the threshold: no finding
    assert note.incantation_share == 1.0 and note.proofs == 0
    hr = by_path["note-rh-entretiens-annuels.txt"]
    assert (hr.customers, hr.employees, hr.employee_share) == (0, 7, 1.0)
    follow_up = by_path["2026-03_horizon-point-etape.md"]
    assert follow_up.incantations == 0 and follow_up.proofs > plan.proofs
    rates = plan.scores["promise_vs_proof"]
    assert rates.neg_rate == pytest.approx(100 * plan.incantations / plan.words, abs=1e-3)


def test_corpus_view_on_the_examples(examples):
    corpus = examples.corpus
    assert corpus.dominant[0] == "promise_vs_proof"
    assert len(corpus.dominant) == 3
    assert set(corpus.missing) == {t.theme for t in corpus.themes if t.status == "absent"}
    assert list(corpus.matrix) == [d.path for d in examples.documents]
    assert all(set(row) == set(examples.themes) for row in corpus.matrix.values())
    assert corpus.matrix["note-objectifs-boutiques-T1.txt"]["care_vs_pressure"] < 0
    assert corpus.matrix["note-rh-entretiens-annuels.txt"]["tech_solutionism"] is None
    assert [p.period for p in corpus.timeline] == [
        "2025-09",
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
        "2026-03",
        "2026-04",
        "2026-05",
        "2026-06",
    ]
    assert corpus.undated == 3
    june = corpus.timeline[-1]
    assert june.documents == 2 and june.findings == 0
    assert corpus.timeline[0].findings == 2


def test_evidence_sentences_carry_their_marks_and_lines(examples):
    plan = examples.documents[0]
    text = (MEMOS / plan.path).read_text(encoding="utf-8")
    quoted = {s.text: s for s in plan.evidence}
    obliged = quoted[
        "Les conseillers devront rappeler chaque client ayant ouvert une réclamation dans les 24 heures."
    ]
    assert obliged.line == 21
    marks = {m.text: m for m in obliged.marks}
    assert marks["devront rappeler"].tone == "neg"
    assert marks["devront rappeler"].label.startswith("Obligation faite aux équipes")
    assert "Collaborateur absent du message" in obliged.reasons
    incantation = quoted["Ensemble, mettons le client au cœur de notre stratégie."]
    (mark,) = incantation.marks
    assert (mark.text, mark.tone) == ("client au cœur", "neg")
    assert mark.label.split(" · ")[0] == "Incantations, promesses sans actes"
    for sentence in plan.evidence:
        assert text[sentence.start : sentence.end] == sentence.text
        for mark in sentence.marks:
            assert text[mark.start : mark.end] == mark.text
    assert plan.evidence == sorted(plan.evidence, key=lambda s: s.start)
    assert len(plan.evidence) == 10 < plan.evidence_total


def test_sentence_bounds_cut_on_punctuation_and_lines():
    text = "Titre\n\nPremière phrase. Deuxième !  Troisième… « Quatre. »\n"
    assert [text[a:b] for a, b in sentence_bounds(text)] == [
        "Titre",
        "Première phrase.",
        "Deuxième !",
        "Troisième…",
        "« Quatre. »",
    ]


# ---------------------------------------------------------------- every format, broken files


def _docx(path: Path, lines: list[str]) -> None:
    from docx import Document

    document = Document()
    for line in lines:
        document.add_paragraph(line)
    document.core_properties.created = datetime.datetime(2026, 2, 3, 9, 0)
    document.save(str(path))


def _pdf(path: Path, lines: list[str]) -> None:
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"pdf.fonttype": 42}):  # TrueType: pypdf can extract the text
        figure = Figure(figsize=(8.27, 11.69))
        for number, line in enumerate(lines):
            figure.text(0.06, 0.95 - number * 0.03, line, fontsize=10)
        created = datetime.datetime(2026, 4, 2, tzinfo=datetime.UTC)
        figure.savefig(path, format="pdf", metadata={"CreationDate": created})


def _odt(path: Path, lines: list[str]) -> None:
    paragraphs = "".join(f"<text:p>{line}</text:p>" for line in lines)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:text>{paragraphs}</office:text></office:body>"
        "</office:document-content>"
    )
    meta = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.2">'
        "<office:meta><meta:creation-date>2026-01-15T10:00:00</meta:creation-date></office:meta>"
        "</office:document-meta>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("meta.xml", meta, zipfile.ZIP_DEFLATED)


def _encrypted_pdf(path: Path, tmp: Path) -> None:
    from pypdf import PdfWriter

    plain = tmp / "plain.pdf"
    _pdf(plain, MEMO_LINES)
    writer = PdfWriter(clone_from=str(plain))
    writer.encrypt("secret")
    with path.open("wb") as stream:
        writer.write(stream)
    plain.unlink()


@pytest.fixture
def folder(tmp_path) -> Path:
    """One memo in every format, and the broken files a client's folder always holds."""
    root = tmp_path / "dossier"
    (root / "word").mkdir(parents=True)
    text = "\n".join(MEMO_LINES) + "\n"
    (root / "2025-10_note.txt").write_text(text, encoding="utf-8")
    (root / "note.md").write_text("# " + text, encoding="utf-8")
    body = "".join(f"<p>{line}</p>" for line in MEMO_LINES)
    (root / "note.html").write_text(
        f"<html><head><title>Note</title></head><body>{body}</body></html>", encoding="utf-8"
    )
    _docx(root / "word" / "note.docx", MEMO_LINES)
    _pdf(root / "note.pdf", MEMO_LINES)
    _odt(root / "note.odt", MEMO_LINES)
    (root / "word" / "abime.docx").write_bytes(b"PK\x03\x04 ceci n'est plus un document Word")
    _encrypted_pdf(root / "protege.pdf", tmp_path)
    (root / "vide.txt").write_bytes(b"")
    (root / "casse.odt").write_bytes(b"pas une archive")
    (root / "ignore.csv").write_text("a,b\n1,2\n", encoding="utf-8")  # not a document type
    return root


READABLE = {
    "2025-10_note.txt": ("txt", "2025-10"),
    "note.md": ("md", None),
    "note.html": ("html", None),
    "word/note.docx": ("docx", "2026-02-03"),
    "note.pdf": ("pdf", "2026-04-02"),
    "note.odt": ("odt", "2026-01-15"),
}
BROKEN = {
    "word/abime.docx": "fichier Word illisible (corrompu ou chiffré ?)",
    "protege.pdf": "fichier PDF chiffré (protégé par mot de passe) : exportez-le sans mot de passe",
    "casse.odt": "fichier OpenDocument illisible (corrompu ou chiffré ?)",
    "vide.txt": "fichier vide : aucun texte à analyser",
}


def test_every_format_is_read_and_every_broken_file_gets_its_row(shipped_engine, folder):
    report = audit([folder], shipped_engine)
    rows = {d.path: d for d in report.documents}
    assert set(rows) == set(READABLE) | set(BROKEN)
    for path, (fmt, date) in READABLE.items():
        doc = rows[path]
        assert (doc.status, doc.format, doc.date) == ("ok", fmt, date), path
        assert [(f.rule, f.severity) for f in doc.findings] == [("employee_absent", "warning")], (
            path
        )
        assert (doc.customers, doc.employees) == (6, 1), path
        assert doc.incantations == 1.5, path  # «client au cœur» weighs 1.5
        assert doc.words >= 50, path
    for path, message in BROKEN.items():
        doc = rows[path]
        assert doc.status == ("empty" if path == "vide.txt" else "error"), path
        assert doc.error == message, path
        assert doc.rank is None and doc.attention == "non lu"
    # unreadable files close the ranking, readable ones are numbered from 1
    assert [d.path for d in report.documents[-4:]] == [
        "casse.odt",
        "protege.pdf",
        "vide.txt",
        "word/abime.docx",
    ]
    assert sorted(d.rank for d in report.readable) == list(range(1, 7))
    detail = rows["protege.pdf"].detail
    assert detail.startswith("protege.pdf: the PDF is encrypted")  # no local path in the report
    pdf = rows["note.pdf"]
    assert pdf.evidence and all(s.page == 1 for s in pdf.evidence)


def test_include_and_exclude_globs(shipped_engine, folder):
    only_word = audit([folder], shipped_engine, include=["*.docx"])
    assert [d.path for d in only_word.documents] == ["word/note.docx", "word/abime.docx"]
    without = audit([folder], shipped_engine, exclude=["*/word/*", "*.pdf", "*.odt"])
    assert {d.path for d in without.documents} == {
        "2025-10_note.txt",
        "note.md",
        "note.html",
        "vide.txt",
    }


# ---------------------------------------------------------------- the CLI


def test_cli_table_on_the_examples(capsys, cli_engine):
    code, out, err = run(capsys, "audit", MEMOS, "--quiet")
    assert code == 0 and err == ""
    assert "Audit culture client" in out and "13 documents (13 lus" in out
    ranking = [
        line
        for line in out.splitlines()
        if line.startswith("│") and (".md" in line or ".txt" in line)
    ]
    assert "2025-09_plan-horizon-clients-2028.md" in ranking[0]
    assert "Thèmes dominants : Promesse ou preuve" in out
    assert "Dans le temps (par mois)" in out


def test_cli_csv_json_md_outputs(capsys, cli_engine, tmp_path, examples):
    code, out, _ = run(capsys, "audit", MEMOS, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["fichier"] for r in rows] == [d.path for d in examples.documents]
    first = rows[0]
    assert first["rang"] == "1" and first["attention"] == "prioritaire"
    assert first["equilibre_clients_collaborateurs"] == examples.documents[0].balance
    assert first["regles"] == "employee_absent;irritant_displacement"
    assert "promise_vs_proof_neg" in first and float(first["promise_vs_proof_neg"]) > 0

    target = tmp_path / "audit.json"
    code, out, _ = run(capsys, "audit", MEMOS, "--output", target)  # format from the suffix
    assert code == 0 and out == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["schema"] == "cultureclient.audit/1"
    assert [d["path"] for d in data["documents"]] == [d.path for d in examples.documents]
    assert data["corpus"]["undated"] == 3
    assert data["labels"]["promise_vs_proof"] == "Promesse ou preuve"
    assert data["documents"][0]["evidence"][0]["marks"]

    code, out, _ = run(capsys, "audit", MEMOS, "-f", "md")
    assert code == 0
    assert out.startswith("# Audit culture client")
    assert "## Classement" in out and "## Matrice documents × thèmes" in out
    assert "### 1. 2025-09\\_plan-horizon-clients-2028.md" in out
    assert "**client au cœur** _(Incantations, promesses sans actes)_" in out


def test_cli_broken_files_exit_0_with_warnings(capsys, cli_engine, folder, tmp_path):
    target = tmp_path / "audit.csv"
    code, out, err = run(capsys, "audit", folder, "-o", target, "--quiet")
    assert code == 0 and out == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == len(READABLE) + len(BROKEN)
    errors = {r["fichier"]: r["erreur"] for r in rows if r["statut"] != "lu"}
    assert errors == BROKEN
    assert sorted(err.splitlines()) == sorted(
        f"cultureclient: warning: {path}: {message}" for path, message in BROKEN.items()
    )


def test_cli_bad_input_exits_2(capsys, cli_engine, tmp_path):
    code, _, err = run(capsys, "audit", tmp_path / "absent")
    assert code == 2 and "no such file or folder" in err
    (tmp_path / "vide").mkdir()
    code, _, err = run(capsys, "audit", tmp_path / "vide")
    assert code == 2 and "no document to audit" in err
    code, _, err = run(capsys, "audit", MEMOS, "--format", "pdf")
    assert code == 2 and "unknown format" in err
    code, _, err = run(capsys, "audit", MEMOS, "--output", tmp_path / "audit.xlsx")
    assert code == 2 and "cannot tell the format" in err
    assert not (tmp_path / "audit.xlsx").exists()
    code, _, err = run(capsys, "audit", MEMOS, "--kind", "tweet")
    assert code == 2


def test_cli_lexicon_option(capsys, tmp_path):
    (tmp_path / "avis.txt").write_text(
        "Ils me harcèlent au téléphone pour placer leurs produits.\n", encoding="utf-8"
    )
    code, out, _ = run(
        capsys, "audit", tmp_path, "--lexicon", DEMO_LEXICON, "--only-lexicons", "-f", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["themes"] == ["pressure_demo"]
    assert data["documents"][0]["rates"]["pressure_demo"]["-"] > 0


# ---------------------------------------------------------------- the HTML report


class _Outline(HTMLParser):
    """Collect what the report is made of: sections, charts, marks, links and sources."""

    def __init__(self) -> None:
        super().__init__()
        self.documents: list[str] = []
        self.sections: list[str] = []
        self.svgs = 0
        self.marks: list[str] = []
        self.urls: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.add(tag)
        classes = (attributes.get("class") or "").split()
        if tag == "section":
            self.sections.append(attributes.get("id") or "")
            if "document" in classes:
                self.documents.append(attributes["id"])
        if tag == "svg":
            self.svgs += 1
        if tag == "mark":
            self.marks.append(classes[0])
        for name in ("href", "src", "xlink:href"):
            if attributes.get(name):
                self.urls.append(attributes[name])


def test_html_report_is_one_offline_file(examples):
    out = io.StringIO()
    html_report.write(examples, out)
    page = out.getvalue()
    outline = _Outline()
    outline.feed(page)
    outline.close()
    assert "http" not in page
    assert not outline.tags & {"script", "link", "img", "iframe", "object"}
    assert all(url.startswith(("#", "data:image/png;base64,")) for url in outline.urls)
    assert {"synthese", "matrice", "equilibre", "promesses", "temps", "documents"} <= set(
        outline.sections
    )
    assert len(outline.documents) == len(examples.documents) == len(set(outline.documents))
    assert outline.svgs == 4  # heatmap, balance, promises, timeline
    assert {"neg", "pos", "cue"} <= set(outline.marks)
    for position, doc in enumerate(examples.documents, 1):
        assert f'href="#{outline.documents[position - 1]}"' in page
        assert f"{doc.rank}. {doc.path}" in page
    assert page.count('aria-label="Matrice documents × thèmes"') == 1


def test_html_escapes_the_documents_text(shipped_engine, tmp_path):
    (tmp_path / "note.txt").write_text(
        "Nos clients <script>alert('x')</script> & nos usagers.\n"
        "Les clients d'abord, toujours nos clients.\n",
        encoding="utf-8",
    )
    (tmp_path / "<u>.txt").write_text("", encoding="utf-8")
    report = audit([tmp_path], shipped_engine)
    out = io.StringIO()
    html_report.write(report, out)
    page = out.getvalue()
    assert "<script>" not in page and "<u>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; nos" in page
    assert "&lt;u&gt;.txt" in page
    markdown = io.StringIO()
    md_report.write(report, markdown)
    assert "\\<u\\>.txt" in markdown.getvalue()


def test_html_report_renders_in_headless_chromium(shipped_engine, tmp_path, capsys, cli_engine):
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium is not installed")
    report = tmp_path / "audit.html"
    code, _, _ = run(capsys, "audit", MEMOS, "--output", report)
    assert code == 0
    shot = tmp_path / "x.png"
    completed = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=1280,2000",
            report.as_uri(),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr.decode(errors="replace")[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 50_000  # a rendered page, not a blank one
