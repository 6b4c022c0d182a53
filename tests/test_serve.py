"""`crapdetect serve` runs gunicorn for real and answers on loopback."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_serve_runs_gunicorn_and_checks(cli_settings: list[str], tmp_path: Path) -> None:
    port = _free_port()
    command = [sys.executable, "-m", "crapdetect", *cli_settings, "serve", "--port", str(port)]
    process = subprocess.Popen(
        command,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ},
    )
    try:
        body = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and body is None:
            try:
                url = f"http://127.0.0.1:{port}/v1/check?url=https://www.example.com/"
                with urllib.request.urlopen(url, timeout=5) as response:
                    body = json.load(response)
            except OSError:
                time.sleep(0.2)
        assert body is not None, "server did not come up"
        assert body["ok"] and body["signals"][0]["value"]["created"].startswith("1995-08-14")
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert "gthread" in output  # gunicorn, not Flask's development server
    assert "/v1/check" not in output and "www.example.com/" not in output  # no URLs logged
