"""The Flask application factory."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask

from .checker import Checker
from .config import load_settings
from .jobs.runner import JobRunner
from .jobs.store import JobStore

EXTENSION_KEY = "crapdetect"


def create_app(settings: Mapping[str, Any] | None = None) -> Flask:
    """Build the API: load settings, build one Checker, register routes and error handlers.

    ``settings`` is the top configuration layer (tests pass loopback stand-ins here).
    """
    app = Flask(__name__)
    loaded = load_settings(settings)
    app.config.update(loaded)
    app.config["MAX_CONTENT_LENGTH"] = loaded["MAX_REQUEST_BYTES"]
    app.json.sort_keys = False  # keep the verdict's field order readable
    for key in ("TESTING", "DEBUG"):
        if settings and key in settings:
            app.config[key] = settings[key]
    checker = app.extensions[EXTENSION_KEY] = Checker(loaded)
    store = app.extensions["crapdetect.jobs"] = JobStore(loaded["JOBS_PATH"])
    runner = JobRunner(checker, store, lease_s=loaded["JOBS_LEASE_S"])
    app.extensions["crapdetect.jobs_runner"] = runner
    if loaded["JOBS_WORKER"]:
        runner.start()  # resumes unfinished jobs left by an earlier run
    logging.getLogger("crapdetect").setLevel(logging.INFO)

    from .api import bp, errors, ratelimit

    ratelimit.init_app(app)
    errors.init_app(app)
    app.register_blueprint(bp)
    return app


def checker_of(app: Flask) -> Checker:
    """The Checker built for ``app``."""
    checker: Checker = app.extensions[EXTENSION_KEY]
    return checker
