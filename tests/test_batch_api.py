"""POST /v1/check/batch: order kept, bad rows explained, one registry query per domain."""

from __future__ import annotations

from typing import Any

from .stand_ins.rdap_server import RdapStandIn


def test_results_in_input_order_with_errors_as_rows(client: Any) -> None:
    urls = [
        "https://www.example.com/a",
        "ftp://nope.org/",
        "https://nu.nl/b",
        "https://wikipedia.org/",
    ]
    body = client.post("/v1/check/batch", json={"urls": urls}).get_json()
    assert body["ok"] and body["count"] == 4
    assert [r["input"] for r in body["results"]] == urls
    assert [r["ok"] for r in body["results"]] == [True, False, True, True]
    assert body["results"][1]["code"] == "invalid_url"
    assert body["results"][0]["domain"] == "example.com"


def test_one_registry_query_per_domain(client: Any, rdap_server: RdapStandIn) -> None:
    before = rdap_server.count("/domain/younger.com")
    urls = [f"https://younger.com/story/{i}" for i in range(40)]
    body = client.post("/v1/check/batch", json={"urls": urls}).get_json()
    assert all(r["ok"] for r in body["results"])
    assert rdap_server.count("/domain/younger.com") - before == 1


def test_pages_are_not_fetched_by_default(client: Any) -> None:
    body = client.post("/v1/check/batch", json={"urls": ["https://www.example.com/"]}).get_json()
    text = next(s for s in body["results"][0]["signals"] if s["name"] == "text")
    assert text["status"] == "unavailable"


def test_limits_and_shape(client: Any) -> None:
    too_many = client.post("/v1/check/batch", json={"urls": ["https://a.com/"] * 101})
    assert too_many.status_code == 400 and too_many.get_json()["code"] == "too_many_urls"
    assert "POST /v1/jobs" in too_many.get_json()["error"]
    bad = client.post("/v1/check/batch", json={"urls": "https://a.com/"})
    assert bad.status_code == 400 and bad.get_json()["code"] == "invalid_request"
    flag = client.post("/v1/check/batch", json={"urls": [], "fetch_pages": "yes"})
    assert flag.status_code == 400
    empty = client.post("/v1/check/batch", json={"urls": []}).get_json()
    assert empty == {"ok": True, "count": 0, "results": []}
