"""The source-type signal end to end through the Checker: types, lookalikes, overrides, short links."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from crapdetect.checker import Checker, Verdict
from crapdetect.errors import ConfigError


def source(verdict: Verdict) -> Any:
    return next(s for s in verdict.signals if s.name == "source_type")


@pytest.mark.parametrize(
    ("url", "type_", "points", "phrase"),
    [
        ("https://www.gov.uk/guidance/x", "government", 20, "reserved for government"),
        ("https://www.ox.ac.uk/news", "academic", 15, "academic"),
        ("https://apnews.com/article/x", "wire_service", 25, "wire service"),
        ("https://en.wikipedia.org/wiki/Crap_detection", "reference", 10, "reference"),
        ("https://www.nytimes.com/2026/11/26/x.html", "news", 10, "not proof every story is right"),
        ("https://theonion.com/area-man/", "satire", -35, "meant to be untrue"),
        ("https://arxiv.org/abs/2401.00001", "scholarly", 20, "scholarly"),
    ],
)
def test_built_in_types(checker: Checker, url: str, type_: str, points: float, phrase: str) -> None:
    signal = source(checker.check(url))
    assert signal.status == "ok" and signal.value["type"] == type_
    assert signal.points == points
    assert phrase in signal.reason
    assert any("Wikipedia search" in e.label for e in signal.evidence)


def test_account_on_a_platform_is_the_source(checker: Checker) -> None:
    signal = source(checker.check("https://medium.com/@alice/why-x-1a2b"))
    assert signal.value["source"] == "medium.com/@alice"
    assert signal.reason.startswith("medium.com/@alice is a")
    assert "not Medium, is the source" in signal.reason


def test_substring_is_never_a_match(checker: Checker) -> None:
    assert source(checker.check("https://www.deviantart.com/someone")).value["type"] != "news"


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("http://abcnews.com.co/story", "ABC News"),
        ("https://cnn-breaking.com/x", "CNN"),
        ("https://bbc.co.uk.news-update.net/a", "BBC"),
        ("https://nytimez.com/x", "The New York Times"),
        ("https://xn--nytims-1vf.com/", None),  # a homoglyph that imitates nothing known: no flag
    ],
)
def test_lookalikes_name_the_imitated_outlet(
    checker: Checker, url: str, outlet: str | None
) -> None:
    signal = source(checker.check(url))
    if outlet is None:
        assert signal.value["type"] != "lookalike"
        return
    assert signal.value["type"] == "lookalike" and signal.value["imitates"] == outlet
    assert signal.points == -45 and outlet in signal.reason
    assert signal.evidence[0].label == f"The real {outlet}"


def test_cyrillic_homoglyph_of_an_outlet(checker: Checker) -> None:
    import idna

    host = idna.encode("nytimеs.com", uts46=True).decode()  # Cyrillic е
    signal = source(checker.check(f"https://{host}/"))
    assert signal.value["type"] == "lookalike" and signal.value["imitates"] == "The New York Times"


def test_unknown_site_gets_only_a_weak_name_hint(checker: Checker) -> None:
    verdict = checker.check("https://patriottruthalarm.com/post")
    signal = source(verdict)
    assert "Absence from lists is not a sign of trustworthiness" in signal.reason
    assert signal.status == "ok" and signal.strength == 0.25  # a quarter of the weight
    assert signal.value["domain_prior_low_credibility"] > 0.5
    assert -6 <= signal.points < 0
    assert "weak hint from the name alone" in signal.reason


def test_unknown_site_without_a_prior_is_unavailable(
    make_checker: Callable[..., Checker], tmp_path: Path
) -> None:
    checker = make_checker(MODELS_DIR=str(tmp_path))
    verdict = checker.check("https://example-unknown-blog.com/post")
    signal = source(verdict)
    assert signal.status == "unavailable" and "Absence from lists is not" in signal.reason
    assert "source_type" in verdict.missing


def test_overrides_win_and_say_so(make_checker: Callable[..., Checker]) -> None:
    checker = make_checker(
        SOURCE_ALLOW=["example-unknown-blog.com"], SOURCE_DENY=["medium.com/@badactor"]
    )
    allowed = source(checker.check("https://www.example-unknown-blog.com/x"))
    assert allowed.value["override"] == "allow" and allowed.points == 25
    assert "Your own allow list (SOURCE_ALLOW)" in allowed.reason
    denied = source(checker.check("https://medium.com/@badactor/post"))
    assert denied.value["override"] == "deny" and denied.points == -45
    other = source(checker.check("https://medium.com/@alice/post"))
    assert "override" not in other.value  # the deny covers that one account only


def test_overrides_file(make_checker: Callable[..., Checker], tmp_path: Path) -> None:
    file = tmp_path / "overrides.txt"
    file.write_text("# reviewed by the library\nallow theonion.com\ndeny www.gov.uk/bad\n")
    checker = make_checker(SOURCE_OVERRIDES_FILE=str(file))
    assert (
        source(checker.check("https://theonion.com/")).value["override_origin"] == "overrides.txt:2"
    )
    assert source(checker.check("https://www.gov.uk/bad/page")).value["override"] == "deny"
    assert "override" not in source(checker.check("https://www.gov.uk/good")).value
    file.write_text("trust everything\n")
    with pytest.raises(ConfigError, match="expected 'allow DOMAIN'"):
        make_checker(SOURCE_OVERRIDES_FILE=str(file))


def test_short_link_is_expanded_and_the_destination_scored(
    make_checker: Callable[..., Checker], page_server: Any
) -> None:
    checker = make_checker(
        FETCH_HOST_OVERRIDES={"bit.ly": "127.0.0.1", "www.nytimes.com": "127.0.0.1"}
    )
    destination = page_server.url("www.nytimes.com", "/plain-news.html")
    short = page_server.url("bit.ly", f"/redirect?to={destination}")
    verdict = checker.check(short)
    assert verdict.domain == "nytimes.com" and verdict.expanded_from == (short,)
    signal = source(verdict)
    assert signal.value["type"] == "news"
    assert signal.reason.startswith(f"{short} leads to {destination}")


def test_short_link_that_cannot_be_expanded(
    make_checker: Callable[..., Checker], closed_port: int
) -> None:
    checker = make_checker(FETCH_HOST_OVERRIDES={"bit.ly": "127.0.0.1"})
    verdict = checker.check(f"http://bit.ly:{closed_port}/abc")
    signal = source(verdict)
    assert signal.value["type"] == "url_shortener"
    assert "could not be expanded" in signal.reason and verdict.domain == "bit.ly"


def test_archive_snapshot_is_unwrapped_without_network(checker: Checker) -> None:
    verdict = checker.check("https://web.archive.org/web/20200101000000/https://www.bbc.co.uk/news")
    assert verdict.domain == "bbc.co.uk"
    assert source(verdict).value["type"] == "news"


def test_expansion_can_be_switched_off(make_checker: Callable[..., Checker]) -> None:
    checker = make_checker(EXPAND_SHORT_LINKS=False)
    verdict = checker.check("https://bit.ly/abc")
    assert verdict.domain == "bit.ly" and source(verdict).value["type"] == "url_shortener"
