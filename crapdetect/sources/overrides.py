"""Your own allow/deny decisions; they win over every list and are shown as yours.

A key without a slash (``example.org``) matches that host and every subdomain,
label by label; a key with a slash (``medium.com/@someone``) matches that host
and a path starting with those segments. Never substring matching.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import ConfigError

Decision = Literal["allow", "deny"]


@dataclass(frozen=True)
class Override:
    decision: Decision
    key: str
    origin: str  # "SOURCE_ALLOW", "SOURCE_DENY" or the overrides file


def host_matches(key_host: str, host: str) -> bool:
    """``key_host`` equals ``host`` or is a parent of it, label-wise.

    >>> host_matches("rt.com", "deviantart.com"), host_matches("cbn.com", "www1.cbn.com")
    (False, True)
    """
    return host == key_host or host.endswith("." + key_host)


def path_matches(key_path: str, path: str) -> bool:
    """Segment-wise prefix: '/@alice' matches '/@alice/post' but not '/@alicex'."""
    want = [s for s in key_path.split("/") if s]
    have = [s for s in path.split("/") if s]
    return have[: len(want)] == [w.lower() for w in want] or have[: len(want)] == want


class Overrides:
    """The configured decisions, most specific first."""

    def __init__(self, rules: Iterable[Override]) -> None:
        # Longer keys are more specific: a deny on one account beats an allow on the platform.
        self.rules = sorted(rules, key=lambda r: (-r.key.count("/"), -r.key.count(".")))

    @classmethod
    def from_settings(cls, allow: list[str], deny: list[str], file: str) -> Overrides:
        rules = [Override("allow", _norm(k), "SOURCE_ALLOW") for k in allow]
        rules += [Override("deny", _norm(k), "SOURCE_DENY") for k in deny]
        if file:
            rules += list(_read_file(Path(file)))
        return cls(rules)

    def match(self, host: str, path: str) -> Override | None:
        """The most specific decision covering ``host`` + ``path``, if any."""
        bare = host[4:] if host.startswith("www.") else host
        for rule in self.rules:
            key_host, _, key_path = rule.key.partition("/")
            if host_matches(key_host, bare) and (not key_path or path_matches(key_path, path)):
                return rule
        return None


def _norm(key: str) -> str:
    key = key.strip().lower().removeprefix("https://").removeprefix("http://")
    return key.removeprefix("www.").rstrip("/")


def _read_file(path: Path) -> Iterable[Override]:
    if not path.is_file():
        raise ConfigError(f"SOURCE_OVERRIDES_FILE {path} does not exist")
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        parts = text.split()
        if len(parts) != 2 or parts[0] not in ("allow", "deny"):
            raise ConfigError(
                f"{path}:{number}: expected 'allow DOMAIN' or 'deny DOMAIN', got {line!r}"
            )
        yield Override(parts[0], _norm(parts[1]), f"{path.name}:{number}")  # type: ignore[arg-type]
