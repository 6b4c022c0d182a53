"""A stand-in RDAP registry on 127.0.0.1: real HTTP, hand-written records, bad behaviour on cue.

Records live in ``rdap/<domain>.json``. ``{{DAYS_AGO:n}}`` in a record is
replaced by the timestamp n days before now, so "young domain" fixtures stay
young. Domains named in ``BEHAVIOURS`` misbehave on purpose.
"""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from .lifecycle import LoopbackLifecycle

RECORDS = Path(__file__).parent / "rdap"


def _days_ago(text: str) -> str:
    import re

    def repl(match: re.Match[str]) -> str:
        moment = datetime.now(UTC) - timedelta(days=int(match[1]))
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    return re.sub(r"\{\{DAYS_AGO:(\d+)\}\}", repl, text)


class RdapHandler(BaseHTTPRequestHandler):
    server: RdapStandIn
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.server.record(self.path)
        if self.path == "/dns.json":
            return self._send(200, json.dumps(self.server.bootstrap()).encode())
        if self.path == "/loop":
            return self._redirect("/loop")
        if not self.path.startswith("/domain/"):
            return self._send(404, b'{"errorCode": 404, "title": "Not Found"}')
        domain = self.path.rsplit("/", 1)[-1].lower()
        behaviour = BEHAVIOURS.get(domain)
        if behaviour:
            return behaviour(self)
        record = RECORDS / f"{domain}.json"
        if not record.is_file():
            body = {"errorCode": 404, "title": "Not Found", "description": [f"{domain} not found"]}
            return self._send(404, json.dumps(body).encode())
        delay = self.server.delay_s
        if delay:
            time.sleep(delay)
        return self._send(200, _days_ago(record.read_text("utf-8")).encode())

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/rdap+json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


def _silent(handler: RdapHandler) -> None:
    handler.server.stop_event.wait(30)  # accept, then say nothing


def _drip(handler: RdapHandler) -> None:
    body = b'{"objectClassName": "domain", "events": []}' * 10
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rdap+json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    for byte in body:
        if handler.server.stop_event.wait(1.0):
            return
        try:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
        except OSError:
            return


def _rate_limited(handler: RdapHandler) -> None:
    handler._send(429, b'{"errorCode": 429, "title": "Too Many Requests"}', {"Retry-After": "120"})


def _malformed(handler: RdapHandler) -> None:
    handler._send(200, b'{"objectClassName": "domain", "events": [')


def _server_error(handler: RdapHandler) -> None:
    handler._send(503, b"<html>Service Unavailable</html>")


def _oversize(handler: RdapHandler) -> None:
    handler._send(200, b'{"padding": "' + b"x" * 3_000_000 + b'"}')


def _loop(handler: RdapHandler) -> None:
    handler._redirect("/loop")


BEHAVIOURS = {
    "silent.com": _silent,
    "drip.com": _drip,
    "ratelimited.com": _rate_limited,
    "malformed.com": _malformed,
    "broken.com": _server_error,
    "huge.com": _oversize,
    "loop.com": _loop,
}


class RdapStandIn(LoopbackLifecycle, ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, tlds: list[str]) -> None:
        super().__init__(("127.0.0.1", 0), RdapHandler)
        self.tlds = tlds
        self.requests: list[str] = []
        self.delay_s = 0.0
        self.stop_event = threading.Event()
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def record(self, path: str) -> None:
        with self._lock:
            self.requests.append(path)

    def count(self, path: str) -> int:
        with self._lock:
            return self.requests.count(path)

    def bootstrap(self) -> dict[str, Any]:
        return {
            "version": "1.0",
            "publication": "2026-11-01T00:00:00Z",
            "description": "stand-in bootstrap for tests",
            "services": [[self.tlds, [self.base_url]]],
        }
