"""Detect domains that imitate a known news outlet (impostors, typosquats, homoglyphs).

Pure logic, no network: give the detector the known outlets (from ``source_types.toml``) and a
normalised host (lower-case IDNA A-labels, as ``crapdetect.urls.parse_url`` returns it).

>>> detector = LookalikeDetector([Outlet("ABC News", ("abcnews.go.com", "abcnews.com")),
...                               Outlet("The New York Times", ("nytimes.com",)),
...                               Outlet("BBC", ("bbc.co.uk", "bbc.com"))])
>>> detector.check("abcnews.com.co").kind
'name-in-other-domain'
>>> detector.check("nytimez.com").kind
'typosquat'
>>> detector.check("bbc.co.uk.news-update.net").outlet
'BBC'
>>> detector.check("xn--nytimes-5ug.com") is None   # not a homoglyph of anything we know
True
>>> detector.check("www.nytimes.com") is None        # the outlet itself
True

Kinds, strongest first (``check`` returns the strongest, ``check_all`` every match):

- ``name-in-other-domain``: an outlet's whole domain inside another host
  (``bbc.co.uk.news-update.net``); its name with another suffix (``abcnews.com.co``); its name
  plus a news word (``cnnbreaking.com``, ``cnn-breaking.com``, ``realbbc.com``).
- ``confusable``: the host looks the same once homoglyphs are folded (Cyrillic ``о`` for Latin
  ``o``, ``rn`` for ``m``, ``0`` for ``o``).
- ``typosquat``: one typing slip (neighbouring key, swapped, doubled or dropped letter) from an
  outlet name of 7+ letters (``nytimez.com``, ``washingtonpots.com``).

Design choice: a false alarm on a real outlet is worse than a miss, so names that are ordinary
words (``time``, ``mirror``, ``express``...) are only matched by the whole-domain rule, short names
are never typo-matched, and every domain in ``allow`` (all built-in entries) is never flagged.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from publicsuffixlist import PublicSuffixList

from ..memo import once
from .confusables import mixed_scripts, skeleton, to_unicode, typo_slip

Kind = Literal["name-in-other-domain", "confusable", "typosquat"]
_KIND_RANK: dict[str, int] = {"name-in-other-domain": 0, "confusable": 1, "typosquat": 2}

# Words that news sites add to a stolen name: "cnn-breaking", "foxnews24", "realbbc".
NEWS_AFFIXES = frozenset(
    """news breaking live update updates daily today now 24 24h 247 365 tv online world usa us
    uk report reports alert alerts media post info official hq latest headlines times journal
    real my your true original network channel press insider global""".split()
)
# Outlet names that are ordinary words: only the whole-domain rule applies to them. Written by
# hand; extended after reviewing false positives on popular domains (see RESULTS.md).
GENERIC_NAMES = frozenset(
    """time times vox slate salon reason wired nation mirror express independent standard
    observer metro sun star globe post herald tribune journal telegraph guardian economist
    week fortune people politico axios semafor forbes variety news today world daily insider
    vice verge hill thehill spectator marianne stern focus bild welt zeit presse kurier
    expresso publico observador semana proceso perfil clarin nacion prensa milenio tempo
    mint print wire quint scroll caixin watson blick delo sme index telex ara deber libero
    foglio post internazionale stuff crikey newsroom spinoff cope rtl nos nu ad trouw parool
    telegraaf grist science finance apple citizen thecitizen thestar thesun thetimes thenews
    thedailystar news24 9news 7news 1news pravda statesman foreignpolicy liberation altnews
    chronicle thejournal national nationalpost theweek theatlantic asahi standaard
    mundo pais tiempo republica repubblica periodico nacion universal comercio nacional economista
    universo observador espectador diario heraldo inquirer courier gazette graphic australian
    scotsman paper dailystar dailynews dailyexpress kansascity cleveland tampabay""".split()
)
# Leading articles stripped before the generic check: "elpais" -> "pais", "thepaper" -> "paper".
_ARTICLES = (
    "the",
    "el",
    "la",
    "le",
    "il",
    "lo",
    "los",
    "las",
    "les",
    "der",
    "die",
    "das",
    "de",
    "het",
    "o",
    "a",
)
# Suffixes that impostors pick to look like a ".com" address or a news brand. A country-code
# extension of the outlet's own suffix (com -> com.co) is handled separately.
ABUSED_SUFFIXES = frozenset(
    "co cm om news website site online live today info xyz top press buzz club space world report ws".split()
)
# Suffixes where a typo of a .com name is plausible (ccTLDs of unrelated countries are not).
_TYPO_SUFFIXES = frozenset(
    "com net org co info news online site xyz top live me us biz website today".split()
)
# Words that end many outlet names: a slip in the short part before them ("cbs" in cbsnews)
# usually spells another outlet's acronym (cnsnews), so such slips are not counted.
_NAME_ENDINGS = (
    "news",
    "times",
    "online",
    "post",
    "daily",
    "herald",
    "journal",
    "tribune",
    "today",
    "report",
    "mail",
    "wire",
    "press",
    "live",
    "tv",
)
_MIN_TYPO_LEN = 7  # shorter names collide with real words and other outlets
_MIN_TOKEN_LEN = 3  # shorter names (ft, dw) are never matched as tokens


@dataclass(frozen=True)
class Outlet:
    """A known outlet: display name, its own domains, country, and whether it runs editions.

    ``editions`` means the outlet publishes country editions under its own name in other
    suffixes (espn.com.br, huffingtonpost.fr): the same name elsewhere is then not suspicious.
    """

    name: str
    domains: tuple[str, ...]
    country: str | None = None
    editions: bool = False


@dataclass(frozen=True)
class Lookalike:
    """A host that imitates ``outlet`` (whose domain is ``outlet_domain``)."""

    host: str
    outlet: str
    outlet_domain: str
    kind: Kind
    reason: str


@dataclass(frozen=True)
class _Brand:
    label: str  # "nytimes", "abcnews", "bbc"
    suffix: str  # "com", "co.uk"; "" for host-level names (abcnews.go.com)
    domain: str
    outlet: str
    country: str | None = None
    editions: bool = False
    origin: Literal["domain", "host", "name"] = "domain"

    @property
    def generic(self) -> bool:
        if self.label in GENERIC_NAMES:
            return True
        return any(
            self.label.startswith(article) and self.label[len(article) :] in GENERIC_NAMES
            for article in _ARTICLES
        )


@once
def _psl() -> PublicSuffixList:
    return PublicSuffixList(only_icann=True)


class LookalikeDetector:
    """Index the outlets' names once; ``check(host)`` is then a few dictionary look-ups."""

    def __init__(
        self, outlets: Iterable[Outlet], *, allow: Iterable[str] = (), platforms: Iterable[str] = ()
    ) -> None:
        self._brands: dict[str, list[_Brand]] = {}
        self._own: set[str] = set()
        self._skeletons: dict[str, list[_Brand]] = {}
        self._by_length: dict[int, list[_Brand]] = {}
        for outlet in outlets:
            for domain in outlet.domains:
                self._own.add(domain)
                for brand in _brands_of(outlet, domain):
                    self._brands.setdefault(brand.label, []).append(brand)
                    self._skeletons.setdefault(skeleton(brand.label), []).append(brand)
                    self._by_length.setdefault(len(brand.label), []).append(brand)
        self._own.update(allow)
        # User-content platforms beyond the PSL private section (medium.com, substack.com):
        # their subdomains are accounts, which can impersonate an outlet.
        self._platforms = set(platforms)

    def check(self, host: str) -> Lookalike | None:
        """Return the strongest imitation found for ``host``, or None."""
        found = self.check_all(host)
        return found[0] if found else None

    def check_all(self, host: str) -> list[Lookalike]:
        """Every imitation found for ``host``, strongest kind first."""
        host = host.lower().rstrip(".")
        if self._is_own(host):
            return []
        psl = _psl()
        registrable = psl.privatesuffix(host)
        suffix = psl.publicsuffix(host)
        if registrable is None or suffix is None:
            return []
        label = registrable[: -len(suffix) - 1]
        sub_labels = host[: -len(registrable)].rstrip(".").split(".") if host != registrable else []
        found: list[Lookalike] = []
        found += self._embedded_domain(host, registrable, sub_labels)
        found += self._same_name(host, label, suffix)
        found += self._name_with_affix(host, label, sub_labels)
        found += self._confusable(host, label)
        found += self._typosquat(host, label, suffix)
        found.sort(key=lambda f: _KIND_RANK[f.kind])
        unique: dict[tuple[str, str], Lookalike] = {}
        for item in found:
            unique.setdefault((item.outlet, item.kind), item)
        return list(unique.values())

    def _is_own(self, host: str) -> bool:
        """Tell whether ``host`` belongs to an outlet or built-in entry (accounts on platforms do not).

        On a user-content platform (PSL private section) only names at or below the account's
        site count: foxnews.blogspot.com is not covered by the entry for blogspot.com.
        """
        labels = host.split(".")
        floor = len(labels) - 1
        site = self._account_site(host)
        if site:
            floor = len(labels) - len(site.split(".")) + 1
        return any(".".join(labels[i:]) in self._own for i in range(min(floor, len(labels) - 1)))

    def _account_site(self, host: str) -> str | None:
        """``foxnews.blogspot.com`` for any host on a user-content platform, else None."""
        if _on_private_suffix(host):
            return _psl_all().privatesuffix(host)
        labels = host.split(".")
        for i in range(1, len(labels) - 1):
            if ".".join(labels[i:]) in self._platforms:
                return ".".join(labels[i - 1 :])
        return None

    def _embedded_domain(
        self, host: str, registrable: str, sub_labels: list[str]
    ) -> list[Lookalike]:
        """``bbc.co.uk.news-update.net``: an outlet's full domain left of the real one."""
        if not sub_labels:
            return []
        out = []
        text = "." + ".".join(sub_labels) + "."
        for brands in self._brands.values():
            for brand in brands:
                if brand.suffix and f".{brand.domain}." in text:
                    out.append(
                        Lookalike(
                            host,
                            brand.outlet,
                            brand.domain,
                            "name-in-other-domain",
                            f"{host} starts with {brand.domain} ({brand.outlet}) but the site is "
                            f"really {registrable}",
                        )
                    )
        return out

    def _same_name(self, host: str, label: str, suffix: str) -> list[Lookalike]:
        """``abcnews.com.co``: the outlet's name under another suffix.

        Flagged only when the new suffix is one impostors use (``.news``, ``.website``, bare
        ``.co``) or extends the outlet's own suffix into another country (``com`` -> ``com.co``)
        and the outlet runs no country editions. Unrelated outlets that share a name in another
        country (``eltiempo.com`` / ``eltiempo.es``) are therefore left alone.
        """
        out = []
        for brand in self._brands.get(label, ()):
            if brand.suffix == suffix:
                continue
            country = suffix.rsplit(".", 1)[-1].upper()
            extends = (
                bool(brand.suffix)
                and suffix.startswith(brand.suffix + ".")
                and country != (brand.country or "")
            )
            abused = suffix in ABUSED_SUFFIXES
            if brand.editions and not abused:
                continue
            # Common newspaper titles (El País, El Tiempo) exist in many countries: never flagged.
            if brand.generic or not (extends or (abused and len(label) >= 3)):
                continue
            out.append(
                Lookalike(
                    host,
                    brand.outlet,
                    brand.domain,
                    "name-in-other-domain",
                    f"{host} uses the name of {brand.outlet} ({brand.domain}) with a different "
                    f"ending (.{suffix} instead of .{brand.suffix or brand.domain.split('.', 1)[1]})",
                )
            )
        return out

    def _name_with_affix(self, host: str, label: str, sub_labels: list[str]) -> list[Lookalike]:
        """``cnn-breaking.com``, ``cnnbreaking.com``, ``realbbc.com``, ``cnn.news-alert.net``."""
        out = []
        subs = [s for s in sub_labels if s not in ("www", "m")]
        # A bare outlet name as a subdomain counts only on a site made of news words
        # (cnn.news-alert.net) or on a user-content platform (foxnews.blogspot.com); elsewhere it
        # is usually the outlet's own partner host (seattletimes.nwsource.com).
        registrable_label = label
        on_platform = self._account_site(host) is not None
        bare_ok = on_platform or _is_affix(registrable_label.replace("-", ""))
        for sub in subs if bare_ok else []:
            for brand in self._brands.get(sub, ()):
                if not brand.generic and len(sub) >= _MIN_TOKEN_LEN:
                    out.append(
                        Lookalike(
                            host,
                            brand.outlet,
                            brand.domain,
                            "name-in-other-domain",
                            f"{host} puts the name of {brand.outlet} ({brand.domain}) in front of "
                            f"an unrelated site",
                        )
                    )
        for text in [label] + subs:
            tokens = text.split("-")
            for brand in self._matching_brands(text, tokens):
                out.append(
                    Lookalike(
                        host,
                        brand.outlet,
                        brand.domain,
                        "name-in-other-domain",
                        f"{host} combines the name of {brand.outlet} ({brand.domain}) with other "
                        f"words ({text!r})",
                    )
                )
        return out

    def _matching_brands(self, text: str, tokens: Sequence[str]) -> Iterable[_Brand]:
        seen: set[str] = set()
        if len(tokens) > 1:
            for token in tokens:
                others = [t for t in tokens if t != token]
                if all(_is_affix(t) for t in others):
                    for brand in self._brands.get(token, ()):
                        if (
                            not brand.generic
                            and len(token) >= _MIN_TOKEN_LEN
                            and brand.label not in seen
                        ):
                            seen.add(brand.label)
                            yield brand
        joined = text.replace("-", "")
        for cut in range(_MIN_TOKEN_LEN, len(joined) - 1):
            head, tail = joined[:cut], joined[cut:]
            for name, extra in ((head, tail), (tail, head)):
                if not _is_affix(extra) or len(name) < _MIN_TOKEN_LEN:
                    continue
                for brand in self._brands.get(name, ()):
                    if not brand.generic and brand.label not in seen:
                        seen.add(brand.label)
                        yield brand

    def _confusable(self, host: str, label: str) -> list[Lookalike]:
        """Find outlets with the same skeleton once homoglyphs are folded."""
        unicode_label = to_unicode(label)
        key = skeleton(unicode_label)
        out = []
        ascii_only = unicode_label.isascii()
        for brand in self._skeletons.get(key, ()):
            if brand.label == label or (ascii_only and len(brand.label) < 5):
                continue
            mixed = mixed_scripts(unicode_label)
            detail = f"; it mixes {', '.join(sorted(mixed))} letters" if len(mixed) > 1 else ""
            out.append(
                Lookalike(
                    host,
                    brand.outlet,
                    brand.domain,
                    "confusable",
                    f"{host} ({unicode_label!r}) looks like {brand.domain} ({brand.outlet}) but uses "
                    f"different characters{detail}",
                )
            )
        return out

    def _typosquat(self, host: str, label: str, suffix: str) -> list[Lookalike]:
        """One keyboard slip away from a long outlet name (``nytimez.com``).

        Only edits that look like slips count: a neighbouring key, two swapped letters, a doubled
        or dropped letter. Never the first letter, digits, or a trailing plural "s", and only under
        a suffix where a typo of the outlet's address is plausible.
        """
        out = []
        for length in (len(label) - 1, len(label), len(label) + 1):
            for brand in self._by_length.get(length, ()):
                if brand.label == label or brand.generic or len(brand.label) < _MIN_TYPO_LEN:
                    continue
                if brand.origin == "name":
                    continue  # display names are not addresses anyone mistypes
                if suffix != brand.suffix and suffix not in _TYPO_SUFFIXES:
                    continue
                slip = typo_slip(label, brand.label)
                if slip and not _slip_in_short_core(label, brand.label):
                    out.append(
                        Lookalike(
                            host,
                            brand.outlet,
                            brand.domain,
                            "typosquat",
                            f"{host} is one typing slip ({slip}) away from {brand.domain} "
                            f"({brand.outlet})",
                        )
                    )
        return out


def _brands_of(outlet: Outlet, domain: str) -> list[_Brand]:
    psl = _psl()
    registrable = psl.privatesuffix(domain)
    suffix = psl.publicsuffix(domain)
    if registrable is None or suffix is None:
        return []

    def make(label: str, sfx: str, origin: Literal["domain", "host", "name"]) -> _Brand:
        return _Brand(label, sfx, domain, outlet.name, outlet.country, outlet.editions, origin)

    brands = []
    if registrable == domain:
        brands.append(make(domain[: -len(suffix) - 1], suffix, "domain"))
    else:
        # A host such as abcnews.go.com: its first label is the name (go.com belongs to someone
        # else), and the squashed host "abcnewsgo" is what impostors register (abcnewsgo.co).
        first = domain.split(".", 1)[0]
        if (
            len(first) >= 4
            and first not in GENERIC_NAMES
            and first not in ("english", "edition", "www")
        ):
            brands.append(make(first, "", "host"))
            brands.append(make(domain[: -len(suffix) - 1].replace(".", ""), "", "host"))
    # The display name squashed ("Voice of America" -> voiceofamerica) when long and distinctive.
    squashed = "".join(
        c for c in unicodedata.normalize("NFKD", outlet.name.lower()) if c.isascii() and c.isalnum()
    )
    squashed = squashed.removeprefix("the")
    if len(squashed) >= 10 and squashed not in {b.label for b in brands} and "(" not in outlet.name:
        brands.append(make(squashed, "", "name"))
    return brands


@once
def _psl_all() -> PublicSuffixList:
    return PublicSuffixList(only_icann=False)


def _on_private_suffix(host: str) -> bool:
    """Tell whether ``host`` is under a PSL private-section suffix (blogspot.com, github.io)."""
    return _psl_all().publicsuffix(host) != _psl().publicsuffix(host)


def _is_affix(token: str) -> bool:
    """Tell whether ``token`` is made only of news words ("breaking", "globalnews").

    Bare numbers are not affixes: abc7, fox5, cleveland19 are real local TV stations.
    """
    if token in NEWS_AFFIXES:
        return True
    ok = [True] + [False] * len(token)
    for end in range(1, len(token) + 1):
        ok[end] = any(
            ok[start] and token[start:end] in NEWS_AFFIXES for start in range(max(0, end - 9), end)
        )
    return ok[-1] and len(token) > 0


def _slip_in_short_core(candidate: str, brand: str) -> bool:
    """Tell whether ``brand`` is a short core + name ending with the slip inside the core."""
    for ending in _NAME_ENDINGS:
        core = brand[: -len(ending)]
        if brand.endswith(ending) and 0 < len(core) <= 4:
            first_diff = next(
                (i for i, (a, b) in enumerate(zip(candidate, brand, strict=False)) if a != b),
                len(core),
            )
            return (
                first_diff < len(core) + 1
                if len(candidate) < len(brand)
                else first_diff < len(core)
            )
    return False


def outlets_from_rules(
    rules: object, types: Sequence[str] = ("news", "wire_service", "fact_checker", "aggregator")
) -> list[Outlet]:
    """Build the outlet list from a ``source_type.RuleSet`` (kept loose to stay import-free)."""
    entries = getattr(rules, "entries", ())
    return [
        Outlet(e.name, tuple(e.domains), e.country, "editions" in e.flags)
        for e in entries
        if e.type in types and e.domains
    ]


def platform_domains(rules: object) -> set[str]:
    """Domains of built-in user-content platforms (their subdomains are user accounts)."""
    kinds = ("blog_host", "ugc_platform", "social_network", "forum")
    return {
        r.text for r in getattr(rules, "rules", ()) if r.kind == "domain" and r.entry.type in kinds
    }


def allowed_domains(rules: object) -> set[str]:
    """Every domain named by a built-in entry or suffix rule: never reported as an impostor."""
    out: set[str] = set()
    for rule in getattr(rules, "rules", ()):
        if rule.kind in ("domain", "short"):
            out.add(rule.text)
    return out
