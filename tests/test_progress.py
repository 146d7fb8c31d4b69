"""Recording progress: checks, revisions, reviews, withdrawal, evidence files, and the CLI verbs."""

from __future__ import annotations

import json

import pytest

from planner.domain.errors import InputError, StaleWriteError
from planner.domain.model import Report, Status
from planner.progress.entry import (
    MAX_ATTACHMENT_BYTES,
    attach_file,
    attachment_data,
    list_attachments,
    review_report,
    submit_report,
    withdraw_revision,
)
from planner.store.queries import list_plans, load_plan, report_history
from tests.sheets.builders import db_snapshot

pytestmark = pytest.mark.both_backends  # the store on an SQLite file and on a PostgreSQL server

OFFICE = "市自然资源和规划局"


@pytest.fixture
def hengshui(demo_store):
    return load_plan(demo_store.conn, next(p.id for p in list_plans(demo_store.conn) if p.key == "hengshui"))


def report(plan, **changes) -> Report:
    values = dict(task_id=plan.tasks[0].id, office=OFFICE, period="2021年第三季度", value=3.0, narrative="已建成")
    values.update(changes)
    return Report(**values)


def test_a_report_becomes_a_revision_and_the_same_report_twice_changes_nothing(demo_store, hengshui):
    first, added = submit_report(demo_store, hengshui, report(hengshui))
    assert added and first.revision == 1 and first.period == "2021Q3"
    again, added = submit_report(demo_store, hengshui, report(hengshui))
    assert not added and again.revision == 1
    changed, added = submit_report(demo_store, hengshui, report(hengshui, value=4.0))
    assert added and changed.revision == 2
    history = report_history(demo_store.conn, hengshui.tasks[0].id, OFFICE, "2021Q3")
    assert [r.value for r in history] == [3.0, 4.0]


@pytest.mark.parametrize("changes, message", [
    ({"period": "2025Q1"}, "不在计划"),
    ({"office": "市体育局"}, "不是任务"),
    ({"value": -1.0}, "不能为负数"),
    ({"value": float("nan")}, "不是有效数字"),
    ({"narrative": "很" * 4001}, "超过 4000 字"),
    ({"period": "2021Q5"}, "季度应为 1 至 4"),
    ({"status": Status.NOT_REPORTED}, "未填报"),
])
def test_bad_reports_are_refused_and_nothing_is_written(demo_store, hengshui, changes, message):
    before = db_snapshot(demo_store)
    with pytest.raises(InputError, match=message):
        submit_report(demo_store, hengshui, report(hengshui, **changes))
    assert db_snapshot(demo_store) == before


def test_returning_a_report_needs_a_reason_and_a_resubmission_clears_it(demo_store, hengshui):
    first, _ = submit_report(demo_store, hengshui, report(hengshui))
    with pytest.raises(InputError, match="原因"):
        review_report(demo_store, first.id, "returned", "  ")
    assert review_report(demo_store, first.id, "returned", "数值与台账不符") == ("submitted", "")
    returned = report_history(demo_store.conn, first.task_id, OFFICE, "2021Q3")[-1]
    assert (returned.review, returned.review_note) == ("returned", "数值与台账不符")
    again, added = submit_report(demo_store, hengshui, report(hengshui))
    assert added and again.revision == 2 and again.review == "submitted"


def test_withdrawing_a_revision_makes_the_previous_one_current_and_is_audited(demo_store, hengshui):
    submit_report(demo_store, hengshui, report(hengshui))
    second, _ = submit_report(demo_store, hengshui, report(hengshui, value=5.0))
    withdraw_revision(demo_store, second.id)
    history = report_history(demo_store.conn, second.task_id, OFFICE, "2021Q3")
    assert [r.value for r in history] == [3.0]
    audit = demo_store.conn.execute(
        "SELECT action, old FROM audit WHERE table_name = 'reports' AND row_id = ? ORDER BY id",
        (second.id,)).fetchall()
    assert [a["action"] for a in audit] == ["insert", "delete"] and '"value": 5.0' in audit[1]["old"]


def test_evidence_files_are_kept_in_the_database_with_a_size_cap(demo_store, hengshui, tmp_path):
    evidence = tmp_path / "验收报告.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence")
    task_id = hengshui.tasks[0].id
    attachment_id = attach_file(demo_store, task_id, OFFICE, "2021Q3", evidence)
    listed = list_attachments(demo_store, task_id, OFFICE, "2021年第三季度")
    assert [(a.file_name, a.size) for a in listed] == [("验收报告.pdf", 17)]
    assert attachment_data(demo_store, attachment_id) == ("验收报告.pdf", b"%PDF-1.4 evidence")
    audit_new = demo_store.conn.execute("SELECT new FROM audit WHERE table_name = 'attachments'").fetchone()[0]
    assert "<17 bytes>" in audit_new
    big = tmp_path / "录像.mp4"
    with big.open("wb") as handle:
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)
    with pytest.raises(InputError, match="超过 20 MB"):
        attach_file(demo_store, task_id, OFFICE, "2021Q3", big)


def test_status_verb_prints_json_with_the_statuses_spelled_in_chinese(tmp_path, capsys):
    from main import main

    db = str(tmp_path / "demo.sqlite3")
    assert main(["--db", db, "demo"]) == 0
    assert main(["--db", db, "report-progress", "--task", "2", "--office", OFFICE, "--period", "2021-Q3",
                 "--value", "13"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "status", "--plan", "1", "--period", "2021年三季度", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["period"] == "2021Q3"
    assert set(data["counts"]) == {"已完成", "序时推进", "滞后", "未填报"}
    assert sum(data["counts"].values()) == 8
    task_two = next(t for t in data["task_status"] if t["task_id"] == 2)
    # 7 reported in the first half of 2021 by the demo data, 13 more now: the year's 20 are reached.
    assert task_two["status"] == "已完成" and task_two["completion"] == pytest.approx(1.0)
    assert "完成 20" in task_two["explanation"]
    assert {"task_id", "office", "status", "completion"} <= set(data["tasks"][0])
    assert any(o["office"] == OFFICE for o in data["offices"])
    assert isinstance(data["lagging"], list)


def test_status_verb_refuses_a_bad_period_with_exit_1(tmp_path, capsys):
    from main import main

    db = str(tmp_path / "demo.sqlite3")
    main(["--db", db, "demo"])
    capsys.readouterr()
    assert main(["--db", db, "status", "--plan", "1", "--period", "明年"]) == 1
    err = capsys.readouterr().err
    assert "明年" in err and "Traceback" not in err


def test_a_report_typed_over_an_older_revision_is_refused_naming_who_changed_it_and_when(demo_store, hengshui):
    first, _ = submit_report(demo_store, hengshui, report(hengshui, reporter="张三"), based_on=0)
    # Another clerk, still looking at no report at all, saves theirs: refused, not stacked on top unseen.
    with pytest.raises(StaleWriteError) as refused:
        submit_report(demo_store, hengshui, report(hengshui, value=9.0), based_on=0)
    message = str(refused.value)
    assert "张三" in message and first.reported_at.replace("T", " ") in message and "第 1 版" in message
    history = report_history(demo_store.conn, hengshui.tasks[0].id, OFFICE, "2021Q3")
    assert [(r.revision, r.value) for r in history] == [(1, 3.0)]
    # Looking at revision 1, the change goes through as revision 2.
    second, added = submit_report(demo_store, hengshui, report(hengshui, value=9.0), based_on=1)
    assert added and second.revision == 2
