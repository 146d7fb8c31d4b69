"""Collecting returned forms: the round trip, every refusal, the same file twice, a later return."""

from __future__ import annotations

import openpyxl
import pytest

from planner.domain.model import Status
from planner.exchange import form_layout as L
from planner.exchange.collect import (
    ACCEPTED,
    ANOTHER_OFFICE,
    ANOTHER_PERIOD,
    ANOTHER_PLAN,
    EMPTY,
    NOT_RESPONSIBLE,
    PLAN_CHANGED,
    REFUSED,
    SUPERSEDED,
    UNCHANGED,
    CollectScope,
    collect_file,
    collect_files,
)
from planner.exchange.fill_in import make_forms
from planner.exchange.fill_in_read import CHECKSUM, FORMAT_VERSION, INVALID_VALUE, LOCKED_CELLS, NOT_A_FORM, UNREADABLE
from planner.store import open_store
from planner.store.queries import current_reports, report_history

from .forms import NARRATIVE, NEXT_STEPS, PROBLEMS, STATUS, VALUE, add_plan, fill_form, small_plan, snapshot

pytestmark = pytest.mark.both_backends  # the store on an SQLite file and on a PostgreSQL server

TYPED = {
    "1": {VALUE: 150, NARRATIVE: "新建城南养老院，新增床位150张。", PROBLEMS: "用地指标紧张",
          NEXT_STEPS: "推进城北项目"},
    "2": {VALUE: 35.5, NARRATIVE: "护理型床位改造持续推进。"},
    "4": {STATUS: "滞后", PROBLEMS: "条例草案尚在征求意见"},
}


@pytest.fixture
def issued(store, tmp_path):
    """The plan and the 2021Q2 forms issued to its offices."""
    plan = add_plan(store)
    made = make_forms(store, plan.id, "2021Q2", tmp_path / "issued")
    return plan, {form.office: form.path for form in made}


def _reports(store, plan, office="市民政局", period="2021Q2"):
    seq = {t.id: t.seq for t in plan.tasks}
    return {seq[r.task_id]: r for r in current_reports(store.conn, plan.id, period) if r.office == office}


def test_round_trip_stores_what_the_office_typed(store, issued, tmp_path):
    plan, forms = issued
    returned = fill_form(forms["市民政局"], tmp_path / "back.xlsx", TYPED, reporter="王科长")
    result = collect_file(store, returned)
    assert (result.outcome, result.reports, result.office, result.period) == (ACCEPTED, 3, "市民政局", "2021Q2")
    assert "收到 3 条填报" in result.message
    stored = _reports(store, plan)
    assert set(stored) == {"1", "2", "4"}
    assert (stored["1"].value, stored["1"].narrative, stored["1"].problems, stored["1"].next_steps) == (
        150, "新建城南养老院，新增床位150张。", "用地指标紧张", "推进城北项目")
    assert (stored["2"].value, stored["2"].narrative) == (35.5, "护理型床位改造持续推进。")
    assert (stored["4"].value, stored["4"].status, stored["4"].problems) == (None, Status.BEHIND,
                                                                             "条例草案尚在征求意见")
    assert {r.source for r in stored.values()} == {"workbook"}
    assert {r.source_hash for r in stored.values()} == {result.sha256}
    assert {r.reporter for r in stored.values()} == {"王科长"}


def test_the_same_file_twice_changes_nothing(store, tmp_db, issued, tmp_path):
    _plan, forms = issued
    returned = fill_form(forms["市民政局"], tmp_path / "back.xlsx", TYPED)
    assert collect_file(store, returned).outcome == ACCEPTED
    before = snapshot(store)
    again = collect_file(store, returned)
    assert again.outcome == UNCHANGED and "收集过" in again.message
    assert snapshot(store) == before


def test_a_return_saying_nothing_new_changes_nothing(store, tmp_db, issued, tmp_path):
    _plan, forms = issued
    assert collect_file(store, fill_form(forms["市民政局"], tmp_path / "a.xlsx", TYPED)).outcome == ACCEPTED
    before = snapshot(store)
    same_content = fill_form(forms["市民政局"], tmp_path / "b.xlsx", TYPED, reporter="另一位")  # other bytes
    result = collect_file(store, same_content)
    assert result.outcome == UNCHANGED and "相同" in result.message
    assert snapshot(store) == before


def test_a_later_return_becomes_a_new_revision_and_the_old_one_is_kept(store, issued, tmp_path):
    plan, forms = issued
    first = collect_file(store, fill_form(forms["市民政局"], tmp_path / "first.xlsx", TYPED))
    corrected = dict(TYPED, **{"1": {**TYPED["1"], VALUE: 180}})
    later = collect_file(store, fill_form(forms["市民政局"], tmp_path / "later.xlsx", corrected))
    assert (later.outcome, later.reports, later.superseded) == (SUPERSEDED, 1, 1)
    assert "取代" in later.message and "2 条与已有内容相同" in later.message
    task = next(t for t in plan.tasks if t.seq == "1")
    history = report_history(store.conn, task.id, "市民政局", "2021Q2")
    assert [(r.revision, r.value, r.source_hash) for r in history] == [(1, 150, first.sha256),
                                                                       (2, 180, later.sha256)]
    audit = store.conn.execute("SELECT note FROM audit WHERE table_name = 'reports' AND action = 'insert'"
                               " ORDER BY id").fetchall()
    assert [row[0] for row in audit][-1] == "收集填报表“later.xlsx”"
    assert sum(1 for row in audit if row[0] == "收集填报表“first.xlsx”") == 3


def test_a_batch_goes_on_after_a_refused_file(store, issued, tmp_path):
    plan, forms = issued
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(b"%PDF-1.7 not a workbook")
    good = fill_form(forms["市财政局"], tmp_path / "财政.xlsx", {"1": {NARRATIVE: "资金已拨付"}})
    results = collect_files(store, [broken, good])
    assert [r.outcome for r in results] == [REFUSED, ACCEPTED]
    assert "坏文件.xlsx" in results[0].message
    assert _reports(store, plan, "市财政局")["1"].narrative == "资金已拨付"


def _edit(path, target, change) -> None:
    workbook = openpyxl.load_workbook(path)
    change(workbook)
    workbook.save(target)


def _hidden_value(workbook, key, value) -> None:
    for row in workbook[L.IDENTITY_SHEET].iter_rows():
        if row[0].value == key:
            row[1].value = value
            row[1].data_type = "s"


REFUSALS = {
    "locked_task_name": (LOCKED_CELLS, lambda wb: wb[L.SHEET_TITLE].cell(L.FIRST_ROW + 1, L.NAME).__setattr__(
        "value", "改过的任务名"), "B8（原为“新增养老床位”，现为“改过的任务名”）"),
    "locked_office": (LOCKED_CELLS, lambda wb: wb[L.SHEET_TITLE].__setitem__("A3", "填报单位：市财政局"), "A3"),
    "checksum": (CHECKSUM, lambda wb: _hidden_value(wb, "office", "市财政局"), "校验码"),
    "format_version": (FORMAT_VERSION, lambda wb: _hidden_value(wb, "format_version", "7"), "版本为“7”"),
    "not_a_form": (NOT_A_FORM, lambda wb: wb.remove(wb[L.IDENTITY_SHEET]), "不是本程序生成的填报表"),
    "value_not_a_number": (INVALID_VALUE, lambda wb: wb[L.SHEET_TITLE].__setitem__("H8", "十二张"),
                           "第8行H列（完成数值）：“十二张”不是数字"),
    "negative_value": (INVALID_VALUE, lambda wb: wb[L.SHEET_TITLE].__setitem__("H8", -3),
                       "第8行H列（完成数值）：完成数值不能为负数"),
    "unknown_status": (INVALID_VALUE, lambda wb: wb[L.SHEET_TITLE].__setitem__("I8", "差不多"), "第8行I列（状态）"),
    "text_too_long": (INVALID_VALUE, lambda wb: wb[L.SHEET_TITLE].__setitem__("K8", "字" * 4001),
                      "第8行K列（进展情况）：有 4001 字"),
}


@pytest.mark.parametrize("kind", list(REFUSALS))
def test_each_refusal_names_the_reason_and_changes_nothing(store, tmp_db, issued, tmp_path, kind):
    _plan, forms = issued
    reason, change, words = REFUSALS[kind]
    filled = fill_form(forms["市民政局"], tmp_path / "filled.xlsx", TYPED)
    target = tmp_path / f"{kind}.xlsx"
    _edit(filled, target, change)
    before = snapshot(store)
    result = collect_file(store, target)
    assert (result.outcome, result.reason) == (REFUSED, reason)
    assert f"{kind}.xlsx" in result.message and words in result.message
    assert snapshot(store) == before


def test_one_bad_cell_refuses_the_whole_file(store, tmp_db, issued, tmp_path):
    _plan, forms = issued
    rows = dict(TYPED, **{"5": {VALUE: "约二十人"}})
    before = snapshot(store)
    result = collect_file(store, fill_form(forms["市民政局"], tmp_path / "one_bad.xlsx", rows))
    assert result.reason == INVALID_VALUE and "H列" in result.message and "整份文件未收集" in result.message
    assert snapshot(store) == before


@pytest.mark.parametrize("damage", ["truncated", "pdf"])
def test_unreadable_files_are_refused_with_the_file_name(store, issued, tmp_path, damage):
    _plan, forms = issued
    target = tmp_path / "收到的表.xlsx"
    data = forms["市民政局"].read_bytes()
    target.write_bytes(data[: len(data) // 2] if damage == "truncated" else b"%PDF-1.4\n")
    result = collect_file(store, target)
    assert result.outcome == REFUSED and result.reason in (UNREADABLE, NOT_A_FORM)
    assert "收到的表.xlsx" in result.message


def test_a_blank_return_is_refused(store, issued):
    _plan, forms = issued
    result = collect_file(store, forms["市民政局"])
    assert (result.reason, result.office) == (EMPTY, "市民政局")


def test_another_plan_office_or_period_than_the_one_being_collected(store, issued, tmp_path):
    plan, forms = issued
    returned = fill_form(forms["市民政局"], tmp_path / "back.xlsx", TYPED)
    other = add_plan(store, small_plan("另一个计划"))
    cases = [(CollectScope(plan_id=other.id), ANOTHER_PLAN, "另一个计划", "第2行A列"),
             (CollectScope(period="2021Q3"), ANOTHER_PERIOD, "2021年第三季度", "第3行G列"),
             (CollectScope(office="市财政局"), ANOTHER_OFFICE, "发给“市民政局”", "第3行A列")]
    for scope, reason, words, cell in cases:
        result = collect_file(store, returned, scope)
        assert (result.reason, words in result.message) == (reason, True), result.message
        # The file, and the cell of the form that shows what it was made for.
        assert "back.xlsx" in result.message and f"（见工作表“填报表”{cell}）" in result.message, result.message
    assert collect_file(store, returned, CollectScope(plan.id, "2021年第二季度", "市民政局")).outcome == ACCEPTED


def test_a_form_from_another_database_is_refused_as_another_plan(store, tmp_path):
    with open_store(tmp_path / "other.sqlite3") as other:
        plan = add_plan(other, small_plan("别处的计划"))
        form = make_forms(other, plan.id, "2021Q2", tmp_path / "other", ["市民政局"])[0].path
    add_plan(store)  # plan 1 here too, but not the same plan
    result = collect_file(store, fill_form(form, tmp_path / "back.xlsx", TYPED))
    assert result.reason == ANOTHER_PLAN and "别处的计划" in result.message


def test_a_task_taken_from_the_office_or_deleted_since_the_form_was_issued(store, tmp_db, issued, tmp_path):
    plan, forms = issued
    returned = fill_form(forms["市财政局"], tmp_path / "back.xlsx", {"1": {NARRATIVE: "资金已拨付"}})
    task = next(t for t in plan.tasks if t.seq == "1")
    with store.transaction() as writer:
        link = writer.conn.execute("SELECT l.id FROM task_offices l JOIN offices o ON o.id = l.office_id"
                                   " WHERE l.task_id = ? AND o.name = '市财政局'", (task.id,)).fetchone()[0]
        writer.delete("task_offices", link)
    result = collect_file(store, returned)
    assert result.reason == NOT_RESPONSIBLE and "第8行" in result.message and "市财政局" in result.message
    with store.transaction() as writer:
        writer.delete("tasks", task.id)
    before = snapshot(store)
    result = collect_file(store, returned)
    assert result.reason == PLAN_CHANGED and "已从计划中删除" in result.message
    assert snapshot(store) == before


def test_a_returned_report_accepts_the_same_figures_again(store, issued, tmp_path):
    from planner.progress.entry import review_report

    plan, forms = issued
    assert collect_file(store, fill_form(forms["市民政局"], tmp_path / "a.xlsx", TYPED)).outcome == ACCEPTED
    report = _reports(store, plan)["1"]
    review_report(store, report.id, "returned", "请补充佐证材料")
    result = collect_file(store, fill_form(forms["市民政局"], tmp_path / "b.xlsx", TYPED, reporter="再报"))
    assert (result.outcome, result.reports) == (SUPERSEDED, 1)
    assert _reports(store, plan)["1"].review == "submitted"


def test_a_dropped_file_can_be_told_apart_from_a_table_to_import(issued, tmp_path):
    from planner.exchange.fill_in_read import looks_like_fill_in

    _plan, forms = issued
    table = openpyxl.Workbook()
    table.active.append(["序号", "重点工作", "2021年"])
    table.save(tmp_path / "附件1.xlsx")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    assert looks_like_fill_in(forms["市民政局"])
    assert not looks_like_fill_in(tmp_path / "附件1.xlsx") and not looks_like_fill_in(broken)
