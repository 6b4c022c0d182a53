"""Imported credibility lists and popularity rankings, kept in one SQLite file.

crapdetect ships no list: operators import their own (``crapdetect lists import``), and
every match carries the list's name, licence and import date so a reason can say where
a judgement came from. Keys match by kind, never by substring:

- ``domain``: the registrable domain and every host under it (``cbn.com`` covers
  ``www1.cbn.com``; ``rt.com`` does not cover ``deviantart.com``);
- ``host``: exactly that host (``x.wordpress.com`` is one blog, not all of WordPress);
- ``prefix``: a host plus a path prefix, whole segments only (``medium.com/@x`` covers
  ``medium.com/@x/post`` but neither ``medium.com/@xy`` nor the rest of medium.com).

A leading ``www.`` is dropped from keys and from looked-up hosts alike, so a list's
``www.rt.com`` and a URL's ``rt.com`` meet. Paths compare case-insensitively: lists are
typed by hand and sites rarely route on case.

>>> normalise_key("WWW.Example.COM./News/")
('prefix', 'example.com/news', 'example.com', '/news')
>>> normalise_key("x.wordpress.com")[:2]
('host', 'x.wordpress.com')
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from .. import clock
from ..errors import InvalidURL
from ..urls import parse_url

KINDS = ("prefix", "host", "domain")  # most specific first: lookup() returns matches in this order

_SCHEMA = """
CREATE TABLE IF NOT EXISTS lists (
    name TEXT PRIMARY KEY, title TEXT NOT NULL, format TEXT NOT NULL, licence TEXT NOT NULL,
    source TEXT NOT NULL, imported_at TEXT NOT NULL, entries INTEGER NOT NULL,
    rankings INTEGER NOT NULL, skipped INTEGER NOT NULL, meta TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entries (
    list TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, host TEXT NOT NULL,
    path TEXT NOT NULL, category TEXT NOT NULL, note TEXT NOT NULL, extra TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_host ON entries (host);
CREATE INDEX IF NOT EXISTS entries_list ON entries (list);
CREATE TABLE IF NOT EXISTS rankings (
    list TEXT NOT NULL, domain TEXT NOT NULL, rank INTEGER NOT NULL, PRIMARY KEY (list, domain)
);
CREATE INDEX IF NOT EXISTS rankings_domain ON rankings (domain);
"""


@dataclass(frozen=True)
class ListEntry:
    """One parsed row: what the list says about a domain, host or host + path prefix."""

    kind: str
    key: str
    host: str
    path: str
    category: str
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SkippedLine:
    """A row the importer could not use; ``where`` is e.g. ``line 12`` or ``sources[7]``."""

    where: str
    reason: str
    text: str = ""


@dataclass
class ParsedList:
    """What a parser read from one file: entries or a ranking, plus the rows it skipped."""

    format: str
    entries: list[ListEntry] = field(default_factory=list)
    ranking: list[tuple[str, int]] = field(default_factory=list)
    skipped: list[SkippedLine] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ListInfo:
    """Provenance of one imported list."""

    name: str
    title: str
    format: str
    licence: str
    source: str
    imported_at: str
    entries: int
    rankings: int
    skipped: int
    meta: dict[str, Any]


@dataclass(frozen=True)
class ListMatch:
    """One list entry that applies to a looked-up URL, with its provenance."""

    list_name: str
    title: str
    licence: str
    imported_at: str
    category: str
    note: str
    kind: str
    key: str
    extra: dict[str, Any]

    @property
    def imported_on(self) -> str:
        """The import date, ``YYYY-MM-DD``."""
        return self.imported_at[:10]

    @property
    def categories(self) -> tuple[str, ...]:
        """The category split into its parts (OpenSources gives up to three types)."""
        return tuple(part.strip() for part in self.category.split(",") if part.strip())

    @property
    def reason(self) -> str:
        """E.g. ``Listed as 'fake' by OpenSources (imported 2026-11-26)``."""
        return f"Listed as '{self.category}' by {self.title} (imported {self.imported_on})"


@dataclass(frozen=True)
class RankMatch:
    """A domain's best (lowest) rank across the imported popularity rankings."""

    list_name: str
    title: str
    licence: str
    rank: int
    imported_at: str

    @property
    def reason(self) -> str:
        """E.g. ``Ranked #12 by Tranco (imported 2026-11-26)``."""
        return f"Ranked #{self.rank} by {self.title} (imported {self.imported_at[:10]})"


def strip_www(host: str, domain: str) -> str:
    """Drop one leading ``www.`` unless that would leave less than the registrable domain."""
    return host[4:] if host.startswith("www.") and host != domain else host


def normalise_key(
    raw: str, extra_suffixes: frozenset[str] = frozenset()
) -> tuple[str, str, str, str]:
    """Return ``(kind, key, host, path)`` for a list key; ValueError says what is wrong.

    Hosts get the same IDNA/PSL rules as checked URLs (``crapdetect.urls.parse_url``).
    """
    text = raw.strip()
    if not text:
        raise ValueError("no domain")
    if any(ch.isspace() for ch in text):
        raise ValueError(f"white space inside the domain {text!r}")
    try:
        parsed = parse_url(text, extra_suffixes=extra_suffixes)
    except InvalidURL as exc:
        raise ValueError(exc.message) from None
    host = strip_www(parsed.host, parsed.domain)
    path = normalise_path(parsed.path)
    if path:
        return "prefix", host + path, host, path
    return ("domain" if host == parsed.domain else "host"), host, host, ""


def normalise_path(path: str) -> str:
    """``/News//x/`` → ``/news/x``; the root is ``''``."""
    return "".join("/" + seg for seg in _segments(path))


def _segments(path: str) -> list[str]:
    return [seg for seg in unquote(path).lower().split("/") if seg]


class ListStore:
    """Imported lists in SQLite: one connection per thread, WAL, atomic replace."""

    def __init__(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = str(path)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._conn().executescript(_SCHEMA)

    def __enter__(self) -> ListStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every thread's connection."""
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            # check_same_thread=False only so close() may close them all; each thread uses its own.
            conn = sqlite3.connect(
                self.path, timeout=10, isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            with self._lock:
                self._all.append(conn)
            self._local.conn = conn
        return conn

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def import_list(
        self,
        name: str,
        fmt: str,
        licence: str,
        source: str,
        parsed: ParsedList,
        *,
        title: str | None = None,
    ) -> ListInfo:
        """Replace list ``name`` with ``parsed`` in one transaction; readers see old or new."""
        info = ListInfo(
            name=name,
            title=title or name,
            format=fmt,
            licence=licence,
            source=source,
            imported_at=clock.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
            entries=len(parsed.entries),
            rankings=len(parsed.ranking),
            skipped=len(parsed.skipped),
            meta=parsed.meta,
        )
        with self._transaction() as conn:
            self._delete(conn, name)
            conn.execute(
                "INSERT INTO lists VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*astuple(info)[:-1], json.dumps(info.meta)),
            )
            conn.executemany(
                "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (name, e.kind, e.key, e.host, e.path, e.category, e.note, json.dumps(e.extra))
                    for e in parsed.entries
                ),
            )
            conn.executemany(
                "INSERT OR IGNORE INTO rankings VALUES (?, ?, ?)",
                ((name, domain, rank) for domain, rank in parsed.ranking),
            )
        return info

    def remove(self, name: str) -> bool:
        """Delete list ``name``; False if there was none."""
        with self._transaction() as conn:
            return self._delete(conn, name)

    @staticmethod
    def _delete(conn: sqlite3.Connection, name: str) -> bool:
        conn.execute("DELETE FROM entries WHERE list = ?", (name,))
        conn.execute("DELETE FROM rankings WHERE list = ?", (name,))
        return conn.execute("DELETE FROM lists WHERE name = ?", (name,)).rowcount > 0

    def lists(self) -> list[ListInfo]:
        """Every imported list, by name."""
        rows = self._conn().execute("SELECT * FROM lists ORDER BY name").fetchall()
        return [ListInfo(*row[:-1], meta=json.loads(row[-1])) for row in rows]

    def lookup(self, host: str, domain: str, path: str = "/") -> list[ListMatch]:
        """Entries for a URL's host, registrable domain and path (as ``parse_url`` gives them).

        Most specific first (prefix, host, domain), then by list name.
        """
        host = strip_www(host.lower().rstrip("."), domain)
        rows = (
            self._conn()
            .execute(
                "SELECT e.list, l.title, l.licence, l.imported_at, e.category, e.note, e.kind,"
                " e.key, e.extra, e.path FROM entries e JOIN lists l ON l.name = e.list"
                " WHERE (e.kind = 'domain' AND e.host = ?) OR (e.kind != 'domain' AND e.host = ?)",
                (domain.lower(), host),
            )
            .fetchall()
        )
        segments = _segments(path)
        matches = [
            ListMatch(*row[:8], extra=json.loads(row[8]))
            for row in rows
            if row[6] != "prefix" or _under(segments, row[9])
        ]
        return sorted(matches, key=lambda m: (KINDS.index(m.kind), -len(m.key), m.list_name))

    def rank(self, domain: str) -> RankMatch | None:
        """The best rank of ``domain`` (a registrable domain) over all rankings, or None."""
        row = (
            self._conn()
            .execute(
                "SELECT r.list, l.title, l.licence, r.rank, l.imported_at FROM rankings r"
                " JOIN lists l ON l.name = r.list WHERE r.domain = ? ORDER BY r.rank, r.list",
                (domain.lower().rstrip("."),),
            )
            .fetchone()
        )
        return RankMatch(*row) if row else None


def _under(segments: list[str], prefix: str) -> bool:
    wanted = _segments(prefix)
    return segments[: len(wanted)] == wanted
