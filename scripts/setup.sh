#!/usr/bin/env bash
# One-step set-up on a fresh machine: a virtual environment in .venv with banenmatch installed.
#   bash scripts/setup.sh app   -> what the Streamlit app needs
#   bash scripts/setup.sh dev   -> everything, plus Debian's chromium for the browser tests and
#                                  Debian's PostgreSQL server for the store tests (a throw-away cluster)
# PyTorch stays CPU-only: torch==2.13.0 is pinned; this machine's pip finds the +cpu wheel locally.
set -euo pipefail
extra="${1:-app}"
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[${extra}]"
if [ "$extra" = "dev" ]; then
    # The browser tests drive Debian's chromium (Playwright never downloads a browser of its own); the
    # store tests start a throw-away cluster with Debian's PostgreSQL server binaries.
    missing=""
    command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
    if [ -n "$missing" ]; then
        if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
        $SUDO apt-get update -qq
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
    fi
fi
