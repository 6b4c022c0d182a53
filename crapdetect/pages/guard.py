"""Which addresses the page fetcher may connect to.

Only globally routable unicast addresses. Refused, each with its own reason:
loopback, private (RFC 1918, ULA), link-local (incl. the cloud metadata
address 169.254.169.254), carrier-grade NAT (100.64/10), multicast, reserved,
unspecified, documentation ranges, and IPv6 forms that embed an IPv4 address
(IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4,
Teredo), judged by the IPv4 address inside — Python's ``is_global`` calls
some of those global.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Mapping

from ..errors import SignalError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_CGNAT = ipaddress.ip_network("100.64.0.0/10")


class FetchRefused(SignalError):
    """The fetcher will not connect there (SSRF guard, scheme, size, type)."""

    code = "fetch_refused"


def refusal_reason(ip: IPAddress, *, allow_loopback: bool = False) -> str | None:
    """Why ``ip`` must not be fetched, or None if it is a public unicast address.

    >>> refusal_reason(ipaddress.ip_address("169.254.169.254"))
    'a link-local address (169.254.169.254)'
    >>> refusal_reason(ipaddress.ip_address("64:ff9b::7f00:1"))
    'a NAT64 address wrapping a loopback address (127.0.0.1)'
    >>> refusal_reason(ipaddress.ip_address("93.184.215.14")) is None
    True
    """
    if isinstance(ip, ipaddress.IPv6Address):
        embedded, how = _embedded_ipv4(ip)
        if embedded is not None:
            inner = refusal_reason(embedded, allow_loopback=False)
            if inner:
                return f"{how} wrapping {inner}"
            if how.startswith("an IPv4-compatible"):
                return f"{how} (deprecated form, {embedded})"
    if ip.is_loopback:
        return None if allow_loopback else f"a loopback address ({ip})"
    if ip.is_unspecified:
        return f"the unspecified address ({ip})"
    if ip.is_link_local:
        return f"a link-local address ({ip})"
    if ip.is_multicast:
        return f"a multicast address ({ip})"
    if isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT:
        return f"a carrier-grade NAT address ({ip})"
    if ip.is_reserved:
        return f"a reserved address ({ip})"
    if ip.is_private:
        return f"a private network address ({ip})"
    if not ip.is_global:
        return f"an address that is not publicly routable ({ip})"
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> tuple[ipaddress.IPv4Address | None, str]:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped, "an IPv4-mapped address"
    for network in _NAT64:
        if ip in network:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF), "a NAT64 address"
    if ip.sixtofour is not None:
        return ip.sixtofour, "a 6to4 address"
    if ip.teredo is not None:
        return ip.teredo[1], "a Teredo address"
    if ip in _IPV4_COMPATIBLE and int(ip) > 1:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF), "an IPv4-compatible address"
    return None, ""


def resolve_vetted(
    host: str,
    port: int,
    *,
    allow_loopback: bool,
    host_overrides: Mapping[str, str],
) -> str:
    """Resolve ``host`` once and return one vetted IP; refuse if *any* answer is forbidden.

    Refusing when any address is bad (not just the first) defeats answers that
    mix a public and a private address. ``host_overrides`` works like curl's
    ``--resolve`` for offline rigs.
    """
    if host in host_overrides:
        candidates = [host_overrides[host]]
    else:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise FetchRefused(f"{host} could not be resolved ({exc.strerror})") from None
        candidates = list(dict.fromkeys(info[4][0] for info in infos))
    if not candidates:
        raise FetchRefused(f"{host} has no addresses")
    for candidate in candidates:
        ip = ipaddress.ip_address(candidate.split("%", 1)[0])
        reason = refusal_reason(ip, allow_loopback=allow_loopback)
        if reason:
            raise FetchRefused(
                f"{host} resolves to {reason}; crapdetect does not fetch pages there"
            )
    return candidates[0]
