"""``crapdetect train``: evaluate, fit, leak-check, save artifacts and write the model card."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import clock
from ..model import load_model, save_model
from ..sources.prior import MBFC_FILE, OPENSOURCES_FILE, evaluate_prior, fit_prior, load_prior_data
from ..sources.prior import NAME as PRIOR_NAME
from . import linear_weights
from .card import write_card
from .clean import OUTLETS
from .evaluate import Corpora, evaluate_all
from .train import ARTICLE_SPEC, HEADLINE_SPEC, ModelSpec, git_commit, train_and_save

# Features that would mean the model learned *who* published, not *how* it is written.
_SUSPECT = re.compile(
    r"\b(via|getty|images?|photo|reuters|ap|com|www|http|https|twitter|facebook|said|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|201\d|202\d)\b"
)


def leak_check(pipeline: Any, k: int = 25) -> tuple[list[str], list[str], list[str]]:
    """Top features for each class and those that look like publisher/date shortcuts."""
    weights = linear_weights(pipeline[-1])
    names = [str(n).split("__", 1)[-1] for n in pipeline[:-1].get_feature_names_out()]
    if weights is None:
        return [], [], []
    order = weights.argsort()
    positive = [names[i] for i in order[::-1][:k]]
    negative = [names[i] for i in order[:k]]
    outlets = {o.lower() for o in OUTLETS}
    suspects = [n for n in positive + negative if _SUSPECT.search(n) or n in outlets]
    return positive, negative, suspects


def _leak_notes(pipeline: Any) -> list[str]:
    positive, negative, suspects = leak_check(pipeline)
    return [
        "strongest positive features: " + ", ".join(f"`{p}`" for p in positive[:15]),
        "strongest negative features: " + ", ".join(f"`{n}`" for n in negative[:15]),
        ("possible shortcuts among the top 25 each way: " + ", ".join(f"`{s}`" for s in suspects))
        if suspects
        else "no publisher names, dates, URLs or credit lines among the top 25 each way",
    ]


def build_models(
    data_dir: Path,
    out_dir: Path,
    *,
    command: str,
    evaluate: bool = True,
    progress: Callable[[str], None] = lambda _m: None,
) -> dict[str, dict[str, Any]]:
    """Train both models from ``data_dir`` into ``out_dir``; return their metadata."""
    corpora = Corpora.load(data_dir)
    report = evaluate_all(data_dir, progress) if evaluate else None
    plan: list[tuple[ModelSpec, Any]] = [
        (HEADLINE_SPEC, corpora.headline_training()),
        (ARTICLE_SPEC, corpora.article_training()),
    ]
    metas: dict[str, dict[str, Any]] = {}
    leaks: dict[str, list[str]] = {}
    for spec, data in plan:
        progress(f"fitting {spec.name} on {len(data)} rows")
        sources = _sources(corpora, spec)
        train_and_save(
            spec,
            data,
            sources,
            out_dir,
            command=command,
            cv_metrics=report[spec.kind]["in_domain"] if report else None,
            extra={"evaluation": report[spec.kind] if report else None},
        )
        loaded = load_model(out_dir, spec.name)  # also proves the artifact round-trips
        leaks[spec.name] = _leak_notes(loaded.pipeline)
        metas[spec.name] = loaded.metadata
    prior = _build_prior(data_dir, out_dir, command=command, evaluate=evaluate, progress=progress)
    write_card(out_dir, metas, report, leaks, prior=prior)
    if prior is not None:
        metas[PRIOR_NAME] = prior
    return metas


def _build_prior(
    data_dir: Path, out_dir: Path, *, command: str, evaluate: bool, progress: Callable[[str], None]
) -> dict[str, Any] | None:
    """Train the domain-name prior when the rating lists are in ``data_dir``."""
    if not (data_dir / MBFC_FILE).is_file() or not (data_dir / OPENSOURCES_FILE).is_file():
        progress("domain prior skipped: no MBFC/OpenSources lists in the data folder")
        return None
    data = load_prior_data(data_dir)
    progress(f"domain prior: {len(data.domains)} labelled domains")
    metrics = evaluate_prior(data) if evaluate else None
    pipeline = fit_prior(data)
    save_model(
        pipeline,
        out_dir,
        PRIOR_NAME,
        {
            "kind": "domain-prior",
            "positive_class": "low credibility (from the name alone)",
            "trained_at": clock.utcnow().isoformat(timespec="seconds"),
            "command": command,
            "git_commit": git_commit(),
            "seed": 42,
            "pipeline": repr(pipeline),
            "training_data": [vars(s) for s in data.sources],
            "rows": len(data.domains),
            "positives": int(sum(data.labels)),
            "cv_metrics": metrics,
        },
    )
    loaded = load_model(out_dir, PRIOR_NAME)
    positive, negative, _ = leak_check(loaded.pipeline)
    return loaded.metadata | {"top_low": positive[:15], "top_high": negative[:15]}


def _sources(corpora: Corpora, spec: ModelSpec) -> list[Any]:
    if spec.kind == "headline":
        return [corpora.clickbait.source]
    return [corpora.fakenewsnet.source, corpora.fake_vs_satire.source]
