"""POST /v1/check/batch: up to BATCH_MAX_URLS links checked at once (link dots, small lists)."""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify
from flask.typing import ResponseReturnValue

from ..app import checker_of
from ..checker import Verdict
from ..errors import CrapDetectError, RequestError
from . import bp
from .check import json_object


@bp.post("/v1/check/batch")
def check_batch() -> ResponseReturnValue:
    body = json_object()
    urls = body.get("urls")
    limit = current_app.config["BATCH_MAX_URLS"]
    if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
        raise RequestError(
            'The body needs "urls": a list of URL strings, e.g. {"urls": ["https://example.org/"]}',
            status=400,
            code="invalid_request",
        )
    if len(urls) > limit:
        raise RequestError(
            f"{len(urls)} URLs sent; at most {limit} per batch. Split the list, "
            "or use POST /v1/jobs for long lists",
            status=400,
            code="too_many_urls",
        )
    fetch_pages = body.get("fetch_pages", False)
    if not isinstance(fetch_pages, bool):
        raise RequestError(
            '"fetch_pages" must be true or false', status=400, code="invalid_request"
        )
    results: list[dict[str, Any]] = [{} for _ in urls]
    for index, outcome in checker_of(current_app).check_many(urls, fetch_pages=fetch_pages):
        results[index] = _row(urls[index], outcome)
    return jsonify({"ok": True, "count": len(results), "results": results})


def _row(url: str, outcome: Verdict | CrapDetectError) -> dict[str, Any]:
    if isinstance(outcome, CrapDetectError):
        return {**outcome.to_dict(), "input": url}
    return {"ok": True, "input": url, **outcome.to_dict()}
