"""GET /healthz: versions, cache and signal status for operators."""

from __future__ import annotations

from flask import current_app, jsonify
from flask.typing import ResponseReturnValue

from ..app import checker_of
from . import bp


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    return jsonify({"ok": True, **checker_of(current_app).health()})
