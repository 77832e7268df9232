"""Outages of a test PostgreSQL cluster: stall every server process (SIGSTOP, as a frozen
host or a path that swallows packets looks to the till), or stop it and start it again
on the same port with the same data."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from tests.postgres_server import PostgresServer, _as_server_user


def _data(server: PostgresServer) -> Path:
    return server.folder / "data"


def server_pids(server: PostgresServer) -> list[int]:
    """The postmaster and every process it started."""
    postmaster = int((_data(server) / "postmaster.pid").read_text().split()[0])
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == postmaster:
            children.append(int(entry.name))
    return [postmaster, *children]


@contextmanager
def stalled(server: PostgresServer) -> Iterator[None]:
    """Every server process stopped (they answer nothing, connections stay open); all
    continue when the block ends. The postmaster first, so it starts no one new."""
    stopped: list[int] = []
    try:
        for pid in server_pids(server):
            try:
                os.kill(pid, signal.SIGSTOP)
            except ProcessLookupError:  # a backend that just ended
                continue
            stopped.append(pid)
        yield
    finally:
        for pid in stopped:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)


def stop(server: PostgresServer) -> list[str]:
    """Stop the cluster, keeping its data; returns the options to start it again with."""
    recorded = shlex.split((_data(server) / "postmaster.opts").read_text())[1:]
    options = []
    skip = False
    for word in recorded:
        if skip:
            skip = False
        elif word == "-D":
            skip = True
        else:
            options.append(word)
    _pg_ctl(server, "-m", "immediate", "stop")
    return options


def start(server: PostgresServer, options: list[str]) -> None:
    log = str(server.folder / "again.log")
    _pg_ctl(server, "-o", shlex.join(options), "-w", "-l", log, "start")


def _pg_ctl(server: PostgresServer, *args: str) -> None:
    command = [str(server.bin_dir / "pg_ctl"), "-D", str(_data(server)), *args]
    subprocess.run(_as_server_user(command), check=True, capture_output=True, timeout=60)
