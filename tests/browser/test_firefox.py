"""Firefox ESR over WebDriver BiDi: the same extension folder installs; badge, banner and popup work."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from .chromium import EXTENSION_DIR
from .conftest import SCREENSHOTS, require
from .firefox import Firefox, firefox_path
from .servers import HOSTILE_NOTE, HOSTILE_SITE, NEW_SITE, OLD_SITE, TEST_HOSTS

RED, GREEN, GREY = [198, 40, 40, 255], [46, 125, 50, 255], [97, 97, 97, 255]
BANNER_TITLE = (
    "document.getElementById('crapdetect-banner')?.shadowRoot?.querySelector('.title')?.textContent"
)


class FirefoxExtension:
    def __init__(self, firefox: Firefox, addon_id: str) -> None:
        self.firefox = firefox
        self.addon_id = addon_id
        self.tab = firefox.contexts()[0]["context"]
        # An extension page to call browser.* from (BiDi cannot navigate a tab to moz-extension:).
        self.control = firefox.open_extension_page(addon_id, "popup.html?tabId=0")

    def api(self, expression: str) -> Any:
        return self.firefox.evaluate(self.control, expression)

    def reset(self) -> None:
        self.api("Promise.all([browser.storage.local.clear(), browser.storage.session.clear()])")
        self.firefox.navigate(self.tab, "about:blank")

    def wait_for_tab(self, url: str, timeout_s: float = 15) -> tuple[int, dict[str, Any]]:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            stored = self.api("browser.storage.session.get(null)") or {}
            for key, value in stored.items():
                if (
                    key.startswith("tab:")
                    and value.get("url") == url
                    and value["state"] in ("done", "error")
                ):
                    return int(key.split(":")[1]), value
            time.sleep(0.1)
        raise AssertionError(f"no finished check for {url}")

    def badge(self, tab_id: int) -> list[Any]:
        return self.api(
            f"Promise.all([browser.action.getBadgeText({{tabId: {tab_id}}}),"
            f" browser.action.getBadgeBackgroundColor({{tabId: {tab_id}}}),"
            f" browser.action.getTitle({{tabId: {tab_id}}})])"
        )

    def wait_for_badge(self, tab_id: int, text: str, timeout_s: float = 10) -> list[Any]:
        deadline = time.monotonic() + timeout_s
        badge = self.badge(tab_id)
        while badge[0] != text and time.monotonic() < deadline:
            time.sleep(0.1)
            badge = self.badge(tab_id)
        return badge


@pytest.fixture(scope="module")
def firefox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FirefoxExtension]:
    require(firefox_path(), "firefox-esr is not installed")
    browser = Firefox(
        tmp_path_factory.mktemp("firefox-profile"), [*TEST_HOSTS, "www.oldpaper.test"]
    )
    try:
        addon_id = browser.install_extension(EXTENSION_DIR)
        yield FirefoxExtension(browser, addon_id)
    finally:
        browser.close()


@pytest.fixture
def fx(firefox: FirefoxExtension) -> FirefoxExtension:
    firefox.reset()
    return firefox


def score_for(api: Any, url: str) -> int:
    return [c.response for c in api.checks() if c.body and c.body.get("url") == url][-1]["score"]


def test_extension_installs_with_its_gecko_id(fx):
    assert fx.addon_id == "crapdetect@crapdetect.invalid"
    manifest = fx.api("browser.runtime.getManifest()")
    assert manifest["manifest_version"] == 3
    granted = fx.api("browser.permissions.getAll()")
    assert granted["permissions"] == ["storage"]
    assert "http://127.0.0.1:8000/*" in granted["origins"]


def test_low_page_red_badge_and_banner(fx, api, sites):
    url = sites.url(NEW_SITE)
    fx.firefox.navigate(fx.tab, url)
    title = fx.firefox.wait_for(fx.tab, BANNER_TITLE)
    score = score_for(api, url)
    assert title == f"crapdetect: {NEW_SITE} looks unreliable (score {score}/100)"
    tab_id, state = fx.wait_for_tab(url)
    text, color, badge_title = fx.wait_for_badge(tab_id, str(score))
    assert (text, color) == (str(score), RED) and "unreliable" in badge_title
    assert [c.body for c in api.checks()] == [{"url": url}]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    fx.firefox.screenshot(fx.tab, SCREENSHOTS / "firefox-banner.png")

    # Hide on this site: remembered.
    fx.firefox.evaluate(
        fx.tab,
        "document.getElementById('crapdetect-banner').shadowRoot.querySelector('button.dismiss').click()",
    )
    fx.firefox.wait_for(fx.tab, "!document.getElementById('crapdetect-banner')")
    # The banner goes at once; the worker stores the choice a moment later. Move on after that.
    deadline = time.monotonic() + 10
    while not fx.wait_for_tab(url)[1].get("dismissed") and time.monotonic() < deadline:
        time.sleep(0.05)
    fx.firefox.navigate(fx.tab, sites.url(NEW_SITE, "/other.html"))
    fx.wait_for_tab(sites.url(NEW_SITE, "/other.html"))
    time.sleep(0.3)
    assert fx.firefox.evaluate(fx.tab, "!!document.getElementById('crapdetect-banner')") is False


def test_high_page_green_badge_no_banner(fx, api, sites):
    url = sites.url(OLD_SITE)
    fx.firefox.navigate(fx.tab, url)
    tab_id, _ = fx.wait_for_tab(url)
    assert fx.wait_for_badge(tab_id, str(score_for(api, url)))[1] == GREEN
    time.sleep(0.3)
    assert fx.firefox.evaluate(fx.tab, "!!document.getElementById('crapdetect-banner')") is False


def test_popup_page_and_markup_as_text(fx, api, sites):
    url = sites.url(HOSTILE_SITE)
    fx.firefox.navigate(fx.tab, url)
    fx.firefox.wait_for(fx.tab, BANNER_TITLE)
    reasons = fx.firefox.evaluate(
        fx.tab,
        "[...document.getElementById('crapdetect-banner').shadowRoot.querySelectorAll('.reason')]"
        ".map(r => r.textContent)",
    )
    assert any(HOSTILE_NOTE in r for r in reasons)
    assert fx.firefox.evaluate(fx.tab, "document.title") == f"{HOSTILE_SITE} – News"
    tab_id, _ = fx.wait_for_tab(url)
    popup = fx.firefox.open_extension_page(fx.addon_id, f"popup.html?tabId={tab_id}")
    try:
        found = fx.firefox.evaluate(
            popup,
            "({score: document.querySelector('.score').textContent,"
            " signals: document.querySelectorAll('.signal').length,"
            " tags: document.querySelectorAll('#app img, #app b, #app script').length,"
            " lateral: [...document.querySelectorAll('.lateral a')].map(a => a.href)})",
        )
    finally:
        fx.firefox.send("browsingContext.close", {"context": popup})
    assert found["score"] == f"{score_for(api, url)}/100"
    assert found["signals"] == 4 and found["tags"] == 0
    assert f"https://web.archive.org/web/*/{HOSTILE_SITE}" in found["lateral"]


def test_unreachable_api_grey_question_mark(fx, api_down, sites):
    url = sites.url(NEW_SITE)
    fx.firefox.navigate(fx.tab, url)
    tab_id, state = fx.wait_for_tab(url)
    assert state["state"] == "error", json.dumps(state)
    text, color, title = fx.wait_for_badge(tab_id, "?")
    assert (text, color) == ("?", GREY) and "unreachable" in title


def test_banner_styled_under_a_strict_csp(fx, api, sites):
    url = sites.url(NEW_SITE, "/csp.html")
    fx.firefox.navigate(fx.tab, url)
    fx.firefox.wait_for(fx.tab, BANNER_TITLE)
    background = fx.firefox.evaluate(
        fx.tab,
        "getComputedStyle(document.getElementById('crapdetect-banner').shadowRoot"
        ".querySelector('.banner')).backgroundColor",
    )
    assert background == "rgb(255, 243, 242)"
