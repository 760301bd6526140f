"""Finding and loading lexicon files, validating them, and merging user overrides.

Every problem in every file is collected before anything is reported, each with its file, line
and key path, so that a lexicon author fixes all of them in one round.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from cultureclient.errors import LexiconError
from cultureclient.lexicon.schema import Theme

# The C loader when PyYAML has it: lexicons are loaded at every start, so it matters.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class LoadedTheme:
    """A validated theme and the file it came from."""

    theme: Theme
    path: Path


def shipped_dir() -> Path:
    """Return the folder of the lexicons shipped with the package.

    In a wheel they live in ``cultureclient/lexicons``; in a source checkout (editable install)
    they are the repository's top-level ``lexicons/``.
    """
    packaged = Path(str(resources.files("cultureclient"))) / "lexicons"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "lexicons"


def theme_files(path: Path) -> list[Path]:
    """Return the theme files of a folder (sorted) or the file itself."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
    if path.is_file():
        return [path]
    raise LexiconError([f"{path}: no such lexicon file or folder"])


def _line_of(node: yaml.Node | None, loc: Sequence[Any]) -> int | None:
    """Follow a pydantic error location through the YAML node tree to a line number."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def _key_path(loc: Sequence[Any]) -> str:
    parts = [f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc]
    return "".join(parts).lstrip(".") or "(top)"


def _pattern_problems(theme: Theme) -> list[tuple[list[Any], str]]:
    """Validate token patterns with spaCy's own schema, only when there are some."""
    entries = [(i, e) for i, e in enumerate(theme.entries) if e.pattern is not None]
    if not entries:
        return []
    from spacy.schemas import validate_token_pattern

    return [
        (["entries", index, "pattern"], f"bad token pattern: {message}")
        for index, entry in entries
        for message in validate_token_pattern(entry.pattern)
    ]


def _located(path: Path, text: str, problems: list[tuple[list[Any], str]]) -> list[str]:
    """Give each problem its line: the YAML is composed again only when something is wrong."""
    root = yaml.compose(text, Loader=_Loader)
    return [
        f"{path}:{_line_of(root, loc)}: {_key_path(loc)}: {message}" for loc, message in problems
    ]


def load_file(path: Path) -> tuple[LoadedTheme | None, list[str]]:
    """Load and validate one theme file; return it (or None) and its problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [f"{path}: cannot read: {exc}"]
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        return None, [f"{where}: malformed YAML: {getattr(exc, 'problem', exc)}"]
    if not isinstance(data, dict):
        return None, [f"{path}:1: a theme file must be a mapping with id, label, entries…"]
    try:
        theme = Theme.model_validate(data)
    except ValidationError as exc:
        problems = [
            (
                [p for p in err["loc"] if not isinstance(p, str) or not p.startswith("function-")],
                err["msg"].removeprefix("Value error, "),
            )
            for err in exc.errors()
        ]
        return None, _located(path, text, problems)
    problems = _pattern_problems(theme)
    if theme.id != path.stem:
        problems.append((["id"], f"{theme.id!r} must equal the file name"))
    if problems:
        return None, _located(path, text, problems)
    return LoadedTheme(theme, path), []


def load(extra: Iterable[Path] = (), include_shipped: bool = True) -> dict[str, LoadedTheme]:
    """Load the shipped themes, then each extra file or folder, later ones overriding by id.

    Raises ``LexiconError`` listing every problem found in every file.
    """
    sources = ([shipped_dir()] if include_shipped else []) + [Path(p) for p in extra]
    themes: dict[str, LoadedTheme] = {}
    problems: list[str] = []
    for source in sources:
        try:
            files = theme_files(source)
        except LexiconError as exc:
            problems.extend(exc.problems)
            continue
        seen_here: dict[str, Path] = {}
        for file in files:
            loaded, file_problems = load_file(file)
            problems.extend(file_problems)
            if loaded is None:
                continue
            if loaded.theme.id in seen_here:
                problems.append(
                    f"{file}: duplicate theme id {loaded.theme.id!r} (also {seen_here[loaded.theme.id]})"
                )
                continue
            seen_here[loaded.theme.id] = file
            themes[loaded.theme.id] = loaded
    if problems:
        raise LexiconError(problems)
    if not themes:
        raise LexiconError([f"no theme files found in {', '.join(map(str, sources))}"])
    return themes
