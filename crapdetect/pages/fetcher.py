"""Fetch a web page safely: SSRF-proof by construction, bounded in bytes and time.

For every hop (the first request and each redirect, at most ``max_redirects``):
resolve the host once, refuse it if any address is not public
(:mod:`crapdetect.pages.guard`), then connect *to that vetted IP* while
keeping the ``Host`` header and TLS SNI/certificate checks on the name. There
is no second DNS resolution, so a rebinding DNS server cannot swap in a
private address between the check and the connection.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter

from ..http import USER_AGENT, map_errors, read_capped
from .guard import FetchRefused, resolve_vetted

ALLOWED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass(frozen=True)
class FetchPolicy:
    """Limits for one fetch, built from settings."""

    max_bytes: int = 2_000_000
    deadline_s: float = 8.0
    connect_timeout_s: float = 3.0
    max_redirects: int = 5
    allow_loopback: bool = False
    host_overrides: Mapping[str, str] | None = None

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> FetchPolicy:
        return cls(
            max_bytes=settings["FETCH_MAX_BYTES"],
            deadline_s=settings["FETCH_DEADLINE_S"],
            connect_timeout_s=settings["UPSTREAM_CONNECT_TIMEOUT_S"],
            max_redirects=settings["FETCH_MAX_REDIRECTS"],
            allow_loopback=settings["FETCH_ALLOW_LOOPBACK_HOSTS"],
            host_overrides=settings["FETCH_HOST_OVERRIDES"],
        )


@dataclass(frozen=True)
class FetchedPage:
    url: str  # after redirects
    status: int
    content_type: str
    declared_charset: str | None
    body: bytes
    redirects: tuple[str, ...]
    truncated: bool = False


class _PinnedAdapter(HTTPAdapter):
    """Connects to a vetted IP while TLS still verifies the certificate for the host name."""

    def __init__(self, hostname: str, ip: str) -> None:
        self._hostname = hostname
        self._ip = ip
        super().__init__(max_retries=0)

    def build_connection_pool_key_attributes(
        self, request: requests.PreparedRequest, verify: Any, cert: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        host_params["host"] = self._ip
        if host_params["scheme"] == "https":
            pool_kwargs["server_hostname"] = self._hostname
            pool_kwargs["assert_hostname"] = self._hostname
        return host_params, pool_kwargs


def fetch(url: str, policy: FetchPolicy) -> FetchedPage:
    """GET ``url`` under ``policy``; raise FetchRefused / LookupTimeout / LookupFailed."""
    deadline = time.monotonic() + policy.deadline_s
    redirects: list[str] = []
    current = url
    while True:
        response = _one_hop(current, policy, deadline)
        with response:
            if response.is_redirect:
                location = response.headers.get("Location", "")
                if len(redirects) >= policy.max_redirects:
                    raise FetchRefused(f"more than {policy.max_redirects} redirects; gave up")
                redirects.append(current)
                current = urljoin(current, location)
                continue
            return _read(response, current, policy, deadline, tuple(redirects))


def final_url(url: str, policy: FetchPolicy) -> tuple[str, tuple[str, ...]]:
    """Follow redirects with HEAD requests (GET if HEAD is refused) without reading bodies.

    Used to expand short links: every hop goes through the same address guard.
    """
    deadline = time.monotonic() + policy.deadline_s
    hops: list[str] = []
    current = url
    while True:
        response = _one_hop(current, policy, deadline, method="HEAD")
        if response.status_code in (405, 501):  # some shorteners refuse HEAD
            response.close()
            response = _one_hop(current, policy, deadline)
        with response:
            if not response.is_redirect:
                return current, tuple(hops)
            if len(hops) >= policy.max_redirects:
                raise FetchRefused(f"more than {policy.max_redirects} redirects; gave up")
            hops.append(current)
            current = urljoin(current, response.headers.get("Location", ""))


def _one_hop(
    url: str, policy: FetchPolicy, deadline: float, method: str = "GET"
) -> requests.Response:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"only http and https pages are fetched, not {parts.scheme or 'this'}")
    if parts.username or parts.password:
        raise FetchRefused("URLs with user names or passwords are not fetched")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise FetchRefused(f"{url!r} has no host")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    ip = resolve_vetted(
        host,
        port,
        allow_loopback=policy.allow_loopback,
        host_overrides=policy.host_overrides or {},
    )
    session = requests.Session()
    session.trust_env = False  # a proxy would do its own resolution and defeat the pin
    session.mount(f"{parts.scheme}://", _PinnedAdapter(host, ip))
    default_port = (parts.scheme == "https" and port == 443) or (
        parts.scheme == "http" and port == 80
    )
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
        "Host": host if default_port else f"{host}:{port}",
    }
    left = deadline - time.monotonic()
    with map_errors(url):
        if left <= 0:
            raise requests.Timeout()
        return session.request(
            method,
            url,
            headers=headers,
            stream=True,
            allow_redirects=False,
            timeout=(min(policy.connect_timeout_s, left), left),
        )


def _read(
    response: requests.Response,
    url: str,
    policy: FetchPolicy,
    deadline: float,
    redirects: tuple[str, ...],
) -> FetchedPage:
    content_type, charset = _content_type(response.headers.get("Content-Type", ""))
    if response.status_code >= 400:
        raise FetchRefused(f"the page answered HTTP {response.status_code}")
    if content_type not in ALLOWED_TYPES:
        raise FetchRefused(
            f"the page is {content_type or 'of unknown type'}, not HTML or plain text"
        )
    with map_errors(url):
        # Long pages are cut, not refused: the headline and lead come first.
        body = read_capped(response, deadline, policy.max_bytes, url, truncate=True)
    return FetchedPage(
        url,
        response.status_code,
        content_type,
        charset,
        body,
        redirects,
        truncated=len(body) >= policy.max_bytes,
    )


def _content_type(header: str) -> tuple[str, str | None]:
    """('text/html', 'utf-8') from 'text/html; charset="UTF-8"'."""
    kind, *params = [part.strip() for part in header.split(";")]
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value:
            charset = value.strip().strip('"').lower()
    return kind.lower(), charset
