"""Batch jobs over HTTP: POST a list (JSON or a file), poll progress, read results, cancel."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

from flask import Response, current_app, jsonify, request, stream_with_context, url_for
from flask.typing import ResponseReturnValue

from .. import clock
from ..batch.inputs import Occurrence, detect_format, read_links
from ..batch.rows import CsvWriter
from ..errors import RequestError
from . import bp


def _store() -> Any:
    return current_app.extensions["crapdetect.jobs"]


@bp.post("/v1/jobs")
def create_job() -> ResponseReturnValue:
    # Lists may be much larger than a single check's body.
    request.max_content_length = current_app.config["JOBS_MAX_BYTES"]
    occurrences, fetch_pages = _from_upload() if request.files else _from_json()
    limit = current_app.config["JOBS_MAX_URLS"]
    if len(occurrences) > limit:
        raise RequestError(
            f"The list has {len(occurrences)} links; a job takes at most {limit}. "
            "Split it into several jobs",
            status=400,
            code="too_many_urls",
        )
    if not occurrences:
        raise RequestError("The list holds no links", status=400, code="empty_list")
    job_id = _store().create(occurrences, fetch_pages=fetch_pages)
    current_app.extensions["crapdetect.jobs_runner"].wake()
    rejected = [
        {"where": o.where, "input": o.raw, "error": o.problem} for o in occurrences if o.url is None
    ]
    body = {
        "ok": True,
        "id": job_id,
        "total": len(occurrences),
        "rejected": rejected,
        "links": {
            "self": url_for("api.job_status", job_id=job_id),
            "results": url_for("api.job_results", job_id=job_id),
        },
    }
    response = jsonify(body)
    response.status_code = 202
    response.headers["Location"] = body["links"]["self"]
    return response


def _from_json() -> tuple[list[Occurrence], bool]:
    from .check import json_object

    body = json_object()
    urls = body.get("urls")
    if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
        raise RequestError(
            'Send {"urls": ["https://…", …]} or upload a file as multipart field "file"',
            status=400,
            code="invalid_request",
        )
    fetch_pages = body.get("fetch_pages", False)
    if not isinstance(fetch_pages, bool):
        raise RequestError(
            '"fetch_pages" must be true or false', status=400, code="invalid_request"
        )
    occurrences = read_links("\n".join(u.replace("\n", " ") for u in urls), "text")
    # read_links numbers lines; for a JSON list the position is the clearer location.
    return [
        Occurrence(f"item {i}", o.raw, o.url, o.problem) for i, o in enumerate(occurrences, 1)
    ], fetch_pages


def _from_upload() -> tuple[list[Occurrence], bool]:
    upload = request.files.get("file")
    if upload is None:
        raise RequestError(
            'Upload the list as multipart field "file"', status=400, code="invalid_request"
        )
    fmt = detect_format(upload.filename or "", request.form.get("format") or None)
    if (
        upload.mimetype
        and not upload.mimetype.startswith("text/")
        and upload.mimetype
        not in ("application/octet-stream", "application/csv", "application/vnd.ms-excel")
    ):
        raise RequestError(
            f"{upload.mimetype} is not a text list; upload text, CSV, HTML or Markdown",
            status=415,
            code="unsupported_media_type",
        )
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RequestError(
            "The file is not UTF-8 text", status=415, code="unsupported_media_type"
        ) from None
    occurrences = read_links(
        text,
        fmt,
        base_url=request.form.get("base_url") or None,
        column=request.form.get("column") or None,
    )
    return occurrences, request.form.get("fetch_pages", "false").lower() == "true"


@bp.get("/v1/jobs/<job_id>")
def job_status(job_id: str) -> ResponseReturnValue:
    return jsonify({"ok": True, **_job(job_id).progress(clock.now())})


@bp.delete("/v1/jobs/<job_id>")
def cancel_job(job_id: str) -> ResponseReturnValue:
    _job(job_id)
    return jsonify({"ok": True, **_store().cancel(job_id).progress(clock.now())})


@bp.get("/v1/jobs/<job_id>/results")
def job_results(job_id: str) -> ResponseReturnValue:
    _job(job_id)
    fmt = request.args.get("format", "jsonl")
    if fmt not in ("jsonl", "csv"):
        raise RequestError("format must be jsonl or csv", status=400, code="invalid_request")
    rows = _store().results(job_id)
    if fmt == "csv":
        return Response(stream_with_context(_csv(rows)), mimetype="text/csv")
    return Response(stream_with_context(_jsonl(rows)), mimetype="application/x-ndjson")


def _job(job_id: str) -> Any:
    job = _store().get(job_id)
    if job is None:
        raise RequestError(
            f"No job {job_id!r}; jobs are created with POST /v1/jobs", status=404, code="not_found"
        )
    return job


def _jsonl(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def _csv(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = CsvWriter(buffer)
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.write(row)
        yield buffer.getvalue()
