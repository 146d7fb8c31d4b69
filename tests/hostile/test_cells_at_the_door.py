"""Cells that used to come in wrong without a word: a UTF-32 CSV, a NUL byte deep in a CSV, numbers that
are not finite, a stray quote, a cell longer than Excel allows, and a file without a single task row.

Each is now read right, or read with a warning that names the cell (file, sheet, row, column), or
refused with a message naming the file and nothing written.
"""

from __future__ import annotations

import random
import time

import pytest

from planner.domain.errors import InputError
from planner.plans.importing import import_file, preview_import
from planner.store import open_store
from planner.store.queries import load_plan
from tests.conftest import TEST_ACTOR
from tests.hostile import packages as P
from tests.hostile.child import run_main
from tests.sheets.builders import db_snapshot

pytestmark = pytest.mark.hostile

HEADER = "序号,重点任务,2021年,牵头单位"
EXCEL_CELL_CHARS = 32_767


def _rows(count: int) -> list[str]:
    return [f"{number},建设第{number}个养老服务站,新增{number}个,市民政局" for number in range(1, count + 1)]


def _issue_at(preview, cell: str, *words: str):
    """The warning about `cell`, which must name the sheet and say each of `words`."""
    found = [issue for issue in preview.issues if issue.cell == cell]
    assert found, [str(issue) for issue in preview.issues]
    assert all(word in str(found[0]) for word in words), str(found[0])
    assert preview.sheet in str(found[0])
    return found[0]


@pytest.mark.parametrize("encoding, bom", [("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff")])
def test_a_utf32_csv_with_its_bom_is_read_as_utf32(tmp_path, encoding, bom):
    path = tmp_path / "四字节.csv"
    path.write_bytes(bom + "\n".join([HEADER, *_rows(3)]).encode(encoding))
    preview = preview_import(path)
    assert [task.name for task in preview.plan.tasks] == ["建设第1个养老服务站", "建设第2个养老服务站",
                                                          "建设第3个养老服务站"]
    assert {office for task in preview.plan.tasks for office in task.lead} == {"市民政局"}
    assert preview.workbook.encoding == "utf-32"


def test_a_utf32_csv_without_a_bom_is_read_as_utf32(tmp_path):
    path = tmp_path / "无标记.csv"
    path.write_bytes("\n".join([HEADER, *_rows(3)]).encode("utf-32-be"))
    preview = preview_import(path)
    assert [task.lead for task in preview.plan.tasks] == [["市民政局"]] * 3
    assert preview.workbook.encoding == "utf-32-be"


def test_a_nul_byte_past_the_first_8_kb_is_removed_like_any_control_character(tmp_path):
    path = tmp_path / "尾部.csv"
    text = "\n".join([HEADER, *_rows(300), "301,尾部\x00任务,新增1个,市民政局\x00"]) + "\n"
    assert text.index("\x00") > 8192
    path.write_text(text, encoding="utf-8")
    tasks = preview_import(path).plan.tasks
    assert (tasks[-1].name, tasks[-1].lead) == ("尾部任务", ["市民政局"])


def test_an_xlsx_number_beyond_any_float_is_blank_with_a_warning(tmp_path):
    task = '<row r="2"><c r="A2"><v>1e99999</v></c>' + "".join(
        P.text_cell(f"{P.column_letters(c)}2", value) for c, value in enumerate(P.TASK) if c) + "</row>"
    path = P.write_package(tmp_path / "无穷.xlsx", P.sheet_xml(P.table_rows([P.HEADER]) + task))
    preview = preview_import(path)
    assert preview.plan.tasks[0].seq not in ("inf", "nan")
    assert preview.plan.tasks[0].name == P.TASK_NAME
    _issue_at(preview, "A2", "数值")


def test_ods_numbers_that_are_not_finite_are_blank_with_warnings(tmp_path):
    cell = '<table:table-cell office:value-type="float" office:value="{}"><text:p>{}</text:p></table:table-cell>'
    text = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    cells = cell.format("nan", "nan") + text.format(P.TASK_NAME) + cell.format("1e400", "1e400") + text.format(P.LEAD)
    preview = preview_import(P.ods_package(tmp_path / "非数.ods", cells))
    task, = preview.plan.tasks
    assert task.seq not in ("inf", "nan")
    assert all(target.text not in ("inf", "nan") for target in task.targets)
    _issue_at(preview, "A2", "数值")
    _issue_at(preview, "C2", "数值")


def test_a_stray_opening_quote_is_warned_about_at_its_cell(tmp_path):
    rows = _rows(40)
    rows[1] = '2,"建设第2个养老服务站,新增2个,市民政局'
    path = tmp_path / "引号.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    preview = preview_import(path)
    _issue_at(preview, "B3", "引号")


def test_a_file_without_task_rows_is_refused_and_no_plan_is_created(tmp_path):
    db = tmp_path / "planner.sqlite3"
    with open_store(db, TEST_ACTOR):
        pass
    before = db_snapshot(db)
    path = tmp_path / "只有表头.csv"
    path.write_text(HEADER + "\n", encoding="utf-8")
    assert not preview_import(path).plan.tasks  # the preview shows there is nothing, and says so
    with open_store(db, TEST_ACTOR) as store, pytest.raises(InputError) as refused:
        import_file(store, path)
    assert "只有表头.csv" in str(refused.value) and "第1行" in str(refused.value)
    run = run_main("--db", str(db), "import", str(path))
    assert run.code == 1, run.describe()
    assert "只有表头.csv" in run.err and "任务" in run.err and "Traceback" not in run.err
    assert db_snapshot(db)[0] == before[0]


def test_an_overlong_target_cell_is_cut_to_what_excel_holds_with_a_warning(tmp_path, store):
    rng = random.Random(10)
    alphabet = "养老服务床位新增建设培训人次社区居家照料中心站0123456789个张,、其中:区;"
    target = "".join(rng.choice(alphabet) for _ in range(1_000_000))
    path = P.write_package(tmp_path / "长目标.xlsx", P.sheet_xml(P.table_rows([P.HEADER, [
        "1", P.TASK_NAME, target, P.LEAD]])))
    started = time.perf_counter()
    preview = preview_import(path)
    seconds = time.perf_counter() - started
    _issue_at(preview, "C2", str(EXCEL_CELL_CHARS))
    plan_id = import_file(store, path).plan_id
    stored, = load_plan(store.conn, plan_id).tasks[0].targets
    assert len(stored.text) <= EXCEL_CELL_CHARS
    assert stored.text == target[:len(stored.text)]
    assert seconds < 5, f"reading and parsing the cell took {seconds:.1f} s"
