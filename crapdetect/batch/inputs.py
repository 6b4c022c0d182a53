"""Read link lists: plain text, CSV, HTML (every a[href]) and Markdown.

Every occurrence keeps where it came from (line number or position), so a
report can say "line 12: not a web address" instead of failing the batch.
Relative links are resolved against a base URL (``--base-url``, or the HTML
page's own ``<base href>``).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from ..errors import RequestError

FORMATS = ("text", "csv", "html", "markdown")
_SUFFIXES = {
    ".csv": "csv",
    ".tsv": "csv",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".list": "text",
}
_MD_LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_MD_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_MD_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$", re.M)
_BARE = re.compile(r"(?<![(<\[\"'=])\bhttps?://[^\s<>()\"']+[^\s<>()\"'.,;:!?]")
_URL_HEADERS = ("url", "link", "href", "address", "website", "source")


@dataclass(frozen=True)
class Occurrence:
    """One link as found in the input: where, what was written, and the URL to check."""

    where: str  # "line 3", "link 12", "row 4"
    raw: str
    url: str | None  # None when it cannot be made into an absolute http(s) URL
    problem: str | None = None


def detect_format(name: str, declared: str | None = None) -> str:
    """The input format: the declared one, else from the file suffix, else plain text."""
    if declared:
        if declared not in FORMATS:
            raise RequestError(
                f"Unknown input format {declared!r}; use one of {', '.join(FORMATS)}",
                status=415,
                code="unsupported_media_type",
            )
        return declared
    return _SUFFIXES.get(Path(name).suffix.lower(), "text")


def read_links(
    text: str, fmt: str, *, base_url: str | None = None, column: str | None = None
) -> list[Occurrence]:
    """Every link occurrence in ``text`` read as ``fmt``."""
    if fmt == "csv":
        return _resolve(_from_csv(text, column), base_url)
    if fmt == "html":
        found, page_base = _from_html(text)
        return _resolve(found, base_url or page_base)
    if fmt == "markdown":
        return _resolve(_from_markdown(text), base_url)
    return _resolve(_from_text(text), base_url)


def _from_text(text: str) -> list[tuple[str, str]]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.strip()
        if entry and not entry.startswith("#"):
            found.append((f"line {number}", entry))
    return found


def _from_csv(text: str, column: str | None) -> list[tuple[str, str]]:
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        return []
    header = [h.strip().lower() for h in rows[0]]
    index, start = _column_index(header, column)
    found = []
    for number, row in enumerate(rows[start:], start=start + 1):
        if index < len(row) and row[index].strip() and not row[index].lstrip().startswith("#"):
            found.append((f"row {number}", row[index].strip()))
    return found


def _column_index(header: list[str], column: str | None) -> tuple[int, int]:
    """(column index, first data row); a header row is skipped when recognised."""
    if column is not None:
        if column.isdigit():
            return int(column) - 1, 0 if _looks_like_url(
                header[int(column) - 1 : int(column)]
            ) else 1
        if column.lower() not in header:
            raise RequestError(
                f"No column named {column!r}; the header has {', '.join(header)}",
                status=400,
                code="invalid_request",
            )
        return header.index(column.lower()), 1
    for name in _URL_HEADERS:
        if name in header:
            return header.index(name), 1
    return 0, 0 if _looks_like_url(header[:1]) else 1


def _looks_like_url(cells: list[str]) -> bool:
    return bool(cells) and ("://" in cells[0] or "." in cells[0])


def _from_html(text: str) -> tuple[list[tuple[str, str]], str | None]:
    soup = BeautifulSoup(text, "html.parser")
    base = soup.find("base", href=True)
    links = [
        (f"link {i}", str(a["href"]).strip())
        for i, a in enumerate(soup.find_all("a", href=True), start=1)
    ]
    return links, str(base["href"]) if base else None


def _from_markdown(text: str) -> list[tuple[str, str]]:
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_MD_LINK, _MD_AUTOLINK, _MD_REFERENCE, _BARE):
        for match in pattern.finditer(text):
            span = match.span()
            if any(a <= span[0] < b for a, b in taken):
                continue  # a bare URL inside a link already counted
            taken.append(span)
            found.append((span[0], match.group(1) if match.groups() else match.group(0)))
    found.sort()
    return [(f"line {text.count(chr(10), 0, pos) + 1}", url) for pos, url in found]


def _resolve(found: list[tuple[str, str]], base_url: str | None) -> list[Occurrence]:
    out = []
    for where, raw in found:
        if raw.startswith(("mailto:", "javascript:", "tel:", "#", "data:")):
            continue  # not web pages: nothing to check, nothing to report
        target = urljoin(base_url, raw) if base_url else raw
        scheme = urlsplit(target).scheme.lower()
        if not scheme and not base_url and raw.startswith(("/", "./", "../")):
            out.append(Occurrence(where, raw, None, "relative link; pass --base-url to resolve it"))
            continue
        if scheme and scheme not in ("http", "https"):
            out.append(Occurrence(where, raw, None, f"{scheme}: links are not web pages"))
            continue
        out.append(Occurrence(where, raw, target))
    return out
