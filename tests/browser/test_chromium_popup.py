"""Chromium: the popup, as a page (popup.html?tabId=N) and as the real toolbar popup."""

from __future__ import annotations

import time
from urllib.parse import quote

from .conftest import save_screenshot
from .servers import ARTICLE_HEADLINE, HOSTILE_NOTE, HOSTILE_SITE, NEW_SITE, OLD_SITE
from .test_chromium_page import BANNER, GREEN, RED, api_score, visit


def popup_for(ext, tab_id):
    page = ext.open_page(f"popup.html?tabId={tab_id}")
    page.set_viewport_size({"width": 400, "height": 900})
    return page


def test_popup_shows_the_verdict_every_reason_and_evidence(ext, api, sites, page):
    url = sites.url(NEW_SITE)
    tab_id, _ = visit(ext, page, url)
    verdict = [c.response for c in api.checks()][-1]
    popup = popup_for(ext, tab_id)

    assert popup.locator(".score").inner_text().replace("\n", "") == f"{verdict['score']}/100"
    assert popup.locator(".verdict").get_attribute("data-band") == "bad"
    assert popup.locator(".label").inner_text() == f"{NEW_SITE} looks unreliable"
    assert popup.locator(".confidence").inner_text() == "Confidence 0.40 (medium)"
    assert popup.locator(".summary").inner_text() == verdict["summary"]

    # Every signal, in the API's order, with its reason and its evidence links.
    signals = popup.locator(".signal")
    assert signals.count() == len(verdict["signals"])
    for index, signal in enumerate(verdict["signals"]):
        item = signals.nth(index)
        assert item.get_attribute("data-name") == signal["name"]
        assert item.locator(".reason").inner_text() == signal["reason"]
        links = item.locator(".evidence a")
        assert links.count() == len(signal["evidence"])
        for n, evidence in enumerate(signal["evidence"]):
            link = links.nth(n)
            assert link.inner_text() == evidence["label"]
            assert link.get_attribute("href") == evidence["url"]
            assert link.get_attribute("target") == "_blank"
            assert link.get_attribute("rel") == "noopener noreferrer"

    # Honest about what is missing, and why the text was not read.
    notes = popup.locator(".note").all_inner_texts()
    assert any("Not available: Headline and text, Popularity" in n for n in notes)
    assert any("text was not sent (your privacy setting)" in n for n in notes)

    # "Check it yourself": lateral reading, with the page's own headline for the fact-check search.
    lateral = popup.locator(".lateral")
    assert lateral.locator(".question").all_inner_texts() == [
        "Who is behind this?",
        "What do others say?",
        "What is the original source?",
    ]
    hrefs = lateral.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert f"https://en.wikipedia.org/w/index.php?search={NEW_SITE}&ns0=1" in hrefs
    assert f"https://web.archive.org/web/*/{NEW_SITE}" in hrefs
    assert (
        "https://toolbox.google.com/factcheck/explorer/search/"
        + quote(ARTICLE_HEADLINE, safe="!~*'()")
        in hrefs
    )
    assert "sends: the address only" in popup.locator("footer").inner_text()
    save_screenshot(popup, "popup", full_page=True)

    # Evidence opens in a new tab (nothing loads: every non-.test name is unresolvable here).
    requested: list[str] = []

    def note(request):
        requested.append(request.url)

    ext.context.on("request", note)
    with ext.context.expect_page() as opened:
        lateral.locator("a").first.click()
    opened.value.wait_for_load_state()
    ext.context.remove_listener("request", note)
    assert f"https://en.wikipedia.org/w/index.php?search={NEW_SITE}&ns0=1" in requested
    assert opened.value != popup
    opened.value.close()


def test_popup_renders_markup_in_reasons_as_text(ext, api, sites, page):
    tab_id, _ = visit(ext, page, sites.url(HOSTILE_SITE))
    popup = popup_for(ext, tab_id)
    reasons = popup.locator(".reason").all_inner_texts()
    assert any(HOSTILE_NOTE in reason and "<i>(school)</i>" in reason for reason in reasons)
    counts = popup.evaluate(
        "() => ['img', 'b', 'script', 'i'].map(t => document.querySelectorAll('#app ' + t).length)"
    )
    assert counts == [0, 0, 0, 0]
    assert popup.title() == "crapdetect"


def test_real_toolbar_popup_opens_for_the_active_tab(ext, api, sites, page, playwright):
    url = sites.url(NEW_SITE)
    tab_id, _ = visit(ext, page, url)
    page.bring_to_front()
    ext.evaluate("() => chrome.action.openPopup()")
    # The action popup is a CDP target the persistent context does not list: attach over CDP.
    browser = playwright.chromium.connect_over_cdp(f"http://127.0.0.1:{ext.devtools_port()}")
    try:
        popup = None
        deadline = time.monotonic() + 10
        while popup is None and time.monotonic() < deadline:
            for context in browser.contexts:
                for candidate in context.pages:
                    if candidate.url.startswith(ext.url("popup.html")):
                        popup = candidate
            time.sleep(0.1)
        assert popup is not None, "the action popup did not open"
        popup.wait_for_selector("body[data-ready='1']")
        assert popup.url == ext.url("popup.html")  # no ?tabId: it found the active tab itself
        assert popup.locator(".score").inner_text().startswith(str(api_score(api, url)))
        assert popup.locator(".signal").count() == 4
        popup.close()
    finally:
        browser.close()


def test_choices_in_the_popup_override_the_score_and_say_so(ext, api, sites, page):
    # Always warn on a site the API rates reliable.
    url = sites.url(OLD_SITE)
    tab_id, _ = visit(ext, page, url)
    popup = popup_for(ext, tab_id)
    popup.locator("button.deny").click()
    page.locator(f"{BANNER} .title").wait_for()
    assert page.locator(f"{BANNER} .title").inner_text() == (
        f"crapdetect: You put {OLD_SITE} on your deny list"
    )
    assert page.locator(f"{BANNER} .reason").first.inner_text().startswith("Your choice")
    text, color, title = ext.wait_for_badge(tab_id, str(api_score(api, url)), RED)
    assert color == RED and "on your deny list" in title
    assert ext.settings()["denyList"] == [OLD_SITE]
    popup.reload()
    popup.wait_for_selector("body[data-ready='1']")
    assert "deny list" in popup.locator(".choice").inner_text()
    assert popup.locator("button.deny").get_attribute("aria-pressed") == "true"

    # Always trust a site the API rates unreliable: no banner, a green badge with the real score.
    url = sites.url(NEW_SITE)
    tab_id, _ = visit(ext, page, url)
    page.locator(f"{BANNER} .title").wait_for()
    popup = popup_for(ext, tab_id)
    popup.locator("button.allow").click()
    page.locator(BANNER).wait_for(state="detached")
    _, state = ext.wait_for_tab(url)
    assert state["choice"] == "allow"
    text, color, title = ext.wait_for_badge(tab_id, str(api_score(api, url)), GREEN)
    assert color == GREEN and "on your allow list: never warned" in title


def test_hidden_warning_can_be_shown_again_from_the_popup(ext, api, sites, page):
    url = sites.url(NEW_SITE)
    tab_id, _ = visit(ext, page, url)
    page.locator(f"{BANNER} button.dismiss").click()
    popup = popup_for(ext, tab_id)
    popup.locator("button.undismiss").click()
    page.locator(f"{BANNER} .title").wait_for()


def test_popup_explains_an_unreachable_server(ext, api_down, sites, page):
    tab_id, _ = visit(ext, page, sites.url(NEW_SITE))
    popup = popup_for(ext, tab_id)
    assert popup.locator("body").get_attribute("data-state") == "error"
    assert "could not be reached" in popup.locator("#app").inner_text()
    assert (
        "could not connect to http://127.0.0.1:8000" in popup.locator(".error-message").inner_text()
    )


def test_popup_for_a_tab_without_a_check(ext):
    popup = popup_for(ext, 987654)
    assert "This page has not been checked." in popup.locator("#app").inner_text()


def test_banner_details_button_opens_the_explanation_next_to_the_page(ext, api, sites, page):
    url = sites.url(NEW_SITE)
    tab_id, _ = visit(ext, page, url)
    with ext.context.expect_page() as opened:
        page.locator(f"{BANNER} button.details").click()
    details = opened.value
    details.wait_for_selector("body[data-ready='1']")
    assert details.url == ext.url(f"popup.html?tabId={tab_id}")
    assert details.locator(".score").inner_text().startswith(str(api_score(api, url)))
    assert details.locator(".lateral .question").count() == 3


def test_popup_never_shows_a_verdict_for_a_page_the_tab_has_left(ext, api, sites, page):
    url = sites.url(NEW_SITE)
    tab_id, _ = visit(ext, page, url)
    # A single-page app changes its address without loading a page: say so.
    page.evaluate("history.pushState({}, '', '/elsewhere.html')")
    popup = popup_for(ext, tab_id)
    assert "changed its address since it was checked" in popup.locator(".moved").inner_text()
    # A page the extension does not run on (here about:blank): no stale verdict.
    page.goto("about:blank")
    popup.reload()
    popup.wait_for_selector("body[data-ready='1']")
    assert "This page has not been checked." in popup.locator("#app").inner_text()
