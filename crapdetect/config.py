"""The settings registry: the only place where defaults live.

Layers, lowest first: the defaults below → an optional instance config file
(``instance/config.json``, or the file named by ``CRAPDETECT_CONFIG``) →
``CRAPDETECT_<NAME>`` environment variables → the mapping passed to
``create_app(settings)`` / the CLI's ``--setting NAME VALUE``.

Every value is type-checked against its default, so a typo in an
environment variable fails at start-up with a message, not at request time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from .errors import ConfigError


class Setting(NamedTuple):
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    # --- storage -------------------------------------------------------------
    Setting(
        "CACHE_PATH",
        "var/cache.sqlite",
        "SQLite file for the domain-fact cache (created on first use); ':memory:' keeps it in-process",
    ),
    # --- domain age: RDAP ----------------------------------------------------
    Setting(
        "RDAP_BOOTSTRAP_PATH",
        "var/rdap_dns.json",
        "IANA dns.json written by `crapdetect rdap-bootstrap update`; the bundled snapshot is used while it does not exist",
    ),
    Setting(
        "RDAP_BOOTSTRAP_URL",
        "https://data.iana.org/rdap/dns.json",
        "Where `crapdetect rdap-bootstrap update` downloads the bootstrap from",
    ),
    Setting(
        "RDAP_OVERRIDES",
        {},
        "JSON object {tld: base URL} of RDAP servers, merged over the bundled reviewed override table; '' = no RDAP",
    ),
    Setting(
        "RDAP_BUNDLED_OVERRIDES",
        True,
        "Use the bundled reviewed table of RDAP servers IANA does not list (off for offline rigs)",
    ),
    Setting("RDAP_MAX_BYTES", 1_000_000, "Largest RDAP answer read, in bytes"),
    Setting(
        "RDAP_RATE_PER_S", 5.0, "Requests per second allowed to one RDAP server (token bucket)"
    ),
    # --- domain age: WHOIS ---------------------------------------------------
    Setting(
        "WHOIS_SERVERS",
        {},
        "JSON object {tld: 'host' or 'host:port'} merged over the bundled port-43 server table; '' = none",
    ),
    Setting(
        "WHOIS_BUNDLED_SERVERS",
        True,
        "Use the bundled port-43 server table (off for offline rigs: only WHOIS_SERVERS is asked)",
    ),
    Setting("WHOIS_MAX_BYTES", 512_000, "Largest WHOIS answer read, in bytes"),
    Setting(
        "WHOIS_RATE_PER_S", 1.0, "Queries per second allowed to one WHOIS server (token bucket)"
    ),
    # --- domain age: shared limits ------------------------------------------
    Setting(
        "DOMAIN_AGE_DEADLINE_S",
        4.0,
        "Total seconds one domain-age lookup may take (RDAP and WHOIS together)",
    ),
    Setting(
        "UPSTREAM_CONNECT_TIMEOUT_S", 3.0, "Seconds to wait for a TCP connection to a registry"
    ),
    Setting("UPSTREAM_MAX_IN_FLIGHT", 2, "Concurrent requests allowed to one registry server"),
    Setting("UPSTREAM_BURST", 3, "Token-bucket burst size per registry server"),
    Setting(
        "RATE_LIMIT_COOLDOWN_S",
        900,
        "Seconds a server is left alone after it says we are rate-limited without a Retry-After",
    ),
    Setting(
        "LOOKUP_THREADS",
        64,
        "Threads doing blocking registry I/O (many wait for a server's slots during batches)",
    ),
    Setting(
        "BATCH_LOOKUP_DEADLINE_S",
        60.0,
        "Total seconds a lookup may take inside a batch, where waiting for a registry slot is expected",
    ),
    Setting(
        "BATCH_WORKERS",
        64,
        "URLs checked at the same time in a batch (lists, jobs, /v1/check/batch)",
    ),
    # --- domain age: scoring -------------------------------------------------
    Setting(
        "DOMAIN_AGE_POINTS",
        [[30, -35], [182, -20], [365, -10], [1095, 0], [3650, 5], [None, 10]],
        "[[max age in days or null, points], ...] first matching row wins",
    ),
    # --- page text --------------------------------------------------------------
    Setting(
        "FETCH_PAGES",
        True,
        "Fetch the page server-side for the text signal when the client sent no text",
    ),
    Setting("FETCH_MAX_BYTES", 2_000_000, "Page bytes read; longer pages are cut"),
    Setting("FETCH_DEADLINE_S", 5.0, "Total seconds for fetching one page, redirects included"),
    Setting(
        "FETCH_MAX_REDIRECTS", 5, "Redirects followed (each one re-checked by the address guard)"
    ),
    Setting(
        "FETCH_ALLOW_LOOPBACK_HOSTS",
        False,
        "Let the fetcher connect to 127.0.0.0/8 and ::1 (test rigs only; private ranges stay refused)",
    ),
    Setting(
        "FETCH_HOST_OVERRIDES",
        {},
        "JSON object {host: IP} used instead of DNS by the fetcher, like curl --resolve",
    ),
    Setting(
        "MODELS_DIR",
        "",
        "Directory holding the text models; '' = the models/ folder shipped with crapdetect",
    ),
    Setting("TEXT_MIN_WORDS", 50, "Fewest words of body text the article model will judge"),
    Setting("TEXT_MAX_CHARS", 100_000, "Characters of body text given to the article model"),
    Setting(
        "HEADLINE_MAX_POINTS",
        10,
        "Points a clickbait-style headline can cost (sober ones earn a third)",
    ),
    Setting(
        "ARTICLE_MAX_POINTS",
        15,
        "Points a fake-news-style article can cost (sober ones earn a third)",
    ),
    # --- source type and lists -------------------------------------------------
    Setting(
        "LISTS_PATH",
        "var/lists.sqlite",
        "SQLite file holding imported credibility lists and rankings (`crapdetect lists import`)",
    ),
    Setting(
        "LIST_SOURCES",
        [],
        "JSON list of {name, format, url, license} that `crapdetect lists update` downloads",
    ),
    Setting("LIST_MAX_BYTES", 50_000_000, "Largest list file `crapdetect lists update` downloads"),
    Setting(
        "EXPAND_SHORT_LINKS",
        True,
        "Follow short links (bit.ly…) and archive/redirect wrappers to the page they lead to",
    ),
    Setting(
        "SOURCE_ALLOW",
        [],
        "Domains, hosts or host/path prefixes you trust; they win over every list (shown as your choice)",
    ),
    Setting(
        "SOURCE_DENY",
        [],
        "Domains, hosts or host/path prefixes you distrust; they win over every list",
    ),
    Setting(
        "SOURCE_OVERRIDES_FILE",
        "",
        "Optional text file of overrides, one per line: 'allow example.org' or 'deny example.net'",
    ),
    Setting(
        "SOURCE_TYPE_POINTS",
        {
            "government": 20,
            "military": 10,
            "intergovernmental": 20,
            "academic": 15,
            "scholarly": 20,
            "reference": 10,
            "fact_checker": 20,
            "wire_service": 25,
            "news": 10,
            "aggregator": 0,
            "press_release": -10,
            "satire": -35,
            "ugc_platform": -5,
            "blog_host": -5,
            "social_network": -5,
            "forum": -5,
            "url_shortener": -5,
            "archive": 0,
            "redirect": 0,
            "lookalike": -45,
            "allowed": 25,
            "denied": -45,
        },
        "Points per source type (built-in knowledge, lookalikes and your overrides)",
    ),
    Setting(
        "LIST_CATEGORY_POINTS",
        {
            "fake": -40,
            "fake-news": -40,
            "questionable": -30,
            "conspiracy": -35,
            "conspiracy-pseudoscience": -35,
            "junksci": -35,
            "hate": -35,
            "satire": -35,
            "rumor": -25,
            "unreliable": -25,
            "clickbait": -20,
            "state": -15,
            "bias": -10,
            "political": -5,
            "left": 0,
            "left-center": 0,
            "center": 0,
            "right-center": 0,
            "right": 0,
            "pro-science": 10,
            "reliable": 10,
        },
        "Points per category of an imported list (the most negative match counts)",
    ),
    Setting(
        "MBFC_POINTS",
        {
            "very-low": -40,
            "low": -30,
            "mixed": -15,
            "mostly-factual": 0,
            "high": 10,
            "very-high": 15,
            "low-credibility": -30,
            "medium-credibility": -5,
            "high-credibility": 10,
        },
        "Points for MBFC factual-reporting and credibility ratings (the lower of the two counts)",
    ),
    Setting(
        "POPULARITY_POINTS",
        [[1000, 8], [10000, 5], [100000, 2]],
        "[[rank at or better, points], ...] for an imported popularity ranking (Tranco)",
    ),
    Setting(
        "DOMAIN_PRIOR_MAX_POINTS",
        6,
        "Points the domain-name prior may move an otherwise unknown domain, either way",
    ),
    # --- scoring --------------------------------------------------------------
    Setting(
        "SIGNAL_WEIGHTS",
        {"domain_age": 0.3, "source_type": 0.4, "text": 0.2, "popularity": 0.1},
        "How much evidence each signal carries when available; confidence is their sum (max 1)",
    ),
    Setting("SCORE_BASELINE", 50, "Score before any signal adds or removes points"),
    Setting("LABEL_RELIABLE_MIN", 70, "Scores at or above this are labelled 'reliable'"),
    Setting("LABEL_UNRELIABLE_MAX", 35, "Scores at or below this are labelled 'unreliable'"),
    Setting(
        "LABEL_MIN_CONFIDENCE",
        0.3,
        "Below this confidence the label is 'unknown' whatever the score",
    ),
    # --- URLs and API ---------------------------------------------------------
    Setting("MAX_URL_LENGTH", 2048, "Longest URL accepted, in characters"),
    Setting(
        "EXTRA_PUBLIC_SUFFIXES",
        [],
        'Extra top-level names to accept besides the Public Suffix List, e.g. ["test"] for an offline rig',
    ),
    Setting("BATCH_MAX_URLS", 100, "URLs one POST /v1/check/batch may carry"),
    Setting("JOBS_PATH", "var/jobs.sqlite", "SQLite file holding batch jobs and their results"),
    Setting("JOBS_MAX_URLS", 10_000, "Links one POST /v1/jobs may carry"),
    Setting(
        "JOBS_MAX_BYTES",
        10_000_000,
        "Largest list body or upload POST /v1/jobs accepts (413 above)",
    ),
    Setting(
        "JOBS_LEASE_S",
        30.0,
        "Seconds a worker holds a job between heartbeats; a dead worker's job restarts after this",
    ),
    Setting("JOBS_WORKER", True, "Run the background job worker in this process"),
    Setting("MAX_REQUEST_BYTES", 1_000_000, "Largest request body accepted by the API (413 above)"),
    Setting(
        "API_RATE_LIMIT_PER_MIN",
        600,
        "Requests per minute one client address may make (0 = unlimited)",
    ),
    Setting(
        "LOG_FULL_URLS", False, "Log full URLs; by default only the registrable domain is logged"
    ),
    # --- server ---------------------------------------------------------------
    Setting("SERVE_HOST", "127.0.0.1", "Address `crapdetect serve` listens on"),
    Setting("SERVE_PORT", 8000, "Port `crapdetect serve` listens on"),
    Setting("SERVE_WORKERS", 2, "gunicorn worker processes"),
    Setting("SERVE_THREADS", 8, "gunicorn threads per worker"),
)

DEFAULTS: dict[str, Any] = {s.name: s.default for s in SETTINGS}
ENV_PREFIX = "CRAPDETECT_"
FLASK_KEYS = frozenset({"TESTING", "DEBUG", "PROPAGATE_EXCEPTIONS", "SECRET_KEY"})


def coerce(name: str, value: Any) -> Any:
    """Return ``value`` converted to the type of ``name``'s default, or raise ConfigError.

    Strings (from the environment or the CLI) are parsed: booleans accept
    true/false/1/0/yes/no, numbers use int()/float(), lists and objects JSON.

    >>> coerce("SERVE_PORT", "9000")
    9000
    >>> coerce("LOG_FULL_URLS", "yes")
    True
    """
    if name not in DEFAULTS:
        raise ConfigError(f"Unknown setting {name!r}; see `crapdetect settings` for the list")
    default = DEFAULTS[name]
    try:
        return _coerce_to(type(default), value)
    except (ValueError, TypeError, json.JSONDecodeError) as exc:
        raise ConfigError(
            f"Setting {name} must be {type(default).__name__} like {default!r}; got {value!r}"
        ) from exc


def _coerce_to(kind: type, value: Any) -> Any:
    if kind is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in {"1", "true", "yes", "on"}:
            return True
        if text in {"0", "false", "no", "off"}:
            return False
        raise ValueError(value)
    if kind in (int, float):
        if isinstance(value, bool):
            raise TypeError(value)
        if isinstance(value, str):
            value = value.strip()
        number = kind(value)
        if kind is int and isinstance(value, float) and value != number:
            raise ValueError(value)
        return number
    if kind in (list, dict):
        if isinstance(value, str):
            value = json.loads(value)
        if not isinstance(value, kind):
            raise TypeError(value)
        return value
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    config_file: str | os.PathLike[str] | None = None,
) -> dict[str, Any]:
    """Merge the layers into one checked dict of settings.

    ``config_file`` defaults to ``$CRAPDETECT_CONFIG`` or ``instance/config.json``
    and is skipped silently when absent.
    """
    environ = os.environ if environ is None else environ
    settings = dict(DEFAULTS)
    path = Path(config_file or environ.get("CRAPDETECT_CONFIG") or "instance/config.json")
    if path.is_file():
        try:
            from_file = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path} is not valid JSON: {exc}") from exc
        if not isinstance(from_file, dict):
            raise ConfigError(f"{path} must hold a JSON object of settings")
        settings.update({k: coerce(k, v) for k, v in from_file.items()})
    for key, raw in environ.items():
        if key.startswith(ENV_PREFIX) and key != "CRAPDETECT_CONFIG":
            name = key[len(ENV_PREFIX) :]
            settings[name] = coerce(name, raw)
    for name, value in (overrides or {}).items():
        if name in FLASK_KEYS:
            continue  # Flask's own keys may ride along in create_app's mapping
        settings[name] = coerce(name, value)
    return settings


def settings_markdown() -> str:
    """The README's settings table, generated so it cannot drift from the registry."""
    rows = ["| setting | default | what it does |", "|---|---|---|"]
    for setting in SETTINGS:
        text = setting.help.replace("|", "\\|")
        rows.append(f"| `{setting.name}` | `{json.dumps(setting.default)}` | {text} |")
    return "\n".join(rows) + "\n"
