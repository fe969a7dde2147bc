#!/bin/sh
# Debian's Chromium and the Playwright Python package for the browser tests (tests/test_serve_browser_*.py).
# Idempotent: installs only what is missing. Playwright's own browser download is never used.
set -eu
if [ ! -x /usr/bin/chromium ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium
fi
python3 -c "import playwright" 2>/dev/null || python3 -m pip install playwright
/usr/bin/chromium --version
