"""`main.py db …` as an administrator uses it: set up, accounts, and a database moved from a PC's file to
the server and back, checked by comparing `dump` of both; bad input exits 1 with a message and changes
nothing."""

from __future__ import annotations

import json

from tests.server_organisation import OFFICE
from tests.test_cli import run_main


def test_init_then_an_office_account_then_the_clerk_works_on_the_server(pg_cluster):
    pg_cluster.sql("CREATE DATABASE cli_init")
    url = pg_cluster.url("cli_init")
    first = run_main("db", "init", url)
    assert first.returncode == 0, first.stderr
    assert "版本 2" in first.stdout and "cli_init_office" in first.stdout
    again = run_main("db", "init", url)
    assert again.returncode == 0 and "已是当前版本" in again.stdout
    assert run_main("--db", url, "demo").returncode == 0
    added = subprocess_with_password(["db", "add-office-account", url, "cli_init_mz", "--office", OFFICE,
                                      "--password-stdin"], "clerk-pass-1")
    assert added.returncode == 0, added.stderr
    assert f"代表“{OFFICE}”" in added.stdout
    clerk_url = pg_cluster.tcp_url("cli_init", "cli_init_mz")
    entered = run_main("--db", clerk_url, "report-progress", "--task", "1", "--office", OFFICE,
                       "--period", "2021Q3", "--value", "2", env={"PGPASSWORD": "clerk-pass-1"})
    assert entered.returncode == 0, entered.stderr
    # Another office's report is refused by the server itself, with a message and no traceback.
    plans = json.loads(run_main("--db", url, "dump").stdout)["plans"]
    task = next(t for t in plans[0]["tasks"] if "市财政局" in t["lead"] + t["co"])
    refused = run_main("--db", clerk_url, "report-progress", "--task", str(task["id"]), "--office", "市财政局",
                       "--period", "2021Q3", "--value", "2", env={"PGPASSWORD": "clerk-pass-1"})
    assert refused.returncode == 1 and "权限" in refused.stderr and "Traceback" not in refused.stderr


def subprocess_with_password(args: list[str], password: str):
    import os
    import subprocess
    import sys

    from tests.test_cli import ROOT

    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], input=password + "\n",
                          capture_output=True, text=True, cwd=ROOT, timeout=120, env=dict(os.environ))


def test_copy_file_to_server_and_back_gives_the_same_dump(pg_cluster, tmp_path):
    source = tmp_path / "office.sqlite3"
    assert run_main("--db", str(source), "demo").returncode == 0
    assert run_main("--db", str(source), "report-progress", "--task", "2", "--office", OFFICE,
                    "--period", "2021Q3", "--value", "4").returncode == 0
    pg_cluster.sql("CREATE DATABASE cli_copy")
    url = pg_cluster.url("cli_copy")
    assert run_main("db", "init", url).returncode == 0
    up = run_main("db", "copy", str(source), url)
    assert up.returncode == 0, up.stderr
    assert "dump 一致" in up.stdout
    back = tmp_path / "back.sqlite3"
    down = run_main("db", "copy", url, str(back))
    assert down.returncode == 0, down.stderr
    dumps = [json.loads(run_main("--db", db, "dump").stdout) for db in (str(source), url, str(back))]
    assert dumps[0] == dumps[1] == dumps[2]
    assert len(dumps[0]["reports"]) > 0
    # The server takes further work where the file left off: new ids follow the copied ones.
    more = run_main("--db", url, "report-progress", "--task", "2", "--office", OFFICE,
                    "--period", "2021Q4", "--value", "5")
    assert more.returncode == 0, more.stderr


def test_bad_input_exits_1_with_a_message_and_changes_nothing(pg_cluster, tmp_path):
    existing = tmp_path / "existing.sqlite3"
    assert run_main("--db", str(existing), "demo").returncode == 0
    before = existing.read_bytes()
    pg_cluster.sql("CREATE DATABASE cli_bad")
    url = pg_cluster.url("cli_bad")
    cases = [
        (("db", "init", "mysql://x@y/z"), "不是数据库服务器地址"),
        (("db", "init", "postgresql://a:secret@localhost/x"), "不能写密码"),
        (("db", "copy", str(tmp_path / "missing.sqlite3"), url), "不存在"),
        (("db", "copy", url, str(existing)), "已存在"),
        (("db", "copy", str(existing), url), "还不是本程序的数据库"),
        (("--db", url, "dump"), "db init"),
    ]
    for args, message in cases:
        result = run_main(*args)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr, (args, result.stderr)
    assert existing.read_bytes() == before
    assert run_main("db", "init", url).returncode == 0
    no_office = subprocess_with_password(["db", "add-office-account", url, "cli_bad_x", "--office", "市体育局",
                                          "--password-stdin"], "long-enough-1")
    assert no_office.returncode == 1 and "没有名为“市体育局”的单位" in no_office.stderr
    assert run_main("db", "copy", str(existing), url).returncode == 0
    twice = run_main("db", "copy", str(existing), url)
    assert twice.returncode == 1 and "不是空的" in twice.stderr
