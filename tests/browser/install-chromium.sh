#!/usr/bin/env bash
# Install Debian's chromium for the browser test of `provenance report` (tests/test_report_browser.py).
# The test skips where no chromium is found; run this once (as root) to enable it:
#
#   tests/browser/install-chromium.sh
#
# It also installs fonts with wide script coverage so Chinese, Cyrillic and the rest render.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    chromium --version
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-noto-core fonts-noto-cjk >/dev/null
chromium --version
