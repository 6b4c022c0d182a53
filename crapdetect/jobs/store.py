"""Batch jobs in SQLite: survive restarts, never lose or duplicate a result.

Each item's result is written in its own transaction and only while the item
has none (``result IS NULL``), so a worker killed with SIGKILL loses at most
the checks in flight, which the next worker redoes; finished items are never
checked twice. Workers (threads, or gunicorn processes sharing the file) take
a job with a time-limited lease, so a dead worker's job is picked up again.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import clock
from ..batch.inputs import Occurrence

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY, state TEXT NOT NULL, created_at REAL NOT NULL, started_at REAL,
    finished_at REAL, total INTEGER NOT NULL, fetch_pages INTEGER NOT NULL,
    lease_owner TEXT, lease_until REAL NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS items (
    job_id TEXT NOT NULL, idx INTEGER NOT NULL, location TEXT NOT NULL, input TEXT NOT NULL,
    url TEXT, problem TEXT, result TEXT, finished_at REAL,
    PRIMARY KEY (job_id, idx)
);
CREATE INDEX IF NOT EXISTS items_pending ON items (job_id, finished_at);
"""
OPEN_STATES = ("queued", "running")


@dataclass(frozen=True)
class Job:
    id: str
    state: str  # queued, running, done, cancelled
    created_at: float
    started_at: float | None
    finished_at: float | None
    total: int
    done: int
    fetch_pages: bool

    def progress(self, now: float) -> dict[str, Any]:
        """done/total, rate and ETA for GET /v1/jobs/<id>."""
        eta = None
        if self.state == "running" and self.started_at and self.done:
            rate = self.done / max(now - self.started_at, 1e-6)
            eta = round((self.total - self.done) / rate, 1)
        return {
            "id": self.id,
            "state": self.state,
            "done": self.done,
            "total": self.total,
            "eta_s": eta,
            "fetch_pages": self.fetch_pages,
            "created_at": _iso(self.created_at),
            "finished_at": _iso(self.finished_at),
        }


class JobStore:
    def __init__(self, path: str) -> None:
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._local = threading.local()
        self._conn().executescript(_SCHEMA)

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(
                "PRAGMA synchronous=NORMAL"
            )  # WAL + NORMAL: committed rows survive kill -9
            self._local.conn = conn
        return conn

    def create(self, occurrences: Sequence[Occurrence], *, fetch_pages: bool) -> str:
        """Store a new queued job and return its id."""
        job_id = secrets.token_urlsafe(12)
        conn = self._conn()
        with _transaction(conn):
            conn.execute(
                "INSERT INTO jobs (id, state, created_at, total, fetch_pages) VALUES (?,?,?,?,?)",
                (job_id, "queued", clock.now(), len(occurrences), int(fetch_pages)),
            )
            conn.executemany(
                "INSERT INTO items (job_id, idx, location, input, url, problem) VALUES (?,?,?,?,?,?)",
                [(job_id, i, o.where, o.raw, o.url, o.problem) for i, o in enumerate(occurrences)],
            )
        return job_id

    def get(self, job_id: str) -> Job | None:
        row = (
            self._conn()
            .execute(
                "SELECT id, state, created_at, started_at, finished_at, total, fetch_pages,"
                " (SELECT COUNT(*) FROM items WHERE job_id = jobs.id AND finished_at IS NOT NULL)"
                " FROM jobs WHERE id = ?",
                (job_id,),
            )
            .fetchone()
        )
        if row is None:
            return None
        return Job(row[0], row[1], row[2], row[3], row[4], row[5], row[7], bool(row[6]))

    def cancel(self, job_id: str) -> Job | None:
        """Stop a job: unfinished items stay unchecked; finished results stay readable."""
        self._conn().execute(
            "UPDATE jobs SET state = 'cancelled', finished_at = ? "
            "WHERE id = ? AND state IN ('queued', 'running')",
            (clock.now(), job_id),
        )
        return self.get(job_id)

    def claim(self, owner: str, lease_s: float) -> str | None:
        """Take the oldest open job whose lease is free (or expired); None if there is none."""
        conn = self._conn()
        now = clock.now()
        with _transaction(conn, immediate=True):
            row = conn.execute(
                "SELECT id FROM jobs WHERE state IN ('queued', 'running') AND lease_until < ? "
                "ORDER BY created_at LIMIT 1",
                (now,),
            ).fetchone()
            if row is None:
                return None
            conn.execute(
                "UPDATE jobs SET state = 'running', lease_owner = ?, lease_until = ?, "
                "started_at = COALESCE(started_at, ?) WHERE id = ?",
                (owner, now + lease_s, now, row[0]),
            )
        return str(row[0])

    def renew(self, job_id: str, owner: str, lease_s: float) -> bool:
        """Extend the lease; False if the job was cancelled or taken over."""
        cursor = self._conn().execute(
            "UPDATE jobs SET lease_until = ? WHERE id = ? AND lease_owner = ? AND state = 'running'",
            (clock.now() + lease_s, job_id, owner),
        )
        return cursor.rowcount == 1

    def pending(self, job_id: str, limit: int) -> list[tuple[int, Occurrence]]:
        rows = (
            self._conn()
            .execute(
                "SELECT idx, location, input, url, problem FROM items WHERE job_id = ? AND "
                "finished_at IS NULL ORDER BY idx LIMIT ?",
                (job_id, limit),
            )
            .fetchall()
        )
        return [(r[0], Occurrence(r[1], r[2], r[3], r[4])) for r in rows]

    def save(self, job_id: str, idx: int, row: dict[str, Any]) -> None:
        """Record one result, once: a second write, or one after cancelling, changes nothing."""
        self._conn().execute(
            "UPDATE items SET result = ?, finished_at = ? WHERE job_id = ? AND idx = ? "
            "AND finished_at IS NULL AND (SELECT state FROM jobs WHERE id = ?) != 'cancelled'",
            (json.dumps(row, ensure_ascii=False), clock.now(), job_id, idx, job_id),
        )

    def finish(self, job_id: str) -> None:
        self._conn().execute(
            "UPDATE jobs SET state = 'done', finished_at = ?, lease_until = 0 "
            "WHERE id = ? AND state = 'running'",
            (clock.now(), job_id),
        )

    def results(self, job_id: str) -> Iterator[dict[str, Any]]:
        """Finished rows in input order (partial while the job runs)."""
        cursor = self._conn().execute(
            "SELECT result FROM items WHERE job_id = ? AND result IS NOT NULL ORDER BY idx",
            (job_id,),
        )
        for (text,) in cursor:
            yield json.loads(text)


class _transaction:
    def __init__(self, conn: sqlite3.Connection, *, immediate: bool = False) -> None:
        self.conn, self.begin = conn, "BEGIN IMMEDIATE" if immediate else "BEGIN"

    def __enter__(self) -> None:
        self.conn.execute(self.begin)

    def __exit__(self, kind: object, *_: object) -> None:
        self.conn.execute("ROLLBACK" if kind else "COMMIT")


def _iso(moment: float | None) -> str | None:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(moment, tz=UTC).isoformat(timespec="seconds") if moment else None
