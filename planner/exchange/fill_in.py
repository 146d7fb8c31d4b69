"""Writing fill-in workbooks (填报表): one per office and period, laid out like the appendix.

The visible sheet shows the office's tasks with their targets, and only the input
cells (完成数值, 状态, 进展情况, 存在问题, 下步打算 and 填报人) are unlocked; drop-downs and
validation keep typing sensible in Excel, WPS and LibreOffice, and a status light
column follows the figure as it is typed. A very-hidden sheet carries the spec
(plan, office, period, task ids) as text with a checksum and the issuing database's
signature, which is what lets a returned file be recognised and checked (see
`fill_in_read`).

openpyxl (write-only mode) lays out the heading, styles, merged cells, validation
and page set-up; the table rows and the hidden sheet are streamed in as XML text
(`xlsx_stream`), which is what lets two hundred offices' forms be written in a few
seconds.
"""

from __future__ import annotations

import io
import math
import os
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from planner.domain.errors import InputError
from planner.domain.model import STATUS_COLOURS
from planner.domain.periods import parse_period
from planner.exchange import form_layout as L
from planner.exchange import safe_cells as cells
from planner.exchange.fill_in_spec import (
    FORMAT_NAME,
    FORMAT_VERSION,
    ROW_FIELDS,
    FormRow,
    FormSpec,
    build_specs,
    identity_items,
    row_table,
)
from planner.exchange.form_layout import FormEntry
from planner.exchange.form_light import light_formula
from planner.exchange.paper import set_up_printing
from planner.exchange.xlsx_stream import Formula, RowWriter, insert_rows, sheet_part
from planner.progress.entry import TEXT_LIMIT
from planner.store import Store
from planner.store.queries import load_plan
from planner.system.atomic_save import check_writable, save_atomically
from planner.system.file_names import distinct_names, fitted_name, safe_stem
from planner.system.output_guard import check_output, check_output_folder, os_reason, shown

POINTS_PER_LINE = 13.5
MIN_TASK_ROW_POINTS = 54  # room to type three lines without resizing the row
MAX_ROW_POINTS = 409

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class MadeForm:
    office: str
    path: Path
    tasks: int


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _lines(text: str, width: float) -> int:
    return sum(max(1, math.ceil(_display_width(line) / max(width - 1, 1))) for line in text.split("\n"))


def _row_height(texts: Mapping[int, str], minimum: float) -> float:
    lines = max((_lines(text, L.COLUMN_WIDTHS[column]) for column, text in texts.items() if text), default=1)
    return min(MAX_ROW_POINTS, max(minimum, lines * POINTS_PER_LINE + 4))


class _Styles:
    """The heading's styles (openpyxl cells) and the body's style ids (rows written as XML text)."""

    def __init__(self, sheet):
        make, ident = cells.make_style, lambda style: cells.style_id(sheet, style)
        self.title = make(sheet, size=16, bold=True, border=None, alignment=cells.WRAP_CENTRE)
        self.line = make(sheet, size=11, border=None, alignment=cells.LEFT_CENTRE)
        self.label = make(sheet, size=11, border=None, alignment=cells.RIGHT_CENTRE)
        self.note = make(sheet, italic=True, colour="555555", border=None, alignment=cells.LEFT_CENTRE)
        self.header = make(sheet, bold=True, fill=cells.HEADER_FILL, alignment=cells.WRAP_CENTRE)
        self.reporter = make(sheet, size=11, fill=cells.INPUT_FILL, protection=cells.UNLOCKED,
                             alignment=cells.LEFT_CENTRE)
        self.section = ident(make(sheet, bold=True, alignment=cells.LEFT_CENTRE))
        self.body = ident(make(sheet))
        self.centred = ident(make(sheet, alignment=cells.WRAP_CENTRE))
        self.guide = ident(make(sheet, colour="555555"))
        # The texts' cells keep what is typed as text: a spreadsheet program turns "2024年3月" or "3-4" typed in
        # a General cell into a date, which then reads back as 2024-03-01.
        self.input = ident(make(sheet, fill=cells.INPUT_FILL, protection=cells.UNLOCKED, number_format="@"))
        self.input_centred = ident(make(sheet, fill=cells.INPUT_FILL, protection=cells.UNLOCKED,
                                        alignment=cells.WRAP_CENTRE))
        self.light = ident(make(sheet, bold=True, alignment=cells.WRAP_CENTRE))


def _set_up_sheet(sheet, spec: FormSpec, end: int) -> None:
    for column, width in L.COLUMN_WIDTHS.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    for first_row, first_column, last_row, last_column in L.merged_ranges(spec):
        sheet.merged_cells.add(f"{get_column_letter(first_column)}{first_row}:"
                               f"{get_column_letter(last_column)}{last_row}")
    sheet.freeze_panes = f"A{L.FIRST_ROW}"
    widths = [L.COLUMN_WIDTHS[column] for column in range(1, L.LAST_COLUMN + 1)]
    set_up_printing(sheet, widths, cells.BODY_SIZE, f"{L.HEADER_TOP}:{L.HEADER_BOTTOM}", repeated_columns=L.NAME)
    # Users may resize rows and columns to read long text; everything else locked stays locked.
    sheet.protection.sheet = True
    sheet.protection.formatRows = False
    sheet.protection.formatColumns = False
    _add_validation(sheet, end)
    _add_lights(sheet, end)


def _add_validation(sheet, end: int) -> None:
    def rows(column: int) -> str:
        letter = get_column_letter(column)
        return f"{letter}{L.FIRST_ROW}:{letter}{max(end, L.FIRST_ROW)}"

    number = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                            showErrorMessage=True, showInputMessage=True, errorTitle="完成数值",
                            error="请填写不小于 0 的数字，不带单位。", promptTitle="完成数值",
                            prompt="只填数字，不带单位；口径见“填报说明”。")
    number.add(rows(L.VALUE))
    status = DataValidation(type="list", formula1='"' + ",".join(L.STATUS_CHOICES) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="状态", error="请从下拉列表中选择状态。")
    status.add(rows(L.STATUS))
    text = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(TEXT_LIMIT),
                          allow_blank=True, showErrorMessage=True, errorTitle="文字过长",
                          error=f"每格不超过 {TEXT_LIMIT} 字。")
    for column in L.TEXT_COLUMNS:
        text.add(rows(column))
    reporter = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(L.REPORTER_LIMIT),
                              allow_blank=True, showErrorMessage=True, errorTitle="填报人",
                              error=f"填报人不超过 {L.REPORTER_LIMIT} 字。")
    reporter.add(f"{get_column_letter(L.REPORTER)}{L.INFO_ROW}")
    for validation in (number, status, text, reporter):
        sheet.data_validations.append(validation)


def _add_lights(sheet, end: int) -> None:
    letter = get_column_letter(L.LIGHT)
    target = f"{letter}{L.FIRST_ROW}:{letter}{max(end, L.FIRST_ROW)}"
    for status, colour in STATUS_COLOURS.items():
        fill = PatternFill("solid", fgColor=colour.lstrip("#"), bgColor=colour.lstrip("#"))
        sheet.conditional_formatting.add(target, CellIsRule(operator="equal", formula=[f'"{status.value}"'],
                                                            fill=fill, font=Font(color="FFFFFF", bold=True)))


def _heading_rows(sheet, spec: FormSpec, styles: _Styles, reporter: str) -> list[list]:
    heading = L.heading_cells(spec)
    width = L.LAST_COLUMN

    def line(row: int, style) -> list:
        return [cells.text(sheet, heading[(row, 1)], style)] + [None] * (width - 1)

    info: list = [None] * width
    info[0] = cells.text(sheet, heading[(L.INFO_ROW, 1)], styles.line)
    info[L.GUIDE - 1] = cells.text(sheet, heading[(L.INFO_ROW, L.GUIDE)], styles.line)
    info[L.REPORTER_LABEL - 1] = cells.text(sheet, heading[(L.INFO_ROW, L.REPORTER_LABEL)], styles.label)
    info[L.REPORTER - 1] = cells.text(sheet, reporter, styles.reporter)
    info[L.REPORTER] = cells.blank(sheet, styles.reporter)
    top = [cells.text(sheet, heading[(L.HEADER_TOP, c)], styles.header) if (L.HEADER_TOP, c) in heading
           else cells.blank(sheet, styles.header) for c in range(1, width + 1)]
    bottom = [cells.text(sheet, heading[(L.HEADER_BOTTOM, c)], styles.header) if (L.HEADER_BOTTOM, c) in heading
              else cells.blank(sheet, styles.header) for c in range(1, width + 1)]
    return [line(L.TITLE_ROW, styles.title), line(L.PLAN_ROW, styles.line), info, line(L.NOTE_ROW, styles.note),
            top, bottom]


def _task_cells(row: FormRow, number: int, styles: _Styles, entry: FormEntry | None,
                expected: float) -> list[tuple[object, int]]:
    entry = entry or FormEntry(task_id=row.task_id or 0)
    return [
        (row.seq, styles.centred), (row.name, styles.body), (row.indicator, styles.body),
        (row.baseline, styles.centred), (L.target_display(row), styles.centred), (row.role, styles.centred),
        (row.guide, styles.guide), (entry.value, styles.input_centred),
        (entry.status.value if entry.status else None, styles.input_centred),
        (Formula(light_formula(row, number, expected)[1:]), styles.light),
        (entry.narrative, styles.input), (entry.problems, styles.input), (entry.next_steps, styles.input),
    ]


def _body(spec: FormSpec, styles: _Styles, entries: Mapping[int, FormEntry]) -> Iterator[str]:
    writer = RowWriter(L.LAST_COLUMN)
    expected = parse_period(spec.period).expected_share
    body = L.row_cells(spec)
    for offset, row in enumerate(spec.rows):
        number = L.FIRST_ROW + offset
        if row.kind == "section":
            yield writer.row(number, 20, [(row.name, styles.section)] + [(None, styles.section)] * (L.LAST_COLUMN - 1))
            continue
        texts = {column: body[(number, column)] for column in (L.NAME, L.INDICATOR, L.BASELINE, L.TARGET, L.GUIDE)}
        entry = entries.get(row.task_id) if row.task_id is not None else None
        if entry is not None:
            texts.update({L.NARRATIVE: entry.narrative, L.PROBLEMS: entry.problems, L.NEXT_STEPS: entry.next_steps})
        yield writer.row(number, _row_height(texts, MIN_TASK_ROW_POINTS),
                         _task_cells(row, number, styles, entry, expected))


def _identity_rows(spec: FormSpec) -> Iterator[str]:
    """The hidden sheet: the identity as key/value pairs, then the rows' table, all as text."""
    writer = RowWriter(len(ROW_FIELDS))
    pairs = [("format", FORMAT_NAME), ("format_version", str(FORMAT_VERSION)), *identity_items(spec),
             ("checksum", spec.checksum), ("signature", spec.signature)]
    number = 0
    for number, (key, value) in enumerate(pairs, start=1):
        yield writer.row(number, None, [(key, 0), (value, 0)])
    yield writer.row(number + 2, None, [("rows", 0)])
    yield writer.row(number + 3, None, [(name, 0) for name in ROW_FIELDS])
    for offset, values in enumerate(row_table(spec), start=number + 4):
        yield writer.row(offset, None, [(value, 0) for value in values])


def write_fill_in(spec: FormSpec, path: str | Path, entries: Mapping[int, FormEntry] | None = None,
                  reporter: str = "") -> Path:
    """Write the fill-in workbook of `spec` to `path`, with `entries` (by task id) already filled in.

    The file is written beside `path` and then moved into place, so a failure (the
    old file open in WPS, a full disk) leaves an earlier file intact; the OSError
    reaches the caller.
    """
    path = Path(path)
    entries = entries or {}
    workbook = Workbook(write_only=True)
    workbook.security = WorkbookProtection(lockStructure=True)
    sheet = workbook.create_sheet(L.SHEET_TITLE)
    hidden = workbook.create_sheet(L.IDENTITY_SHEET)
    hidden.sheet_state = "veryHidden"
    styles = _Styles(sheet)
    for row, height in ((L.TITLE_ROW, 48), (L.PLAN_ROW, 20), (L.INFO_ROW, 20), (L.NOTE_ROW, 44),
                        (L.HEADER_TOP, 20), (L.HEADER_BOTTOM, 20)):
        sheet.row_dimensions[row].height = height
    _set_up_sheet(sheet, spec, L.last_row(spec))
    for values in _heading_rows(sheet, spec, styles, reporter):
        sheet.append(values)

    def write(temporary: str) -> None:
        layout = io.BytesIO()
        workbook.save(layout)
        insert_rows(layout, Path(temporary), {sheet_part(1): _body(spec, styles, entries),
                                        sheet_part(2): _identity_rows(spec)})

    save_atomically(path, write)
    return path


def _name_ending(spec: FormSpec) -> str:
    return f"_{parse_period(spec.period).label}填报表.xlsx"


def form_file_name(spec: FormSpec) -> str:
    """The office and the period, shortened to what a file system takes (see `planner.system.file_names`)."""
    return fitted_name(safe_stem(spec.office, "单位"), _name_ending(spec))


def _batch_targets(specs: list[FormSpec], folder: Path) -> list[Path]:
    """Each form's file, checked before any is written: distinct, none over the database or its backups,
    none taken by a folder or a device, and the folder takes new files."""
    if not specs:
        return []
    names = distinct_names([(safe_stem(spec.office, "单位"), spec.office) for spec in specs], _name_ending(specs[0]))
    targets = [folder / name for name in names]
    real = [os.path.normcase(check_output(target)) for target in targets]
    if len(set(real)) < len(real):
        raise InputError(f"不能写入“{shown(folder)}”：有两个单位的填报表会写到同一个文件，请检查单位名称。")
    check_writable(folder)
    return targets


def make_forms(store: Store, plan_id: int, period: str, folder: str | Path, offices: list[str] | None = None,
               progress: Progress | None = None) -> list[MadeForm]:
    """Write one fill-in workbook per office into `folder`; every office of the year's tasks when `offices` is None.

    An earlier form of the same office and period in the folder is replaced.
    """
    folder = Path(folder)
    plan = load_plan(store.conn, plan_id)
    specs = build_specs(store.conn, plan, period, offices)
    check_output_folder(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"无法创建文件夹“{shown(folder)}”：{os_reason(exc)}") from None
    targets = _batch_targets(specs, folder)
    made = []
    for done, (spec, target) in enumerate(zip(specs, targets)):
        if progress is not None:
            progress(done, len(specs))
        try:
            write_fill_in(spec, target)
        except OSError as exc:
            raise InputError(f"无法写入填报表“{target}”：{exc.strerror or exc}") from None
        made.append(MadeForm(spec.office, target, len(spec.task_rows)))
    if progress is not None:
        progress(len(specs), len(specs))
    return made
