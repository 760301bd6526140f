"""Audit a folder: find the documents, read and analyse each, profile, rank, sum up.

Files are analysed one at a time rather than in the engine's large chunks: memos are long
enough for the model to work efficiently on each, and a progress display then moves with the
work. A file that cannot be read becomes an error row and the audit goes on: a client's
folder always holds a password-protected PDF or a damaged Word file, and the other forty
documents still deserve their report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from cultureclient.analyzer import Analyzer
from cultureclient.audit import labels
from cultureclient.audit.corpus import corpus_view
from cultureclient.audit.profile import profile_of
from cultureclient.audit.ranking import rank
from cultureclient.audit.records import AuditReport, DocumentProfile
from cultureclient.errors import InputError
from cultureclient.io.documents import SUFFIXES, date_from_name, find_documents, read_document
from cultureclient.types import Document, Kind

Track = Callable[[Iterable[tuple[Path, str]]], Iterator[tuple[Path, str]]]
_FORMATS = {".markdown": "md", ".htm": "html"}


def _format(path: Path) -> str:
    suffix = path.suffix.lower()
    return _FORMATS.get(suffix, suffix.lstrip(".") or "?")


def collect(
    paths: Iterable[str | Path], include: Iterable[str] = (), exclude: Iterable[str] = ()
) -> list[tuple[Path, str]]:
    """Return each document to audit with the name the report gives it (relative to its folder)."""
    include, exclude = list(include), list(exclude)
    found: list[tuple[Path, str]] = []
    for root in map(Path, paths):
        for path in find_documents([root], include, exclude):
            name = path.relative_to(root).as_posix() if root.is_dir() else path.name
            if all(path != seen for seen, _ in found):
                found.append((path, name))
    if not found:
        where = ", ".join(map(str, paths)) or "(rien)"
        raise InputError(
            f"{where}: no document to audit",
            hint=f"the audit reads {', '.join(SUFFIXES)}; check --include and --exclude",
        )
    return found


def _profile(
    engine: Analyzer,
    path: Path,
    name: str,
    kind: Kind,
    theme_labels: dict[str, str],
    pole_labels: dict[str, dict[str, str]],
) -> DocumentProfile:
    fmt = _format(path)
    try:
        source = read_document(path)
    except Exception as exc:  # damaged files make third-party readers raise anything
        # The report goes to a client: the reader's message names the file as the report does.
        detail = str(exc).replace(str(path), name)
        document = Document(
            name, "", kind, fields={"detail": detail}, error=labels.read_error(fmt, exc)
        )
        result = next(iter(engine.analyze([document])))
        return profile_of(result, name, fmt, date_from_name(path.name), theme_labels, pole_labels)
    document = Document(name, source.text, kind)
    result = next(iter(engine.analyze([document])))
    return profile_of(
        result, name, source.format, source.date, theme_labels, pole_labels, source.locate
    )


def audit(
    paths: Iterable[str | Path],
    engine: Analyzer,
    kind: Kind = "internal",
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    track: Track | None = None,
) -> AuditReport:
    """Audit the documents under ``paths`` and return the report, documents in ranking order.

    ``track`` wraps the stream of files (a progress display, say); it must yield them all.
    """
    paths = list(paths)
    files = collect(paths, include, exclude)
    engine = replace(engine, report_cues=True)  # the balance counts the cue lexicons' hits
    themes = engine.lexicon.applicable_themes(kind)
    theme_labels = {t: engine.lexicon.themes[t].label for t in themes}
    pole_labels = {
        t: {pole: spec.label for pole, spec in engine.lexicon.themes[t].poles.items()}
        for t in themes
    }
    stream = track(files) if track is not None else iter(files)
    profiles = [
        _profile(engine, path, name, kind, theme_labels, pole_labels) for path, name in stream
    ]
    ordered = rank(profiles)
    return AuditReport(
        source=", ".join(map(str, paths)),
        kind=kind,
        themes=themes,
        labels=theme_labels,
        pole_labels=pole_labels,
        documents=ordered,
        corpus=corpus_view(ordered, themes, theme_labels),
    )
