"""An install without the shared server's client (psycopg and keyring, the optional component): every way
into a server database says how to add it, with exit code 1 on the command line, and never a traceback.

The component's absence is simulated by blocking the import of its packages, as an install without it has
them nowhere on the path; nothing here needs a server running, since the refusal comes before any connection.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.test_cli import ROOT

CLIENT_PACKAGES = ("psycopg", "psycopg_binary", "psycopg_c", "keyring")

WITHOUT_CLIENT = f"""
import runpy, sys
sys.modules.update(dict.fromkeys({CLIENT_PACKAGES!r}))  # None: "not installed" to find_spec and to import
sys.argv = ["main.py", *sys.argv[1:]]
runpy.run_path("main.py", run_name="__main__")
"""

URL = "postgresql://planner_admin@127.0.0.1:1/planner"


def run_without_client(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", WITHOUT_CLIENT, *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, stdin=subprocess.DEVNULL)


def assert_says_how_to_add_the_component(message: str) -> None:
    assert "共享数据库连接（PostgreSQL）" in message and "本机没有安装这个组件" in message
    assert "选择组件" in message  # the Windows setup
    assert "annual-target-planner-server" in message  # the .deb
    assert 'pip install ".[server]"' in message  # from source


@pytest.mark.parametrize("args", [
    ("--db", URL, "dump"),
    ("db", "init", URL),
    ("db", "add-office-account", URL, "mz", "--office", "市民政局", "--password-stdin"),
    ("db", "add-account", URL, "ducha", "--role", "reader", "--password-stdin"),
    ("db", "copy", URL, "{tmp}/copy.sqlite3"),
], ids=["--db", "db init", "db add-office-account", "db add-account", "db copy"])
def test_the_command_line_says_how_to_add_the_server_component(args, tmp_path):
    result = run_without_client(*(arg.format(tmp=tmp_path) for arg in args))
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.startswith("错误："), result.stderr
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    assert_says_how_to_add_the_component(result.stderr)
    assert not (tmp_path / "copy.sqlite3").exists()


def test_a_database_file_still_opens_without_the_server_component(tmp_path):
    db = str(tmp_path / "office.sqlite3")
    assert run_without_client("--db", db, "demo").returncode == 0
    result = run_without_client("--db", db, "dump")
    assert result.returncode == 0, result.stderr
    assert "衡水" in result.stdout or "养老" in result.stdout
