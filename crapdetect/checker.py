"""The spine: ``Checker.check(url) -> Verdict``, shared by the API and the CLI."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from . import __version__, clock
from .batch.schedule import run_when_ready
from .cache import Cache
from .config import load_settings
from .errors import CrapDetectError, InvalidURL, ModelError, SignalError
from .pages.fetcher import FetchPolicy, final_url
from .registry.service import DomainAgeService
from .score import ScoreRules, combine, summarise
from .signals import CheckInput, Signal, SignalResult
from .signals.domain_age import DomainAgeSignal
from .signals.popularity import PopularitySignal
from .signals.source_type import SourceTypeSignal
from .signals.text import TextSignal
from .sources.knowledge import classify, load_rules
from .sources.lists import ListStore
from .sources.lookalike import (
    LookalikeDetector,
    allowed_domains,
    outlets_from_rules,
    platform_domains,
)
from .sources.overrides import Overrides
from .sources.prior import DomainPrior
from .textmodels import DEFAULT_DIR as DEFAULT_MODELS_DIR
from .urls import ParsedURL, parse_url

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Verdict:
    url: str
    domain: str
    host: str
    score: int
    label: str
    confidence: float
    summary: str
    signals: tuple[SignalResult, ...]
    missing: tuple[str, ...]
    checked_at: str
    versions: Mapping[str, Any]
    expanded_from: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape the API and CLI print (without the envelope's ``ok``)."""
        return {
            "url": self.url,
            "domain": self.domain,
            "host": self.host,
            "score": self.score,
            "label": self.label,
            "confidence": self.confidence,
            "summary": self.summary,
            "signals": [s.to_dict() for s in self.signals],
            "missing": list(self.missing),
            "expanded_from": list(self.expanded_from),
            "checked_at": self.checked_at,
            "versions": dict(self.versions),
        }


class Checker:
    """Parse a URL, run every signal, combine. Build once; thread-safe."""

    def __init__(
        self, settings: Mapping[str, Any] | None = None, signals: Sequence[Signal] | None = None
    ) -> None:
        self.settings = load_settings(settings)
        self.cache = Cache(self.settings["CACHE_PATH"])
        self.domain_ages = DomainAgeService(self.settings, self.cache)
        self.source_rules = load_rules()
        self.lists = ListStore(self.settings["LISTS_PATH"])
        self.signals: tuple[Signal, ...] = (
            tuple(signals)
            if signals is not None
            else (
                DomainAgeSignal(
                    self.domain_ages,
                    self.settings["DOMAIN_AGE_POINTS"],
                    self.settings["BATCH_LOOKUP_DEADLINE_S"],
                ),
                self._source_type_signal(),
                TextSignal(self.settings),
                PopularitySignal(self.lists, self.settings["POPULARITY_POINTS"]),
            )
        )
        # Signals wait on different upstreams (registry, the page): run them side by side.
        self._pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="crapdetect-signal")
        self._batch_pools: set[ThreadPoolExecutor] = set()
        self._closing = False
        self.rules = ScoreRules.from_settings(self.settings)
        self.versions = {
            "crapdetect": __version__,
            "rdap_bootstrap": self.domain_ages.bootstrap.publication,
        }

    def _source_type_signal(self) -> SourceTypeSignal:
        overrides = Overrides.from_settings(
            self.settings["SOURCE_ALLOW"],
            self.settings["SOURCE_DENY"],
            self.settings["SOURCE_OVERRIDES_FILE"],
        )
        detector = LookalikeDetector(
            outlets_from_rules(self.source_rules),
            allow=allowed_domains(self.source_rules),
            platforms=platform_domains(self.source_rules),
        )
        return SourceTypeSignal(
            self.settings,
            self.source_rules,
            detector,
            overrides,
            lists=self.lists,
            prior=self._domain_prior(),
        )

    def _domain_prior(self) -> DomainPrior | None:
        try:
            return DomainPrior(Path(self.settings["MODELS_DIR"] or DEFAULT_MODELS_DIR))
        except ModelError as exc:
            log.warning("domain-name prior unavailable: %s", exc.message)
            return None

    def parse(self, url: str) -> ParsedURL:
        """Validate ``url`` with the configured limits; raises InvalidURL."""
        return parse_url(
            url,
            max_length=self.settings["MAX_URL_LENGTH"],
            extra_suffixes=frozenset(self.settings["EXTRA_PUBLIC_SUFFIXES"]),
        )

    def check(
        self,
        url: str,
        *,
        title: str | None = None,
        text: str | None = None,
        fetch_page: bool = True,
        batch: bool = False,
    ) -> Verdict:
        """Score ``url``. Raises InvalidURL for bad input, never for upstream trouble."""
        start = CheckInput(
            self.parse(url), title=title, text=text, fetch_page=fetch_page, batch=batch
        )
        return self._verdict(start)

    def _verdict(self, start: CheckInput) -> Verdict:
        item = self._unwrap(start)
        parsed = item.parsed
        if item.batch:
            # The batch's own workers already give the concurrency; a shared pool would queue.
            results = tuple(self._run(signal, item) for signal in self.signals)
        else:
            futures = [self._pool.submit(self._run, signal, item) for signal in self.signals]
            results = tuple(future.result() for future in futures)
        combined = combine(results, self.rules)
        log.info(
            "checked %s: %s %d",
            parsed.url if self.settings["LOG_FULL_URLS"] else parsed.domain,
            combined.label,
            combined.score,
        )
        return Verdict(
            url=parsed.url,
            domain=parsed.domain,
            host=parsed.host,
            score=combined.score,
            label=combined.label,
            confidence=combined.confidence,
            summary=summarise(combined, results),
            signals=results,
            missing=combined.missing,
            expanded_from=item.via,
            checked_at=clock.utcnow().isoformat(timespec="seconds"),
            versions=self.versions,
        )

    def check_many(
        self,
        urls: Sequence[str],
        *,
        fetch_pages: bool = False,
        workers: int | None = None,
        stop: threading.Event | None = None,
    ) -> Iterator[tuple[int, Verdict | CrapDetectError]]:
        """Check many URLs concurrently; yield ``(index, verdict or error)`` as each finishes.

        Domain facts are looked up once per registrable domain (cache + single-flight), so a
        list with many links to one site costs one registry query, and a link is checked
        once its domain's facts are in (:mod:`crapdetect.batch.schedule`). Setting ``stop``
        ends the iteration within a fraction of a second (what Ctrl-C does in the CLI).
        """
        parsed = [self._parse_or_error(url) for url in urls]
        pending = self._prefetch_domains([p for p in parsed if isinstance(p, ParsedURL)])

        def one(item: ParsedURL | InvalidURL) -> Verdict | CrapDetectError:
            if isinstance(item, InvalidURL):  # a bad line is a row with a reason, not a crash
                return item
            try:
                return self._verdict(CheckInput(item, fetch_page=fetch_pages, batch=True))
            except CrapDetectError as exc:
                return exc

        jobs = [
            (partial(one, p), pending.get(p.domain) if isinstance(p, ParsedURL) else None)
            for p in parsed
        ]
        workers = workers or self.settings["BATCH_WORKERS"]
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="crapdetect-batch")
        self._batch_pools.add(pool)
        finished = False
        try:
            done = 0
            for index, future in run_when_ready(pool, jobs, stop=stop):
                yield index, future.result()
                done += 1
            finished = done == len(jobs)
        finally:
            # On Ctrl-C or an abandoned generator, drop what has not started yet; the checks
            # still running end within their deadlines, and close() waits for them before it
            # closes the stores they use.
            pool.shutdown(wait=finished, cancel_futures=True)
            if finished:
                self._batch_pools.discard(pool)

    def _parse_or_error(self, url: str) -> ParsedURL | InvalidURL:
        try:
            return self.parse(url)
        except InvalidURL as exc:
            return exc

    def _prefetch_domains(self, items: Sequence[ParsedURL]) -> dict[str, Future[Any]]:
        """Queue every distinct domain's registry lookup up front, spread across servers.

        While those wait on the registries, signals with a ``prepare`` step do their
        per-site work for the whole batch at once (e.g. one model call for every name).
        Returns the pending lookups by domain.
        """
        pending = self.domain_ages.prefetch(
            [(parsed.domain, parsed.suffix) for parsed in items],
            budget_s=self.settings["BATCH_LOOKUP_DEADLINE_S"],
        )
        for signal in self.signals:
            prepare = getattr(signal, "prepare", None)
            if prepare is not None:
                prepare(items)
        return dict(pending)

    def _unwrap(self, item: CheckInput) -> CheckInput:
        """Follow short links and archive/redirect wrappers to the page they stand for."""
        if not self.settings["EXPAND_SHORT_LINKS"]:
            return item
        via: list[str] = []
        parsed = item.parsed
        for _ in range(3):  # a short link to a short link, at most
            kind = classify(
                parsed.host,
                parsed.path,
                parsed.query,
                domain=parsed.domain,
                rules=self.source_rules,
            )
            try:
                if kind.wrapped_url:
                    target = kind.wrapped_url
                elif kind.type == "url_shortener":
                    target, _hops = final_url(parsed.url, FetchPolicy.from_settings(self.settings))
                else:
                    break
                destination = self.parse(target)
            except (SignalError, InvalidURL) as exc:
                return replace(item, parsed=parsed, via=tuple(via), via_error=exc.message)
            if destination.url == parsed.url:
                break
            via.append(parsed.url)
            parsed = destination
        return replace(item, parsed=parsed, via=tuple(via))

    def _run(self, signal: Signal, item: CheckInput) -> SignalResult:
        try:
            return signal.run(item)
        except Exception:  # one broken signal must not sink the verdict
            if not self._closing:  # while closing, lookups are cancelled on purpose
                log.exception("signal %s failed", signal.name)
            return SignalResult(
                signal.name,
                "error",
                "This check failed inside crapdetect; the verdict was made without it.",
            )

    def health(self) -> dict[str, Any]:
        return {
            "versions": self.versions,
            "cache": self.cache.stats(),
            "domain_age": self.domain_ages.describe(),
            "signals": {
                s.name: s.describe() if hasattr(s, "describe") else {"status": "ok"}
                for s in self.signals
            },
        }

    def close(self, timeout_s: float | None = None) -> bool:
        """Stop the workers, then close the stores they use: never the other way round.

        With ``timeout_s``, give up waiting after that long and leave the stores open (for a
        process about to exit); return whether everything was closed.
        """
        self._closing = True
        self.domain_ages.cancel_queued()  # checks waiting on a queued lookup stop at once
        stopper = threading.Thread(target=self._stop_workers, name="crapdetect-close", daemon=True)
        stopper.start()
        stopper.join(timeout_s)
        if stopper.is_alive():
            log.warning("checks still running after %.0f s; stores left open", timeout_s)
            return False
        self.lists.close()
        return True

    def _stop_workers(self) -> None:
        for pool in [self._pool, *self._batch_pools.copy()]:  # copy(): atomic under the GIL
            pool.shutdown(wait=True, cancel_futures=True)
        self._batch_pools.clear()
        self.domain_ages.close()  # waits for registry lookups still running
