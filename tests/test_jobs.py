"""Batch jobs over HTTP: lifecycle, limits, and surviving a kill -9 of the server."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from .stand_ins.rdap_server import RdapStandIn

LISTS = Path(__file__).parent / "stand_ins" / "linklists"


def wait_for(client: Any, job_id: str, state: str = "done", timeout: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/v1/jobs/{job_id}").get_json()
        if body["state"] == state:
            return body
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not reach {state}: {body}")


def test_json_job_lifecycle(client: Any) -> None:
    urls = [
        "https://www.example.com/a",
        "https://nu.nl/b",
        "not a url",
        "https://www.example.com/a",
    ]
    created = client.post("/v1/jobs", json={"urls": urls})
    assert created.status_code == 202
    body = created.get_json()
    assert body["total"] == 4 and created.headers["Location"] == f"/v1/jobs/{body['id']}"
    done = wait_for(client, body["id"])
    assert done["done"] == done["total"] == 4 and done["finished_at"]
    rows = [
        json.loads(line) for line in client.get(f"/v1/jobs/{body['id']}/results").data.splitlines()
    ]
    assert [r["input"] for r in rows] == urls  # input order
    assert [r["ok"] for r in rows] == [True, True, False, True]
    assert rows[3]["duplicate"] is True
    csv_text = client.get(f"/v1/jobs/{body['id']}/results?format=csv").get_data(as_text=True)
    assert (
        csv_text.splitlines()[0].startswith("where,input,ok,url")
        and len(csv_text.splitlines()) == 5
    )


@pytest.mark.parametrize("name", ["links.txt", "links.csv", "bookmarks.html", "syllabus.md"])
def test_uploaded_lists(client: Any, name: str) -> None:
    data = {
        "file": (io.BytesIO((LISTS / name).read_bytes()), name),
        "base_url": "https://school.example.org/",
    }
    created = client.post("/v1/jobs", data=data, content_type="multipart/form-data")
    assert created.status_code == 202, created.get_json()
    body = created.get_json()
    assert body["total"] >= 3
    if name == "links.txt":  # malformed lines are reported per line, not fatal
        assert body["rejected"] == [
            {
                "where": "line 7",
                "input": "ftp://files.example.org/slides.pdf",
                "error": "ftp: links are not web pages",
            }
        ]
    wait_for(client, body["id"])


def test_limits_give_clean_errors(client: Any, app: Any) -> None:
    app.config["JOBS_MAX_URLS"] = 3
    too_many = client.post("/v1/jobs", json={"urls": ["https://a.com/"] * 4})
    assert too_many.status_code == 400 and too_many.get_json()["code"] == "too_many_urls"
    app.config["JOBS_MAX_BYTES"] = 1000
    big = client.post("/v1/jobs", json={"urls": ["https://a.com/" + "x" * 2000]})
    assert big.status_code == 413 and big.get_json()["code"] == "body_too_large"
    image = {"file": (io.BytesIO(b"\x89PNG"), "list.png", "image/png")}
    wrong = client.post("/v1/jobs", data=image, content_type="multipart/form-data")
    assert wrong.status_code == 415 and wrong.get_json()["code"] == "unsupported_media_type"
    assert client.post("/v1/jobs", json={"urls": []}).get_json()["code"] == "empty_list"
    missing = client.get("/v1/jobs/nope")
    assert missing.status_code == 404 and "POST /v1/jobs" in missing.get_json()["error"]


def test_cancel_keeps_finished_results(client: Any, rdap_server: RdapStandIn) -> None:
    rdap_server.delay_s = 0.2
    try:
        urls = [f"https://slow{i}.com/" for i in range(300)]
        job_id = client.post("/v1/jobs", json={"urls": urls}).get_json()["id"]
        time.sleep(0.5)
        cancelled = client.delete(f"/v1/jobs/{job_id}").get_json()
        assert cancelled["state"] == "cancelled"
    finally:
        rdap_server.delay_s = 0.0
    time.sleep(0.5)
    after = client.get(f"/v1/jobs/{job_id}").get_json()
    assert after["state"] == "cancelled" and after["done"] < 300
    rows = client.get(f"/v1/jobs/{job_id}/results").data.splitlines()
    assert len(rows) == after["done"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_server(cli_settings: list[str], port: int, cwd: Path) -> subprocess.Popen[str]:
    command = [
        sys.executable,
        "-m",
        "crapdetect",
        *cli_settings,
        "-s",
        "JOBS_LEASE_S",
        "1",
        "-s",
        "SERVE_WORKERS",
        "1",
        "serve",
        "--port",
        str(port),
    ]
    return subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
        env={**os.environ},
    )


def _call(port: int, path: str, body: dict[str, Any] | None = None, timeout: float = 20) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        try:
            data = json.dumps(body).encode() if body is not None else None
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}",
                data=data,
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.mark.slow
def test_kill_9_loses_and_duplicates_nothing(
    cli_settings: list[str], tmp_path: Path, rdap_server: RdapStandIn
) -> None:
    port = _free_port()
    urls = [f"https://killtest{i}.com/page" for i in range(120)]
    rdap_server.delay_s = 0.05
    server = _start_server(cli_settings, port, tmp_path)
    try:
        job_id = json.loads(_call(port, "/v1/jobs", {"urls": urls}))["id"]
        deadline = time.monotonic() + 30
        while json.loads(_call(port, f"/v1/jobs/{job_id}"))["done"] < 10:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.killpg(server.pid, signal.SIGKILL)  # master and workers, no goodbye
        server.wait(timeout=10)
        server = _start_server(cli_settings, port, tmp_path)
        deadline = time.monotonic() + 60
        while json.loads(_call(port, f"/v1/jobs/{job_id}"))["state"] != "done":
            assert time.monotonic() < deadline, "the restarted server did not finish the job"
            time.sleep(0.2)
        rows = [json.loads(line) for line in _call(port, f"/v1/jobs/{job_id}/results").splitlines()]
    finally:
        rdap_server.delay_s = 0.0
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    assert [r["input"] for r in rows] == urls  # every link exactly once, in order
