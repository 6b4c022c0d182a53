"""Exceptions, grouped by what the caller can do about them.

::

    CrapDetectError                 status 500, code "internal"
    ├── ConfigError                 a setting has the wrong type or an unknown name
    ├── InvalidURL (+ValueError)    400 "invalid_url": the input is not a checkable web address
    ├── RequestError                400/404/405/413/415/429: the HTTP request itself is wrong
    ├── SignalError                 recoverable: becomes a missing signal, never an HTTP error
    │   ├── LookupTimeout           the total deadline passed
    │   ├── LookupFailed            upstream non-2xx, garbage, refused connection, oversize answer
    │   ├── RateLimited             the upstream (or our own politeness limit) said "not now"
    │   └── NoRegistryData          no RDAP or WHOIS server is known for the TLD
    └── ModelError                  503 "model_unavailable"

Every message says what to do next.
"""

from __future__ import annotations


class CrapDetectError(Exception):
    """Base of every error crapdetect raises on purpose."""

    status = 500
    code = "internal"

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []

    def to_dict(self) -> dict[str, object]:
        """Return the one JSON error shape every API route uses."""
        return {
            "ok": False,
            "error": self.message,
            "errors": [self.message, *self.details],
            "status": self.status,
            "code": self.code,
        }


class ConfigError(CrapDetectError):
    code = "config"


class InvalidURL(CrapDetectError, ValueError):
    status = 400
    code = "invalid_url"


class RequestError(CrapDetectError):
    """An HTTP request the API cannot serve as sent; status and code vary."""

    def __init__(
        self, message: str, *, status: int, code: str, details: list[str] | None = None
    ) -> None:
        super().__init__(message, details=details)
        self.status = status
        self.code = code


class SignalError(CrapDetectError):
    """A signal could not be computed; the verdict degrades instead of failing."""

    code = "signal_error"


class LookupTimeout(SignalError):
    code = "lookup_timeout"


class LookupFailed(SignalError):
    code = "lookup_failed"

    def __init__(self, message: str, *, upstream_status: int | None = None) -> None:
        super().__init__(message)
        self.upstream_status = upstream_status


class RateLimited(SignalError):
    code = "rate_limited"

    def __init__(self, message: str, *, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class NoRegistryData(SignalError):
    code = "no_registry_data"


class ModelError(CrapDetectError):
    status = 503
    code = "model_unavailable"
