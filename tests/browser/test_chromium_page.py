"""Chromium: the badge and the warning banner on real pages, checked by the real API."""

from __future__ import annotations

import time

from .conftest import save_screenshot
from .servers import HOSTILE_NOTE, HOSTILE_SITE, MID_SITE, NEW_SITE, OLD_SITE, UNKNOWN_SITE

RED, AMBER, GREEN, GREY = (
    [198, 40, 40, 255],
    [178, 106, 0, 255],
    [46, 125, 50, 255],
    [97, 97, 97, 255],
)
BANNER = "#crapdetect-banner"


def visit(ext, page, url):
    page.goto(url)
    return ext.wait_for_tab(url)


def api_score(api, url):
    """The score the API itself answered for ``url`` (what the badge must show)."""
    answers = [c.response for c in api.checks() if c.body and c.body.get("url") == url]
    assert answers, f"the API was never asked about {url}: {[c.body for c in api.checks()]}"
    return answers[-1]["score"]


def assert_no_banner(page, ext, tab_id):
    # The negative check waits a little after the verdict is stored, as the notes advise.
    time.sleep(0.3)
    assert page.locator(BANNER).count() == 0


def test_low_score_page_gets_red_badge_and_banner(ext, api, sites, page):
    url = sites.url(NEW_SITE)
    tab_id, state = visit(ext, page, url)

    score = api_score(api, url)
    assert score < 40 and state["verdict"]["label"] == "unreliable"
    text, color, title = ext.wait_for_badge(tab_id, str(score))
    assert (text, color) == (str(score), RED)
    assert "unreliable" in title and f"{score}/100" in title

    banner = page.locator(f"{BANNER} .banner")
    banner.wait_for()
    assert banner.get_attribute("data-label") == "unreliable"
    assert banner.get_attribute("data-band") == "bad"
    assert page.locator(f"{BANNER} .title").inner_text() == (
        f"crapdetect: {NEW_SITE} looks unreliable (score {score}/100)"
    )
    reasons = page.locator(f"{BANNER} .reason").all_inner_texts()
    assert any("registered on" in r and "days ago" in r for r in reasons)
    # The banner lives in a shadow root: the host element itself holds no text.
    assert page.locator(BANNER).evaluate("host => host.shadowRoot.mode") == "open"
    assert page.evaluate(f"document.querySelector('{BANNER}').textContent") == ""
    # Only the address went to the API: no title, no text (the privacy default).
    assert [c.body for c in api.checks()] == [{"url": url}]
    save_screenshot(page, "banner")


def test_high_score_page_gets_green_badge_and_no_banner(ext, api, sites, page):
    url = sites.url(OLD_SITE)
    tab_id, state = visit(ext, page, url)
    score = api_score(api, url)
    assert score >= 70 and state["verdict"]["label"] == "reliable"
    assert ext.wait_for_badge(tab_id, str(score))[:2] == (str(score), GREEN)
    assert_no_banner(page, ext, tab_id)


def test_mixed_is_amber_and_unknown_is_grey_without_banner(ext, api, sites, page):
    url = sites.url(MID_SITE)
    tab_id, _ = visit(ext, page, url)
    score = api_score(api, url)
    assert 40 <= score < 70
    assert ext.wait_for_badge(tab_id, str(score))[:2] == (str(score), AMBER)
    assert_no_banner(page, ext, tab_id)

    url = sites.url(UNKNOWN_SITE)
    tab_id, state = visit(ext, page, url)
    assert state["verdict"]["label"] == "unknown"
    text, color, title = ext.wait_for_badge(tab_id, str(api_score(api, url)))
    assert color == GREY and "too little evidence" in title
    assert_no_banner(page, ext, tab_id)


def test_badge_follows_navigation_in_the_same_tab(ext, api, sites, page):
    low, high = sites.url(NEW_SITE), sites.url(OLD_SITE)
    tab_id, _ = visit(ext, page, low)
    assert ext.wait_for_badge(tab_id, str(api_score(api, low)))[1] == RED
    page.locator(f"{BANNER} .title").wait_for()

    same_tab, _ = visit(ext, page, high)
    assert same_tab == tab_id
    assert ext.wait_for_badge(tab_id, str(api_score(api, high)))[1] == GREEN
    assert_no_banner(page, ext, tab_id)


def test_the_check_waits_until_the_page_has_loaded(ext, api, sites, page):
    # The check costs CPU in the browser and on a local API: a loading page should not share it.
    url = sites.url(NEW_SITE, "/slow-image.html")
    visit(ext, page, url)
    page.locator(f"{BANNER} .title").wait_for()
    [call] = [c for c in api.checks() if c.body == {"url": url}]
    assert call.arrived >= sites.served["/slow.gif"]  # the image held up the load event


def test_dismissal_is_remembered_per_site(ext, api, sites, page):
    url = sites.url(NEW_SITE)
    visit(ext, page, url)
    page.locator(f"{BANNER} button.dismiss").click()
    assert page.locator(BANNER).count() == 0
    # The banner goes at once; the worker stores the choice a moment later. Reload after that.
    deadline = time.monotonic() + 10
    while not ext.wait_for_tab(url)[1].get("dismissed") and time.monotonic() < deadline:
        time.sleep(0.05)

    page.reload()
    tab_id, state = ext.wait_for_tab(url)
    assert state["dismissed"] is True
    assert_no_banner(page, ext, tab_id)
    # Another page of the same site: still dismissed. The badge still warns.
    other = sites.url(NEW_SITE, "/other.html")
    tab_id, _ = visit(ext, page, other)
    assert ext.wait_for_badge(tab_id, str(api_score(api, other)))[1] == RED
    assert_no_banner(page, ext, tab_id)
    # A different low site still gets its banner.
    visit(ext, page, sites.url(HOSTILE_SITE))
    page.locator(f"{BANNER} .title").wait_for()


def test_close_button_hides_the_banner_for_this_page_only(ext, api, sites, page):
    url = sites.url(NEW_SITE)
    visit(ext, page, url)
    page.locator(f"{BANNER} button.close").click()
    assert page.locator(BANNER).count() == 0
    page.reload()
    page.locator(f"{BANNER} .title").wait_for()


def test_markup_in_reasons_is_shown_as_text(ext, api, sites, page):
    url = sites.url(HOSTILE_SITE)
    visit(ext, page, url)
    page.locator(f"{BANNER} .title").wait_for()
    reasons = page.locator(f"{BANNER} .reason").all_inner_texts()
    assert any(HOSTILE_NOTE in reason for reason in reasons), reasons
    # Nothing was parsed as HTML: no <img>, <b> or <script> inside the banner, no script ran.
    counts = page.evaluate(
        """sel => { const root = document.querySelector(sel).shadowRoot;
                    return ['img', 'b', 'script', 'i'].map(t => root.querySelectorAll(t).length); }""",
        BANNER,
    )
    assert counts == [0, 0, 0, 0]
    assert page.title() == f"{HOSTILE_SITE} – News"


def test_banner_does_not_move_the_page_and_survives_strict_csp(ext, api, sites, page):
    url = sites.url(NEW_SITE, "/layout.html")
    layout = """() => [...document.querySelectorAll('#fixed, #sticky, #headline, .para')]
                    .map(e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })
                    .concat([[document.documentElement.scrollHeight, document.body.scrollHeight]])"""
    # The same page without the banner (mode "toolbar"), then with it.
    ext.set_settings(mode="toolbar")
    visit(ext, page, url)
    before = page.evaluate(layout)
    ext.set_settings(mode="banner")
    page.reload()
    ext.wait_for_tab(url)
    page.locator(f"{BANNER} .title").wait_for()
    assert page.evaluate(layout) == before
    host_style = page.locator(BANNER).evaluate(
        "h => { const s = getComputedStyle(h); return [s.position, s.top, s.zIndex, s.display]; }"
    )
    assert host_style == ["fixed", "0px", "2147483647", "block"]

    # A page whose CSP forbids every style and script: the banner is still styled and works.
    csp = sites.url(NEW_SITE, "/csp.html")
    visit(ext, page, csp)
    page.locator(f"{BANNER} .title").wait_for()
    background = page.locator(f"{BANNER} .banner").evaluate(
        "b => getComputedStyle(b).backgroundColor"
    )
    assert background == "rgb(255, 243, 242)"
    page.locator(f"{BANNER} button.dismiss").click()
    assert page.locator(BANNER).count() == 0


def test_unreachable_api_gives_grey_question_mark(ext, api_down, sites, page):
    url = sites.url(NEW_SITE)
    tab_id, state = visit(ext, page, url)
    assert state["state"] == "error" and state["error"]["kind"] == "unreachable"
    text, color, title = ext.wait_for_badge(tab_id, "?")
    assert (text, color) == ("?", GREY)
    assert "unreachable" in title and "could not connect to http://127.0.0.1:8000" in title
    assert_no_banner(page, ext, tab_id)


def test_custom_origin_without_permission_is_explained(ext, api, sites, page):
    # An API address outside the granted origin: the worker must say why it cannot ask.
    ext.set_settings(apiBase="http://127.0.0.1:8001")
    url = sites.url(NEW_SITE)
    tab_id, state = visit(ext, page, url)
    assert state["error"]["kind"] == "permission"
    text, color, title = ext.wait_for_badge(tab_id, "?")
    assert color == GREY and "no permission to reach http://127.0.0.1:8001" in title
    assert api.checks() == []


def test_manifest_loads_without_warnings_and_asks_little(ext):
    info = ext.manifest_health()
    assert info["installWarnings"] == [] and info["manifestErrors"] == []
    # What chrome://extensions lists: the content script's pages, and no API permission warning.
    hosts = [h["host"] for h in info["permissions"]["runtimeHostPermissions"]["hosts"]]
    assert hosts == ["http://*/*", "https://*/*"]
    assert info["permissions"]["simplePermissions"] == []  # "storage" raises no warning
    # getAll() adds the content script's patterns; the API origin is the only explicit host, and
    # another port is not covered (the behaviour is tested above: the fetch is refused).
    granted = ext.evaluate("() => chrome.permissions.getAll()")
    assert granted["permissions"] == ["storage"]
    assert sorted(granted["origins"]) == ["http://*/*", "http://127.0.0.1:8000/*", "https://*/*"]
    other_port = {"origins": ["http://127.0.0.1:8001/*"]}
    assert ext.evaluate("p => chrome.permissions.contains(p)", other_port) is False


def test_a_reload_uses_the_cache_and_check_again_asks_the_api(ext, api, sites, page):
    url = sites.url(NEW_SITE)
    tab_id, _ = visit(ext, page, url)
    page.reload()
    page.locator(f"{BANNER} .title").wait_for()
    assert len(api.checks()) == 1  # the worker's 10-minute cache answered
    popup = ext.open_page(f"popup.html?tabId={tab_id}")
    popup.locator("footer a.recheck").click()
    deadline = time.monotonic() + 10
    while len(api.checks()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(api.checks()) == 2
