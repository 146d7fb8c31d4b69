"""Schema upgrades: every committed sample database opens and upgrades with its data intact."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from planner.domain.errors import DatabaseError
from planner.store import open_store
from planner.store.migrations import _split_statements
from planner.store.queries import list_plans, load_plan
from planner.store.schema import LATEST_VERSION, STEPS
from planner.store.signing import signing_key
from tests.conftest import TEST_ACTOR

SAMPLES = sorted((Path(__file__).parent / "data").glob("schema-v*.sqlite3"))


def test_there_is_a_sample_database_for_every_schema_version():
    versions = {int(p.stem.split("-v")[1]) for p in SAMPLES}
    assert versions == set(range(1, LATEST_VERSION + 1))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_sample_database_opens_and_keeps_its_data(sample, tmp_path):
    copy = tmp_path / sample.name
    shutil.copy(sample, copy)
    with open_store(copy, TEST_ACTOR) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        plans = list_plans(store.conn)
        assert [p.key for p in plans] == ["hengshui", "harbin"]
        harbin = load_plan(store.conn, plans[1].id)
        assert any("53426" in t.text for t in harbin.tasks[0].targets)
        assert store.conn.execute("SELECT count(*) FROM reports").fetchone()[0] > 0
    version = int(sample.stem.split("-v")[1])
    backups = list(tmp_path.glob(f"*.v{version}-*.bak*"))
    assert (len(backups) == 1) == (version < LATEST_VERSION)


def _stored_key(path: Path) -> bytes | None:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return signing_key(conn)
    except DatabaseError:
        return None
    finally:
        conn.close()


def test_every_database_gets_its_own_signing_key_and_keeps_it(tmp_path):
    """Version 6 creates the key that fill-in workbooks are signed with, once: a database that has one
    keeps it through every later opening, and two databases upgraded from one copy get different keys."""
    created, kept = [], 0
    for sample in SAMPLES:
        for copy_number in (1, 2):
            copy = tmp_path / f"{copy_number}-{sample.name}"
            shutil.copy(sample, copy)
            had = _stored_key(copy)
            with open_store(copy, TEST_ACTOR) as store:
                key = signing_key(store.conn)
            with open_store(copy, TEST_ACTOR) as store:
                assert signing_key(store.conn) == key
            assert len(key) == 32
            if had is None:
                created.append(key)
            else:
                assert key == had
                kept += 1
    assert len(set(created)) == len(created) == 10  # versions 1 to 5, two copies each
    assert kept == 2 * (LATEST_VERSION - 5)


def test_each_upgrade_step_splits_into_complete_statements():
    for step in (s for s in STEPS if isinstance(s, str)):
        statements = _split_statements(step)
        assert statements
        assert all(s.rstrip().endswith(";") or s.upper().startswith("CREATE") for s in statements)


def test_checks_still_refuse_bad_values_after_they_are_rewritten(store):
    tasks_sql = store.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'targets'").fetchone()[0]
    assert " IN (" not in tasks_sql and "kind = 'increment' OR" in tasks_sql
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        store.conn.execute("INSERT INTO plans (title, first_year, last_year, state, created_at)"
                           " VALUES ('x', 2021, 2022, 'archived', 'now')")
