"""Compute-once caches: concurrent first calls share one computation."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from crapdetect.memo import Memo, once
from crapdetect.sources.prior import DomainPrior

from .threads import run_together


def test_once_runs_a_slow_loader_once_under_concurrent_first_calls() -> None:
    calls: list[int] = []

    @once
    def load() -> str:
        calls.append(1)
        time.sleep(0.05)  # long enough for every thread to arrive while it runs
        return "table"

    assert run_together(16, lambda _i: load()) == ["table"] * 16
    assert len(calls) == 1


def test_memo_computes_a_missing_key_once_for_concurrent_callers() -> None:
    calls: list[str] = []

    def slow_upper(key: str) -> str:
        calls.append(key)
        time.sleep(0.05)
        return key.upper()

    memo: Memo[str, str] = Memo(slow_upper)
    assert run_together(16, lambda _i: memo("bbc.co.uk")) == ["BBC.CO.UK"] * 16
    assert calls == ["bbc.co.uk"] and memo.computed == 1


def test_memo_shares_an_error_and_retries_on_the_next_call() -> None:
    attempts: list[int] = []

    def flaky(key: str) -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise ValueError("first time fails")
        return key

    memo: Memo[str, str] = Memo(flaky)
    with pytest.raises(ValueError, match="first time"):
        memo("x")
    assert memo("x") == "x" and len(attempts) == 2


def test_memo_drops_the_oldest_beyond_maxsize() -> None:
    memo: Memo[int, int] = Memo(lambda n: n * 10, maxsize=2)
    assert [memo(1), memo(2), memo(3)] == [10, 20, 30]
    assert memo.missing([1, 2, 3, 3]) == [1]


def test_prior_batch_equals_one_by_one(tiny_models: Path) -> None:
    domains = ["bbc.co.uk", "truthnews24.com", "example.org", "freedom-patriot.net", "bbc.co.uk"]
    batched = DomainPrior(tiny_models)
    one_by_one = DomainPrior(tiny_models)
    assert batched.predict_many(domains) == [one_by_one.predict(d) for d in domains]
    # The batch filled the memo: asking again runs no model call.
    assert batched._memo.computed == 0
    assert batched.predict("truthnews24.com") == one_by_one.predict("truthnews24.com")
