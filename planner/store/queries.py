"""Reading plans, offices and reports back as domain objects (a few queries per plan, never one per row)."""

from __future__ import annotations

import sqlite3

from planner.domain.errors import NotFoundError
from planner.domain.model import Office, Plan, PlanState, Report, Section, Status, Target, Task


def _plan_from_row(row: sqlite3.Row) -> Plan:
    return Plan(
        id=row["id"],
        key=row["key"],
        title=row["title"],
        appendix_title=row["appendix_title"],
        doc_no=row["doc_no"],
        issuer=row["issuer"],
        issue_date=row["issue_date"],
        first_year=row["first_year"],
        last_year=row["last_year"],
        state=PlanState(row["state"]),
        source=row["source"],
        source_hash=row["source_hash"],
        is_demo=bool(row["is_demo"]),
    )


def list_plans(conn: sqlite3.Connection) -> list[Plan]:
    """All plans without their tasks, oldest first."""
    return [_plan_from_row(r) for r in conn.execute("SELECT * FROM plans ORDER BY id")]


def load_plan(conn: sqlite3.Connection, plan_id: int) -> Plan:
    """A plan with its sections, tasks, responsible offices and targets."""
    row = conn.execute("SELECT * FROM plans WHERE id = ?", (plan_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"没有编号为 {plan_id} 的计划。")
    plan = _plan_from_row(row)
    for s in conn.execute("SELECT * FROM sections WHERE plan_id = ? ORDER BY position", (plan_id,)):
        plan.sections.append(
            Section(title=s["title"], key=str(s["id"]), id=s["id"], parent_id=s["parent_id"], position=s["position"],
                    parent_key=str(s["parent_id"]) if s["parent_id"] else None)
        )
    plan.tasks = _load_tasks(conn, "t.plan_id = ?", plan_id)
    return plan


def task_plan(conn: sqlite3.Connection, task_id: int) -> Plan:
    """The plan a task belongs to, without its sections and tasks."""
    row = conn.execute("SELECT p.* FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id = ?", (task_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"没有编号为 {task_id} 的任务，可能已被删除。")
    return _plan_from_row(row)


def load_task(conn: sqlite3.Connection, task_id: int) -> Task:
    """One task with its responsible offices and targets, as `load_plan` reads it."""
    found = _load_tasks(conn, "t.id = ?", task_id)
    if not found:
        raise NotFoundError(f"没有编号为 {task_id} 的任务，可能已被删除。")
    return found[0]


def _load_tasks(conn: sqlite3.Connection, where: str, key: int) -> list[Task]:
    tasks: dict[int, Task] = {}
    for t in conn.execute(f"SELECT * FROM tasks t WHERE {where} ORDER BY t.position", (key,)):
        tasks[t["id"]] = Task(
            id=t["id"], name=t["name"], seq=t["seq"], section_id=t["section_id"],
            section_key=str(t["section_id"]) if t["section_id"] else None, position=t["position"],
            content=t["content"], indicator=t["indicator"], baseline=t["baseline"], deadline=t["deadline"],
            note=t["note"], kind=t["kind"], origin=t["origin"],
        )
    for link in conn.execute(
        "SELECT l.task_id, l.role, o.name FROM task_offices l JOIN offices o ON o.id = l.office_id"
        f" JOIN tasks t ON t.id = l.task_id WHERE {where} ORDER BY l.task_id, l.position",
        (key,),
    ):
        task = tasks[link["task_id"]]
        names = {"lead": task.lead, "co": task.co}.get(link["role"])
        if names is not None:
            names.append(link["name"])
    for g in conn.execute(
        "SELECT g.*, o.name AS office_name FROM targets g JOIN tasks t ON t.id = g.task_id"
        f" LEFT JOIN offices o ON o.id = g.office_id WHERE {where}"
        " ORDER BY g.task_id, g.period, g.office_id IS NOT NULL, g.id",
        (key,),
    ):
        tasks[g["task_id"]].targets.append(
            Target(id=g["id"], period=g["period"], text=g["text"], office=g["office_name"], comparator=g["comparator"],
                   value=g["value"], unit=g["unit"], kind=g["kind"], deadline_year=g["deadline_year"])
        )
    for g in conn.execute(
        "SELECT g.*, o.name AS office_name FROM earlier_targets g JOIN tasks t ON t.id = g.task_id"
        f" LEFT JOIN offices o ON o.id = g.office_id WHERE {where} ORDER BY g.task_id, g.id",
        (key,),
    ):
        tasks[g["task_id"]].earlier_targets.append(_earlier_target(g))
    return list(tasks.values())


def _earlier_target(g: sqlite3.Row) -> Target:
    return Target(id=g["id"], period=g["period"], text=g["text"], office=g["office_name"], comparator=g["comparator"],
                  value=g["value"], unit=g["unit"], kind=g["kind"], deadline_year=g["deadline_year"],
                  until=g["until"])


def list_offices(conn: sqlite3.Connection) -> list[Office]:
    return [
        Office(id=r["id"], name=r["name"], kind=r["kind"], parent_id=r["parent_id"], division_code=r["division_code"])
        for r in conn.execute("SELECT * FROM offices ORDER BY name")
    ]


def plan_offices(conn: sqlite3.Connection, plan_id: int) -> list[str]:
    """Names of the offices responsible for any task of the plan, leads first."""
    rows = conn.execute(
        "SELECT o.name, min(CASE l.role WHEN 'lead' THEN 0 ELSE 1 END) AS rank, min(l.task_id) AS first_task"
        " FROM task_offices l JOIN offices o ON o.id = l.office_id JOIN tasks t ON t.id = l.task_id"
        " WHERE t.plan_id = ? GROUP BY o.id ORDER BY rank, first_task, o.name",
        (plan_id,),
    )
    return [r["name"] for r in rows]


def _report_from_row(row: sqlite3.Row) -> Report:
    return Report(
        id=row["id"], task_id=row["task_id"], office=row["office_name"], period=row["period"],
        value=row["value"], status=Status(row["status"]) if row["status"] else None, narrative=row["narrative"],
        problems=row["problems"], next_steps=row["next_steps"], reporter=row["reporter"],
        reported_at=row["reported_at"], source=row["source"], source_hash=row["source_hash"],
        revision=row["revision"], review=row["review"], review_note=row["review_note"], is_demo=bool(row["is_demo"]),
    )


def current_reports(conn: sqlite3.Connection, plan_id: int, period: str | None = None,
                    task_id: int | None = None) -> list[Report]:
    """The latest revision of every report on the plan's tasks, optionally for one period or one task."""
    sql = (
        "SELECT r.*, o.name AS office_name FROM current_reports r JOIN offices o ON o.id = r.office_id"
        " JOIN tasks t ON t.id = r.task_id WHERE t.plan_id = ?"
    )
    params: list[object] = [plan_id]
    if period is not None:
        sql += " AND r.period = ?"
        params.append(period)
    if task_id is not None:
        sql += " AND r.task_id = ?"
        params.append(task_id)
    sql += " ORDER BY t.position, r.period, o.name"
    return [_report_from_row(r) for r in conn.execute(sql, params)]


def report_history(conn: sqlite3.Connection, task_id: int, office: str, period: str) -> list[Report]:
    """Every revision of one report cell, oldest first; the last one is current."""
    rows = conn.execute(
        "SELECT r.*, o.name AS office_name FROM reports r JOIN offices o ON o.id = r.office_id"
        " WHERE r.task_id = ? AND o.name = ? AND r.period = ? ORDER BY r.revision",
        (task_id, office, period),
    )
    return [_report_from_row(r) for r in rows]
