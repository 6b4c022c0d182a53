"""A small TTL cache in SQLite, shared by threads and by gunicorn workers.

Keys are ``(kind, key)`` pairs, e.g. ``("domain_age", "bbc.co.uk")``; values
are JSON. One connection per thread (sqlite3 objects must not cross threads);
WAL mode so readers in other workers are not blocked by a writer.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

from . import clock

_SCHEMA = """
CREATE TABLE IF NOT EXISTS facts (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    stored_at REAL NOT NULL,
    expires_at REAL NOT NULL,
    PRIMARY KEY (kind, key)
)
"""
_memory_ids = itertools.count()


class Cache:
    """Get/put JSON values with an expiry time."""

    def __init__(self, path: str) -> None:
        if path == ":memory:":
            # A named shared in-memory database, so every thread sees the same data.
            self._target = f"file:crapdetect-mem-{next(_memory_ids)}?mode=memory&cache=shared"
            self._uri = True
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self._target, self._uri = path, False
        self.path = path
        self._local = threading.local()
        self._keepalive = self._connect()  # keeps a shared in-memory DB alive
        self._keepalive.execute(_SCHEMA)
        self._keepalive.commit()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self._target, uri=self._uri, timeout=10, isolation_level=None)
        if not self._uri:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
        return conn

    def get(self, kind: str, key: str) -> tuple[Any, float] | None:
        """Return ``(value, stored_at)`` if present and fresh, else None."""
        row = (
            self._conn()
            .execute(
                "SELECT value, stored_at, expires_at FROM facts WHERE kind = ? AND key = ?",
                (kind, key),
            )
            .fetchone()
        )
        if row is None or row[2] <= clock.now():
            return None
        return json.loads(row[0]), row[1]

    def put(self, kind: str, key: str, value: Any, ttl_s: float) -> None:
        """Store ``value`` for ``ttl_s`` seconds, replacing any older entry."""
        now = clock.now()
        self._conn().execute(
            "INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?, ?)",
            (kind, key, json.dumps(value), now, now + ttl_s),
        )

    def stats(self) -> dict[str, Any]:
        """Entry counts for /healthz."""
        fresh, total = (
            self._conn()
            .execute("SELECT SUM(expires_at > ?), COUNT(*) FROM facts", (clock.now(),))
            .fetchone()
        )
        return {"path": self.path, "entries": total or 0, "fresh": fresh or 0}
