"""The single-PC install needs nothing of the server's: psycopg is loaded only for a postgresql:// database."""

from __future__ import annotations

import subprocess
import sys

from tests.test_cli import ROOT

PROBE = ("import sys, main, planner.app.session, planner.cli, planner.store, ui.app, ui.window.main_window;"
         " from planner.app.session import open_session_store;"
         " store = open_session_store(sys.argv[1]); store.close();"
         " print(sorted(m for m in sys.modules if m.split('.')[0] in ('psycopg', 'keyring')))")


def test_opening_a_file_and_the_window_modules_load_no_server_package(tmp_path):
    result = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "office.sqlite3")], capture_output=True,
                            text=True, cwd=ROOT, timeout=120, env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
