"""Bring-your-own lists: parsers, matching semantics, storage, provenance and the CLI."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from crapdetect import clock
from crapdetect.cli import cli
from crapdetect.cli_lists import lists
from crapdetect.sources.importers import ListFormatError, parse
from crapdetect.sources.lists import ListEntry, ListStore, ParsedList, normalise_key
from crapdetect.urls import parse_url

from .conftest import shared_data_or_skip

STAND_INS = Path(__file__).parent / "stand_ins" / "lists"
IMPORT_TIME = datetime(2026, 11, 26, 9, 30, tzinfo=UTC).timestamp()


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Import times are 2026-11-26T09:30:00Z (the clock is a process edge)."""
    monkeypatch.setattr(clock, "now", lambda: IMPORT_TIME)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ListStore]:
    with ListStore(tmp_path / "lists.sqlite") as opened:
        yield opened


def _import(store: ListStore, fmt: str, file: str, name: str, **kw: Any) -> None:
    store.import_list(name, fmt, "test-licence", file, parse(fmt, STAND_INS / file), **kw)


def _keys(store: ListStore, url: str) -> list[tuple[str, str]]:
    parsed = parse_url(url)
    return [(m.kind, m.key) for m in store.lookup(parsed.host, parsed.domain, parsed.path)]


# --- parsers on the hand-written fixtures ------------------------------------------------


def _entries(parsed: ParsedList) -> dict[str, ListEntry]:
    return {entry.key: entry for entry in parsed.entries}


def _skipped(parsed: ParsedList) -> list[tuple[str, str]]:
    return [(line.where, line.reason) for line in parsed.skipped]


def test_opensources_keys_types_and_skipped_lines() -> None:
    parsed = parse("opensources", STAND_INS / "opensources.json")
    entries = _entries(parsed)
    assert [(e.kind, e.key) for e in parsed.entries] == [
        ("domain", "fakenewsexample.com"),  # upper-case key, plus a '/#articles' duplicate merged
        ("domain", "rt.com"),  # 'www.' dropped
        ("host", "someblog.wordpress.com"),  # one blog, not wordpress.com
        ("prefix", "newyorker.com/humor"),
        ("domain", "hoaxsite-example.net"),  # trailing slash
        ("domain", "xn--bcher-lgen-9dbg.de"),  # IDN with a trailing dot → A-label
    ]
    # Types lower-cased and upstream typos spelled out; the raw values are kept.
    assert entries["someblog.wordpress.com"].category == "conspiracy, fake, unreliable"
    assert entries["someblog.wordpress.com"].extra["raw_types"][1] == "fake news"
    assert entries["hoaxsite-example.net"].category == "fake, satire"
    assert entries["fakenewsexample.com"].category == "fake, hate"
    assert entries["fakenewsexample.com"].note == "made-up stories / second key for the same site"
    reasons = _skipped(parsed)
    assert reasons[0] == ("line 38", "white space inside the domain 'Silver-Coin-Example. com'")
    assert reasons[1][0] == "line 44" and "IP address" in reasons[1][1]
    assert reasons[2] == ("line 50", "no category")
    assert reasons[3] == ("line 56", "same domain 'fakenewsexample.com' as line 2; merged into it")
    assert len(parsed.meta["sha256"]) == 64


def test_mbfc_json_categories_extra_and_aliases() -> None:
    parsed = parse("mbfc-json", STAND_INS / "mbfc.json")
    entries = _entries(parsed)
    fedup = entries["100percentfedup.com"]
    assert fedup.category == "questionable"  # the extension's 'fake-news' code, named honestly
    assert fedup.extra == {
        "name": "100% Fed up",
        "bias": "fake-news",
        "reporting": "low",
        "credibility": "low-credibility",
        "questionable": ["conspiracy", "propaganda", "failed-fact-checks"],
        "traffic": "medium-traffic",
        "popularity": 55,
        "review_url": "https://mediabiasfactcheck.com/100-percent-fed-up/",
    }
    assert "questionable for conspiracy, propaganda" in fedup.note
    assert {k: e.category for k, e in entries.items() if e.category != "left-center"} == {
        "100percentfedup.com": "questionable",
        "al.com/birmingham": "right-center",
        "front.moveon.org": "left",
        "theonion.com": "satire",
        "sciencealert.com": "pro-science",
        "naturalnews.com": "conspiracy-pseudoscience",
    }
    assert (entries["al.com/birmingham"].kind, entries["front.moveon.org"].kind) == (
        "prefix",
        "host",
    )
    assert entries["politi.co"].extra["alias_of"] == "politico.com"
    assert [where for where, _ in _skipped(parsed)] == [
        "sources[8]",
        "sources[9]",
        "aliases['gone-alias.com']",
    ]
    assert parsed.meta["date"] == "2026-08-19T10:00:49.597Z"


def test_mbfc_csv_reads_the_same_ratings_as_the_json() -> None:
    from_csv = parse("mbfc-csv", STAND_INS / "mbfc.csv")
    from_json = parse("mbfc-json", STAND_INS / "mbfc.json")
    without_alias = [e for e in from_json.entries if "alias_of" not in e.extra]
    assert from_csv.entries == without_alias
    assert _skipped(from_csv)[0][0] == "line 10"


def test_plain_csv_normalises_keys_and_reports_bad_lines() -> None:
    parsed = parse("csv", STAND_INS / "plain.csv")
    assert [(e.kind, e.key, e.category) for e in parsed.entries] == [
        ("domain", "rt.com", "state, propaganda"),
        ("domain", "cbn.com", "christian"),
        ("prefix", "medium.com/@x", "blog"),
        ("host", "someblog.wordpress.com", "fake"),
        ("domain", "xn--bcher-kva.de", "shop"),
        ("domain", "trailing-dot.com", "fake"),
        ("prefix", "prefixed.org/news/politics", "political"),
    ]
    assert parsed.entries[2].note == "one author's blog, not all of Medium"
    assert _skipped(parsed) == [
        ("line 10", "no category"),
        ("line 11", "white space inside the domain 'not a domain'"),
        ("line 12", "expected domain,category[,note]"),
        ("line 14", "same domain 'rt.com' as line 3; merged into it"),
    ]


def test_hosts_file_skips_boilerplate_and_reports_junk() -> None:
    parsed = parse("hosts", STAND_INS / "hosts.txt")
    assert [(e.kind, e.key) for e in parsed.entries] == [
        ("domain", "tracker-one.com"),
        ("host", "ads.tracker-two.net"),
        ("domain", "tracker-three.org"),
        ("domain", "tracker-four.com"),
        ("domain", "plain-listed.org"),
    ]
    assert {e.category for e in parsed.entries} == {"blocklist"}
    assert [where for where, _ in _skipped(parsed)] == ["line 12", "line 13", "line 14", "line 15"]


@pytest.mark.parametrize(
    ("file", "ranking", "skipped"),
    [
        (
            "tranco.csv",
            [("google.com", 1), ("example.org", 2), ("xn--bcher-kva.de", 5)],
            ["line 5", "line 6", "line 7"],
        ),
        ("tranco_plain.csv", [("google.com", 1), ("mail.ru", 2), ("facebook.com", 3)], []),
    ],
)
def test_tranco_ranking(file: str, ranking: list[tuple[str, int]], skipped: list[str]) -> None:
    parsed = parse("tranco", STAND_INS / file)
    assert parsed.entries == [] and parsed.ranking == ranking
    assert [where for where, _ in _skipped(parsed)] == skipped


@pytest.mark.parametrize(
    ("fmt", "content", "message"),
    [
        ("opensources", "{not json", "is not valid JSON"),
        ("mbfc-json", '{"sources": 3}', "no 'sources' list"),
        ("mbfc-csv", "domain,bias\nx.com,left\n", "lacks the MBFC CSV columns raw_domain"),
        ("csv", b"\xff\xfe junk", "is not UTF-8 text"),
    ],
)
def test_wrong_format_is_one_clear_error(
    tmp_path: Path, fmt: str, content: str | bytes, message: str
) -> None:
    path = tmp_path / "list"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(ListFormatError, match=message):
        parse(fmt, path)


# --- matching semantics: exact keys, never substrings ------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://rt.com/news/1", [("domain", "rt.com")]),
        ("https://www.rt.com/", [("domain", "rt.com")]),
        ("https://deviantart.com/art", []),  # ends in "rt.com", is not rt.com
        ("https://www1.cbn.com/video", [("domain", "cbn.com")]),  # any host under the domain
        ("https://medium.com/@x/my-post", [("prefix", "medium.com/@x")]),
        ("https://MEDIUM.com/@X", [("prefix", "medium.com/@x")]),
        ("https://medium.com/@xy/post", []),  # whole segments only
        ("https://medium.com/", []),  # an author's prefix is not all of medium.com
        ("https://someblog.wordpress.com/2017/01/x", [("host", "someblog.wordpress.com")]),
        ("https://www.someblog.wordpress.com/", [("host", "someblog.wordpress.com")]),
        ("https://otherblog.wordpress.com/", []),
        ("https://sub.someblog.wordpress.com/", []),  # a host key is exactly that host
        ("https://wordpress.com/", []),
        ("http://xn--bcher-kva.de/", [("domain", "xn--bcher-kva.de")]),
        ("http://bücher.de/", [("domain", "xn--bcher-kva.de")]),
        ("https://prefixed.org/news/politics/today", [("prefix", "prefixed.org/news/politics")]),
        ("https://prefixed.org/news/politicsx", []),
        ("https://prefixed.org/news", []),
    ],
)
def test_lookup_matches_exact_keys_only(
    store: ListStore, url: str, expected: list[tuple[str, str]]
) -> None:
    _import(store, "csv", "plain.csv", "plain")
    assert _keys(store, url) == expected


def test_lookup_returns_most_specific_first_across_lists(store: ListStore) -> None:
    _import(store, "mbfc-json", "mbfc.json", "mbfc")
    _import(store, "csv", "plain.csv", "plain")
    assert _keys(store, "https://www.al.com/birmingham/news") == [
        ("prefix", "al.com/birmingham"),
        ("domain", "al.com"),
    ]
    assert _keys(store, "https://al.com/birminghamx") == [("domain", "al.com")]
    assert _keys(store, "https://front.moveon.org/") == [("host", "front.moveon.org")]
    assert _keys(store, "https://moveon.org/") == []


def test_normalise_key_rejects_what_cannot_be_looked_up() -> None:
    for bad in ("", "co.uk", "localhost", "10.0.0.1", "qchron..com", "mailto:x@y.com"):
        with pytest.raises(ValueError):
            normalise_key(bad)
    assert normalise_key("www.com") == ("domain", "www.com", "www.com", "")  # 'www' is the name


# --- storage: atomic replace, provenance, rankings ------------------------------------------


def test_import_replaces_a_list_atomically(store: ListStore) -> None:
    _import(store, "csv", "plain.csv", "mine")
    broken = parse("hosts", STAND_INS / "hosts.txt")
    # An entry that cannot be stored fails half-way through the insert.
    broken.entries.append(ListEntry("domain", "z.com", "z.com", "", "x", extra={"bad": object()}))
    with pytest.raises(TypeError):
        store.import_list("mine", "hosts", "?", "hosts.txt", broken)
    assert _keys(store, "https://rt.com/") == [("domain", "rt.com")]
    assert _keys(store, "https://tracker-one.com/") == []
    assert [(i.name, i.format, i.entries) for i in store.lists()] == [("mine", "csv", 7)]
    _import(store, "hosts", "hosts.txt", "mine")
    assert _keys(store, "https://rt.com/") == []  # the old entries are gone
    assert _keys(store, "https://tracker-one.com/") == [("domain", "tracker-one.com")]


def test_matches_carry_provenance(store: ListStore, fixed_clock: None) -> None:
    _import(store, "opensources", "opensources.json", "opensources", title="OpenSources")
    (match,) = store.lookup("www.fakenewsexample.com", "fakenewsexample.com", "/a")
    assert match.reason == "Listed as 'fake, hate' by OpenSources (imported 2026-11-26)"
    assert (match.list_name, match.licence, match.imported_at) == (
        "opensources",
        "test-licence",
        "2026-11-26T09:30:00Z",
    )
    assert match.categories == ("fake", "hate")
    (info,) = store.lists()
    assert (info.entries, info.skipped, info.source) == (6, 4, "opensources.json")
    assert info.meta["bytes"] == (STAND_INS / "opensources.json").stat().st_size


def test_rank_is_the_best_across_rankings_and_remove_drops_a_list(
    store: ListStore, fixed_clock: None
) -> None:
    _import(store, "tranco", "tranco.csv", "tranco-a", title="Tranco")
    _import(store, "tranco", "tranco_plain.csv", "tranco-b")
    best = store.rank("google.com")
    assert best is not None and (best.list_name, best.rank) == ("tranco-a", 1)
    second = store.rank("mail.ru")
    assert second is not None and second.reason == "Ranked #2 by tranco-b (imported 2026-11-26)"
    assert store.rank("deviantart.com") is None
    assert store.remove("tranco-a") and not store.remove("tranco-a")
    assert store.rank("example.org") is None
    assert [i.name for i in store.lists()] == ["tranco-b"]


def test_each_thread_gets_its_own_connection(store: ListStore) -> None:
    _import(store, "csv", "plain.csv", "plain")
    found: list[int] = []
    worker = threading.Thread(target=lambda: found.append(len(store.lookup("cbn.com", "cbn.com"))))
    worker.start()
    worker.join()
    assert found == [1]


# --- the CLI -------------------------------------------------------------------------------


@pytest.fixture
def run(runner: CliRunner, tmp_path: Path) -> Callable[..., Result]:
    """Invoke `crapdetect [-s LISTS_PATH tmp] lists ...` (the group as cli.py registers it)."""
    group = click.Group(
        name="crapdetect", params=cli.params, callback=cli.callback, commands=dict(cli.commands)
    )
    group.add_command(lists)
    base = ["-s", "LISTS_PATH", str(tmp_path / "lists.sqlite")]

    def invoke(*args: str, settings: tuple[str, ...] = ()) -> Result:
        return runner.invoke(group, [*base, *settings, "lists", *args])

    return invoke


def test_cli_import_show_and_list(run: Callable[..., Result], fixed_clock: None) -> None:
    empty = run()
    assert empty.exit_code == 0 and "No lists imported" in empty.output
    imported = run(
        "import", "opensources", str(STAND_INS / "opensources.json"), "--license", "LGPL-3.0"
    )
    assert imported.exit_code == 0, imported.output
    assert "opensources: imported 6 entries" in imported.output and "4 skipped" in imported.output
    assert "  line 38: white space inside the domain" in imported.output
    result = run("import", "csv", str(STAND_INS / "plain.csv"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("plain: imported 7 entries")  # named after the file
    run("import", "tranco", str(STAND_INS / "tranco_plain.csv"))

    shown = run("show", "https://www.RT.com/news/1")
    assert shown.exit_code == 0, shown.output
    assert "- Listed as 'state' by OpenSources (imported 2026-11-26)" in shown.output
    assert "list opensources · licence LGPL-3.0 · 2026-11-26T09:30:00Z" in shown.output
    assert "- Listed as 'state, propaganda' by plain (imported 2026-11-26)" in shown.output
    assert "matched domain 'rt.com'" in shown.output
    assert "note: Russian state media / same site as line 3: merged" in shown.output
    assert "not in any imported ranking" in shown.output
    assert "Ranked #3 by Tranco" in run("show", "facebook.com").output
    assert "not on any imported list" in run("show", "deviantart.com").output
    assert run("show", "localhost").exit_code == 2

    listed = run("list")
    assert listed.exit_code == 0, listed.output
    assert "opensources" in listed.output and "OpenSources · licence: LGPL-3.0" in listed.output
    assert str(STAND_INS / "plain.csv") in listed.output and run().output == listed.output
    digest = hashlib.sha256((STAND_INS / "plain.csv").read_bytes()).hexdigest()
    assert f"sha256: {digest}" in listed.output


def test_cli_import_rejects_a_file_in_the_wrong_format(run: Callable[..., Result]) -> None:
    result = run("import", "mbfc-json", str(STAND_INS / "plain.csv"))
    assert result.exit_code == 1 and "is not valid JSON" in result.output
    assert run("remove", "nothing").exit_code == 1


# --- `lists update` against a loopback stand-in -------------------------------------------


class _FileHandler(BaseHTTPRequestHandler):
    server: _FileServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        path = self.server.files.get(self.path)
        body = path.read_bytes() if path else b"<h1>Not found</h1>"
        self.send_response(200 if path else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _FileServer(ThreadingHTTPServer):
    """Serves files in place (the real lists are read, never copied) on 127.0.0.1."""

    daemon_threads = True

    def __init__(self, files: dict[str, Path]) -> None:
        super().__init__(("127.0.0.1", 0), _FileHandler)
        self.files = files
        self.url = f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def serve() -> Iterator[Callable[[dict[str, Path]], str]]:
    servers: list[_FileServer] = []

    def start(files: dict[str, Path]) -> str:
        server = _FileServer(files)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server.url

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _sources(*items: tuple[str, str, str]) -> tuple[str, ...]:
    rows = [{"name": n, "format": f, "url": u, "license": "test"} for n, f, u in items]
    return ("-s", "LIST_SOURCES", json.dumps(rows))


def test_update_keeps_the_previous_copy_when_a_source_fails(
    run: Callable[..., Result], serve: Callable[[dict[str, Path]], str]
) -> None:
    files = {"/os.json": STAND_INS / "opensources.json", "/hosts": STAND_INS / "hosts.txt"}
    url = serve(files)
    good = _sources(("os", "opensources", url + "/os.json"), ("blocked", "hosts", url + "/hosts"))
    first = run("update", settings=good)
    assert first.exit_code == 0, first.output
    assert "os: imported 6 entries from " + url + "/os.json" in first.output

    files.clear()  # the server now answers 404, except for a 200 that is not the format
    files["/html"] = STAND_INS / "hosts.txt"
    bad = _sources(("os", "opensources", url + "/os.json"), ("blocked", "mbfc-json", url + "/html"))
    second = run("update", settings=bad)
    assert second.exit_code == 1
    assert f"os: FAILED, previous copy kept: {url}/os.json answered HTTP 404" in second.output
    assert f"blocked: FAILED, previous copy kept: {url}/html is not valid JSON" in second.output
    assert "2 of 2 list(s) failed" in second.output
    shown = run("show", "rt.com")
    assert "Listed as 'state' by OpenSources" in shown.output
    assert "blocklist" in run("show", "tracker-one.com").output


def test_update_with_nothing_configured(run: Callable[..., Result]) -> None:
    result = run("update")
    assert result.exit_code == 0 and "LIST_SOURCES is empty" in result.output


# --- the real public files, read in place ----------------------------------------------------


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("folder", "file", "fmt", "rows", "kept"),
    [
        # README: 825 domains, one a duplicate after normalisation; plus an IP and a typo'd key.
        ("opensources_zimdars", "original/sources.json", "opensources", 825, 822),
        # README: 9,775 entries; 5 keys are malformed upstream; the 4 aliases become entries too.
        ("mbfc_mediabiasfactcheck", "original/combined.json", "mbfc-json", 9775 + 4, 9774),
        ("mbfc_mediabiasfactcheck", "mbfc_domains.csv", "mbfc-csv", 9775, 9770),
        # README: a 'Domain' header and 10,000 domains, rank = position.
        ("tranco_top10k", "top-10k.csv", "tranco", 10_000, 10_000),
    ],
)
def test_real_lists_import_with_readme_counts(
    folder: str, file: str, fmt: str, rows: int, kept: int
) -> None:
    parsed = parse(fmt, shared_data_or_skip(folder, file))
    used = len(parsed.entries) + len(parsed.ranking)
    assert used == kept and used + len(parsed.skipped) == rows


@pytest.mark.shared_data
def test_real_mbfc_categories_match_its_readme() -> None:
    parsed = parse("mbfc-csv", shared_data_or_skip("mbfc_mediabiasfactcheck", "mbfc_domains.csv"))
    biases: dict[str, int] = {}
    for entry in parsed.entries:
        biases[entry.extra["bias"]] = biases.get(entry.extra["bias"], 0) + 1
    skipped_biases = {"fake-news": 1, "left-center": 2, "right-center": 1, "pro-science": 1}
    readme = {"fake-news": 2329, "center": 2085, "left-center": 1879, "right-center": 853}
    for bias, count in readme.items():
        assert biases[bias] + skipped_biases.get(bias, 0) == count
    assert sum(e.kind == "prefix" for e in parsed.entries) == 800  # README: 800 keys with a path


@pytest.mark.shared_data
def test_update_downloads_the_real_lists(
    run: Callable[..., Result], serve: Callable[[dict[str, Path]], str], fixed_clock: None
) -> None:
    url = serve(
        {
            "/sources.json": shared_data_or_skip("opensources_zimdars", "original", "sources.json"),
            "/combined.json": shared_data_or_skip(
                "mbfc_mediabiasfactcheck", "original", "combined.json"
            ),
            "/top-10k.csv": shared_data_or_skip("tranco_top10k", "top-10k.csv"),
        }
    )
    sources = _sources(
        ("opensources", "opensources", url + "/sources.json"),
        ("mbfc", "mbfc-json", url + "/combined.json"),
        ("tranco", "tranco", url + "/top-10k.csv"),
    )
    result = run("update", settings=sources)
    assert result.exit_code == 0, result.output
    assert "opensources: imported 822 entries" in result.output
    assert "mbfc: imported 9774 entries" in result.output
    assert "tranco: imported 10000 ranked domains" in result.output
    shown = run("show", "https://www.rt.com/news/")
    assert "Listed as 'state' by OpenSources (imported 2026-11-26)" in shown.output
    assert "by Media Bias/Fact Check" in shown.output and "Ranked #" in shown.output
    assert "not on any imported list" in run("show", "https://deviantart.com/").output


def test_cli_import_accepts_the_extra_suffixes_checks_accept(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    listed = tmp_path / "rig.csv"
    listed.write_text("fake-news.test,fake\n")
    refused = run("import", "csv", str(listed))
    assert "imported 0 entries" in refused.output and "fake-news.test" in refused.output
    extra = ("-s", "EXTRA_PUBLIC_SUFFIXES", '["test"]')
    accepted = run("import", "csv", str(listed), settings=extra)
    assert accepted.exit_code == 0 and "imported 1 entries" in accepted.output, accepted.output
    assert (
        "Listed as 'fake' by rig" in run("show", "http://fake-news.test/x", settings=extra).output
    )
