"""The warm worker: check through it gives the same report as check alone, and falls back."""

from __future__ import annotations

import threading
from pathlib import Path

from cultureclient.cli import main
from cultureclient.serve import SOCKET_ENV, serve

DRAFTS = Path(__file__).parent / "data" / "drafts"


def test_check_through_the_server_matches_check_alone(
    tmp_path, monkeypatch, capsys, shipped_engine
):
    socket = tmp_path / "serve.sock"
    monkeypatch.setenv(SOCKET_ENV, str(socket))
    ready = threading.Event()
    answered: list[int] = []
    worker = threading.Thread(
        target=lambda: answered.append(
            serve(socket, idle_timeout=3.0, ready=lambda _: ready.set())
        ),
        daemon=True,
    )
    worker.start()
    assert ready.wait(60)

    assert main(["check", str(DRAFTS), "--no-server"]) == 1
    alone = capsys.readouterr().out
    assert main(["check", str(DRAFTS)]) == 1
    served = capsys.readouterr().out
    assert served == alone
    assert "plan.md:6:7: warning commercial_pressure" in served

    worker.join(30)
    assert answered == [1]  # one request answered, then it stopped by itself when idle
    assert not socket.exists()


def test_no_server_means_check_runs_alone(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(SOCKET_ENV, str(tmp_path / "absent.sock"))
    assert main(["check", str(DRAFTS / "plan.md")]) == 1
    assert "plan.md:5:40" in capsys.readouterr().out
