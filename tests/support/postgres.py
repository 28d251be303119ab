"""A real, throw-away PostgreSQL server for the tests, started in a temporary folder."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

REQUIRE_ENV = "IMSDESK_REQUIRE_POSTGRES"  # CI sets it: a missing server then fails, never skips


def find_postgres_bin() -> Path | None:
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
        reverse=True,
    )
    for candidate in versions:
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).parent
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class PostgresServer:
    bindir: Path
    folder: Path
    port: int
    as_user: str | None  # initdb refuses to run as root, so root runs it as this user

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_user:
            command = ["runuser", "-u", self.as_user, "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        data = self.folder / "data"
        self._run(
            "initdb",
            "-D",
            str(data),
            "-U",
            "imsdesk",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(self.folder / "log"),
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        """A URL in the form a user passes to --db."""
        return f"postgresql://imsdesk@127.0.0.1:{self.port}/{database}"


def start_server() -> PostgresServer | None:
    bindir = find_postgres_bin()
    if bindir is None:
        return None
    folder = Path(tempfile.mkdtemp(prefix="imsdesk-pg-"))
    as_user = None
    if os.geteuid() == 0:
        as_user = "postgres"
        user = pwd.getpwnam(as_user)
        os.chown(folder, user.pw_uid, user.pw_gid)
    server = PostgresServer(bindir, folder, _free_port(), as_user)
    server.start()
    return server


def create_database(server: PostgresServer) -> str:
    """A fresh, empty database on ``server``; its URL. Drop it with drop_database."""
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server.url(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return server.url(name)


def drop_database(server: PostgresServer, url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(server.url(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
