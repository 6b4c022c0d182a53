"""One JSON error shape for every failure, including Flask's own 404/405/413."""

from __future__ import annotations

import logging

from flask import Flask, jsonify
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from ..errors import CrapDetectError

log = logging.getLogger(__name__)

# What to tell the caller for HTTP errors Flask raises before our code runs.
_HINTS = {
    404: ("not_found", "No such route; see /openapi.json for the API"),
    405: ("method_not_allowed", "This route does not accept that method; see /openapi.json"),
    413: ("body_too_large", "The request body is too large; send less text (limit: {limit} bytes)"),
    415: ("unsupported_media_type", "Send JSON with Content-Type: application/json"),
}


def init_app(app: Flask) -> None:
    """Register the handlers on ``app``."""

    @app.errorhandler(CrapDetectError)
    def _ours(error: CrapDetectError) -> ResponseReturnValue:
        if error.status >= 500:
            log.error("request failed: %s", error.message)
        response = jsonify(error.to_dict())
        response.status_code = error.status
        retry_after = getattr(error, "retry_after", None)
        if retry_after is not None:
            response.headers["Retry-After"] = str(retry_after)
        return response

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> ResponseReturnValue:
        status = error.code or 500
        code, hint = _HINTS.get(status, ("http_error", error.description or "HTTP error"))
        hint = hint.format(limit=app.config.get("MAX_CONTENT_LENGTH"))
        body = CrapDetectError(hint)
        body.status, body.code = status, code
        response = jsonify(body.to_dict())
        response.status_code = status
        valid_methods = getattr(error, "valid_methods", None)
        if valid_methods:
            response.headers["Allow"] = ", ".join(valid_methods)
        return response

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> ResponseReturnValue:
        # The traceback goes to the log, never to the client.
        log.exception("unhandled error")
        body = CrapDetectError("Internal error; it has been logged. Try again or report it.")
        return jsonify(body.to_dict()), 500
