"""Checking link lists from the command line: formats, duplicates, outputs, resume, Ctrl-C."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from crapdetect.batch.inputs import read_links
from crapdetect.batch.runner import BatchSummary
from crapdetect.cli import cli

from .stand_ins.rdap_server import RdapStandIn

LISTS = Path(__file__).parent / "stand_ins" / "linklists"


def test_plain_text_reader() -> None:
    found = read_links((LISTS / "links.txt").read_text(), "text")
    assert [o.where for o in found][:2] == ["line 2", "line 3"]  # comment and blank lines skipped
    bad = {o.raw: o.problem for o in found if o.url is None}
    assert bad == {"ftp://files.example.org/slides.pdf": "ftp: links are not web pages"}
    assert "not a url at all" in [o.raw for o in found]  # left for the checker to explain


def test_csv_reader_finds_the_url_column() -> None:
    found = read_links((LISTS / "links.csv").read_text(), "csv")
    assert [o.url for o in found][0] == "https://www.example.com/climate-report"
    assert len(found) == 4 and found[0].where == "row 2"
    by_name = read_links((LISTS / "links.csv").read_text(), "csv", column="url")
    by_number = read_links((LISTS / "links.csv").read_text(), "csv", column="2")
    assert [o.url for o in by_name] == [o.url for o in by_number] == [o.url for o in found]


def test_html_bookmarks_reader_resolves_relative_links() -> None:
    text = (LISTS / "bookmarks.html").read_text()
    found = read_links(text, "html", base_url="https://school.example.org/")
    assert [o.url for o in found] == [
        "https://www.example.com/climate-report",
        "https://wikipedia.org/wiki/Main_Page",
        "https://school.example.org/relative/page.html",
    ]  # mailto: and javascript: are not pages
    unresolved = read_links(text, "html")
    assert unresolved[2].url is None and "--base-url" in unresolved[2].problem


def test_markdown_reader() -> None:
    found = read_links((LISTS / "syllabus.md").read_text(), "markdown")
    assert [o.url for o in found] == [
        "https://www.example.com/climate-report",
        "https://nu.nl/binnenland/123",
        "https://freshnews.com/shocking-truth",
        "https://en.wikipedia.org/wiki/Crap_detection",
        "https://www.example.com/chart.png",
        "https://younger.com/about",
    ]


def _rows(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def test_list_checked_once_per_url_and_reported_per_occurrence(
    runner: CliRunner, cli_settings: list[str], rdap_server: RdapStandIn
) -> None:
    before = rdap_server.count("/domain/example.com")
    result = runner.invoke(cli, [*cli_settings, "check", "--input", str(LISTS / "links.txt")])
    assert result.exit_code == 1, result.output  # two lines could not be checked
    rows = _rows(result.output)
    assert len(rows) == 7  # every occurrence has a row, failures included
    repeats = [r for r in rows if r["input"] == "https://www.example.com/climate-report"]
    assert len(repeats) == 2 and sorted(r["duplicate"] for r in repeats) == [False, True]
    assert rdap_server.count("/domain/example.com") - before <= 1
    failed = {r["input"]: r for r in rows if not r["ok"]}
    assert set(failed) == {"ftp://files.example.org/slides.pdf", "not a url at all"}
    assert all(r["error"] for r in failed.values())


def test_stdin_and_csv_output(runner: CliRunner, cli_settings: list[str]) -> None:
    text = "https://nu.nl/a\nhttps://wikipedia.org/\n"
    result = runner.invoke(
        cli, [*cli_settings, "check", "--input", "-", "--format", "csv"], input=text
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.output.splitlines()))
    assert {r["domain"] for r in rows} == {"nu.nl", "wikipedia.org"}
    assert all(r["label"] and r["reasons"] for r in rows)


def test_html_report(runner: CliRunner, cli_settings: list[str], tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(
        cli,
        [
            *cli_settings,
            "check",
            "--input",
            str(LISTS / "syllabus.md"),
            "--format",
            "html",
            "--output",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert page.startswith("<!doctype html>") and "6 links checked" in page
    assert "unreliable" in page and "freshnews.com" in page  # the 5-day-old domain
    assert "<script>" in page and "http" not in page.split("<script>")[1].split("</script>")[0]


def test_resume_skips_finished_links(
    runner: CliRunner, cli_settings: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "results.jsonl"
    first = runner.invoke(cli, [*cli_settings, "check", "https://nu.nl/a", "--output", str(out)])
    assert first.exit_code == 0
    out.write_text(out.read_text() + '{"input": "https://half-writ')  # a line cut by a crash
    result = runner.invoke(
        cli,
        [
            *cli_settings,
            "check",
            "--input",
            str(LISTS / "links.csv"),
            "--output",
            str(out),
            "--resume",
        ],
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    inputs = [json.loads(line)["input"] for line in lines if line.endswith("}")]
    assert inputs.count("https://nu.nl/a") == 1
    assert inputs.count("https://nu.nl/binnenland/123") == 1
    again = runner.invoke(
        cli,
        [
            *cli_settings,
            "check",
            "--input",
            str(LISTS / "links.csv"),
            "--output",
            str(out),
            "--resume",
        ],
    )
    assert again.exit_code == 0 and out.read_text().splitlines() == lines  # nothing re-checked


def test_report_command_renders_jsonl(
    runner: CliRunner, cli_settings: list[str], tmp_path: Path
) -> None:
    results = tmp_path / "r.jsonl"
    runner.invoke(cli, [*cli_settings, "check", "https://nu.nl/a", "-o", str(results)])
    html = tmp_path / "r.html"
    result = runner.invoke(cli, ["report", str(results), "-o", str(html), "--title", "Week 3"])
    assert result.exit_code == 0 and "<h1>Week 3</h1>" in html.read_text()


def _interrupt_a_run(
    cli_settings: list[str], tmp_path: Path, *, after: Callable[[Path], bool]
) -> tuple[subprocess.CompletedProcess[str], Path, float]:
    """Check 200 domains in a subprocess, send SIGINT once ``after(output)`` holds.

    Returns the finished process, the output file and the seconds from SIGINT to exit.
    """
    links = tmp_path / "links.txt"
    links.write_text("\n".join(f"https://site{i}.com/" for i in range(200)))
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "crapdetect", *cli_settings, "-s", "DOMAIN_AGE_DEADLINE_S"]
    command += ["5", "check", "--input", str(links), "--output", str(out), "--quiet"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env={**os.environ})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not after(out):
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    interrupted = time.monotonic()
    _, err = process.communicate(timeout=60)
    finished = subprocess.CompletedProcess(command, process.returncode, "", err)
    return finished, out, time.monotonic() - interrupted


def test_ctrl_c_leaves_valid_partial_output(
    cli_settings: list[str], tmp_path: Path, rdap_server: RdapStandIn
) -> None:
    rdap_server.delay_s = 0.05  # 200 domains, 2 in flight: ~5 s, so Ctrl-C lands mid-run
    try:
        process, out, _ = _interrupt_a_run(
            cli_settings, tmp_path, after=lambda out: out.exists() and out.stat().st_size > 0
        )
    finally:
        rdap_server.delay_s = 0.0
    assert process.returncode == 130, process.stderr
    assert "--resume" in process.stderr
    assert "Traceback" not in process.stderr  # workers stop before their stores are closed
    rows = [json.loads(line) for line in out.read_text().splitlines()]  # every line is valid JSON
    assert 0 < len(rows) < 200


def test_ctrl_c_exits_even_while_every_registry_stalls(
    cli_settings: list[str], tmp_path: Path, rdap_server: RdapStandIn
) -> None:
    rdap_server.delay_s = 30.0  # no lookup can finish before the test ends
    asked_before = len(rdap_server.requests)
    try:
        process, out, exit_s = _interrupt_a_run(  # once the registry is being asked
            cli_settings, tmp_path, after=lambda _out: len(rdap_server.requests) > asked_before
        )
    finally:
        rdap_server.delay_s = 0.0
    assert process.returncode == 130, process.stderr
    assert "--resume" in process.stderr and "Traceback" not in process.stderr
    assert exit_s < 20  # the grace period is 3 s; generous for a loaded machine
    assert out.read_text() == ""  # nothing finished, nothing half-written


def test_summary_line_for_people() -> None:
    summary = BatchSummary(occurrences=8, distinct=6, failed=2, skipped_done=1)
    summary.labels = {"mixed": 3, "reliable": 2, "unreliable": 1}
    assert summary.describe() == (
        "8 links (6 distinct): 2 reliable, 3 mixed, 1 unreliable, 2 could not be checked, "
        "1 already in the output"
    )
    assert BatchSummary().describe() == "0 links (0 distinct): nothing checked"
