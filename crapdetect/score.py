"""Combine signal results into a verdict. Pure: no I/O, no clock, no settings lookup.

Rules, so a reader can follow the arithmetic:

* score = baseline + the points of every *available* signal, clamped to 0–100;
  an unavailable or failed signal adds nothing (it never moves the score silently);
* confidence = the summed weights of the available signals (each times its result's
  ``strength``, 1 unless the signal says its answer is weak), capped at 1, so a missing
  signal lowers confidence and is named in ``missing``;
* below ``min_confidence`` the label is ``unknown`` whatever the score: too
  little evidence is not a verdict.

>>> from crapdetect.signals import SignalResult
>>> rules = ScoreRules(weights={"domain_age": 0.35, "text": 0.25})
>>> old = SignalResult("domain_age", "ok", "Registered 20 years ago.", points=10)
>>> combine([old, SignalResult("text", "unavailable", "No text.")], rules)
Combined(score=60, label='mixed', confidence=0.35, missing=('text',))
>>> combine([SignalResult("domain_age", "error", "Timed out.")], rules).label
'unknown'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .signals import SignalResult

Label = Literal["reliable", "mixed", "unreliable", "unknown"]


@dataclass(frozen=True)
class ScoreRules:
    """Weights and thresholds, built from the settings registry."""

    weights: Mapping[str, float]
    baseline: float = 50
    reliable_min: float = 70
    unreliable_max: float = 35
    min_confidence: float = 0.3

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ScoreRules:
        return cls(
            weights=dict(settings["SIGNAL_WEIGHTS"]),
            baseline=settings["SCORE_BASELINE"],
            reliable_min=settings["LABEL_RELIABLE_MIN"],
            unreliable_max=settings["LABEL_UNRELIABLE_MAX"],
            min_confidence=settings["LABEL_MIN_CONFIDENCE"],
        )


@dataclass(frozen=True)
class Combined:
    score: int
    label: Label
    confidence: float
    missing: tuple[str, ...] = field(default=())


def combine(results: Sequence[SignalResult], rules: ScoreRules) -> Combined:
    """Return score, label, confidence and the names of missing signals."""
    available = [r for r in results if r.available]
    missing = tuple(r.name for r in results if not r.available)
    raw = rules.baseline + sum(r.points for r in available)
    score = int(round(min(100.0, max(0.0, raw))))
    evidence = sum(rules.weights.get(r.name, 0.0) * r.strength for r in available)
    confidence = round(min(1.0, evidence), 2)
    return Combined(score, _label(score, confidence, rules), confidence, missing)


def _label(score: int, confidence: float, rules: ScoreRules) -> Label:
    if confidence < rules.min_confidence:
        return "unknown"
    if score >= rules.reliable_min:
        return "reliable"
    if score <= rules.unreliable_max:
        return "unreliable"
    return "mixed"


def summarise(combined: Combined, results: Sequence[SignalResult]) -> str:
    """One plain-language sentence for the verdict as a whole.

    >>> from crapdetect.signals import SignalResult
    >>> summarise(Combined(50, "unknown", 0.0, ("domain_age",)),
    ...           [SignalResult("domain_age", "error", "x")])
    'Not enough evidence for a verdict (score 50/100, confidence 0.00). Missing: domain age.'
    """
    if combined.label == "unknown":
        head = "Not enough evidence for a verdict"
    else:
        head = f"Looks {combined.label}"
    text = f"{head} (score {combined.score}/100, confidence {combined.confidence:.2f})."
    moved = [r for r in results if r.available and r.points]
    if moved:
        strongest = max(moved, key=lambda r: abs(r.points))
        text += f" Strongest sign: {strongest.reason}"
    if combined.missing:
        text += " Missing: " + ", ".join(n.replace("_", " ") for n in combined.missing) + "."
    return text
