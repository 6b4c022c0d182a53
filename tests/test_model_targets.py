"""In-domain targets on held-out folds of the real datasets (when ../shared/data is present)."""

from __future__ import annotations

import pytest

from crapdetect.textmodels.data import load_clickbait, load_fake_vs_satire, load_fakenewsnet
from crapdetect.textmodels.train import ARTICLE_SPEC, HEADLINE_SPEC, combine, cross_validated

from .conftest import shared_data_or_skip


@pytest.mark.slow
def test_headline_model_in_domain_targets() -> None:
    data_dir = shared_data_or_skip()
    metrics, _ = cross_validated(HEADLINE_SPEC, load_clickbait(data_dir))
    assert metrics["accuracy"] >= 0.98, metrics
    assert metrics["ece"] <= 0.05, metrics


@pytest.mark.slow
def test_article_model_is_calibrated_on_held_out_stories() -> None:
    data_dir = shared_data_or_skip()
    fnn = load_fakenewsnet(data_dir)
    golbeck = load_fake_vs_satire(data_dir)
    fake = golbeck.where([y == 1 for y in golbeck.labels], "golbeck_fake")
    metrics, _ = cross_validated(ARTICLE_SPEC, combine("article", [fnn, fake]))
    assert metrics["grouped"]  # near-duplicate stories never straddle folds
    assert metrics["roc_auc"] >= 0.85, metrics
    assert metrics["ece"] <= 0.08, metrics


@pytest.mark.slow
def test_domain_prior_held_out_by_domain() -> None:
    from crapdetect.sources.prior import evaluate_prior, load_prior_data

    metrics = evaluate_prior(load_prior_data(shared_data_or_skip()))
    assert metrics["roc_auc"] >= 0.75, metrics
    assert metrics["ece"] <= 0.06, metrics
