"""Run the app under gunicorn (the production server) from Python."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, overrides: dict[str, Any], options: dict[str, Any]) -> None:
        self.overrides = overrides
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        # Each worker builds its own app (threads and sockets do not survive fork).
        import logging

        from .app import create_app

        # crapdetect's own log lines (domains only, never full URLs) next to gunicorn's.
        logging.basicConfig(
            level=logging.INFO,
            format="[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s",
        )
        return create_app(self.overrides)


def run_gunicorn(
    overrides: dict[str, Any], *, host: str, port: int, workers: int, threads: int
) -> None:
    """Serve until interrupted."""
    _Gunicorn(
        overrides,
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            # Access logs would carry full URLs in the query string; keep them off by default.
            "accesslog": None,
            "errorlog": "-",
            "timeout": 30,
        },
    ).run()
