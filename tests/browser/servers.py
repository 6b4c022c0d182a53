"""Loopback servers for the browser tests: the test sites (``*.test`` pages) and the real API.

- ``SiteServer`` answers for every ``*.test`` host (the browsers map those names to 127.0.0.1)
  with hand-written pages: an article, a page with thousands of links, a strict-CSP page.
- ``ApiServer`` serves the real crapdetect Flask app with werkzeug ``make_server`` in a thread,
  wrapped in ``Recorder`` so tests can assert what the extension sent (request bodies).
"""

from __future__ import annotations

import html
import io
import json
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from werkzeug.serving import WSGIRequestHandler, make_server

from crapdetect.app import create_app
from crapdetect.sources.lists import ListEntry, ListStore, ParsedList

from ..stand_ins.lifecycle import LoopbackLifecycle

# Hosts the test sites use. RDAP records for the first four are in tests/stand_ins/rdap/.
OLD_SITE = "oldpaper.test"  # registered 1996 + on a "reliable" list → 70, green
NEW_SITE = "fresh-news-now.test"  # registered 3 days ago → 12, red
MID_SITE = "midtown.test"  # about two years old → ~52, amber
HOSTILE_SITE = "hostile.test"  # new + a list note full of markup → 0, red
UNKNOWN_SITE = "nowhere-1.test"  # no registry record → label "unknown", grey
TEST_HOSTS = (OLD_SITE, NEW_SITE, MID_SITE, HOSTILE_SITE) + tuple(
    f"nowhere-{n}.test" for n in range(1, 18)
)

HOSTILE_NOTE = (
    "<img src=x onerror=\"document.title='pwned'\"><b>bold claim</b> "
    "<script>document.title='pwned'</script>"
)
LIST_TITLE = "Reading list <i>(school)</i>"

ARTICLE_HEADLINE = "Council approves new budget for the city's libraries"
ARTICLE_PARAGRAPHS = (
    "The city council voted on Tuesday to approve next year's budget, which sets aside money "
    "for longer opening hours at the three public libraries and repairs to the central branch.",
    "Council members said the plan had been discussed at four public meetings since the spring, "
    "and that residents had asked above all for evening and weekend hours.",
    "The finance committee published the full figures on the council's website; the library "
    "service will report on visitor numbers at the end of the year.",
)


# --- the test sites ---------------------------------------------------------------------


def article_page(
    host: str, *, extra_body: str = "", title: str | None = None, more_text: str = ""
) -> str:
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in ARTICLE_PARAGRAPHS)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title or host)} – News</title>
<style>body {{ font: 16px/1.5 Georgia, serif; margin: 0; }} header {{ background: #234; color: #fff;
padding: 14px 24px; }} article {{ max-width: 680px; margin: 24px auto; padding: 0 16px; }}</style></head>
<body>
<header id="site-header"><nav><a href="/">{html.escape(host)}</a> · <a href="/about.html">About us</a></nav></header>
<article id="story">
<h1 id="headline">{html.escape(ARTICLE_HEADLINE)}</h1>
<p class="byline">By A. Reporter</p>
{paragraphs}
{more_text}
<p>Sources: <a href="http://{OLD_SITE}/budget">the council's figures</a>,
<a href="http://{MID_SITE}/libraries">a local blog</a>.</p>
</article>
{extra_body}
</body></html>"""


def big_text_page(host: str) -> str:
    """An article far longer than the extension's 20,000-character cap."""
    paragraph = "<p>" + "The committee met again to discuss the long report. " * 40 + "</p>\n"
    return article_page(host, more_text=paragraph * 30)


def links_page(host: str, count: int = 2000) -> str:
    """``count`` links spread over the test hosts, plus a button that adds more later."""
    targets = [h for h in TEST_HOSTS if h != host]
    items = []
    for n in range(count):
        target = targets[n % len(targets)]
        items.append(f'<li><a href="http://{target}/story/{n}">Story {n} on {target}</a></li>')
    script = (
        "document.getElementById('more').addEventListener('click', () => {"
        " const ul = document.getElementById('later');"
        " for (const href of ['http://oldpaper.test/late/1', 'http://late-news.test/late/2']) {"
        "  const li = document.createElement('li'); const a = document.createElement('a');"
        "  a.href = href; a.textContent = 'Late link to ' + new URL(href).hostname;"
        "  li.append(a); ul.append(li); } });"
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Links on {html.escape(host)}</title>
<style>body {{ font: 15px/1.4 sans-serif; margin: 16px; }} ul {{ columns: 3; }}</style></head>
<body><h1>Today's links</h1>
<p id="odd"><a href="/article.html">An article on this site</a> · <a href="mailto:x@{host}">mail</a>
· <a href="javascript:void(0)">script</a> · <a id="userinfo" href="http://reader@OldPaper.test:8080/x">port</a>
· <a id="ipv6" href="http://[::1]:8080/">loopback</a> · <svg width="10" height="10"><a href="http://{OLD_SITE}/svg"><rect width="10" height="10" fill="#bbb"/></a></svg></p>
<button id="more" type="button">Load more</button><ul id="later"></ul>
<ul id="links">{"".join(items)}</ul>
<script>{script}</script>
</body></html>"""


def layout_page(host: str) -> str:
    """A page whose layout the banner must not move: fixed header, sticky nav, body margin."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Layout on {html.escape(host)}</title>
<style>
  body {{ margin: 0; padding-top: 40px; font: 16px sans-serif; }}
  #fixed {{ position: fixed; top: 0; left: 0; right: 0; height: 40px; background: #036; color: #fff; }}
  #sticky {{ position: sticky; top: 40px; background: #eee; }}
  div, span {{ display: none; }}  /* hostile-ish page CSS: hides every div and span */
  #fixed, #sticky, #content {{ display: block; }}
</style></head>
<body><header id="fixed">Site header</header><nav id="sticky">Menu</nav>
<main id="content"><h1 id="headline">{html.escape(ARTICLE_HEADLINE)}</h1>
{"".join(f"<p class='para'>{html.escape(p)}</p>" for p in ARTICLE_PARAGRAPHS)}</main>
</body></html>"""


SLOW_IMAGE_S = 0.6  # /slow.gif answers after this long, so the page's load event waits for it


def slow_image_page(host: str) -> str:
    """An article whose load event waits for one slow image."""
    return article_page(
        host, extra_body='<img id="slow" src="/slow.gif" alt="" width="1" height="1">'
    )


PAGES: dict[str, Callable[[str], str]] = {
    "/article.html": article_page,
    "/other.html": lambda host: article_page(host, title=f"Another story on {host}"),
    "/big.html": big_text_page,
    "/links.html": links_page,
    "/layout.html": layout_page,
    "/csp.html": article_page,
    "/slow-image.html": slow_image_page,
}
# A 1×1 transparent GIF.
GIF = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)
STRICT_CSP = "default-src 'none'; img-src 'none'; style-src 'none'; script-src 'none'"


class _SiteHandler(BaseHTTPRequestHandler):
    server: SiteServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        host = (self.headers.get("Host") or "").split(":")[0].lower()
        # /article.html, or /any/prefix/article.html (distinct addresses for the benchmark)
        path = "/" + urlsplit(self.path).path.rsplit("/", 1)[-1]
        if path == "/slow.gif":
            time.sleep(SLOW_IMAGE_S)
            self.server.served[path] = time.monotonic()
            return self._send(200, GIF, content_type="image/gif")
        page = PAGES.get(path)
        if page is None or not host.endswith(".test"):
            return self._send(404, b"<!doctype html><title>Not found</title><h1>Not found</h1>")
        headers = {"Content-Security-Policy": STRICT_CSP} if path == "/csp.html" else {}
        return self._send(200, page(host).encode(), headers)

    def _send(
        self,
        status: int,
        body: bytes,
        headers: Mapping[str, str] | None = None,
        content_type: str = "text/html; charset=utf-8",
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass


class SiteServer(LoopbackLifecycle, ThreadingHTTPServer):
    """Every ``*.test`` host, on one loopback port."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _SiteHandler)
        self.stop_event = threading.Event()
        self.served: dict[str, float] = {}  # path → when it was last answered (time.monotonic)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, host: str, path: str = "/article.html") -> str:
        return f"http://{host}:{self.port}{path}"


# --- the API, recorded --------------------------------------------------------------------


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 0
    response: Any = None
    arrived: float = field(default_factory=time.monotonic)  # same clock as SiteServer.served


@dataclass
class Recorder:
    """WSGI middleware: remembers every request (and its JSON body and answer) the API got."""

    app: Callable[..., Iterable[bytes]]
    calls: list[Call] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(raw)
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        call = Call(
            environ["REQUEST_METHOD"],
            environ.get("PATH_INFO", ""),
            parse_qs(environ.get("QUERY_STRING", "")),
            body,
            {
                key[5:].replace("_", "-").lower(): value
                for key, value in environ.items()
                if key.startswith("HTTP_")
            },
        )
        status_holder: list[str] = []

        def recording_start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
            status_holder.append(status)
            return start_response(status, headers, exc_info)

        chunks = list(self.app(environ, recording_start_response))
        call.status = int(status_holder[0].split()[0]) if status_holder else 0
        try:
            call.response = json.loads(b"".join(chunks))
        except ValueError:
            call.response = None
        with self.lock:
            self.calls.append(call)
        return chunks

    def find(self, path: str) -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.path == path]


class _OneShotHandler(WSGIRequestHandler):
    # HTTP/1.0: one request per connection, so a browser never keeps a socket to a stopped server.
    protocol_version = "HTTP/1.0"

    def log_request(self, *args: Any, **kwargs: Any) -> None:
        pass


class ApiServer:
    """The real app on a fixed loopback address (the extension's default origin in the tests)."""

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 8000) -> None:
        self.recorder = Recorder(app)
        self.server = make_server(
            host, port, self.recorder, threaded=True, request_handler=_OneShotHandler
        )
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> ApiServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def checks(self) -> list[Call]:
        return self.recorder.find("/v1/check")

    def batches(self) -> list[Call]:
        return self.recorder.find("/v1/check/batch")


def build_app(settings: Mapping[str, Any], rdap_base: str) -> Any:
    """The real app, able to check ``*.test`` sites, with one imported list.

    ``rdap_base`` is a stand-in RDAP server holding tests/stand_ins/rdap/*.test.json. The list
    marks oldpaper.test reliable and hostile.test unreliable with a note full of markup: list
    notes are third-party text that reaches the verdict's reasons verbatim.
    """
    entries = [
        ListEntry("domain", OLD_SITE, OLD_SITE, "", "reliable", "Founded 1996"),
        ListEntry("domain", HOSTILE_SITE, HOSTILE_SITE, "", "unreliable", HOSTILE_NOTE),
    ]
    ListStore(settings["LISTS_PATH"]).import_list(
        "reading-list",
        "csv",
        "CC0-1.0",
        "tests/browser/servers.py",
        ParsedList(format="csv", entries=entries),
        title=LIST_TITLE,
    )
    return create_app(
        {
            **settings,
            "TESTING": True,
            "EXTRA_PUBLIC_SUFFIXES": ["test"],
            "RDAP_OVERRIDES": {"test": rdap_base},
        }
    )
