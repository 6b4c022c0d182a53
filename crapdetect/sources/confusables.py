"""Visual and typing look-alikes: homoglyph skeletons, mixed scripts, one-slip typos.

Pure functions used by :mod:`crapdetect.sources.lookalike`.
"""

from __future__ import annotations

import unicodedata

import idna

from ..memo import once

_QWERTY = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")


# ASCII look-alikes folded before comparing (applied to both sides).
_ASCII_FOLDS = (("rn", "m"), ("vv", "w"), ("0", "o"), ("1", "l"), ("i", "l"), ("5", "s"))


def to_unicode(label: str) -> str:
    try:
        return idna.decode(label) if label.startswith("xn--") else label
    except idna.IDNAError:
        return label


@once
def _confusable_map() -> dict[str, str]:
    """Non-ASCII character -> ASCII prototype, from the Unicode confusables data.

    Uses the ``confusable_homoglyphs`` package's bundled copy of Unicode's confusables.txt;
    without it, only NFKD folding (accents) and the ASCII folds apply.
    """
    try:
        from confusable_homoglyphs import utils
    except ImportError:  # pragma: no cover - optional dependency
        return {}
    table: dict[str, str] = {}
    for char, entries in utils.load("confusables.json").items():
        if char.isascii():
            continue
        for entry in entries:
            target = entry["c"].lower()
            if target.isascii() and target.isalnum():
                table[char] = target
                break
    return table


def skeleton(label: str) -> str:
    """Fold a label to a visual skeleton: homoglyphs -> ASCII, accents dropped, ASCII folds.

    >>> skeleton("nуtimes") == skeleton("nytimes")    # Cyrillic у
    True
    >>> skeleton("nytirnes") == skeleton("nytimes")
    True
    """
    table = _confusable_map()
    chars = []
    for char in label.lower():
        if char.isascii():
            chars.append(char)
            continue
        mapped = table.get(char)
        if mapped is None:
            decomposed = unicodedata.normalize("NFKD", char)
            mapped = "".join(c for c in decomposed if c.isascii()) or char
        chars.append(mapped)
    text = "".join(chars)
    for old, new in _ASCII_FOLDS:
        text = text.replace(old, new)
    return text


def mixed_scripts(label: str) -> set[str]:
    """Scripts of the letters in ``label`` (first word of the Unicode name: LATIN, CYRILLIC...)."""
    scripts = set()
    for char in label:
        if char.isalpha():
            scripts.add(unicodedata.name(char, "UNKNOWN").split(" ")[0])
    return scripts


def _adjacent(a: str, b: str) -> bool:
    for r1, row in enumerate(_QWERTY):
        if a in row:
            i = row.index(a)
            for r2 in (r1 - 1, r1, r1 + 1):
                if 0 <= r2 < len(_QWERTY):
                    near = _QWERTY[r2][max(0, i - 1) : i + 2]
                    if b in near and b != a:
                        return True
    return False


def typo_slip(candidate: str, brand: str) -> str | None:
    """Describe the single slip that turns ``brand`` into ``candidate``, or None.

    >>> typo_slip("nytimez", "nytimes")
    "'s' typed as neighbouring key 'z'"
    >>> typo_slip("stripe", "stripes") is None       # dropping a plural s is a different word
    True
    """
    if candidate.replace("-", "") == brand.replace("-", "") or any(c.isdigit() for c in candidate):
        return None  # hyphens added or dropped: too common among real outlets to count
    n, m = len(candidate), len(brand)
    i = 0
    while i < min(n, m) and candidate[i] == brand[i]:
        i += 1
    if i == 0:
        return None  # first letters differ: usually another word (finance/binance)
    if n == m:
        if candidate[i + 1 :] == brand[i + 1 :] and _adjacent(brand[i], candidate[i]):
            return f"{brand[i]!r} typed as neighbouring key {candidate[i]!r}"
        if (
            i + 1 < n
            and candidate[i] == brand[i + 1]
            and candidate[i + 1] == brand[i]
            and candidate[i + 2 :] == brand[i + 2 :]
        ):
            return f"{brand[i : i + 2]!r} swapped"
        return None
    if n == m + 1 and candidate[i + 1 :] == brand[i:]:
        extra = candidate[i]
        if i == m and extra == "s":
            return None  # plural
        neighbours = {brand[i - 1]} | ({brand[i]} if i < m else set())
        if extra in neighbours:
            return f"{extra!r} doubled"
        if any(_adjacent(extra, c) for c in neighbours):
            return f"extra {extra!r} next to a neighbouring key"
        return None
    if n == m - 1 and candidate[i:] == brand[i + 1 :]:
        if i == m - 1 and brand[i] == "s":
            return None  # plural
        return f"{brand[i]!r} left out"
    return None
