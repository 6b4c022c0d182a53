"""Imported lists and rankings in the verdict: provenance in the reason, no substring matches."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from crapdetect.checker import Checker, Verdict
from crapdetect.cli import cli

LISTS = Path(__file__).parent / "stand_ins" / "lists"


def signal(verdict: Verdict, name: str) -> Any:
    return next(s for s in verdict.signals if s.name == name)


@pytest.fixture
def listed(
    runner: CliRunner, cli_settings: list[str], make_checker: Callable[..., Checker]
) -> Checker:
    for fmt, file in (
        ("opensources", "opensources.json"),
        ("mbfc-csv", "mbfc.csv"),
        ("csv", "plain.csv"),
        ("tranco", "tranco.csv"),
    ):
        result = runner.invoke(cli, [*cli_settings, "lists", "import", fmt, str(LISTS / file)])
        assert result.exit_code == 0, result.output
    return make_checker()


def test_opensources_listing_names_its_provenance(listed: Checker) -> None:
    result = signal(listed.check("https://fakenewsexample.com/story"), "source_type")
    assert result.value["type"] == "listed_unreliable" and result.points == -40
    assert "Listed as 'fake, hate' by OpenSources (imported 20" in result.reason
    assert result.value["lists"][0]["licence"]


def test_subdomains_match_but_substrings_never_do(listed: Checker) -> None:
    assert signal(listed.check("https://www1.cbn.com/news"), "source_type").value["lists"]
    deviant = signal(listed.check("https://www.deviantart.com/art"), "source_type")
    assert deviant.value["lists"] == []  # rt.com is listed; deviantart.com is not rt.com


def test_one_blog_is_not_the_whole_platform(listed: Checker) -> None:
    one = signal(listed.check("https://medium.com/@x/post"), "source_type")
    assert one.value["lists"] and one.value["lists"][0]["match"] == "prefix"
    other = signal(listed.check("https://medium.com/@alice/post"), "source_type")
    assert other.value["lists"] == []


def test_mbfc_ratings_and_review_link(listed: Checker) -> None:
    low = signal(listed.check("https://100percentfedup.com/x"), "source_type")
    assert low.points == -30 and "factual reporting low" in low.reason
    assert any(e.url == "https://mediabiasfactcheck.com/100-percent-fed-up/" for e in low.evidence)
    high = signal(listed.check("https://www.politico.com/story"), "source_type")
    assert high.points == 10 and high.value["type"] != "listed_unreliable"


def test_the_most_negative_listing_counts(listed: Checker) -> None:
    # rt.com: built-in knowledge (news, state media) and the plain list ('state').
    result = signal(listed.check("https://www.rt.com/news/1"), "source_type")
    assert result.points < 0
    assert "Listed as 'state'" in result.reason


def test_override_beats_every_list(listed: Checker, make_checker: Callable[..., Checker]) -> None:
    checker = make_checker(SOURCE_ALLOW=["fakenewsexample.com"])
    result = signal(checker.check("https://fakenewsexample.com/"), "source_type")
    assert result.value["override"] == "allow" and result.points == 25
    assert result.value["lists"]  # the listing is still shown, for transparency


def test_popularity_when_a_ranking_is_imported(
    listed: Checker, make_checker: Callable[..., Checker], tmp_path: Path
) -> None:
    ranked = signal(listed.check("https://www.google.com/"), "popularity")
    assert ranked.status == "ok" and ranked.value["rank"] == 1 and ranked.points == 8
    assert "Popularity is not accuracy" in ranked.reason
    absent = signal(listed.check("https://fakenewsexample.com/"), "popularity")
    assert absent.status == "unavailable" and "says nothing about trustworthiness" in absent.reason
    empty = make_checker(LISTS_PATH=str(tmp_path / "empty.sqlite"))
    none = signal(empty.check("https://www.google.com/"), "popularity")
    assert none.status == "unavailable" and "No popularity ranking is imported" in none.reason
