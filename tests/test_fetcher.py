"""The page fetcher: SSRF attempts refused with reasons; caps, deadline, types and charsets."""

from __future__ import annotations

import time
from typing import Any

import pytest

from crapdetect.errors import LookupFailed, LookupTimeout
from crapdetect.pages.extract import decode
from crapdetect.pages.fetcher import FetchPolicy, fetch
from crapdetect.pages.guard import FetchRefused

OPEN = FetchPolicy(allow_loopback=True, deadline_s=3.0)
CLOSED = FetchPolicy(allow_loopback=False, deadline_s=3.0)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://2130706433/", "loopback"),  # decimal
        ("http://0177.0.0.1/", "loopback"),  # octal
        ("http://0x7f000001/", "loopback"),  # hex
        ("http://0x7f.1/", "loopback"),  # short hex form
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "IPv4-mapped address wrapping a loopback"),
        ("http://[::ffff:7f00:1]/", "IPv4-mapped address wrapping a loopback"),
        ("http://localhost/", "loopback"),  # a name that resolves to loopback
        ("http://10.0.0.1/", "private network"),
        ("http://192.168.1.1/", "private network"),
        ("http://172.16.5.4/", "private network"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://100.64.0.1/", "carrier-grade NAT"),
        ("http://224.0.0.1/", "multicast"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://240.0.0.1/", "reserved"),
        ("http://[64:ff9b::a00:1]/", "NAT64 address wrapping a private"),
        ("http://[2002:a00:1::]/", "6to4 address wrapping a private"),
        ("http://[fc00::1]/", "private network"),
        ("http://[::a00:1]/", "IPv4-compatible"),
        ("http://192.0.2.1/", "private network"),  # documentation range
    ],
)
def test_ssrf_targets_refused(url: str, reason: str, network_guard: list[str]) -> None:
    with pytest.raises(FetchRefused) as info:
        fetch(url, CLOSED)
    assert reason in info.value.message, info.value.message
    assert "does not fetch pages there" in info.value.message
    assert network_guard == []  # refused before any connection


def test_loopback_only_allowed_by_the_explicit_setting(page_server: Any) -> None:
    page = fetch(page_server.url("127.0.0.1", "/plain-news.html"), OPEN)
    assert page.status == 200 and b"City council" in page.body
    # Even with loopback allowed, private ranges stay refused.
    with pytest.raises(FetchRefused, match="private"):
        fetch("http://10.1.2.3/", OPEN)


def test_name_resolving_to_loopback_refused() -> None:
    policy = FetchPolicy(host_overrides={"innocent.example": "127.0.0.1"})
    with pytest.raises(FetchRefused, match="innocent.example resolves to a loopback"):
        fetch("http://innocent.example/", policy)


@pytest.mark.parametrize(
    "target",
    [
        "http://10.1.2.3/admin",
        "http://169.254.169.254/latest/",
        "http://[::ffff:192.168.0.1]/",
        "http://0x0a000001/",
    ],
)
def test_redirect_to_private_address_refused(
    page_server: Any, target: str, network_guard: list[str]
) -> None:
    # The stand-in plays a public site (loopback allowed for it) that redirects inward.
    policy = FetchPolicy(allow_loopback=True, host_overrides={"public.example": "127.0.0.1"})
    start_url = page_server.url("public.example", f"/redirect?to={target}")
    with pytest.raises(FetchRefused, match="does not fetch pages there"):
        fetch(start_url, policy)
    assert any(host == f"public.example:{page_server.port}" for host, _ in page_server.requests)
    assert network_guard == []


def test_redirect_to_loopback_refused_without_the_allowance(page_server: Any) -> None:
    # With the default policy the very first hop to a loopback stand-in is refused.
    with pytest.raises(FetchRefused, match="loopback"):
        fetch(page_server.url("127.0.0.1", "/redirect?to=http://localhost/"), CLOSED)


def test_vetted_ip_is_used_and_host_header_kept(page_server: Any) -> None:
    policy = FetchPolicy(allow_loopback=True, host_overrides={"news.test": "127.0.0.1"})
    page = fetch(page_server.url("news.test", "/plain-news.html"), policy)
    assert page.status == 200
    assert (f"news.test:{page_server.port}", "/plain-news.html") in page_server.requests


def test_redirects_followed_up_to_the_limit(page_server: Any) -> None:
    page = fetch(page_server.url("127.0.0.1", "/chain?n=5"), OPEN)
    assert len(page.redirects) == 5 and page.url.endswith("/plain-news.html")
    with pytest.raises(FetchRefused, match="more than 5 redirects"):
        fetch(page_server.url("127.0.0.1", "/chain?n=6"), OPEN)


def test_byte_cap_truncates_long_pages(page_server: Any) -> None:
    policy = FetchPolicy(allow_loopback=True, max_bytes=100_000)
    page = fetch(page_server.url("127.0.0.1", "/big"), policy)
    assert len(page.body) == 100_000 and page.truncated


def test_total_deadline_holds_against_a_drip(page_server: Any) -> None:
    policy = FetchPolicy(allow_loopback=True, deadline_s=1.5)
    start = time.monotonic()
    with pytest.raises(LookupTimeout):
        fetch(page_server.url("127.0.0.1", "/drip"), policy)
    assert time.monotonic() - start <= 1.65


def test_only_html_and_text(page_server: Any) -> None:
    with pytest.raises(FetchRefused, match="image/png, not HTML"):
        fetch(page_server.url("127.0.0.1", "/image"), OPEN)


def test_http_errors_and_schemes(page_server: Any, closed_port: int) -> None:
    with pytest.raises(FetchRefused, match="HTTP 503"):
        fetch(page_server.url("127.0.0.1", "/error"), OPEN)
    with pytest.raises(FetchRefused, match="only http and https"):
        fetch("ftp://example.org/file", OPEN)
    with pytest.raises(FetchRefused, match="user names"):
        fetch("http://user:pw@example.org/", OPEN)
    with pytest.raises(LookupFailed, match="connection refused"):
        fetch(f"http://127.0.0.1:{closed_port}/", OPEN)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/latin1", "Café crème à Zürich"),  # charset from the header
        ("/meta-charset", "“Smart quotes” — dash"),  # charset from <meta>
        ("/plain-news.html", "City council approves budget"),
    ],
)
def test_charsets(page_server: Any, path: str, expected: str) -> None:
    page = fetch(page_server.url("127.0.0.1", path), OPEN)
    assert expected in decode(page.body, page.declared_charset)
