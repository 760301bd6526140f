"""``check --format sarif``: SARIF 2.1.0, for code-scanning dashboards."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from cultureclient import __version__
from cultureclient.check import FileReport
from cultureclient.rules import RULES

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": rule.id,
            "shortDescription": {"text": rule.id.replace("_", " ")},
            "fullDescription": {"text": rule.explanation},
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
        }
        for rule in RULES
    ]


def _uri(path: str) -> str:
    return path.replace("\\", "/")


def write(reports: Iterable[FileReport], out: TextIO) -> None:
    """Write one SARIF run with every finding and a notification per unreadable file."""
    index = {rule.id: i for i, rule in enumerate(RULES)}
    results, notifications = [], []
    for report in reports:
        if report.status == "error":
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": report.error or "cannot read"},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": _uri(report.path)}}}
                    ],
                }
            )
            continue
        for f in report.findings:
            region = {
                "startLine": f.location.line,
                "startColumn": f.location.column,
                "endLine": f.end_location.line,
                "endColumn": f.end_location.column + 1,
                "snippet": {"text": f.text},
            }
            results.append(
                {
                    "ruleId": f.rule,
                    "ruleIndex": index[f.rule],
                    "level": LEVELS[f.severity],
                    "message": {"text": f.message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": _uri(report.path)},
                                "region": region,
                            }
                        }
                    ],
                }
            )
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cultureclient",
                        "version": __version__,
                        "rules": _rules(),
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not notifications,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": results,
            }
        ],
    }
    json.dump(log, out, ensure_ascii=False, indent=2)
    out.write("\n")
