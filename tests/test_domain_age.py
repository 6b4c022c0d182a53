"""Domain age against loopback stand-ins: happy paths for several TLDs and every failure mode."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from crapdetect.checker import Checker
from crapdetect.registry.service import Trace

from .stand_ins.rdap_server import RdapStandIn
from .stand_ins.whois_server import WhoisStandIn


def lookup(checker: Checker, url: str, trace: Trace | None = None):
    parsed = checker.parse(url)
    return checker.domain_ages.lookup(parsed.domain, parsed.suffix, trace=trace)


@pytest.mark.parametrize(
    ("url", "created", "source"),
    [
        ("https://www.example.com/x", "1995-08-14T04:00:00+00:00", "rdap"),  # .com, Verisign style
        ("https://en.wikipedia.org/wiki/X", "2001-01-13T00:12:14+00:00", "rdap"),  # .org, redacted
        ("https://www.theguardian.co.uk/", "1999-07-26T00:00:00+00:00", "rdap"),  # .uk
        ("https://www.nu.nl/", "1999-04-19T00:00:00+00:00", "rdap"),  # .nl
        ("https://github.io/", "2013-03-08T20:34:01+00:00", "whois"),  # .io: no RDAP, WHOIS
        # several creation dates: the earliest wins
        ("https://archive.info/", "2001-08-02T15:10:11+00:00", "whois"),
        # "+0000" with no colon, two registration events, +0200 offset → earliest in UTC
        ("https://registrar-style.org/", "2008-08-18T11:19:55+00:00", "rdap"),
        ("https://naive-date.org/", "2008-08-18T13:19:55+00:00", "rdap"),  # naive = UTC
    ],
)
def test_registration_dates(checker: Checker, url: str, created: str, source: str) -> None:
    age = lookup(checker, url)
    assert age.status == "ok", age
    assert age.created is not None and age.created.isoformat() == created
    assert age.created.tzinfo == UTC
    assert age.source == source


def test_de_publishes_no_date(checker: Checker, whois_server: WhoisStandIn) -> None:
    age = lookup(checker, "https://www.spiegel.de/")
    assert age.status == "no_date"
    # DENIC's query format is used: "-T dn,ace -C UTF-8 <name>" only for whois.denic.de,
    # so the stand-in (another host) got the bare name.
    assert "spiegel.de" in whois_server.queries


def test_before_1996_is_a_lower_bound(make_checker: Callable[..., Checker]) -> None:
    checker = make_checker(RDAP_OVERRIDES={"uk": ""})  # force Nominet WHOIS
    age = lookup(checker, "https://www.guardian.co.uk/")
    assert age.status == "ok" and age.created_before
    assert age.created == datetime(1996, 8, 1, tzinfo=UTC)
    result = checker.check("https://www.guardian.co.uk/").signals[0]
    assert "before August 1996" in result.reason and "at least" in result.reason


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("https://unregistered-name.com/", "not_found"),  # RDAP 404
        ("https://nodate.com/", "no_date"),  # RDAP record without a registration event
        ("https://unregistered-name.io/", "not_found"),  # WHOIS "NOT FOUND"
        ("https://notthere.de/", "not_found"),  # DENIC "Status: free"
        ("https://example.bike/", "unsupported"),  # no server known in this rig
    ],
)
def test_statuses(checker: Checker, url: str, status: str) -> None:
    assert lookup(checker, url).status == status


def test_related_link_is_never_followed(checker: Checker, network_guard: list[str]) -> None:
    # example.com's record links to its registrar at 192.0.2.10; following it would trip the guard.
    assert lookup(checker, "https://example.com/").status == "ok"
    assert network_guard == []


# --- failure modes, each with its own assertion ----------------------------------------


def test_silent_rdap_server_hits_the_deadline(checker: Checker) -> None:
    start = time.monotonic()
    age = lookup(checker, "https://silent.com/")
    elapsed = time.monotonic() - start
    assert age.status == "error" and "in time" in age.detail
    assert 1.8 <= elapsed <= 2.2  # DOMAIN_AGE_DEADLINE_S=2.0 ± 10 %


def test_drip_rdap_server_total_deadline_holds(checker: Checker) -> None:
    start = time.monotonic()
    age = lookup(checker, "https://drip.com/")
    elapsed = time.monotonic() - start
    assert age.status == "error"
    assert elapsed <= 2.2, f"drip held the lookup {elapsed:.2f} s past a 2 s deadline"


def test_drip_whois_server_total_deadline_holds(checker: Checker) -> None:
    start = time.monotonic()
    age = lookup(checker, "https://drip.io/")
    elapsed = time.monotonic() - start
    assert age.status == "error" and "in time" in age.detail
    assert 1.8 <= elapsed <= 2.2


def test_silent_whois_server(checker: Checker) -> None:
    age = lookup(checker, "https://silent.io/")
    assert age.status == "error" and "in time" in age.detail


def test_429_with_retry_after_cools_the_server_down(
    checker: Checker, rdap_server: RdapStandIn
) -> None:
    age = lookup(checker, "https://ratelimited.com/")
    assert age.status == "rate_limited" and age.retry_after_s == 120
    before = len(rdap_server.requests)
    # Another domain on the same server is not asked while it cools down.
    other = lookup(checker, "https://freshnews.com/")
    assert other.status == "rate_limited"
    assert len(rdap_server.requests) == before
    # And the answer is cached until Retry-After.
    cached = checker.cache.get("domain_age", "ratelimited.com")
    assert cached is not None


def test_malformed_json(checker: Checker) -> None:
    age = lookup(checker, "https://malformed.com/")
    assert age.status == "error" and "malformed JSON" in age.detail


def test_registry_5xx(checker: Checker) -> None:
    age = lookup(checker, "https://broken.com/")
    assert age.status == "error" and "HTTP 503" in age.detail


def test_oversize_rdap_answer_is_capped(checker: Checker) -> None:
    age = lookup(checker, "https://huge.com/")
    assert age.status == "error" and "more than 1000000 bytes" in age.detail


def test_redirect_loop(checker: Checker) -> None:
    age = lookup(checker, "https://loop.com/")
    assert age.status == "error" and "redirected too many times" in age.detail


def test_quota_text_means_rate_limited(checker: Checker) -> None:
    age = lookup(checker, "https://quota.io/")
    assert age.status == "rate_limited"


def test_empty_whois_reply(checker: Checker) -> None:
    age = lookup(checker, "https://empty.io/")
    assert age.status == "error" and "empty answer" in age.detail


def test_oversize_whois_reply_is_capped(checker: Checker) -> None:
    age = lookup(checker, "https://huge.io/")
    assert age.status == "error" and "more than 512000 bytes" in age.detail


def test_referral_loop_text_is_unknown_not_followed(
    checker: Checker, whois_server: WhoisStandIn
) -> None:
    before = len(whois_server.queries)
    age = lookup(checker, "https://loop.io/")
    assert age.status == "error" and "names no domain" in age.detail  # unknown, not "not found"
    assert len(whois_server.queries) == before + 1  # one query, no referral chasing


def test_connection_refused(make_checker: Callable[..., Checker], closed_port: int) -> None:
    checker = make_checker(RDAP_OVERRIDES={"com": f"http://127.0.0.1:{closed_port}/"})
    age = lookup(checker, "https://example.com/")
    assert age.status == "error" and "could not connect" in age.detail


def test_rdap_failure_falls_back_to_whois(
    make_checker: Callable[..., Checker], closed_port: int, whois_server: WhoisStandIn
) -> None:
    checker = make_checker(
        RDAP_OVERRIDES={"io": f"http://127.0.0.1:{closed_port}/"},
    )
    trace = Trace()
    age = lookup(checker, "https://github.io/", trace)
    assert age.status == "ok" and age.source == "whois"
    assert any("falling back to WHOIS" in step for step in trace.steps)


# --- cache and single-flight ---------------------------------------------------------


def test_single_flight_one_upstream_request(checker: Checker, rdap_server: RdapStandIn) -> None:
    before = rdap_server.count("/domain/wikipedia.org")
    rdap_server.delay_s = 0.3
    try:
        results = []
        threads = [
            threading.Thread(
                target=lambda: results.append(lookup(checker, "https://wikipedia.org/"))
            )
            for _ in range(16)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        rdap_server.delay_s = 0.0
    assert len(results) == 16 and all(r.status == "ok" for r in results)
    assert rdap_server.count("/domain/wikipedia.org") - before == 1


def test_cache_hit_and_ttls(
    checker: Checker, rdap_server: RdapStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crapdetect import clock

    lookup(checker, "https://example.com/")
    lookup(checker, "https://freshnews.com/")
    trace = Trace()
    lookup(checker, "https://example.com/", trace)
    assert trace.cache_hit
    real_now = clock.now()
    # An old domain stays cached for 30 days, a young one for 1 day.
    monkeypatch.setattr(clock, "now", lambda: real_now + 2 * 86_400)
    assert checker.cache.get("domain_age", "example.com") is not None
    assert checker.cache.get("domain_age", "freshnews.com") is None
    monkeypatch.setattr(clock, "now", lambda: real_now + 31 * 86_400)
    assert checker.cache.get("domain_age", "example.com") is None


def test_not_found_cached_one_hour_and_errors_five_minutes(
    checker: Checker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crapdetect import clock

    lookup(checker, "https://unregistered-name.com/")
    lookup(checker, "https://broken.com/")
    real_now = clock.now()
    monkeypatch.setattr(clock, "now", lambda: real_now + 200)
    assert checker.cache.get("domain_age", "unregistered-name.com") is not None
    assert checker.cache.get("domain_age", "broken.com") is not None
    monkeypatch.setattr(clock, "now", lambda: real_now + 400)  # past 5 min + 20 % jitter
    assert checker.cache.get("domain_age", "broken.com") is None
    monkeypatch.setattr(clock, "now", lambda: real_now + 3700)
    assert checker.cache.get("domain_age", "unregistered-name.com") is None


def test_in_flight_cap_per_server(
    make_checker: Callable[..., Checker], rdap_server: RdapStandIn
) -> None:
    checker = make_checker(UPSTREAM_MAX_IN_FLIGHT=2, DOMAIN_AGE_DEADLINE_S=5.0)
    rdap_server.delay_s = 0.3
    try:
        domains = [
            "example.com",
            "wikipedia.org",
            "nodate.com",
            "younger.com",
            "registrar-style.org",
            "naive-date.org",
        ]
        start = time.monotonic()
        threads = [
            threading.Thread(target=lookup, args=(checker, f"https://{d}/")) for d in domains
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - start
    finally:
        rdap_server.delay_s = 0.0
    # 6 requests at 0.3 s with 2 in flight need at least 3 rounds.
    assert elapsed >= 0.85
