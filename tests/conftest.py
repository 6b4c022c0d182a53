"""Fixtures: loopback stand-ins for every upstream, and a guard against the real network."""

from __future__ import annotations

import ipaddress
import json
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from crapdetect.app import checker_of, create_app
from crapdetect.checker import Checker

from .stand_ins.rdap_server import RdapStandIn
from .stand_ins.whois_server import WhoisStandIn

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
IN_CI = os.environ.get("CI", "").lower() == "true"


def shared_data_or_skip(*parts: str) -> Path:
    """Return ../shared/data/<parts>; skip when absent (fail in CI, where it must exist)."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        message = f"{path} is absent: the shared datasets are not next to this checkout"
        if IN_CI:
            pytest.fail(message + " (CI=true, so this is an error)")
        pytest.skip(message)
    return path


# --- the network guard ---------------------------------------------------------------

_violations: list[str] = []
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _allowed(address: Any) -> bool:
    if not isinstance(address, tuple):
        return True  # AF_UNIX paths
    host = address[0]
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if not _allowed(address):
        _violations.append(repr(address))
        raise ConnectionRefusedError(f"test guard: connection to {address!r} is not loopback")
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    if not _allowed(address):
        _violations.append(repr(address))
        raise ConnectionRefusedError(f"test guard: connection to {address!r} is not loopback")
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True)
def network_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail any test that tries to open a non-loopback socket (even if the code swallowed it)."""
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
    _violations.clear()
    yield _violations
    if _violations:
        found = list(_violations)
        _violations.clear()
        pytest.fail(f"test tried to reach the network: {found}")


# --- stand-ins -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def rdap_server() -> Iterator[RdapStandIn]:
    server = RdapStandIn(["com", "org", "uk", "nl"]).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def whois_server() -> Iterator[WhoisStandIn]:
    server = WhoisStandIn().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def closed_port() -> int:
    """A loopback port nobody listens on (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def settings(
    tmp_path: Path, rdap_server: RdapStandIn, whois_server: WhoisStandIn
) -> dict[str, Any]:
    """Settings that point every upstream at a loopback stand-in."""
    bootstrap = tmp_path / "dns.json"
    bootstrap.write_text(json.dumps(rdap_server.bootstrap()))
    return {
        "CACHE_PATH": str(tmp_path / "cache.sqlite"),
        "RDAP_BOOTSTRAP_PATH": str(bootstrap),
        "RDAP_BUNDLED_OVERRIDES": False,
        "WHOIS_BUNDLED_SERVERS": False,
        "WHOIS_SERVERS": {tld: whois_server.address for tld in ("de", "io", "info", "uk")},
        "DOMAIN_AGE_DEADLINE_S": 2.0,
        "UPSTREAM_CONNECT_TIMEOUT_S": 1.0,
        "RDAP_RATE_PER_S": 1000.0,
        "WHOIS_RATE_PER_S": 1000.0,
        "UPSTREAM_BURST": 1000,
        "API_RATE_LIMIT_PER_MIN": 0,
    }


@pytest.fixture
def make_checker(settings: dict[str, Any]) -> Iterator[Callable[..., Checker]]:
    made: list[Checker] = []

    def make(**overrides: Any) -> Checker:
        checker = Checker({**settings, **overrides})
        made.append(checker)
        return checker

    yield make
    for checker in made:
        checker.close()


@pytest.fixture
def checker(make_checker: Callable[..., Checker]) -> Checker:
    return make_checker()


@pytest.fixture
def app(settings: dict[str, Any]) -> Iterator[Any]:
    app = create_app({"TESTING": True, **settings})
    yield app
    checker_of(app).close()


@pytest.fixture
def client(app: Any) -> Any:
    return app.test_client()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli_settings(settings: dict[str, Any]) -> list[str]:
    """The stand-in settings as `--setting NAME VALUE` arguments."""
    args: list[str] = []
    for name, value in settings.items():
        args += ["--setting", name, value if isinstance(value, str) else json.dumps(value)]
    return args


@pytest.fixture(scope="session")
def page_server() -> Iterator[Any]:
    from .stand_ins.page_server import PageStandIn

    server = PageStandIn().start()
    yield server
    server.stop()
