"""Signals: one module each, every one returning a :class:`SignalResult`.

A signal never raises for upstream trouble: it returns a result with status
``unavailable`` (nothing to say, e.g. the registry publishes no date) or
``error`` (we could not ask), a reason a reader understands, and zero points.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Protocol

from ..urls import ParsedURL

Status = Literal["ok", "unavailable", "error"]


@dataclass(frozen=True)
class Evidence:
    """A link a reader can follow to check the claim for themselves."""

    label: str
    url: str


@dataclass(frozen=True)
class SignalResult:
    name: str
    status: Status
    reason: str
    points: float = 0.0
    value: dict[str, Any] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()
    # How much of the signal's weight this result earns (0–1): a weak guess, such as the
    # domain-name prior, counts for less confidence than a reviewed entry.
    strength: float = 1.0

    @property
    def available(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["evidence"] = [asdict(e) for e in self.evidence]
        return data


@dataclass(frozen=True)
class CheckInput:
    """What a signal may look at: the parsed URL plus text the client sent."""

    parsed: ParsedURL
    title: str | None = None
    text: str | None = None
    via: tuple[str, ...] = ()  # short links / wrappers that led to ``parsed``, outermost first
    via_error: str | None = None  # why a short link could not be expanded
    fetch_page: bool = True  # False for link lists checked at domain level
    batch: bool = False  # part of a list: waiting for a registry slot is expected


class Signal(Protocol):
    """A signal: a name and a ``run`` that never raises for upstream trouble."""

    name: str

    def run(self, item: CheckInput) -> SignalResult: ...
