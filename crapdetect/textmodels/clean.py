"""Text preprocessing for the crapdetect headline and article models.

Everything here is plain, module-level, standard-library-only Python so that it can be
imported by the project as-is and applied *before* a scikit-learn Pipeline, identically at
training and at prediction time.  The shipped pipelines contain only built-in scikit-learn
estimators; they expect the strings returned by :func:`prepare_headline` or
:func:`prepare_article`.

Two jobs:

1. **Strip shortcuts** that identify a publisher or a data set rather than a writing style:
   URLs, e-mail addresses, @handles, datelines such as ``WASHINGTON (Reuters) -``, bylines,
   photo credits (``Getty Images``), share/subscribe boilerplate, names of news outlets and
   web sites, dates and years, and site-name suffixes in titles (``... - Eagle Rising``).
2. **Append stylometric marker tokens** (``xx...`` words) so that a bag-of-words vectorizer can
   pick up style cues that it otherwise cannot see after lower-casing (ALL CAPS emphasis,
   ``!!``, second-person address, a number at the start of a headline, hedging words,
   sentence length and readability buckets, ...).

The marker vocabulary is fixed: see :data:`HEADLINE_MARKERS` and :data:`ARTICLE_MARKERS`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = [
    "normalize_text",
    "strip_urls",
    "strip_outlets",
    "strip_dates",
    "normalize_numbers",
    "strip_title_suffix",
    "clean_headline",
    "clean_body",
    "headline_markers",
    "article_markers",
    "prepare_headline",
    "prepare_article",
    "HEADLINE_MARKERS",
    "ARTICLE_MARKERS",
]

# --------------------------------------------------------------------------------------
# Word lists (written by hand; none is derived from the training data)
# --------------------------------------------------------------------------------------

#: News outlets, agencies and (mis)information sites whose *names* act as publisher
#: fingerprints.  Matched case-insensitively as whole words, longest first.
OUTLETS: Final[tuple[str, ...]] = (
    "associated press",
    "reuters",
    "agence france-presse",
    "afp",
    "bloomberg",
    "new york times",
    "nytimes",
    "ny times",
    "nyt",
    "washington post",
    "wall street journal",
    "wsj",
    "usa today",
    "los angeles times",
    "la times",
    "chicago tribune",
    "boston globe",
    "the guardian",
    "the independent",
    "the telegraph",
    "daily telegraph",
    "daily mail",
    "financial times",
    "the economist",
    "the hindu",
    "times of india",
    "hindustan times",
    "bbc news",
    "bbc",
    "sky news",
    "al jazeera",
    "cnn",
    "msnbc",
    "nbc news",
    "nbc",
    "cbs news",
    "cbs",
    "abc news",
    "abc",
    "fox news",
    "fox business",
    "foxnews",
    "npr",
    "pbs",
    "c-span",
    "politico",
    "axios",
    "vox media",
    "slate.com",
    "salon.com",
    "new yorker",
    "time magazine",
    "newsweek",
    "huffington post",
    "huffpost",
    "buzzfeed news",
    "buzzfeed",
    "upworthy",
    "viralnova",
    "scoopwhoop",
    "thatscoop",
    "viralstories",
    "wikinews",
    "yahoo news",
    "yahoo",
    "aol",
    "business insider",
    "vice news",
    "mashable",
    "the verge",
    "breitbart news",
    "breitbart",
    "the daily caller",
    "daily caller",
    "daily wire",
    "the blaze",
    "theblaze",
    "newsmax",
    "one america news",
    "oann",
    "infowars",
    "gateway pundit",
    "the gateway pundit",
    "world net daily",
    "worldnetdaily",
    "wnd",
    "zero hedge",
    "zerohedge",
    "the federalist",
    "national review",
    "washington examiner",
    "washington times",
    "western journal",
    "conservative tribune",
    "occupy democrats",
    "addicting info",
    "addictinginfo",
    "right wing news",
    "rightwingnews",
    "eagle rising",
    "freedom daily",
    "the political insider",
    "political insider",
    "liberty writers",
    "young cons",
    "proud cons",
    "bipartisan report",
    "palmer report",
    "raw story",
    "daily kos",
    "mother jones",
    "the intercept",
    "alternet",
    "the onion",
    "national report",
    "the lapine",
    "satirewire",
    "the babylon bee",
    "babylon bee",
    "the beaverton",
    "world news daily report",
    "politifact",
    "snopes",
    "factcheck.org",
)

#: Common upper-case acronyms that are *not* shouting.
ACRONYMS: Final[frozenset[str]] = frozenset(
    "USA U.S UK EU UN NATO NASA FBI CIA NSA IRS EPA FDA CDC WHO GOP DNC RNC ISIS ISIL "
    "NFL NBA MLB NHL NCAA FIFA UEFA BBC CNN NBC CBS ABC NPR PBS MSNBC HBO ESPN AIDS HIV "
    "COVID DNA CEO CFO LGBT LGBTQ NYPD LAPD IMF WTO OPEC USSR NAACP ACLU SWAT JPMORGAN "
    "IPHONE IPAD OBAMACARE MSNBC AT&T DACA NAFTA TSA DHS DOJ DOD ICE NYSE GDP".split()
)

#: Second-person address (lower-case word forms).
YOU_WORDS: Final[frozenset[str]] = frozenset(
    "you your yours yourself yourselves you're youre you'll you've you'd".split()
)
#: First-person address (lower-case; "us" only counts when not written "US").
FIRST_WORDS: Final[frozenset[str]] = frozenset(
    "i me my mine myself we our ours ourselves i'm i've i'll i'd we're we've we'll".split()
)
#: Hedging / unverified-claim vocabulary.
HEDGE_WORDS: Final[frozenset[str]] = frozenset(
    "may might could reportedly allegedly alleged apparently rumor rumors rumour rumours "
    "rumored rumoured possibly perhaps supposedly purportedly claim claims claimed "
    "suggest suggests unconfirmed speculation speculate speculates".split()
)
#: Sensational / emotional intensifiers typical of click-bait and hyper-partisan writing.
SENSATIONAL_STEMS: Final[tuple[str, ...]] = (
    "shock",
    "unbelievabl",
    "amazing",
    "incredibl",
    "insane",
    "mindblow",
    "jawdrop",
    "hilarious",
    "heartbreak",
    "heartwarm",
    "adorabl",
    "outrag",
    "disgust",
    "horrif",
    "terrif",
    "stunn",
    "destroy",
    "slam",
    "blast",
    "humiliat",
    "devastat",
    "furious",
)
SENSATIONAL_WORDS: Final[frozenset[str]] = frozenset(
    "epic awesome bombshell explosive breaking urgent alert expose exposed viral literally "
    "totally perfect ridiculous genius wow omg lol wtf omfg".split()
)
SENSATIONAL_PHRASES: Final[tuple[str, ...]] = (
    "won't believe",
    "wont believe",
    "blow your mind",
    "must see",
    "must watch",
    "goes viral",
    "everything you need",
    "mind-blow",
    "jaw-drop",
)
#: Forward-reference openers ("This ...", "Here's why ...", "What happens when ...").
FORWARD_FIRST: Final[frozenset[str]] = frozenset(
    "this these here's heres why how what when who which you".split()
)
FORWARD_PAIRS: Final[frozenset[tuple[str, str]]] = frozenset(
    {
        ("here", "is"),
        ("here", "are"),
        ("can", "you"),
        ("do", "you"),
        ("are", "you"),
        ("is", "this"),
        ("did", "you"),
        ("have", "you"),
        ("will", "you"),
    }
)
NUMBER_WORDS: Final[frozenset[str]] = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty hundred".split()
)

#: Every marker token :func:`headline_markers` can emit.
HEADLINE_MARKERS: Final[tuple[str, ...]] = (
    "xxexcl",
    "xxexclmulti",
    "xxquest",
    "xxcapsword",
    "xxcapsall",
    "xxyou",
    "xxfirst",
    "xxnumstart",
    "xxnumber",
    "xxhedge",
    "xxsensational",
    "xxforward",
    "xxquote",
    "xxcolon",
    "xxlenshort",
    "xxlenmid",
    "xxlenlong",
    "xxwordshort",
    "xxwordmid",
    "xxwordlong",
)

#: Every marker token :func:`article_markers` can emit (title markers are prefixed ``xxt``).
ARTICLE_MARKERS: Final[tuple[str, ...]] = tuple(
    ["xxt" + m[2:] for m in HEADLINE_MARKERS]
    + [
        f"xx{feat}{lvl}"
        for feat in ("excl", "quest", "caps", "you", "first", "hedge", "sens", "quote")
        for lvl in ("0", "1", "2")
    ]
    + [
        "xxsentshort",
        "xxsentmid",
        "xxsentlong",
        "xxreadeasy",
        "xxreadmid",
        "xxreadhard",
        "xxbodyempty",
        "xxbodyshort",
        "xxbodymid",
        "xxbodylong",
    ]
)

# --------------------------------------------------------------------------------------
# Low-level cleaning
# --------------------------------------------------------------------------------------

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u00a0": " ",
        "\u200b": "",
        "\ufeff": "",
    }
)
_WS = re.compile(r"  +|[\t\r\f\v]+ *")


def normalize_text(text: str) -> str:
    """Unicode-normalise (NFKC), unify quotes, dashes and ellipses, collapse spaces.

    Newlines are kept (the body cleaner works line by line).  ``None`` or non-strings give
    an empty string.
    """
    if not isinstance(text, str):
        return ""
    if not text.isascii():  # NFKC and the quote table only change non-ASCII characters
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    if "  " in text or "\t" in text or "\r" in text or "\f" in text or "\v" in text:
        text = _WS.sub(" ", text)
    if "\n" not in text:
        return text.strip()
    return "\n".join(line.strip() for line in text.split("\n"))


_URL = re.compile(
    r"(?i:https?://|ftp://|www\.)\S+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co|us|info|news|gov|edu|io|uk|ws|ly|gl|tv)\b(?:/\S*)?"
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_HANDLE = re.compile(r"(?<!\w)@\w{2,}")
_HASHTAG = re.compile(r"(?<!\w)#(\w+)")


_URL_HINT = re.compile(
    r"://|www\.|\.(?:com|org|net|co|us|info|news|gov|edu|io|uk|ws|ly|gl|tv)\b", re.I
)


def strip_urls(text: str) -> str:
    """Remove URLs, bare domain names, e-mail addresses and @handles; ``#tag`` -> ``tag``."""
    if "@" in text:
        text = _HANDLE.sub(" ", _EMAIL.sub(" ", text))
    if "." in text and _URL_HINT.search(text):
        text = _URL.sub(" ", text)
    if "#" in text:
        text = _HASHTAG.sub(r"\1", text)
    return text


_ALNUM = re.compile(r"[a-z0-9]+")
# byte table: ASCII letters/digits -> lower case, everything else -> space
_BYTE_TABLE = bytes(ord(chr(c).lower()) if c < 128 and chr(c).isalnum() else 32 for c in range(256))


def _token_set(text: str) -> set[str]:
    """Lower-case alphanumeric tokens of ``text`` (punctuation splits tokens)."""
    if text.isascii():
        return set(text.encode("ascii").translate(_BYTE_TABLE).decode("ascii").split())
    return set(_ALNUM.findall(text.lower()))


_OUTLET_RE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(o) for o in sorted(OUTLETS, key=len, reverse=True))
    + r")(?:'s)?(?![\w-])",
    re.I,
)
# Gate for the (slow) outlet regex: one distinctive token per outlet name; the regex only
# runs when some key token occurs.  Common words are avoided as keys where possible.
_COMMON_TOKENS: Final[frozenset[str]] = frozenset(
    "the new daily news times post world national report one american business review "
    "journal street wall press magazine today la los angeles of and young proud "
    "right wing raw mother time freedom political liberty conservative western "
    "eagle rising writers bipartisan info independent economist financial insider".split()
)


def _outlet_key(name: str) -> str:
    toks = _ALNUM.findall(name)
    rare = [t for t in toks if t not in _COMMON_TOKENS] or toks
    return max(rare, key=len)


_OUTLET_FIRST: Final[frozenset[str]] = frozenset(_outlet_key(o) for o in OUTLETS)


def strip_outlets(text: str, tokens: frozenset[str] | set[str] | None = None) -> str:
    """Remove names of news outlets, agencies and known (mis)information sites.

    The names in :data:`OUTLETS` are publisher fingerprints in every labelled corpus we
    have (e.g. ``Source: CNN`` in "real" articles, ``SatireWire.com`` in satire).  Removing
    them costs a little topical information but stops the model from learning who
    published a text instead of how it is written.  ``tokens`` (the lower-case
    alphanumeric tokens of ``text``) may be passed to skip the regex when no name can match.
    """
    if tokens is None:
        tokens = _token_set(text)
    if tokens.isdisjoint(_OUTLET_FIRST):
        return text
    return _OUTLET_RE.sub(" ", text)


_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# dates written with a month name, and weekday names (only tried when such a word occurs)
_DATE_WORD_RE = re.compile(
    "|".join(
        (
            rf"\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?",
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b\.?(?:,?\s+\d{{4}}\b)?",
            rf"\b{_MONTHS}\.?,?\s+(?:19|20)\d\d\b",
            r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
        )
    ),
    re.I,
)
# purely numeric dates, clock times and years (only tried when a digit occurs)
_DATE_NUM_RE = re.compile(
    "|".join(
        (
            r"\b\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?\S*)?",
            r"\b\d{1,2}[/.]\d{1,2}[/.](?:19|20)?\d\d\b",
            r"\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*(?:[ECMP][SD]T|ET|GMT|UTC)\b)?",
            r"\b(?:19[5-9]\d|20[0-4]\d)s?\b",
        )
    ),
    re.I,
)
_DATE_WORDS: Final[frozenset[str]] = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday jan january feb february mar "
    "march apr april may jun june jul july aug august sep sept september oct october nov "
    "november dec december".split()
)
_HAS_DIGIT = re.compile(r"\d")
_DATE_NUM_HINT = re.compile(r"\d{4}|\d[/.:]\d")  # cheap pre-check for _DATE_NUM_RE


def strip_dates(text: str, tokens: frozenset[str] | set[str] | None = None) -> str:
    """Remove calendar dates, clock times, weekday names and years 1950-2049.

    Dates and years date a corpus (all of FakeNewsNet v1 is from the 2016 election), so they
    are a collection-time shortcut rather than a style cue.  Month names only go when they
    are part of a date.  ``tokens`` as in :func:`strip_outlets`.
    """
    if tokens is None:
        tokens = _token_set(text)
    if not tokens.isdisjoint(_DATE_WORDS):
        text = _DATE_WORD_RE.sub(" ", text)
    if _DATE_NUM_HINT.search(text):
        text = _DATE_NUM_RE.sub(" ", text)
    return text


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def normalize_numbers(text: str) -> str:
    """Replace every number (``21``, ``5.7``, ``1,000``) with a single ``0``.

    Keeps the *fact* that a number is present ("21 Things ...") without letting the model
    memorise particular values.
    """
    return _DIGITS.sub("0", text) if _HAS_DIGIT.search(text) else text


_TITLE_SEP = re.compile(r"\s+(?:\||-{1,2}|::|»)\s+")
_TITLE_PREFIX = re.compile(r"^\s*(?:via\s*\||[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,3}\s*\|)\s*", re.I)
_SMALL_WORDS: Final[frozenset[str]] = frozenset({"the", "of", "and", "&", "news", "on", "for"})


def _is_site_name(segment: str) -> bool:
    words = segment.split()
    if not 0 < len(words) <= 4 or "!" in segment or "?" in segment:
        return False
    if _OUTLET_RE.fullmatch(segment):
        return True
    return all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in words) and any(
        w[:1].isalpha() for w in words
    )


def strip_title_suffix(title: str) -> str:
    """Drop a trailing site name from a page title: ``Story - Eagle Rising`` -> ``Story``.

    The last `` - `` / `` | `` / `` :: `` segment is removed when it has at most four words,
    every word is capitalised (no numbers: sports scores stay), and at least four words
    remain before it (``- POLITICO``, ``| Fox News``, ``- The Washington Post``).  A leading
    ``VIA|`` or ``Opinion |`` is removed too.
    """
    if "|" in title[:40]:
        title = _TITLE_PREFIX.sub("", title)
    if not _TITLE_SEP.search(title):
        return title
    parts = _TITLE_SEP.split(title)
    while (
        len(parts) > 1
        and _is_site_name(parts[-1].strip())
        and len(" ".join(parts[:-1]).split()) >= 4
    ):
        parts = parts[:-1]
    return " - ".join(p.strip() for p in parts)


# Datelines at the start of a body: "WASHINGTON (Reuters) - ", "NEW YORK, Sept. 4 (AP) -- ",
# "NELSON CO, Va. - ", "WASHINGTON, D.C. (SatireWire.com) - ".
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'\-]+(?:\s+[A-Z][A-Za-z.'\-]*){0,3})(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?"
    r"\s*(?:,\s*[^\s()]{1,12}\s*\d{0,2})?\s*(?:\([^)]{1,40}\))?\s*-{1,3}\s+"
)
_AGENCY_PAREN = re.compile(
    r"\((?:reuters|ap|afp|cnn|ap photo|upi|bloomberg|[\w.\s]{0,20}\.com)\)", re.I
)

# Whole lines that are boilerplate: bylines, credits, share/subscribe prompts, ...
_BOILER_LINE = re.compile(
    r"^(?:(?-i:[Bb]y\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}"
    r"(?:\s*(?:and|,)\s*[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3})*\s*[,|-]?.{0,40})"
    r"|authors?:.*|posted by.*|written by.*|reporting by.*|editing by.*|additional reporting.*"
    r"|contributing:.*|source:.*|sources:.*|via:?\s.{0,60}|h/t.*|hat tip.*"
    r"|(?:featured\s+)?(?:image|photo|picture|video|screenshot|screen capture)s?(?:\s+credit)?"
    r"\s*(?:via|by|from|source|:).*"
    r"|.*\b(?:getty images|shutterstock|ap photo|reuters/|afp/|wikimedia|flickr|creative commons)\b.*"
    r"|read more.*|continue reading.*|story continued below|related(?:\s+\w+){0,2}:?"
    r"|advertisement|sponsored.*"
    r"|\d*\s*comments?|share (?:this|on).*|.*share this story.*|click here.*"
    r"|follow (?:us|me|him|her)\b.*"
    r"|like us on.*|subscribe.*|sign up.*|join (?:us|our)\b.*|.*newsletter.*|copyright.*|©.*"
    r"|all rights reserved.*|.*easy plugin for adsense.*|your ads will be inserted.*"
    r"|website is down for maintenance.*|.*\bviews expressed in this\b.*|add your name to.*"
    r"|external links are provided.*|.*is not responsible for the content of external.*"
    r"|(?:facebook|twitter|google\+|pinterest|linkedin|email|print|whatsapp|reddit)(?:\s+\w+){0,2}"
    r"|tags?:.*|filed under.*|loading\.*|please enable javascript.*|.*\buses? cookies\b.*)$",
    re.I,
)
_MAX_BOILER_WORDS: Final[int] = 40


def clean_body(text: str) -> str:
    """Clean an article body: drop boilerplate lines, dateline, URLs, outlets and dates.

    Lines with at most ``_MAX_BOILER_WORDS`` (40) words that match a boilerplate pattern
    (bylines, photo credits, share buttons, subscription prompts, copyright, ...) are
    removed; long lines are kept even when they contain such words.  Returns a single
    line of text with numbers normalised to ``0``.
    """
    text = normalize_text(text)
    kept: list[str] = []
    for line in text.split("\n"):
        if not line:
            continue
        if line[:16].lower() == "story highlights":  # CNN summary header
            line = line[16:].strip()
            if not line:
                continue
        if len(line.split()) <= _MAX_BOILER_WORDS and _BOILER_LINE.match(line):
            continue
        kept.append(line)
    if not kept:
        return ""
    kept[0] = _DATELINE.sub("", kept[0], count=1)
    body = " ".join(kept)
    body = _AGENCY_PAREN.sub(" ", body)
    body = strip_urls(body)
    tokens = _token_set(body)
    body = strip_outlets(body, tokens)
    body = strip_dates(body, tokens)
    body = normalize_numbers(body)
    return " ".join(body.split())


def clean_headline(title: str) -> str:
    """Clean a headline / page title: site suffix, URLs, outlets, dates, numbers.

    Case and punctuation are kept (the markers read them; the vectorizers lower-case).
    """
    title = normalize_text(title)
    if "\n" in title:
        title = title.replace("\n", " ")
    title = strip_title_suffix(title)
    if "(" in title:
        title = _AGENCY_PAREN.sub(" ", title)
    title = strip_urls(title)
    tokens = _token_set(title)
    title = strip_outlets(title, tokens)
    title = strip_dates(title, tokens)
    title = normalize_numbers(title)
    return " ".join(title.split())


# --------------------------------------------------------------------------------------
# Stylometric markers
# --------------------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z'&]*")
_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+")
_VOWELS = re.compile(r"[aeiouy]+")
_QUOTED = re.compile(r"\"|(?:^|[\s(])'[^'\n]{2,}'(?=$|[\s.,:;!?)])")


def _is_sensational(lw: str) -> bool:
    return lw in SENSATIONAL_WORDS or lw.startswith(SENSATIONAL_STEMS)


_SENS_STEM_RE = re.compile(r"\b(?:" + "|".join(SENSATIONAL_STEMS) + ")")
_SENS_PHRASE_RE = re.compile("|".join(re.escape(p) for p in SENSATIONAL_PHRASES))
_WORD_LOWER = re.compile(r"[a-z][a-z'&]*")


def _count_caps(words: list[str]) -> int:
    return sum(1 for w in words if len(w) >= 4 and w.isupper() and w not in ACRONYMS)


def headline_markers(title: str) -> list[str]:
    """Return the style-marker tokens for one (already cleaned) headline.

    See :data:`HEADLINE_MARKERS` for the vocabulary.  ``xxcapsword`` is emphasis (a
    non-acronym ALL-CAPS word of 4+ letters); ``xxcapsall`` a headline written in capitals.
    Title Case is deliberately *not* a marker: in the click-bait corpus it identifies the
    publisher (99.7% of click-bait vs 38% of news headlines are in Title Case).
    """
    if not title.strip():
        return []
    out: list[str] = []
    n_excl = title.count("!")
    if n_excl:
        out.append("xxexcl")
        if n_excl >= 2:
            out.append("xxexclmulti")
    if "?" in title:
        out.append("xxquest")
    words = _WORD.findall(title)
    lower = title.lower()
    lower = _WORD_LOWER.findall(lower)
    n = len(words)
    n_upper_words = sum(map(str.isupper, words))
    if n >= 3 and n_upper_words / n > 0.7:
        out.append("xxcapsall")
    elif n_upper_words and _count_caps(words):
        out.append("xxcapsword")
    lset = set(lower)
    if not lset.isdisjoint(YOU_WORDS):
        out.append("xxyou")
    if not lset.isdisjoint(FIRST_WORDS) or "us" in words or "Us" in words:
        out.append("xxfirst")
    stripped = title.lstrip("\"'([ ")
    if stripped[:1] == "0" or (lower and lower[0] in NUMBER_WORDS and title.lstrip()[:1].isalpha()):
        out.append("xxnumstart")
    if "0" in title:
        out.append("xxnumber")
    if not lset.isdisjoint(HEDGE_WORDS):
        out.append("xxhedge")
    tl = title.lower()
    if (
        not lset.isdisjoint(SENSATIONAL_WORDS)
        or _SENS_STEM_RE.search(tl)
        or _SENS_PHRASE_RE.search(tl)
    ):
        out.append("xxsensational")
    if lower and (lower[0] in FORWARD_FIRST or tuple(lower[:2]) in FORWARD_PAIRS):
        out.append("xxforward")
    if ('"' in title or "'" in title) and _QUOTED.search(title):
        out.append("xxquote")
    if ":" in title:
        out.append("xxcolon")
    out.append("xxlenshort" if n <= 6 else "xxlenmid" if n <= 12 else "xxlenlong")
    if n:
        avg = sum(map(len, words)) / n
        out.append("xxwordshort" if avg < 4.5 else "xxwordmid" if avg < 5.5 else "xxwordlong")
    return out


def _level(rate: float, lo: float, hi: float) -> str:
    return "0" if rate <= lo else "1" if rate <= hi else "2"


def article_markers(title: str, body: str) -> list[str]:
    """Return style-marker tokens for an (already cleaned) title and body.

    Title markers are the headline markers with prefix ``xxt``.  Body markers are rates per
    sentence or per word, bucketed into three levels (0 = none/low, 1 = some, 2 = high),
    plus sentence-length, Flesch-readability and body-length buckets.
    """
    out = ["xxt" + m[2:] for m in headline_markers(title)] if title else []
    if not body:
        return out + ["xxbodyempty"]
    words = _WORD.findall(body)
    lower = [w.lower() for w in words]
    n_words = max(len(words), 1)
    n_sents = max(len(_SENT_SPLIT.split(body)), 1)
    bl = body.lower()
    n_first = sum(1 for w in lower if w in FIRST_WORDS) + sum(1 for w in words if w in ("us", "Us"))
    n_sens = sum(1 for w in lower if _is_sensational(w)) + sum(
        bl.count(p) for p in SENSATIONAL_PHRASES
    )
    rates = {
        "excl": (body.count("!") / n_sents, 0.0, 0.1),
        "quest": (body.count("?") / n_sents, 0.02, 0.1),
        "caps": (_count_caps(words) / n_words, 0.0, 0.005),
        "you": (sum(1 for w in lower if w in YOU_WORDS) / n_words, 0.002, 0.01),
        "first": (n_first / n_words, 0.005, 0.02),
        "hedge": (sum(1 for w in lower if w in HEDGE_WORDS) / n_words, 0.003, 0.008),
        "sens": (n_sens / n_words, 0.0, 0.003),
        "quote": (body.count('"') / 2 / n_sents, 0.1, 0.4),
    }
    for name, (rate, lo, hi) in rates.items():
        out.append(f"xx{name}{_level(rate, lo, hi)}")
    wps = n_words / n_sents
    out.append("xxsentshort" if wps < 15 else "xxsentmid" if wps < 25 else "xxsentlong")
    syll = sum(max(1, len(_VOWELS.findall(w))) for w in lower)
    flesch = 206.835 - 1.015 * wps - 84.6 * syll / n_words
    out.append("xxreadeasy" if flesch >= 60 else "xxreadmid" if flesch >= 40 else "xxreadhard")
    out.append("xxbodyshort" if n_words < 150 else "xxbodymid" if n_words < 800 else "xxbodylong")
    return out


# --------------------------------------------------------------------------------------
# Entry points used by the pipelines
# --------------------------------------------------------------------------------------


def prepare_headline(title: str, markers: bool = True, clean: bool = True) -> str:
    """Turn a raw headline into the string the headline pipeline expects.

    ``clean`` applies :func:`clean_headline`; ``markers`` appends the tokens from
    :func:`headline_markers`.  Use the same flags at training and prediction time.
    """
    text = clean_headline(title) if clean else normalize_text(title).replace("\n", " ")
    if markers:
        text = (text + " " + " ".join(headline_markers(text))).strip()
    return text


def prepare_article(
    title: str, body: str, markers: bool = True, clean: bool = True, max_chars: int = 20000
) -> str:
    """Turn a raw title and body into the string the article pipeline expects.

    The body is cut to ``max_chars`` characters *before* cleaning (bounded run time).
    Output: ``"<title> . <body> <markers>"``.  Either part may be empty (title-only or
    statement-only inputs are fine).
    """
    title = title if isinstance(title, str) else ""
    body = body if isinstance(body, str) else ""
    body = body[:max_chars]
    if clean:
        t, b = clean_headline(title), clean_body(body)
    else:
        t = normalize_text(title).replace("\n", " ")
        b = _WS.sub(" ", normalize_text(body).replace("\n", " ")).strip()
    text = f"{t} . {b}".strip(" .") if t and b else (t or b)
    if markers:
        text = (text + " " + " ".join(article_markers(t, b))).strip()
    return text
