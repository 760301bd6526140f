"""The documentation keeps up with the code: every command has help and is in the README."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cultureclient.cli import _register, app

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands() -> list[str]:
    _register()
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    groups = [g.name for g in app.registered_groups]
    return sorted(names + groups)


@pytest.mark.parametrize("name", commands())
def test_command_is_documented_and_has_help(name):
    assert f"cultureclient {name}" in README
    proc = subprocess.run(
        [sys.executable, "-m", "cultureclient", name, "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Usage" in proc.stdout


def test_readme_opens_with_the_two_setup_commands():
    first_lines = README.splitlines()[:6]
    assert any(line.strip().startswith("make demo") for line in first_lines)
    assert any(line.strip().startswith("make test") for line in first_lines)
