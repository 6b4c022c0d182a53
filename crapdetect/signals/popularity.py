"""Popularity from an imported ranking (e.g. Tranco): a mild sign, and only when imported.

Being popular is not being right, and being absent from a top list says
nothing at all (most honest sites are small), so this signal adds little and
never subtracts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..sources.lists import ListStore
from . import CheckInput, Evidence, SignalResult

NAME = "popularity"


class PopularitySignal:
    name = NAME

    def __init__(self, lists: ListStore, points_table: Sequence[Sequence[int]]) -> None:
        self.lists = lists
        self.points_table = points_table

    def run(self, item: CheckInput) -> SignalResult:
        domain = item.parsed.domain
        rankings = [info for info in self.lists.lists() if info.format == "tranco"]
        if not rankings:
            return SignalResult(
                NAME,
                "unavailable",
                "No popularity ranking is imported "
                "(`crapdetect lists import tranco FILE`), so popularity is unknown.",
            )
        found = self.lists.rank(domain)
        if found is None:
            names = ", ".join(sorted({info.title or info.name for info in rankings}))
            return SignalResult(
                NAME,
                "unavailable",
                f"{domain} is not in the imported ranking ({names}). Most sites are "
                "not; that says nothing about trustworthiness.",
                value={"rank": None},
            )
        points = next((float(p) for best, p in self.points_table if found.rank <= best), 0.0)
        value: dict[str, Any] = {
            "rank": found.rank,
            "list": found.list_name,
            "imported_at": found.imported_at,
        }
        reason = (
            f"{found.reason}: a widely visited site. Popularity is not accuracy; it only "
            "means many people would notice and report an impostor or a blunder."
        )
        evidence = (
            Evidence(
                "Tranco ranking for the domain", f"https://tranco-list.eu/query?domain={domain}"
            ),
        )
        return SignalResult(NAME, "ok", reason, points, value, evidence)
