"""Speed and memory of the shipped text models (issue #3 targets).

Run: .venv/bin/python -m bench.text_models

- headline batch inference on one core (target ≥ 20,000 headlines/s), reported with and without
  the cleaning step that runs before the pipeline;
- article model latency per document (cleaning included);
- model load time (target ≤ 1 s, sha256 check included);
- resident memory of a process that built the app with both models loaded (target ≤ 250 MB).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as the target says
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import random  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

from crapdetect.textmodels import TextModels  # noqa: E402
from crapdetect.textmodels.clean import prepare_article, prepare_headline  # noqa: E402

WORDS = (
    "council budget vote you won't believe this dog photos reasons why market rates "
    "storm minister police trial celebrity secret trick amazing people study finds"
).split()


def _headlines(n: int) -> list[str]:
    rng = random.Random(1)
    return [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 12))).title() for _ in range(n)
    ]


def main() -> None:
    start = time.perf_counter()
    models = TextModels()
    load_s = time.perf_counter() - start

    raw = _headlines(20_000)
    start = time.perf_counter()
    prepared = [prepare_headline(h) for h in raw]
    clean_s = time.perf_counter() - start
    pipeline = models.headline.pipeline
    pipeline.predict_proba(prepared[:100])  # warm-up
    start = time.perf_counter()
    pipeline.predict_proba(prepared)
    predict_s = time.perf_counter() - start

    body = "The council approved the budget on Tuesday after a long debate about roads. " * 60
    latencies = []
    for _ in range(50):
        start = time.perf_counter()
        models.article.pipeline.predict_proba([prepare_article("Council approves budget", body)])
        latencies.append((time.perf_counter() - start) * 1000)

    from crapdetect.app import create_app

    create_app({"CACHE_PATH": ":memory:"})
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"model load (both, sha256 verified): {load_s:.2f} s")
    print(
        f"headline pipeline, batch of 20,000: {len(raw) / predict_s:,.0f} headlines/s "
        f"(cleaning adds {clean_s:.2f} s → {len(raw) / (predict_s + clean_s):,.0f}/s end to end)"
    )
    print(
        f"article model per document (~{len(body.split())} words, cleaning included): "
        f"median {statistics.median(latencies):.1f} ms, max {max(latencies):.1f} ms"
    )
    print(f"peak RSS of a process with the app and both models loaded: {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
