"""Checks on extension/ itself that need no browser: safe DOM APIs, minimal permissions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .chromium import EXTENSION_DIR

SOURCES = sorted(p for p in EXTENSION_DIR.rglob("*") if p.suffix in {".js", ".html"})
# Sinks that parse strings as markup (or write them into the document).
UNSAFE = re.compile(
    r"\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write(?:ln)?|createContextualFragment"
    r"|DOMParser|srcdoc|eval|new\s+Function)\b"
)
MANIFEST = json.loads((EXTENSION_DIR / "manifest.json").read_text())


def test_there_are_sources_to_check():
    names = {p.name for p in SOURCES}
    assert {"content.js", "popup.js", "options.js", "sw-api.js", "service-worker.js"} <= names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(EXTENSION_DIR)))
def test_no_markup_sinks(path: Path):
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if UNSAFE.search(line)
    ]
    assert not found, "strings must reach the page through textContent only:\n" + "\n".join(found)


def test_only_sw_api_talks_to_the_network():
    talkers = sorted(
        p.name
        for p in SOURCES
        if re.search(r"\bfetch\s*\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon", p.read_text())
    )
    assert talkers == ["sw-api.js"]


def test_the_service_worker_only_imports():
    lines = [
        line
        for line in (EXTENSION_DIR / "service-worker.js").read_text().splitlines()
        if line.strip() and not line.strip().startswith("//")
    ]
    assert lines and all(re.fullmatch(r"import '\./sw-[a-z-]+\.js';", line) for line in lines)


def test_no_remote_code_or_third_party_hosts():
    for path in SOURCES:
        text = path.read_text()
        assert not re.search(r"<script[^>]+src=[\"']https?:", text), path
        assert not re.search(r"import\s[^;]*from\s+[\"']https?:", text), path
    # The only URLs the extension builds are links the user may click (lateral reading).
    code = "\n".join(
        line
        for p in SOURCES
        for line in p.read_text().splitlines()
        if not line.strip().startswith(("//", "*", "/*"))
    )
    urls = set(re.findall(r"https?://[a-z0-9.-]+", code))
    assert urls <= {
        "http://127.0.0.1",
        "https://en.wikipedia.org",
        "https://lookup.icann.org",
        "https://toolbox.google.com",
        "https://duckduckgo.com",
        "https://web.archive.org",
    }, urls


def test_manifest_asks_for_little():
    assert MANIFEST["manifest_version"] == 3
    assert MANIFEST["permissions"] == ["storage"]
    assert MANIFEST["host_permissions"] == ["http://127.0.0.1:8000/*"]
    assert MANIFEST["optional_host_permissions"] == ["http://*/*", "https://*/*"]
    assert "tabs" not in MANIFEST["permissions"]
    assert "web_accessible_resources" not in MANIFEST
    assert "externally_connectable" not in MANIFEST
    (script,) = MANIFEST["content_scripts"]
    assert script["js"] == ["content.js"] and script["all_frames"] is False


def test_manifest_loads_in_both_browsers():
    background = MANIFEST["background"]
    assert background == {
        "service_worker": "service-worker.js",
        "scripts": ["service-worker.js"],
        "type": "module",
    }
    gecko = MANIFEST["browser_specific_settings"]["gecko"]
    assert gecko["id"] and gecko["strict_min_version"] == "140.0"
    assert gecko["data_collection_permissions"] == {"required": ["none"]}
    for path in [
        *MANIFEST["icons"].values(),
        MANIFEST["action"]["default_popup"],
        MANIFEST["options_ui"]["page"],
    ]:
        assert (EXTENSION_DIR / path).is_file(), path
