"""What `python3 dev.py` sets up on the machine beyond the virtual environment: the fonts the PDF reports
use, fetched from Debian's packages without installing them, and the PostgreSQL server the server tests
start their throwaway clusters from. Standard library only, like dev.py: it runs before any environment
exists."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# --- fonts for the PDF reports ---------------------------------------------------------------------

# Freely licensed TrueType 宋体 and 楷体 faces (Arphic Public License), the ones the .deb depends on. Windows
# has SimSun and SimKai; on Linux they are taken from Debian's packages without installing them (no root):
# `apt-get download` and the package's data unpacked here, into a folder git ignores and the installers
# leave out. planner.documents.fonts looks there after the system's font folders.
REPORT_FONTS = {"fonts-arphic-gbsn00lp": "gbsn00lp.ttf", "fonts-arphic-gkai00mp": "gkai00mp.ttf"}
FETCHED_FONTS = ROOT / "resources" / "fonts" / "fetched"
SYSTEM_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


def _installed_font(name: str) -> bool:
    return any(next(folder.rglob(name), None) is not None for folder in SYSTEM_FONT_DIRS if folder.is_dir())


def _deb_member(deb: Path, suffix: str) -> bytes | None:
    """The file whose path ends with `suffix` in a .deb's data archive (an ar archive holding a tar)."""
    import io
    import tarfile

    data = deb.read_bytes()
    position = 8  # after "!<arch>\n"
    while position + 60 <= len(data):
        name = data[position:position + 16].decode().strip().rstrip("/")
        size = int(data[position + 48:position + 58].decode().strip())
        body = data[position + 60:position + 60 + size]
        if name.startswith("data.tar"):
            with tarfile.open(fileobj=io.BytesIO(body)) as archive:
                for member in archive.getmembers():
                    if member.isfile() and member.name.endswith(suffix):
                        extracted = archive.extractfile(member)
                        return extracted.read() if extracted else None
            return None
        position += 60 + size + (size % 2)
    return None


def _download(package: str, folder: Path) -> Path | None:
    for attempt in range(2):
        result = subprocess.run(["apt-get", "download", package], cwd=folder, capture_output=True, text=True)
        found = sorted(folder.glob(f"{package}_*.deb"))
        if result.returncode == 0 and found:
            return found[-1]
        if attempt == 0 and hasattr(os, "geteuid") and os.geteuid() == 0:
            subprocess.run(["apt-get", "update"], capture_output=True)  # a machine whose package lists are empty
        else:
            break
    return None


def fetch_report_fonts() -> list[str]:
    """Fetch the report fonts a Linux machine lacks into FETCHED_FONTS; returns the packages still missing."""
    if not sys.platform.startswith("linux"):
        return []
    wanted = {package: font for package, font in REPORT_FONTS.items()
              if not (FETCHED_FONTS / font).exists() and not _installed_font(font)}
    if not wanted:
        return []
    if shutil.which("apt-get") is None:
        return sorted(wanted)
    import tempfile

    missing = []
    print(f"Fetching the report fonts ({', '.join(wanted)}) ...", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        for package, font in wanted.items():
            deb = _download(package, Path(folder))
            content = _deb_member(deb, "/" + font) if deb else None
            licence = _deb_member(deb, f"/doc/{package}/copyright") if deb else None
            if content is None:
                missing.append(package)
                continue
            FETCHED_FONTS.mkdir(parents=True, exist_ok=True)
            if licence:
                (FETCHED_FONTS / f"{package}.copyright").write_bytes(licence)
            partial = FETCHED_FONTS / (font + ".part")
            partial.write_bytes(content)
            partial.replace(FETCHED_FONTS / font)
    return missing


# --- the PostgreSQL server the server tests start -----------------------------------------------------

POSTGRESQL_HINT = ("The server tests need PostgreSQL's server programs (initdb, pg_ctl). Install them with "
                   "`sudo apt-get install postgresql` (Debian, Ubuntu), `sudo dnf install postgresql-server` "
                   "(Fedora), or the EDB installer on Windows; or set PLANNER_PG_BIN to the folder holding initdb.")


def postgresql_server_found() -> bool:
    forced = os.environ.get("PLANNER_PG_BIN")
    if forced:
        return (Path(forced) / "initdb").exists()
    return bool(glob.glob("/usr/lib/postgresql/*/bin/initdb")) or shutil.which("initdb") is not None


def ensure_postgresql_server() -> bool:
    """Install Debian's server when it is missing and this runs as root with apt-get; False (with what to
    install) when it is still missing. The tests start their own throwaway cluster from it."""
    if postgresql_server_found():
        return True
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing the PostgreSQL server for the server tests (apt-get install postgresql) ...", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", "postgresql"]
        if subprocess.call(install, env=env) != 0:
            subprocess.call(["apt-get", "update", "-q"], env=env)
            subprocess.call(install, env=env)
        if postgresql_server_found():
            return True
    print(POSTGRESQL_HINT, file=sys.stderr)
    return False
