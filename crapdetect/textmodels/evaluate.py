"""In-domain and cross-dataset evaluation of the text models.

Cross-dataset means: train on one source, score another that the model never
saw (other publishers, other years, other annotators). That, not in-domain
accuracy, is what predicts behaviour on real pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .data import (
    Dataset,
    load_clickbait,
    load_fake_vs_satire,
    load_fakenewsnet,
    load_liar,
    load_politifact_fake_titles,
)
from .metrics import summarise
from .train import ARTICLE_SPEC, HEADLINE_SPEC, ModelSpec, combine, cross_validated, fit


@dataclass
class Corpora:
    clickbait: Dataset
    fakenewsnet: Dataset
    liar: Dataset
    fake_vs_satire: Dataset
    politifact_fake_titles: Dataset

    @classmethod
    def load(cls, data_dir: Path) -> Corpora:
        return cls(
            load_clickbait(data_dir),
            load_fakenewsnet(data_dir),
            load_liar(data_dir),
            load_fake_vs_satire(data_dir),
            load_politifact_fake_titles(data_dir),
        )

    def fnn(self, subset: str) -> Dataset:
        return self.fakenewsnet.where(
            [s == subset for s in self.fakenewsnet.subsets], f"fnn_{subset}"
        )

    def fnn_real(self) -> Dataset:
        return self.fakenewsnet.where([y == 0 for y in self.fakenewsnet.labels], "fnn_real")

    def golbeck_fake(self) -> Dataset:
        return self.fake_vs_satire.where(
            [y == 1 for y in self.fake_vs_satire.labels], "golbeck_fake"
        )

    def headline_training(self) -> Dataset:
        return self.clickbait

    def article_training(self) -> Dataset:
        # FakeNewsNet plus Golbeck's fake articles: more fake-news publishers than FNN alone,
        # no research-only licence (LIAR is used for evaluation only).
        data = combine("fakenewsnet+golbeck_fake", [self.fakenewsnet, self.golbeck_fake()])
        # Fake articles with empty bodies taught "empty means fake": drop bodiless rows.
        return data.where([bool(b.strip()) for b in data.bodies], "fakenewsnet+golbeck_fake")


def _titles_as_headlines(data: Dataset, name: str) -> Dataset:
    return Dataset(name, data.titles, ["" for _ in data.titles], data.labels, data.source)


def _score(spec: ModelSpec, model: Any, data: Dataset) -> dict[str, Any]:
    probs = model.predict_proba(spec.prepare(data))[:, 1]
    return summarise(data.labels, probs)


def evaluate_all(
    data_dir: Path, progress: Callable[[str], None] = lambda _m: None
) -> dict[str, Any]:
    """Every in-domain and cross-dataset figure reported in the model card."""
    c = Corpora.load(data_dir)
    report: dict[str, Any] = {"headline": {}, "article": {}}

    progress("headline: 5-fold CV on the clickbait corpus")
    report["headline"]["in_domain"] = cross_validated(HEADLINE_SPEC, c.headline_training())[0]
    headline = fit(HEADLINE_SPEC, c.headline_training())
    fnn_titles = _titles_as_headlines(c.fakenewsnet, "fnn_titles")
    pf_vs_real = combine(
        "politifact_fake_titles+fnn_real_titles",
        [c.politifact_fake_titles, _titles_as_headlines(c.fnn_real(), "fnn_real")],
    )
    cross = {
        "FakeNewsNet titles, fake vs real": fnn_titles,
        "PolitiFact fake titles vs FakeNewsNet real titles": pf_vs_real,
        "LIAR statements, false vs true": c.liar,
        "Golbeck titles, fake vs satire": _titles_as_headlines(c.fake_vs_satire, "golbeck"),
    }
    for label, data in cross.items():
        progress(f"headline → {label}")
        report["headline"][label] = _score(HEADLINE_SPEC, headline, data)

    progress("article: grouped 5-fold CV on its training data")
    report["article"]["in_domain"] = cross_validated(ARTICLE_SPEC, c.article_training())[0]
    pairs = {
        "FakeNewsNet BuzzFeed → PolitiFact": (c.fnn("buzzfeed"), c.fnn("politifact")),
        "FakeNewsNet PolitiFact → BuzzFeed": (c.fnn("politifact"), c.fnn("buzzfeed")),
        "FakeNewsNet → LIAR statements": (c.fakenewsnet, c.liar),
        "LIAR → FakeNewsNet articles": (
            c.liar.where([s == "train" for s in c.liar.subsets], "liar_train"),
            c.fakenewsnet,
        ),
        "FakeNewsNet → Golbeck, fake vs satire": (c.fakenewsnet, c.fake_vs_satire),
        # Disjoint sources only: FNN's real titles are in the shipped model's training set.
        "LIAR → PolitiFact fake titles vs FNN real titles": (
            c.liar.where([s == "train" for s in c.liar.subsets], "liar_train"),
            pf_vs_real,
        ),
    }
    for label, (train, test) in pairs.items():
        progress(f"article: {label}")
        model = fit(ARTICLE_SPEC, train)
        report["article"][label] = _score(ARTICLE_SPEC, model, test)
    return report


def format_report(report: dict[str, Any]) -> str:
    """A plain-text table of the report for the terminal and the model card."""
    lines = []
    for model_kind, rows in report.items():
        lines.append(
            f"| {model_kind} model: evaluation | n | accuracy | macro-F1 | ROC-AUC | ECE |"
        )
        lines.append("|---|---|---|---|---|---|")
        for name, m in rows.items():
            label = "in-domain (stratified CV)" if name == "in_domain" else f"cross: {name}"
            if name == "in_domain" and m.get("grouped"):
                label = "in-domain (CV grouped by near-duplicate story)"
            auc = "–" if m["roc_auc"] is None else f"{m['roc_auc']:.3f}"
            lines.append(
                f"| {label} | {m['n']} | {m['accuracy']:.3f} | {m['macro_f1']:.3f} | "
                f"{auc} | {m['ece']:.3f} |"
            )
        lines.append("")
    return "\n".join(lines)


def mean_auc(rows: dict[str, Any]) -> float | None:
    aucs = [m["roc_auc"] for k, m in rows.items() if k != "in_domain" and m["roc_auc"] is not None]
    return round(float(np.mean(aucs)), 3) if aucs else None
