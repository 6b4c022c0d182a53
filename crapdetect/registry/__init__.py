"""Registry lookups: RDAP bootstrap, RDAP, port-43 WHOIS, and the caching service."""
