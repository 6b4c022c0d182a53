"""Lookalike detection on hand-made examples (no shared data needed)."""

import idna
import pytest

from crapdetect.sources import confusables as la_conf
from crapdetect.sources import knowledge as st
from crapdetect.sources import lookalike as la

RULES = st.load_rules()
DETECTOR = la.LookalikeDetector(
    la.outlets_from_rules(RULES),
    allow=la.allowed_domains(RULES),
    platforms=la.platform_domains(RULES),
)


@pytest.mark.parametrize(
    ("host", "outlet", "kind"),
    [
        ("abcnews.com.co", "ABC News", "name-in-other-domain"),
        ("abcnewsgo.co", "ABC News", "name-in-other-domain"),
        ("cnn-breaking.com", "CNN", "name-in-other-domain"),
        ("cnnbreaking.com", "CNN", "name-in-other-domain"),
        ("cnn.com.de", "CNN", "name-in-other-domain"),
        ("bbc.co.uk.news-update.net", "BBC", "name-in-other-domain"),
        ("www.nytimes.com.secure-login.info", "The New York Times", "name-in-other-domain"),
        ("washingtonpost.com.co", "The Washington Post", "name-in-other-domain"),
        ("snopes.news", "Snopes", "name-in-other-domain"),
        ("voiceofamericatv.com", "Voice of America", "name-in-other-domain"),
        ("foxnews.blogspot.com", "Fox News", "name-in-other-domain"),
        ("nytimes.substack.com", "The New York Times", "name-in-other-domain"),
        ("nytimez.com", "The New York Times", "typosquat"),
        ("nytimse.com", "The New York Times", "typosquat"),
        ("washingtonpots.com", "The Washington Post", "typosquat"),
        ("nytirnes.com", "The New York Times", "confusable"),
        (idna.encode("nуtimes.com").decode(), "The New York Times", "confusable"),  # Cyrillic у
        (
            idna.encode("wаshingtonpost.com").decode(),
            "The Washington Post",
            "confusable",
        ),  # Cyrillic а
    ],
)
def test_impostors(host, outlet, kind):
    found = DETECTOR.check(host)
    assert found is not None, host
    assert (found.outlet, found.kind) == (outlet, kind), found.reason


@pytest.mark.parametrize(
    "host",
    [
        "nytimes.com",
        "www.nytimes.com",
        "abcnews.go.com",
        "bbc.co.uk",
        "news.bbc.co.uk",
        "deviantart.com",
        "bbcgoodfood.com",
        "espn.com.br",
        "huffingtonpost.fr",
        "eltiempo.es",
        "pravda.ru",
        "time.is",
        "stripe.com",
        "fastly.net",
        "binance.com",
        "the-sun.com",
        "abc7news.com",
        "fox5dc.com",
        "cleveland19.com",
        "seattletimes.nwsource.com",
        "elpais.com.co",
        "chronicle.com",
        "observer.com",
        "thedailystar.com",
        "cnsnews.com",
        "sputniknews.in",
        "courierjournal.net",
        "tv-asahi.co.jp",
        "101.ru",
    ],
)
def test_real_sites_are_not_flagged(host):
    assert DETECTOR.check(host) is None, DETECTOR.check(host)


def test_reason_names_the_outlet_and_the_real_site():
    found = DETECTOR.check("bbc.co.uk.news-update.net")
    assert "news-update.net" in found.reason and "BBC" in found.reason


def test_skeleton_and_scripts():
    assert la_conf.skeleton("раураl") == la_conf.skeleton("paypal")  # all-Cyrillic lookalike
    assert la_conf.mixed_scripts("nуtimes") == {"LATIN", "CYRILLIC"}


@pytest.mark.parametrize(
    ("candidate", "brand", "is_slip"),
    [
        ("nytimez", "nytimes", True),
        ("nytiems", "nytimes", True),
        ("nyttimes", "nytimes", True),
        ("nytims", "nytimes", True),
        ("stripe", "stripes", False),
        ("binance", "finance", False),
        ("globo", "oglobo", False),
        ("nytimes2", "nytimes", False),
    ],
)
def test_typo_slip(candidate, brand, is_slip):
    assert (la_conf.typo_slip(candidate, brand) is not None) == is_slip
