"""HTTP for upstream registries: one session per thread, hard caps, mapped errors.

Nothing above this module catches ``requests`` exceptions: :func:`map_errors`
turns them into :class:`LookupTimeout` / :class:`LookupFailed`.

requests' read timeout bounds each socket read, not the whole response, so
:func:`get_capped` streams the body and re-arms the socket timeout before
every read with the time left until the deadline, and counts bytes.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import requests
import urllib3

from . import __version__
from .errors import LookupFailed, LookupTimeout

USER_AGENT = f"crapdetect/{__version__} (self-hosted credibility checker)"
_local = threading.local()


def make_session() -> requests.Session:
    """A session with identifying headers and at most 3 redirects."""
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    session.max_redirects = 3
    session.trust_env = False  # no proxies from the environment: upstreams are settings
    return session


def thread_session() -> requests.Session:
    """This thread's session (requests does not promise Session is thread-safe)."""
    session = getattr(_local, "session", None)
    if session is None:
        session = _local.session = make_session()
    return session


@dataclass(frozen=True)
class CappedResponse:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        """Decode the body as JSON or raise LookupFailed."""
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise LookupFailed(f"{_host(self.url)} sent malformed JSON ({exc})") from None


@contextmanager
def map_errors(url: str) -> Iterator[None]:
    """Translate requests/socket failures into SignalError subclasses."""
    try:
        yield
    except (requests.Timeout, urllib3.exceptions.TimeoutError, TimeoutError):
        raise LookupTimeout(f"{_host(url)} did not answer in time") from None
    except requests.TooManyRedirects:
        raise LookupFailed(f"{_host(url)} redirected too many times") from None
    except requests.ConnectionError as exc:
        raise LookupFailed(f"could not connect to {_host(url)} ({_why(exc)})") from None
    except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
        raise LookupFailed(f"request to {_host(url)} failed ({_short(exc)})") from None


def get_capped(
    url: str,
    *,
    deadline: float,
    max_bytes: int,
    connect_timeout: float,
    headers: dict[str, str] | None = None,
    session: requests.Session | None = None,
) -> CappedResponse:
    """GET ``url``, reading at most ``max_bytes`` and finishing by ``deadline`` (monotonic)."""
    session = session or thread_session()
    with map_errors(url):
        remaining = _remaining(deadline, url)
        response = session.get(
            url,
            headers=headers,
            timeout=(min(connect_timeout, remaining), remaining),
            stream=True,
        )
        with response:
            body = read_capped(response, deadline, max_bytes, url)
        return CappedResponse(response.url, response.status_code, dict(response.headers), body)


def read_capped(
    response: requests.Response,
    deadline: float,
    max_bytes: int,
    url: str,
    *,
    truncate: bool = False,
) -> bytes:
    """Read a streamed body within ``deadline``; past ``max_bytes`` raise, or cut if ``truncate``."""
    chunks: list[bytes] = []
    size = 0
    sock = _socket_of(response)
    while True:
        remaining = _remaining(deadline, url)
        if sock is not None:
            sock.settimeout(remaining)
        # read1: at most one socket read, so the deadline is checked between drips.
        chunk = response.raw.read1(8192, decode_content=True)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes and truncate:
            chunks.append(chunk[: len(chunk) - (size - max_bytes)])
            return b"".join(chunks)
        if size > max_bytes:
            raise LookupFailed(f"{_host(url)} sent more than {max_bytes} bytes; answer ignored")
        chunks.append(chunk)


def _socket_of(response: requests.Response) -> socket.socket | None:
    # urllib3 keeps the connection on a streamed response; re-arming its socket timeout
    # is what turns per-read timeouts into a total deadline. Missing pieces just mean
    # the per-read timeout (≤ the time left at the start) applies.
    connection = getattr(response.raw, "connection", None) or getattr(
        response.raw, "_connection", None
    )
    sock = getattr(connection, "sock", None)
    return sock if isinstance(sock, socket.socket) else None


def _remaining(deadline: float, url: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise LookupTimeout(f"{_host(url)} did not answer in time")
    return left


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc or url


def _why(exc: BaseException) -> str:
    """A short cause for a connection failure instead of urllib3's nested repr."""
    text = str(exc)
    if "NameResolutionError" in text or "Name or service not known" in text:
        return "its name could not be resolved; is this machine offline?"
    if "Connection refused" in text:
        return "connection refused"
    if "SSL" in text or "certificate" in text:
        return "TLS handshake failed"
    return _short(exc)


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) <= 160 else text[:159] + "…"
