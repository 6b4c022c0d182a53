"""Classify a host + path into a source type using ``source_types.toml``.

Pure logic, no network. The caller passes a host that is already normalised the way
``crapdetect.urls.parse_url`` does it (lower-case IDNA A-labels, no trailing dot) plus the
path and query. Matching is label-wise and segment-wise, never substring:

>>> rules = load_rules()
>>> classify("www.rt.com", rules=rules).type
'news'
>>> classify("deviantart.com", rules=rules).name
'Image and art platforms'
>>> classify("medium.com", "/@alice/why-x-1a2b", rules=rules).source
'medium.com/@alice'
>>> classify("ons.gov.uk", rules=rules).type      # the more specific entry wins over gov.uk
'government'
>>> classify("www1.cbn.com", rules=rules).type     # not in the built-in data
'unknown'

The precedence rule (SOURCE_TYPES_METHODOLOGY.md, section 4): among all rules that match, the one with the
most host labels wins, then the one with more exact (non-wildcard) labels, then more path
segments, then the earlier one in the file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qs

DATA_PATH = Path(__file__).resolve().parents[1] / "data" / "source_types.toml"
RUNTIME_TYPES = frozenset({"listed_unreliable", "lookalike", "unknown"})
RuleKind = Literal["suffix", "domain", "prefix", "account", "short", "wraps"]


class DataError(ValueError):
    """``source_types.toml`` is malformed; the message names the entry and the field."""


@dataclass(frozen=True)
class Entry:
    """One reviewed entry of the data file (an outlet, a platform, a suffix rule, ...)."""

    name: str
    type: str
    country: str | None = None
    kind: str | None = None
    flags: tuple[str, ...] = ()
    confidence: str = "high"
    basis: str = ""
    notes: str | None = None
    account_role: str = "account"
    domains: tuple[str, ...] = ()
    reserved: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Segment:
    """One path segment (or host label) template: literal, or prefix + capture."""

    literal: str  # the literal text, or the literal prefix before a capture
    capture: Literal["", "account", "id", "any", "url"] = ""

    @classmethod
    def parse(cls, text: str) -> _Segment:
        for token, capture in (
            ("{account}", "account"),
            ("{id}", "id"),
            ("{_}", "any"),
            ("{url}", "url"),
        ):
            if text.endswith(token):
                return cls(text[: -len(token)].lower(), capture)  # type: ignore[arg-type]
        if "{" in text or "}" in text:
            raise DataError(f"unsupported placeholder in {text!r}")
        return cls(text.lower())


@dataclass(frozen=True)
class Rule:
    """A host pattern (+ optional path and query pattern) pointing at an entry."""

    kind: RuleKind
    host: tuple[_Segment, ...]  # left to right, e.g. ({account}, substack, com)
    path: tuple[_Segment, ...]
    query: tuple[str, _Segment] | None
    entry: Entry
    order: int
    text: str
    subtree: bool  # domain/suffix/prefix rules also match subdomains; account rules don't

    @property
    def specificity(self) -> tuple[int, int, int, int]:
        """Sort key: host labels, exact labels, path segments, earlier in file."""
        exact = sum(1 for s in self.host if not s.capture)
        return (len(self.host), exact, len(self.path) + (1 if self.query else 0), -self.order)


@dataclass(frozen=True)
class SourceType:
    """What kind of source a URL is, and why.

    ``source`` is the identity to look up in other lists: the matched domain, or the account
    (``medium.com/@alice``, ``alice.substack.com``) when an account rule matched.
    """

    type: str
    name: str | None
    source: str
    reason: str
    rule: str | None = None
    account: str | None = None
    account_role: str | None = None
    wrapped_url: str | None = None
    entry: Entry | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (without the entry object)."""
        out = {k: v for k, v in self.__dict__.items() if k != "entry" and v is not None}
        if self.entry is not None:
            out.update(
                country=self.entry.country,
                flags=list(self.entry.flags),
                confidence=self.entry.confidence,
                basis=self.entry.basis,
            )
        return out


@dataclass(frozen=True)
class RuleSet:
    """All rules, indexed by their last two exact host labels, else the last one, else ``*``."""

    rules: tuple[Rule, ...]
    entries: tuple[Entry, ...]
    host_aliases: Mapping[str, str]
    _by_tld: Mapping[str, tuple[Rule, ...]] = field(repr=False)

    def candidates(self, host: str) -> Iterable[Rule]:
        """Rules whose last host labels can match ``host`` (a superset of the matches)."""
        labels = host.split(".")
        yield from self._by_tld.get(".".join(labels[-2:]), ())
        yield from self._by_tld.get(labels[-1], ())
        yield from self._by_tld.get("*", ())

    def outlets(self, types: Sequence[str] = ("news", "wire_service")) -> list[Entry]:
        """Entries of the given types (the known outlets for lookalike detection)."""
        return [e for e in self.entries if e.type in types]


def load_rules(path: Path | str = DATA_PATH) -> RuleSet:
    """Parse the TOML data file into a :class:`RuleSet`; raise DataError naming the problem."""
    return _load_rules_cached(str(path))


@lru_cache(maxsize=4)
def _load_rules_cached(path: str) -> RuleSet:
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    basis = str(data.get("default_basis", ""))
    types = set(data.get("types", {}))
    rules: list[Rule] = []
    entries: list[Entry] = []
    aliases: dict[str, str] = {}

    def add(kind: RuleKind, text: str, entry: Entry, *, subtree: bool) -> None:
        rules.append(_parse_rule(kind, text, entry, len(rules), subtree=subtree))

    for type_, items in data.get("suffix_rules", {}).items():
        _check_type(type_, types, "suffix_rules")
        for raw in items:
            entry = _entry({"name": f"{raw['suffix']} suffix", **raw}, type_, basis)
            entries.append(entry)
            add("suffix", raw["suffix"].replace("*", "{_}"), entry, subtree=True)
    for type_, items in data.get("entries", {}).items():
        _check_type(type_, types, "entries")
        for raw in items:
            entries.append(_add_entry(raw, type_, basis, add, aliases))
    for raw in data.get("platform", []):
        type_ = raw.get("type", "")
        _check_type(type_, types, f"platform {raw.get('name')!r}")
        entries.append(_add_entry(raw, type_, basis, add, aliases))
    by_tld: dict[str, list[Rule]] = {}
    for rule in rules:
        last = rule.host[-1]
        key = "*" if last.capture else last.literal
        if key != "*" and len(rule.host) >= 2 and not rule.host[-2].capture:
            key = f"{rule.host[-2].literal}.{key}"
        by_tld.setdefault(key, []).append(rule)
    return RuleSet(
        rules=tuple(rules),
        entries=tuple(entries),
        host_aliases=aliases,
        _by_tld={k: tuple(v) for k, v in by_tld.items()},
    )


def _check_type(type_: str, types: set[str], where: str) -> None:
    if type_ not in types or type_ in RUNTIME_TYPES:
        raise DataError(f"{where}: type {type_!r} is not a built-in type in [types]")


def _entry(raw: Mapping[str, Any], type_: str, basis: str) -> Entry:
    if not raw.get("name"):
        raise DataError(f"an entry of type {type_!r} has no name: {dict(raw)!r}")
    return Entry(
        name=raw["name"],
        type=type_,
        country=raw.get("country"),
        kind=raw.get("kind"),
        flags=tuple(raw.get("flags", ())),
        confidence=raw.get("confidence", "high"),
        basis=raw.get("basis", basis),
        notes=raw.get("notes"),
        account_role=raw.get("account_role", "account"),
        domains=tuple(raw.get("domains", ())),
        reserved=frozenset(r.lower() for r in raw.get("reserved", ())),
    )


def _add_entry(
    raw: Mapping[str, Any], type_: str, basis: str, add: Any, aliases: dict[str, str]
) -> Entry:
    entry = _entry(raw, type_, basis)
    for domain in raw.get("domains", ()):
        add("domain", domain, entry, subtree=True)
    for prefix in raw.get("prefixes", ()):
        add("prefix", prefix, entry, subtree=True)
    for template in raw.get("accounts", ()):
        for expanded in _expand_any_host(template, entry):
            add("account", expanded, entry, subtree=False)
    for template in raw.get("wraps", ()):
        add("wraps", template, entry, subtree=False)
    for short in raw.get("short", ()):
        add("short", short, entry, subtree=True)
    canonical = entry.domains[0] if entry.domains else None
    for alias in raw.get("host_aliases", ()):
        if canonical is None:
            raise DataError(f"{entry.name!r}: host_aliases need at least one domain")
        aliases[alias] = canonical
    return entry


def _expand_any_host(template: str, entry: Entry) -> list[str]:
    """``{_}/@{account}`` means "any of this entry's domains"."""
    host, sep, rest = template.partition("/")
    if host != "{_}":
        return [template]
    return [f"{domain}{sep}{rest}" for domain in entry.domains]


def _parse_rule(kind: RuleKind, text: str, entry: Entry, order: int, *, subtree: bool) -> Rule:
    target, _, query_text = text.partition("?")
    host_text, _, path_text = target.partition("/")
    if not host_text or host_text != host_text.strip() or " " in text:
        raise DataError(f"{entry.name!r}: bad pattern {text!r}")
    host = tuple(_Segment.parse(label) for label in host_text.split("."))
    path = tuple(_Segment.parse(seg) for seg in path_text.split("/") if seg)
    query: tuple[str, _Segment] | None = None
    if query_text:
        key, eq, value = query_text.partition("=")
        if not eq:
            raise DataError(f"{entry.name!r}: query pattern {text!r} needs key={{...}}")
        query = (key, _Segment.parse(value))
    if kind in ("domain", "prefix", "short") and any(s.capture for s in host):
        raise DataError(f"{entry.name!r}: {kind} {text!r} cannot contain placeholders")
    return Rule(kind, host, path, query, entry, order, text, subtree)


def classify(
    host: str,
    path: str = "/",
    query: str = "",
    *,
    domain: str | None = None,
    rules: RuleSet | None = None,
) -> SourceType:
    """Return the source type of ``host`` + ``path`` (+ ``query``).

    ``host`` must be a normalised A-label host and ``domain`` its registrable domain (both as
    ``crapdetect.urls.ParsedURL`` gives them); ``domain`` only names the source of suffix-rule
    and unknown results.
    """
    rules = rules or load_rules()
    host = host.lower().rstrip(".")
    bare = host[4:] if host.startswith("www.") else host
    bare = rules.host_aliases.get(bare, bare)
    segments = [s for s in path.split("/") if s]
    params = parse_qs(query, keep_blank_values=False)
    best: tuple[Rule, dict[str, str]] | None = None
    for rule in rules.candidates(bare):
        captures = _match(rule, bare, segments, params, path)
        if captures is None:
            continue
        if best is None or rule.specificity > best[0].specificity:
            best = (rule, captures)
    if best is None:
        return SourceType("unknown", None, domain or bare, "no built-in rule matches this host")
    return _result(best[0], best[1], bare, domain)


def _match(
    rule: Rule, host: str, segments: list[str], params: Mapping[str, list[str]], raw_path: str
) -> dict[str, str] | None:
    labels = host.split(".")
    n = len(rule.host)
    if len(labels) < n or (not rule.subtree and len(labels) != n):
        return None
    captures: dict[str, str] = {}
    for template, label in zip(rule.host, labels[-n:], strict=True):
        if not _match_segment(template, label, rule.entry, captures):
            return None
    if rule.kind == "wraps":
        return _match_wrapped(rule, segments, params, raw_path, captures)
    if len(segments) < len(rule.path):
        return None
    matched: list[str] = []
    for template, segment in zip(rule.path, segments, strict=False):
        if not _match_segment(template, segment, rule.entry, captures):
            return None
        matched.append(segment if template.capture == "id" else segment.lower())
    if rule.query is not None:
        key, template = rule.query
        values = params.get(key)
        if not values or not _match_segment(template, values[0], rule.entry, captures):
            return None
        matched[-1:] = [f"{matched[-1] if matched else ''}?{key}={values[0]}"]
    captures["_path"] = "/".join(matched)
    return captures


def _match_segment(template: _Segment, text: str, entry: Entry, captures: dict[str, str]) -> bool:
    lowered = text.lower()
    if not template.capture:
        return lowered == template.literal
    if not lowered.startswith(template.literal):
        return False
    value = text[len(template.literal) :]
    if not value or template.capture == "any":
        return bool(value)
    if template.capture == "account":
        value = value.lower()
        if not template.literal and value in entry.reserved:
            return False
    captures[template.capture] = value
    return True


def _match_wrapped(
    rule: Rule,
    segments: list[str],
    params: Mapping[str, list[str]],
    raw_path: str,
    captures: dict[str, str],
) -> dict[str, str] | None:
    if rule.query is not None:
        values = params.get(rule.query[0])
        if not values:
            return None
        captures["url"] = values[0]
        return captures
    fixed = [s for s in rule.path if s.capture != "url"]
    if len(segments) <= len(fixed):
        return None
    for template, segment in zip(fixed, segments, strict=False):
        if not _match_segment(template, segment, rule.entry, captures):
            return None
    # Keep the rest of the raw path intact: "https://x" contains "//".
    rest = raw_path.lstrip("/").split("/", len(fixed))[-1]
    captures["url"] = rest if "://" in rest else rest.replace(":/", "://", 1)
    return captures


def _result(rule: Rule, captures: Mapping[str, str], host: str, domain: str | None) -> SourceType:
    entry = rule.entry
    matched = _domain_text(rule, host)
    if rule.kind == "suffix":
        source = domain or host
        return SourceType(
            entry.type,
            entry.name,
            source,
            f"{host} ends in {rule.text.replace('{_}', '*')}, a name reserved for "
            f"{entry.type.replace('_', ' ')} registrants"
            + (f" ({entry.country})" if entry.country else ""),
            rule.text,
            entry=entry,
        )
    if rule.kind == "prefix":
        matched = matched + "/" + "/".join(s.literal for s in rule.path)
    if rule.kind == "short":
        return SourceType(
            "url_shortener",
            f"{entry.name} short links",
            matched,
            f"{matched} is a vanity short-link domain of {entry.name}; expand it to see the article",
            rule.text,
            entry=entry,
        )
    if rule.kind == "wraps":
        return SourceType(
            entry.type,
            entry.name,
            matched,
            f"{entry.name} wraps another URL; that URL is the source to check",
            rule.text,
            wrapped_url=captures.get("url"),
            entry=entry,
        )
    account = captures.get("account") or captures.get("id")
    if rule.kind == "account" and account:
        source = _account_source(rule, captures, host)
        return SourceType(
            entry.type,
            entry.name,
            source,
            f"{source} is a {entry.account_role} on {entry.name}: the {entry.account_role}, "
            f"not {entry.name}, is the source",
            rule.text,
            account=account,
            account_role=entry.account_role,
            entry=entry,
        )
    reason = f"{matched} is {entry.name} ({entry.type.replace('_', ' ')}; matched {rule.text})"
    return SourceType(entry.type, entry.name, matched, reason, rule.text, entry=entry)


def _domain_text(rule: Rule, host: str) -> str:
    """Return the part of ``host`` the rule matched (``www.bbc.co.uk`` -> ``bbc.co.uk``)."""
    labels = host.split(".")
    return ".".join(labels[-len(rule.host) :])


def _account_source(rule: Rule, captures: Mapping[str, str], host: str) -> str:
    host_part = ".".join(host.split(".")[-len(rule.host) :])
    path = captures.get("_path", "")
    return f"{host_part}/{path}" if path else host_part
