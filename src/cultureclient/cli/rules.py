"""``cultureclient rules``: what each check rule looks for, why, and its default severity."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from cultureclient.cli import app
from cultureclient.render.console import wide


@app.command()
def rules(
    rule_id: Annotated[
        str | None, typer.Argument(help="A rule id for its full explanation.")
    ] = None,
) -> None:
    """List the rules of `check` (id, default severity, source), or explain one.

    For example:

        cultureclient rules

        cultureclient rules employee_absent

    """
    from cultureclient.rules import RULES, rule

    console = wide()
    if rule_id is not None:
        found = rule(rule_id)
        console.print(f"[bold]{found.id}[/] ({found.severity}, source: {found.source})")
        console.print(escape(found.explanation))
        example = (
            found.message.format(text="…") if "{text}" in found.message and found.theme else ""
        )
        if example:
            console.print(f"\nMessage : {escape(example)}")
        return
    table = Table(header_style="bold")
    for column in ("règle", "sévérité", "source", "ce qu'elle dit"):
        table.add_column(column, overflow="fold")
    for r in RULES:
        table.add_row(r.id, r.severity, r.source, escape(r.explanation.split(". ")[0] + "."))
    console.print(table)
