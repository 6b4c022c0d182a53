#!/bin/sh
# Rebuild the data files from the downloads made by tools/fetch.sh (run from an empty working directory; copy the outputs into crapdetect/data/).
set -eu
.venv/bin/python tools/debian_whois_tables.py dl/apt/src/x/usr/bin/whois > dl/debian_tables.json
.venv/bin/python tools/build.py
sha256sum rdap_dns.json rdap_overrides.json whois_servers.json whois_query_formats.json whois_servers_notes.json
