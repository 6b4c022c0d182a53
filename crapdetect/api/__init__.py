"""HTTP routes. Views validate input, call the Checker, and jsonify: nothing more."""

from flask import Blueprint

bp = Blueprint("api", __name__)

from . import batch, check, health, jobs, openapi  # noqa: E402,F401  (routes register on import)
