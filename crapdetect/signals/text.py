"""What the page itself says: headline style and article style, from the shipped models.

Text sent by the client (the extension, ``POST /v1/check``) is preferred; only
when there is none is the page fetched server-side through the SSRF-safe
fetcher. Too little text, a non-English page, or a page that cannot be
fetched make the signal unavailable with the reason — never a made-up
probability.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from ..errors import ModelError, SignalError
from ..pages.extract import decode, extract, guess_language
from ..pages.fetcher import FetchPolicy, fetch
from ..textmodels import Prediction, TextModels
from . import CheckInput, Evidence, SignalResult

NAME = "text"
MIN_HEADLINE_WORDS = 3
CAVEAT = "This is a weak stylistic signal, not fact-checking."


@dataclass(frozen=True)
class _Text:
    title: str | None
    body: str | None
    source: str  # "client" or "fetched"
    language: str | None
    page_url: str | None = None


class TextSignal:
    """Scores headline and article style; explains with the models' own top terms."""

    name = NAME

    def describe(self) -> dict[str, Any]:
        """Model status for /healthz."""
        if self.models is None:
            return {"status": "error", "reason": self.model_error}
        return {
            "status": "ok",
            "fetch_pages": self.settings["FETCH_PAGES"],
            "models": self.models.describe(),
        }

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.settings = settings
        self.policy = FetchPolicy.from_settings(settings)
        self.models: TextModels | None = None
        self.model_error: str | None = None
        try:
            self.models = TextModels(settings["MODELS_DIR"])
        except ModelError as exc:
            self.model_error = exc.message

    def run(self, item: CheckInput) -> SignalResult:
        if self.models is None:
            return SignalResult(
                NAME, "error", f"The text models could not be loaded: {self.model_error}"
            )
        try:
            text = self._text(item)
        except SignalError as exc:
            return SignalResult(
                NAME,
                "unavailable",
                f"The page could not be read ({exc.message}), so its text was not judged.",
                value={"source": "fetched"},
            )
        if text is None:
            return SignalResult(
                NAME,
                "unavailable",
                "No page text was sent and the page was not fetched (switched off for this check).",
            )
        return self._judge(text)

    def _text(self, item: CheckInput) -> _Text | None:
        if item.title or item.text:
            body = item.text or None
            return _Text(item.title, body, "client", guess_language(body or ""))
        if not self.settings["FETCH_PAGES"] or not item.fetch_page:
            return None
        page = fetch(item.parsed.url, self.policy)
        extracted = extract(decode(page.body, page.declared_charset), page.url)
        language = extracted.language
        if language and language.startswith("en") and guess_language(extracted.text) == "non-en":
            language = "non-en"  # a template's lang="en" over foreign text
        return _Text(extracted.headline, extracted.text, "fetched", language, page.url)

    def _judge(self, text: _Text) -> SignalResult:
        assert self.models is not None
        value: dict[str, Any] = {"source": text.source, "language": text.language}
        if text.language and not text.language.startswith("en"):
            return SignalResult(
                NAME,
                "unavailable",
                f"The page is not in English ({text.language}); the text models read English only.",
                value=value,
            )
        words = len((text.body or "").split())
        value["words"] = words
        reasons: list[str] = []
        points = 0.0
        headline = (text.title or "").strip()
        if len(headline.split()) >= MIN_HEADLINE_WORDS:
            pred = self.models.predict_headline(headline)
            value.update(
                headline=headline[:300],
                clickbait_probability=round(pred.probability, 3),
                clickbait_terms=list(pred.terms),
            )
            points += _points(pred.probability, self.settings["HEADLINE_MAX_POINTS"])
            reasons.append(_headline_reason(pred))
        if words >= self.settings["TEXT_MIN_WORDS"]:
            body = (text.body or "")[: self.settings["TEXT_MAX_CHARS"]]
            pred = self.models.predict_article(headline, body)
            value.update(
                fake_style_probability=round(pred.probability, 3), fake_style_terms=list(pred.terms)
            )
            points += _points(pred.probability, self.settings["ARTICLE_MAX_POINTS"])
            reasons.append(_article_reason(pred))
        if not reasons:
            return SignalResult(
                NAME,
                "unavailable",
                f"Too little text to judge: a headline of at least {MIN_HEADLINE_WORDS} words or "
                f"{self.settings['TEXT_MIN_WORDS']} words of article text are needed "
                f"(got {len(headline.split())} and {words}).",
                value=value,
            )
        return SignalResult(
            NAME,
            "ok",
            " ".join(reasons) + " " + CAVEAT,
            round(points, 1),
            value,
            _evidence(headline, text.page_url),
        )


def _points(probability: float, max_points: float) -> float:
    """−max at probability 1, 0 at 0.5, +max/3 at 0: sober style earns less than bad style costs.

    >>> _points(1.0, 10), _points(0.5, 10), _points(0.0, 9)
    (-10.0, 0.0, 3.0)
    """
    raw = (0.5 - probability) * 2 * max_points
    return round(float(max(-max_points, min(max_points / 3, raw))), 1)


def _quoted(terms: tuple[str, ...]) -> str:
    return ", ".join(f"'{t}'" for t in terms)


def _headline_reason(pred: Prediction) -> str:
    p = pred.probability
    if p >= 0.5:
        because = f": {_quoted(pred.terms)}" if pred.terms else ""
        return f"The headline reads like clickbait ({p:.2f}){because}."
    return f"The headline reads like a plain news headline (clickbait score {p:.2f})."


def _article_reason(pred: Prediction) -> str:
    p = pred.probability
    if p >= 0.5:
        because = f", e.g. {_quoted(pred.terms)}" if pred.terms else ""
        return (
            f"The article's wording resembles articles labelled fake in our training data "
            f"({p:.2f}){because}."
        )
    return f"The article's wording resembles mainstream reporting (fake-style score {p:.2f})."


def _evidence(headline: str, page_url: str | None) -> tuple[Evidence, ...]:
    links = []
    if headline:
        links.append(
            Evidence(
                "Fact-check search for the headline",
                "https://toolbox.google.com/factcheck/explorer/search/" + quote(headline[:200]),
            )
        )
    if page_url:
        links.append(Evidence("The page that was read", page_url))
    return tuple(links)
