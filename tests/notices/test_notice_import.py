"""Writing a previewed notice: one transaction with its audit rows, a draft with its source, nothing half-written;
a notice with no task, or over the caps, refused with a message that names it."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.notices import recognition
from planner.notices.document import NoticeDocument, Paragraph, Place
from planner.notices.importing import NoTasksError, commit_notice, preview_notice
from planner.notices.refusals import NoticeTooLargeError
from planner.notices.text import notice_from_text, read_text_notice
from planner.plans.duplicates import DuplicateImportError
from planner.store.queries import list_plans, load_plan
from tests.sheets.builders import db_snapshot

SEEDS = Path(__file__).resolve().parent / "seeds"
BEIJING = SEEDS / "002_10e9145091e5d171.txt"
HARBIN = SEEDS / "004_098bd75ea14275fa.txt"


def test_a_notice_is_written_as_a_draft_with_its_source_and_audit_rows(store):
    document = read_text_notice(BEIJING)
    result = commit_notice(store, preview_notice(document))
    plan = load_plan(store.conn, result.plan_id)
    assert plan.state.value == "draft" and plan.source_hash == document.sha256 and BEIJING.name in plan.source
    assert [task.origin for task in plan.tasks][-1] == "二、（五）19."
    assert len(plan.sections) == 5 and sum(len(task.targets) for task in plan.tasks) > 0
    notes = {row[0] for row in store.conn.execute("SELECT DISTINCT note FROM audit WHERE table_name = 'tasks'")}
    assert notes == {f"导入通知：{BEIJING.name}"}


def test_the_same_text_pasted_twice_is_noticed(store):
    text = BEIJING.read_text(encoding="utf-8")
    commit_notice(store, preview_notice(notice_from_text(text)))
    with pytest.raises(DuplicateImportError, match="粘贴的文本"):
        commit_notice(store, preview_notice(notice_from_text(text)))
    again = commit_notice(store, preview_notice(notice_from_text(text)), on_duplicate="new_version")
    assert load_plan(store.conn, again.plan_id).title.endswith("（第2版）")


def test_a_failure_while_writing_leaves_nothing(store, tmp_db, monkeypatch):
    import planner.plans.duplicates as duplicates

    def broken(writer, plan, note=""):
        writer.insert("plans", {"title": "半截", "first_year": 2020, "last_year": 2020, "created_at": "now"})
        raise RuntimeError("disk full")

    monkeypatch.setattr(duplicates, "insert_plan", broken)
    preview = preview_notice(read_text_notice(BEIJING))
    before = db_snapshot(tmp_db)[0]
    with pytest.raises(RuntimeError):
        commit_notice(store, preview)
    assert db_snapshot(tmp_db)[0] == before


def test_a_notice_without_numbered_items_is_refused_with_what_to_do(store):
    preview = preview_notice(read_text_notice(HARBIN))
    assert preview.plan.tasks == [] and any("没有找到编号的条目" in issue.message for issue in preview.issues)
    with pytest.raises(NoTasksError, match=f"文件“{HARBIN.name}”中没有找到编号的条目.*指定任务所在的部分"):
        commit_notice(store, preview)
    assert list_plans(store.conn) == []


def test_a_task_section_without_numbered_items_is_named_with_its_place(store):
    text = "一、主要任务\n加强养老服务。\n二、保障措施\n加强领导。"
    preview = preview_notice(notice_from_text(text))
    with pytest.raises(NoTasksError, match="第1段“一、主要任务”下面没有编号的任务条目"):
        commit_notice(store, preview)


def test_a_document_over_the_caps_is_refused_before_it_is_recognised(monkeypatch):
    blocks = [Paragraph(f"{n}.做好工作。", Place(paragraph=n)) for n in range(1, 101)]
    document = NoticeDocument("大通知.docx", "docx", "0" * 64, blocks)
    monkeypatch.setattr(recognition, "MAX_BLOCKS", 50)
    with pytest.raises(NoticeTooLargeError, match="大通知.docx"):
        preview_notice(document)
    monkeypatch.setattr(recognition, "MAX_BLOCKS", 1000)
    monkeypatch.setattr(recognition, "MAX_TEXT_CHARS", 500)
    with pytest.raises(NoticeTooLargeError, match="字符"):
        preview_notice(document)
