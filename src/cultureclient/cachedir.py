"""Where cultureclient keeps what it can compute again: the user's cache folder.

``CULTURECLIENT_CACHE_DIR`` wins (tests and CI point it at a temporary folder), then
``$XDG_CACHE_HOME/cultureclient``, then ``~/.cache/cultureclient``.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "CULTURECLIENT_CACHE_DIR"


def cache_dir() -> Path:
    """Return the cache folder (not created here)."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cultureclient"
