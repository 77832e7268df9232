"""A throwaway PostgreSQL cluster for the test run (Debian's server, started in ~1 s)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, create_engine, make_url, text


class PostgresUnavailable(RuntimeError):
    pass


def _bin_dir() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise PostgresUnavailable("PostgreSQL server binaries (initdb) are not installed")


def _as_server_user(args: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: use the ``postgres`` account then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


MEMORY_FOLDER = Path("/dev/shm")
MEMORY_ROOM = 6 * 1024**3
"""Free room the memory file system must have for the clusters to go there."""


def _cluster_parent() -> str | None:
    """Where the cluster's folder goes: in memory when the machine has one with room, as
    the tests' own folders (``installer/test.sh``). On disk, each ``CREATE DATABASE`` (a
    test's copy of a demo till) took ~0.2 s of the disk's writeback instead of ~0.02 s;
    the tests drop their databases (``tests/conftest.py``), so a cluster stays small."""
    try:
        roomy = shutil.disk_usage(MEMORY_FOLDER).free >= MEMORY_ROOM
    except OSError:
        return None
    return str(MEMORY_FOLDER) if roomy and os.access(MEMORY_FOLDER, os.W_OK) else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    folder: Path
    port: int
    bin_dir: Path

    @classmethod
    def start(cls) -> PostgresServer:
        bin_dir = _bin_dir()
        folder = Path(tempfile.mkdtemp(prefix="pos-pg-", dir=_cluster_parent()))
        folder.chmod(0o755)
        data = folder / "data"
        data.mkdir()
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres")
            shutil.chown(data, "postgres")
        port = _free_port()
        subprocess.run(
            _as_server_user(
                [
                    str(bin_dir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            capture_output=True,
        )
        options = (
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
            " -c max_wal_size=96MB -c min_wal_size=32MB"  # a database made is logged whole
        )
        subprocess.run(
            _as_server_user(
                [
                    str(bin_dir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-w",
                    "-l",
                    str(folder / "server.log"),
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=60,
        )
        return cls(folder, port, bin_dir)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def new_url(self) -> str:
        """The URL of a database not made yet: ``create_database`` makes it empty,
        ``DemoTemplates.fill`` makes it a copy of a demo till (one copy, not two)."""
        return self.url(f"till_{uuid.uuid4().hex[:12]}")

    def create_database(self, url: str | None = None) -> str:
        """Make the empty database at ``url`` (a new one when None) unless it exists."""
        url = url or self.new_url()
        name = make_url(url).database
        admin = create_engine(self.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            if not database_exists(connection, name or ""):
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        return url

    def drop_database(self, url: str) -> None:
        """Drop the database at ``url`` if it exists, whoever is still connected to it."""
        name = make_url(url).database
        admin = create_engine(self.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    def stop(self) -> None:
        subprocess.run(
            _as_server_user(
                [
                    str(self.bin_dir / "pg_ctl"),
                    "-D",
                    str(self.folder / "data"),
                    "-m",
                    "immediate",
                    "stop",
                ]
            ),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def database_exists(admin: Connection, name: str) -> bool:
    return admin.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}) == 1
