"""Check a list of link occurrences: each distinct URL once, a row for every occurrence."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..checker import Checker
from .html_report import LABELS
from .inputs import Occurrence
from .rows import row_for

RowSink = Callable[[dict[str, Any]], None]


@dataclass
class BatchSummary:
    occurrences: int = 0
    distinct: int = 0
    skipped_done: int = 0
    failed: int = 0
    labels: dict[str, int] = field(default_factory=dict)
    stopped: bool = False  # ``stop`` was set before every link was checked

    def describe(self) -> str:
        """One line for people: '8 links (6 distinct): 2 reliable, 3 mixed, …'."""
        labels = ", ".join(
            f"{self.labels[label]} {label}" for label in LABELS if self.labels.get(label)
        )
        parts = [labels or "nothing checked"]
        if self.failed:
            parts.append(f"{self.failed} could not be checked")
        if self.skipped_done:
            parts.append(f"{self.skipped_done} already in the output")
        return f"{self.occurrences} links ({self.distinct} distinct): " + ", ".join(parts)

    def count(self, row: dict[str, Any]) -> None:
        if not row["ok"]:
            self.failed += 1
            return
        self.labels[row["label"]] = self.labels.get(row["label"], 0) + 1


def run_batch(
    checker: Checker,
    occurrences: Sequence[Occurrence],
    sink: RowSink,
    *,
    fetch_pages: bool = False,
    skip_inputs: frozenset[str] = frozenset(),
    progress: Callable[[int], None] = lambda _n: None,
    workers: int | None = None,
    stop: threading.Event | None = None,
) -> BatchSummary:
    """Write a row per occurrence to ``sink`` as results arrive; duplicates are checked once.

    ``skip_inputs`` (from ``--resume``) are neither checked nor written again. Setting
    ``stop`` ends the run soon, with every row written so far complete.
    """
    summary = BatchSummary(occurrences=len(occurrences))
    by_url: dict[str, list[Occurrence]] = {}
    for occurrence in occurrences:
        if occurrence.raw in skip_inputs:
            summary.skipped_done += 1
            continue
        if occurrence.url is None:
            _emit(sink, summary, row_for(occurrence, None))
            continue
        by_url.setdefault(occurrence.url, []).append(occurrence)
    urls = list(by_url)
    summary.distinct = len(urls)
    checked = 0
    for index, outcome in checker.check_many(
        urls, fetch_pages=fetch_pages, workers=workers, stop=stop
    ):
        for position, occurrence in enumerate(by_url[urls[index]]):
            _emit(sink, summary, row_for(occurrence, outcome, duplicate=position > 0))
        checked += 1
        progress(1)
    summary.stopped = checked < len(urls)
    return summary


def _emit(sink: RowSink, summary: BatchSummary, row: dict[str, Any]) -> None:
    summary.count(row)
    sink(row)
