"""/openapi.json is valid OpenAPI 3.1 and documents every route."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from openapi_spec_validator import validate


def test_spec_is_valid(client: Any) -> None:
    spec = client.get("/openapi.json").get_json()
    validate(spec)
    assert spec["openapi"].startswith("3.1")


def test_every_route_is_documented(app: Flask, client: Any) -> None:
    spec = client.get("/openapi.json").get_json()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        assert path in spec["paths"], f"{rule.rule} is not in openapi.json"
        documented = {m.upper() for m in spec["paths"][path]}
        assert set(rule.methods or ()) - {"HEAD", "OPTIONS"} <= documented, rule.rule
