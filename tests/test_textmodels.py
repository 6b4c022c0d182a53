"""Training on a tiny corpus, artifact pinning, and the shipped models."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from crapdetect.cli import cli
from crapdetect.model import IncompatibleModel, ModelNotFound, UntrustedModel, load_model
from crapdetect.textmodels import ARTICLE, DEFAULT_DIR, HEADLINE, TextModels
from crapdetect.textmodels.clean import prepare_article, prepare_headline

from .conftest import IN_CI


def test_train_command_on_tiny_corpus(runner: CliRunner, tiny_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "models"
    result = runner.invoke(cli, ["train", "--data", str(tiny_data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for name in (HEADLINE, ARTICLE):
        meta = json.loads((out / f"{name}.json").read_text())
        assert meta["sha256"] and meta["sklearn_version"] and meta["python_version"]
        assert meta["command"].startswith("crapdetect train --data")
        assert (
            meta["training_data"][0]["rows"] > 0 and len(meta["training_data"][0]["sha256"]) == 64
        )
        assert meta["cv_metrics"]["accuracy"] is not None
        assert meta["evaluation"]["in_domain"]
    card = (out / "MODEL_CARD.md").read_text()
    for section in (
        "## Intended uses & limitations",
        "a weak stylistic signal, not fact-checking",
        "## Evaluation results",
        "cross:",
        "## Leak check",
    ):
        assert section.lower() in card.lower()


def test_training_is_reproducible(tiny_data: Path, tmp_path: Path) -> None:
    from crapdetect.textmodels.build import build_models

    a = build_models(tiny_data, tmp_path / "a", command="t", evaluate=False)
    b = build_models(tiny_data, tmp_path / "b", command="t", evaluate=False)
    probe = prepare_headline("You Won't Believe These 9 Photos")
    pa = load_model(tmp_path / "a", HEADLINE).pipeline.predict_proba([probe])
    pb = load_model(tmp_path / "b", HEADLINE).pipeline.predict_proba([probe])
    assert (pa == pb).all()
    assert a[HEADLINE]["cv_metrics"] == b[HEADLINE]["cv_metrics"]


def test_evaluate_command(runner: CliRunner, tiny_data: Path) -> None:
    result = runner.invoke(cli, ["evaluate", "--data", str(tiny_data)])
    assert result.exit_code == 0, result.output
    assert "cross: FakeNewsNet BuzzFeed → PolitiFact" in result.output
    assert "ROC-AUC" in result.output and "ECE" in result.output


def test_train_needs_the_data(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["train", "--data", str(tmp_path)])
    assert result.exit_code == 2 and "does not hold the datasets" in result.output


def test_tampered_artifact_is_refused(tiny_models: Path, tmp_path: Path) -> None:
    shutil.copytree(tiny_models, tmp_path / "m")
    with (tmp_path / "m" / f"{HEADLINE}.joblib").open("ab") as handle:
        handle.write(b"\0")
    with pytest.raises(UntrustedModel, match="refusing to load"):
        load_model(tmp_path / "m", HEADLINE)


def test_other_sklearn_version_is_refused(tiny_models: Path, tmp_path: Path) -> None:
    shutil.copytree(tiny_models, tmp_path / "m")
    meta_path = tmp_path / "m" / f"{HEADLINE}.json"
    meta = json.loads(meta_path.read_text())
    meta["sklearn_version"] = "0.24.2"
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(IncompatibleModel, match="crapdetect train"):
        load_model(tmp_path / "m", HEADLINE)


def test_missing_artifact(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFound, match="crapdetect train"):
        load_model(tmp_path, HEADLINE)


def test_cleaning_strips_publisher_shortcuts() -> None:
    text = prepare_article(
        "Senate votes on bill - Eagle Rising",
        "WASHINGTON (Reuters) - The Senate voted on Tuesday, March 3, 2017. "
        "Read more at https://www.example.com/x. Photo: Getty Images",
    )
    lowered = text.lower()
    for shortcut in ("reuters", "washington (", "http", "getty", "eagle rising", "2017"):
        assert shortcut not in lowered, shortcut


def test_shipped_models_load_and_predict() -> None:
    if not (DEFAULT_DIR / f"{HEADLINE}.joblib").exists():
        if IN_CI:
            pytest.fail("the shipped models are missing from models/")
        pytest.skip("models/ has no trained artifacts yet; run `crapdetect train`")
    models = TextModels()
    bait = models.predict_headline("You Won't Believe What This Dog Did Next")
    news = models.predict_headline("Central bank holds interest rates steady amid slowing growth")
    assert bait.probability > 0.8 > 0.2 > news.probability
    assert bait.terms
    article = models.predict_article(
        "Council approves budget",
        "The council approved the budget on Tuesday after a debate. " * 20,
    )
    assert 0.0 <= article.probability <= 1.0
