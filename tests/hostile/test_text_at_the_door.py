"""Text that would break later work is stopped at the door.

Characters XML cannot hold (C0 controls other than tab and line breaks, U+FFFE, U+FFFF,
other noncharacters, lone surrogates) are stripped where text comes in — import, typing,
collect — and again by every writer, so that a database that already holds them (written
by an older version) still gives well-formed workbooks and a PDF.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl.utils import get_column_letter

from planner.documents import build_report
from planner.documents.data import ReportKind, ReportRequest
from planner.domain.model import Report
from planner.domain.period_status import evaluate_plan
from planner.domain.periods import parse_period
from planner.exchange import collect
from planner.exchange import form_layout as L
from planner.exchange.export import export_plan
from planner.exchange.fill_in import make_forms
from planner.exchange.reminder_list import write_reminder_list
from planner.offices.edit import rename_office
from planner.plans.importing import import_file
from planner.plans.structure import add_section, create_plan, rename_section, update_plan
from planner.plans.task_edit import edit_task_text, set_offices, set_target
from planner.progress.entry import submit_report
from planner.store import open_store
from planner.store.progress_queries import report_facts
from planner.store.queries import load_plan
from tests.conftest import TEST_ACTOR
from tests.hostile.forms import PERIOD, plan_with_forms, returned
from tests.reports.helpers import page_texts, rendered_page

pytestmark = pytest.mark.hostile

# U+FFFE and U+FFFF make a workbook's XML ill-formed; the others are controls and a noncharacter
# of another plane. None of them may be stored or written.
UNSAFE = ("\ufffe", "\uffff", "\x01", "\x1b", "\x7f", "\U0001fffe")
HEADER = "序号,重点任务,2021年,牵头单位,配合单位"


def dirty(text: str) -> str:
    """`text` with one of each unsafe character after each of its first characters."""
    return "".join(char + (UNSAFE[index] if index < len(UNSAFE) else "") for index, char in enumerate(text))


def assert_clean(text: str) -> None:
    assert not any(char in text for char in UNSAFE), repr(text)
    assert not any(0xD800 <= ord(char) <= 0xDFFF for char in text), repr(text)


def _csv(path: Path, *rows: str, encoding: str = "utf-8") -> Path:
    path.write_text("\n".join((HEADER, *rows)) + "\n", encoding=encoding)
    return path


def _import_clean_plan(store, folder: Path) -> int:
    path = _csv(folder / "plan.csv", "1,建设社区养老服务站,新增10个,市民政局,市财政局",
                "2,培训养老护理员,培训500人次,市人社局,")
    return import_file(store, path).plan_id


def test_an_imported_cell_loses_the_characters_xml_cannot_hold(store, tmp_path):
    path = _csv(tmp_path / "非字符.csv", f"1,{dirty('建设社区养老服务站')},{dirty('新增10个')},{dirty('市民政局')},"
                                        f"{dirty('市财政局')}")
    plan = load_plan(store.conn, import_file(store, path).plan_id)
    task, = plan.tasks
    assert (task.name, task.lead, task.co) == ("建设社区养老服务站", ["市民政局"], ["市财政局"])
    target, = task.targets
    assert (target.text, target.value) == ("新增10个", 10)
    assert store.conn.execute("SELECT count(*) FROM offices WHERE name = '市民政局'").fetchone()[0] == 1


def test_typed_texts_lose_the_characters_xml_cannot_hold(store, tmp_path):
    plan_id = _import_clean_plan(store, tmp_path)
    task_id = load_plan(store.conn, plan_id).tasks[0].id
    surrogate = "\ud83d"  # half of an emoji, as broken clipboard data hands it over
    edit_task_text(store, task_id, "name", dirty("新建养老服务站") + surrogate)
    edit_task_text(store, task_id, "content", dirty("每个街道一个"))
    set_target(store, task_id, "2021", dirty("新增12个"))
    set_offices(store, task_id, [dirty("市民政局")], [dirty("市住建局")])
    office_id = store.conn.execute("SELECT id FROM offices WHERE name = '市财政局'").fetchone()[0]
    rename_office(store, office_id, dirty("市财政厅") + surrogate)
    new_plan = create_plan(store, dirty("新的计划"), 2021, 2021, doc_no=dirty("衡政办字〔2021〕1号"))
    update_plan(store, new_plan, {"issuer": dirty("市政府办公室")})
    section = add_section(store, new_plan, dirty("一、设施建设"))
    rename_section(store, section, dirty("一、养老设施建设") + surrogate)
    plan = load_plan(store.conn, plan_id)
    submit_report(store, plan, Report(task_id=task_id, office="市民政局", period="2021Q1", value=3,
                                      narrative=dirty("进展顺利") + surrogate, problems=dirty("资金不足"),
                                      next_steps=dirty("加快推进")))
    task = load_plan(store.conn, plan_id).tasks[0]
    assert (task.name, task.content, task.lead, task.co) == ("新建养老服务站", "每个街道一个", ["市民政局"],
                                                            ["市住建局"])
    assert (task.targets[0].text, task.targets[0].value) == ("新增12个", 12)
    names = {row[0] for row in store.conn.execute("SELECT name FROM offices")}
    assert "市财政厅" in names
    row = store.conn.execute("SELECT title, doc_no, issuer FROM plans WHERE id = ?", (new_plan,)).fetchone()
    assert tuple(row) == ("新的计划", "衡政办字〔2021〕1号", "市政府办公室")
    assert store.conn.execute("SELECT title FROM sections WHERE id = ?", (section,)).fetchone()[0] == "一、养老设施建设"
    report = store.conn.execute("SELECT narrative, problems, next_steps FROM reports").fetchone()
    assert tuple(report) == ("进展顺利", "资金不足", "加快推进")


def test_a_collected_return_loses_the_characters_xml_cannot_hold(tmp_path):
    db = tmp_path / "planner.sqlite3"
    paths = plan_with_forms(db, tmp_path)
    columns = {field: get_column_letter(column) for column, field in L.TEXT_COLUMNS.items()}

    def type_texts(workbook) -> None:
        sheet = workbook[L.SHEET_TITLE]
        sheet[f"{columns['narrative']}{L.FIRST_ROW}"] = "进展\ufffe顺利\uffff"
        sheet[f"{columns['problems']}{L.FIRST_ROW}"] = "资金\U0001fffe不足"
        sheet[f"{get_column_letter(L.REPORTER)}{L.INFO_ROW}"] = "张\ufffe三"

    path = returned(paths["市民政局"], tmp_path / "returned.xlsx", type_texts)
    with open_store(db, TEST_ACTOR) as store:
        result, = collect.collect_files(store, [path], collect.CollectScope(period=PERIOD))
        assert result.outcome == collect.ACCEPTED, result.message
        stored = store.conn.execute("SELECT narrative, problems, reporter FROM reports").fetchone()
    assert tuple(stored) == ("进展顺利", "资金不足", "张三")


def _xml_members(path: Path) -> list[str]:
    """The name of every XML member of a workbook, each parsed (ParseError if one is not well-formed)."""
    with zipfile.ZipFile(path) as archive:
        names = [name for name in archive.namelist() if name.endswith((".xml", ".rels"))]
        for name in names:
            ElementTree.fromstring(archive.read(name))
    return names


@pytest.fixture
def old_database(tmp_path) -> tuple[Path, int]:
    """A database as an older version left it: the characters in every text a writer shows."""
    db = tmp_path / "old.sqlite3"
    with open_store(db, TEST_ACTOR) as store:
        plan_id = _import_clean_plan(store, tmp_path)
        plan = load_plan(store.conn, plan_id)
        for task in plan.tasks:
            office = task.lead[0]
            submit_report(store, plan, Report(task_id=task.id, office=office, period="2021Q1", value=1,
                                              narrative="进展", problems="问题", next_steps="打算"))
        add_section(store, plan_id, "一、设施建设")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE plans SET title = ?, doc_no = ?", (dirty("养老服务计划"), dirty("文号")))
        conn.execute("UPDATE sections SET title = ?", (dirty("一、设施建设"),))
        conn.execute("UPDATE tasks SET name = ? || id, content = ?, indicator = ?, baseline = ?, note = ?",
                     (dirty("建设养老服务站"), dirty("内容"), dirty("指标"), dirty("现状"), dirty("备注")))
        conn.execute("UPDATE targets SET text = ?", (dirty("新增10个"),))
        conn.execute("UPDATE offices SET name = ? WHERE name = '市财政局'", (dirty("市财政局"),))
        conn.execute("UPDATE reports SET narrative = ?, problems = ?, next_steps = ?, reporter = ?",
                     (dirty("进展顺利"), dirty("资金不足"), dirty("加快推进"), dirty("张三")))
    conn.close()
    return db, plan_id


def test_every_writer_strips_them_from_an_older_database(old_database, tmp_path):
    db, plan_id = old_database
    out = tmp_path / "out"
    out.mkdir()
    with open_store(db, TEST_ACTOR) as store:
        workbooks = [export_plan(store.conn, plan_id, out / "导出.xlsx", "2021Q1").path]
        csv_path = export_plan(store.conn, plan_id, out / "导出.csv", "2021Q1").path
        forms = make_forms(store, plan_id, "2021Q1", out / "forms")
        workbooks += [form.path for form in forms]
        plan = load_plan(store.conn, plan_id)
        period = parse_period("2021Q2")
        status = evaluate_plan(plan, report_facts(store.conn, plan_id, period), period)
        workbooks.append(write_reminder_list(out / "催报名单.xlsx", plan, status))
        office = "市民政局"
        pdfs = [build_report(store.conn, ReportRequest(kind, plan_id, "2021Q1", office=office if kind is
                                                       ReportKind.OFFICE else None), out / f"{kind.value}.pdf").path
                for kind in ReportKind]
    assert len(forms) == 3
    for workbook in workbooks:
        assert "xl/worksheets/sheet1.xml" in _xml_members(workbook), workbook.name
    text = csv_path.read_text(encoding="utf-8-sig")
    assert "建设养老服务站" in text and "进展顺利" in text
    assert_clean(text)
    for pdf in pdfs:
        pages = page_texts(pdf)
        assert pages, pdf.name
        assert_clean("".join(pages))
    assert "养老服务计划" in "".join(page_texts(pdfs[0]))


FORMULA_CHARACTERS = ("=", "+", "-", "@")


def test_no_field_of_the_csv_export_starts_a_formula_whatever_it_is_split_on(store, tmp_path):
    plan_id = _import_clean_plan(store, tmp_path)
    first, second = load_plan(store.conn, plan_id).tasks
    edit_task_text(store, first.id, "name", "社区站;=HYPERLINK(\"http://x\")")
    edit_task_text(store, first.id, "content", "每个街道\t@SUM(1+1)")
    edit_task_text(store, first.id, "indicator", "床位,-2+3")
    edit_task_text(store, second.id, "name", '护理员"培训"; +1')
    edit_task_text(store, second.id, "note", "备注\n=1+1\n-列表")
    plan = load_plan(store.conn, plan_id)
    submit_report(store, plan, Report(task_id=first.id, office="市民政局", period="2021Q1", value=3,
                                      narrative="完成;=cmd|' /C calc'!A0", problems="无\r\n@x"))
    path = export_plan(store.conn, plan_id, tmp_path / "导出.csv", "2021Q1").path
    text = path.read_text(encoding="utf-8-sig")
    for delimiter in (",", ";", "\t"):
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            for field in row:
                assert not field.lstrip().startswith(FORMULA_CHARACTERS), (delimiter, field)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    named = {row[header.index("重点工作")]: row for row in rows[1:]}
    assert set(named) == {"社区站;'=HYPERLINK(\"http://x\")", '护理员"培训"; \'+1'}
    assert named["社区站;'=HYPERLINK(\"http://x\")"][header.index("具体指标")] == "床位,'-2+3"


def _clean_twin(db: Path, folder: Path) -> Path:
    """A copy of the older database with the characters taken out of every text by hand."""
    twin = folder / "twin.sqlite3"
    source, target = sqlite3.connect(db), sqlite3.connect(twin)
    source.backup(target)
    source.close()
    with target:
        for table, columns in (("plans", ("title", "doc_no")), ("sections", ("title",)),
                               ("tasks", ("name", "content", "indicator", "baseline", "note")),
                               ("targets", ("text",)), ("offices", ("name",)),
                               ("reports", ("narrative", "problems", "next_steps", "reporter"))):
            for column in columns:
                for rowid, text in target.execute(f"SELECT rowid, {column} FROM {table}").fetchall():
                    if isinstance(text, str):
                        clean = "".join(char for char in text if char not in UNSAFE)
                        target.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (clean, rowid))
    target.close()
    return twin


def test_the_pdf_reports_look_as_if_the_characters_were_never_there(old_database, tmp_path):
    db, plan_id = old_database
    twin = _clean_twin(db, tmp_path)
    for kind in (ReportKind.TARGETS, ReportKind.QUARTERLY):
        pages = []
        for source in (db, twin):
            out = tmp_path / f"{kind.value}-{source.stem}.pdf"
            with open_store(source, TEST_ACTOR) as store:
                build_report(store.conn, ReportRequest(kind, plan_id, "2021Q1", issued_on=date(2021, 4, 10)), out)
            pages.append([rendered_page(out, page) for page in range(len(page_texts(out)))])
        dirty_pages, clean_pages = pages
        assert len(dirty_pages) == len(clean_pages)
        for dirty_page, clean_page in zip(dirty_pages, clean_pages):
            assert (dirty_page == clean_page).all(), kind


def test_a_form_made_from_an_older_database_comes_back_and_is_collected(old_database, tmp_path):
    db, plan_id = old_database
    with open_store(db, TEST_ACTOR) as store:
        form, = make_forms(store, plan_id, "2021Q2", tmp_path / "forms", offices=["市民政局"])
    path = returned(form.path, tmp_path / "returned.xlsx")
    with open_store(db, TEST_ACTOR) as store:
        result, = collect.collect_files(store, [path], collect.CollectScope(period="2021Q2"))
        assert result.outcome == collect.ACCEPTED, result.message
        assert store.conn.execute("SELECT count(*) FROM reports WHERE period = '2021Q2'").fetchone()[0] == 1
