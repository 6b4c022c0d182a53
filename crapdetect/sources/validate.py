"""Check ``source_types.toml`` for mistakes a reviewer would miss by eye.

Run ``python validate_data.py``; exit status 1 on errors. Uses only the data file and the Public
Suffix List bundled with ``publicsuffixlist`` (no shared data, no network). Prints:

- errors: unparsable patterns, duplicate names claimed by two entries, bad labels, upper case,
  a "domain" that is itself a public suffix, news entries without country/kind;
- notes for review: suffix rules that are / are not ICANN public suffixes, entries that override
  a suffix rule with a different type (e.g. academia.edu), counts per type.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections import Counter, defaultdict

from publicsuffixlist import PublicSuffixList

from . import knowledge as st

LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def main() -> int:
    """Validate the data file and print a report; return the exit status."""
    psl = PublicSuffixList(only_icann=True)
    rules = st.load_rules()  # raises DataError on unparsable patterns or unknown types
    with open(st.DATA_PATH, "rb") as handle:
        raw = tomllib.load(handle)
    errors: list[str] = []
    notes: list[str] = []
    claimed: dict[str, list[str]] = defaultdict(list)
    for rule in rules.rules:
        if rule.kind in ("domain", "short", "suffix"):
            name = rule.text.replace("{_}", "*")
            for label in name.split("."):
                if label != "*" and not LABEL.match(label):
                    errors.append(f"{rule.entry.name}: bad label {label!r} in {name!r}")
            claimed[name].append(f"{rule.entry.type}:{rule.entry.name}")
            if rule.kind in ("domain", "short") and psl.is_public(name):
                errors.append(f"{rule.entry.name}: {name} is a public suffix, not a site")
        if rule.kind == "prefix":
            claimed[rule.text].append(f"{rule.entry.type}:{rule.entry.name}")
    for name, owners in claimed.items():
        if len(owners) > 1:
            errors.append(f"{name} claimed by {owners}")

    suffix_notes = []
    for type_, items in raw["suffix_rules"].items():
        for item in items:
            suffix = item["suffix"]
            public = "*" in suffix or psl.is_public(suffix)
            if not public:
                suffix_notes.append(f"{suffix} ({type_}, not a PSL suffix)")
    notes.append(
        "suffix rules that are registrable domains, not PSL suffixes: " + ", ".join(suffix_notes)
    )

    overrides = []
    suffix_rules = [r for r in rules.rules if r.kind == "suffix"]
    for rule in rules.rules:
        if rule.kind not in ("domain", "prefix") or rule.entry.type == "government":
            continue
        host = rule.text.split("/")[0]
        for srule in suffix_rules:
            if (
                st._match(srule, host, [], {}, "/") is not None
                and srule.entry.type != rule.entry.type
            ):
                overrides.append(
                    f"{host} ({rule.entry.type}) inside {srule.text} ({srule.entry.type})"
                )
    notes.append(f"entries overriding a suffix rule ({len(overrides)}): " + "; ".join(overrides))

    deeper = [
        r.text
        for r in rules.rules
        if r.kind == "domain" and psl.privatesuffix(r.text) not in (r.text, None)
    ]
    notes.append(
        f"host-level (not registrable) domain entries ({len(deeper)}): " + ", ".join(deeper)
    )

    for item in raw["entries"]["news"]:
        if not item.get("country") or not item.get("kind"):
            errors.append(f"news entry {item['name']!r} lacks country or kind")
    for item in raw.get("platform", []):
        if item.get("reserved") and not item.get("accounts"):
            errors.append(f"platform {item['name']!r} has reserved but no accounts")

    counts = Counter(e.type for e in rules.entries)
    names = Counter(r.entry.type for r in rules.rules if r.kind in ("domain", "suffix", "prefix"))
    accounts = sum(1 for r in rules.rules if r.kind == "account")
    print("entries per type:", dict(sorted(counts.items())))
    print("domain/suffix/prefix names per type:", dict(sorted(names.items())))
    print(
        "account templates:",
        accounts,
        "| short-link domains:",
        sum(r.kind == "short" for r in rules.rules),
    )
    print("medium-confidence entries:", sum(e.confidence == "medium" for e in rules.entries))
    for note in notes:
        print("NOTE", note)
    for error in errors:
        print("ERROR", error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
