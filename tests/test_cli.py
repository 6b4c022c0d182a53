"""The command line uses the same Checker as the API."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from crapdetect.cli import cli

from .stand_ins.rdap_server import RdapStandIn


def test_check_prints_one_json_line_per_url(runner: CliRunner, cli_settings: list[str]) -> None:
    result = runner.invoke(cli, [*cli_settings, "check", "https://example.com/a", "https://nu.nl/"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    # Streamed as results arrive, so in completion order.
    assert sorted(line["domain"] for line in lines) == ["example.com", "nu.nl"]
    assert all(line["ok"] for line in lines)


def test_check_exit_1_when_a_url_is_invalid(runner: CliRunner, cli_settings: list[str]) -> None:
    result = runner.invoke(cli, [*cli_settings, "check", "ftp://x.org/", "https://example.com/"])
    assert result.exit_code == 1
    rows = {row["input"]: row for row in map(json.loads, result.output.splitlines())}
    first, second = rows["ftp://x.org/"], rows["https://example.com/"]
    assert first["ok"] is False and first["code"] == "invalid_url" and "ftp" in first["error"]
    assert second["ok"] is True


def test_check_table_for_people(runner: CliRunner, cli_settings: list[str]) -> None:
    result = runner.invoke(
        cli, [*cli_settings, "check", "--format", "table", "https://freshnews.com/"]
    )
    assert result.exit_code == 0, result.output
    assert "UNRELIABLE" in result.output and "domain_age [ok, -35]" in result.output
    assert "Wayback Machine captures: https://web.archive.org/web/*/freshnews.com" in result.output


def test_domain_shows_trace_and_cache_hit(runner: CliRunner, cli_settings: list[str]) -> None:
    first = runner.invoke(cli, [*cli_settings, "domain", "www.wikipedia.org"])
    assert first.exit_code == 0, first.output
    assert "RDAP GET http://127.0.0.1:" in first.output and "cache hit: no" in first.output
    assert '"status": "ok"' in first.output
    second = runner.invoke(cli, [*cli_settings, "domain", "wikipedia.org"])
    assert "cache hit: yes" in second.output


def test_domain_rejects_bad_input(runner: CliRunner, cli_settings: list[str]) -> None:
    result = runner.invoke(cli, [*cli_settings, "domain", "localhost"])
    assert result.exit_code == 2 and "localhost" in result.output


def test_bad_setting_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--setting", "SERVE_PORT", "eighty", "check", "https://x.org"])
    assert result.exit_code == 2 and "SERVE_PORT must be int" in result.output
    result = runner.invoke(cli, ["--setting", "NO_SUCH", "1", "check", "https://x.org"])
    assert result.exit_code == 2 and "Unknown setting 'NO_SUCH'" in result.output


def test_rdap_bootstrap_update(
    runner: CliRunner, rdap_server: RdapStandIn, tmp_path: Path, cli_settings: list[str]
) -> None:
    dest = tmp_path / "fresh" / "dns.json"
    args = [
        *cli_settings,
        "--setting",
        "RDAP_BOOTSTRAP_PATH",
        str(dest),
        "rdap-bootstrap",
        "update",
        rdap_server.base_url + "dns.json",
    ]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "4 TLDs, published 2026-11-01T00:00:00Z" in result.output
    assert json.loads(dest.read_text())["services"][0][0] == ["com", "org", "uk", "nl"]


def test_rdap_bootstrap_update_keeps_old_file_on_garbage(
    runner: CliRunner, rdap_server: RdapStandIn, tmp_path: Path, cli_settings: list[str]
) -> None:
    dest = tmp_path / "dns.json"
    dest.write_text('{"services": [[["com"], ["https://old.example/"]]]}')
    args = [
        *cli_settings,
        "--setting",
        "RDAP_BOOTSTRAP_PATH",
        str(dest),
        "rdap-bootstrap",
        "update",
        rdap_server.base_url + "domain/example.com",
    ]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1 and "previous snapshot is kept" in result.output
    assert "old.example" in dest.read_text()


def test_settings_lists_every_setting(runner: CliRunner) -> None:
    from crapdetect.config import SETTINGS

    result = runner.invoke(cli, ["settings"])
    assert all(s.name in result.output for s in SETTINGS)


def test_help_for_each_command(runner: CliRunner) -> None:
    for command in (
        [],
        ["check"],
        ["domain"],
        ["serve"],
        ["rdap-bootstrap", "update"],
        ["settings"],
    ):
        result = runner.invoke(cli, [*command, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


def test_check_reads_a_stand_in_page(
    runner: CliRunner, cli_settings: list[str], page_server
) -> None:
    url = page_server.url("www.example.com", "/clickbait.html")
    result = runner.invoke(cli, [*cli_settings, "-s", "FETCH_PAGES", "true", "check", url])
    assert result.exit_code == 0, result.output
    verdict = json.loads(result.output)
    text = next(s for s in verdict["signals"] if s["name"] == "text")
    assert text["status"] == "ok" and text["value"]["source"] == "fetched"
    assert "clickbait" in text["reason"]
