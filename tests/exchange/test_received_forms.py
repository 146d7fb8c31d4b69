"""The reporting office's planner: open a received form, fill in on screen, write it back, and it is collected."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from planner.domain.errors import InputError
from planner.domain.model import Report, Status
from planner.exchange import form_layout as L
from planner.exchange.collect import ACCEPTED, collect_file
from planner.exchange.fill_in import make_forms
from planner.exchange.fill_in_read import read_fill_in
from planner.exchange.received_forms import open_fill_in, write_back
from planner.progress.entry import submit_report
from planner.store import Actor, open_store
from planner.store.queries import current_reports, list_plans, load_plan

from .forms import NARRATIVE, STATUS, VALUE, add_plan, fill_form, snapshot, task_rows


@pytest.fixture
def office_db(tmp_path):
    with open_store(tmp_path / "office.sqlite3", Actor(person="李科员", office="市民政局")) as opened:
        yield opened


@pytest.fixture
def issued(store, tmp_path):
    plan = add_plan(store)
    made = make_forms(store, plan.id, "2021Q2", tmp_path / "issued")
    return plan, {form.office: form.path for form in made}


def _received(issued, tmp_path, office="市民政局"):
    _plan, forms = issued
    target = tmp_path / "inbox" / forms[office].name
    target.parent.mkdir(exist_ok=True)
    shutil.copy(forms[office], target)
    return target


def test_opening_creates_the_plan_with_the_offices_tasks_and_targets(office_db, issued, tmp_path):
    plan_id, office, period = open_fill_in(office_db, _received(issued, tmp_path))
    assert (office, period) == ("市民政局", "2021Q2")
    local = load_plan(office_db.conn, plan_id)
    assert local.title == "测试市养老服务体系建设实施方案" and (local.first_year, local.last_year) == (2021, 2022)
    assert [(t.seq, t.name) for t in local.tasks] == [("1", "新增养老床位"), ("2", "护理型床位占比"),
                                                     ("3", "养老床位总数"), ("4", "出台养老服务条例"),
                                                     ("5", "培训养老护理员")]
    assert [s.title for s in local.sections] == ["一、设施建设", "二、人才培养"]
    first, fifth = local.tasks[0], local.tasks[4]
    assert first.lead == ["市民政局"] and fifth.co == ["市民政局"]
    target = first.plan_target("2021")
    assert (target.text, target.value, target.unit, target.kind) == ("400张", 400, "张", "increment")


def test_opening_again_matches_instead_of_duplicating(office_db, issued, tmp_path):
    received = _received(issued, tmp_path)
    plan_id, _office, _period = open_fill_in(office_db, received)
    before = snapshot(office_db.path)
    assert open_fill_in(office_db, received)[0] == plan_id
    assert snapshot(office_db.path)["tasks"] == before["tasks"]
    assert len(list_plans(office_db.conn)) == 1


def test_the_next_quarters_form_matches_the_same_local_tasks(store, office_db, issued, tmp_path):
    plan, _forms = issued
    plan_id, _office, _period = open_fill_in(office_db, _received(issued, tmp_path))
    task_ids = [t.id for t in load_plan(office_db.conn, plan_id).tasks]
    next_quarter = make_forms(store, plan.id, "2021Q3", tmp_path / "q3", ["市民政局"])[0].path
    assert open_fill_in(office_db, next_quarter) == (plan_id, "市民政局", "2021Q3")
    assert [t.id for t in load_plan(office_db.conn, plan_id).tasks] == task_ids


def test_a_share_office_gets_its_own_target(office_db, issued, tmp_path):
    plan_id, office, _period = open_fill_in(office_db, _received(issued, tmp_path, "道里区"))
    task = load_plan(office_db.conn, plan_id).tasks[0]
    own = task.targets_for("2021", "道里区")
    assert office == "道里区" and own and (own[0].value, own[0].kind) == (400, "cumulative")


def test_what_was_typed_in_excel_comes_in_as_reports(office_db, issued, tmp_path):
    typed = fill_form(_received(issued, tmp_path), tmp_path / "typed.xlsx", {"1": {VALUE: 90, NARRATIVE: "在建"}})
    plan_id, office, period = open_fill_in(office_db, typed)
    reports = current_reports(office_db.conn, plan_id, period)
    assert [(r.value, r.narrative, r.office) for r in reports] == [(90, "在建", "市民政局")]


def test_fill_in_on_screen_write_back_and_the_coordinator_collects_it(store, office_db, issued, tmp_path):
    plan, forms = issued
    received = _received(issued, tmp_path)
    plan_id, office, period = open_fill_in(office_db, received)
    local = load_plan(office_db.conn, plan_id)
    submit_report(office_db, local, Report(task_id=local.tasks[0].id, office=office, period=period, value=210,
                                           narrative="=城南养老院投入使用", problems="用地紧张"))
    submit_report(office_db, local, Report(task_id=local.tasks[3].id, office=office, period=period,
                                           status=Status.ON_TRACK, next_steps="提交审议"))
    written = write_back(office_db, plan_id, office, period, received)
    assert (written.path, written.reports) == (received, 2)
    back = read_fill_in(received)
    assert back.spec == read_fill_in(forms["市民政局"]).spec  # the same identity and locked part
    assert back.reporter == "李科员"
    sheet = openpyxl.load_workbook(received)[L.SHEET_TITLE]
    row = task_rows(sheet)["1"]
    assert (sheet[f"{VALUE}{row}"].value, sheet[f"{NARRATIVE}{row}"].value) == (210, "=城南养老院投入使用")
    assert sheet[f"{NARRATIVE}{row}"].data_type == "s"
    assert sheet[f"{STATUS}{task_rows(sheet)['4']}"].value == "序时推进"

    result = collect_file(store, received)
    assert (result.outcome, result.reports) == (ACCEPTED, 2)
    seq = {t.id: t.seq for t in plan.tasks}
    stored = {seq[r.task_id]: r for r in current_reports(store.conn, plan.id, "2021Q2")}
    assert (stored["1"].value, stored["1"].narrative, stored["1"].problems) == (210, "=城南养老院投入使用", "用地紧张")
    assert (stored["4"].status, stored["4"].next_steps) == (Status.ON_TRACK, "提交审议")


def test_write_back_needs_the_received_form_for_a_plan_that_came_from_one(office_db, issued, tmp_path):
    plan_id, office, period = open_fill_in(office_db, _received(issued, tmp_path))
    with pytest.raises(InputError, match="原文件"):
        write_back(office_db, plan_id, office, period, tmp_path / "new.xlsx")
    other = _received(issued, tmp_path, "市财政局")
    with pytest.raises(InputError, match="市财政局"):
        write_back(office_db, plan_id, office, period, tmp_path / "new.xlsx", received=other)
    assert not (tmp_path / "new.xlsx").exists()


def test_the_coordinators_own_database_writes_a_fresh_form(store, issued, tmp_path):
    plan, _forms = issued
    task = next(t for t in plan.tasks if t.seq == "5")
    submit_report(store, load_plan(store.conn, plan.id), Report(task_id=task.id, office="市民政局", period="2021Q2",
                                                                value=60))
    written = write_back(store, plan.id, "市民政局", "2021Q2", tmp_path / "own.xlsx")
    assert written.reports == 1
    assert [(e.task_id, e.value) for e in read_fill_in(written.path).entries] == [(task.id, 60)]


def test_a_damaged_received_form_is_refused_and_nothing_is_created(office_db, issued, tmp_path):
    received = _received(issued, tmp_path)
    workbook = openpyxl.load_workbook(received)
    workbook[L.SHEET_TITLE]["B8"] = "改名"
    workbook.save(received)
    before = snapshot(office_db.path)
    with pytest.raises(InputError, match="B8"):
        open_fill_in(office_db, received)
    assert snapshot(office_db.path) == before
