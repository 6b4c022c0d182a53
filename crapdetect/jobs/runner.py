"""The background worker that works through queued jobs, a chunk at a time."""

from __future__ import annotations

import logging
import os
import threading
import time

from ..batch.rows import row_for
from ..checker import Checker
from .store import JobStore

log = logging.getLogger(__name__)
CHUNK = 200  # items per round: big enough for domain de-duplication, small for quick cancel


class JobRunner:
    """One daemon thread per process; several processes share the work through leases."""

    def __init__(
        self, checker: Checker, store: JobStore, *, lease_s: float, poll_s: float = 0.5
    ) -> None:
        self.checker = checker
        self.store = store
        self.lease_s = lease_s
        self.poll_s = poll_s
        self.owner = f"{os.getpid()}-{id(self):x}"
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="crapdetect-jobs", daemon=True)

    def start(self) -> JobRunner:
        self._thread.start()
        return self

    def wake(self) -> None:
        """A job was just queued: look now instead of at the next poll."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                job_id = self.store.claim(self.owner, self.lease_s)
                if job_id is None:
                    self._wake.wait(self.poll_s)
                    self._wake.clear()
                    continue
                self._process(job_id)
            except Exception:  # the worker must outlive any one bad job
                log.exception("job worker error")
                time.sleep(self.poll_s)

    def _process(self, job_id: str) -> None:
        job = self.store.get(job_id)
        if job is None:
            return
        while not self._stop.is_set():
            if not self.store.renew(job_id, self.owner, self.lease_s):
                return  # cancelled, or another worker took over after our lease lapsed
            items = self.store.pending(job_id, CHUNK)
            if not items:
                self.store.finish(job_id)
                log.info("job %s done (%d links)", job_id, job.total)
                return
            self._run_chunk(job_id, items, job.fetch_pages)

    def _run_chunk(self, job_id: str, items: list, fetch_pages: bool) -> None:  # type: ignore[type-arg]
        by_url: dict[str, list[int]] = {}
        occurrence = dict(items)
        for idx, item in items:
            if item.url is None:
                self.store.save(job_id, idx, row_for(item, None))
            else:
                by_url.setdefault(item.url, []).append(idx)
        urls = list(by_url)
        renewed = time.monotonic()
        for index, outcome in self.checker.check_many(urls, fetch_pages=fetch_pages):
            for position, idx in enumerate(by_url[urls[index]]):
                self.store.save(
                    job_id, idx, row_for(occurrence[idx], outcome, duplicate=position > 0)
                )
            if time.monotonic() - renewed > self.lease_s / 3:
                renewed = time.monotonic()
                if not self.store.renew(job_id, self.owner, self.lease_s):
                    return  # cancelled mid-chunk: stop checking the rest
