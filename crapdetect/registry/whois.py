"""Port-43 WHOIS: our own small client, python-whois's parser.

The client makes one connection, sends one query line and reads to EOF
against a *total* deadline (the socket timeout is re-armed with the time left
before every read) and a byte cap. It never follows referrals: the registry's
answer is enough and referral chasing is an SSRF vector (python-whois #312).

The text is parsed with ``whois.parser.WhoisEntry.load`` and post-processed:
several dates → the earliest; "before Aug-1996" → a lower bound; quota text →
rate-limited; an entry with no domain name → unknown, not "not found".
"""

from __future__ import annotations

import re
import socket
import time
from datetime import UTC, datetime

from whois.exceptions import PywhoisError, WhoisDomainNotFoundError
from whois.parser import WhoisEntry

from ..errors import LookupFailed, LookupTimeout, RateLimited
from .facts import DomainAge, as_utc

_QUOTA = re.compile(
    r"limit exceeded|exceeded (?:the |your )?(?:query |request )?(?:limit|quota)|"
    r"has exceeded its quota|too many (?:queries|requests)|try again later",
    re.IGNORECASE,
)
_NOT_FOUND = re.compile(
    r"^\s*(?:no match for|not found|no data found|no entries found|domain not found|"
    r"status:\s*(?:free|available)|%% no entries found)|\bis free\b|^\s*available\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_BEFORE = re.compile(
    r"(?:registered on|creation date|created|registration date)[^\n]*?\bbefore\s+"
    r"(?:(?P<mon>[a-z]{3})[- ])?(?P<year>\d{4})",
    re.IGNORECASE,
)


def query_whois(
    host: str,
    port: int,
    query: str,
    *,
    deadline: float,
    max_bytes: int,
    connect_timeout: float,
) -> str:
    """Send ``query`` to ``host:port`` and return the answer text."""
    server = f"{host}:{port}"
    try:
        connect_s = min(connect_timeout, _left(deadline, server))
        with socket.create_connection((host, port), timeout=connect_s) as sock:
            sock.sendall(query.encode("utf-8") + b"\r\n")
            chunks: list[bytes] = []
            size = 0
            while True:
                sock.settimeout(_left(deadline, server))
                chunk = sock.recv(8192)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise LookupFailed(f"{server} sent more than {max_bytes} bytes; answer ignored")
                chunks.append(chunk)
    except TimeoutError:
        raise LookupTimeout(f"{server} did not answer in time") from None
    except socket.gaierror:
        raise LookupFailed(
            f"could not talk to {server} (its name could not be resolved; is this machine offline?)"
        ) from None
    except OSError as exc:
        raise LookupFailed(f"could not talk to {server} ({exc.strerror or exc})") from None
    return _decode(b"".join(chunks))


def parse_whois(domain: str, text: str, *, server: str) -> DomainAge:
    """Read the creation date from WHOIS ``text``; raise for quota and garbage."""
    common = {"domain": domain, "source": "whois", "server": server}
    if not text.strip():
        raise LookupFailed(f"{server} sent an empty answer")
    if _NOT_FOUND.search(text):
        return DomainAge(status="not_found", detail="the registry has no record", **common)
    try:
        entry = WhoisEntry.load(domain, text)
    except WhoisDomainNotFoundError:
        return DomainAge(status="not_found", detail="the registry has no record", **common)
    except (PywhoisError, ValueError, re.error) as exc:
        raise LookupFailed(f"could not read {server}'s answer ({exc})") from None
    legacy = _legacy_layout(domain, text)
    if not entry.get("domain_name") and legacy is None:
        # Legal notices mention "limits" too, so quota text counts only when nothing parsed.
        if _QUOTA.search(text):
            raise RateLimited(f"{server} says our query quota is used up")
        raise LookupFailed(f"{server}'s answer names no domain; cannot tell whether it exists")
    before = _lower_bound(text)
    if before is not None:
        return DomainAge(
            status="ok",
            created=before,
            created_before=True,
            detail="the registry only says 'registered before' this date",
            **common,
        )
    created = _earliest(entry.get("creation_date")) or legacy
    if created is None:
        return DomainAge(
            status="no_date", detail="the registry publishes no creation date", **common
        )
    return DomainAge(status="ok", created=created, **common)


# Layouts python-whois 0.9.6 does not read: (domain line, date line, date format).
_LEGACY = (
    # SIDN (.nl) before 2010: the name on the line after "Domain name:".
    (
        re.compile(r"^\s*Domain name:\s*\n\s*(\S+)", re.I | re.M),
        re.compile(r"^\s*Date registered:\s*(\d{2}-\d{2}-\d{4})", re.I | re.M),
        "%d-%m-%Y",
    ),
)


def _legacy_layout(domain: str, text: str) -> datetime | None:
    for name_re, date_re, fmt in _LEGACY:
        name, date = name_re.search(text), date_re.search(text)
        if name and date and name[1].lower().rstrip(".") == domain:
            return datetime.strptime(date[1], fmt).replace(tzinfo=UTC)
    return None


def _earliest(value: object) -> datetime | None:
    values = value if isinstance(value, list) else [value]
    dates = [as_utc(v) for v in values if isinstance(v, datetime)]
    return min(dates) if dates else None


def _lower_bound(text: str) -> datetime | None:
    match = _BEFORE.search(text)
    if not match:
        return None
    mon = (match["mon"] or "").lower()
    month = _MONTHS.index(mon) + 1 if mon in _MONTHS else 1
    return datetime(int(match["year"]), month, 1, tzinfo=UTC)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _left(deadline: float, server: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError(server)
    return left
