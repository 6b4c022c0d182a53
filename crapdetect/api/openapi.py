"""GET /openapi.json: the API description (OpenAPI 3.1).

``tests/test_openapi.py`` validates it and checks every Flask route is in it.
"""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue

from .. import __version__
from . import bp

_ERROR = {"$ref": "#/components/responses/Error"}


def _error_responses(*codes: int) -> dict[str, Any]:
    return {str(code): _ERROR for code in codes}


SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "crapdetect",
        "version": __version__,
        "description": "Scores a URL's credibility 0–100 and explains every signal behind the score.",
        "license": {"name": "MIT", "identifier": "MIT"},
    },
    "paths": {
        "/v1/check": {
            "get": {
                "summary": "Check one URL",
                "operationId": "checkGet",
                "parameters": [
                    {
                        "name": "url",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string", "maxLength": 2048},
                        "description": "An http:// or https:// address",
                    }
                ],
                "responses": {
                    "200": {"$ref": "#/components/responses/Verdict"},
                    **_error_responses(400, 429, 500),
                },
            },
            "post": {
                "summary": "Check one URL, optionally with the page's title and text",
                "operationId": "checkPost",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/CheckRequest"}
                        }
                    },
                },
                "responses": {
                    "200": {"$ref": "#/components/responses/Verdict"},
                    **_error_responses(400, 413, 415, 429, 500),
                },
            },
        },
        "/v1/check/batch": {
            "post": {
                "summary": "Check up to BATCH_MAX_URLS URLs (domain-level facts; pages not fetched)",
                "operationId": "checkBatch",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["urls"],
                                "properties": {
                                    "urls": {
                                        "type": "array",
                                        "items": {"type": "string"},
                                        "maxItems": 100,
                                    },
                                    "fetch_pages": {"type": "boolean", "default": False},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "One result per input URL, in input order",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["ok", "count", "results"],
                                    "properties": {
                                        "ok": {"const": True},
                                        "count": {"type": "integer"},
                                        "results": {
                                            "type": "array",
                                            "items": {
                                                "oneOf": [
                                                    {"$ref": "#/components/schemas/Verdict"},
                                                    {"$ref": "#/components/schemas/Error"},
                                                ]
                                            },
                                        },
                                    },
                                }
                            }
                        },
                    },
                    **_error_responses(400, 413, 415, 429, 500),
                },
            },
        },
        "/v1/jobs": {
            "post": {
                "summary": "Queue a list of up to JOBS_MAX_URLS links (JSON or an uploaded file)",
                "operationId": "createJob",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["urls"],
                                "properties": {
                                    "urls": {"type": "array", "items": {"type": "string"}},
                                    "fetch_pages": {"type": "boolean", "default": False},
                                },
                            }
                        },
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["file"],
                                "properties": {
                                    "file": {
                                        "type": "string",
                                        "contentEncoding": "binary",
                                        "description": "text, CSV, HTML or Markdown list",
                                    },
                                    "format": {"enum": ["text", "csv", "html", "markdown"]},
                                    "column": {"type": "string"},
                                    "base_url": {"type": "string"},
                                    "fetch_pages": {"enum": ["true", "false"]},
                                },
                            }
                        },
                    },
                },
                "responses": {
                    "202": {
                        "description": "Queued; poll the Location. Lines that are not web "
                        "addresses are listed in `rejected` (they become error rows)",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    },
                    **_error_responses(400, 413, 415, 429, 500),
                },
            },
        },
        "/v1/jobs/{job_id}": {
            "parameters": [
                {"name": "job_id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "get": {
                "summary": "Progress: state, done/total, ETA",
                "operationId": "jobStatus",
                "responses": {
                    "200": {
                        "description": "Job progress",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    },
                    **_error_responses(404),
                },
            },
            "delete": {
                "summary": "Cancel the job (finished results stay readable)",
                "operationId": "cancelJob",
                "responses": {
                    "200": {
                        "description": "Cancelled",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    },
                    **_error_responses(404),
                },
            },
        },
        "/v1/jobs/{job_id}/results": {
            "parameters": [
                {"name": "job_id", "in": "path", "required": True, "schema": {"type": "string"}},
                {
                    "name": "format",
                    "in": "query",
                    "schema": {"enum": ["jsonl", "csv"], "default": "jsonl"},
                },
            ],
            "get": {
                "summary": "Results so far, in input order (partial while running)",
                "operationId": "jobResults",
                "responses": {
                    "200": {
                        "description": "JSON Lines or CSV",
                        "content": {
                            "application/x-ndjson": {"schema": {"type": "string"}},
                            "text/csv": {"schema": {"type": "string"}},
                        },
                    },
                    **_error_responses(400, 404),
                },
            },
        },
        "/healthz": {
            "get": {
                "summary": "Versions, cache and signal status",
                "operationId": "healthz",
                "responses": {
                    "200": {
                        "description": "The service is up",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
            },
        },
        "/openapi.json": {
            "get": {
                "summary": "This document",
                "operationId": "openapi",
                "responses": {
                    "200": {
                        "description": "OpenAPI 3.1 description",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
            },
        },
    },
    "components": {
        "schemas": {
            "CheckRequest": {
                "type": "object",
                "required": ["url"],
                "properties": {
                    "url": {"type": "string", "maxLength": 2048},
                    "title": {"type": ["string", "null"], "description": "The page's headline"},
                    "text": {"type": ["string", "null"], "description": "The page's main text"},
                },
            },
            "Evidence": {
                "type": "object",
                "required": ["label", "url"],
                "properties": {"label": {"type": "string"}, "url": {"type": "string"}},
            },
            "Signal": {
                "type": "object",
                "required": ["name", "status", "reason", "points", "value", "evidence"],
                "properties": {
                    "name": {"type": "string"},
                    "status": {"enum": ["ok", "unavailable", "error"]},
                    "reason": {"type": "string", "description": "Plain-language explanation"},
                    "points": {"type": "number"},
                    "value": {"type": "object"},
                    "evidence": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/Evidence"},
                    },
                },
            },
            "Verdict": {
                "type": "object",
                "required": [
                    "ok",
                    "url",
                    "domain",
                    "score",
                    "label",
                    "confidence",
                    "signals",
                    "checked_at",
                    "versions",
                ],
                "properties": {
                    "ok": {"const": True},
                    "url": {"type": "string"},
                    "domain": {"type": "string", "description": "Registrable domain (A-label)"},
                    "host": {"type": "string"},
                    "score": {"type": "integer", "minimum": 0, "maximum": 100},
                    "label": {"enum": ["reliable", "mixed", "unreliable", "unknown"]},
                    "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                    "summary": {"type": "string"},
                    "signals": {"type": "array", "items": {"$ref": "#/components/schemas/Signal"}},
                    "missing": {"type": "array", "items": {"type": "string"}},
                    "expanded_from": {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "Short links or wrappers that led to the checked URL",
                    },
                    "checked_at": {"type": "string", "format": "date-time"},
                    "versions": {"type": "object"},
                },
            },
            "Error": {
                "type": "object",
                "required": ["ok", "error", "errors", "status", "code"],
                "properties": {
                    "ok": {"const": False},
                    "error": {"type": "string", "description": "What is wrong and how to fix it"},
                    "errors": {"type": "array", "items": {"type": "string"}},
                    "status": {"type": "integer"},
                    "code": {"type": "string"},
                },
            },
        },
        "responses": {
            "Verdict": {
                "description": "The verdict with every signal explained",
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Verdict"}}
                },
            },
            "Error": {
                "description": "An error in the one shape every route uses",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            },
        },
    },
}


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    return jsonify(SPEC)
