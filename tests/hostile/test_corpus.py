"""Issue 8, hostile and broken files: every file of the corpus is imported with sane content or
refused with a plain message naming it, the database is untouched by a refusal, and nothing
hangs, leaves a traceback or runs out of memory.

Run with -s to see the count of cases printed at the end of the module.
"""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path

import pytest

from planner.domain.errors import InputError
from planner.plans.importing import import_file
from planner.store import open_store
from planner.store.queries import load_plan
from tests.conftest import TEST_ACTOR
from tests.hostile.child import run_main
from tests.hostile.corpus import CORPUS, Case
from tests.sheets.builders import db_snapshot, messy_appendix

MAX_CHILD_MB = 600  # peak resident memory of `main.py import` on any file of the corpus


@pytest.fixture(scope="module")
def tally():
    counts = {"cases": 0, "refused": 0, "imported": 0, "children": 0, "peak_mb": 0.0}
    yield counts
    print(f"\nhostile corpus: {counts['cases']} of {len(CORPUS)} cases ran: {counts['refused']} refused with a "
          f"message naming the file, {counts['imported']} imported; {counts['children']} through main.py import "
          f"in a child process (highest peak {counts['peak_mb']:.0f} MB)")


@pytest.fixture
def seeded_db(tmp_path) -> Path:
    """A database that already holds a plan, so 'unchanged' is not trivially true; closed again."""
    db = tmp_path / "planner.sqlite3"
    with open_store(db, TEST_ACTOR) as store:
        import_file(store, messy_appendix(tmp_path / "seed.xlsx"))
    return db


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt from Python code to open a connection fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"a connection was attempted: {args!r}")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _name_ok(case: Case, name: str) -> bool:
    return case.task_name(name) if callable(case.task_name) else name == case.task_name


def _import_in_process(case: Case, path: Path, db: Path) -> str:
    """'refused' or 'imported', after checking what the user would see either way."""
    before = db_snapshot(db)
    started = time.perf_counter()
    with open_store(db, TEST_ACTOR) as store:
        try:
            result = import_file(store, path)
        except InputError as exc:
            seconds = time.perf_counter() - started
            assert case.refused is not None, f"{case.id}: refused unexpectedly: {exc}"
            assert isinstance(exc, case.refused), f"{case.id}: {type(exc).__name__}: {exc}"
            message = str(exc)
            assert path.name in message, f"{case.id}: the message does not name the file: {message}"
            for fragment in case.fragments:
                assert fragment in message, f"{case.id}: {fragment!r} missing from: {message}"
            outcome = "refused"
        else:
            seconds = time.perf_counter() - started
            assert case.refused is None, f"{case.id}: imported, but {case.refused.__name__} was expected"
            plan = load_plan(store.conn, result.plan_id)
            assert len(plan.tasks) == 1, f"{case.id}: {[t.name[:40] for t in plan.tasks]}"
            task = plan.tasks[0]
            assert _name_ok(case, task.name), f"{case.id}: task name {task.name[:80]!r} ({len(task.name)} characters)"
            assert all(ch in "\t\n" or ch.isprintable() for ch in task.name), f"{case.id}: control character kept"
            outcome = "imported"
    assert seconds < case.seconds, f"{case.id}: took {seconds:.1f} s (at most {case.seconds} s)"
    if outcome == "refused":
        assert db_snapshot(db) == before, f"{case.id}: the database changed although the file was refused"
    return outcome


def _import_in_child(case: Case, path: Path, db: Path, tally: dict) -> None:
    """Through the command line, as a user would: exit status, message, time and memory."""
    before = db_snapshot(db)
    args = ["--db", str(db), "import", str(path)] + ([] if case.refused else ["--dry-run", "--json"])
    run = run_main(*args, timeout=max(60.0, case.seconds * 4))
    tally["children"] += 1
    tally["peak_mb"] = max(tally["peak_mb"], run.peak_mb)
    assert "Traceback" not in run.err, f"{case.id}: {run.describe()}"
    assert "内部错误" not in run.err, f"{case.id}: {run.describe()}"
    assert run.peak_mb < MAX_CHILD_MB, f"{case.id}: {run.describe()}"
    assert run.seconds < case.seconds + 5, f"{case.id}: {run.describe()}"  # plus the interpreter's start-up
    if case.refused:
        assert run.code == 1, f"{case.id}: {run.describe()}"
        assert run.err.startswith("错误：") and path.name in run.err, f"{case.id}: {run.describe()}"
        assert all(fragment in run.err for fragment in case.fragments), f"{case.id}: {run.describe()}"
        assert run.out == "", f"{case.id}: {run.out!r}"
    else:
        assert run.code == 0, f"{case.id}: {run.describe()}"
        assert json.loads(run.out)["counts"]["tasks"] == 1, f"{case.id}: {run.out[:2000]}"
    assert db_snapshot(db) == before, f"{case.id}: the database changed"


@pytest.mark.parametrize("case", CORPUS, ids=[case.id for case in CORPUS])
def test_hostile_file(case: Case, tmp_path, seeded_db, no_network, tally):
    posix = os.name == "posix"
    if case.posix_only and not posix:
        pytest.skip("a FIFO, or a file name this system does not allow")
    folder = tmp_path / "files"
    folder.mkdir()
    path = case.build(folder)
    if case.child and posix:
        _import_in_child(case, path, seeded_db, tally)
    outcome = _import_in_process(case, path, seeded_db)
    tally["cases"] += 1
    tally[outcome] += 1


def test_corpus_covers_the_issue_list():
    """Every item of issue 8's list has at least one case, so a case dropped by mistake is noticed."""
    ids = " ".join(case.id for case in CORPUS)
    for item in ("zip-bomb", "1048576-rows", "16384-columns", "cell-of-1mb", "formulas-everywhere",
                 "external-links", "billion-laughs", "macros-in-xlsm", "pdf-named", "empty", "password",
                 "path", "control-characters"):
        assert item in ids, item
    assert len({case.id for case in CORPUS}) == len(CORPUS)
