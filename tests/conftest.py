"""Shared fixtures: a fresh temporary database per test; Qt runs offscreen."""

from __future__ import annotations

import itertools
import os

# Before anything imports Qt: tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# PySide6 6.12 on Python 3.11 drops references to None, True and False in some Qt calls, which
# aborts a long test session; ui.singleton_guard (imported with the ui package) prevents it.
from pathlib import Path

import pytest

import ui  # noqa: F401
from planner.store import Actor, Store, open_store
from tests.server_organisation import organisation  # noqa: F401  (a fixture: an organisation's server database)

TEST_ACTOR = Actor(person="测试员", office="市民政局")


BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "both_backends: run the test's `store` on an SQLite file and on a "
                                       "PostgreSQL server")
    config.addinivalue_line("markers", "file_only(reason): in a both_backends module, a test of the file's own "
                                       "behaviour")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    definition = metafunc.definition
    if (definition.get_closest_marker("both_backends") and not definition.get_closest_marker("file_only")
            and "store" in metafunc.fixturenames):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster for the whole run; the tests that need one fail (never skip) when
    it cannot start, with what to install."""
    from tests.pg_server import Cluster

    try:
        cluster = Cluster().start()
    except RuntimeError as exc:
        pytest.fail(f"cannot start the PostgreSQL server the server tests need: {exc}", pytrace=False)
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_template(pg_cluster) -> str:
    """An initialised, empty planner database that each test's database is copied from."""
    from planner.store.server.admin import init_database

    pg_cluster.sql("CREATE DATABASE planner_template")
    init_database(pg_cluster.url("planner_template"))
    return "planner_template"


@pytest.fixture
def server_url(pg_cluster, pg_template, request) -> str:
    """A fresh server database for one test, as a URL for the administrator."""
    name = f"t{next(_database_numbers)}"
    pg_cluster.sql(f"CREATE DATABASE {name} TEMPLATE {pg_template}")
    return pg_cluster.url(name)


_database_numbers = itertools.count(1)


@pytest.fixture
def backend(request) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture
def tmp_db(tmp_path: Path) -> Path:
    return tmp_path / "planner.sqlite3"


@pytest.fixture
def store(tmp_db: Path, backend: str, request):
    if backend == "postgresql":
        from planner.store.server.store import open_server_store

        with open_server_store(request.getfixturevalue("server_url")) as opened:
            yield opened
        return
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
