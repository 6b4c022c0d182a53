"""Matching semantics of source_types.toml, including the peers' failure classes."""

import pytest

from crapdetect.sources import knowledge as st
from crapdetect.sources import validate as validate_data

RULES = st.load_rules()


def kind(host, path="/", query=""):
    return st.classify(host, path, query, rules=RULES)


def test_data_file_validates():
    assert validate_data.main() == 0


@pytest.mark.parametrize(
    ("host", "expected_type", "expected_name"),
    [
        (
            "deviantart.com",
            "ugc_platform",
            "Image and art platforms",
        ),  # never rt.com (bs-detector #25)
        ("rt.com", "news", "RT"),
        ("de.rt.com", "news", "RT"),
        ("www1.bbc.co.uk", "news", "BBC"),  # subdomains inherit (mbfcext #30)
        ("notbbc.co.uk", "unknown", None),
        ("bbc.co.uk.evil.example", "unknown", None),
        ("ons.gov.uk", "government", "Office for National Statistics"),
        ("www.dwp.gov.uk", "government", "gov.uk suffix"),
        ("gov.example.com", "unknown", None),
        ("cs.ox.ac.uk", "academic", "ac.uk suffix"),
        ("www.nasa.gov", "government", "NASA"),
        ("army.mil", "military", "mil suffix"),
        ("www.who.int", "intergovernmental", "World Health Organization"),
        ("ec.europa.eu", "intergovernmental", "europa.eu suffix"),
        ("www.k12.ny.us", "academic", "k12.*.us suffix"),
        ("academia.edu", "ugc_platform", "Academic social networks"),  # beats .edu
        ("plato.stanford.edu", "reference", "Stanford Encyclopedia of Philosophy"),
        ("pubmed.ncbi.nlm.nih.gov", "scholarly", "PubMed"),
        ("caracol.com.co", "news", "Caracol Radio"),
        ("bit.ly", "url_shortener", "Bitly"),
        ("nyti.ms", "url_shortener", "The New York Times short links"),
        ("theonion.com", "satire", "The Onion"),
        ("en.wikipedia.org", "reference", "Wikipedia"),
        ("apnews.com", "wire_service", "Associated Press"),
        ("www.prnewswire.com", "press_release", "PR Newswire"),
    ],
)
def test_hosts(host, expected_type, expected_name):
    result = kind(host)
    assert (result.type, result.name) == (expected_type, expected_name), result.reason


@pytest.mark.parametrize(
    ("host", "path", "query", "source"),
    [
        ("medium.com", "/@alice/post-1", "", "medium.com/@alice"),
        ("alice.medium.com", "/post-1", "", "alice.medium.com"),
        ("medium.com", "/some-publication/post-1", "", "medium.com/some-publication"),
        ("medium.com", "/tag/politics", "", "medium.com"),  # reserved: the platform, not an account
        ("www.youtube.com", "/@Veritasium/videos", "", "youtube.com/@veritasium"),
        (
            "youtube.com",
            "/channel/UCHnyfMqiRRG1u-2MsSQLbXA",
            "",
            "youtube.com/channel/UCHnyfMqiRRG1u-2MsSQLbXA",
        ),
        ("youtube.com", "/c/SomeName", "", "youtube.com/c/somename"),
        ("youtube.com", "/user/SomeName", "", "youtube.com/user/somename"),
        ("youtube.com", "/watch", "v=abc", "youtube.com"),
        ("x.com", "/NASA/status/1", "", "x.com/nasa"),
        ("twitter.com", "/search", "q=x", "twitter.com"),
        ("mobile.twitter.com", "/NASA", "", "x.com/nasa"),  # aliases map to the first domain
        ("www.facebook.com", "/bbcnews", "", "facebook.com/bbcnews"),
        ("m.facebook.com", "/groups/123/posts/4", "", "facebook.com/groups/123"),
        ("facebook.com", "/profile.php", "id=100", "facebook.com/profile.php?id=100"),
        ("www.instagram.com", "/natgeo/", "", "instagram.com/natgeo"),
        ("instagram.com", "/p/Cx1/", "", "instagram.com"),
        ("www.tiktok.com", "/@someone/video/1", "", "tiktok.com/@someone"),
        ("old.reddit.com", "/r/science/comments/x", "", "reddit.com/r/science"),
        ("www.reddit.com", "/u/spez", "", "reddit.com/u/spez"),
        ("www.linkedin.com", "/in/jane-doe/", "", "linkedin.com/in/jane-doe"),
        ("github.com", "/psf/requests", "", "github.com/psf"),
        ("github.com", "/features/actions", "", "github.com"),
        ("someone.github.io", "/blog/", "", "someone.github.io"),
        ("someone.substack.com", "/p/a-post", "", "someone.substack.com"),
        ("someone.blogspot.com", "/2020/01/x.html", "", "someone.blogspot.com"),
        ("someone.blogspot.co.uk", "/", "", "someone.blogspot.co.uk"),
        ("someone.wordpress.com", "/", "", "someone.wordpress.com"),
        ("someone.tumblr.com", "/post/1", "", "someone.tumblr.com"),
        ("sites.google.com", "/view/mysite/home", "", "sites.google.com/view/mysite"),
        ("t.me", "/s/durov", "", "t.me/s/durov"),
        ("bsky.app", "/profile/someone.bsky.social", "", "bsky.app/profile/someone.bsky.social"),
        ("mastodon.social", "/@Gargron", "", "mastodon.social/@gargron"),
        ("www.forbes.com", "/sites/janedoe/2024/01/01/x/", "", "forbes.com/sites/janedoe"),
        ("news.ycombinator.com", "/user", "id=pg", "news.ycombinator.com/user?id=pg"),
    ],
)
def test_accounts(host, path, query, source):
    assert kind(host, path, query).source == source


def test_account_result_explains_who_is_the_source():
    result = kind("medium.com", "/@alice/x")
    assert result.account == "alice"
    assert "not Medium" in result.reason


def test_path_prefix_beats_domain():
    assert kind("www.newyorker.com", "/humor/borowitz-report/x").type == "satire"
    assert kind("www.newyorker.com", "/magazine/x").type == "news"
    assert kind("www.newyorker.com", "/humor/borowitz-reportage").type == "news"  # segment-wise


def test_wrapped_urls():
    wayback = kind("web.archive.org", "/web/20200101000000/https://www.bbc.co.uk/news/x")
    assert (wayback.type, wayback.wrapped_url) == ("archive", "https://www.bbc.co.uk/news/x")
    google = kind("www.google.com", "/url", "q=https://example.org/a&sa=D")
    assert (google.type, google.wrapped_url) == ("redirect", "https://example.org/a")


def test_unknown_names_registrable_domain():
    result = st.classify("www1.cbn.com", rules=RULES, domain="cbn.com")
    assert (result.type, result.source) == ("unknown", "cbn.com")


def test_every_entry_has_a_basis():
    assert all(entry.basis for entry in RULES.entries)


def test_runtime_types_are_not_in_the_data():
    assert not {e.type for e in RULES.entries} & st.RUNTIME_TYPES


def test_counts():
    types = [e.type for e in RULES.entries]
    assert types.count("news") >= 300
    for required in (
        "government",
        "military",
        "intergovernmental",
        "academic",
        "scholarly",
        "reference",
        "wire_service",
        "satire",
        "ugc_platform",
        "blog_host",
        "social_network",
        "forum",
        "url_shortener",
    ):
        assert required in types
