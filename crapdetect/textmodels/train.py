"""Train, evaluate and ship the text models (``crapdetect train`` / ``crapdetect evaluate``).

Pipelines hold built-in scikit-learn estimators only; every text goes through
:func:`clean.prepare_headline` / :func:`clean.prepare_article` first (the
same functions the signal uses), which strip publisher names, datelines,
URLs, bylines and dates and add style-marker tokens. Seeds are fixed.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from .. import clock
from ..model import save_model
from . import ARTICLE, HEADLINE
from .clean import prepare_article, prepare_headline
from .data import Dataset, Source
from .metrics import summarise

SEED = 42
TOKENS = r"(?u)\b\w+\b"


def _calibration_folds() -> StratifiedKFold:
    # Shuffled: with cv=5 the folds follow file order, and training data stacked by source
    # (FakeNewsNet, then Golbeck) gave an inverted sigmoid in the helper study.
    return StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)


def headline_pipeline(min_df: int = 2) -> Pipeline:
    """Word 1–2-grams (markers included) → calibrated linear SVM."""
    words = TfidfVectorizer(
        ngram_range=(1, 2),
        sublinear_tf=True,
        min_df=min_df,
        token_pattern=TOKENS,
        lowercase=True,
        dtype=np.float32,
    )
    return Pipeline(
        [
            ("features", FeatureUnion([("word", words)])),
            (
                "clf",
                CalibratedClassifierCV(
                    LinearSVC(C=1.0, random_state=SEED), cv=_calibration_folds(), method="sigmoid"
                ),
            ),
        ]
    )


def article_pipeline(min_df: int = 2) -> Pipeline:
    """Word 1–2-grams over title + body (markers included) → calibrated linear SVM."""
    words = TfidfVectorizer(
        ngram_range=(1, 2),
        sublinear_tf=True,
        min_df=min_df,
        max_features=200_000,
        token_pattern=TOKENS,
        dtype=np.float32,
    )
    return Pipeline(
        [
            ("features", FeatureUnion([("word", words)])),
            (
                "clf",
                CalibratedClassifierCV(
                    LinearSVC(C=0.5, random_state=SEED), cv=_calibration_folds(), method="sigmoid"
                ),
            ),
        ]
    )


@dataclass(frozen=True)
class ModelSpec:
    name: str
    kind: str  # "headline" or "article"
    build: Callable[[], Pipeline]

    def prepare(self, data: Dataset) -> list[str]:
        if self.kind == "headline":
            return [prepare_headline(t) for t in data.titles]
        return [prepare_article(t, b) for t, b in zip(data.titles, data.bodies, strict=True)]


HEADLINE_SPEC = ModelSpec(HEADLINE, "headline", headline_pipeline)
ARTICLE_SPEC = ModelSpec(ARTICLE, "article", article_pipeline)


def combine(name: str, parts: list[Dataset]) -> Dataset:
    """Concatenate datasets; group ids are offset so they never collide."""
    titles, bodies, labels, groups, subsets = [], [], [], [], []
    offset = 0
    for part in parts:
        titles += part.titles
        bodies += part.bodies
        labels += part.labels
        own = part.groups or list(range(len(part)))
        groups += [g + offset for g in own]
        offset += max(own) + 1 if own else 0
        subsets += part.subsets or [part.name] * len(part)
    source = Source("+".join(p.source.path for p in parts), "", len(labels), "")
    return Dataset(name, titles, bodies, labels, source, groups, subsets)


def cross_validated(
    spec: ModelSpec, data: Dataset, folds: int = 5
) -> tuple[dict[str, Any], np.ndarray]:
    """Out-of-fold probabilities (grouped when the data has groups) and their metrics."""
    texts = spec.prepare(data)
    y = np.asarray(data.labels)
    grouped = bool(data.groups) and all(
        len({g for g, label in zip(data.groups, data.labels, strict=True) if label == cls}) >= folds
        for cls in (0, 1)
    )
    if grouped:
        splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=SEED)
        splits = list(splitter.split(texts, y, groups=data.groups))
    else:
        splits = list(
            StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED).split(texts, y)
        )
    probs = cross_val_predict(spec.build(), texts, y, cv=splits, method="predict_proba")[:, 1]
    return {"folds": folds, "grouped": grouped, **summarise(y, probs)}, probs


def fit(spec: ModelSpec, data: Dataset) -> Pipeline:
    """Fit the final pipeline on all of ``data``."""
    pipeline = spec.build()
    pipeline.fit(spec.prepare(data), np.asarray(data.labels))
    return pipeline


def train_and_save(
    spec: ModelSpec,
    data: Dataset,
    sources: list[Source],
    out_dir: Path,
    *,
    command: str,
    cv_metrics: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Cross-validate (unless metrics are given), fit on everything, save; return the metadata."""
    started = time.monotonic()
    metrics = cv_metrics if cv_metrics is not None else cross_validated(spec, data)[0]
    pipeline = fit(spec, data)
    metadata = {
        "kind": spec.kind,
        "positive_class": "clickbait style" if spec.kind == "headline" else "fake-news style",
        "trained_at": clock.utcnow().isoformat(timespec="seconds"),
        "command": command,
        "git_commit": git_commit(),
        "seed": SEED,
        "pipeline": repr(pipeline),
        "training_data": [vars(s) for s in sources],
        "rows": len(data),
        "positives": int(sum(data.labels)),
        "cv_metrics": metrics,
        "train_seconds": round(time.monotonic() - started, 1),
        **(extra or {}),
    }
    save_model(pipeline, out_dir, spec.name, metadata)
    return metadata


def git_commit() -> str | None:
    """The current commit, or None outside a git checkout."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
            cwd=Path(__file__).parent,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None
