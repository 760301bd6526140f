"""The annotation cache: spaCy Docs kept on disk, keyed by text hash and pipeline.

Re-scoring an export after a lexicon edit should not run the model again: the annotations of a
text depend on the text and the pipeline, never on the lexicon. Docs are stored in packs (one
spaCy ``DocBin`` per batch, which shares strings and compresses well: decoding a Doc from a
pack costs a tenth of decoding it alone) and found through an SQLite index from text hash to
(pack, position, level).

Safe under concurrent and interrupted runs:
- a pack is written to a temporary file and renamed into place, so it is whole or absent;
- index rows are written after their pack, in one transaction (SQLite locks between
  processes), and never replace an entry by one with less annotation;
- a pack that is missing or does not decode is a cache miss, and its rows are dropped.
A run that dies leaves at worst an unindexed pack or a temporary file, both ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

# What the model computes; NORM is this package's own fold and is computed again on loading.
ATTRS = ("ORTH", "TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "SENT_START")
TAG_ATTRS = ("ORTH", "TAG", "POS", "MORPH", "LEMMA")
FORMAT = "v1"
PACKS_KEPT = 8  # decoded packs kept in memory: re-scoring reads them in order
STALE_SECONDS = 24 * 3600  # temporary files older than this were left by a dead run
QUERY_SIZE = 500  # keys per SQL query, under SQLite's variable limit
RETRIES = 100  # attempts when SQLite reports a lock it does not wait for (about a minute)
T = TypeVar("T")
SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    key TEXT PRIMARY KEY,
    level INTEGER NOT NULL,
    pack TEXT NOT NULL,
    pos INTEGER NOT NULL
) WITHOUT ROWID
"""
UPSERT = """
INSERT INTO docs (key, level, pack, pos) VALUES (?, ?, ?, ?)
ON CONFLICT (key) DO UPDATE SET level = excluded.level, pack = excluded.pack, pos = excluded.pos
WHERE excluded.level >= docs.level
"""


def text_key(text: str) -> str:
    """Return the cache key of a (normalised) text."""
    data = text.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class AnnotationCache:
    """Annotated Docs of one pipeline, under ``folder``; opened lazily in each process."""

    def __init__(self, folder: str | Path, pipeline: str) -> None:
        self.root = Path(folder) / "annotations" / pipeline
        self._db: sqlite3.Connection | None = None
        self._packs: OrderedDict[str, list[Doc] | None] = OrderedDict()

    @property
    def db(self) -> sqlite3.Connection:
        """Return the index, creating the folder and the table on first use."""
        if self._db is None:
            (self.root / "packs").mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.root / "index.sqlite", timeout=120, isolation_level=None)

            def prepare() -> None:
                if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                with self._transaction(db):
                    db.execute(SCHEMA)

            _retrying(prepare)
            self._db = db
            self._sweep()
        return self._db

    def get(self, keys: Iterable[str], vocab: Vocab) -> dict[str, tuple[int, Doc]]:
        """Return ``{key: (level, Doc)}`` for the keys found (to read, not to annotate further).

        A cache that cannot be read (unwritable folder, damaged index) finds nothing.
        """
        keys = list(dict.fromkeys(keys))
        rows: list[tuple[str, int, str, int]] = []
        try:
            for start in range(0, len(keys), QUERY_SIZE):
                part = keys[start : start + QUERY_SIZE]
                marks = ",".join("?" * len(part))
                query = f"SELECT key, level, pack, pos FROM docs WHERE key IN ({marks})"
                rows += _retrying(lambda q=query, p=part: self.db.execute(q, p).fetchall())
        except (OSError, sqlite3.Error):
            return {}
        found = {}
        for key, level, pack, pos in rows:
            docs = self._pack(pack, vocab)
            if docs is not None and pos < len(docs):
                found[key] = (level, docs[pos])
        return found

    def put(self, items: Sequence[tuple[str, int, Doc]]) -> None:
        """Store annotated Docs: ``(key, level, doc)``; one pack per level.

        A cache that cannot be written is not kept, and the run goes on without it.
        """
        from spacy.tokens import DocBin

        from cultureclient.nlp.pipeline import PARSED

        try:
            db = self.db  # creates the folders
            for level in sorted({level for _, level, _ in items}):
                chosen = [(key, doc) for key, lvl, doc in items if lvl == level]
                attrs = ATTRS if level >= PARSED else TAG_ATTRS
                pack = DocBin(attrs=list(attrs), store_user_data=False)
                for _, doc in chosen:
                    pack.add(doc)
                name = f"{level}-{uuid.uuid4().hex}"
                self._write(name, pack.to_bytes())
                rows = [(key, level, name, pos) for pos, (key, _) in enumerate(chosen)]

                def index(rows: list = rows) -> None:
                    with self._transaction(db):
                        db.executemany(UPSERT, rows)

                _retrying(index)
        except (OSError, sqlite3.Error):
            return

    def close(self) -> None:
        """Close the index (the cache stays usable: it reopens on the next call)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def _write(self, name: str, data: bytes) -> None:
        target = self.root / "packs" / f"{name}.spacy"
        tmp = target.with_name(f".{name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as stream:
                stream.write(data)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise

    @staticmethod
    @contextlib.contextmanager
    def _transaction(db: sqlite3.Connection) -> Iterator[None]:
        """Write in one transaction, taking the write lock first (waits, never deadlocks)."""
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _pack(self, name: str, vocab: Vocab) -> list[Doc] | None:
        """Return the Docs of a pack (decoded once, a few kept), or None if it is unusable."""
        if name in self._packs:
            self._packs.move_to_end(name)
            return self._packs[name]
        from spacy.tokens import DocBin

        try:
            data = (self.root / "packs" / f"{name}.spacy").read_bytes()
            docs: list[Doc] | None = list(DocBin().from_bytes(data).get_docs(vocab))
        except Exception:  # missing, truncated or damaged: a miss, whatever the error
            docs = None
            with contextlib.suppress(sqlite3.Error), self._transaction(self.db):
                self.db.execute("DELETE FROM docs WHERE pack = ?", (name,))
        self._packs[name] = docs
        while len(self._packs) > PACKS_KEPT:
            self._packs.popitem(last=False)
        return docs

    def _sweep(self) -> None:
        """Remove temporary files that a run which died long ago left behind."""
        limit = time.time() - STALE_SECONDS
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.root / "packs"):
                if entry.name.endswith(".tmp") and entry.stat().st_mtime < limit:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def _retrying(action: Callable[[], T]) -> T:
    """Run an index operation, again while another process holds a lock SQLite won't wait for.

    SQLite waits for locks (the connection's timeout) except where waiting could deadlock, as
    when several processes open a new index at once; those return "locked" at once.
    """
    for attempt in range(RETRIES):
        try:
            return action()
        except sqlite3.OperationalError as exc:
            message = str(exc).lower()
            if attempt == RETRIES - 1 or ("locked" not in message and "busy" not in message):
                raise
            time.sleep(min(0.05 * (attempt + 1), 1.0))
    raise AssertionError("unreachable")
