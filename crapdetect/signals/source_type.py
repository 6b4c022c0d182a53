"""What kind of source this is, the way a careful reader would work it out.

Order of evidence, strongest first: your own allow/deny overrides; imitation of
a known outlet (lookalike); imported credibility lists (with their provenance);
the built-in, reviewed knowledge of suffixes, platforms and outlets; and, for a
site nobody lists, a weak hint from the domain-name prior. Absence from every
list is never read as trustworthiness.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from ..memo import Memo
from ..sources.knowledge import RuleSet, SourceType, classify
from ..sources.lookalike import Lookalike, LookalikeDetector
from ..sources.overrides import Override, Overrides
from ..urls import ParsedURL
from . import CheckInput, Evidence, SignalResult

NAME = "source_type"
PRIOR_STRENGTH = 0.25  # the prior earns a quarter of the signal's confidence weight


class SourceTypeSignal:
    name = NAME

    def __init__(
        self,
        settings: Mapping[str, Any],
        rules: RuleSet,
        detector: LookalikeDetector,
        overrides: Overrides,
        lists: Any = None,
        prior: Any = None,
    ) -> None:
        self.settings = settings
        self.rules = rules
        self.detector = detector
        self.overrides = overrides
        self.lists = lists
        self.prior = prior
        # Hosts repeat in lists, and a domain's links are checked at the same moment.
        self._lookalikes: Memo[str, Lookalike | None] = Memo(detector.check)

    def describe(self) -> dict[str, Any]:
        return {
            "status": "ok",
            "built_in_rules": len(self.rules.rules),
            "lists": [info.name for info in self.lists.lists()] if self.lists else [],
            "overrides": len(self.overrides.rules),
            "domain_prior": self.prior is not None,
        }

    def run(self, item: CheckInput) -> SignalResult:
        parsed = item.parsed
        kind = classify(
            parsed.host, parsed.path, parsed.query, domain=parsed.domain, rules=self.rules
        )
        matches = self.lists.lookup(parsed.host, parsed.domain, parsed.path) if self.lists else []
        lookalike = self._lookalikes(parsed.host)
        override = self.overrides.match(parsed.host, parsed.path)
        value: dict[str, Any] = {
            "type": kind.type,
            **{k: v for k, v in kind.to_dict().items() if k not in ("reason", "type")},
            "lists": [_match_dict(m) for m in matches],
        }
        via = _via_sentence(item)
        evidence = _evidence(parsed, kind, matches)
        if override is not None:
            return self._override(override, kind, value, via, evidence)
        if lookalike is not None:
            value.update(
                type="lookalike",
                imitates=lookalike.outlet,
                imitates_domain=lookalike.outlet_domain,
                lookalike_kind=lookalike.kind,
            )
            return SignalResult(
                NAME,
                "ok",
                via + _lookalike_reason(lookalike),
                self._type_points("lookalike"),
                value,
                (
                    Evidence(f"The real {lookalike.outlet}", f"https://{lookalike.outlet_domain}/"),
                    *evidence,
                ),
            )
        if matches:
            return self._listed(kind, matches, value, via, evidence)
        if kind.type != "unknown":
            return SignalResult(
                NAME, "ok", via + _type_reason(kind), self._type_points(kind.type), value, evidence
            )
        return self._unknown(parsed, value, via, evidence)

    def prepare(self, items: Sequence[ParsedURL]) -> None:
        """Score a batch's domains with the name prior in one model call, up front."""
        if self.prior is not None:
            self.prior.predict_many(item.domain for item in items)

    def _type_points(self, type_: str) -> float:
        return float(self.settings["SOURCE_TYPE_POINTS"].get(type_, 0))

    def _override(
        self,
        override: Override,
        kind: SourceType,
        value: dict[str, Any],
        via: str,
        evidence: tuple[Evidence, ...],
    ) -> SignalResult:
        trusted = override.decision == "allow"
        value.update(
            override=override.decision, override_key=override.key, override_origin=override.origin
        )
        reason = (
            f"{via}Your own {'allow' if trusted else 'deny'} list ({override.origin}) "
            f"{'trusts' if trusted else 'distrusts'} {override.key}; that decision wins over "
            f"every list. Without it: {_type_reason(kind)}"
        )
        return SignalResult(
            NAME,
            "ok",
            reason,
            self._type_points("allowed" if trusted else "denied"),
            value,
            evidence,
        )

    def _listed(
        self,
        kind: SourceType,
        matches: Sequence[Any],
        value: dict[str, Any],
        via: str,
        evidence: tuple[Evidence, ...],
    ) -> SignalResult:
        scored = [(self._list_points(m), m) for m in matches]
        candidates = [p for p, _ in scored]
        if kind.type != "unknown":
            candidates.append(self._type_points(kind.type))
        negatives = [p for p in candidates if p < 0]
        points = min(negatives) if negatives else max(candidates)
        value["type"] = (
            "listed_unreliable" if negatives else kind.type if kind.type != "unknown" else "listed"
        )
        parts = [_list_sentence(m) for _, m in scored]
        head = _type_reason(kind) + " " if kind.type != "unknown" else ""
        rule = " The most negative listing counts." if len(matches) > 1 and negatives else ""
        return SignalResult(
            NAME, "ok", via + head + " ".join(parts) + rule, points, value, evidence
        )

    def _list_points(self, match: Any) -> float:
        """MBFC's ratings when present, plus the category when it is negative; the lowest counts."""
        extra = getattr(match, "extra", None) or {}
        ratings = [
            self.settings["MBFC_POINTS"].get(extra.get(k) or "")
            for k in ("reporting", "credibility")
        ]
        found = [float(p) for p in ratings if p is not None]
        table = self.settings["LIST_CATEGORY_POINTS"]
        for category in match.categories:
            points = table.get(category)
            if points is not None and (points < 0 or not ratings or not found):
                found.append(float(points))
        return min(found) if found else 0.0

    def _unknown(
        self, parsed: ParsedURL, value: dict[str, Any], via: str, evidence: tuple[Evidence, ...]
    ) -> SignalResult:
        base = (
            f"No built-in rule or imported list knows {parsed.domain}. Absence from lists is not "
            "a sign of trustworthiness: most sites are on none."
        )
        if self.prior is None:
            return SignalResult(NAME, "unavailable", via + base, 0.0, value, evidence)
        probability = self.prior.predict(parsed.domain)
        max_points = self.settings["DOMAIN_PRIOR_MAX_POINTS"]
        points = round((0.5 - probability) * 2 * max_points, 1)
        value["domain_prior_low_credibility"] = round(probability, 3)
        hint = (
            "resembles the names of sites rated low-credibility"
            if probability >= 0.5
            else "resembles the names of sites rated credible"
        )
        reason = (
            f"{via}{base} Its name {hint} ({probability:.2f}); that is a weak hint from the "
            "name alone."
        )
        return SignalResult(NAME, "ok", reason, points, value, evidence, strength=PRIOR_STRENGTH)


def _type_reason(kind: SourceType) -> str:
    label = kind.type.replace("_", " ")
    if kind.type == "unknown":
        return "No built-in rule knows this site."
    text = kind.reason + "."
    advice = {
        "satire": " Satire: its stories are meant to be untrue; do not share them as news.",
        "url_shortener": " A short link hides its destination; expand it before trusting it.",
        "ugc_platform": " Anyone can publish here: judge the account, not the platform.",
        "blog_host": " Anyone can publish here: judge the blog and its author.",
        "social_network": " Judge the account: who is behind it, and what do others say?",
        "forum": " Posts are by individual users; look for the original source.",
        "press_release": " A press release is the organisation's own claim, not reporting.",
        "news": " A known news outlet; that is not proof every story is right.",
    }.get(kind.type, "")
    if kind.entry is not None and "state" in kind.entry.flags:
        advice += " It is state-controlled media."
    return f"{text} Type: {label}.{advice}"


def _lookalike_reason(found: Lookalike) -> str:
    return (
        f"{found.host} looks like an imitation of {found.outlet} ({found.outlet_domain}): "
        f"{found.reason}. Impostor sites borrow a trusted name; go to the real site instead."
    )


def _list_sentence(match: Any) -> str:
    note = f" ({match.note})" if match.note else ""
    return f"{match.reason}{note}."


def _match_dict(match: Any) -> dict[str, Any]:
    return {
        "list": match.list_name,
        "licence": match.licence,
        "imported_at": str(match.imported_at),
        "category": match.category,
        "note": getattr(match, "note", None),
        "title": match.title,
        "match": match.kind,
        "key": getattr(match, "key", None),
        "extra": getattr(match, "extra", None) or {},
    }


def _via_sentence(item: CheckInput) -> str:
    if item.via_error:
        return f"This short link could not be expanded ({item.via_error}), so its destination is unknown. "
    if not item.via:
        return ""
    return f"{item.via[0]} leads to {item.parsed.url}, which is what was checked. "


def _evidence(parsed: ParsedURL, kind: SourceType, matches: Sequence[Any]) -> tuple[Evidence, ...]:
    links = []
    for match in matches:
        review = (getattr(match, "extra", None) or {}).get("review_url")
        if review:
            links.append(Evidence(f"{match.list_name} review", review))
    subject = kind.name or parsed.domain
    links.append(
        Evidence(
            "Wikipedia search for the site",
            "https://en.wikipedia.org/w/index.php?search=" + quote(subject),
        )
    )
    links.append(
        Evidence(
            "What others say (news search)",
            "https://www.google.com/search?q=" + quote(f'"{parsed.domain}" -site:{parsed.domain}'),
        )
    )
    return tuple(links)
