#!/usr/bin/env bash
# Installs headless Chromium and its WebDriver (chromedriver) from Debian's packages for the console's browser tests
# (Tests/e2e/test_console_browser.py, driven by selenium from .venv). Idempotent: quick and offline when both are
# already there. Nothing else installs a browser: browser downloads of their own (playwright's) cannot be fetched here.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap-chromium: no apt-get; install Chromium and chromedriver and put them on PATH" >&2
    exit 1
fi
sudo=""
if [[ $(id -u) -ne 0 ]]; then
    sudo="sudo"
fi
echo "bootstrap-chromium: installing Debian's chromium and chromium-driver (about 90 MB to download)"
$sudo apt-get update -qq
# fonts-dejavu-core: text in screenshots; the DOM tests need no fonts.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
chromedriver --version
