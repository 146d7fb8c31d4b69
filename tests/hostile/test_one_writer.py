"""The one-writer lock holds whichever path leads to the database: a symlink and a hard link meet it too."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planner.domain.errors import DatabaseInUseError
from planner.store import Store, open_store
from tests.conftest import TEST_ACTOR

pytestmark = [pytest.mark.hostile, pytest.mark.skipif(os.name != "posix", reason="symlinks need privileges on Windows")]


def test_the_same_file_through_a_symlink_or_a_hard_link_has_one_writer(store: Store, tmp_path: Path):
    linked = tmp_path / "elsewhere"
    linked.mkdir()
    (linked / "via-symlink.sqlite3").symlink_to(store.path)
    os.link(store.path, linked / "via-hardlink.sqlite3")
    for other in ("via-symlink.sqlite3", "via-hardlink.sqlite3"):
        with pytest.raises(DatabaseInUseError):
            open_store(linked / other, TEST_ACTOR)
    store.close()
    with open_store(linked / "via-hardlink.sqlite3", TEST_ACTOR) as again:
        assert again.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
