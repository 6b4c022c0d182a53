"""The README's settings table is the registry's, word for word."""

from __future__ import annotations

import re
from pathlib import Path

from crapdetect.config import settings_markdown

README = Path(__file__).resolve().parents[1] / "README.md"


def test_settings_table_matches_registry() -> None:
    text = README.read_text("utf-8")
    match = re.search(
        r"<!-- settings-table:[^\n]*-->\n(.*?)<!-- end settings-table -->", text, re.S
    )
    assert match, "README lost its settings-table markers"
    assert match[1] == settings_markdown(), (
        "README settings table is stale: paste the output of `crapdetect settings --markdown`"
    )
