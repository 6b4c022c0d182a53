"""The text signal: client text first, else the fetched page; honest when it cannot judge."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crapdetect.checker import Checker

from .stand_ins.tiny_corpus import CLICKBAIT, FAKE_SENTENCES, NEWS, REAL_SENTENCES


def text_signal(verdict: Any) -> Any:
    return next(s for s in verdict.signals if s.name == "text")


def test_client_sent_clickbait(checker: Checker) -> None:
    verdict = checker.check(
        "https://www.example.com/a", title=CLICKBAIT[0], text=" ".join(FAKE_SENTENCES * 2)
    )
    signal = text_signal(verdict)
    assert signal.status == "ok"
    assert signal.value["source"] == "client"
    assert signal.value["clickbait_probability"] > 0.5
    assert signal.value["fake_style_probability"] > 0.5
    assert signal.points < 0
    assert "The headline reads like clickbait" in signal.reason
    assert "not fact-checking" in signal.reason
    # The explanation quotes terms the model itself weighted, from this headline.
    terms = signal.value["clickbait_terms"]
    assert terms and all(isinstance(t, str) for t in terms)
    assert any(t in CLICKBAIT[0].lower() or " " not in t for t in terms)
    assert any("Fact-check search" in e.label for e in signal.evidence)


def test_client_sent_sober_news(checker: Checker) -> None:
    verdict = checker.check(
        "https://www.example.com/a", title=NEWS[0], text=" ".join(REAL_SENTENCES * 2)
    )
    signal = text_signal(verdict)
    assert signal.value["clickbait_probability"] < 0.5
    assert signal.points > 0
    assert "plain news headline" in signal.reason


def test_headline_only(checker: Checker) -> None:
    signal = text_signal(checker.check("https://www.example.com/", title=CLICKBAIT[3]))
    assert signal.status == "ok" and "fake_style_probability" not in signal.value


def test_too_little_text(checker: Checker) -> None:
    signal = text_signal(checker.check("https://www.example.com/", title="Hi", text="Short."))
    assert signal.status == "unavailable" and "Too little text" in signal.reason
    assert signal.points == 0


def test_fetching_off_and_no_text(checker: Checker) -> None:
    signal = text_signal(checker.check("https://www.example.com/"))
    assert signal.status == "unavailable" and "the page was not fetched" in signal.reason


@pytest.fixture
def fetching(make_checker: Callable[..., Checker]) -> Checker:
    return make_checker(FETCH_PAGES=True)


def test_fetched_page(fetching: Checker, page_server: Any) -> None:
    verdict = fetching.check(page_server.url("www.example.com", "/clickbait.html"))
    signal = text_signal(verdict)
    assert signal.status == "ok" and signal.value["source"] == "fetched"
    assert signal.value["headline"].startswith("You Won't Believe")
    assert any(e.label == "The page that was read" for e in signal.evidence)


def test_fetched_plain_page_uses_og_title(fetching: Checker, page_server: Any) -> None:
    signal = text_signal(fetching.check(page_server.url("www.example.com", "/plain-news.html")))
    assert signal.value["headline"] == "City council approves budget for road repairs"
    assert signal.value["words"] > 150  # main text without nav, cookie banner, aside, footer


def test_non_english_page(fetching: Checker, page_server: Any) -> None:
    signal = text_signal(fetching.check(page_server.url("www.spiegel.de", "/german.html")))
    assert signal.status == "unavailable" and "not in English (de)" in signal.reason


def test_unfetchable_page(fetching: Checker, page_server: Any) -> None:
    signal = text_signal(fetching.check(page_server.url("www.example.com", "/missing.html")))
    assert signal.status == "unavailable" and "HTTP 404" in signal.reason


def test_client_text_preferred_over_fetching(fetching: Checker, page_server: Any) -> None:
    before = len(page_server.requests)
    fetching.check(page_server.url("www.example.com", "/clickbait.html"), title=NEWS[1])
    assert len(page_server.requests) == before


def test_missing_models_make_an_error_signal(
    make_checker: Callable[..., Checker], tmp_path: Any
) -> None:
    checker = make_checker(MODELS_DIR=str(tmp_path / "nothing-here"))
    signal = text_signal(checker.check("https://www.example.com/", title=CLICKBAIT[0]))
    assert signal.status == "error" and "crapdetect train" in signal.reason


def test_api_includes_text_signal(client: Any) -> None:
    body = client.post(
        "/v1/check",
        json={"url": "https://nu.nl/a", "title": CLICKBAIT[1], "text": " ".join(FAKE_SENTENCES)},
    ).get_json()
    text = next(s for s in body["signals"] if s["name"] == "text")
    assert text["status"] == "ok" and text["value"]["source"] == "client"
    assert body["confidence"] == 0.9  # domain age 0.3 + source type 0.4 (a known outlet) + text 0.2
