"""Run a function on many threads released at the same moment (for concurrency tests)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def run_together(n: int, fn: Callable[[int], T]) -> list[T | None]:
    """Call ``fn(i)`` for i in range(n) on ``n`` threads released together; their results."""
    barrier = threading.Barrier(n)
    results: list[T | None] = [None] * n

    def run(i: int) -> None:
        barrier.wait()
        results[i] = fn(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    return results
