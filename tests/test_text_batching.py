"""Concurrent text-model calls share one model call and get the same answers as alone."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from crapdetect.textmodels import TextModels, _predict_many
from crapdetect.textmodels.batcher import Batcher
from crapdetect.textmodels.clean import prepare_article, prepare_headline

from .threads import run_together

DOCS = [
    ("You Won't Believe What This Dog Did Next!!!", "Shocking truth they hide from you! " * 30),
    ("Central bank holds interest rates steady", "The bank said on Tuesday that rates stay. " * 20),
    ("Council approves the new budget for roads", "The council met on Tuesday. " * 40),
    ("Is this the end of the world as we know it?", "Experts say maybe, or maybe not. " * 25),
]


def test_callers_that_arrive_while_a_call_runs_share_the_next_one() -> None:
    seen: list[list[int]] = []

    def slow_square(xs: Sequence[int]) -> list[int]:
        seen.append(list(xs))
        time.sleep(0.05)  # the others queue up meanwhile
        return [x * x for x in xs]

    batcher: Batcher[int, int] = Batcher(slow_square)
    assert run_together(12, batcher) == [i * i for i in range(12)]
    assert sorted(x for batch in seen for x in batch) == list(range(12))
    assert batcher.calls < 12 and max(len(b) for b in seen) > 1


def test_an_error_reaches_every_caller_of_its_batch_only() -> None:
    def fail_on_three(xs: Sequence[int]) -> list[int]:
        if 3 in xs:
            raise ValueError("bad row")
        return list(xs)

    batcher: Batcher[int, int] = Batcher(fail_on_three)
    with pytest.raises(ValueError, match="bad row"):
        batcher(3)
    assert batcher(4) == 4  # the next call is unaffected


@pytest.mark.parametrize("model", ["headline", "article"])
def test_a_batched_row_equals_the_document_predicted_alone(tiny_models: Path, model: str) -> None:
    models = TextModels(tiny_models)
    pipeline = getattr(models, model).pipeline
    texts = [
        prepare_headline(title) if model == "headline" else prepare_article(title, body)
        for title, body in DOCS
    ]
    assert _predict_many(pipeline, texts) == [_predict_many(pipeline, [t])[0] for t in texts]


def test_concurrent_checks_get_their_own_predictions(tiny_models: Path) -> None:
    models = TextModels(tiny_models)
    alone = [models.predict_article(title, body) for title, body in DOCS]
    together = run_together(len(DOCS), lambda i: models.predict_article(*DOCS[i]))
    assert together == alone
