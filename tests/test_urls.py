"""URL normalisation: what is checkable, and the message for what is not."""

import pytest

from crapdetect.errors import InvalidURL
from crapdetect.urls import parse_url


@pytest.mark.parametrize(
    ("raw", "host", "domain"),
    [
        ("https://www.BBC.co.uk./news?x=1", "www.bbc.co.uk", "bbc.co.uk"),
        ("http://faß.de/", "xn--fa-hia.de", "xn--fa-hia.de"),  # IDNA 2008, not fass.de
        ("example.org/page", "example.org", "example.org"),
        ("https://someone.github.io/post", "someone.github.io", "github.io"),  # ICANN section
        ("https://news.example.com:8443/a#frag", "news.example.com", "example.com"),
        ("https://münchen.de/", "xn--mnchen-3ya.de", "xn--mnchen-3ya.de"),
        ("https://xn--fiqs8s.xn--fiqs8s/", "xn--fiqs8s.xn--fiqs8s", "xn--fiqs8s.xn--fiqs8s"),
    ],
)
def test_checkable_urls_normalise(raw: str, host: str, domain: str) -> None:
    parsed = parse_url(raw)
    assert (parsed.host, parsed.domain) == (host, domain)


def test_fragment_dropped_and_scheme_defaulted() -> None:
    assert parse_url("example.org/x#top").url == "https://example.org/x"


def test_private_suffix_is_flagged() -> None:
    assert parse_url("https://someone.github.io/").is_private_suffix
    assert not parse_url("https://www.github.com/").is_private_suffix


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "empty"),
        ("ftp://example.org/file", "only http:// and https://"),
        ("javascript:alert(1)", "only http:// and https://"),
        ("http://bbc.co.uk@evil.example/", "real host is 'evil.example'"),
        ("http://127.0.0.1/", "IP address"),
        ("http://2130706433/", "IP address"),
        ("http://0x7f.0.0.1/", "IP address"),
        ("http://[::1]/", "IP address"),
        ("http://localhost:8000/", "localhost"),
        ("http://intranet/", "single-label"),
        ("http://co.uk/", "public suffix"),
        ("http://example.notarealtld/", "known top-level domain"),
        ("http://a(b.com/", "not a valid internationalised"),
        ("http://-bad-.com/", "not a valid"),
        ("https://example.org/" + "a" * 2100, "the limit is 2048"),
    ],
)
def test_uncheckable_urls_say_why(raw: str, message: str) -> None:
    with pytest.raises(InvalidURL) as info:
        parse_url(raw)
    assert message in str(info.value)
    assert info.value.status == 400 and info.value.code == "invalid_url"


def test_extra_suffixes_for_offline_rigs() -> None:
    parsed = parse_url("http://www.news.test/a", extra_suffixes=frozenset({"test"}))
    assert (parsed.domain, parsed.suffix) == ("news.test", "test")
    with pytest.raises(InvalidURL):
        parse_url("http://www.news.test/a")
