"""Turn a raw URL into the host and registrable domain we can look up.

Pure logic, no network: the Public Suffix List comes bundled with
``publicsuffixlist`` (ICANN section only, so ``foo.github.io`` reduces to
``github.io``: registries know ``github.io``, not ``foo``). Hosts are
normalised with IDNA 2008 + UTS 46 (``faß.de`` stays ``xn--fa-hia.de``).

Decision: anything we cannot honestly look up raises :class:`InvalidURL`
(API: 400 ``invalid_url``) with a message naming the problem: non-web
schemes, user-info before ``@`` (``http://bbc.co.uk@evil.example/`` is a
classic disguise; browsers warn about it too), IP literals, ``localhost`` and
single-label hosts (no registry to ask), unknown TLDs, bare public suffixes,
and input longer than the configured limit.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import idna
from publicsuffixlist import PublicSuffixList

from .errors import InvalidURL
from .memo import once

DEFAULT_MAX_LENGTH = 2048
# "javascript:x" and "mailto:x" carry a scheme; "example.org:8080/x" does not.
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:(?![0-9])")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


@dataclass(frozen=True)
class ParsedURL:
    """A checkable URL: ``host`` and ``domain`` are lower-case A-labels."""

    url: str
    scheme: str
    host: str
    domain: str
    suffix: str
    path: str
    is_private_suffix: bool
    query: str = ""

    @property
    def tld(self) -> str:
        return self.suffix.rsplit(".", 1)[-1]

    @property
    def unicode_domain(self) -> str:
        try:
            return idna.decode(self.domain)
        except idna.IDNAError:
            return self.domain


@once
def _psl_icann() -> PublicSuffixList:
    return PublicSuffixList(only_icann=True, accept_unknown=False)


@once
def _psl_all() -> PublicSuffixList:
    return PublicSuffixList(only_icann=False, accept_unknown=False)


def parse_url(
    raw: str,
    *,
    max_length: int = DEFAULT_MAX_LENGTH,
    extra_suffixes: frozenset[str] = frozenset(),
) -> ParsedURL:
    """Validate and normalise ``raw``; raise InvalidURL saying what is wrong.

    >>> parse_url("https://www.BBC.co.uk./news?x=1").domain
    'bbc.co.uk'
    >>> parse_url("http://faß.de/").host
    'xn--fa-hia.de'
    >>> parse_url("example.org/page").url
    'https://example.org/page'
    """
    if not isinstance(raw, str) or not raw.strip():
        raise InvalidURL("The URL is empty; send an http:// or https:// address")
    text = raw.strip()
    if len(text) > max_length:
        raise InvalidURL(
            f"The URL is {len(text)} characters long; the limit is {max_length}. "
            "Send the page's address without tracking parameters"
        )
    if "://" not in text and not text.startswith("//") and not _SCHEME.match(text):
        # A bare "example.org/x" is what people paste; assume the web.
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        raise InvalidURL(f"{_quote(raw)} is not a valid URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InvalidURL(
            f"{_quote(raw)} uses the {scheme or 'missing'!s} scheme; only http:// and https:// "
            "web addresses can be checked"
        )
    if "@" in parts.netloc:
        userinfo, _, real = parts.netloc.rpartition("@")
        raise InvalidURL(
            f"{_quote(raw)} puts {userinfo!r} before '@', so the real host is {real!r}. "
            "This is a common disguise; check the address after '@' instead"
        )
    host = _normalise_host(parts.hostname or "", raw)
    try:
        port = parts.port
    except ValueError as exc:
        raise InvalidURL(f"{_quote(raw)} has an invalid port ({exc})") from exc
    domain, suffix = _split_domain(host, extra_suffixes)
    if domain is None or suffix is None:
        if _psl_icann().is_public(host):
            raise InvalidURL(f"{host!r} is a public suffix, not a site; send a full site address")
        raise InvalidURL(f"{host!r} does not end in a known top-level domain; check the spelling")
    netloc = host if port is None else f"{host}:{port}"
    url = urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
    return ParsedURL(
        url=url,
        scheme=scheme,
        host=host,
        domain=domain,
        suffix=suffix,
        path=parts.path or "/",
        is_private_suffix=_psl_all().publicsuffix(host) != suffix,
        query=parts.query,
    )


def registrable_domain(host: str) -> str:
    """The ICANN registrable domain of ``host``, or ``host`` itself (IPs, unknown TLDs).

    >>> registrable_domain("www.bbc.co.uk")
    'bbc.co.uk'
    """
    host = host.rstrip(".").lower()
    return _psl_icann().privatesuffix(host) or host


def _split_domain(host: str, extra_suffixes: frozenset[str]) -> tuple[str | None, str | None]:
    for extra in extra_suffixes:
        # Operator-declared suffixes (e.g. "test" for offline test rigs) win over the PSL.
        if host.endswith("." + extra):
            return ".".join(host[: -len(extra) - 1].split(".")[-1:] + [extra]), extra
    return _psl_icann().privatesuffix(host), _psl_icann().publicsuffix(host)


def _normalise_host(hostname: str, raw: str) -> str:
    host = hostname.strip().rstrip(".").lower()
    if not host:
        raise InvalidURL(f"{_quote(raw)} has no host name")
    if _is_ip_literal(host):
        raise InvalidURL(
            f"{_quote(raw)} points at an IP address; registries only know domain names, "
            "so there is nothing to check. Use the site's domain name"
        )
    try:
        ascii_host = idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        raise InvalidURL(f"{host!r} is not a valid internationalised domain name ({exc})") from exc
    if ascii_host == "localhost" or ascii_host.endswith(".localhost"):
        raise InvalidURL(f"{_quote(raw)} points at this computer (localhost); nothing to check")
    labels = ascii_host.split(".")
    if len(labels) < 2:
        raise InvalidURL(
            f"{host!r} is a single-label host name (an intranet name?); send a full domain"
        )
    for label in labels:
        if not _LABEL.match(label):
            raise InvalidURL(f"{host!r} has an invalid label {label!r}")
    return ascii_host


def _is_ip_literal(host: str) -> bool:
    candidate = host.strip("[]")
    try:
        ipaddress.ip_address(candidate)
        return True
    except ValueError:
        pass
    # Browsers also accept decimal, octal and hex forms (http://2130706433/, 0x7f.1).
    return bool(re.fullmatch(r"(0x[0-9a-f]+|[0-9]+)(\.(0x[0-9a-f]+|[0-9]+)){0,3}", candidate))


def _quote(raw: str, limit: int = 80) -> str:
    text = raw if len(raw) <= limit else raw[: limit - 1] + "…"
    return repr(text)
