"""The HTML report of an audit: one self-contained file a consultant hands to a client.

Everything is in the file: the styles, the charts (inline SVG), the text. There is no
script, no web font and no address to fetch, so the report opens offline, prints as it
shows, and cannot leak anything when it is opened. Every piece of text that comes from the
documents or the lexicons goes through ``html.escape``.
"""

from __future__ import annotations

from html import escape
from typing import TextIO

from cultureclient.audit import labels
from cultureclient.audit.ranking import CLEAR, ORDER, PRIORITY, UNREAD, WATCH
from cultureclient.audit.records import AuditReport, DocumentProfile, EvidenceSentence
from cultureclient.render.audit import charts
from cultureclient.render.audit.common import (
    anchor,
    main_label,
    number,
    percent,
    segments,
    where,
)

_ATTENTION_CLASS = {PRIORITY: "priority", WATCH: "watch", CLEAR: "clear", UNREAD: "unread"}

STYLE = """
:root { --ink:#1f2328; --muted:#5f6b76; --line:#d8dee4; --soft:#f6f8fa; --accent:#1d4e6b;
  --neg:#fbd3cb; --neg-ink:#8a1c0c; --pos:#d3efd8; --pos-ink:#1d5c2c; --cue:#fdf0c2; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: var(--ink);
  background: #fff; }
header { background: var(--accent); color: #fff; padding: 28px 40px 22px; }
header h1 { margin: 0 0 4px; font-size: 26px; }
header p { margin: 0; opacity: .9; }
nav { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line);
  padding: 8px 40px; font-size: 14px; z-index: 1; }
nav a { margin-right: 18px; color: var(--accent); text-decoration: none; }
main { max-width: 1180px; margin: 0 auto; padding: 8px 40px 40px; }
h2 { font-size: 21px; margin: 36px 0 10px; padding-bottom: 6px; border-bottom: 2px solid var(--accent); }
h3 { font-size: 17px; margin: 22px 0 8px; }
p.note { color: var(--muted); font-size: 13px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { flex: 1 1 140px; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px;
  background: var(--soft); }
.card b { display: block; font-size: 26px; }
.card span { color: var(--muted); font-size: 13px; }
.card.priority b { color: #b42318; } .card.watch b { color: #9a6700; } .card.clear b { color: #1a7f37; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 14px; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num, td.date { text-align: right; white-space: nowrap; }
td.date { text-align: left; }
td a { color: var(--accent); }
.badge { display: inline-block; padding: 1px 9px; border-radius: 10px; font-size: 12.5px;
  font-weight: 600; white-space: nowrap; }
.badge.priority { background: #ffe1dc; color: #b42318; }
.badge.watch { background: #fff1c2; color: #7a5200; }
.badge.clear { background: #dcf5e3; color: #1a6b31; }
.badge.unread { background: #e6e8eb; color: #444; }
.tag { display: inline-block; margin: 0 3px 3px 0; padding: 0 7px; border-radius: 9px; font-size: 12.5px;
  background: var(--soft); border: 1px solid var(--line); }
figure { margin: 10px 0 18px; }
svg.chart { width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 13px; }
section.document { border: 1px solid var(--line); border-radius: 10px; padding: 4px 22px 14px;
  margin: 22px 0; }
section.document h3 { display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap; }
section.document .meta { color: var(--muted); font-size: 13.5px; margin-top: -4px; }
ul.findings { padding-left: 0; list-style: none; }
ul.findings li { border-left: 4px solid #b42318; background: #fff6f4; padding: 8px 12px; margin: 8px 0; }
ul.findings li.info { border-color: #bf8700; background: #fffaeb; }
ol.evidence { padding-left: 22px; }
ol.evidence li { margin: 8px 0; }
ol.evidence .where { color: var(--muted); font-size: 12.5px; margin-right: 6px; }
mark { border-radius: 3px; padding: 0 2px; color: inherit; }
mark.neg { background: var(--neg); box-shadow: inset 0 -2px 0 #e0826f; }
mark.pos { background: var(--pos); box-shadow: inset 0 -2px 0 #7cc38b; }
mark.cue { background: var(--cue); }
mark small { font-size: 10.5px; color: var(--muted); margin-left: 4px; font-weight: 600; }
mark.neg small { color: var(--neg-ink); } mark.pos small { color: var(--pos-ink); }
.legend mark { margin-right: 10px; }
.error { color: #8a1c0c; }
footer { color: var(--muted); font-size: 12.5px; text-align: center; padding: 20px; }
@media print {
  nav { display: none; } header { background: none; color: var(--ink); padding: 0 0 10px; }
  section.document { break-inside: avoid-page; } #documents { break-before: page; }
  main { max-width: none; padding: 0; }
}
"""


def _summary(report: AuditReport) -> str:
    docs = report.documents
    counts = {a: sum(d.attention == a for d in docs) for a in (PRIORITY, WATCH, CLEAR, UNREAD)}
    cards = [
        f'<div class="card"><b>{len(docs)}</b><span>documents</span></div>',
        f'<div class="card"><b>{len(report.readable)}</b><span>lus et analysés</span></div>',
    ]
    for attention, count in counts.items():
        if count or attention != UNREAD:
            cards.append(
                f'<div class="card {_ATTENTION_CLASS[attention]}"><b>{count}</b>'
                f"<span>{escape(attention)}</span></div>"
            )
    dominant = "".join(
        f'<span class="tag">{escape(report.labels[t])}</span>' for t in report.corpus.dominant
    )
    missing = "".join(
        f'<span class="tag">{escape(report.labels[t])}</span>' for t in report.corpus.missing
    )
    return (
        '<section id="synthese" class="summary"><h2>Synthèse</h2>'
        f'<div class="cards">{"".join(cards)}</div>'
        f"<p><strong>Thèmes dominants :</strong> {dominant or 'aucun'}</p>"
        f"<p><strong>Thèmes absents du corpus :</strong> {missing or 'aucun'}</p>"
        + _ranking(report)
        + _themes(report)
        + "</section>"
    )


def _ranking(report: AuditReport) -> str:
    rows = []
    for position, doc in enumerate(report.documents, 1):
        ok = doc.status == "ok"
        found = ", ".join(escape(labels.short_rule(f.rule)) for f in doc.findings) or "—"
        if not ok:
            found = f'<span class="error">{escape(doc.error or "")}</span>'
        rows.append(
            "<tr>"
            f'<td class="num">{doc.rank or "—"}</td>'
            f'<td><a href="#{anchor(position, doc)}">{escape(doc.path)}</a></td>'
            f'<td class="date">{escape(doc.date or "")}</td>'
            f'<td><span class="badge {_ATTENTION_CLASS.get(doc.attention, "unread")}">'
            f"{escape(doc.attention)}</span></td>"
            f"<td>{found}</td>"
            f'<td class="num">{escape(doc.balance) if ok else ""}</td>'
            f'<td class="num">{percent(doc.incantation_share) if ok else ""}</td>'
            "</tr>"
        )
    head = (
        '<tr><th class="num">rang</th><th>document</th><th>date</th><th>attention</th>'
        '<th>constats</th><th class="num">clients : collab.</th><th class="num">incantations</th></tr>'
    )
    return (
        f'<h3>Classement</h3><table class="ranking"><thead>{head}</thead>'
        f'<tbody>{"".join(rows)}</tbody></table><p class="note">{escape(ORDER)}</p>'
    )


def _themes(report: AuditReport) -> str:
    rows = []
    for theme in sorted(report.corpus.themes, key=lambda t: (-t.rate, t.label)):
        status = {"dominant": "dominant", "absent": "absent"}.get(theme.status, "")
        rows.append(
            f'<tr><td>{escape(theme.label)}</td><td class="num">{theme.documents_pos}</td>'
            f'<td class="num">{theme.documents_neg}</td><td class="num">{number(theme.pos_rate)}</td>'
            f'<td class="num">{number(theme.neg_rate)}</td><td>{status}</td></tr>'
        )
    head = (
        '<tr><th>thème</th><th class="num">docs +</th><th class="num">docs −</th>'
        '<th class="num">taux + /100 mots</th><th class="num">taux − /100 mots</th><th></th></tr>'
    )
    return f"<h3>Thèmes du corpus</h3><table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _chart(section_id: str, title: str, svg: str | None, caption: str, extra: str = "") -> str:
    if svg is None:
        return ""
    return (
        f'<section id="{section_id}" class="chart-section"><h2>{escape(title)}</h2>'
        f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>{extra}</section>"
    )


def _timeline_table(report: AuditReport) -> str:
    rows = "".join(
        f'<tr><td>{escape(p.period)}</td><td class="num">{p.documents}</td>'
        f'<td class="num">{p.findings}</td><td class="num">{p.customers} : {p.employees}</td>'
        f'<td class="num">{percent(p.employee_share)}</td><td class="num">{percent(p.incantation_share)}</td></tr>'
        for p in report.corpus.timeline
    )
    head = (
        '<tr><th>mois</th><th class="num">documents</th><th class="num">constats</th>'
        '<th class="num">clients : collab.</th><th class="num">part des collaborateurs</th>'
        '<th class="num">part des incantations</th></tr>'
    )
    undated = report.corpus.undated
    note = (
        f'<p class="note">{undated} document(s) sans date ne figurent pas ici.</p>'
        if undated
        else ""
    )
    return f"<table><thead>{head}</thead><tbody>{rows}</tbody></table>{note}"


def _sentence(sentence: EvidenceSentence) -> str:
    pieces = []
    for text, mark in segments(sentence):
        if mark is None:
            pieces.append(escape(text))
        else:
            # The tag names the most telling reason only (all of them are in the tooltip); the
            # customer mentions, many in a memo, speak through their colour alone.
            first = main_label(mark)
            tag = "" if first == labels.CUSTOMER_MENTION else f"<small>{escape(first)}</small>"
            pieces.append(
                f'<mark class="{escape(mark.tone)}" title="{escape(mark.label)}">{escape(text)}'
                f"{tag}</mark>"
            )
    return f'<li><span class="where">{escape(where(sentence))}</span>{"".join(pieces)}</li>'


def _profile(report: AuditReport, doc: DocumentProfile) -> str:
    rows = "".join(
        f'<tr><td>{escape(report.labels[t])}</td><td class="num">{number(s.pos_rate)}</td>'
        f'<td class="num">{number(s.neg_rate)}</td></tr>'
        for t, s in doc.scores.items()
        if s.pos or s.neg
    )
    if not rows:
        return '<p class="note">Aucun thème détecté.</p>'
    head = '<tr><th>thème</th><th class="num">+ /100 mots</th><th class="num">− /100 mots</th></tr>'
    return f'<table class="profile"><thead>{head}</thead><tbody>{rows}</tbody></table>'


def _document(report: AuditReport, position: int, doc: DocumentProfile) -> str:
    badge = (
        f'<span class="badge {_ATTENTION_CLASS.get(doc.attention, "unread")}">'
        f"{escape(doc.attention)}</span>"
    )
    head = (
        f'<section class="document" id="{anchor(position, doc)}">'
        f"<h3>{f'{doc.rank}. ' if doc.rank else ''}{escape(doc.path)} {badge}</h3>"
    )
    kind = escape(labels.FORMATS.get(doc.format, doc.format))
    if doc.status != "ok":
        detail = f'<p class="note">{escape(doc.detail)}</p>' if doc.detail else ""
        return (
            f'{head}<p class="meta">{kind}, {escape(doc.date or "sans date")}</p>'
            f'<p class="error">Non audité : {escape(doc.error or "")}</p>{detail}</section>'
        )
    meta = (
        f'<p class="meta">{kind} · {escape(doc.date or "sans date")} · {doc.words} mots · '
        f"clients : collaborateurs <strong>{escape(doc.balance)}</strong> · incantations "
        f"{percent(doc.incantation_share)} ({number(doc.incantations)} incantation(s), "
        f"{number(doc.proofs)} preuve(s))</p>"
    )
    findings = "".join(
        f'<li class="{escape(f.severity)}"><strong>{escape(labels.rule(f.rule))}</strong> '
        f"({escape(labels.SEVERITIES[f.severity])}) : {escape(f.message)}</li>"
        for f in doc.findings
    )
    findings_html = (
        f'<ul class="findings">{findings}</ul>'
        if findings
        else '<p class="note">Aucun constat.</p>'
    )
    evidence = ""
    if doc.evidence:
        items = "".join(_sentence(s) for s in doc.evidence)
        evidence = (
            f"<h4>Phrases de preuve ({len(doc.evidence)} sur {doc.evidence_total})</h4>"
            f'<ol class="evidence">{items}</ol>'
        )
    return f"{head}{meta}{findings_html}{_profile(report, doc)}{evidence}</section>"


def _documents(report: AuditReport) -> str:
    legend = (
        '<p class="legend note"><mark class="neg">signal négatif</mark>'
        '<mark class="pos">signal positif</mark><mark class="cue">repère : mention des clients, simplification</mark></p>'
    )
    body = "".join(_document(report, n, d) for n, d in enumerate(report.documents, 1))
    return f'<section id="documents"><h2>Documents</h2>{legend}{body}</section>'


def write(report: AuditReport, out: TextIO) -> None:
    """Write the report as one HTML document."""
    title = f"Audit culture client — {report.source}"
    timeline_svg = charts.timeline(report)
    sections = [
        _summary(report),
        _chart(
            "matrice",
            "Matrice documents × thèmes",
            charts.heatmap(report),
            "Taux net pour 100 mots : vert quand le pôle positif l'emporte, rouge quand le pôle "
            "négatif l'emporte, gris quand le thème n'apparaît pas. Documents dans l'ordre du classement.",
        ),
        _chart(
            "equilibre",
            "Équilibre clients : collaborateurs",
            charts.balance(report),
            "Mentions nommées des clients et des collaborateurs dans chaque document.",
        ),
        _chart(
            "promesses",
            "Incantations et preuves",
            charts.promises(report),
            "Promesse ou preuve : incantations (« le client au cœur ») face aux engagements "
            "datés, portés et mesurables.",
        ),
    ]
    if report.corpus.timeline:
        caption = "Constats, part des collaborateurs parmi les personnes nommées et part des incantations, par mois."
        if timeline_svg is None:
            sections.append(
                f'<section id="temps"><h2>Dans le temps</h2>{_timeline_table(report)}</section>'
            )
        else:
            sections.append(
                _chart("temps", "Dans le temps", timeline_svg, caption, _timeline_table(report))
            )
    sections.append(_documents(report))
    links = [
        ("synthese", "Synthèse"),
        ("matrice", "Matrice"),
        ("equilibre", "Équilibre"),
        ("promesses", "Promesses"),
    ]
    if report.corpus.timeline:
        links.append(("temps", "Dans le temps"))
    links.append(("documents", "Documents"))
    nav = "".join(f'<a href="#{key}">{escape(text)}</a>' for key, text in links)
    out.write(
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<header><h1>Audit culture client</h1><p>{escape(report.source)} · "
        f"{len(report.documents)} documents · textes de type « {escape(report.kind)} »</p></header>\n"
        f"<nav>{nav}</nav>\n<main>\n"
        + "\n".join(s for s in sections if s)
        + "\n</main>\n<footer>Rapport produit par cultureclient audit. Chaque constat renvoie aux "
        "phrases qui le fondent.</footer>\n</body>\n</html>\n"
    )
