"""Batch speed: crapdetect's list checking vs a naive script, against slow loopback stand-ins.

Run: .venv/bin/python -m bench.batch [--links 2000] [--domains 300] [--latency 0.15]

Set-up: 5 RDAP servers (com, net, org, uk, nl) and 2 WHOIS servers (io, info) on 127.0.0.1, each
adding a fixed latency per request, plus a page server with the same latency; a list of 2,000
links over 300 registrable domains spread evenly across those 7 registries; cold cache.

- crapdetect: `Checker.check_many` with the default politeness (2 requests in flight per
  registry server); the per-server token bucket is lifted so the latency/concurrency limit is
  what is measured. Domain facts are looked up once per domain.
- naive: what a typical script does: for each link, sequentially, one registry lookup and one
  page fetch, no cache. Measured on a sample and scaled linearly (it is strictly sequential).
- physical limit: distinct domains × latency ÷ allowed concurrency (servers × 2).

The stand-ins run in a child process, as real registries and web sites do not share our
interpreter: in-process, their request handling competed with the checker for the GIL.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import socket
import socketserver
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import requests

from crapdetect.checker import Checker

RDAP_TLDS = ("com", "net", "org", "uk", "nl")
WHOIS_TLDS = ("io", "info")


class _Slow(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    latency = 0.15

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        time.sleep(self.latency)
        if self.path.startswith("/domain/"):
            name = self.path.rsplit("/", 1)[-1]
            body = json.dumps(
                {
                    "objectClassName": "domain",
                    "ldhName": name,
                    "events": [
                        {"eventAction": "registration", "eventDate": "2009-03-01T00:00:00Z"}
                    ],
                }
            ).encode()
            kind = "application/rdap+json"
        else:
            body = (
                b"<html lang=en><head><title>Council approves the new budget for roads</title>"
                b"</head><body><article><p>"
                + b"The council met on Tuesday. " * 40
                + b"</p></article></body></html>"
            )
            kind = "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _SlowWhois(socketserver.StreamRequestHandler):
    latency = 0.15

    def handle(self) -> None:
        name = self.rfile.readline().decode().split()[-1]
        time.sleep(self.latency)
        self.wfile.write(f"Domain Name: {name}\r\nCreation Date: 2009-03-01T00:00:00Z\r\n".encode())


class _Threaded(ThreadingHTTPServer):
    request_queue_size = 256  # the default backlog of 5 drops bursts of connections


class _ThreadedTCP(socketserver.ThreadingTCPServer):
    request_queue_size = 256


def _serve(server: socketserver.BaseServer) -> int:
    server.daemon_threads = True  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return int(server.server_address[1])  # type: ignore[index]


def _start_stand_ins(latency: float) -> tuple[dict[str, int], dict[str, int], int, Any]:
    """RDAP, WHOIS and page servers in a child process; returns their ports and the process."""
    ours, theirs = multiprocessing.Pipe()

    def serve() -> None:
        _Slow.latency = _SlowWhois.latency = latency
        rdap = {tld: _serve(_Threaded(("127.0.0.1", 0), _Slow)) for tld in RDAP_TLDS}
        whois = {tld: _serve(_ThreadedTCP(("127.0.0.1", 0), _SlowWhois)) for tld in WHOIS_TLDS}
        theirs.send((rdap, whois, _serve(_Threaded(("127.0.0.1", 0), _Slow))))
        threading.Event().wait()

    process = multiprocessing.get_context("fork").Process(target=serve, daemon=True)
    process.start()
    rdap, whois, page_port = ours.recv()
    return rdap, whois, page_port, process


def _links(n_links: int, n_domains: int, page_port: int) -> tuple[list[str], list[str]]:
    rng = random.Random(7)
    tlds = RDAP_TLDS + WHOIS_TLDS
    domains = [
        f"site{i}.{'co.uk' if tld == 'uk' else tld}"
        for i, tld in ((i, tlds[i % len(tlds)]) for i in range(n_domains))
    ]
    links = [f"http://www.{domains[i % n_domains]}:{page_port}/story/{i}" for i in range(n_links)]
    rng.shuffle(links)
    return links, domains


def _naive(links: list[str], rdap: dict[str, int], whois: dict[str, int]) -> float:
    start = time.perf_counter()
    session = requests.Session()
    for link in links:
        host = link.split("/")[2].split(":")[0].removeprefix("www.")
        tld = host.rsplit(".", 1)[-1]
        if tld in rdap:
            session.get(f"http://127.0.0.1:{rdap[tld]}/domain/{host}", timeout=10)
        else:
            with socket.create_connection(("127.0.0.1", whois[tld]), timeout=10) as sock:
                sock.sendall(host.encode() + b"\r\n")
                while sock.recv(4096):
                    pass
        session.get(link.replace(link.split("/")[2].split(":")[0], "127.0.0.1"), timeout=10)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--links", type=int, default=2000)
    parser.add_argument("--domains", type=int, default=300)
    parser.add_argument("--latency", type=float, default=0.15)
    parser.add_argument("--naive-sample", type=int, default=100)
    args = parser.parse_args()
    rdap, whois, page_port, stand_ins = _start_stand_ins(args.latency)
    links, domains = _links(args.links, args.domains, page_port)
    servers = len(rdap) + len(whois)
    limit = len(domains) * args.latency / (servers * 2)

    with tempfile.TemporaryDirectory() as tmp:
        bootstrap = Path(tmp) / "dns.json"
        bootstrap.write_text(
            json.dumps({"services": [[[t], [f"http://127.0.0.1:{p}/"]] for t, p in rdap.items()]})
        )
        hosts = {f"www.{d}": "127.0.0.1" for d in domains}

        def checker(name: str) -> Checker:
            return Checker(
                {
                    "CACHE_PATH": str(Path(tmp) / f"{name}.sqlite"),
                    "LISTS_PATH": str(Path(tmp) / "l.sqlite"),
                    "RDAP_BOOTSTRAP_PATH": str(bootstrap),
                    "RDAP_BUNDLED_OVERRIDES": False,
                    "WHOIS_BUNDLED_SERVERS": False,
                    "WHOIS_SERVERS": {t: f"127.0.0.1:{p}" for t, p in whois.items()},
                    "RDAP_RATE_PER_S": 10_000.0,
                    "WHOIS_RATE_PER_S": 10_000.0,
                    "UPSTREAM_BURST": 10_000,
                    "FETCH_ALLOW_LOOPBACK_HOSTS": True,
                    "FETCH_HOST_OVERRIDES": hosts,
                }
            )

        results = {}
        for label, fetch in (("domain facts only", False), ("with page fetch + text models", True)):
            ours = checker(label.split()[0] + str(fetch))
            start = time.perf_counter()
            outcomes = list(ours.check_many(links, fetch_pages=fetch))
            elapsed = time.perf_counter() - start
            errors = sum(1 for _, o in outcomes if not hasattr(o, "score"))
            age_errors = sum(
                1 for _, o in outcomes if hasattr(o, "signals") and o.signals[0].status != "ok"
            )
            results[label] = (elapsed, errors, age_errors)
            if not fetch:
                start = time.perf_counter()
                list(ours.check_many(links, fetch_pages=False))
                warm = time.perf_counter() - start
            ours.close()

    sample = links[: args.naive_sample]
    naive = _naive(sample, rdap, whois) * len(links) / len(sample)
    stand_ins.terminate()
    print(
        f"{len(links)} links, {len(domains)} domains, {servers} registry servers, "
        f"{args.latency * 1000:.0f} ms per request"
    )
    print(
        f"physical limit for domain facts: {limit:.2f} s "
        f"({len(domains)} × {args.latency} s ÷ ({servers} servers × 2 in flight))"
    )
    for label, (elapsed, errors, age_errors) in results.items():
        print(
            f"crapdetect, {label}: {elapsed:.2f} s ({len(links) / elapsed:,.0f} links/s; "
            f"{errors} failed, {age_errors} without domain age); {elapsed / limit:.2f}× the limit"
        )
    print(f"crapdetect, warm cache: {warm:.2f} s ({len(links) / warm:,.0f} links/s)")
    print(
        f"naive script (sequential lookup + page fetch per link, measured on {len(sample)}, "
        f"scaled): {naive:.0f} s"
    )
    for label, (elapsed, _e, _a) in results.items():
        print(f"speed-up vs naive, {label}: {naive / elapsed:.0f}×")


if __name__ == "__main__":
    main()
