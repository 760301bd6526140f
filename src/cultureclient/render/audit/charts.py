"""The charts of the HTML report, drawn with matplotlib and returned as inline SVG.

The report must open offline, years later, on a client's laptop: each chart is plain SVG
markup placed in the page, its text kept as text (searchable, sharp when printed), without
the namespace, DOCTYPE and metadata URLs matplotlib writes for standalone files. Figures are
built with ``matplotlib.figure.Figure`` rather than pyplot, so no global state is left behind
and nothing needs closing; each chart has its own id salt so that ids never collide in a page.
"""

from __future__ import annotations

import html
import io
import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from cultureclient.audit.records import AuditReport, DocumentProfile

if TYPE_CHECKING:
    from matplotlib.figure import Figure

CUSTOMER_COLOUR = "#d1603d"
EMPLOYEE_COLOUR = "#2a7f8f"
INCANTATION_COLOUR = "#c0392b"
PROOF_COLOUR = "#3c8d4f"
NAME_WIDTH = 42
_RC = {
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def short(name: str, width: int = NAME_WIDTH) -> str:
    """Shorten a document name for an axis label, keeping its end (the file name)."""
    return name if len(name) <= width else "…" + name[-(width - 1) :]


def _svg(figure: Figure, label: str) -> str:
    """Return a figure as SVG markup fit for inlining: no URL, scalable, labelled."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    svg = re.sub(r'\s+xmlns(?::\w+)?="[^"]*"', "", svg)
    svg = re.sub(r'(<svg\b[^>]*?)\s+width="[^"]*"\s+height="[^"]*"', r"\1", svg, count=1)
    attributes = f'<svg class="chart" role="img" aria-label="{html.escape(label)}"'
    return svg.replace("<svg", attributes, 1).strip()


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _render(name: str, label: str, draw: Callable[[], Figure]) -> str:
    import matplotlib

    with matplotlib.rc_context({**_RC, "svg.hashsalt": f"cultureclient-{name}"}):
        return _svg(draw(), label)


def heatmap(report: AuditReport) -> str | None:
    """Draw the documents × themes matrix: net rate per 100 words, green +, red −."""
    docs = report.readable
    if not docs:
        return None

    def draw() -> Figure:
        import numpy as np
        from matplotlib import colormaps
        from matplotlib.colors import TwoSlopeNorm

        themes = report.themes
        values = np.array(
            [
                [math.nan if (v := report.corpus.matrix[d.path][t]) is None else v for t in themes]
                for d in docs
            ]
        )
        finite = np.abs(values[~np.isnan(values)])
        limit = max(float(finite.max()) if finite.size else 0.0, 0.5)
        cmap = colormaps["RdYlGn"].with_extremes(bad="#f1f1f1")
        figure = _figure(3.2 + 0.62 * len(themes), 1.9 + 0.36 * len(docs))
        axes = figure.add_subplot()
        mesh = axes.pcolormesh(
            np.ma.masked_invalid(values),
            cmap=cmap,
            norm=TwoSlopeNorm(0.0, -limit, limit),
            edgecolors="white",
            linewidth=1.5,
        )
        for row, doc_values in enumerate(values):
            for column, value in enumerate(doc_values):
                if not math.isnan(value):
                    text = "0" if abs(value) < 0.05 else f"{value:+.1f}".replace(".", ",")
                    dark = abs(value) > 0.6 * limit
                    axes.text(
                        column + 0.5,
                        row + 0.5,
                        text,
                        ha="center",
                        va="center",
                        fontsize=9,
                        color="white" if dark else "#222222",
                    )
        axes.set_xticks(np.arange(len(themes)) + 0.5, [report.labels[t] for t in themes])
        axes.tick_params(axis="x", labelrotation=40, labelsize=10)
        for tick in axes.get_xticklabels():
            tick.set_horizontalalignment("right")
            tick.set_rotation_mode("anchor")
        axes.set_yticks(np.arange(len(docs)) + 0.5, _names(docs))
        axes.invert_yaxis()
        axes.tick_params(length=0)
        for spine in axes.spines.values():
            spine.set_visible(False)
        bar = figure.colorbar(mesh, ax=axes, shrink=0.6, pad=0.01)
        bar.set_label("taux net pour 100 mots (pôle + moins pôle −)")
        return figure

    return _render("heatmap", "Matrice documents × thèmes", draw)


def _names(docs: list[DocumentProfile]) -> list[str]:
    return [f"{d.rank}. {short(d.path)}" for d in docs]


def balance(report: AuditReport) -> str | None:
    """Draw the customers and employees named in each document, face to face."""
    docs = report.readable
    if not docs:
        return None

    def draw() -> Figure:
        figure = _figure(9.0, 1.3 + 0.38 * len(docs))
        axes = figure.add_subplot()
        rows = range(len(docs))
        axes.barh(
            rows, [-d.employees for d in docs], color=EMPLOYEE_COLOUR, label="collaborateurs nommés"
        )
        axes.barh(rows, [d.customers for d in docs], color=CUSTOMER_COLOUR, label="clients nommés")
        widest = max(max(d.customers, d.employees) for d in docs) or 1
        for row, doc in enumerate(docs):
            axes.text(widest * 1.08, row, doc.balance, va="center", fontsize=9, color="#333333")
        axes.set_xlim(-widest * 1.05, widest * 1.3)
        axes.axvline(0, color="#555555", linewidth=0.8)
        axes.set_yticks(list(rows), _names(docs))
        axes.invert_yaxis()
        axes.xaxis.set_major_formatter(lambda value, _: f"{abs(value):g}")
        axes.set_xlabel("← collaborateurs nommés   |   clients nommés →")
        axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, frameon=False)
        return figure

    return _render("balance", "Équilibre clients : collaborateurs par document", draw)


def promises(report: AuditReport) -> str | None:
    """Draw incantations and proofs (promise_vs_proof) per document, stacked."""
    docs = report.readable
    if not docs:
        return None

    def draw() -> Figure:
        figure = _figure(9.0, 1.3 + 0.38 * len(docs))
        axes = figure.add_subplot()
        rows = range(len(docs))
        incantations = [d.incantations for d in docs]
        axes.barh(rows, incantations, color=INCANTATION_COLOUR, label="incantations")
        axes.barh(
            rows, [d.proofs for d in docs], left=incantations, color=PROOF_COLOUR, label="preuves"
        )
        axes.set_yticks(list(rows), _names(docs))
        axes.invert_yaxis()
        axes.set_xlabel("occurrences pondérées")
        axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, frameon=False)
        return figure

    return _render("promises", "Incantations et preuves par document", draw)


def timeline(report: AuditReport) -> str | None:
    """Draw, month by month, the findings and the shares of employees and incantations."""
    periods = report.corpus.timeline
    if len(periods) < 2:
        return None

    def draw() -> Figure:
        from matplotlib.ticker import MaxNLocator

        figure = _figure(9.0, 3.6)
        axes = figure.add_subplot()
        months = [p.period for p in periods]
        axes.bar(months, [p.findings for p in periods], color="#d9d9d9", label="constats")
        axes.set_ylabel("constats")
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        shares = axes.twinx()
        shares.spines["right"].set_visible(True)

        def line(values: list[float | None], colour: str, label: str) -> None:
            points = [(m, v * 100) for m, v in zip(months, values, strict=True) if v is not None]
            if points:
                shares.plot(*zip(*points, strict=True), marker="o", color=colour, label=label)

        line([p.employee_share for p in periods], EMPLOYEE_COLOUR, "part des collaborateurs (%)")
        line(
            [p.incantation_share for p in periods], INCANTATION_COLOUR, "part des incantations (%)"
        )
        shares.set_ylim(0, 105)
        shares.set_ylabel("%")
        axes.tick_params(axis="x", labelrotation=30)
        handles = axes.get_legend_handles_labels()
        more = shares.get_legend_handles_labels()
        shares.legend(
            handles[0] + more[0],
            handles[1] + more[1],
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            ncols=3,
            frameon=False,
        )
        return figure

    return _render("timeline", "Évolution mensuelle", draw)
