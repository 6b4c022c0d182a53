"""Real WHOIS/RDAP captures from ../shared/data/whois-samples, checked against its README.

The files are read in place (never copied). Outside CI the test skips when they are absent.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crapdetect.registry.facts import parse_timestamp
from crapdetect.registry.rdap import registration_date
from crapdetect.registry.whois import parse_whois

from .conftest import shared_data_or_skip


def _table_rows(readme: str, heading: str) -> list[list[str]]:
    section = readme.split(heading, 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| `") and len(cells) > 3:
            rows.append(cells)
    return rows


def _expected(text: str) -> tuple[str, datetime | None]:
    """(status, created) from the README's 'expected creation' cell."""
    if text.startswith("—"):
        return "not_found", None
    if "**none**" in text:
        return "no_date", None
    if "before Aug-1996" in text:
        return "before", datetime(1996, 8, 1, tzinfo=UTC)
    iso = re.search(r"\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?", text)
    if iso:
        return "ok", parse_timestamp(iso[0])
    for pattern, fmt in (
        (r"\d{4}-\d{2}-\d{2}", "%Y-%m-%d"),
        (r"\d{2}-[A-Z][a-z]{2}-\d{4}", "%d-%b-%Y"),
        (r"\d{2}-\d{2}-\d{4}", "%d-%m-%Y"),
    ):
        found = re.search(pattern, text)
        if found:
            return "ok", datetime.strptime(found[0], fmt).replace(tzinfo=UTC)
    raise AssertionError(f"cannot read expected value {text!r}")


def _samples() -> tuple[Path, str]:
    root = shared_data_or_skip("whois-samples")
    return root, (root / "README.md").read_text("utf-8")


def test_every_whois_sample_parses_to_the_readme_date() -> None:
    root, readme = _samples()
    rows = _table_rows(readme, "## WHOIS (port 43) text")
    assert len(rows) >= 20
    checked = 0
    for row in rows:
        path, query, expected_cell = row[0].strip("`"), row[3], row[4]
        if expected_cell.startswith("n/a"):
            continue  # the IANA referral record has no domain
        status, created = _expected(expected_cell)
        text = (root / path).read_text("utf-8", errors="replace")
        age = parse_whois(query.lower(), text, server="sample")
        if status == "not_found":
            assert age.status == "not_found", path
        elif status == "no_date":
            assert age.status == "no_date", path
        elif status == "before":
            assert age.status == "ok" and age.created_before and age.created == created, path
        else:
            assert age.status == "ok" and not age.created_before, path
            assert age.created == created, (path, age.created, created)
        checked += 1
    assert checked >= 19


def test_every_rdap_sample_gives_the_readme_registration() -> None:
    root, readme = _samples()
    rows = _table_rows(readme, "## RDAP (JSON)")
    checked = 0
    for row in rows:
        path, expected_cell = row[0].strip("`"), row[3]
        if "bootstrap" in path:
            continue
        created = parse_timestamp(
            re.search(r"\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{4})?", expected_cell)[0]
        )
        record = json.loads((root / path).read_text("utf-8"))
        assert registration_date(record) == created, path
        checked += 1
    assert checked == 5


def test_shared_bootstrap_parses() -> None:
    from crapdetect.registry.bootstrap import parse_bootstrap

    root, _ = _samples()
    bases, publication = parse_bootstrap(
        json.loads((root / "rdap/bootstrap/dns-2022-07-06.json").read_text())
    )
    assert publication.startswith("2022-07-06") and bases["com"].startswith(
        "https://rdap.verisign.com"
    )
    assert len(bases) == 1185


@pytest.mark.parametrize("tld", ["com", "org", "uk", "nl", "de", "io"])
def test_bundled_tables_cover_common_tlds(tld: str) -> None:
    from crapdetect.registry.bootstrap import load_bootstrap, load_whois_table

    bootstrap = load_bootstrap("bundled", {})
    whois = load_whois_table({})
    assert bootstrap.base_url_for(tld) or whois.server_for(tld)
    assert bootstrap.base_url_for(tld) is None or bootstrap.base_url_for(tld).startswith("https://")
