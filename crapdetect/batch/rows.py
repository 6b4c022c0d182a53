"""Batch rows and the streaming writers (JSON Lines, CSV); reading them back for --resume."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from ..checker import Verdict
from ..errors import CrapDetectError
from .inputs import Occurrence

CSV_FIELDS = (
    "where",
    "input",
    "ok",
    "url",
    "domain",
    "score",
    "label",
    "confidence",
    "summary",
    "reasons",
    "error",
    "code",
    "duplicate",
)


def row_for(
    occurrence: Occurrence, outcome: Verdict | CrapDetectError | None, *, duplicate: bool = False
) -> dict[str, Any]:
    """One output row: where the link was, what was written, and its verdict or error."""
    base: dict[str, Any] = {
        "where": occurrence.where,
        "input": occurrence.raw,
        "duplicate": duplicate,
    }
    if outcome is None:
        return {**base, "ok": False, "error": occurrence.problem, "code": "invalid_url"}
    if isinstance(outcome, CrapDetectError):
        return {**base, "ok": False, "error": outcome.message, "code": outcome.code}
    return {**base, "ok": True, **outcome.to_dict()}


class JsonlWriter:
    """One JSON object per line, flushed as it is written (valid after any interruption)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, row: dict[str, Any]) -> None:
        self.stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.stream.flush()

    def close(self, *, interrupted: bool = False) -> None:
        self.stream.flush()


class CsvWriter:
    """Flat rows for spreadsheets; signal reasons joined into one column."""

    def __init__(self, stream: IO[str], *, header: bool = True) -> None:
        self.stream = stream
        self.writer = csv.DictWriter(stream, fieldnames=CSV_FIELDS, extrasaction="ignore")
        if header:
            self.writer.writeheader()

    def write(self, row: dict[str, Any]) -> None:
        flat = dict(row)
        flat["reasons"] = " | ".join(f"{s['name']}: {s['reason']}" for s in row.get("signals", ()))
        self.writer.writerow(flat)
        self.stream.flush()

    def close(self, *, interrupted: bool = False) -> None:
        self.stream.flush()


def done_inputs(path: Path) -> set[str]:
    """Inputs already in an earlier output file (JSONL or CSV), for --resume.

    A line cut off by an interruption is ignored, so its link is checked again.
    """
    if not path.is_file():
        return set()
    text = path.read_text("utf-8")
    if path.suffix.lower() == ".csv":
        return {r["input"] for r in csv.DictReader(text.splitlines()) if r.get("input")}
    done = set()
    for line in text.splitlines():
        try:
            done.add(json.loads(line)["input"])
        except (json.JSONDecodeError, KeyError, TypeError):
            continue
    return done


def read_rows(path: Path) -> Iterable[dict[str, Any]]:
    """Rows of a JSON Lines result file (complete lines only)."""
    for line in path.read_text("utf-8").splitlines():
        try:
            yield json.loads(line)
        except json.JSONDecodeError:
            continue


def trim_partial_line(path: Path) -> None:
    """Drop a last line cut off by a crash, so appended rows start on a fresh line."""
    if not path.is_file():
        return
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        path.write_bytes(data[: data.rfind(b"\n") + 1])
