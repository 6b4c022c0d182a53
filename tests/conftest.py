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
STAND_IN_SITES = (
    "www.example.com",
    "example.com",
    "nu.nl",
    "www.nu.nl",
    "freshnews.com",
    "wikipedia.org",
    "en.wikipedia.org",
    "spiegel.de",
    "www.spiegel.de",
)


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


_real_getaddrinfo = socket.getaddrinfo


def _guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    # A DNS query for a real name would leave the machine too.
    name = host.decode() if isinstance(host, bytes) else str(host)
    if name not in ("localhost", "") and not _is_ip(name):
        _violations.append(f"DNS lookup of {name!r}")
        raise socket.gaierror(socket.EAI_NONAME, f"test guard: no DNS for {name!r}")
    return _real_getaddrinfo(host, *args, **kwargs)


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]").split("%")[0])
        return True
    except ValueError:
        # inet_aton forms (2130706433, 0x7f.1) never reach a resolver either
        return (
            all(part.isalnum() for part in name.split("."))
            and name.replace(".", "").replace("x", "").isalnum()
            and name[0].isdigit()
        )


@pytest.fixture(autouse=True)
def network_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail any test that opens a non-loopback socket or asks DNS (even if the code swallowed it)."""
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", _guarded_getaddrinfo)
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


@pytest.fixture(scope="session")
def tiny_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A hand-written corpus in the layout of ../shared/data."""
    from .stand_ins.tiny_corpus import write_tiny_corpus

    return write_tiny_corpus(tmp_path_factory.mktemp("tiny-data"))


@pytest.fixture(scope="session")
def tiny_models(tiny_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real headline + article pipelines trained on the tiny corpus (a few seconds)."""
    from crapdetect.textmodels.build import build_models

    out = tmp_path_factory.mktemp("tiny-models")
    build_models(tiny_data, out, command="pytest tiny_models", evaluate=False)
    return out


@pytest.fixture
def settings(
    tmp_path: Path,
    rdap_server: RdapStandIn,
    whois_server: WhoisStandIn,
    page_server: Any,
    tiny_models: Path,
) -> dict[str, Any]:
    """Settings that point every upstream at a loopback stand-in."""
    bootstrap = tmp_path / "dns.json"
    bootstrap.write_text(json.dumps(rdap_server.bootstrap()))
    return {
        "CACHE_PATH": str(tmp_path / "cache.sqlite"),
        "LISTS_PATH": str(tmp_path / "lists.sqlite"),
        "JOBS_PATH": str(tmp_path / "jobs.sqlite"),
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
        "MODELS_DIR": str(tiny_models),
        "FETCH_PAGES": False,  # tests that read pages switch it on with stand-in hosts
        "FETCH_ALLOW_LOOPBACK_HOSTS": True,
        # Stand-in sites: names the registries above know, served by the loopback page server.
        "FETCH_HOST_OVERRIDES": {host: "127.0.0.1" for host in STAND_IN_SITES},
        "FETCH_DEADLINE_S": 3.0,
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
    app.extensions["crapdetect.jobs_runner"].stop()
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
