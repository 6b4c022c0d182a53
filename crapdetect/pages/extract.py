"""Pull what a reader sees out of HTML: headline, byline, date, language, main text, links.

beautifulsoup4 with the standard library's html.parser (no compiled
dependency). Boilerplate — scripts, styles, navigation, asides, footers,
forms, cookie and share widgets — is dropped before the text is taken, and an
``<article>`` or ``<main>`` element is preferred over the whole body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag, UnicodeDammit

from ..urls import registrable_domain

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "nav",
    "aside",
    "footer",
    "form",
    "button",
    "select",
    "header",
    "figure",
)
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog"}
_BOILERPLATE = re.compile(
    r"(^|[-_ ])(nav|navbar|menu|footer|sidebar|cookie|consent|share|social|related|promo|"
    r"advert|ads|newsletter|subscribe|comments?|breadcrumbs?)($|[-_ ])",
    re.I,
)
_BLOCKS = ("h1", "h2", "h3", "h4", "p", "li", "blockquote", "pre", "td")
_SPACE = re.compile(r"\s+")
# The most frequent English function words; English prose has ~40 % of its tokens in this set.
_ENGLISH = frozenset(
    "the of and to a in is that for it as was with be by on not he i this are or his from at "
    "which but have an they you were her she there been one all we their has would when if so "
    "no will can more who its what about said them out up into than only other new some could "
    "these two may then do first any my now such like our over also did just".split()
)


@dataclass(frozen=True)
class PageText:
    title: str | None
    og_title: str | None
    description: str | None
    author: str | None
    published: str | None
    language: str | None  # BCP 47 tag from the page, or a guess ("en" / "non-en")
    text: str
    links_total: int
    links_other_domains: int

    @property
    def headline(self) -> str | None:
        """The headline a reader sees: og:title, else <title>."""
        return self.og_title or self.title

    @property
    def word_count(self) -> int:
        return len(self.text.split())


def decode(body: bytes, declared_charset: str | None) -> str:
    """Decode with the declared charset, else <meta charset>, else detection."""
    known = [declared_charset] if declared_charset else []
    dammit = UnicodeDammit(body, known_definite_encodings=known, is_html=True)
    if dammit.unicode_markup is None:
        return body.decode("utf-8", errors="replace")
    return dammit.unicode_markup


def extract(html: str, page_url: str) -> PageText:
    """Extract the readable parts of ``html`` found at ``page_url``."""
    soup = BeautifulSoup(html, "html.parser")
    title = _clean(soup.title.get_text()) if soup.title else None
    lang = _attr(soup.html, "lang") if soup.html else None
    links_total, links_other = _count_links(soup, page_url)
    meta = _meta(soup)
    _drop_boilerplate(soup)
    root = _main_element(soup)
    text = _main_text(root)
    return PageText(
        title=title,
        og_title=meta.get("og:title") or meta.get("twitter:title"),
        description=meta.get("og:description") or meta.get("description"),
        author=meta.get("author") or meta.get("article:author") or _byline(soup),
        published=meta.get("article:published_time") or meta.get("date") or _time(soup),
        language=(lang.lower() if lang else None) or guess_language(text),
        text=text,
        links_total=links_total,
        links_other_domains=links_other,
    )


def english_share(text: str) -> float:
    """Share of tokens that are common English function words (0–1).

    >>> round(english_share("The cat sat on the mat and it was happy."), 2)
    0.6
    >>> english_share("Der Hund schläft im Garten unter dem Baum.")
    0.0
    """
    tokens = re.findall(r"[a-zà-ÿ']+", text.lower())
    if not tokens:
        return 0.0
    return sum(token in _ENGLISH for token in tokens) / len(tokens)


def guess_language(text: str) -> str | None:
    """'en' when the text reads as English, 'non-en' when clearly not, None if too short."""
    if len(text.split()) < 20:
        return None
    return "en" if english_share(text) >= 0.2 else "non-en"


def _meta(soup: BeautifulSoup) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = (_attr(tag, "property") or _attr(tag, "name") or _attr(tag, "itemprop") or "").lower()
        content = _attr(tag, "content")
        if key and content and key not in found:
            found[key] = _clean(content)
    return found


def _attr(tag: Tag | None, name: str) -> str | None:
    if tag is None:
        return None
    value = tag.get(name)
    if isinstance(value, list):
        value = " ".join(value)
    return value or None


def _byline(soup: BeautifulSoup) -> str | None:
    node = soup.find(attrs={"rel": "author"}) or soup.find(
        class_=re.compile(r"byline|author", re.I)
    )
    return _clean(node.get_text())[:200] or None if node else None


def _time(soup: BeautifulSoup) -> str | None:
    node = soup.find("time", attrs={"datetime": True})
    return _attr(node, "datetime") if isinstance(node, Tag) else None


def _count_links(soup: BeautifulSoup, page_url: str) -> tuple[int, int]:
    own = registrable_domain(urlsplit(page_url).hostname or "")
    total = other = 0
    for anchor in soup.find_all("a", href=True):
        target = urljoin(page_url, str(anchor["href"]))
        parts = urlsplit(target)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            continue
        total += 1
        if registrable_domain(parts.hostname) != own:
            other += 1
    return total, other


def _drop_boilerplate(soup: BeautifulSoup) -> None:
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.attrs is None:
            continue
        role = (_attr(tag, "role") or "").lower()
        marker = " ".join(filter(None, (_attr(tag, "class"), _attr(tag, "id"))))
        if tag.name not in ("html", "body", "main", "article") and (
            role in _DROP_ROLES or (marker and _BOILERPLATE.search(marker))
        ):
            tag.decompose()


def _main_element(soup: BeautifulSoup) -> Tag:
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=lambda a: len(a.get_text()))
    return soup.find("main") or soup.body or soup


def _main_text(root: Tag) -> str:
    # Leaf blocks only, so a <p> inside an <li> is not counted twice.
    leaves = [b for b in root.find_all(_BLOCKS) if b.find(_BLOCKS) is None]
    blocks = [_clean(block.get_text(" ")) for block in leaves]
    blocks = [b for b in blocks if b]
    if not blocks:
        return _clean(root.get_text(" "))
    return "\n".join(blocks)


_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")


def _clean(text: str) -> str:
    return _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACE.sub(" ", text)).strip()
