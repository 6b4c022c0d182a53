"""Domain age end to end: cache → single-flight → RDAP → WHOIS fallback.

Each registrable domain (A-label) is looked up at most once at a time per
process and cached in SQLite with a TTL that depends on the answer (see
:func:`ttl_for`). Every upstream server gets at most ``UPSTREAM_MAX_IN_FLIGHT``
concurrent requests, a token bucket, and a cool-down after a 429.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import random
import time
from collections.abc import Mapping
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from .. import clock
from ..cache import Cache
from ..errors import NoRegistryData, RateLimited, SignalError
from ..limits import ServerLimits, SingleFlight
from .bootstrap import RdapBootstrap, WhoisTable, load_bootstrap, load_whois_table
from .facts import DomainAge
from .rdap import lookup_rdap
from .whois import parse_whois, query_whois

log = logging.getLogger(__name__)
CACHE_KIND = "domain_age"
DAY = 86_400.0


def ttl_for(age: DomainAge, *, now: float, cooldown_s: float) -> float:
    """How long an answer stays true enough to reuse, in seconds."""
    if age.status == "ok" and age.created is not None:
        days_old = (now - age.created.timestamp()) / DAY
        return 30 * DAY if days_old >= 90 else DAY
    if age.status == "no_date":
        return 7 * DAY
    if age.status == "not_found":
        return 3600.0
    if age.status == "unsupported":
        return DAY
    if age.status == "rate_limited":
        return age.retry_after_s if age.retry_after_s is not None else cooldown_s
    # Errors: short and jittered, so a sick server is not hit by a synchronised stampede.
    return 300.0 * random.uniform(0.8, 1.2)


@dataclass
class Trace:
    """What a lookup did, for `crapdetect domain` and /healthz debugging."""

    steps: list[str] = field(default_factory=list)
    cache_hit: bool = False

    def add(self, step: str) -> None:
        self.steps.append(step)


class DomainAgeService:
    """Look up registration dates politely; never raises for upstream trouble."""

    def __init__(self, settings: Mapping[str, Any], cache: Cache) -> None:
        self.settings = settings
        self.cache = cache
        self.bootstrap: RdapBootstrap = load_bootstrap(
            settings["RDAP_BOOTSTRAP_PATH"],
            settings["RDAP_OVERRIDES"],
            bundled_overrides=settings["RDAP_BUNDLED_OVERRIDES"],
        )
        self.whois: WhoisTable = load_whois_table(
            settings["WHOIS_SERVERS"], bundled=settings["WHOIS_BUNDLED_SERVERS"]
        )
        self.flight: SingleFlight[DomainAge] = SingleFlight(settings["LOOKUP_THREADS"])
        in_flight, burst = settings["UPSTREAM_MAX_IN_FLIGHT"], settings["UPSTREAM_BURST"]
        self.rdap_limits = ServerLimits(
            max_in_flight=in_flight, rate=settings["RDAP_RATE_PER_S"], burst=burst
        )
        self.whois_limits = ServerLimits(
            max_in_flight=in_flight, rate=settings["WHOIS_RATE_PER_S"], burst=burst
        )

    def lookup(
        self, domain: str, suffix: str, *, trace: Trace | None = None, budget_s: float | None = None
    ) -> DomainAge:
        """Return the cached or freshly looked-up age of ``domain`` within the deadline.

        ``budget_s`` overrides DOMAIN_AGE_DEADLINE_S: a batch waits its turn for a
        registry's few slots, so its lookups get the longer BATCH_LOOKUP_DEADLINE_S.
        """
        trace = trace if trace is not None else Trace()
        cached = self.cache.get(CACHE_KIND, domain)
        if cached is not None:
            trace.cache_hit = True
            trace.add(f"cache hit (stored {int(clock.now() - cached[1])} s ago)")
            return DomainAge.from_dict(cached[0])
        budget = budget_s or self.settings["DOMAIN_AGE_DEADLINE_S"]
        deadline = time.monotonic() + budget
        future, started = self.flight.submit(
            domain, lambda: self._lookup_and_store(domain, suffix, deadline, trace)
        )
        if not started:
            trace.add("joined a lookup already in flight")
        try:
            return future.result(timeout=max(0.0, deadline - time.monotonic()) + 0.05)
        except FutureTimeout:
            trace.add(f"gave up waiting after {budget:.1f} s")
            return DomainAge(
                domain, "error", detail=f"the registry lookup took longer than {budget:g} s"
            )

    def prefetch(
        self, pairs: list[tuple[str, str]], *, budget_s: float
    ) -> dict[str, Future[DomainAge]]:
        """Start lookups for many (domain, suffix) pairs without waiting.

        Returns the pending lookup of every domain not already cached, so a batch can
        check a domain's links as soon as its answer is in. Ordered round-robin across
        registry servers, so the shared I/O threads never all wait on one busy server
        while the others sit idle.
        """
        queues: dict[str, list[tuple[str, str]]] = {}
        for domain, suffix in dict.fromkeys(pairs):
            if self.cache.get(CACHE_KIND, domain) is None:
                queues.setdefault(self._server_key(suffix), []).append((domain, suffix))
        pending: dict[str, Future[DomainAge]] = {}
        for round_ in itertools.zip_longest(*queues.values()):
            for pair in round_:
                if pair is None:
                    continue
                pending[pair[0]] = self._start(pair[0], pair[1], time.monotonic() + budget_s)
        return pending

    def _start(self, domain: str, suffix: str, deadline: float) -> Future[DomainAge]:
        future, _started = self.flight.submit(
            domain, lambda: self._lookup_and_store(domain, suffix, deadline, Trace())
        )
        return future

    def _server_key(self, suffix: str) -> str:
        base = self.bootstrap.base_url_for(suffix)
        if base:
            return base.split("/")[2]
        server = self.whois.server_for(suffix)
        return f"{server[0]}:{server[1]}" if server else "none"

    def _lookup_and_store(
        self, domain: str, suffix: str, deadline: float, trace: Trace
    ) -> DomainAge:
        cached = self.cache.get(CACHE_KIND, domain)
        if cached is not None:  # another flight for this domain finished a moment ago
            return DomainAge.from_dict(cached[0])
        try:
            age = self._lookup_upstream(domain, suffix, deadline, trace)
        except Exception:  # a bug must not poison waiting callers; log it and degrade
            log.exception("domain-age lookup for %s failed unexpectedly", domain)
            age = DomainAge(domain, "error", detail="internal error during the lookup")
        self.cache.put(
            CACHE_KIND,
            domain,
            age.to_dict(),
            ttl_for(age, now=clock.now(), cooldown_s=self.settings["RATE_LIMIT_COOLDOWN_S"]),
        )
        log.info("domain age %s: %s via %s", domain, age.status, age.server or "-")
        return age

    def _lookup_upstream(
        self, domain: str, suffix: str, deadline: float, trace: Trace
    ) -> DomainAge:
        rdap_base = self.bootstrap.base_url_for(suffix)
        whois_server = self.whois.server_for(suffix)
        result: DomainAge | None = None
        if rdap_base:
            result = self._try(
                lambda: self._rdap(domain, rdap_base, deadline, trace), domain, trace
            )
            if result.status not in ("error", "rate_limited") or not whois_server:
                return result
            trace.add("RDAP failed; falling back to WHOIS")
        if whois_server:
            fallback = self._try(
                lambda: self._whois(domain, whois_server, deadline, trace), domain, trace
            )
            if result is not None and fallback.status in ("error", "rate_limited"):
                # Say why both failed, not only the last one.
                detail = f"RDAP: {result.detail}; WHOIS: {fallback.detail}"
                return dataclasses.replace(fallback, detail=detail)
            return fallback
        reason = f"no RDAP or WHOIS server is known for .{suffix}"
        trace.add(reason)
        return DomainAge(domain, "unsupported", detail=reason)

    def _try(self, fn: Any, domain: str, trace: Trace) -> DomainAge:
        try:
            return fn()
        except RateLimited as exc:
            trace.add(f"rate limited: {exc.message}")
            return DomainAge(
                domain, "rate_limited", detail=exc.message, retry_after_s=exc.retry_after_s
            )
        except (SignalError, NoRegistryData) as exc:
            trace.add(f"failed: {exc.message}")
            return DomainAge(domain, "error", detail=exc.message)

    def _rdap(self, domain: str, base: str, deadline: float, trace: Trace) -> DomainAge:
        server = base.split("/")[2]
        trace.add(f"RDAP GET {base}domain/{domain}")
        with self.rdap_limits.slot(server, deadline):
            try:
                age = lookup_rdap(
                    domain,
                    base,
                    deadline=deadline,
                    max_bytes=self.settings["RDAP_MAX_BYTES"],
                    connect_timeout=self.settings["UPSTREAM_CONNECT_TIMEOUT_S"],
                )
            except RateLimited as exc:
                wait = exc.retry_after_s or self.settings["RATE_LIMIT_COOLDOWN_S"]
                self.rdap_limits.cool_down(server, wait)
                exc.retry_after_s = wait
                raise
        trace.add(f"RDAP answered: {age.status}")
        return age

    def _whois(
        self, domain: str, server: tuple[str, int], deadline: float, trace: Trace
    ) -> DomainAge:
        host, port = server
        name = f"{host}:{port}"
        query = self.whois.query_for(host, domain)
        trace.add(f"WHOIS {name} query {query!r}")
        with self.whois_limits.slot(name, deadline):
            text = query_whois(
                host,
                port,
                query,
                deadline=deadline,
                max_bytes=self.settings["WHOIS_MAX_BYTES"],
                connect_timeout=self.settings["UPSTREAM_CONNECT_TIMEOUT_S"],
            )
            try:
                age = parse_whois(domain, text, server=name)
            except RateLimited as exc:
                exc.retry_after_s = self.settings["RATE_LIMIT_COOLDOWN_S"]
                self.whois_limits.cool_down(name, exc.retry_after_s)
                raise
        trace.add(f"WHOIS answered: {age.status}")
        return age

    def describe(self) -> dict[str, Any]:
        return {
            "rdap_bootstrap": self.bootstrap.describe(clock.utcnow()),
            "whois_tlds": len(self.whois.servers),
        }

    def cancel_queued(self) -> None:
        """Drop lookups that have not started, so callers waiting on them stop at once."""
        self.flight.shutdown(wait=False)

    def close(self) -> None:
        self.flight.shutdown(wait=True)


def age_in_days(age: DomainAge, now: float) -> int | None:
    if age.created is None:
        return None
    return int(timedelta(seconds=now - age.created.timestamp()).total_seconds() // DAY)
