"""Batch scheduling: a link is checked once its domain's facts are in, with the same verdict."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from typing import Any

import pytest

from crapdetect.batch.schedule import run_when_ready
from crapdetect.checker import Checker, Verdict
from crapdetect.errors import InvalidURL

from .stand_ins.rdap_server import RdapStandIn


def test_a_job_waits_for_its_prerequisite() -> None:
    gate: Future[str] = Future()
    started: list[str] = []
    jobs = [
        (lambda: started.append("later") or "later", gate),
        (lambda: started.append("now") or "now", None),
    ]
    with ThreadPoolExecutor(2) as pool:
        results = run_when_ready(pool, jobs)
        first = next(results)
        assert first[0] == 1 and first[1].result() == "now"
        assert started == ["now"]  # the gated job has not run
        threading.Timer(0.05, gate.set_result, args=("facts",)).start()
        second = next(results)
    assert second[0] == 0 and second[1].result() == "later"


def test_a_failed_prerequisite_starts_the_job_a_cancelled_one_cancels_it() -> None:
    failed: Future[str] = Future()
    failed.set_exception(RuntimeError("registry down"))  # the job reports that itself
    cancelled: Future[str] = Future()
    cancelled.cancel()  # Checker.close() dropping queued lookups
    with ThreadPoolExecutor(2) as pool:
        done = dict(run_when_ready(pool, [(lambda: "a", failed), (lambda: "b", cancelled)]))
    assert done[0].result() == "a"
    assert done[1].cancelled()


def test_jobs_after_shutdown_come_back_cancelled() -> None:
    gate: Future[str] = Future()
    pool = ThreadPoolExecutor(1)
    results = run_when_ready(pool, [(lambda: "x", gate)])
    pool.shutdown()
    gate.set_result("late")
    index, future = next(results)
    assert index == 0
    with pytest.raises(CancelledError):
        future.result()


def _content(verdict: Verdict) -> dict[str, Any]:
    data = verdict.to_dict()
    del data["checked_at"]
    return data


URLS = [
    "https://www.example.com/a",
    "https://example.com/b",
    "https://wikipedia.org/",
    "https://en.wikipedia.org/wiki/X",
    "https://younger.com/about",
    "https://nu.nl/binnenland/1",
    "not a url at all",
    "https://www.example.com/a",
]


def test_batch_verdicts_equal_single_checks(
    make_checker: Callable[..., Checker], rdap_server: RdapStandIn
) -> None:
    rdap_server.delay_s = 0.1  # lookups are still in flight when the batch is scheduled
    try:
        batch = dict(make_checker().check_many(URLS, workers=3))
    finally:
        rdap_server.delay_s = 0.0
    single = make_checker()
    assert sorted(batch) == list(range(len(URLS)))
    for index, url in enumerate(URLS):
        outcome = batch[index]
        if url == "not a url at all":
            assert isinstance(outcome, InvalidURL)
            with pytest.raises(InvalidURL, match=outcome.message[:20]):
                single.check(url)
            continue
        assert isinstance(outcome, Verdict)
        assert _content(outcome) == _content(single.check(url, fetch_page=False, batch=True))


def test_each_domain_is_asked_once_per_batch(
    make_checker: Callable[..., Checker], rdap_server: RdapStandIn
) -> None:
    before = rdap_server.count("/domain/example.com")
    rdap_server.delay_s = 0.1
    try:
        outcomes = list(make_checker().check_many(URLS))
    finally:
        rdap_server.delay_s = 0.0
    assert len(outcomes) == len(URLS)
    assert rdap_server.count("/domain/example.com") - before == 1
