"""GET/POST /v1/check: one URL in, one explained verdict out."""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify, request
from flask.typing import ResponseReturnValue

from ..app import checker_of
from ..errors import InvalidURL, RequestError
from . import bp

OPTIONAL_TEXT_FIELDS = ("title", "text")


@bp.get("/v1/check")
def check_get() -> ResponseReturnValue:
    url = request.args.get("url")
    if url is None:
        raise InvalidURL("Missing the url parameter; call /v1/check?url=https://example.org/page")
    return _verdict(url)


@bp.post("/v1/check")
def check_post() -> ResponseReturnValue:
    body = json_object()
    url = body.get("url")
    if not isinstance(url, str):
        raise InvalidURL('The JSON body needs a "url" string, e.g. {"url": "https://example.org/"}')
    extras = {}
    for name in OPTIONAL_TEXT_FIELDS:
        value = body.get(name)
        if value is not None and not isinstance(value, str):
            raise RequestError(
                f'"{name}" must be a string when present', status=400, code="invalid_request"
            )
        extras[name] = value
    return _verdict(url, **extras)


def _verdict(url: str, **extras: Any) -> ResponseReturnValue:
    verdict = checker_of(current_app).check(url, **extras)
    return jsonify({"ok": True, **verdict.to_dict()})


def json_object() -> dict[str, Any]:
    if not request.is_json:
        raise RequestError(
            "Send the body as JSON with Content-Type: application/json",
            status=415,
            code="unsupported_media_type",
        )
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise RequestError(
            'The body must be a JSON object like {"url": "https://example.org/"}',
            status=400,
            code="invalid_json",
        )
    return body
