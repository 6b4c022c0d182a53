"""Every error from every route has one JSON shape and says how to fix the request."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask


def assert_error_shape(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status
    assert response.is_json, response.data[:200]
    body = response.get_json()
    assert set(body) == {"ok", "error", "errors", "status", "code"}
    assert body["ok"] is False and body["status"] == status and body["code"] == code
    assert body["error"] and body["errors"][0] == body["error"]
    assert "Traceback" not in response.get_data(as_text=True)
    return body


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "code", "hint"),
    [
        ("get", "/v1/check", {}, 400, "invalid_url", "?url="),
        (
            "get",
            "/v1/check",
            {"query_string": {"url": "ftp://x.org/"}},
            400,
            "invalid_url",
            "http://",
        ),
        (
            "get",
            "/v1/check",
            {"query_string": {"url": "http://127.0.0.1/"}},
            400,
            "invalid_url",
            "IP address",
        ),
        ("post", "/v1/check", {"json": {}}, 400, "invalid_url", '"url"'),
        ("post", "/v1/check", {"json": ["https://x.org"]}, 400, "invalid_json", "JSON object"),
        (
            "post",
            "/v1/check",
            {"json": {"url": "https://x.org", "title": 5}},
            400,
            "invalid_request",
            "title",
        ),
        (
            "post",
            "/v1/check",
            {"data": "url=https://x.org"},
            415,
            "unsupported_media_type",
            "application/json",
        ),
        (
            "post",
            "/v1/check",
            {"data": "{bad json", "content_type": "application/json"},
            400,
            "invalid_json",
            "JSON object",
        ),
        ("get", "/nowhere", {}, 404, "not_found", "/openapi.json"),
        ("delete", "/v1/check", {}, 405, "method_not_allowed", "method"),
        ("post", "/healthz", {}, 405, "method_not_allowed", "method"),
        ("put", "/openapi.json", {}, 405, "method_not_allowed", "method"),
    ],
)
def test_client_errors(
    client: Any, method: str, path: str, kwargs: dict[str, Any], status: int, code: str, hint: str
) -> None:
    body = assert_error_shape(getattr(client, method)(path, **kwargs), status, code)
    assert hint in body["error"]


def test_body_too_large(client: Any) -> None:
    big = {"url": "https://example.org/", "text": "x" * 1_100_000}
    body = assert_error_shape(client.post("/v1/check", json=big), 413, "body_too_large")
    assert "1000000" in body["error"]


def test_internal_error_has_no_traceback(app: Flask) -> None:
    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    app.testing = False
    response = app.test_client().get("/boom")
    body = assert_error_shape(response, 500, "internal")
    assert "secret internals" not in response.get_data(as_text=True)
    assert "logged" in body["error"]
