"""``cultureclient lexicon``: list, show, validate and test the theme lexicons."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from cultureclient.cli import EXIT_FINDINGS, EXIT_OK, app
from cultureclient.render.console import wide

lexicon_app = typer.Typer(
    help="List, show, validate and test theme lexicons (the shipped ones and yours).",
    no_args_is_help=True,
)
app.add_typer(lexicon_app, name="lexicon")

Paths = Annotated[
    list[str] | None,
    typer.Argument(help="Theme files or folders (default: the shipped lexicons)."),
]


def _load(paths: list[str] | None):
    from pathlib import Path

    from cultureclient.lexicon.loader import load

    return load([Path(p) for p in paths or ()], include_shipped=not paths)


@lexicon_app.command("list")
def list_themes(paths: Paths = None) -> None:
    """List the themes: id, label, kinds, poles and entry counts."""
    themes = _load(paths)
    table = Table(header_style="bold")
    for column in ("thème", "rôle", "libellé", "types de texte", "entrées +", "entrées −"):
        table.add_column(column, no_wrap=column == "thème")
    for tid, loaded in sorted(themes.items()):
        theme = loaded.theme
        pos = sum(e.pole == "+" for e in theme.entries)
        table.add_row(
            tid,
            theme.role,
            theme.label,
            ", ".join(theme.kinds),
            str(pos),
            str(len(theme.entries) - pos),
        )
    wide().print(table)


@lexicon_app.command("show")
def show(
    theme_id: Annotated[str, typer.Argument(help="The theme id, e.g. care_vs_pressure.")],
    paths: Paths = None,
) -> None:
    """Show one theme: its poles, and each entry with its phrase or pattern and policy."""
    from cultureclient.errors import ConfigError

    themes = _load(paths)
    if theme_id not in themes:
        raise ConfigError(f"no theme {theme_id!r}; themes are: {', '.join(sorted(themes))}")
    theme = themes[theme_id].theme
    console = wide()
    console.print(f"[bold]{theme.id}[/] — {theme.label} ({', '.join(theme.kinds)})")
    console.print(theme.description.strip())
    for pole, spec in theme.poles.items():
        console.print(f"  pôle {pole}: {spec.label}")
    table = Table(header_style="bold")
    for column in ("entrée", "pôle", "forme", "négation", "poids", "exemple"):
        table.add_column(column, overflow="fold")
    for entry in theme.entries:
        form = " | ".join(entry.phrases()) if entry.phrase is not None else str(entry.pattern)
        table.add_row(
            entry.id, entry.pole, form, entry.negation, f"{entry.weight:g}", entry.match[0]
        )
    console.print(table)


@lexicon_app.command("validate")
def validate(paths: Paths = None) -> None:
    """Check lexicon files against the schema; every problem with its file and line."""
    themes = _load(paths)
    entries = sum(len(t.theme.entries) for t in themes.values())
    typer.echo(f"ok: {len(themes)} themes, {entries} entries")


@lexicon_app.command("test")
def test(paths: Paths = None) -> None:
    """Run every match and no_match example; exit 1 listing each failure."""
    from cultureclient.lexicon.testing import run_examples

    themes = _load(paths)
    outcomes = run_examples(themes.values())
    failures = [o for o in outcomes if not o.passed]
    for outcome in failures:
        ex = outcome.example
        typer.echo(f"FAIL {ex.name}: «{ex.sentence}» — {outcome.explain()}")
    per_theme: dict[str, list[int]] = {}
    for outcome in outcomes:
        counts = per_theme.setdefault(outcome.example.theme, [0, 0])
        counts[0 if outcome.passed else 1] += 1
    for tid, (passed, failed) in sorted(per_theme.items()):
        typer.echo(f"{tid}: {passed} passed, {failed} failed")
    typer.echo(f"{len(outcomes) - len(failures)} passed, {len(failures)} failed")
    raise typer.Exit(EXIT_FINDINGS if failures else EXIT_OK)
