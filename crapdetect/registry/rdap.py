"""One RDAP GET to the registry and the reading of its ``registration`` event.

We never follow ``rel: related`` links (registrar records): registry data is
enough, and following them turns an unreachable registrar into a failure.
"""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from ..errors import LookupFailed, RateLimited
from ..http import get_capped
from .facts import DomainAge, parse_timestamp

RDAP_ACCEPT = {"Accept": "application/rdap+json, application/json;q=0.9"}


def lookup_rdap(
    domain: str,
    base_url: str,
    *,
    deadline: float,
    max_bytes: int,
    connect_timeout: float,
) -> DomainAge:
    """Ask the RDAP server at ``base_url`` about ``domain`` (an A-label).

    Returns a DomainAge with status ok / no_date / not_found; raises
    RateLimited, LookupTimeout or LookupFailed otherwise.
    """
    url = f"{base_url}domain/{domain}"
    server = urlsplit(base_url).netloc
    response = get_capped(
        url,
        deadline=deadline,
        max_bytes=max_bytes,
        connect_timeout=connect_timeout,
        headers=RDAP_ACCEPT,
    )
    common = {"domain": domain, "source": "rdap", "server": server, "query_url": url}
    if response.status == 404:
        return DomainAge(status="not_found", detail="the registry has no record", **common)
    if response.status == 429:
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        raise RateLimited(f"{server} says we sent too many requests", retry_after_s=wait)
    if response.status != 200:
        raise LookupFailed(
            f"{server} answered HTTP {response.status}", upstream_status=response.status
        )
    created = registration_date(response.json(), server)
    if created is None:
        return DomainAge(status="no_date", detail="no registration event in the record", **common)
    return DomainAge(status="ok", created=created, **common)


def registration_date(record: Any, server: str = "the registry") -> Any:
    """Return the earliest ``registration`` event as aware UTC, or None if there is none."""
    if not isinstance(record, dict):
        raise LookupFailed(f"{server} sent JSON that is not an RDAP object")
    events = record.get("events") or []
    if not isinstance(events, list):
        raise LookupFailed(f"{server} sent an RDAP record with malformed events")
    dates = []
    for event in events:
        if isinstance(event, dict) and event.get("eventAction") == "registration":
            try:
                dates.append(parse_timestamp(str(event.get("eventDate", ""))))
            except ValueError:
                raise LookupFailed(
                    f"{server} sent an unreadable registration date {event.get('eventDate')!r}"
                ) from None
    return min(dates) if dates else None


def retry_after_seconds(value: str | None, *, default: float | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date).

    >>> retry_after_seconds("120")
    120.0
    >>> retry_after_seconds(None, default=900)
    900
    """
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return default
