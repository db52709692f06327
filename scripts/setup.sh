#!/usr/bin/env bash
# One-step set-up on a fresh machine: a virtual environment in .venv with banenmatch installed.
#   bash scripts/setup.sh app   -> what the Streamlit app needs
#   bash scripts/setup.sh dev   -> everything, plus Debian's chromium for the browser tests
# PyTorch stays CPU-only: torch==2.13.0 is pinned; this machine's pip finds the +cpu wheel locally.
set -euo pipefail
extra="${1:-app}"
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[${extra}]"
if [ "$extra" = "dev" ] && ! command -v chromium >/dev/null 2>&1; then
    # The browser tests drive Debian's chromium; Playwright never downloads a browser of its own.
    if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
