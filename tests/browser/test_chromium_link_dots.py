"""Chromium: link dots (opt-in) on a page with 2,000 links, through POST /v1/check/batch."""

from __future__ import annotations

import time

from .conftest import save_screenshot
from .servers import HOSTILE_SITE, MID_SITE, NEW_SITE, OLD_SITE, TEST_HOSTS
from .test_chromium_page import visit

DOTS = "crapdetect-dot"


def bands_by_host(page):
    return page.evaluate(
        """() => { const out = {};
            for (const dot of document.querySelectorAll('crapdetect-dot')) {
                const host = dot.previousElementSibling.hostname;
                (out[host] ??= new Set()).add(dot.dataset.band);
            }
            return Object.fromEntries(Object.entries(out).map(([h, s]) => [h, [...s]])); }"""
    )


def test_no_dots_and_no_batch_unless_switched_on(ext, api, sites, page):
    url = sites.url(MID_SITE, "/links.html")
    visit(ext, page, url)
    time.sleep(0.5)
    assert page.locator(DOTS).count() == 0
    assert api.batches() == []


def test_link_dots_on_a_page_with_2000_links(ext, api, sites, page):
    ext.set_settings(linkDots=True)
    url = sites.url(MID_SITE, "/links.html")
    started = time.monotonic()
    visit(ext, page, url)
    page.locator(f"#links li:first-child {DOTS}").wait_for()
    elapsed = time.monotonic() - started
    assert elapsed < 10, f"the first link dots took {elapsed:.1f} s"
    # Only links on or near the screen get their dot; the rest wait until they scroll into view.
    shown = page.locator(DOTS).count()
    assert 20 <= shown < 1000, shown
    assert page.locator("#links a").count() == 2000  # the page's own links are untouched

    # One batch request per 100 distinct hosts, domain-level URLs only, each host asked once.
    linked = sorted(h for h in TEST_HOSTS if h != MID_SITE)
    batches = api.batches()
    asked = [u for call in batches for u in call.body["urls"]]
    assert sorted(asked) == [f"http://{host}/" for host in linked]
    assert all(
        call.body["fetch_pages"] is False and len(call.body["urls"]) <= 100 for call in batches
    )

    bands = bands_by_host(page)
    assert bands[OLD_SITE] == ["good"]
    assert bands[NEW_SITE] == ["bad"] and bands[HOSTILE_SITE] == ["bad"]
    assert bands["nowhere-3.test"] == ["unknown"]  # no registry record: a hollow grey dot
    title = page.locator(f"a[href='http://{OLD_SITE}/story/0'] + {DOTS}").get_attribute("title")
    assert title.startswith(f"crapdetect: {OLD_SITE} looks reliable (score 70/100")
    save_screenshot(page, "link-dots", clip={"x": 0, "y": 0, "width": 1280, "height": 520})
    # Odd links: user info and a port still name the host; no dot for same-site, mailto:,
    # javascript:, IP addresses or SVG links.
    assert page.locator(f"#userinfo + {DOTS}").get_attribute("data-band") == "good"
    assert page.locator(f"#odd {DOTS}").count() == 1

    # Scrolling down brings the last links their dots, without asking the API again.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.locator(f"a[href$='/story/1999'] + {DOTS}").wait_for()
    # A screen tall enough for every link: one dot per outbound link, none for same-site links.
    try:
        page.set_viewport_size({"width": 1280, "height": 30_000})
        page.wait_for_function(
            "() => document.querySelectorAll('#links crapdetect-dot').length >= 2000"
        )
        assert page.locator(f"#links {DOTS}").count() == 2000
    finally:
        page.set_viewport_size({"width": 1280, "height": 860})
    assert len(api.batches()) == len(batches)

    # Links added later are marked too (debounced MutationObserver); known hosts come from the
    # cache, so only the new host is asked about.
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("#more").click()
    page.wait_for_function("() => document.querySelectorAll('#later crapdetect-dot').length == 2")
    later = api.batches()[len(batches) :]
    assert [call.body["urls"] for call in later] == [["http://late-news.test/"]]

    # Reloading asks for nothing: every host is in the per-domain cache.
    before = len(api.batches())
    page.reload()
    page.locator(f"#links li:first-child {DOTS}").wait_for()
    assert len(api.batches()) == before


def test_link_dots_follow_the_users_lists(ext, api, sites, page):
    ext.set_settings(linkDots=True, denyList=[OLD_SITE], allowList=[NEW_SITE])
    visit(ext, page, sites.url(MID_SITE, "/links.html"))
    page.locator(f"#links li:nth-child(3) {DOTS}").wait_for()
    bands = bands_by_host(page)
    assert bands[OLD_SITE] == ["bad"]  # your deny list
    assert bands[NEW_SITE] == ["good"]  # your allow list
    title = page.locator(f"a[href='http://{OLD_SITE}/story/0'] + {DOTS}").get_attribute("title")
    assert title.endswith("your deny list")
