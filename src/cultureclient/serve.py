"""A warm worker for repeated ``check`` calls: the model stays loaded between commits.

``cultureclient serve`` listens on a Unix socket in the user's cache folder (mode 0600); a
``check`` run finds it there, sends the paths and options, and gets the reports back in well
under a second instead of loading spaCy again. With no server, or one that does not answer,
``check`` runs by itself: the server is only ever a shortcut. The server stops by itself after
``idle_timeout`` seconds without a request.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cultureclient import __version__
from cultureclient.cachedir import cache_dir
from cultureclient.check import CheckFinding, CheckOptions, FileReport, check_file
from cultureclient.io.positions import Location

SOCKET_ENV = "CULTURECLIENT_SOCKET"
PROTOCOL = f"cultureclient-{__version__}/1"
MAX_MESSAGE = 64 * 1024 * 1024


def socket_path() -> Path:
    """Return where the server listens: ``CULTURECLIENT_SOCKET`` or the cache folder."""
    return Path(os.environ.get(SOCKET_ENV) or cache_dir() / "serve.sock")


def _location(data: dict[str, Any], prefix: str = "") -> Location:
    return Location(data[f"{prefix}line"], data[f"{prefix}column"], data.get("page"))


def report_from_dict(data: dict[str, Any]) -> FileReport:
    """Rebuild a ``FileReport`` from its JSON form (the inverse of ``to_dict``)."""
    findings = [
        CheckFinding(
            rule=f["rule"],
            severity=f["severity"],
            message=f["message"],
            start=f["start"],
            end=f["end"],
            location=_location(f),
            end_location=Location(f["end_line"], f["end_column"], f.get("page")),
            text=f["text"],
            source_line=f["source_line"],
        )
        for f in data["findings"]
    ]
    return FileReport(data["path"], data["status"], data["error"], findings, data["fail_on"])


def _options_to_dict(options: CheckOptions) -> dict[str, Any]:
    return {
        "kind": options.kind,
        "fail_on": options.fail_on,
        "lexicons": list(options.lexicons),
        "disable": list(options.disable),
        "config": str(options.config) if options.config else None,
    }


def _options_from_dict(data: dict[str, Any]) -> CheckOptions:
    return CheckOptions(
        kind=data["kind"],
        fail_on=data["fail_on"],
        lexicons=tuple(data["lexicons"]),
        disable=tuple(data["disable"]),
        config=Path(data["config"]) if data["config"] else None,
    )


def _wire(report: FileReport) -> dict[str, Any]:
    data = report.to_dict()
    data["fail_on"] = report.fail_on
    for finding, wired in zip(report.findings, data["findings"], strict=True):
        wired["source_line"] = finding.source_line
    return data


def _read_message(conn: socket.socket) -> bytes:
    chunks, size = [], 0
    while not chunks or not chunks[-1].endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_MESSAGE:
            raise ValueError("message too large")
    return b"".join(chunks)


def _answer(request: dict[str, Any]) -> dict[str, Any]:
    from cultureclient.config import discover

    if request.get("protocol") != PROTOCOL:
        return {"error": f"protocol {request.get('protocol')!r}, server speaks {PROTOCOL!r}"}
    discover.cache_clear()  # configuration files may have changed since the last call
    previous = Path.cwd()
    os.chdir(request["cwd"])
    try:
        options = _options_from_dict(request["options"])
        return {"reports": [_wire(check_file(p, options)) for p in request["paths"]]}
    finally:
        os.chdir(previous)


def serve(
    path: Path | None = None,
    idle_timeout: float = 900.0,
    ready: Callable[[Path], None] | None = None,
) -> int:
    """Answer check requests on a Unix socket until ``idle_timeout`` seconds pass without one.

    Returns the number of requests answered. The engine is built before listening, so that
    the first request is as fast as the others.
    """
    from cultureclient import api

    api.analyzer()
    path = path or socket_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    answered = 0
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        os.chmod(path, 0o600)
        server.listen(8)
        server.settimeout(idle_timeout)
        if ready is not None:
            ready(path)
        try:
            while True:
                try:
                    conn, _ = server.accept()
                except TimeoutError:
                    break
                with conn:
                    try:
                        reply = _answer(json.loads(_read_message(conn)))
                    except (ValueError, KeyError, OSError) as exc:
                        reply = {"error": f"bad request: {exc}"}
                    conn.sendall(json.dumps(reply, ensure_ascii=False).encode() + b"\n")
                    answered += 1
        finally:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    return answered


def request_check(
    paths: list[str], options: CheckOptions, timeout: float = 120.0
) -> list[FileReport] | None:
    """Ask a running server to check ``paths``; None when there is none or it cannot answer."""
    path = socket_path()
    if not path.exists():
        return None
    request = {
        "protocol": PROTOCOL,
        "cwd": str(Path.cwd()),
        "paths": [str(Path(p).resolve()) for p in paths],
        "options": _options_to_dict(options),
    }
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(timeout)
            client.connect(str(path))
            client.sendall(json.dumps(request).encode() + b"\n")
            reply = json.loads(_read_message(client))
    except (OSError, ValueError):
        return None
    if "reports" not in reply:
        return None
    reports = [report_from_dict(r) for r in reply["reports"]]
    for report, original in zip(reports, paths, strict=True):
        report.path = str(original)  # show the paths as the user gave them
    return reports
