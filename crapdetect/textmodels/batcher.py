"""Group concurrent predictions into one model call, without waiting for a batch to fill.

A scikit-learn call on one document spends ~9 ms in input checks and per-fold
bookkeeping (five calibrated folds) and well under 1 ms on the document. In a
batch with page fetching, dozens of workers reach the models at nearly the same
time, and the GIL runs their calls one after another anyway. So one caller at a
time runs the model, on every document queued when it starts; the others wait
for their row. Nobody waits for a timer: a lone request is predicted at once.
Every step of the pipelines works row by row, so a row's result does not depend
on which other rows shared its call.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Generic, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


class Batcher(Generic[In, Out]):
    """``batcher(x)`` returns ``fn([.., x, ..])[i]`` for the batch ``x`` happened to join.

    >>> double = Batcher(lambda xs: [2 * x for x in xs])
    >>> double(21), double.calls
    (42, 1)
    """

    def __init__(self, fn: Callable[[Sequence[In]], Sequence[Out]]) -> None:
        self._fn = fn
        self._queue: list[tuple[In, Future[Out]]] = []
        self._queue_lock = threading.Lock()
        self._run_lock = threading.Lock()  # one model call at a time
        self.calls = 0  # model calls made; tests assert on it

    def __call__(self, item: In) -> Out:
        mine: Future[Out] = Future()
        with self._queue_lock:
            self._queue.append((item, mine))
        with self._run_lock:
            if not mine.done():  # no earlier call took it along: run everything queued
                with self._queue_lock:
                    batch, self._queue = self._queue, []
                self._run(batch)
        return mine.result()

    def _run(self, batch: list[tuple[In, Future[Out]]]) -> None:
        self.calls += 1
        try:
            outputs = self._fn([item for item, _ in batch])
        except BaseException as exc:  # every caller in the batch sees the error
            for _, future in batch:
                future.set_exception(exc)
            return
        for (_, future), output in zip(batch, outputs, strict=True):
            future.set_result(output)
