"""A throw-away PostgreSQL cluster for the store tests: Debian's server binaries, a temporary folder,
a free loopback port, stopped and removed afterwards.

``initdb`` refuses to run as root (CI runs as root), so as root the cluster is made and run by the
``postgres`` system user (``runuser``); as anyone else, by that user. Authentication is ``trust`` on
127.0.0.1 only, for the superuser ``postgres``.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.app.server import free_port

__all__ = ["Cluster", "postgres_bin", "throwaway_cluster"]


def postgres_bin() -> Path | None:
    """The newest installed ``/usr/lib/postgresql/N/bin`` with ``initdb`` and ``pg_ctl``, or None."""
    found = sorted(
        (Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin") if Path(p, "initdb").is_file()),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    return found[-1] if found else None


@dataclass(frozen=True)
class Cluster:
    port: int
    folder: Path

    def url(self, database: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"


def _as_owner(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def _exit_on_term(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def throwaway_cluster(bin_dir: Path) -> Iterator[Cluster]:
    """Start a new cluster; stop it and delete its folder when the block ends (also on errors)."""
    folder = Path(tempfile.mkdtemp(prefix="banenmatch-pg-"))
    data, sockets = folder / "data", folder / "run"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        shutil.chown(sockets, "postgres", "postgres")
    port = free_port()
    log = folder / "server.log"
    started = False
    try:
        subprocess.run(
            _as_owner(
                [
                    str(bin_dir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "--no-sync",
                    "-E",
                    "UTF8",
                    "--locale",
                    "C",
                ]
            ),
            check=True,
            capture_output=True,
        )
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        subprocess.run(
            _as_owner(
                [
                    str(bin_dir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-l",
                    str(log),
                    "-o",
                    options,
                    "-w",
                    "-t",
                    "60",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
        )
        started = True
        # A test run ended by SIGTERM (a time-out, CI stopping it) still stops the cluster: the signal
        # becomes SystemExit, so this block's finally runs.
        previous = signal.signal(signal.SIGTERM, _exit_on_term)
        try:
            yield Cluster(port, folder)
        finally:
            signal.signal(signal.SIGTERM, previous)
    finally:
        if started:
            subprocess.run(
                _as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                check=False,
                capture_output=True,
            )
        shutil.rmtree(folder, ignore_errors=True)
