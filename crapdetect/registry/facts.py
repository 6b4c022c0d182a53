"""The result of a domain-age lookup and the date parsing both protocols share."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any, Literal

AgeStatus = Literal["ok", "no_date", "not_found", "unsupported", "error", "rate_limited"]


@dataclass(frozen=True)
class DomainAge:
    """What the registry said about ``domain``.

    ``created`` is an aware UTC datetime. When ``created_before`` is true the
    registry only said "registered before <created>" (Nominet's "before
    Aug-1996"): the age is a lower bound, never an exact date.
    """

    domain: str
    status: AgeStatus
    created: datetime | None = None
    created_before: bool = False
    source: str | None = None  # "rdap" or "whois"
    server: str | None = None
    query_url: str | None = None
    detail: str = ""
    retry_after_s: float | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["created"] = self.created.isoformat() if self.created else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DomainAge:
        created = data.get("created")
        return cls(**{**data, "created": datetime.fromisoformat(created) if created else None})


_OFFSET_NO_COLON = re.compile(r"([+-]\d{2})(\d{2})$")


def parse_timestamp(value: str) -> datetime:
    """Parse an RDAP/WHOIS timestamp into an aware UTC datetime.

    Accepts ``Z``, ``+00:00``, ``+0000`` and no zone at all (taken as UTC).

    >>> parse_timestamp("1997-09-15T04:00:00Z").isoformat()
    '1997-09-15T04:00:00+00:00'
    >>> parse_timestamp("1997-09-15T07:00:00.000+0000").isoformat()
    '1997-09-15T07:00:00+00:00'
    >>> parse_timestamp("2008-08-18T13:19:55").isoformat()
    '2008-08-18T13:19:55+00:00'
    >>> parse_timestamp("1997-09-15T00:00:00-07:00").isoformat()
    '1997-09-15T07:00:00+00:00'
    """
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    text = _OFFSET_NO_COLON.sub(r"\1:\2", text)
    parsed = datetime.fromisoformat(text)
    return as_utc(parsed)


def as_utc(moment: datetime) -> datetime:
    """Naive datetimes are taken as UTC; aware ones are converted to UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
