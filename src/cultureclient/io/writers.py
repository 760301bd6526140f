"""Writing outputs atomically: a reader of the output file never sees half of it."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from cultureclient.errors import InputError


@contextlib.contextmanager
def atomic_output(path: str | None, binary: bool = False, encoding: str = "utf-8") -> Iterator[IO]:
    """Yield a stream for ``path`` (stdout when None or '-') that replaces the file on success.

    The data go to a temporary file beside the target, which is renamed over it only when
    everything was written; on any error the temporary file is removed and the target is left
    as it was.
    """
    if path in (None, "-"):
        yield sys.stdout.buffer if binary else sys.stdout
        (sys.stdout.buffer if binary else sys.stdout).flush()
        return
    target = Path(path)
    if not target.parent.exists():
        raise InputError(f"{path}: the folder {target.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        mode = "wb" if binary else "w"
        kwargs = {} if binary else {"encoding": encoding, "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as stream:
            yield stream
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
