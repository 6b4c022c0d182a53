"""Chromium: the options page changes behaviour; privacy by default, page text only on opt-in."""

from __future__ import annotations

import time

import pytest

from .chromium import ChromiumExtension, launch
from .conftest import save_screenshot
from .servers import ARTICLE_HEADLINE, ARTICLE_PARAGRAPHS, MID_SITE, NEW_SITE, OLD_SITE
from .test_chromium_page import BANNER, RED, api_score, assert_no_banner, visit


def options(ext):
    return ext.open_page("options.html")


def save(page, expect="Saved."):
    page.locator("#save").click()
    status = page.locator("#status")
    page.wait_for_function(
        "s => document.querySelector('#status').textContent.startsWith(s)", arg=expect[:20]
    )
    return status.inner_text()


def test_options_show_the_defaults(ext):
    page = options(ext)
    assert page.locator("#apiBase").input_value() == "http://127.0.0.1:8000"
    assert page.locator("#apiKeyHeader").input_value() == "X-API-Key"
    assert page.locator("#apiKey").input_value() == ""
    assert page.locator("#warnBelow").input_value() == "40"
    assert page.locator("#goodFrom").input_value() == "70"
    assert page.locator("input[name=mode]:checked").get_attribute("value") == "banner"
    assert not page.locator("#linkDots").is_checked()
    assert not page.locator("#sendPageText").is_checked()
    assert page.locator("#dismissedCount").inner_text() == "No warnings are hidden."
    page.set_viewport_size({"width": 820, "height": 1200})
    save_screenshot(page, "options", full_page=True)


def test_connection_test_reports_success_and_failure(ext, api):
    page = options(ext)
    page.locator("#test").click()
    result = page.locator("#testResult")
    page.wait_for_function(
        "() => document.querySelector('#testResult').dataset.ok !== undefined"
        " && !document.querySelector('#testResult').textContent.endsWith('…')"
    )
    assert result.inner_text() == "Connected to crapdetect 0.1.0 at http://127.0.0.1:8000"
    assert result.get_attribute("data-ok") == "true"
    assert [c.path for c in api.recorder.calls] == ["/healthz"]
    assert "x-api-key" not in api.recorder.calls[0].headers

    page.locator("#apiKey").fill("k-123")
    page.locator("#test").click()
    page.wait_for_function(
        "() => document.querySelector('#testResult').textContent.startsWith('Connected')"
    )
    assert api.recorder.calls[-1].path == "/healthz"
    assert api.recorder.calls[-1].headers["x-api-key"] == "k-123"
    assert ext.settings() is None  # testing does not save


def test_threshold_and_mode_change_what_pages_show(ext, api, sites, page):
    url = sites.url(MID_SITE)
    tab_id, _ = visit(ext, page, url)
    score = api_score(api, url)
    assert 40 <= score < 60
    assert_no_banner(page, ext, tab_id)

    settings = options(ext)
    settings.locator("#warnBelow").fill("60")
    save(settings)
    page.reload()
    page.locator(f"{BANNER} .title").wait_for()
    assert ext.wait_for_badge(tab_id, str(score))[1] == RED

    settings.locator("input[name=mode][value=toolbar]").check()
    save(settings)
    page.reload()
    ext.wait_for_tab(url)
    assert ext.wait_for_badge(tab_id, str(score))[1] == RED  # still warned in the toolbar
    assert_no_banner(page, ext, tab_id)


def test_mode_off_sends_nothing_until_asked(ext, api, sites, page):
    settings = options(ext)
    settings.locator("input[name=mode][value=off]").check()
    save(settings)
    url = sites.url(NEW_SITE)
    page.goto(url)
    time.sleep(0.5)
    assert api.checks() == []
    popup = ext.open_page(f"popup.html?tabId={ext.active_tab_id(page)}")
    assert "Automatic checks are off" in popup.locator("#app").inner_text()
    popup.locator("button.check-now").click()
    tab_id, state = ext.wait_for_tab(url)
    assert state["state"] == "done"
    assert ext.wait_for_badge(tab_id, str(api_score(api, url)))[1] == RED
    assert [c.body for c in api.checks()] == [{"url": url}]


def test_validation_keeps_bad_settings_out(ext):
    page = options(ext)
    page.locator("#apiBase").fill("ftp://example.org")
    page.locator("#warnBelow").fill("80")
    page.locator("#denyList").fill("good.example\nnot a domain!")
    status = save(page, expect="Not saved")
    assert status.startswith("Not saved")
    errors = dict(
        page.locator(".error:not(:empty)").evaluate_all(
            "nodes => nodes.map(n => [n.dataset.for, n.textContent])"
        )
    )
    assert errors["apiBase"].startswith("Enter an http:// or https:// address")
    assert errors["goodFrom"] == "Must be at least the warning threshold (80)"
    assert "not" in errors["denyList"]
    assert ext.settings() is None  # nothing stored


def test_allow_and_deny_lists_from_the_options(ext, api, sites, page):
    settings = options(ext)
    settings.locator("#allowList").fill(NEW_SITE)
    settings.locator("#denyList").fill(f"https://www.{OLD_SITE}/some/page")  # cut to the host
    save(settings)
    assert ext.settings()["denyList"] == [f"www.{OLD_SITE}"]
    assert ext.settings()["allowList"] == [NEW_SITE]

    url = sites.url(f"www.{NEW_SITE}")  # subdomains are included
    tab_id, state = visit(ext, page, url)
    assert state["choice"] == "allow"
    assert_no_banner(page, ext, tab_id)

    visit(ext, page, sites.url(f"www.{OLD_SITE}"))
    page.locator(f"{BANNER} .title").wait_for()
    assert "deny list" in page.locator(f"{BANNER} .title").inner_text()


def test_privacy_default_sends_only_the_address(ext, api, sites, page):
    url = sites.url(NEW_SITE, "/article.html?token=s3cret&email=me%40example.org#comments")
    page.goto(url)
    ext.wait_for_tab(url)
    (call,) = api.checks()
    assert call.body == {"url": sites.url(NEW_SITE)}
    # No cookies, no referrer, no key unless one is set.
    assert not {"cookie", "referer", "x-api-key"} & set(call.headers)


def test_api_key_header_is_sent_when_set(ext, api, sites, page):
    settings = options(ext)
    settings.locator("#apiKeyHeader").fill("Authorization")
    settings.locator("#apiKey").fill("Bearer t0ken")
    save(settings)
    visit(ext, page, sites.url(NEW_SITE))
    assert api.checks()[0].headers["authorization"] == "Bearer t0ken"


def test_page_text_is_sent_only_after_opting_in(ext, api, sites, page):
    settings = options(ext)
    settings.locator("#sendPageText").check()
    save(settings)

    url = sites.url(OLD_SITE)
    page.goto(url)
    tab_id, state = ext.wait_for_tab(url)
    (call,) = api.checks()
    assert set(call.body) == {"url", "title", "text"}
    assert call.body["title"] == ARTICLE_HEADLINE
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in call.body["text"]
    assert "About us" not in call.body["text"]  # navigation is not "main text"
    text_signal = next(s for s in call.response["signals"] if s["name"] == "text")
    assert "No page text was sent" not in text_signal["reason"]
    assert state["sentText"] is True

    popup = ext.open_page(f"popup.html?tabId={tab_id}")
    assert "sends: address, title and page text" in popup.locator("footer").inner_text()

    # Long pages are cut at 20,000 characters.
    big = sites.url(OLD_SITE, "/big.html")
    page.goto(big)
    ext.wait_for_tab(big)
    (call,) = [c for c in api.checks() if c.body["url"] == big]
    assert len(call.body["text"]) == 20_000


@pytest.fixture
def second_chromium(playwright, tmp_path):
    """A browser of its own: the permission prompt it leaves open must not reach other tests."""
    context = launch(playwright, tmp_path / "profile")
    yield ChromiumExtension(context, tmp_path / "profile")
    context.close()


def test_a_custom_api_origin_asks_for_permission_on_save(second_chromium, api):
    ext = second_chromium
    page = options(ext)
    page.locator("#apiBase").fill("http://127.0.0.1:8001/")
    page.locator("#save").click()
    status = page.locator("#status")
    assert status.inner_text() == "Asking for permission to reach http://127.0.0.1:8001…"
    time.sleep(0.3)
    # The prompt cannot be answered headless: nothing is saved while it is open.
    assert ext.settings() is None
