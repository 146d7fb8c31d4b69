"""Shared fixtures: a fresh temporary database per test; Qt runs offscreen."""

from __future__ import annotations

import os

# Before anything imports Qt: tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# PySide6 6.12 on Python 3.11 drops references to None, True and False in some Qt calls, which
# aborts a long test session; ui.singleton_guard (imported with the ui package) prevents it.
from pathlib import Path

import pytest

import ui  # noqa: F401
from planner.store import Actor, Store, open_store

TEST_ACTOR = Actor(person="测试员", office="市民政局")


@pytest.fixture
def tmp_db(tmp_path: Path) -> Path:
    return tmp_path / "planner.sqlite3"


@pytest.fixture
def store(tmp_db: Path):
    with open_store(tmp_db, TEST_ACTOR) as opened:
        yield opened


@pytest.fixture
def demo_store(store: Store) -> Store:
    from planner.app.demo import load_demo

    load_demo(store)
    return store


@pytest.fixture
def make_context(qapp):
    """A window's context without the window: for a dialog opened on its own in a test."""
    from planner.domain.periods import parse_period
    from ui.context import WindowContext

    made = []

    def make(store: Store, plan_id: int | None = None, period: str | None = None, office: str | None = None,
             lead_only: bool = False):
        from ui.settings.values import UserSettings

        context = WindowContext(store, UserSettings(lead_only=lead_only))
        context.plan = context.source.plan(plan_id) if plan_id is not None else None
        context.period = parse_period(period) if period else None
        context.office = office
        made.append(context)
        return context

    yield make
    for context in made:
        context.runner.wait()  # a job still running would touch the store after the test closed it
