"""Which server to ask about a domain: RDAP bootstrap and the WHOIS table.

The RDAP bootstrap is IANA's ``dns.json`` (RFC 9224). A snapshot ships as
package data; ``crapdetect rdap-bootstrap update`` writes a fresher copy to
the ``RDAP_BOOTSTRAP_PATH`` setting, which wins once it exists. A reviewed
override table adds registries that run RDAP without being listed by IANA.
Nothing here touches the network except :func:`download_bootstrap`.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import LookupFailed
from ..http import get_capped

BUNDLED = "bundled"
STALE_AFTER_DAYS = 90


def _package_json(name: str) -> Any:
    return json.loads(resources.files("crapdetect").joinpath("data", name).read_text("utf-8"))


@dataclass(frozen=True)
class RdapBootstrap:
    """TLD → RDAP base URL (ending in '/'), with where the table came from."""

    bases: Mapping[str, str]
    source: str
    publication: str | None
    overrides: Mapping[str, str] = field(default_factory=dict)

    def base_url_for(self, suffix: str) -> str | None:
        """Longest-label match of ``suffix`` (e.g. 'co.uk' → 'co.uk', then 'uk')."""
        labels = suffix.split(".")
        for i in range(len(labels)):
            candidate = ".".join(labels[i:])
            # An override of "" switches RDAP off for that TLD (WHOIS only).
            base = (
                self.overrides[candidate]
                if candidate in self.overrides
                else self.bases.get(candidate)
            )
            if base:
                return base if base.endswith("/") else base + "/"
            if candidate in self.overrides:
                return None
        return None

    def age_days(self, now: datetime) -> int | None:
        """Days since IANA published this snapshot (None if it carries no date)."""
        if not self.publication:
            return None
        try:
            published = datetime.fromisoformat(self.publication.replace("Z", "+00:00"))
        except ValueError:
            return None
        return (now - published).days

    def describe(self, now: datetime) -> dict[str, Any]:
        age = self.age_days(now)
        return {
            "source": self.source,
            "publication": self.publication,
            "age_days": age,
            # New TLDs and new ccTLD RDAP servers appear every few months.
            "stale": age is not None and age > STALE_AFTER_DAYS,
            "refresh_with": "crapdetect rdap-bootstrap update",
            "tlds": len(self.bases),
            "overrides": len(self.overrides),
        }


def parse_bootstrap(data: Any) -> tuple[dict[str, str], str | None]:
    """Return ({tld: first https-preferred base}, publication) from a dns.json document.

    Raises ValueError when the document does not look like a bootstrap file.
    """
    if not isinstance(data, dict) or not isinstance(data.get("services"), list):
        raise ValueError("not an RDAP bootstrap file: no 'services' list")
    bases: dict[str, str] = {}
    for service in data["services"]:
        if not (isinstance(service, list) and len(service) == 2):
            raise ValueError(f"malformed service entry {service!r}")
        tlds, urls = service
        if not urls:
            continue  # IANA lists some TLDs with no server (kg, mg in 2026)
        # Prefer https; the file may list an http:// base first.
        url = sorted(urls, key=lambda u: not str(u).startswith("https://"))[0]
        for tld in tlds:
            bases[str(tld).lower()] = str(url)
    if not bases:
        raise ValueError("bootstrap file lists no services")
    publication = data.get("publication")
    return bases, str(publication) if publication else None


def load_bootstrap(
    path: str, overrides: Mapping[str, str], *, bundled_overrides: bool = True
) -> RdapBootstrap:
    """Load ``path`` if it exists, else the bundled snapshot; add the override tables."""
    merged = {**(_package_json("rdap_overrides.json") if bundled_overrides else {}), **overrides}
    if path and path != BUNDLED and Path(path).is_file():
        data, source = json.loads(Path(path).read_text("utf-8")), path
    else:
        data, source = _package_json("rdap_dns.json"), BUNDLED
    bases, publication = parse_bootstrap(data)
    # An override never shadows a TLD IANA lists, unless the operator set it explicitly.
    reviewed = {k: v for k, v in merged.items() if k not in bases or k in overrides}
    return RdapBootstrap(bases, source, publication, reviewed)


def download_bootstrap(url: str, dest: str, *, timeout_s: float = 30.0) -> dict[str, Any]:
    """Fetch a dns.json from ``url``, validate it and write it atomically to ``dest``."""
    response = get_capped(
        url, deadline=time.monotonic() + timeout_s, max_bytes=5_000_000, connect_timeout=10
    )
    if response.status != 200:
        raise LookupFailed(
            f"{url} answered HTTP {response.status}", upstream_status=response.status
        )
    data = response.json()
    try:
        bases, publication = parse_bootstrap(data)
    except ValueError as exc:
        raise LookupFailed(f"{url} did not return an RDAP bootstrap file: {exc}") from None
    target = Path(dest)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".rdap-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
    os.replace(tmp, target)
    return {"path": str(target), "publication": publication, "tlds": len(bases)}


@dataclass(frozen=True)
class WhoisTable:
    """TLD → (host, port) for port-43 WHOIS, plus per-host query formats."""

    servers: Mapping[str, tuple[str, int]]
    query_formats: Mapping[str, str]

    def server_for(self, suffix: str) -> tuple[str, int] | None:
        labels = suffix.split(".")
        for i in range(len(labels)):
            found = self.servers.get(".".join(labels[i:]))
            if found:
                return found
        return None

    def query_for(self, host: str, domain: str) -> str:
        return self.query_formats.get(host, "{q}").format(q=domain)


def load_whois_table(overrides: Mapping[str, str], *, bundled: bool = True) -> WhoisTable:
    """The bundled port-43 table with ``overrides`` ({tld: 'host[:port]'}, '' = none) on top."""
    raw: dict[str, str] = {**(_package_json("whois_servers.json") if bundled else {}), **overrides}
    servers = {tld.lower(): _host_port(value) for tld, value in raw.items() if value}
    formats = _package_json("whois_query_formats.json")
    return WhoisTable(servers, formats)


def _host_port(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if sep and port.isdigit():
        return host, int(port)
    return value, 43
