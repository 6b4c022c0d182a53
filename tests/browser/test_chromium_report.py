"""Chromium: the batch HTML report, made by the real CLI, read the way a teacher reads it.

The report must stand alone (no request leaves the file), show counts per label, sort its
table, colour each label, open the reasons and evidence, and show hostile input as text.
The screenshot is the one in the README.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from crapdetect import clock
from crapdetect.batch.html_report import _COLOURS
from crapdetect.cli import cli

from .chromium import launch
from .conftest import save_screenshot

HOSTILE_LINE = "<img src=x onerror=alert(1)>not a link"
READING_LIST = f"""# Week 3 reading list
https://www.example.com/climate-report
https://nu.nl/binnenland/123
https://freshnews.com/shocking-truth
https://en.wikipedia.org/wiki/Crap_detection
https://younger.com/about
https://www.example.com/climate-report
ftp://files.example.org/slides.pdf
{HOSTILE_LINE}
"""


@pytest.fixture
def report(cli_settings: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # The report's "checked on" line at a fixed hour, so the committed screenshot changes at
    # most once a day (the registration ages in it are relative to today).
    today = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    monkeypatch.setattr(clock, "utcnow", lambda: today)
    links = tmp_path / "week3.txt"
    links.write_text(READING_LIST)
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        cli,
        [*cli_settings, "check", "--input", str(links), "--format", "html", "--output", str(out)],
    )
    assert result.exit_code == 1, result.output  # two lines could not be checked
    return out


@pytest.fixture
def browser_page(playwright: Any, tmp_path: Path) -> Iterator[Any]:
    """A plain Chromium tab (no extension) that records every request it makes."""
    context = launch(playwright, tmp_path / "profile", extension=None)
    page = context.pages[0] if context.pages else context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def _column(page: Any, index: int) -> list[str]:
    return page.eval_on_selector_all(
        f"tbody tr td:nth-child({index})", "cells => cells.map(c => c.textContent.trim())"
    )


def test_report_reads_sorts_and_stands_alone(report: Path, browser_page: Any) -> None:
    page = browser_page
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(report.as_uri())

    counts = dict(
        (label, int(number))
        for number, label in (
            box.split("\n", 1) for box in page.locator(".count").all_inner_texts()
        )
    )
    labels = _column(page, 2)
    assert len(labels) == 8  # a row for every line, the repeat and the failures included
    assert counts == {label: labels.count(label) for label in set(labels)}
    assert counts["error"] == 2 and counts["unreliable"] >= 1  # freshnews.com is 5 days old

    pills = page.eval_on_selector_all(
        "tbody .pill", "ps => ps.map(p => [p.textContent, getComputedStyle(p).backgroundColor])"
    )
    for label, colour in pills:
        red, green, blue = (int(_COLOURS[label][i : i + 2], 16) for i in (1, 3, 5))
        assert colour == f"rgb({red}, {green}, {blue})", label

    page.locator("th", has_text="Score").click()
    scores = [float(s) for s in _column(page, 3) if s]
    assert scores == sorted(scores) and len(scores) == 6
    page.locator("th", has_text="Score").click()
    assert [float(s) for s in _column(page, 3) if s] == sorted(scores, reverse=True)
    page.locator("th", has_text="Label").click()
    order = ["reliable", "mixed", "unreliable", "unknown", "error"]
    assert [order.index(label) for label in _column(page, 2)] == sorted(
        order.index(label) for label in labels
    )

    fresh = page.locator("tbody tr", has_text="freshnews.com")
    fresh.locator("summary").click()
    evidence = fresh.locator("details a")
    assert evidence.first.is_visible()
    hrefs = evidence.evaluate_all("links => links.map(a => a.href)")
    assert hrefs and all(href.startswith(("https://", "http://")) for href in hrefs)
    assert page.get_by_text(HOSTILE_LINE, exact=True).is_visible()  # as text, never markup
    assert page.locator("tbody img").count() == 0 and page.dialogs == []
    assert page.locator("tbody tr", has_text="(repeated)").count() == 1
    assert page.locator(".teach").is_visible()

    assert page.requests == [report.as_uri()], "the report loaded something besides itself"
    page.locator("th", has_text="Label").click()  # the shot: failures and the worst links first
    save_screenshot(page, "batch-report", full_page=True)
