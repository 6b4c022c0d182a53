"""Politeness and de-duplication for upstream servers.

* :class:`TokenBucket` — a rate with a burst.
* :class:`ServerLimits` — per server: at most N requests in flight, a token
  bucket, and a cool-down after the server said "too many requests".
* :class:`SingleFlight` — concurrent calls for one key share one execution.

All waits take a deadline (``time.monotonic()`` based) so they can never
stretch a lookup past its total budget.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Generic, TypeVar

from .errors import LookupTimeout, RateLimited

T = TypeVar("T")


class TokenBucket:
    """``rate`` tokens per second, holding at most ``burst``."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = max(1, burst)
        self._tokens = float(self.burst)
        self._stamp = time.monotonic()
        self._lock = threading.Lock()

    def wait_time(self) -> float:
        """Take a token and return 0, or return the seconds until one is due."""
        with self._lock:
            now = time.monotonic()
            self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
            self._stamp = now
            if self._tokens >= 1:
                self._tokens -= 1
                return 0.0
            return (1 - self._tokens) / self.rate if self.rate > 0 else float("inf")

    def acquire(self, deadline: float) -> bool:
        """Block until a token is taken (True) or the deadline would pass (False)."""
        while True:
            wait = self.wait_time()
            if wait == 0:
                return True
            if time.monotonic() + wait > deadline:
                return False
            time.sleep(wait)


class ServerLimits:
    """Per-server concurrency cap, token bucket and rate-limit cool-down."""

    def __init__(self, *, max_in_flight: int, rate: float, burst: int) -> None:
        self._max_in_flight = max_in_flight
        self._rate = rate
        self._burst = burst
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._buckets: dict[str, TokenBucket] = {}
        self._cool_until: dict[str, float] = {}

    def cool_down(self, server: str, seconds: float) -> None:
        """Leave ``server`` alone for ``seconds`` (from its Retry-After)."""
        with self._lock:
            until = time.monotonic() + seconds
            self._cool_until[server] = max(until, self._cool_until.get(server, 0.0))

    def cooling_for(self, server: str) -> float:
        """Seconds left in ``server``'s cool-down (0 when it may be asked)."""
        with self._lock:
            return max(0.0, self._cool_until.get(server, 0.0) - time.monotonic())

    @contextmanager
    def slot(self, server: str, deadline: float):  # type: ignore[no-untyped-def]
        """Hold one in-flight slot for ``server``; raise instead of waiting past the deadline."""
        left = self.cooling_for(server)
        if left > 0:
            raise RateLimited(
                f"{server} asked us to slow down; retrying in {left:.0f} s", retry_after_s=left
            )
        with self._lock:
            slots = self._slots.setdefault(server, threading.BoundedSemaphore(self._max_in_flight))
            bucket = self._buckets.setdefault(server, TokenBucket(self._rate, self._burst))
        if not slots.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise LookupTimeout(f"{server} is busy with our other requests; try again shortly")
        try:
            if not bucket.acquire(deadline):
                raise RateLimited(
                    f"crapdetect's own politeness limit for {server} is reached; try again shortly",
                    retry_after_s=1 / self._rate if self._rate else None,
                )
            yield
        finally:
            slots.release()


class SingleFlight(Generic[T]):
    """Run ``fn`` once per key at a time; concurrent callers wait for the same Future.

    Work runs in a bounded thread pool so each caller can stop waiting at its
    own deadline while the upstream call finishes (and fills the cache) in
    the background.
    """

    def __init__(self, threads: int) -> None:
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="crapdetect-io")
        self._lock = threading.Lock()
        self._running: dict[str, Future[T]] = {}
        self._pruned_at = 64  # size of _running after the last pruning (at least 64)
        self.executions = 0  # how many times fn actually ran; tests assert on it

    def submit(self, key: str, fn: Callable[[], T]) -> tuple[Future[T], bool]:
        """Return the shared Future for ``key`` and whether this call started it."""
        with self._lock:
            running = self._running.get(key)
            if running is not None and not running.done():
                return running, False
            future = self._pool.submit(fn)
            self._running[key] = future
            self.executions += 1
            # Finished entries are dropped here, not in a done-callback: shutdown() cancels
            # queued futures while holding the pool's lock, and a callback taking our lock
            # then deadlocks with a submit() holding ours and waiting for the pool's.
            if len(self._running) > 2 * self._pruned_at:
                self._running = {k: f for k, f in self._running.items() if not f.done()}
                self._pruned_at = max(64, len(self._running))
        return future, True

    def shutdown(self, *, wait: bool = True) -> None:
        """Drop queued work; with ``wait``, also let running calls end (each has a deadline)."""
        self._pool.shutdown(wait=wait, cancel_futures=True)
