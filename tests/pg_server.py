"""A throwaway PostgreSQL cluster for the tests and benchmarks: initdb in a temporary folder, started
on a free port and a socket in that folder, stopped and removed at the end.

Debian's server (package `postgresql`) is found under /usr/lib/postgresql/<version>/bin, any other
on the PATH; `python3 dev.py test` installs Debian's when it runs as root. As root the cluster runs
as the `postgres` user, since the server refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

INSTALL_HINT = ("PostgreSQL's server programs (initdb, pg_ctl) were not found. Install them: "
                "`apt-get install postgresql` on Debian/Ubuntu (python3 dev.py test does this when run as root), "
                "`dnf install postgresql-server` on Fedora, or the EDB installer on Windows; "
                "or set PLANNER_PG_BIN to the folder holding initdb and pg_ctl.")


def server_bin() -> Path | None:
    forced = os.environ.get("PLANNER_PG_BIN")
    if forced:
        return Path(forced) if (Path(forced) / "initdb").exists() else None
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


OWNER_FILE = "owner.pid"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_orphans(bin_dir: Path) -> None:
    """Stop the clusters of earlier runs that died without stopping theirs (a test process killed or
    aborted): their owner process is gone, so nobody else uses them."""
    for owner in Path(tempfile.gettempdir()).glob(f"planner-pg-*/{OWNER_FILE}"):
        try:
            pid = int(owner.read_text())
        except (OSError, ValueError):
            continue
        if _alive(pid):
            continue
        base = owner.parent
        prefix = ["runuser", "-u", "postgres", "--"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        if (base / "data" / "postmaster.pid").exists():
            stop = [str(bin_dir / "pg_ctl"), "-D", str(base / "data"), "-m", "immediate", "-w", "stop"]
            subprocess.run([*prefix, *stop], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


class Cluster:
    def __init__(self) -> None:
        found = server_bin()
        if found is None:
            raise RuntimeError(INSTALL_HINT)
        self.bin = found
        self.base = Path(tempfile.mkdtemp(prefix="planner-pg-"))
        self.data = self.base / "data"
        self.port = free_port()
        self.as_root = hasattr(os, "geteuid") and os.geteuid() == 0
        self.started = False

    def _run(self, *command: str) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        result = subprocess.run([*prefix, *command], capture_output=True, text=True)
        if result.returncode != 0:
            log = self.base / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(command)} failed: {result.stderr.strip()}\n{tail}")
        return result

    def start(self, tls_only: bool = False) -> Cluster:
        """Start the cluster; with `tls_only` it has a (self-signed) certificate and admits TCP
        connections over TLS only, as a server on a government network should be set up."""
        stop_orphans(self.bin)
        (self.base / OWNER_FILE).write_text(str(os.getpid()))
        if self.as_root:
            shutil.chown(self.base, "postgres", "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-E", "UTF8", "--no-locale",
                  "--auth-local=trust", "--auth-host=scram-sha-256")
        options = (f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off"
                   " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
                   " -c shared_buffers=256MB")
        if tls_only:
            options += self._tls_only()
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.base / "server.log"),
                  "-w", "-t", "60", "start")
        self.started = True
        return self

    def _tls_only(self) -> str:
        """A self-signed certificate for 127.0.0.1 and host lines for TLS only; the server's options for it."""
        certificate, key = self.base / "server.crt", self.base / "server.key"
        made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                               "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(certificate)],
                              capture_output=True, text=True)
        if made.returncode != 0:
            raise RuntimeError(f"openssl could not make a test certificate: {made.stderr.strip()}")
        key.chmod(0o600)  # the server refuses a key others can read
        if self.as_root:
            for path in (certificate, key):
                shutil.chown(path, "postgres", "postgres")
        rules = self.data / "pg_hba.conf"
        lines = rules.read_text().splitlines()
        rules.write_text("\n".join("hostssl" + line[4:] if line.startswith("host ") else line for line in lines)
                         + "\n")
        return f" -c ssl=on -c ssl_cert_file={certificate} -c ssl_key_file={key}"

    def stop(self) -> None:
        if self.started:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
            self.started = False
        shutil.rmtree(self.base, ignore_errors=True)

    def url(self, database: str, account: str = "postgres") -> str:
        """Over the socket in the cluster's folder (trusted: the tests' administrator)."""
        return f"postgresql://{account}@/{database}?host={self.base}&port={self.port}"

    def tcp_url(self, database: str, account: str) -> str:
        """Over TCP, where the server asks for the account's password."""
        return f"postgresql://{account}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            conn.execute(statement)  # type: ignore[arg-type]
