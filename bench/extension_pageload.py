"""Does the extension slow pages down? (issue #5: target ≤ 1.05× load time)

Run: .venv/bin/python -m bench.extension_pageload [--runs 30]

Everything stays on 127.0.0.1: the tests' page server (``*.test`` hosts mapped to loopback by
Chromium's host-resolver rules), the tests' RDAP stand-in and the real crapdetect app on
127.0.0.1:8000 (the extension's default API origin; stop `make serve` first).

Four headless Chromium profiles run side by side: one with extension/ loaded, one without,
a second one without (A/A control: how much two identical browsers differ on this machine
right now), and one with a copy of extension/ whose content script is empty ("empty"): the cost
of having any content script injected, which no code of ours can remove. Each round loads a new address once in every browser, in a rotating order, so with
the extension each load is a real check (no cache hit). "ratio" is the median over rounds of
with ÷ mean(the two browsers without); "A/A" is the same for the two browsers without, i.e. the
noise floor. Per-round ratios cancel most drift in machine load.

1. Page load time: ``loadEventEnd`` of the navigation timing entry for an article page (low
   score: check + banner; high score: check only) and a page with 2,000 links, link dots off and
   on.
2. Main-thread cost on the 2,000-link page, link dots off and on: CDP ``Performance.getMetrics``
   (thread time) once the dots on screen are drawn (+ 300 ms), minus the same page without the
   extension. Dots are drawn for links on or near the screen; the rest as they scroll in.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from tests.browser.chromium import EXTENSION_DIR, ChromiumExtension, launch
from tests.browser.servers import MID_SITE, NEW_SITE, OLD_SITE, ApiServer, SiteServer, build_app
from tests.stand_ins.rdap_server import RdapStandIn

LOAD_END = "() => performance.getEntriesByType('navigation')[0].loadEventEnd"
# Dots are drawn for the links on screen (and 400 px around it); the rest as they scroll in.
DOTS_DONE = "() => !!document.querySelector('#links li:first-child crapdetect-dot')"
METRICS = {
    "script": "ScriptDuration",
    "style": "RecalcStyleDuration",
    "layout": "LayoutDuration",
    "task": "TaskDuration",
}


def api_settings(tmp: Path, rdap: RdapStandIn) -> dict[str, Any]:
    bootstrap = tmp / "dns.json"
    bootstrap.write_text(json.dumps(rdap.bootstrap()))
    return {
        "CACHE_PATH": str(tmp / "cache.sqlite"),
        "LISTS_PATH": str(tmp / "lists.sqlite"),
        "RDAP_BOOTSTRAP_PATH": str(bootstrap),
        "RDAP_BUNDLED_OVERRIDES": False,
        "WHOIS_BUNDLED_SERVERS": False,
        "RDAP_RATE_PER_S": 1000.0,
        "UPSTREAM_BURST": 1000,
        "API_RATE_LIMIT_PER_MIN": 0,
        "FETCH_PAGES": False,
    }


def load_ms(page: Any, url: str, wait_for: str | None = None) -> float:
    page.goto(url, wait_until="load")
    if wait_for:
        page.wait_for_function(wait_for, timeout=30_000)
    return float(page.evaluate(LOAD_END))


def main_thread(page: Any, url: str, wait_for: str | None) -> tuple[dict[str, float], float]:
    """Load ``url`` in ``page`` with CDP performance metrics on; (metrics, ms until waited-for)."""
    session = page.context.new_cdp_session(page)
    session.send("Performance.enable", {"timeDomain": "threadTicks"})
    started = time.perf_counter()
    page.goto(url, wait_until="load")
    if wait_for:
        page.wait_for_function(wait_for, timeout=30_000)
    waited = (time.perf_counter() - started) * 1000
    time.sleep(0.3)  # let late tasks (idle callbacks, frames) finish
    found = {m["name"]: m["value"] for m in session.send("Performance.getMetrics")["metrics"]}
    session.detach()
    costs = {name: found[key] * 1000 for name, key in METRICS.items()}
    return costs, waited


SETTLE_S = 0.3  # after each load, so one browser's after-load work does not slow the next


def side_by_side(pages: dict[str, Any], url_for: Any, runs: int, wait: dict[str, str | None]):
    """``runs`` rounds; each loads a new address once per browser, in a rotating order."""
    names = list(pages)
    times: dict[str, list[float]] = {name: [] for name in names}
    for n in range(runs):
        order = names[n % len(names) :] + names[: n % len(names)]
        for name in order:
            times[name].append(load_ms(pages[name], url_for(n), wait.get(name)))
            time.sleep(SETTLE_S)
    return times


def ratios(times: dict[str, list[float]], name: str, baseline: tuple[str, ...]) -> list[float]:
    """Per-round ratios of ``name`` to the mean of ``baseline`` (drift between rounds cancels)."""
    rounds = zip(times[name], *(times[b] for b in baseline), strict=True)
    return [row[0] / statistics.fmean(row[1:]) for row in rounds]


def median_interval(values: list[float], draws: int = 2000) -> tuple[float, float]:
    """A 95 % bootstrap interval for the median (seeded, so a rerun of the maths agrees)."""
    rng = random.Random(1)
    medians = sorted(statistics.median(rng.choices(values, k=len(values))) for _ in range(draws))
    return medians[int(0.025 * draws)], medians[int(0.975 * draws) - 1]


def describe(label: str, times: dict[str, list[float]]) -> None:
    without = statistics.median(times["without"] + times["control"])
    with_ext = statistics.median(times["with"])
    found = ratios(times, "with", ("without", "control"))
    ratio, (low, high) = statistics.median(found), median_interval(found)
    verdict = "meets" if high <= 1.05 else "cannot exclude >" if ratio <= 1.05 else "MISSES"
    aa = statistics.median(ratios(times, "control", ("without",)))
    empty = statistics.median(ratios(times, "empty", ("without", "control")))
    ours = ratios(times, "with", ("empty",))
    ours_low, ours_high = median_interval(ours)
    print(
        f"{label:<38} {without:6.1f} ms {with_ext:6.1f} ms {ratio:6.3f}× [{low:.3f}–{high:.3f}]"
        f" {aa:6.3f}× {empty:6.3f}× {statistics.median(ours):6.3f}× [{ours_low:.3f}–{ours_high:.3f}]"
        f"  {verdict} 1.05×"
    )


def empty_extension(folder: Path) -> Path:
    """A copy of extension/ whose content script does nothing (same manifest, same worker)."""
    copy = folder / "empty-extension"
    shutil.copytree(EXTENSION_DIR, copy)
    (copy / "content.js").write_text("(() => {})();\n")
    return copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="loads per page and browser (≥ 10)")
    args = parser.parse_args()
    rdap = RdapStandIn(["test"]).start()
    sites = SiteServer().start()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        app = build_app(api_settings(Path(tmp), rdap), rdap.base_url)
        api = ApiServer(app).start()
        with_ctx = launch(pw, Path(tmp) / "with")
        without_ctx = launch(pw, Path(tmp) / "without", extension=None)
        control_ctx = launch(pw, Path(tmp) / "control", extension=None)
        empty_ctx = launch(pw, Path(tmp) / "empty", extension=empty_extension(Path(tmp)))
        try:
            ext = ChromiumExtension(with_ctx, Path(tmp) / "with")
            pages = {
                "without": without_ctx.new_page(),
                "with": with_ctx.new_page(),
                "control": control_ctx.new_page(),  # a second browser without it: the noise
                "empty": empty_ctx.new_page(),  # an extension whose content script does nothing
            }
            for n in range(5):  # warm up the browsers, the worker and the API
                for page in pages.values():
                    load_ms(page, sites.url(NEW_SITE, f"/warm/{n}/article.html"))

            print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
            print(
                f"Chromium headless, {args.runs} rounds, a new address per load; medians of "
                "loadEventEnd; ratio = median of per-round with ÷ without"
            )
            print(
                f"{'page':<38} {'without':>9} {'with':>9} {'with ÷ without [95% CI]':>24}"
                f" {'A/A':>7} {'empty':>7} {'with ÷ empty [95% CI]':>24}"
            )
            article = side_by_side(
                pages, lambda n: sites.url(NEW_SITE, f"/r/{n}/article.html"), args.runs, {}
            )
            describe("article, low score (check + banner)", article)
            high = side_by_side(
                pages, lambda n: sites.url(OLD_SITE, f"/r/{n}/article.html"), args.runs, {}
            )
            describe("article, high score (check, no banner)", high)
            links = side_by_side(
                pages, lambda n: sites.url(MID_SITE, f"/r/{n}/links.html"), args.runs, {}
            )
            describe("2,000 links, link dots off (default)", links)

            ext.set_settings(linkDots=True)
            dots_wait = {"with": DOTS_DONE}
            links_dots = side_by_side(
                pages, lambda n: sites.url(MID_SITE, f"/d/{n}/links.html"), args.runs, dots_wait
            )
            describe("2,000 links, link dots on", links_dots)

            # Main-thread time on the 2,000-link page, a fresh tab each time: dots off, then on.
            print()
            print(
                f"2,000-link page: renderer main-thread time (thread ticks), medians of {args.runs}"
            )
            print(f"{'':<44} {'without':>11} {'with':>11}   added")
            for label, settings, wait in (
                ("link dots off", {}, None),
                ("link dots on", {"linkDots": True}, DOTS_DONE),
            ):
                ext.set_settings(**settings)
                costs: dict[str, list[dict[str, float]]] = {"with": [], "without": []}
                waited: list[float] = []
                for n in range(args.runs):
                    for name in ("without", "with"):  # the A/A browser is not needed here
                        page = pages[name].context.new_page()
                        found, took = main_thread(
                            page,
                            sites.url(MID_SITE, f"/m{len(settings)}/{n}/links.html"),
                            wait if name == "with" else None,
                        )
                        costs[name].append(found)
                        if name == "with":
                            waited.append(took)
                        page.close()
                for metric in METRICS:
                    without = statistics.median(c[metric] for c in costs["without"])
                    with_ext = statistics.median(c[metric] for c in costs["with"])
                    print(
                        f"{label + ': ' + metric + ' (' + METRICS[metric] + ')':<44} "
                        f"{without:8.1f} ms {with_ext:8.1f} ms  {with_ext - without:+7.1f} ms"
                    )
                if wait:
                    print(
                        f"{'navigation start → dots on screen':<44} {'':>11} "
                        f"{statistics.median(waited):8.0f} ms"
                    )
            print(f"API requests: {len(api.checks())} checks, {len(api.batches())} batches")
            print(f"load average after: {os.getloadavg()[0]:.2f}")
        finally:
            with_ctx.close()
            without_ctx.close()
            control_ctx.close()
            empty_ctx.close()
            api.stop()
    sites.stop()
    rdap.stop()


if __name__ == "__main__":
    main()
