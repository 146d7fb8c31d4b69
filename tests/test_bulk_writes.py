"""Bulk writes: a plan written through insert_plan's bulk paths holds exactly the rows a row-by-row write gives."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.domain.model import Plan, Role, Section, Target, Task
from planner.domain.office_names import normalize_office_name
from planner.store import open_store
from planner.store.audit import Writer, now_text
from planner.store.offices_repo import ensure_offices
from planner.store.plans import insert_plan
from tests.conftest import TEST_ACTOR

pytestmark = pytest.mark.both_backends  # the store on an SQLite file and on a PostgreSQL server

# Spellings that normalise to the same office, so that a task can name one office twice.
OFFICES = ["市民政局", "市民政局 ", "市財政局", "市财政局", "（市卫健委）", "道里区", "南岗区"]
TEXTS = ["新增5张", "累计达到10张", "完成", "到2022年,培养培训150名养老院长。", "30‰", "含\x00零字节", "≥"]

targets = st.builds(
    Target,
    period=st.sampled_from(["2021", "2022", "2023", "2021Q3"]),
    text=st.sampled_from(TEXTS),
    office=st.sampled_from([None, None, "道里区", "南岗区", "市民政局"]),
    comparator=st.sampled_from([None, ">=", "<=", "="]),
    value=st.one_of(st.none(), st.integers(0, 10**6), st.floats(0, 1e9, allow_nan=False), st.just(0.1 + 0.2)),
    unit=st.sampled_from([None, "张", "%", "个"]),
    kind=st.sampled_from(["increment", "cumulative", "ratio", "milestone", "text"]),
    deadline_year=st.sampled_from([None, 2022]),
)
tasks = st.builds(
    Task,
    name=st.text(min_size=1, max_size=8),
    seq=st.sampled_from(["", "1", "（一）"]),
    section_key=st.sampled_from([None, "s1", "s2"]),
    content=st.sampled_from(["", "内容"]),
    deadline=st.sampled_from([None, "2022年底"]),
    lead=st.lists(st.sampled_from(OFFICES), max_size=3),
    co=st.lists(st.sampled_from(OFFICES), max_size=3),
    targets=st.lists(targets, max_size=4, unique_by=lambda t: (t.period, t.office)),
)
# More tasks than one multi-row INSERT takes, so that both of insert_many's statements are used.
plans = st.lists(tasks, max_size=200)


def _plan(task_list: list[Task]) -> Plan:
    sections = [Section(title="一、总体", key="s1"), Section(title="（一）分项", key="s2", parent_key="s1")]
    return Plan(title="计划", first_year=2021, last_year=2023, sections=sections, tasks=task_list)


def _row_by_row(writer: Writer, plan: Plan, note: str) -> None:
    """insert_plan as it was written before the bulk paths: one bound row per record."""
    names = [n for task in plan.tasks for n in (*task.lead, *task.co, *(t.office for t in task.targets if t.office))]
    office_id = ensure_offices(writer, names)
    plan.id = writer.insert("plans", {"title": plan.title, "first_year": plan.first_year, "last_year": plan.last_year,
                                      "created_at": now_text()}, note)
    section_id = {}
    for position, section in enumerate(plan.sections):
        parent = section_id.get(section.parent_key) if section.parent_key else None
        section_id[section.key] = writer.insert(
            "sections", {"plan_id": plan.id, "parent_id": parent, "position": position, "title": section.title}, note)
    conn = writer.conn
    next_task, next_link, next_target = (writer.next_id(t) for t in ("tasks", "task_offices", "targets"))
    link_id, target_id = next_link, next_target
    for position, task in enumerate(plan.tasks):
        task_id = next_task + position
        conn.execute("INSERT INTO tasks (id, plan_id, section_id, position, seq, name, content, indicator, baseline,"
                     " deadline, note, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (task_id, plan.id, section_id.get(task.section_key) if task.section_key else None, position,
                      task.seq, task.name, task.content, task.indicator, task.baseline, task.deadline, task.note,
                      task.kind))
        seen = set()
        links = [(n, Role.LEAD.value) for n in task.lead] + [(n, Role.CO.value) for n in task.co]
        for order, (name, role) in enumerate(links):
            key = (office_id[normalize_office_name(name)], role)
            if key not in seen:
                seen.add(key)
                conn.execute("INSERT INTO task_offices (id, task_id, office_id, role, position) VALUES (?, ?, ?, ?, ?)",
                             (link_id, task_id, key[0], role, order))
                link_id += 1
        for t in task.targets:
            office = office_id[normalize_office_name(t.office)] if t.office else None
            conn.execute("INSERT INTO targets (id, task_id, period, office_id, text, comparator, value, unit, kind,"
                         " deadline_year) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (target_id, task_id, t.period, office, t.text, t.comparator, t.value, t.unit, t.kind,
                          t.deadline_year))
            target_id += 1
    for table, first, last in (("tasks", next_task, next_task + len(plan.tasks) - 1),
                               ("task_offices", next_link, link_id - 1), ("targets", next_target, target_id - 1)):
        if last >= first:
            writer._audit_bulk(table, last - first + 1, first, last, note)


def _tables(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    found = {}
    for table in ("offices", "tasks", "task_offices", "targets"):
        found[table] = [tuple(row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY id")]
    found["audit"] = [(r["action"], r["table_name"], r["new"]) for r in
                      conn.execute("SELECT * FROM audit WHERE action = 'bulk' ORDER BY id")]
    return found


def _written(task_list: list[Task], write, folder: Path, name: str) -> dict[str, list[tuple]]:
    with open_store(folder / name, TEST_ACTOR) as store:
        with store.transaction() as writer:
            # An earlier plan, so that the new ids do not start at 1.
            insert_plan(writer, _plan([Task(name="先前", lead=["市民政局"], targets=[Target("2021", "1张")])]))
        with store.transaction() as writer:
            write(writer, _plan(task_list), "测试")
        return _tables(store.conn)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(task_list=plans)
def test_insert_plan_writes_the_rows_a_row_by_row_write_gives(task_list):
    with tempfile.TemporaryDirectory() as folder:
        bulk = _written(task_list, insert_plan, Path(folder), "bulk.sqlite3")
        plain = _written(task_list, _row_by_row, Path(folder), "plain.sqlite3")
    assert bulk == plain


def test_insert_plan_sets_the_ids_it_wrote(store):
    plan = _plan([Task(name="甲", lead=["市民政局"], targets=[Target("2021", "新增5张"), Target("2022", "新增5张")]),
                  Task(name="乙", co=["市财政局"], targets=[Target("2021", "完成")])])
    with store.transaction() as writer:
        insert_plan(writer, plan)
    rows = {row["id"]: (row["task_id"], row["period"], row["text"])
            for row in store.conn.execute("SELECT * FROM targets")}
    assert [rows[t.id] for task in plan.tasks for t in task.targets] == [
        (plan.tasks[0].id, "2021", "新增5张"), (plan.tasks[0].id, "2022", "新增5张"),
        (plan.tasks[1].id, "2021", "完成")]


def test_insert_many_round_trips_nul_none_floats_and_big_integers(store, backend):
    # More rows than one statement takes, and a remainder: both statements are used. PostgreSQL's text
    # holds no NUL character (the readers drop it from every cell before anything is stored).
    nul = "\x00" if backend == "sqlite" else ""
    rows = [(n, f"{n}{nul}尾" if n % 7 else "", str(n / 3), None if n % 5 else 2**62 + n, 2021, 2023, "t")
            for n in range(5, 300)]
    with store.transaction() as writer:
        count = writer.insert_many("plans", ("id", "title", "appendix_title", "issue_date", "first_year", "last_year",
                                             "created_at"), rows, "测试")
    assert count == len(rows)
    got = store.conn.execute("SELECT id, title, appendix_title, issue_date FROM plans ORDER BY id").fetchall()
    # issue_date is a TEXT column: an integer comes back as its text, as with one row per statement.
    assert [tuple(r) for r in got] == [(n, t, a, None if d is None else str(d)) for n, t, a, d, *_ in rows]
    bulk = store.conn.execute("SELECT new FROM audit WHERE action = 'bulk'").fetchone()
    assert json.loads(bulk["new"]) == {"count": len(rows), "first_id": 5, "last_id": 299}


def test_a_row_of_the_wrong_length_is_refused_as_before(store):
    rows = [(n, f"计划{n}", 2021, 2023, "t") for n in range(1, 200)] + [(200, "短", 2021)]
    with pytest.raises(sqlite3.ProgrammingError):
        with store.transaction() as writer:
            writer.insert_many("plans", ("id", "title", "first_year", "last_year", "created_at"), rows)
    assert store.conn.execute("SELECT count(*) FROM plans").fetchone()[0] == 0


def test_a_failed_repeating_insert_leaves_nothing_and_the_next_one_works(store):
    with store.transaction() as writer:
        plan_id = insert_plan(writer, _plan([Task(name="甲", lead=["市民政局"])]))
    task_id = store.conn.execute("SELECT id FROM tasks WHERE plan_id = ?", (plan_id,)).fetchone()[0]
    columns = ("id", "task_id", "period", "office_id", "text", "comparator", "value", "unit", "kind", "deadline_year")
    template = ("2021", None, "新增5张", ">=", 5.0, "张", "increment", None)
    with pytest.raises(sqlite3.IntegrityError):
        with store.transaction() as writer:
            writer.insert_repeating("targets", columns, 100, [template], [task_id, task_id + 999], [0, 0], "测试")
    assert store.conn.execute("SELECT count(*) FROM targets").fetchone()[0] == 0
    with store.transaction() as writer:
        assert writer.insert_repeating("targets", columns, 100, [template, ("2022", *template[1:])],
                                       [task_id, task_id], [0, 1], "测试") == 2
    got = store.conn.execute("SELECT id, task_id, period, value FROM targets ORDER BY id").fetchall()
    assert [tuple(r) for r in got] == [(100, task_id, "2021", 5.0), (101, task_id, "2022", 5.0)]


def test_two_targets_for_one_cell_are_refused_and_nothing_is_written(store):
    plan = _plan([Task(name="甲", lead=["市民政局"], targets=[Target("2021", "新增5张"), Target("2021", "新增6张")])])
    audit_rows = store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError):
        with store.transaction() as writer:
            insert_plan(writer, plan)
    assert store.conn.execute("SELECT count(*) FROM tasks").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == audit_rows
    assert store.conn.execute("SELECT count(*) FROM offices").fetchone()[0] == 0
