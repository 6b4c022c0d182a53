"""Start each job of a batch when what it waits for is ready, not before.

A batch worker that picks a link whose domain facts are still queued at the
registry just sits on a thread. Worse, when that domain's answer lands, every
worker holding one of its links wakes at once and they fight over the GIL with
the threads still talking to registries, stretching every registry round trip.
Submitting a job only once its prerequisite is done keeps the pool's threads
for work that can run, and finished jobs are handed back in completion order.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_when_ready(
    pool: ThreadPoolExecutor,
    jobs: Sequence[tuple[Callable[[], T], Future[Any] | None]],
    *,
    stop: threading.Event | None = None,
    poll_s: float = 0.2,
) -> Iterator[tuple[int, Future[T]]]:
    """Run ``fn`` of each ``(fn, prerequisite)`` in ``pool`` once the prerequisite is done.

    Yields ``(index, future)`` as jobs finish; once ``stop`` is set, stops yielding within
    ``poll_s`` (the jobs already started are left to the pool's shutdown). A prerequisite's result or error is not
    looked at: the job does its own waiting for anything missing. A cancelled prerequisite
    (the lookups are being dropped by ``close()``) or a pool already shut down (Ctrl-C)
    gives a cancelled future, so the caller's ``future.result()`` raises CancelledError.
    """
    finished: queue.SimpleQueue[tuple[int, Future[T]]] = queue.SimpleQueue()

    def start(index: int, fn: Callable[[], T], prerequisite: Future[Any] | None) -> None:
        future: Future[T]
        try:
            if prerequisite is not None and prerequisite.cancelled():
                raise RuntimeError("the batch is being closed")
            future = pool.submit(fn)
        except RuntimeError:  # also "cannot schedule new futures after shutdown"
            future = Future()
            future.cancel()
        future.add_done_callback(lambda done: finished.put((index, done)))

    for index, (fn, prerequisite) in enumerate(jobs):
        if prerequisite is None:
            start(index, fn, None)
        else:
            # Runs on the thread that completes the prerequisite (or here, if it already has).
            prerequisite.add_done_callback(lambda done, i=index, f=fn: start(i, f, done))
    remaining = len(jobs)
    while remaining and not (stop is not None and stop.is_set()):
        try:  # polled, not blocking: a stop request must not wait for the next result
            item = finished.get(timeout=poll_s)
        except queue.Empty:
            continue
        remaining -= 1
        yield item
