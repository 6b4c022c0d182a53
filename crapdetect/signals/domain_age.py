"""Domain age as a signal: points and a reason a reader understands.

Very young domains weigh strongly (throw-away sites are days or weeks old);
age beyond a few years counts only mildly, because old unreliable sites exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .. import clock
from ..registry.facts import DomainAge
from ..registry.service import DomainAgeService, age_in_days
from . import CheckInput, Evidence, SignalResult

NAME = "domain_age"


class DomainAgeSignal:
    """Looks up the registrable domain's registration date."""

    name = NAME

    def __init__(
        self,
        service: DomainAgeService,
        points_table: Sequence[Sequence[Any]],
        batch_budget_s: float | None = None,
    ) -> None:
        self.service = service
        self.points_table = points_table
        self.batch_budget_s = batch_budget_s

    def run(self, item: CheckInput) -> SignalResult:
        budget = self.batch_budget_s if item.batch else None
        age = self.service.lookup(item.parsed.domain, item.parsed.suffix, budget_s=budget)
        return explain(age, self.points_table, now=clock.now())


def points_for(days: int, table: Sequence[Sequence[Any]]) -> float:
    """Points for an age in days from ``[[max_days or None, points], …]``.

    >>> points_for(3, [[30, -35], [None, 10]])
    -35.0
    >>> points_for(9000, [[30, -35], [None, 10]])
    10.0
    """
    for max_days, points in table:
        if max_days is None or days < max_days:
            return float(points)
    return 0.0


def explain(age: DomainAge, table: Sequence[Sequence[Any]], *, now: float) -> SignalResult:
    """Turn a lookup result into a SignalResult with reason and evidence."""
    evidence = _evidence(age)
    value: dict[str, Any] = {
        "status": age.status,
        "created": age.created.isoformat() if age.created else None,
        "created_before": age.created_before,
        "source": age.source,
        "server": age.server,
    }
    if age.status == "ok" and age.created is not None:
        days = age_in_days(age, now) or 0
        value["age_days"] = days
        return SignalResult(
            NAME, "ok", _age_reason(age, days), points_for(days, table), value, evidence
        )
    status = "error" if age.status in ("error", "rate_limited") else "unavailable"
    return SignalResult(NAME, status, _missing_reason(age), 0.0, value, evidence)


def _age_reason(age: DomainAge, days: int) -> str:
    assert age.created is not None
    when = age.created.strftime("%-d %B %Y")
    span = _span(days)
    if age.created_before:
        return (
            f"{age.domain} was registered before {age.created.strftime('%B %Y')}, so it is at "
            f"least {span} old. The registry does not publish the exact date."
        )
    text = f"{age.domain} was registered on {when} ({span} ago, per its registry's {age.source.upper() if age.source else 'record'})."
    if days < 30:
        return text + " Brand-new domains are often used for scams and throw-away news sites."
    if days < 365:
        return text + " A young domain is a reason for extra care, not proof of anything."
    if days >= 3 * 365:
        return text + " An established domain; that alone does not make its content reliable."
    return text


def _missing_reason(age: DomainAge) -> str:
    detail = f" ({age.detail})" if age.detail else ""
    match age.status:
        case "no_date":
            return (
                f"The registry for {age.domain} does not publish registration dates "
                f"(.de, for example, never does), so its age is unknown."
            )
        case "not_found":
            return (
                f"The registry has no record of {age.domain}: it may be unregistered, just "
                "expired, or the registry may lag behind. Its age is unknown."
            )
        case "unsupported":
            return f"No registry service is known for this domain's ending, so its age is unknown{detail}."
        case "rate_limited":
            return (
                f"The registry asked us to slow down, so {age.domain}'s age is unknown for "
                "now; try again later."
            )
        case _:
            return f"The registry lookup for {age.domain} failed{detail}; its age is unknown."


def _span(days: int) -> str:
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 120:
        return f"{days // 7} weeks"
    if days < 730:
        return f"{days // 30} months"
    return f"{days // 365} years"


def _evidence(age: DomainAge) -> tuple[Evidence, ...]:
    links = []
    if age.query_url:
        links.append(Evidence("Registry record (RDAP)", age.query_url))
    links.append(Evidence("ICANN lookup", f"https://lookup.icann.org/en/lookup?name={age.domain}"))
    links.append(
        Evidence("Wayback Machine captures", f"https://web.archive.org/web/*/{age.domain}")
    )
    return tuple(links)
