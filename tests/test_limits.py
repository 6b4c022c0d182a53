"""Politeness primitives: token bucket, per-server limits, single-flight."""

from __future__ import annotations

import threading
import time

import pytest

from crapdetect.errors import LookupTimeout, RateLimited
from crapdetect.limits import ServerLimits, SingleFlight, TokenBucket


def test_token_bucket_burst_then_rate() -> None:
    bucket = TokenBucket(rate=10, burst=3)
    assert [bucket.wait_time() for _ in range(3)] == [0, 0, 0]
    assert 0 < bucket.wait_time() <= 0.1
    assert bucket.acquire(time.monotonic() + 0.5)


def test_own_politeness_limit_gives_rate_limited() -> None:
    limits = ServerLimits(max_in_flight=2, rate=0.1, burst=1)
    with limits.slot("r.example", time.monotonic() + 1):
        pass
    with pytest.raises(RateLimited, match="politeness limit"):
        with limits.slot("r.example", time.monotonic() + 1):
            pass


def test_cool_down_refuses_immediately() -> None:
    limits = ServerLimits(max_in_flight=2, rate=100, burst=10)
    limits.cool_down("r.example", 60)
    start = time.monotonic()
    with pytest.raises(RateLimited) as info:
        with limits.slot("r.example", time.monotonic() + 5):
            pass
    assert time.monotonic() - start < 0.1
    assert 59 <= info.value.retry_after_s <= 60
    with limits.slot("other.example", time.monotonic() + 1):
        pass  # other servers are unaffected


def test_in_flight_cap_times_out_at_deadline() -> None:
    limits = ServerLimits(max_in_flight=1, rate=100, burst=10)
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with limits.slot("r.example", time.monotonic() + 5):
            held.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(5)
    with pytest.raises(LookupTimeout, match="busy"):
        with limits.slot("r.example", time.monotonic() + 0.2):
            pass
    release.set()
    thread.join()


def test_single_flight_shares_one_execution() -> None:
    flight: SingleFlight[int] = SingleFlight(threads=4)
    gate = threading.Event()

    def work() -> int:
        gate.wait(5)
        return 42

    futures = [flight.submit("k", work) for _ in range(10)]
    gate.set()
    assert [f.result(5) for f, _ in futures] == [42] * 10
    assert [started for _, started in futures].count(True) == 1
    assert flight.executions == 1
    flight.submit("k", lambda: 1)[0].result(5)  # a later call runs again
    assert flight.executions == 2
    flight.shutdown()


def test_shutdown_while_others_submit_does_not_deadlock() -> None:
    # shutdown() cancels queued work while holding the pool's lock, and cancelling runs the
    # flight's bookkeeping; a submit holding the flight's lock while it waits for the pool's
    # lock was a lock-order inversion that hung Ctrl-C in `crapdetect check`.
    for attempt in range(20):
        flight: SingleFlight[int] = SingleFlight(threads=1)
        release = threading.Event()
        flight.submit("busy", lambda release=release: int(release.wait(5)))
        go = threading.Event()

        def hammer(
            prefix: str, flight: SingleFlight[int] = flight, go: threading.Event = go
        ) -> None:
            go.wait()
            for n in range(3000):
                try:
                    flight.submit(f"{prefix}{n}", lambda: 0)
                except RuntimeError:  # "cannot schedule new futures after shutdown"
                    pass

        threads = [threading.Thread(target=hammer, args=(p,), daemon=True) for p in "abc"]
        for thread in threads:
            thread.start()
        go.set()
        time.sleep(0.002 * attempt)
        closer = threading.Thread(target=flight.shutdown, kwargs={"wait": False}, daemon=True)
        closer.start()
        closer.join(5)
        for thread in threads:
            thread.join(5)
        release.set()
        assert not closer.is_alive() and not any(t.is_alive() for t in threads), attempt


def _shutdown_while_others_submit() -> bool:
    """Shut a flight down while four threads keep submitting; True if shutdown returned."""
    flight: SingleFlight[int] = SingleFlight(threads=1)
    gate = threading.Event()
    flight.submit("busy", lambda: gate.wait(5) and 0)
    for i in range(300):
        flight.submit(f"queued-{i}", lambda: 0)
    stop = threading.Event()

    def keep_submitting(prefix: str) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            try:
                flight.submit(f"{prefix}-{n}", lambda: 0)
            except RuntimeError:  # after shutdown
                return

    threads = [threading.Thread(target=keep_submitting, args=(p,)) for p in "abcd"]
    for thread in threads:
        thread.start()
    closer = threading.Thread(target=flight.shutdown, kwargs={"wait": False})
    closer.start()
    closer.join(5)
    stop.set()
    gate.set()
    for thread in threads:
        thread.join(5)
    returned = not closer.is_alive()
    if returned:
        flight.shutdown()
    return returned


def test_single_flight_shutdown_while_others_submit_does_not_deadlock() -> None:
    """shutdown() cancels queued work under the pool's lock while other threads submit.

    A done-callback taking the flight's lock used to deadlock against a submit() that held
    it while waiting for the pool's lock (seen as a hung Checker.close() during a batch).
    """
    assert all(_shutdown_while_others_submit() for _ in range(20))
