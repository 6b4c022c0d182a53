"""The HTTP API end to end against loopback stand-ins."""

from __future__ import annotations

import logging
from typing import Any

import pytest


def by_name(body: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for s in body["signals"] if s["name"] == name)


def test_get_check_returns_explained_verdict(client: Any) -> None:
    response = client.get("/v1/check", query_string={"url": "https://www.example.com/story"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["ok"] is True
    assert body["domain"] == "example.com" and body["url"] == "https://www.example.com/story"
    assert 0 <= body["score"] <= 100
    assert body["label"] in {"reliable", "mixed", "unreliable", "unknown"}
    signal = by_name(body, "domain_age")
    assert signal["status"] == "ok"
    assert signal["value"]["created"] == "1995-08-14T04:00:00+00:00"
    assert "registered on 14 August 1995" in signal["reason"]
    assert any("web.archive.org" in e["url"] for e in signal["evidence"])
    assert body["versions"]["crapdetect"]
    assert body["checked_at"].endswith("+00:00")


def test_young_domain_scores_low(client: Any) -> None:
    body = client.post("/v1/check", json={"url": "https://freshnews.com/breaking"}).get_json()
    assert body["label"] == "unreliable" and body["score"] <= 20
    assert "5 days ago" in by_name(body, "domain_age")["reason"]


def test_post_accepts_title_and_text(client: Any) -> None:
    response = client.post("/v1/check", json={"url": "https://nu.nl/a", "title": "T", "text": "B"})
    assert response.status_code == 200


def test_upstream_failure_is_a_missing_signal_not_a_5xx(client: Any) -> None:
    response = client.get("/v1/check", query_string={"url": "https://broken.com/"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["label"] == "unknown"  # only the weak name prior is left: too little evidence
    assert "domain_age" in body["missing"] and "text" in body["missing"]
    assert by_name(body, "domain_age")["status"] == "error"
    assert "HTTP 503" in by_name(body, "domain_age")["reason"]
    # A missing signal never moves the score: only the available prior's points count.
    assert body["score"] == round(50 + by_name(body, "source_type")["points"])


def test_unsupported_tld_is_unavailable(client: Any) -> None:
    body = client.get("/v1/check", query_string={"url": "https://shop.example.bike/"}).get_json()
    assert by_name(body, "domain_age")["status"] == "unavailable"
    assert "No registry service is known" in by_name(body, "domain_age")["reason"]


def test_healthz(client: Any) -> None:
    body = client.get("/healthz").get_json()
    assert body["ok"] is True
    bootstrap = body["domain_age"]["rdap_bootstrap"]
    assert bootstrap["tlds"] == 4 and bootstrap["publication"] == "2026-11-01T00:00:00Z"
    assert isinstance(bootstrap["stale"], bool) and bootstrap["refresh_with"]
    assert "entries" in body["cache"]
    assert body["signals"]["domain_age"] == {"status": "ok"}
    assert body["signals"]["text"]["status"] == "ok"
    assert set(body["signals"]["text"]["models"]) == {"headline-v1", "article-v1"}


def test_logs_hold_domains_not_full_urls(client: Any, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="crapdetect"):
        client.get(
            "/v1/check", query_string={"url": "https://www.example.com/private/path?token=s3cret"}
        )
    text = caplog.text
    assert "example.com" in text
    assert "s3cret" not in text and "/private/path" not in text


def test_api_rate_limit_gives_429_with_retry_after(settings: dict[str, Any]) -> None:
    from crapdetect.app import checker_of, create_app

    app = create_app({**settings, "API_RATE_LIMIT_PER_MIN": 2})
    try:
        client = app.test_client()
        codes = [
            client.get("/v1/check", query_string={"url": "https://example.com/"}).status_code
            for _ in range(3)
        ]
        assert codes == [200, 200, 429]
        limited = client.get("/v1/check", query_string={"url": "https://example.com/"})
        assert int(limited.headers["Retry-After"]) >= 1
        assert limited.get_json()["code"] == "rate_limited"
    finally:
        checker_of(app).close()
