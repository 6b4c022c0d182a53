#!/usr/bin/env bash
# Install what the extension tests drive: Debian's chromium and firefox-esr (and node/npm for
# tests/js and web-ext lint).
#
# - Installs only what is missing, with apt, non-interactively, running `apt-get update` once.
# - Needs root. Without root (or apt) it says what is missing and exits 0: the browser tests then
#   skip with a loud reason, and fail under CI=true (tests/browser/conftest.py).
# - Never runs `playwright install`: Playwright drives the system chromium (executable_path).
set -euo pipefail

declare -A COMMAND_OF=([chromium]=chromium [firefox-esr]=firefox-esr [nodejs]=node [npm]=npm)
missing=()
for package in chromium firefox-esr nodejs npm; do
  command -v "${COMMAND_OF[$package]}" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

warn() { echo "install-browsers: $*" >&2; }
if [ "$(id -u)" -ne 0 ]; then
  warn "missing ${missing[*]} and not root: the browser tests will be SKIPPED."
  warn "as root run: apt-get install -y ${missing[*]}"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  warn "missing ${missing[*]} and no apt-get here: install them yourself."
  exit 0
fi

echo "install-browsers: installing ${missing[*]} with apt"
export DEBIAN_FRONTEND=noninteractive
# fonts-dejavu-core: a minimal image has no fonts, and screenshots would show boxes.
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null; }; then
  warn "apt could not install ${missing[*]}: the browser tests will be SKIPPED (FAIL under CI=true)."
  exit 0
fi
for package in "${missing[@]}"; do
  command -v "${COMMAND_OF[$package]}" >/dev/null 2>&1 || warn "$package installed no ${COMMAND_OF[$package]} command"
done
echo "install-browsers: done ($(chromium --version 2>/dev/null | tail -n1 || true); $(firefox-esr --version 2>/dev/null || true))"
