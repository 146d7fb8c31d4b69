"""The whole database (or one plan) as plain JSON-ready data, for `main.py dump`."""

from __future__ import annotations

import sqlite3
from typing import Any

from planner.domain.model import Plan, Report, Target
from planner.store.queries import current_reports, list_offices, list_plans, load_plan


def _target(t: Target) -> dict[str, Any]:
    return {"period": t.period, "office": t.office, "text": t.text, "value": t.value, "unit": t.unit,
            "comparator": t.comparator, "kind": t.kind, "deadline_year": t.deadline_year}


def _plan(plan: Plan) -> dict[str, Any]:
    section_titles = {s.id: s.title for s in plan.sections}
    return {
        "id": plan.id, "key": plan.key, "title": plan.title, "appendix_title": plan.appendix_title,
        "doc_no": plan.doc_no, "issuer": plan.issuer, "issue_date": plan.issue_date, "years": plan.years,
        "state": plan.state.value, "is_demo": plan.is_demo,
        "sections": [{"id": s.id, "title": s.title, "parent_id": s.parent_id} for s in plan.sections],
        "tasks": [
            {"id": t.id, "seq": t.seq, "section": section_titles.get(t.section_id), "name": t.name,
             "content": t.content, "indicator": t.indicator, "baseline": t.baseline, "note": t.note,
             "origin": t.origin, "lead": t.lead, "co": t.co, "targets": [_target(g) for g in t.targets]}
            for t in plan.tasks
        ],
    }


def _report(plan_id: int, r: Report) -> dict[str, Any]:
    return {"id": r.id, "plan_id": plan_id, "task_id": r.task_id, "office": r.office, "period": r.period,
            "revision": r.revision, "value": r.value, "status": r.status.value if r.status else None,
            "narrative": r.narrative, "problems": r.problems, "next_steps": r.next_steps, "reporter": r.reporter,
            "reported_at": r.reported_at, "source": r.source, "review": r.review, "is_demo": r.is_demo}


def dump(conn: sqlite3.Connection, plan_id: int | None = None) -> dict[str, Any]:
    plan_ids = [plan_id] if plan_id is not None else [p.stored_id for p in list_plans(conn)]
    plans = [load_plan(conn, pid) for pid in plan_ids]
    return {
        "plans": [_plan(p) for p in plans],
        "offices": [{"id": o.id, "name": o.name, "kind": o.kind} for o in list_offices(conn)],
        "reports": [_report(p.stored_id, r) for p in plans for r in current_reports(conn, p.stored_id)],
    }
