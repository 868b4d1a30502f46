#!/usr/bin/env bash
# Installs Debian's Chromium (and Noto fonts) for the browser tests when missing.
# No browser is ever downloaded by Playwright: the tests drive this one.
set -euo pipefail

# Noto covers the scripts of the UI locales (Arabic, Urdu, Bengali, ...) in screenshots.
if [ -x /usr/bin/chromium ] && [ -d /usr/share/fonts/truetype/noto ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure_chromium: /usr/bin/chromium is missing and apt-get is not available" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "Installing Debian's chromium for the browser tests..."
$SUDO apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium fonts-noto-core >/dev/null
/usr/bin/chromium --version
