"""Settings layers: defaults → instance file → environment → explicit mapping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crapdetect.config import DEFAULTS, load_settings
from crapdetect.errors import ConfigError


def test_defaults() -> None:
    settings = load_settings(environ={}, config_file="/nonexistent.json")
    assert settings == DEFAULTS


def test_layers_in_order(tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"SERVE_PORT": 9001, "SCORE_BASELINE": 40, "LOG_FULL_URLS": True}))
    env = {"CRAPDETECT_SERVE_PORT": "9002", "CRAPDETECT_RDAP_OVERRIDES": '{"xyz": "http://r/"}'}
    settings = load_settings({"SERVE_PORT": 9003}, environ=env, config_file=config)
    assert settings["SERVE_PORT"] == 9003  # mapping beats environment
    assert settings["SCORE_BASELINE"] == 40  # file beats defaults
    assert settings["RDAP_OVERRIDES"] == {"xyz": "http://r/"}  # env JSON parsed
    assert settings["LOG_FULL_URLS"] is True


def test_config_file_from_environment(tmp_path: Path) -> None:
    config = tmp_path / "elsewhere.json"
    config.write_text('{"SERVE_WORKERS": 4}')
    assert load_settings(environ={"CRAPDETECT_CONFIG": str(config)})["SERVE_WORKERS"] == 4


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("SERVE_PORT", "eighty", "must be int"),
        ("SERVE_PORT", 1.5, "must be int"),
        ("LOG_FULL_URLS", "maybe", "must be bool"),
        ("SIGNAL_WEIGHTS", "[1]", "must be dict"),
        ("NOPE", "1", "Unknown setting"),
    ],
)
def test_type_checked(name: str, value: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings({name: value}, environ={})


def test_bad_config_file(tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    config.write_text("{not json")
    with pytest.raises(ConfigError, match="not valid JSON"):
        load_settings(environ={}, config_file=config)
