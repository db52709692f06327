"""``banenmatch-app``: start the Streamlit app of an installed banenmatch.

Runs ``python -m streamlit run <webapp/app.py> [STREAMLIT OPTIONS]`` in place of this process, so
``banenmatch-app --server.port 8502 --server.headless true`` works as ``streamlit run`` does. The
settings (data folder, users file, ...) are the environment variables of :mod:`webapp.settings`.

A checkout's ``streamlit run app.py`` reads ``.streamlit/config.toml``; an installed wheel has no such
file, so the launcher passes the same settings as options (:data:`STREAMLIT_OPTIONS`, kept equal to
that file by a test). Options given on the command line come after them and win.
"""

from __future__ import annotations

import importlib.util
import os
import sys

from webapp import APP_SCRIPT

__all__ = ["STREAMLIT_OPTIONS", "command", "main"]

STREAMLIT_OPTIONS = {
    "browser.gatherUsageStats": "false",
    # Error details could echo profile text; users see only the kind of error, the server log the rest.
    "client.showErrorDetails": "type",
    "client.toolbarMode": "minimal",
    "runner.magicEnabled": "false",
    "runner.postScriptGC": "false",
    "server.maxUploadSize": "200",
    "server.enableAgentApi": "false",
    "server.fileWatcherType": "none",
    "theme.primaryColor": "#1f6f8b",
}
"""The settings of the repository's ``.streamlit/config.toml``, as ``streamlit run`` options."""


def command(options: list[str]) -> list[str]:
    """The ``streamlit run`` command line that starts the app with Streamlit ``options``."""
    fixed = [part for name, value in STREAMLIT_OPTIONS.items() for part in (f"--{name}", value)]
    return [sys.executable, "-m", "streamlit", "run", str(APP_SCRIPT), *fixed, *options]


def main(argv: list[str] | None = None) -> int:
    """Replace this process by Streamlit running the app; returns 2 only when Streamlit is missing."""
    argv = sys.argv[1:] if argv is None else argv
    if importlib.util.find_spec("streamlit") is None:
        print(
            "error: the app needs the app extra, which is not installed; "
            "install it with: pip install 'banenmatch[app]'",
            file=sys.stderr,
        )
        return 2
    line = command(argv)
    os.execv(line[0], line)
    return 0  # not reached: execv replaced the process


if __name__ == "__main__":
    sys.exit(main())
