"""Evaluation metrics, including calibration error (ECE)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score


def expected_calibration_error(
    labels: Sequence[int], probs: Sequence[float], bins: int = 10
) -> float:
    """Weighted mean |accuracy − confidence| over equal-width probability bins.

    >>> round(expected_calibration_error([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.2]), 3)
    0.15
    """
    y = np.asarray(labels, dtype=float)
    p = np.asarray(probs, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    total = 0.0
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        inside = (p > low) & (p <= high) if low > 0 else (p >= low) & (p <= high)
        if inside.any():
            total += inside.mean() * abs(y[inside].mean() - p[inside].mean())
    return float(total)


def summarise(labels: Sequence[int], probs: Sequence[float]) -> dict[str, float | None]:
    """accuracy, macro-F1, ROC-AUC and ECE, rounded to 4 places (AUC None for one class)."""
    y = np.asarray(labels)
    p = np.asarray(probs)
    predicted = (p >= 0.5).astype(int)
    both = len(set(y.tolist())) == 2
    return {
        "n": int(len(y)),
        "accuracy": round(float(accuracy_score(y, predicted)), 4),
        "macro_f1": round(float(f1_score(y, predicted, average="macro")), 4),
        "roc_auc": round(float(roc_auc_score(y, p)), 4) if both else None,
        "ece": round(expected_calibration_error(y, p), 4),
    }
