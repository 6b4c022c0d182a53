"""A per-client-address request budget (429 with Retry-After when spent)."""

from __future__ import annotations

import math
import threading

from flask import Flask, request

from ..errors import RequestError
from ..limits import TokenBucket

_MAX_CLIENTS = 10_000  # bound memory: forget every bucket when this many addresses were seen


def init_app(app: Flask) -> None:
    """Install the limiter unless ``API_RATE_LIMIT_PER_MIN`` is 0."""
    per_minute = app.config["API_RATE_LIMIT_PER_MIN"]
    if per_minute <= 0:
        return
    buckets: dict[str, TokenBucket] = {}
    lock = threading.Lock()

    @app.before_request
    def _limit() -> None:
        if request.path == "/healthz":
            return
        client = request.remote_addr or "unknown"
        with lock:
            if len(buckets) > _MAX_CLIENTS:
                buckets.clear()
            bucket = buckets.setdefault(client, TokenBucket(per_minute / 60, per_minute))
        wait = bucket.wait_time()
        if wait > 0:
            error = RequestError(
                f"Too many requests from this address: the limit is {per_minute} per minute. "
                f"Retry in {math.ceil(wait)} s",
                status=429,
                code="rate_limited",
            )
            error.retry_after = math.ceil(wait)  # type: ignore[attr-defined]
            raise error
