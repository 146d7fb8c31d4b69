"""Workbooks on paper: no printed text under 9 pt, header rows (and, across pages, the first columns) on every
page, A4 landscape; the CSV file opens with its Chinese intact.

The printed size is worked out from each sheet's own page setup as LibreOffice works it out: a fitted sheet is
scaled to the printable width over its columns, a column width unit being one digit of the default font, 7.0 pt
where LibreOffice falls back to DejaVu Sans for the missing Calibri (as on this machine; with Calibri, as in
Excel and WPS, it is 5.25 pt and the scale only larger). Then LibreOffice prints a fill-in form and an export and
the smallest type in its PDF is read back.
"""

from __future__ import annotations

import math
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from openpyxl.utils import column_index_from_string, get_column_letter

from planner.domain.model import Plan, Section, Task
from planner.domain.period_status import evaluate_plan
from planner.domain.periods import parse_period
from planner.domain.target_building import make_target
from planner.exchange.export import export_plan
from planner.exchange.fill_in import make_forms
from planner.exchange.reminder_list import write_reminder_list
from planner.store.plans import insert_plan
from planner.store.progress_queries import report_facts
from planner.store.queries import list_plans, load_plan
from tests.reports.wording_plan import add_wording_plan

A4_LANDSCAPE = 841.89  # points
LIBREOFFICE_UNIT = 7.0  # points a column width unit takes in LibreOffice without Calibri or Carlito
SMALLEST_PRINTED = 9.0
FOOTER_ROOM = 18.0  # points: an 11 pt page number and its line spacing
LIBREOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def plan_id(store, key: str) -> int:
    return next(p.id for p in list_plans(store.conn) if p.key == key)


def five_year_plan(store) -> int:
    """Five target years and 重点内容: the widest export a plan makes."""
    plan = Plan(title="五年规划测试", first_year=2021, last_year=2025, sections=[Section(title="一、设施", key="a")])
    for number in range(1, 31):
        task = Task(name=f"第{number}项重点工作", seq=str(number), section_key="a", content="具体内容" * 10,
                    indicator="新增养老床位500张", lead=["市民政局"], co=["市财政局"])
        task.targets = [make_target(str(year), f"新增{100 + number}张") for year in range(2021, 2026)]
        plan.tasks.append(task)
    with store.transaction() as writer:
        return insert_plan(writer, plan, "测试")


def printed_sizes(path: Path) -> list[tuple[str, float, float]]:
    """(sheet, smallest font on it, the scale it prints at) for each visible sheet, checking that every page
    across fits the paper and repeats the header rows (and the first columns when there is more than one)."""
    found = []
    for sheet in openpyxl.load_workbook(path).worksheets:
        if sheet.sheet_state != "visible":
            continue
        setup = sheet.page_setup
        assert setup.orientation == "landscape" and int(setup.paperSize) == 9, sheet.title  # A4
        assert sheet.print_title_rows, sheet.title
        # The page number needs a line's height between its own margin and the bottom margin (LibreOffice's footer).
        assert (sheet.page_margins.bottom - sheet.page_margins.footer) * 72 >= FOOTER_ROOM, sheet.title
        widths = [sheet.column_dimensions[get_column_letter(c)].width for c in range(1, sheet.max_column + 1)]
        printable = A4_LANDSCAPE - (sheet.page_margins.left + sheet.page_margins.right) * 72
        if sheet.sheet_properties.pageSetUpPr.fitToPage:
            assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
            scale = min(1.0, math.floor(printable / (sum(widths) * LIBREOFFICE_UNIT) * 100) / 100)
            parts = [widths]
        else:
            scale = setup.scale / 100
            repeated = column_index_from_string(sheet.print_title_cols.split(":")[1].strip("$"))
            edges = [0, *(brk.id for brk in sheet.col_breaks.brk), len(widths)]
            assert len(edges) > 2, f"{sheet.title}: too wide to fit, yet no page break across"
            parts = [widths[:repeated] + widths[max(start, repeated):end] for start, end in zip(edges, edges[1:])]
        for part in parts:
            assert sum(part) * LIBREOFFICE_UNIT * scale <= printable + 0.5, (sheet.title, part)
        sizes = [cell.font.sz for row in sheet.iter_rows() for cell in row if cell.value not in (None, "")]
        found.append((sheet.title, min(sizes), scale))
    return found


def test_every_workbook_prints_its_smallest_text_at_9_pt_or_more(demo_store, tmp_path):
    hengshui, harbin = plan_id(demo_store, "hengshui"), plan_id(demo_store, "harbin")
    generated, wide = add_wording_plan(demo_store), five_year_plan(demo_store)
    books = [form.path for form in make_forms(demo_store, hengshui, "2021Q2", tmp_path / "forms")]
    books += [form.path for form in make_forms(demo_store, harbin, "2015Q4", tmp_path / "harbin")[:3]]
    books += [form.path for form in make_forms(demo_store, generated, "2021Q2", tmp_path / "generated")[:2]]
    books += [export_plan(demo_store.conn, number, tmp_path / f"export-{number}.xlsx", period).path
              for number, period in ((hengshui, "2021Q2"), (harbin, "2015Q4"), (generated, "2021Q2"), (wide, None))]
    plan = load_plan(demo_store.conn, hengshui)
    period = parse_period("2021Q2")
    status = evaluate_plan(plan, report_facts(demo_store.conn, hengshui, period), period)
    books.append(write_reminder_list(tmp_path / "催报名单.xlsx", plan, status))
    measured = {str(path.relative_to(tmp_path)): printed_sizes(path) for path in books}
    small = {name: [(sheet, font, scale) for sheet, font, scale in sheets if font * scale < SMALLEST_PRINTED]
             for name, sheets in measured.items()}
    assert not {name: found for name, found in small.items() if found}
    fitted = [scale for sheets in measured.values() for _sheet, _font, scale in sheets]
    assert min(fitted) >= 0.9 and len(measured) == len(books)


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui):"
                                                " the printed type size is not read back from its PDF")
def test_libreoffice_prints_a_fill_in_form_and_an_export_at_9_pt_or_more(demo_store, tmp_path):
    number = plan_id(demo_store, "hengshui")
    form = make_forms(demo_store, number, "2021Q2", tmp_path / "forms", ["市民政局"])[0].path
    export = export_plan(demo_store.conn, number, tmp_path / "export.xlsx", "2021Q2").path
    for path in (form, export):
        pdf = _convert(path, "pdf", tmp_path / "pdf")
        smallest, pages = _smallest_type(pdf)
        assert smallest >= SMALLEST_PRINTED - 0.05, f"{path.name}: {smallest:.1f} pt"
        assert pages >= 1


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui):"
                                                " the printed page numbers are not looked at")
def test_libreoffice_prints_the_page_number_of_an_export_whole(demo_store, tmp_path):
    export = export_plan(demo_store.conn, plan_id(demo_store, "hengshui"), tmp_path / "export.xlsx", "2021Q2").path
    pdf = _convert(export, "pdf", tmp_path / "pdf")
    inked, drawn = _page_number_heights(pdf)
    assert drawn > 5 and inked >= 0.85 * drawn, f"the page number shows {inked:.1f} of its {drawn:.1f} pt"


def _page_number_heights(pdf: Path) -> tuple[float, float]:
    """On the first page: how tall the page number's glyphs are, and how much of that height is inked on paper
    (a footer too small for its line is cut off by the program that prints it)."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[0]
        text = page.get_textpage()
        boxes = [text.get_charbox(i, loose=False) for i in range(text.count_chars())
                 if chr(pdfium_c.FPDFText_GetUnicode(text, i)) in "第页共"]
        boxes = [box for box in boxes if box[3] < 0.15 * page.get_height()]  # near the foot of the page
        assert boxes, "no page number at the foot of the page"
        bottom, top = min(b[1] for b in boxes), max(b[3] for b in boxes)
        left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
        scale = 4.0
        grey = page.render(scale=scale).to_pil().convert("L")
        height = page.get_height()
        rows = range(int((height - top) * scale) - 2, int((height - bottom) * scale) + 3)
        inked = [y for y in rows if any(grey.getpixel((x, y)) < 128
                                        for x in range(int(left * scale), int(right * scale)))]
        return len(inked) / scale, top - bottom
    finally:
        document.close()


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui):"
                                                " the CSV file is not opened in it")
def test_the_csv_file_opens_in_libreoffice_as_utf_8(demo_store, tmp_path):
    path = export_plan(demo_store.conn, plan_id(demo_store, "hengshui"), tmp_path / "export.csv", "2021Q2").path
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel and WPS read as UTF-8
    # What the README tells LibreOffice users to choose in the 文本导入 dialog: 字符集 Unicode (UTF-8), comma.
    converted = _convert(path, "xlsx", tmp_path / "csv", infilter="CSV:44,34,76")
    header = next(openpyxl.load_workbook(converted).active.iter_rows(max_row=1, values_only=True))
    assert header[:3] == ("分组", "序号", "重点工作")


def _convert(path: Path, to: str, out_dir: Path, infilter: str | None = None) -> Path:
    profile = out_dir / "profile"
    command = [LIBREOFFICE, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless"]
    if infilter:
        command.append(f"--infilter={infilter}")
    result = subprocess.run([*command, "--convert-to", to, "--outdir", str(out_dir), str(path)],
                            capture_output=True, text=True, timeout=240)
    converted = out_dir / f"{path.stem}.{to}"
    assert result.returncode == 0 and converted.exists(), result.stdout + result.stderr
    return converted


def _smallest_type(pdf: Path) -> tuple[float, int]:
    """The smallest font size of any printed character, and the number of pages."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        sizes = []
        for page in document:
            text = page.get_textpage()
            sizes += [pdfium_c.FPDFText_GetFontSize(text, index) for index in range(text.count_chars())
                      if not chr(pdfium_c.FPDFText_GetUnicode(text, index)).isspace()]
        return min(sizes), len(document)
    finally:
        document.close()
