"""Parsers for the list formats ``crapdetect lists import`` understands.

Each ``parse_<format>(path)`` returns a :class:`ParsedList`. A row that cannot be used is
recorded in ``skipped`` with where it was and why, never fatal; only a file that is not
the format at all (bad JSON, missing columns) raises :class:`ListFormatError`. A key
listed twice is merged into its first entry (categories joined) and the repeat reported.
"""

from __future__ import annotations

import csv
import hashlib
import io
import ipaddress
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import CrapDetectError
from .lists import ListEntry, ParsedList, SkippedLine, normalise_key

Suffixes = frozenset[str]

_OPENSOURCES_TYPES = ("type", "2nd type", "3rd type")
_OPENSOURCES_NOTES = "Source Notes (things to know?)"
# Spelling slips in the upstream data (see its README), mapped to the type they spell.
_OPENSOURCES_TYPOS = {"unrealiable": "unreliable", "satirical": "satire", "fake news": "fake"}
# The MBFC extension encodes MBFC's "Questionable Sources" category as bias "fake-news".
_MBFC_CATEGORY = {"fake-news": "questionable"}
_MBFC_CSV_COLUMNS = ("raw_domain", "name", "bias", "reporting", "credibility", "questionable")
# Names every hosts file carries for the machine itself; they are not list entries.
_HOSTS_BOILERPLATE = frozenset(
    "localhost localhost.localdomain local broadcasthost ip6-localhost ip6-loopback "
    "ip6-localnet ip6-mcastprefix ip6-allnodes ip6-allrouters ip6-allhosts 0.0.0.0".split()
)
_HEADER_WORDS = frozenset({"domain", "host", "hostname", "site", "url", "rank"})


class ListFormatError(CrapDetectError):
    """The file is not in the format named; the message says what was expected."""

    code = "list_format"


class _Collector:
    """Normalises keys, merges repeats and records skipped rows for one ParsedList."""

    def __init__(self, fmt: str, meta: dict[str, Any], extra_suffixes: Suffixes) -> None:
        self.parsed = ParsedList(format=fmt, meta=meta)
        self.extra_suffixes = extra_suffixes
        self._seen: dict[tuple[str, str], tuple[int, str]] = {}

    def skip(self, where: str, reason: str, text: str = "") -> None:
        self.parsed.skipped.append(SkippedLine(where, reason, text[:200]))

    def add(
        self,
        where: str,
        raw: str,
        category: str,
        note: str = "",
        extra: dict[str, Any] | None = None,
    ) -> ListEntry | None:
        try:
            kind, key, host, path = normalise_key(raw, self.extra_suffixes)
        except ValueError as exc:
            self.skip(where, str(exc), raw)
            return None
        if not category:
            self.skip(where, "no category", raw)
            return None
        if (kind, key) in self._seen:
            self._merge(where, raw, kind, key, category, note)
            return None
        entry = ListEntry(kind, key, host, path, category, note, extra or {})
        self._seen[(kind, key)] = (len(self.parsed.entries), where)
        self.parsed.entries.append(entry)
        return entry

    def _merge(self, where: str, raw: str, kind: str, key: str, category: str, note: str) -> None:
        index, first = self._seen[(kind, key)]
        old = self.parsed.entries[index]
        categories = _unique([*old.category.split(", "), *category.split(", ")])
        notes = " / ".join(_unique([n for n in (old.note, note) if n]))
        self.parsed.entries[index] = ListEntry(
            kind, key, old.host, old.path, ", ".join(categories), notes, old.extra
        )
        self.skip(where, f"same {kind} {key!r} as {first}; merged into it", raw)


def parse_opensources(path: str | Path, *, extra_suffixes: Suffixes = frozenset()) -> ParsedList:
    """OpenSources ``sources.json``: {domain: {"type", "2nd type", "3rd type", notes}}."""
    text, meta = _read(path)
    data = _load_json(text, path)
    if not isinstance(data, dict):
        raise ListFormatError(f"{path} is not an OpenSources sources.json (expected an object)")
    out = _Collector("opensources", meta, extra_suffixes)
    lines = _LineFinder(text)
    for number, (raw, row) in enumerate(data.items(), start=1):
        where = lines.find(json.dumps(raw, ensure_ascii=False)) or f"entry {number}"
        if not isinstance(row, dict):
            out.skip(where, "expected an object with 'type'", raw)
            continue
        types = _unique(_opensources_type(row.get(field)) for field in _OPENSOURCES_TYPES)
        raw_types = [row.get(field) for field in _OPENSOURCES_TYPES if row.get(field)]
        note = str(row.get(_OPENSOURCES_NOTES) or "").strip()
        out.add(where, str(raw), ", ".join(types), note, {"raw_types": raw_types})
    return out.parsed


def _opensources_type(value: Any) -> str:
    text = " ".join(str(value or "").lower().split())
    return _OPENSOURCES_TYPOS.get(text, text)


def parse_mbfc_json(path: str | Path, *, extra_suffixes: Suffixes = frozenset()) -> ParsedList:
    """The MBFC extension's ``combined.json``: ``sources`` ratings plus ``aliases``."""
    text, meta = _read(path)
    data = _load_json(text, path)
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise ListFormatError(f"{path} is not an MBFC combined.json (no 'sources' list)")
    meta.update({k: data[k] for k in ("version", "date") if k in data})
    out = _Collector("mbfc-json", meta, extra_suffixes)
    by_domain: dict[str, ListEntry] = {}
    for index, row in enumerate(data["sources"]):
        where = f"sources[{index}]"
        if not isinstance(row, dict):
            out.skip(where, "expected an object with 'domain' and 'bias'")
            continue
        raw = str(row.get("domain") or "")
        entry = _add_mbfc(out, where, raw, row, row.get("questionable") or [], row.get("url"))
        if entry is not None:
            by_domain[raw.strip().lower()] = entry
    aliases = data.get("aliases") if isinstance(data.get("aliases"), dict) else {}
    for alias, target in aliases.items():
        rated = by_domain.get(str(target).strip().lower())
        if rated is None:
            out.skip(
                f"aliases[{alias!r}]", f"alias of {target!r}, which has no usable rating", alias
            )
            continue
        extra = {**rated.extra, "alias_of": rated.key}
        out.add(f"aliases[{alias!r}]", alias, rated.category, f"alias of {rated.key}", extra)
    return out.parsed


def parse_mbfc_csv(path: str | Path, *, extra_suffixes: Suffixes = frozenset()) -> ParsedList:
    """``mbfc_domains.csv`` (one row per MBFC entry; ``questionable`` is ``|``-joined)."""
    text, meta = _read(path)
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in _MBFC_CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ListFormatError(f"{path} lacks the MBFC CSV columns {', '.join(missing)}")
    out = _Collector("mbfc-csv", meta, extra_suffixes)
    for row in reader:
        where = f"line {reader.line_num}"
        raw = row.get("raw_domain") or row.get("domain") or ""
        reasons = [r for r in (row.get("questionable") or "").split("|") if r]
        _add_mbfc(out, where, raw, row, reasons, row.get("mbfc_url"))
    return out.parsed


def _add_mbfc(
    out: _Collector, where: str, raw: str, row: dict[str, Any], reasons: list[str], review: Any
) -> ListEntry | None:
    bias = str(row.get("bias") or "").strip().lower()
    popularity = str(row.get("popularity") or "").strip()
    extra = {
        "name": row.get("name") or None,
        "bias": bias or None,
        "reporting": row.get("reporting") or None,
        "credibility": row.get("credibility") or None,
        "questionable": [str(r) for r in reasons],
        "traffic": row.get("traffic") or None,
        "popularity": int(popularity) if popularity.isdigit() else None,
        "review_url": review or None,
    }
    note = (
        f"{extra['name'] or raw}: factual reporting {extra['reporting'] or 'n/a'}, "
        f"credibility {extra['credibility'] or 'n/a'}"
    )
    if reasons:
        note += f"; questionable for {', '.join(extra['questionable'])}"
    return out.add(where, raw, _MBFC_CATEGORY.get(bias, bias), note, extra)


def parse_csv(path: str | Path, *, extra_suffixes: Suffixes = frozenset()) -> ParsedList:
    """Plain ``domain,category[,note]`` rows; optional header; ``#`` comment lines."""
    text, meta = _read(path)
    out = _Collector("csv", meta, extra_suffixes)
    first = _first_row(text)
    for number, row in _csv_rows(text):
        if number == first and row[0].strip().lower() in _HEADER_WORDS:
            continue
        if len(row) < 2:
            out.skip(f"line {number}", "expected domain,category[,note]", ",".join(row))
            continue
        note = ",".join(row[2:]).strip()
        out.add(f"line {number}", row[0], row[1].strip().lower(), note)
    return out.parsed


def parse_hosts(
    path: str | Path, category: str = "blocklist", *, extra_suffixes: Suffixes = frozenset()
) -> ParsedList:
    """A hosts file (``0.0.0.0 a.com b.com``) or one domain per line; ``#`` comments."""
    text, meta = _read(path)
    out = _Collector("hosts", meta, extra_suffixes)
    for number, line in enumerate(text.splitlines(), start=1):
        tokens = line.split("#", 1)[0].split()
        if not tokens:
            continue
        names = tokens[1:] if _is_ip(tokens[0]) else tokens
        if len(names) != 1 and not (_is_ip(tokens[0]) and names):
            out.skip(f"line {number}", "expected 'ADDRESS NAME…' or one domain", line)
            continue
        for name in names:
            if name.lower() not in _HOSTS_BOILERPLATE:
                out.add(f"line {number}", name, category)
    return out.parsed


def parse_tranco(path: str | Path, *, extra_suffixes: Suffixes = frozenset()) -> ParsedList:
    """A popularity ranking: ``rank,domain`` rows, or one domain per row ranked by position."""
    text, meta = _read(path)
    out = _Collector("tranco", meta, extra_suffixes)
    best: dict[str, tuple[int, str]] = {}
    position, first = 0, _first_row(text)
    for number, row in _csv_rows(text):
        cells = [cell.strip() for cell in row]
        if number == first and cells[-1].lower() in _HEADER_WORDS:
            continue
        position += 1  # a bad row still takes its place, so later ranks stay right
        rank, raw = _rank_cells(cells, position)
        where = f"line {number}"
        if rank is None:
            out.skip(where, "expected rank,domain with a whole-number rank", ",".join(row))
            continue
        try:
            _, _, host, path_ = normalise_key(raw, out.extra_suffixes)
        except ValueError as exc:
            out.skip(where, str(exc), raw)
            continue
        if path_:
            out.skip(where, "a ranking lists domains, not paths", raw)
        elif host in best:
            out.skip(where, f"{host!r} already ranked at {best[host][1]}", raw)
        else:
            best[host] = (rank, where)
    out.parsed.ranking = sorted(((host, rank) for host, (rank, _) in best.items()), key=_by_rank)
    return out.parsed


def _by_rank(item: tuple[str, int]) -> int:
    return item[1]


def _rank_cells(cells: list[str], position: int) -> tuple[int | None, str]:
    if len(cells) == 1:
        return position, cells[0]
    if cells[0].isdigit() and int(cells[0]) > 0:
        return int(cells[0]), cells[1]
    return None, ",".join(cells)


PARSERS: dict[str, Callable[..., ParsedList]] = {
    "opensources": parse_opensources,
    "mbfc-json": parse_mbfc_json,
    "mbfc-csv": parse_mbfc_csv,
    "csv": parse_csv,
    "hosts": parse_hosts,
    "tranco": parse_tranco,
}
# Who publishes the formats that belong to one publisher; used as the default list name and
# for reasons ("Listed as 'fake' by OpenSources"). csv and hosts lists are named after their file.
PUBLISHERS: dict[str, tuple[str, str]] = {
    "opensources": ("opensources", "OpenSources"),
    "mbfc-json": ("mbfc", "Media Bias/Fact Check"),
    "mbfc-csv": ("mbfc", "Media Bias/Fact Check"),
    "tranco": ("tranco", "Tranco"),
}


def parse(fmt: str, path: str | Path, *, extra_suffixes: Suffixes = frozenset()) -> ParsedList:
    """Parse ``path`` as ``fmt`` (a key of PARSERS).

    ``extra_suffixes`` is the EXTRA_PUBLIC_SUFFIXES setting, so a list accepts exactly the
    hosts the checker accepts.
    """
    if fmt not in PARSERS:
        raise ListFormatError(f"unknown list format {fmt!r}; use one of {', '.join(PARSERS)}")
    return PARSERS[fmt](path, extra_suffixes=extra_suffixes)


def _read(path: str | Path) -> tuple[str, dict[str, Any]]:
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ListFormatError(
            f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None
    # The digest lets anyone check later which file a list came from.
    return text, {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


def _load_json(text: str, path: str | Path) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ListFormatError(f"{path} is not valid JSON ({exc})") from None


def _csv_rows(text: str) -> Iterable[tuple[int, list[str]]]:
    """Non-blank, non-comment CSV rows with their line numbers."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, next(csv.reader([line]))


def _first_row(text: str) -> int:
    return next((number for number, _ in _csv_rows(text)), 0)


def _is_ip(token: str) -> bool:
    try:
        ipaddress.ip_address(token)
        return True
    except ValueError:
        return False


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


class _LineFinder:
    """Line numbers of successive keys in a pretty-printed JSON text (None if not found)."""

    def __init__(self, text: str) -> None:
        self._text, self._pos, self._line = text, 0, 1

    def find(self, needle: str) -> str | None:
        index = self._text.find(needle, self._pos)
        if index < 0:
            return None
        self._line += self._text.count("\n", self._pos, index)
        self._pos = index
        return f"line {self._line}"
