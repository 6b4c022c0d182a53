"""A stand-in port-43 WHOIS server on 127.0.0.1 (any port), with bad behaviour on cue.

Answers come from ``whois/<domain>.txt``; unknown names get ``whois/_notfound.txt``
from the TLD's folder style. Queries may carry a server-specific format
(``-T dn,ace -C UTF-8 x.de``): the last word is the name.
"""

from __future__ import annotations

import socketserver
import threading
from pathlib import Path

from .lifecycle import LoopbackLifecycle

ANSWERS = Path(__file__).parent / "whois"


class WhoisHandler(socketserver.StreamRequestHandler):
    server: WhoisStandIn

    def handle(self) -> None:
        line = self.rfile.readline(1024).decode("utf-8", "replace").strip()
        self.server.record(line)
        domain = line.split()[-1].lower() if line.split() else ""
        behaviour = BEHAVIOURS.get(domain)
        if behaviour:
            return behaviour(self)
        answer = ANSWERS / f"{domain}.txt"
        if not answer.is_file():
            answer = ANSWERS / f"_notfound.{domain.rsplit('.', 1)[-1]}.txt"
        text = answer.read_text("utf-8") if answer.is_file() else f'No match for "{domain}".\n'
        self.wfile.write(text.encode("utf-8"))


def _silent(handler: WhoisHandler) -> None:
    handler.server.stop_event.wait(30)


def _drip(handler: WhoisHandler) -> None:
    for byte in b"Domain Name: DRIP.IO\r\nCreation Date: 2010-01-01T00:00:00Z\r\n" * 5:
        if handler.server.stop_event.wait(1.0):
            return
        try:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
        except OSError:
            return


def _quota(handler: WhoisHandler) -> None:
    handler.wfile.write(b"WHOIS LIMIT EXCEEDED - SEE WWW.PIR.ORG/WHOIS FOR DETAILS\r\n")


def _empty(handler: WhoisHandler) -> None:
    return  # close without a byte


def _oversize(handler: WhoisHandler) -> None:
    chunk = b"% padding padding padding padding padding padding padding padding\r\n" * 100
    try:
        for _ in range(200):  # ~1.3 MB, more than the cap
            handler.wfile.write(chunk)
    except OSError:
        return


def _referral_loop(handler: WhoisHandler) -> None:
    # python-whois recursed forever on answers like this; we never follow referrals.
    handler.wfile.write(
        b'To single out one record, look it up with "=xxx", where xxx is one of the\r\n'
        b"records displayed above.\r\nWhois Server: 127.0.0.1\r\n"
    )


BEHAVIOURS = {
    "silent.io": _silent,
    "drip.io": _drip,
    "quota.io": _quota,
    "empty.io": _empty,
    "huge.io": _oversize,
    "loop.io": _referral_loop,
}


class WhoisStandIn(LoopbackLifecycle, socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), WhoisHandler)
        self.queries: list[str] = []
        self.stop_event = threading.Event()
        self._lock = threading.Lock()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"

    def record(self, query: str) -> None:
        with self._lock:
            self.queries.append(query)
