"""Fixtures for the real-browser tests of extension/.

- The API is the real crapdetect app (``create_app``) with the loopback stand-ins of
  tests/conftest.py, ``EXTRA_PUBLIC_SUFFIXES=["test"]`` and RDAP for ``.test`` from the same
  stand-in, served on **127.0.0.1:8000**: the extension's default API origin, the only host
  permission it holds at install. (Chromium matches that permission by port, and its prompt
  for an optional origin cannot be answered headless, so the tests use the default origin.)
- A browser that is not installed skips its tests with a loud reason; under ``CI=true`` that
  is a failure instead, so CI can never pass without running them.
"""

from __future__ import annotations

import errno
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crapdetect.app import checker_of

from ..conftest import IN_CI
from .chromium import ChromiumExtension, chromium_path, launch
from .servers import ApiServer, SiteServer, build_app

API_HOST, API_PORT = "127.0.0.1", 8000
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
_SKIPPED: list[str] = []


def require(condition: object, reason: str) -> None:
    """Skip (locally) or fail (CI=true) when a browser test cannot run here."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the browser tests must run, so this is a failure)")
    _SKIPPED.append(reason)
    pytest.skip(f"BROWSER TEST NOT RUN: {reason}")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _SKIPPED:
        reasons = sorted(set(_SKIPPED))
        terminalreporter.write_sep("!", "browser tests were SKIPPED", red=True, bold=True)
        for reason in reasons:
            terminalreporter.write_line(f"  {reason}", red=True)
        terminalreporter.write_line(
            "  Install the browsers as root with scripts/install-browsers.sh (make test does it).",
            red=True,
        )


# --- servers ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sites() -> Iterator[SiteServer]:
    server = SiteServer().start()
    yield server
    server.stop()


def _port_free(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return False
            raise
    return True


@pytest.fixture
def api(settings: dict[str, Any], rdap_server: Any) -> Iterator[ApiServer]:
    """The real API on 127.0.0.1:8000, recording what it is sent; a fresh app per test."""
    require(
        _port_free(API_HOST, API_PORT),
        f"{API_HOST}:{API_PORT} is in use (a `make serve` running?); the extension's default "
        "API origin must be free for its browser tests",
    )
    app = build_app(settings, rdap_server.base_url)
    server = ApiServer(app, API_HOST, API_PORT).start()
    yield server
    server.stop()
    checker_of(app).close()


@pytest.fixture
def api_down() -> None:
    """Nothing listens on the extension's default API origin."""
    require(_port_free(API_HOST, API_PORT), f"{API_HOST}:{API_PORT} is in use")


# --- Chromium ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    require(chromium_path(), "chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def chromium(playwright: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    context = launch(playwright, profile)
    extension = ChromiumExtension(context, profile)
    yield extension
    context.close()


@pytest.fixture
def ext(chromium: ChromiumExtension) -> Iterator[ChromiumExtension]:
    """The extension with fresh storage; fails the test if its worker logged an error."""
    chromium.reset()
    chromium.errors.clear()
    yield chromium
    errors = list(chromium.errors)
    chromium.errors.clear()
    assert not errors, f"the extension's service worker logged errors: {errors}"


@pytest.fixture
def page(ext: ChromiumExtension) -> Any:
    return ext.context.pages[0] if ext.context.pages else ext.context.new_page()


def save_screenshot(target: Any, name: str, **options: Any) -> Path:
    """Save a PNG of a page or locator under docs/screenshots/ (committed, shown in the docs)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    target.screenshot(path=str(path), **options)
    return path
