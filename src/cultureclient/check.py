"""``check``: lint communication drafts. Documents in, findings with positions and severities out.

For each file: its configuration (found upward), its inline directives, the analysis with the
configured lexicons and detector thresholds, then one ``CheckFinding`` per detector finding and
per hit of a negative pole that a rule watches. A file that cannot be read gets an error and the
others are still checked. The exit code is computed here, by a pure function; the CLI applies it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cultureclient import api
from cultureclient.analyzer import Analyzer
from cultureclient.config import Config, for_file
from cultureclient.detectors.employee_absent import EmployeeAbsent
from cultureclient.detectors.irritant_displacement import IrritantDisplacement
from cultureclient.directives import Suppression, parse
from cultureclient.errors import CultureclientError
from cultureclient.io.documents import SourceDocument, read_document
from cultureclient.io.positions import Location
from cultureclient.rules import BY_ID, BY_SOURCE, Rule
from cultureclient.types import SEVERITIES, Document, DocumentResult, Kind, Severity

RANK = {severity: rank for rank, severity in enumerate(reversed(SEVERITIES))}  # info 0 … error 2
EXIT_CLEAN, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


@dataclass(frozen=True)
class CheckOptions:
    """What the command line says; None leaves the configuration file (or default) in force."""

    kind: Kind | None = None
    fail_on: Severity | None = None
    lexicons: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    config: Path | None = None


@dataclass(frozen=True)
class CheckFinding:
    """One finding at a place in a file."""

    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    location: Location
    end_location: Location
    text: str
    source_line: str

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "line": self.location.line,
            "column": self.location.column,
            "end_line": self.end_location.line,
            "end_column": self.end_location.column,
            "page": self.location.page,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass
class FileReport:
    """The findings of one file, or why it could not be checked."""

    path: str
    status: str  # ok | empty | error
    error: str | None = None
    findings: list[CheckFinding] = field(default_factory=list)
    fail_on: Severity = "warning"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "path": self.path,
            "status": self.status,
            "error": self.error,
            "findings": [f.to_dict() for f in self.findings],
        }


def exit_code(reports: Iterable[FileReport], fail_on: Severity | None = None) -> int:
    """0 clean, 1 a finding at or above its file's ``fail_on`` (or the one given), 2 an error."""
    code = EXIT_CLEAN
    for report in reports:
        if report.status == "error":
            return EXIT_BAD_INPUT
        threshold = RANK[fail_on or report.fail_on]
        if any(RANK[f.severity] >= threshold for f in report.findings):
            code = EXIT_FINDINGS
    return code


def _engine(config: Config, options: CheckOptions) -> Analyzer:
    base = api.analyzer([*config.lexicon_paths(), *options.lexicons])
    detectors = [
        EmployeeAbsent(config.options.employee_absent.min_customer_mentions),
        IrritantDisplacement(config.options.irritant_displacement.window),
    ]
    return replace(base, detectors=detectors)


def _settings(config: Config, options: CheckOptions) -> dict[str, str]:
    """Return each rule's severity, or "off", after the file and the command line."""
    settings = {rule.id: config.rules.get(rule.id, rule.severity) for rule in BY_ID.values()}
    for rule_id in options.disable:
        settings[rule_id] = "off"
    return settings


def _finding(
    doc: SourceDocument, rule: Rule, severity: Severity, message: str, start: int, end: int
) -> CheckFinding:
    location = doc.locate(start)
    return CheckFinding(
        rule=rule.id,
        severity=severity,
        message=message,
        start=start,
        end=end,
        location=location,
        end_location=doc.locate(max(start, end - 1)),
        text=doc.text[start:end],
        source_line=doc.index.line_text(location.line, location.page),
    )


def findings_of(
    doc: SourceDocument, result: DocumentResult, settings: dict[str, str]
) -> list[CheckFinding]:
    """Turn a document's detector findings and watched negative-pole hits into check findings."""
    out = []
    for finding in result.findings:
        rule = BY_SOURCE.get(finding.rule)
        if rule is None or settings[rule.id] == "off":
            continue
        severity = "info" if finding.severity == "info" else settings[rule.id]
        out.append(_finding(doc, rule, severity, finding.message, finding.start, finding.end))  # type: ignore[arg-type]
    for hit in result.hits:
        rule = BY_SOURCE.get(f"{hit.theme}{hit.pole}")
        if rule is None or not hit.counted or settings[rule.id] == "off":
            continue
        message = rule.message.format(text=hit.text)
        out.append(_finding(doc, rule, settings[rule.id], message, hit.start, hit.end))  # type: ignore[arg-type]
    return sorted(out, key=lambda f: (f.start, f.rule))


def _source_offset(doc: SourceDocument, offset: int) -> int:
    return doc.offsets[min(offset, len(doc.offsets) - 1)] if doc.offsets else offset


def _suppressed(
    doc: SourceDocument, finding: CheckFinding, suppressions: list[Suppression]
) -> bool:
    offset = _source_offset(doc, finding.start)
    return any(s.covers(finding.rule, offset) for s in suppressions)


def check_file(path: str | Path, options: CheckOptions = CheckOptions()) -> FileReport:
    """Check one file; user errors become the file's error, never an exception."""
    name = str(path)
    try:
        config = for_file(path, options.config)
        fail_on: Severity = options.fail_on or config.fail_on or "warning"
        doc = read_document(path)
        suppressions = parse(
            doc.index.text, name, paragraphs_are_lines=doc.format in ("docx", "odt")
        )
        settings = _settings(config, options)
        if any(
            s.rules is None and s.start == 0 and s.end > len(doc.index.text) for s in suppressions
        ):
            return FileReport(name, "ok", fail_on=fail_on)  # disable-file: nothing to analyse
        if not doc.text.strip():
            return FileReport(name, "empty", fail_on=fail_on)
        kind: Kind = options.kind or config.kind or "internal"
        (result,) = _engine(config, options).analyze([Document(name, doc.text, kind)])
    except CultureclientError as exc:
        return FileReport(name, "error", str(exc).removeprefix(f"{name}: "))
    found = [f for f in findings_of(doc, result, settings) if not _suppressed(doc, f, suppressions)]
    return FileReport(name, "ok", findings=found, fail_on=fail_on)


def check(
    paths: Iterable[str | Path], options: CheckOptions = CheckOptions()
) -> Iterator[FileReport]:
    """Check each file in turn (a generator: reports come as files are done)."""
    for path in paths:
        yield check_file(path, options)
