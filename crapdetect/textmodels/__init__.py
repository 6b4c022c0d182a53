"""The shipped text models: a headline (clickbait-style) model and an article (fake-news-style) model.

Both are scikit-learn pipelines of built-in estimators over text prepared by
:mod:`crapdetect.textmodels.clean` (the same function at training and
prediction time). They are weak stylistic signals, not fact-checking.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import sklearn

from ..model import LoadedModel, load_model
from .batcher import Batcher
from .clean import prepare_article, prepare_headline

HEADLINE = "headline-v1"
ARTICLE = "article-v1"
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "models"


@dataclass(frozen=True)
class Prediction:
    probability: float  # of the positive class: clickbait / fake-news style
    terms: tuple[str, ...]  # the inputs that pushed the probability up most


class TextModels:
    """Load both models once; predict with explanations taken from the models themselves."""

    def __init__(self, directory: str | Path = "") -> None:
        self.directory = Path(directory) if directory else DEFAULT_DIR
        self.headline: LoadedModel = load_model(self.directory, HEADLINE)
        self.article: LoadedModel = load_model(self.directory, ARTICLE)
        # Concurrent checks share model calls (see batcher.py); cleaning stays in each thread.
        self._headlines = Batcher(partial(_predict_many, self.headline.pipeline))
        self._articles = Batcher(partial(_predict_many, self.article.pipeline))

    def predict_headline(self, title: str) -> Prediction:
        return self._headlines(prepare_headline(title))

    def predict_article(self, title: str, body: str) -> Prediction:
        return self._articles(prepare_article(title, body))

    def describe(self) -> dict[str, Any]:
        return {
            model.name: {
                "sha256": model.metadata["sha256"][:12],
                "trained_at": model.metadata.get("trained_at"),
                "cv": model.metadata.get("cv_metrics"),
            }
            for model in (self.headline, self.article)
        }


def _predict_many(pipeline: Any, prepared: Sequence[str]) -> list[Prediction]:
    # Inputs are our own strings: skip scikit-learn's per-call validation, which costs more
    # than the model itself on one document.
    with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
        features = pipeline[:-1].transform(list(prepared))  # once, for probability and terms
        probabilities = pipeline[-1].predict_proba(features)[:, 1]
        rows = features.tocsr() if hasattr(features, "tocsr") else features
        return [
            Prediction(float(p), top_terms(pipeline, text, features=rows[i : i + 1]))
            for i, (text, p) in enumerate(zip(prepared, probabilities, strict=True))
        ]


def _explainer(pipeline: Any) -> tuple[Any, Any]:
    """(feature names, weights), computed once per loaded pipeline and kept on it.

    Building the name array costs ~0.1 s on a 200k-term vocabulary.
    """
    cached = getattr(pipeline, "_crapdetect_explainer", None)
    if cached is None:
        cached = (pipeline[:-1].get_feature_names_out(), linear_weights(pipeline[-1]))
        pipeline._crapdetect_explainer = cached
    return cached


def linear_weights(estimator: Any) -> np.ndarray | None:
    """The coefficient vector of a linear classifier, averaged over calibration folds."""
    if hasattr(estimator, "calibrated_classifiers_"):
        coefs = [linear_weights(c.estimator) for c in estimator.calibrated_classifiers_]
        found = [c for c in coefs if c is not None]
        return np.mean(found, axis=0) if found else None
    coef = getattr(estimator, "coef_", None)
    if coef is not None:
        return np.asarray(coef).ravel()
    log_prob = getattr(estimator, "feature_log_prob_", None)
    if log_prob is not None and len(log_prob) == 2:
        return np.asarray(log_prob[1] - log_prob[0])
    return None


def top_terms(pipeline: Any, prepared: str, k: int = 4, *, features: Any = None) -> tuple[str, ...]:
    """The k features of ``prepared`` with the largest positive contribution (value × weight)."""
    names, weights = _explainer(pipeline)
    if weights is None:
        return ()
    if features is None:
        features = pipeline[:-1].transform([prepared])
    row = features.tocsr()[0] if hasattr(features, "tocsr") else features
    if hasattr(row, "indices"):  # sparse: read the stored values, not one index call each
        present = [(int(j), float(v)) for j, v in zip(row.indices, row.data, strict=True) if v]
    else:
        present = [(int(j), float(row[0, j])) for j in row[0].nonzero()[1]]
    contributions = [(value * float(weights[j]), str(names[j])) for j, value in present]
    ranked = sorted((c for c in contributions if c[0] > 0), reverse=True)
    readable: list[str] = []
    for _, name in ranked:
        term = readable_term(name)
        if term and term not in readable:
            readable.append(term)
        if len(readable) == k:
            break
    return tuple(readable)


def readable_term(feature_name: str) -> str | None:
    """'word__you won't' → "you won't"; a style marker → a phrase; other features → None.

    >>> readable_term("word__you won't")
    "you won't"
    >>> readable_term("word__xxexclmulti")
    'several exclamation marks'
    >>> readable_term("word__xxyou believe") is None
    True
    """
    prefix, _, term = feature_name.rpartition("__")
    if prefix.endswith("char"):
        return None  # fragments of words explain nothing to a reader
    words = term.split()
    markers = [w for w in words if w.startswith("xx")]
    if not markers:
        return term.strip() or None
    if len(words) == 1:
        return marker_phrase(words[0])
    return None  # a marker glued to a word reads as noise


_HEADLINE_MARKERS = {
    "excl": "an exclamation mark",
    "exclmulti": "several exclamation marks",
    "quest": "a question",
    "capsall": "written in capitals",
    "capsword": "words in capitals",
    "you": "talks to the reader as 'you'",
    "first": "first-person voice",
    "numstart": "starts with a number",
    "hedge": "hedging words",
    "sensational": "sensational words",
    "forward": "teases what comes next",
    "quote": "a quotation",
}
_BODY_MARKERS = {
    "excl": "exclamation marks",
    "quest": "questions to the reader",
    "caps": "words in capitals",
    "you": "talks to the reader as 'you'",
    "first": "first-person voice",
    "hedge": "hedging words",
    "sens": "sensational words",
    "quote": "quotations",
}


def marker_phrase(token: str) -> str | None:
    """Plain words for a style-marker token from :mod:`clean` (None for neutral buckets).

    >>> marker_phrase("xxsens2"), marker_phrase("xxtexcl"), marker_phrase("xxlenshort")
    ('many sensational words', 'headline: an exclamation mark', None)
    """
    name = token[2:]
    if name in _HEADLINE_MARKERS:
        return _HEADLINE_MARKERS[name]
    if name.startswith("t") and name[1:] in _HEADLINE_MARKERS:
        return "headline: " + _HEADLINE_MARKERS[name[1:]]
    base, level = name[:-1], name[-1:]
    if base in _BODY_MARKERS and level in ("1", "2"):
        return ("some " if level == "1" else "many ") + _BODY_MARKERS[base]
    return None
