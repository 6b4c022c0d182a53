"""A stand-in web server on 127.0.0.1 serving hand-written pages, plus misbehaving routes."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .lifecycle import LoopbackLifecycle

PAGES = Path(__file__).parent / "pages"


class PageHandler(BaseHTTPRequestHandler):
    server: PageStandIn
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        parts = urlsplit(self.path)
        self.server.record(self.headers.get("Host", ""), self.path)
        query = parse_qs(parts.query)
        route = ROUTES.get(parts.path)
        if route:
            return route(self, query)
        page = PAGES / parts.path.lstrip("/")
        if parts.path.endswith(".html") and page.is_file():
            return self.send(200, page.read_bytes(), "text/html; charset=utf-8")
        return self.send(404, b"<h1>Not found</h1>", "text/html")

    def send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass


def _redirect(handler: PageHandler, query: dict[str, list[str]]) -> None:
    handler.send(302, b"", "text/html", {"Location": query["to"][0]})


def _chain(handler: PageHandler, query: dict[str, list[str]]) -> None:
    hops = int(query["n"][0])
    target = f"/chain?n={hops - 1}" if hops > 1 else "/plain-news.html"
    handler.send(302, b"", "text/html", {"Location": target})


def _big(handler: PageHandler, query: dict[str, list[str]]) -> None:
    paragraph = b"<p>" + b"Long page text goes on and on. " * 30 + b"</p>\n"
    body = b"<html><head><title>A very long page</title></head><body>" + paragraph * 2000
    handler.send(200, body + b"</body></html>", "text/html")


def _drip(handler: PageHandler, query: dict[str, list[str]]) -> None:
    body = b"<html><body>" + b"x" * 100 + b"</body></html>"
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    for byte in body:
        if handler.server.stop_event.wait(0.5):
            return
        try:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
        except OSError:
            return


def _image(handler: PageHandler, query: dict[str, list[str]]) -> None:
    handler.send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")


def _latin1(handler: PageHandler, query: dict[str, list[str]]) -> None:
    body = "<html><head><title>Café crème à Zürich</title></head><body><p>Grüße</p></body></html>"
    handler.send(200, body.encode("latin-1"), "text/html; charset=ISO-8859-1")


def _meta_charset(handler: PageHandler, query: dict[str, list[str]]) -> None:
    body = (
        '<html><head><meta charset="windows-1252"><title>“Smart quotes” — dash</title>'
        "</head><body><p>ok</p></body></html>"
    )
    handler.send(200, body.encode("windows-1252"), "text/html")


def _error(handler: PageHandler, query: dict[str, list[str]]) -> None:
    handler.send(503, b"<h1>Down</h1>", "text/html")


ROUTES = {
    "/redirect": _redirect,
    "/chain": _chain,
    "/big": _big,
    "/drip": _drip,
    "/image": _image,
    "/latin1": _latin1,
    "/meta-charset": _meta_charset,
    "/error": _error,
}


class PageStandIn(LoopbackLifecycle, ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), PageHandler)
        self.requests: list[tuple[str, str]] = []
        self.stop_event = threading.Event()
        self._lock = threading.Lock()

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, host: str, path: str) -> str:
        return f"http://{host}:{self.port}{path}"

    def record(self, host: str, path: str) -> None:
        with self._lock:
            self.requests.append((host, path))
