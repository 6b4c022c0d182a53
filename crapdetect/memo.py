"""Thread-safe memoisation that computes each value once, even under concurrent first calls.

``functools.lru_cache`` holds no lock while it computes: when a batch's workers all ask
for the same missing key at once (the links of one domain wake together when its
registry lookup lands), each of them computes it. For a 60 ms suffix-list parse or a
3 ms model call that turns one unit of work into dozens, all fighting for the GIL.

* :func:`once` — a zero-argument loader run exactly once.
* :class:`Memo` — one value per key; concurrent callers of a missing key wait for the
  first one's result instead of computing it again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable
from concurrent.futures import Future
from functools import wraps
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def once(fn: Callable[[], V]) -> Callable[[], V]:
    """Decorate a zero-argument loader so it runs once; later and concurrent calls share it.

    >>> calls = []
    >>> @once
    ... def load():
    ...     calls.append(1)
    ...     return "table"
    >>> load(), load(), len(calls)
    ('table', 'table', 1)
    """
    lock = threading.Lock()
    box: list[V] = []

    @wraps(fn)
    def wrapper() -> V:
        if not box:  # fast path without the lock once loaded
            with lock:
                if not box:
                    box.append(fn())
        return box[0]

    return wrapper


class Memo(Generic[K, V]):
    """``fn(key)`` computed once per key, at most ``maxsize`` kept (oldest dropped first).

    >>> squares = Memo(lambda n: n * n, maxsize=2)
    >>> squares(3), squares(3), squares.computed
    (9, 9, 1)
    >>> squares.put(4, 16); squares(4), squares.computed
    (16, 1)
    """

    def __init__(self, fn: Callable[[K], V], *, maxsize: int = 65_536) -> None:
        self._fn = fn
        self._maxsize = maxsize
        self._lock = threading.Lock()
        self._values: dict[K, V] = {}
        self._pending: dict[K, Future[V]] = {}
        self.computed = 0  # how many times fn ran; tests assert on it

    def __call__(self, key: K) -> V:
        try:
            return self._values[key]  # a dict read is atomic under the GIL
        except KeyError:
            pass
        with self._lock:
            if key in self._values:
                return self._values[key]
            pending = self._pending.get(key)
            owner = pending is None
            if owner:
                pending = self._pending[key] = Future()
        assert pending is not None
        if not owner:
            return pending.result()
        try:
            value = self._fn(key)
        except BaseException as exc:
            with self._lock:
                del self._pending[key]
            pending.set_exception(exc)  # waiters see the same error; the next call retries
            raise
        with self._lock:
            self.computed += 1
            self._store(key, value)
            del self._pending[key]
        pending.set_result(value)
        return value

    def put(self, key: K, value: V) -> None:
        """Store a value computed elsewhere (e.g. by a batched call)."""
        with self._lock:
            self._store(key, value)

    def missing(self, keys: Iterable[K]) -> list[K]:
        """The distinct ``keys`` with no stored value, in first-seen order."""
        return [key for key in dict.fromkeys(keys) if key not in self._values]

    def _store(self, key: K, value: V) -> None:
        if key not in self._values and len(self._values) >= self._maxsize:
            del self._values[next(iter(self._values))]
        self._values[key] = value
