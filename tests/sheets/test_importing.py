"""Importing into the database: one transaction, the content hash, duplicates, dry runs, progress."""

from __future__ import annotations

import hashlib

import pytest

from planner.domain.model import Report
from planner.plans.importing import DuplicateImportError, import_file, preview_import
from planner.store.queries import list_plans, load_plan
from planner.store.reports import record_report

from .builders import db_snapshot, messy_appendix


def test_import_writes_the_plan_as_previewed(store, tmp_path):
    path = messy_appendix(tmp_path / "附件1.xlsx")
    result = import_file(store, path)
    plan = load_plan(store.conn, result.plan_id)
    assert plan.title == "哈尔滨市养老服务业发展三年行动方案重点任务分解表"
    assert plan.source_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert [t.name for t in plan.tasks] == [t.name for t in result.preview.plan.tasks]
    assert plan.tasks[0].lead == ["市民政局"] and plan.tasks[0].co == ["市发改委", "市财政局"]
    assert [s.title for s in plan.sections] == ["一、实施养老服务供给能力培育工程", "（一）社区养老服务"]
    beds = plan.tasks[0]
    assert beds.plan_target("2015").value == 53426
    assert {t.office for t in beds.targets if t.office} == {"道里区", "南岗区"}
    audit = store.conn.execute("SELECT count(*) FROM audit WHERE note LIKE '导入表格%'").fetchone()[0]
    assert audit >= 4


def test_dry_run_writes_nothing(store, tmp_db, tmp_path):
    path = messy_appendix(tmp_path / "a.xlsx")
    before = db_snapshot(tmp_db)
    result = import_file(store, path, dry_run=True)
    assert result.plan_id is None and result.counts.tasks == 3
    assert db_snapshot(tmp_db) == before


def test_same_content_twice_is_refused_with_plan_and_date(store, tmp_db, tmp_path):
    path = messy_appendix(tmp_path / "a.xlsx")
    first = import_file(store, path)
    copy = tmp_path / "改了名字.xlsx"
    copy.write_bytes(path.read_bytes())
    before = db_snapshot(tmp_db)
    with pytest.raises(DuplicateImportError) as caught:
        import_file(store, copy)
    message = str(caught.value)
    assert f"计划 {first.plan_id}" in message and "已于" in message and "改了名字.xlsx" in message
    assert db_snapshot(tmp_db) == before
    with pytest.raises(DuplicateImportError):
        import_file(store, copy, dry_run=True)


def test_replace_deletes_the_old_plan_in_the_same_transaction(store, tmp_path):
    path = messy_appendix(tmp_path / "a.xlsx")
    first = import_file(store, path)
    second = import_file(store, path, on_duplicate="replace")
    assert second.replaced_plan_id == first.plan_id
    assert [p.id for p in list_plans(store.conn)] == [second.plan_id]
    tasks = store.conn.execute("SELECT count(*) FROM tasks").fetchone()[0]
    assert tasks == 3


def test_replace_is_refused_when_the_plan_has_reports(store, tmp_db, tmp_path):
    path = messy_appendix(tmp_path / "a.xlsx")
    first = import_file(store, path)
    task = load_plan(store.conn, first.plan_id).tasks[0]
    with store.transaction() as writer:
        record_report(writer, Report(task_id=task.id, office="市民政局", period="2015", value=1.0))
    before = db_snapshot(tmp_db)
    with pytest.raises(DuplicateImportError, match="进展"):
        import_file(store, path, on_duplicate="replace")
    assert db_snapshot(tmp_db) == before


def test_new_version_gets_a_title_suffix(store, tmp_path):
    path = messy_appendix(tmp_path / "a.xlsx")
    import_file(store, path)
    second = import_file(store, path, on_duplicate="new_version")
    third = import_file(store, path, on_duplicate="new_version")
    titles = [p.title for p in list_plans(store.conn)]
    assert titles[1].endswith("（第2版）") and titles[2].endswith("（第3版）")
    assert second.plan_id != third.plan_id


def test_progress_is_reported_up_to_the_total(store, tmp_path):
    calls: list[tuple[int, int]] = []
    import_file(store, messy_appendix(tmp_path / "a.xlsx"), progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 100) and calls[-1] == (100, 100)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_a_failure_while_writing_leaves_nothing(store, tmp_db, tmp_path, monkeypatch):
    import planner.plans.duplicates as duplicates

    def broken(writer, plan, note=""):
        writer.insert("plans", {"title": "半截", "first_year": 2020, "last_year": 2020, "created_at": "now"})
        raise RuntimeError("disk full")

    monkeypatch.setattr(duplicates, "insert_plan", broken)
    path = messy_appendix(tmp_path / "a.xlsx")
    rows_before = db_snapshot(tmp_db)[0]
    with pytest.raises(RuntimeError):
        import_file(store, path)
    assert db_snapshot(tmp_db)[0] == rows_before


def test_preview_does_not_need_a_database(tmp_path):
    preview = preview_import(messy_appendix(tmp_path / "a.xlsx"))
    assert preview.counts.tasks == 3 and preview.plan.id is None
