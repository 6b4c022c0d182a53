"""Check a list of link occurrences: each distinct URL once, a row for every occurrence."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..checker import Checker
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
) -> BatchSummary:
    """Write a row per occurrence to ``sink`` as results arrive; duplicates are checked once.

    ``skip_inputs`` (from ``--resume``) are neither checked nor written again.
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
    for index, outcome in checker.check_many(urls, fetch_pages=fetch_pages, workers=workers):
        for position, occurrence in enumerate(by_url[urls[index]]):
            _emit(sink, summary, row_for(occurrence, outcome, duplicate=position > 0))
        progress(1)
    return summary


def _emit(sink: RowSink, summary: BatchSummary, row: dict[str, Any]) -> None:
    summary.count(row)
    sink(row)
