"""Evaluate lookalike.py on the shared lists (read in place) and on synthetic variants.

Usage: ``.venv/bin/python tools/evaluate_lookalikes.py [--shared ../shared/data]``

Labelled sets
- Positives: domains on OpenSources or MBFC whose NAME imitates a specific outlet, labelled by
  hand (POSITIVES below; the candidate search that produced them is described in RESULTS.md).
- Ambiguous: borderline names, ignored whether flagged or not (AMBIGUOUS below).
- Negatives: every other OpenSources/MBFC domain, and every Tranco top-10k domain (popular sites
  are real sites).
- Held-out negatives, never looked at while tuning: UT1 "press", Hipo university domains and CISA
  .gov domains. Any flag there is a false positive.
- Synthetic: variants of our own outlets made with a fixed seed (random one-character edits,
  homoglyph swaps, impostor suffixes, name + news word, outlet domain as a subdomain).
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import Counter
from pathlib import Path

import idna
from publicsuffixlist import PublicSuffixList

from crapdetect.sources import knowledge as st
from crapdetect.sources import lookalike as la

# Hand-labelled: the domain NAME imitates this specific outlet (reviewed 2026-11-26).
POSITIVES = {
    "abcnews.com.co": "ABC News",
    "abcnewsgo.co": "ABC News",
    "abcnews-us.com": "ABC News",
    "cbsnews.com.co": "CBS News",
    "nbc.com.co": "NBC (not in our outlet list)",
    "drudgereport.com.co": "Drudge Report",
    "msnbc.website": "MSNBC",
    "usatoday.com.co": "USA Today",
    "usatodaynews.me": "USA Today",
    "washingtonpost.com.co": "The Washington Post",
    "newsbbc.net": "BBC",
    "cnn.com.de": "CNN",
    "cnn-globalnews.com": "CNN",
    "cnntimes.online": "CNN",
    "cnnews3.com": "CNN",
    "cnnnext.com": "CNN",
    "france24-tv.com": "France 24",
    "factcheck.news": "FactCheck.org",
    "politifact.news": "PolitiFact",
    "snopes.news": "Snopes",
    "npr.news": "NPR",
    "voiceofamericatv.com": "Voice of America",
    "politicoinfo.com": "Politico",
}
# Not counted either way: imitation is arguable, or the domain does not carry the name.
AMBIGUOUS = {
    "channel-7-news.com",
    "thewashingtonpress.com",
    "whatregistrater.com",
    "cnnsofake.news",
    "nwlatimes.com",
    "westlatimes.com",
    "selatimes.com",
    "breitbartunmasked.com",
}
CYRILLIC = {
    "a": "а",
    "e": "е",
    "o": "о",
    "p": "р",
    "c": "с",
    "x": "х",
    "y": "у",
    "i": "і",
    "s": "ѕ",
}
ASCII_TWINS = {"m": "rn", "w": "vv", "o": "0", "l": "1"}


def _lines(path: Path) -> list[str]:
    return [
        line.strip().lower().removeprefix("www.")
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def _synthetic(outlets: list[la.Outlet], rng: random.Random) -> dict[str, list[str]]:
    psl = PublicSuffixList(only_icann=True)
    bases = []
    for outlet in outlets:
        for domain in outlet.domains:
            suffix = psl.publicsuffix(domain)
            if (
                suffix
                and psl.privatesuffix(domain) == domain
                and len(domain) - len(suffix) - 1 >= 7
            ):
                bases.append((domain[: -len(suffix) - 1], suffix, domain))
    rng.shuffle(bases)
    bases = bases[:200]
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    out: dict[str, list[str]] = {
        k: []
        for k in (
            "random-typo",
            "cyrillic",
            "ascii-twin",
            "impostor-suffix",
            "name+news-word",
            "embedded-domain",
        )
    }
    for label, suffix, domain in bases:
        i = rng.randrange(1, len(label))
        op = rng.choice(("ins", "del", "sub", "swap"))
        if op == "ins":
            typo = label[:i] + rng.choice(alphabet) + label[i:]
        elif op == "del":
            typo = label[:i] + label[i + 1 :]
        elif op == "sub":
            typo = label[:i] + rng.choice(alphabet.replace(label[i], "")) + label[i + 1 :]
        else:
            typo = label[: i - 1] + label[i] + label[i - 1] + label[i + 1 :]
        if typo != label:
            out["random-typo"].append(f"{typo}.{suffix}")
        spots = [j for j, c in enumerate(label) if c in CYRILLIC]
        if spots:
            j = rng.choice(spots)
            out["cyrillic"].append(
                idna.encode(label[:j] + CYRILLIC[label[j]] + label[j + 1 :] + "." + suffix).decode()
            )
        spots = [j for j, c in enumerate(label) if c in ASCII_TWINS]
        if spots:
            j = rng.choice(spots)
            out["ascii-twin"].append(f"{label[:j]}{ASCII_TWINS[label[j]]}{label[j + 1 :]}.{suffix}")
        out["impostor-suffix"].append(
            f"{label}.{rng.choice(('com.co', 'news', 'website', 'co', 'online'))}"
        )
        word = rng.choice(("breaking", "news24", "live", "today", "update"))
        out["name+news-word"].append(
            rng.choice((f"{label}-{word}.com", f"{label}{word}.com", f"real{label}.com"))
        )
        out["embedded-domain"].append(
            f"{domain}.{rng.choice(('news-update.net', 'secure-login.info', 'top-stories.xyz'))}"
        )
    return out


def main() -> None:
    """Print precision, recall and every false positive; RESULTS.md records a run."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    root = args.shared
    rules = st.load_rules()
    outlets = la.outlets_from_rules(rules)
    detector = la.LookalikeDetector(
        outlets, allow=la.allowed_domains(rules), platforms=la.platform_domains(rules)
    )
    print(f"outlets: {len(outlets)}; outlet domains: {sum(len(o.domains) for o in outlets)}")

    lists = {
        r["domain"]
        for r in csv.DictReader(
            open(root / "opensources_zimdars/opensources_domains.csv", encoding="utf-8")
        )
    }
    lists |= {
        r["domain"]
        for r in csv.DictReader(
            open(root / "mbfc_mediabiasfactcheck/mbfc_domains.csv", encoding="utf-8")
        )
    }
    tranco = _lines(root / "tranco_top10k/top-10k.csv")[1:]
    missing = set(POSITIVES) - lists
    assert not missing, f"positives not in the lists: {missing}"

    tp, fp, fn = [], [], []
    kinds: Counter[str] = Counter()
    for host in sorted(lists):
        hit = detector.check(host)
        if host in AMBIGUOUS:
            continue
        if hit and host in POSITIVES:
            tp.append(host)
            kinds[hit.kind] += 1
        elif hit:
            fp.append(f"{host} -> {hit.outlet} ({hit.kind})")
        elif host in POSITIVES:
            fn.append(f"{host} ({POSITIVES[host]})")
    tranco_fp = []
    for host in tranco:
        hit = detector.check(host)
        if hit:
            tranco_fp.append(f"{host} -> {hit.outlet} ({hit.kind}): {hit.reason}")
    flagged = len(tp) + len(fp) + len(tranco_fp)
    print("\n## Lists (OpenSources + MBFC, hand-labelled) and Tranco top-10k")
    print(
        f"positives {len(POSITIVES)}, ambiguous {len(AMBIGUOUS)}, list negatives {len(lists) - len(POSITIVES) - len(AMBIGUOUS)}, Tranco {len(tranco)}"
    )
    print(f"TP {len(tp)}  FP(lists) {len(fp)}  FP(Tranco) {len(tranco_fp)}  FN {len(fn)}")
    print(f"precision {len(tp) / max(1, flagged):.3f}  recall {len(tp) / len(POSITIVES):.3f}")
    print("TP kinds:", dict(kinds))
    print("false positives on the lists:", fp)
    print(f"false positives on Tranco top-10k ({len(tranco_fp)}):")
    for line in tranco_fp:
        print("  ", line)
    print("missed:", fn)

    print("\n## Held-out negatives (not used for tuning)")
    refs = root / "source_type_refs"
    held = {
        "UT1 press": _lines(refs / "ut1_categories/press.txt"),
        "Hipo universities": [
            r["domain"].lower()
            for r in csv.DictReader(
                open(refs / "university_domains_hipo/university_domains.csv", encoding="utf-8")
            )
        ],
        "CISA .gov": [
            r["Domain name"].lower()
            for r in csv.DictReader(open(refs / "dotgov_cisa/current-full.csv", encoding="utf-8"))
        ],
    }
    for name, hosts in held.items():
        hits = [f"{h} -> {x.outlet} ({x.kind})" for h in hosts if (x := detector.check(h))]
        print(f"- {name}: {len(hits)} flagged of {len(hosts)} ({len(hits) / len(hosts):.2%})")
        for line in hits:
            print("    ", line)

    print("\n## Synthetic variants of our own outlets (seed 20261126)")
    synthetic = _synthetic(outlets, random.Random(20261126))
    for kind, hosts in synthetic.items():
        found = [h for h in hosts if detector.check(h)]
        print(f"- {kind}: recall {len(found)}/{len(hosts)} = {len(found) / max(1, len(hosts)):.2f}")


if __name__ == "__main__":
    main()
