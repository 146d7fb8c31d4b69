"""The demo plans (Hengshui and Harbin appendix tables) and their invented progress."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.domain.model import Plan, PlanState, Report, Section, Status, Task
from planner.domain.target_building import targets_from_text
from planner.store import Store
from planner.store.plan_rows import plan_keys
from planner.store.plans import insert_plan
from planner.store.reports import record_report
from planner.system.resources import resource_path

DEMO_PLAN_FILES = ("hengshui.json", "harbin.json")
DEMO_PROGRESS_FILE = "progress.json"
DEMO_NOTE = "演示数据"


def _read(name: str) -> dict[str, Any]:
    return json.loads(resource_path("demo", name).read_text(encoding="utf-8"))


def plan_from_dict(data: dict[str, Any], *, is_demo: bool = False) -> Plan:
    meta = data["plan"]
    plan = Plan(
        key=meta.get("key"),
        title=meta["title"],
        appendix_title=meta.get("appendix_title", ""),
        doc_no=meta.get("doc_no", ""),
        issuer=meta.get("issuer", ""),
        issue_date=meta.get("issue_date"),
        first_year=int(meta["first_year"]),
        last_year=int(meta["last_year"]),
        source=meta.get("source", ""),
        state=PlanState(meta.get("state", PlanState.DRAFT.value)),
        is_demo=is_demo,
    )
    plan.sections = [Section(title=s["title"], key=s["key"], parent_key=s.get("parent")) for s in data["sections"]]
    for t in data["tasks"]:
        task = Task(
            seq=str(t.get("seq", "")),
            section_key=t.get("section"),
            name=t["name"],
            content=t.get("content", ""),
            indicator=t.get("indicator", ""),
            baseline=str(t.get("baseline", "")),
            note=t.get("note", ""),
            kind=t.get("kind"),
            lead=list(t.get("lead", [])),
            co=list(t.get("co", [])),
        )
        for target in t.get("targets", []):
            if str(target.get("text", "")).strip():
                task.targets.extend(targets_from_text(str(target["period"]), str(target["text"]), task.kind))
        plan.tasks.append(task)
    return plan


def demo_plans() -> list[Plan]:
    return [plan_from_dict(_read(name), is_demo=True) for name in DEMO_PLAN_FILES]


def demo_reports(plans_by_key: dict[str, Plan]) -> list[Report]:
    reports = []
    for entry in _read(DEMO_PROGRESS_FILE)["reports"]:
        plan = plans_by_key.get(entry["plan"])
        if plan is None:
            continue
        task = next(t for t in plan.tasks if t.seq == str(entry["seq"]))
        reports.append(
            Report(
                task_id=task.stored_id,
                office=entry["office"],
                period=entry["period"],
                value=entry.get("value"),
                status=Status(entry["status"]) if entry.get("status") else None,
                narrative=entry.get("narrative", ""),
                problems=entry.get("problems", ""),
                next_steps=entry.get("next_steps", ""),
                reporter=DEMO_NOTE,
                source="demo",
                is_demo=True,
            )
        )
    return reports


@dataclass
class DemoResult:
    added: list[Plan]
    skipped: list[str]
    reports: int


def load_demo(store: Store) -> DemoResult:
    """Add the demo plans (and their progress) that the database does not hold yet, in one transaction."""
    existing = plan_keys(store.conn)
    added, skipped = [], []
    with store.transaction() as writer:
        for plan in demo_plans():
            if plan.key in existing:
                skipped.append(plan.title)
                continue
            insert_plan(writer, plan, DEMO_NOTE)
            added.append(plan)
        reports = demo_reports({p.key: p for p in added if p.key})
        for report in reports:
            record_report(writer, report, DEMO_NOTE)
    return DemoResult(added=added, skipped=skipped, reports=len(reports))


def demo_resources_present() -> bool:
    return all(Path(resource_path("demo", n)).exists() for n in (*DEMO_PLAN_FILES, DEMO_PROGRESS_FILE))
