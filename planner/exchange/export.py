"""Exporting a plan with its targets and progress: a workbook that prints like the appendix, or CSV.

The workbook is streamed (openpyxl write-only mode) with styles prepared once,
so a 100,000-task plan is written several times faster than through a pandas
DataFrame. Every text cell is written as text (see `safe_cells`); the CSV file
is UTF-8 with a byte-order mark, which is what makes Excel read it as UTF-8, a
field holding a separator (comma, semicolon, tab), a quote or a line break is
quoted, and a formula start at the beginning of a field or after any separator
or line break inside it is preceded by an apostrophe, so that no locale's way of
splitting the line makes a formula of it.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from planner.domain.errors import InputError
from planner.domain.model import STATUS_COLOURS
from planner.domain.percentages import COMPLETION_PLACES, NUMBER_FORMATS, completion_text
from planner.domain.safe_text import safe_text
from planner.exchange import safe_cells as cells
from planner.exchange.export_table import CENTRED, NUMBER, PERCENT, STATUS, ExportTable, build_export
from planner.exchange.paper import set_up_printing
from planner.exchange.xlsx_stream import RowWriter, insert_rows, sheet_part
from planner.system.atomic_save import ready_to_write, save_atomically

SHEET_TITLE = "目标任务及进展"
TITLE_ROW, SUBTITLE_ROW, HEADER_TOP, HEADER_BOTTOM = 1, 2, 3, 4
FIRST_ROW = 5
POINTS_PER_LINE = 13.5
MAX_ROW_POINTS = 409
PROGRESS_EVERY = 2000  # rows between progress reports
REPEATED_COLUMNS = 2  # 序号 and 重点工作, printed on every page across

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str  # "xlsx" or "csv"
    tasks: int
    period: str | None


def _header_ranges(table: ExportTable) -> tuple[list[tuple[int, int, str]], list[int]]:
    """Groups as (first column, last column, header) and the columns whose header spans both rows (1-based)."""
    groups: list[tuple[int, int, str]] = []
    single: list[int] = []
    for number, column in enumerate(table.columns, start=1):
        if column.group is None:
            single.append(number)
        elif groups and groups[-1][2] == column.group and groups[-1][1] == number - 1:
            groups[-1] = (groups[-1][0], number, column.group)
        else:
            groups.append((number, number, column.group))
    return groups, single


def _row_height(values: list, wrapped: list[tuple[int, float]]) -> float:
    """Points for a row whose text columns (index, width) wrap; openpyxl cannot measure text, so estimate."""
    lines = 1
    for index, width in wrapped:
        value = values[index]
        if not isinstance(value, str):
            continue
        if len(value) * 2 > width:
            # Counted as if every character were a wide one: a little room to spare beats clipped text.
            count = sum(max(1, math.ceil(len(part) * 2 / max(width - 1, 1))) for part in value.split("\n"))
            lines = max(lines, count)
        elif "\n" in value:
            lines = max(lines, value.count("\n") + 1)
    return min(MAX_ROW_POINTS, lines * POINTS_PER_LINE + 4)


@dataclass(frozen=True)
class _Styles:
    """The heading's cell styles, and the style ids of the body, which is streamed as XML text."""

    title: StyleArray
    subtitle: StyleArray
    header: StyleArray
    section: int
    columns: list[int]  # by column
    lights: dict[str, int]  # by status value


def _styles(sheet: WriteOnlyWorksheet, table: ExportTable) -> _Styles:
    body = cells.make_style(sheet)
    by_kind = {CENTRED: cells.make_style(sheet, alignment=cells.WRAP_CENTRE),
               NUMBER: cells.make_style(sheet, alignment=cells.WRAP_CENTRE, number_format="General"),
               PERCENT: cells.make_style(sheet, alignment=cells.WRAP_CENTRE,
                                         number_format=NUMBER_FORMATS[COMPLETION_PLACES])}
    return _Styles(
        title=cells.make_style(sheet, size=16, bold=True, border=None, alignment=cells.WRAP_CENTRE),
        subtitle=cells.make_style(sheet, border=None, alignment=cells.LEFT_CENTRE),
        header=cells.make_style(sheet, bold=True, fill=cells.HEADER_FILL, alignment=cells.WRAP_CENTRE),
        section=cells.style_id(sheet, cells.make_style(sheet, bold=True, alignment=cells.LEFT_CENTRE)),
        columns=[cells.style_id(sheet, by_kind.get(column.kind, body)) for column in table.columns],
        lights={status.value: cells.style_id(sheet, cells.make_style(
            sheet, bold=True, colour="FFFFFF", alignment=cells.WRAP_CENTRE,
            fill=PatternFill("solid", fgColor=colour.lstrip("#")))) for status, colour in STATUS_COLOURS.items()},
    )


def _heading(sheet: WriteOnlyWorksheet, table: ExportTable, styles: _Styles, first_page_columns: int) -> None:
    """Title and subtitle across the columns of the first page across (all of them when the table fits one)."""
    last = len(table.columns)
    groups, single = _header_ranges(table)
    letter = get_column_letter
    top = letter(first_page_columns)
    ranges = [f"A{TITLE_ROW}:{top}{TITLE_ROW}", f"A{SUBTITLE_ROW}:{top}{SUBTITLE_ROW}"]
    ranges += [f"{letter(c)}{HEADER_TOP}:{letter(c)}{HEADER_BOTTOM}" for c in single]
    ranges += [f"{letter(first)}{HEADER_TOP}:{letter(end)}{HEADER_TOP}" for first, end, _h in groups if end > first]
    ranges += [f"A{FIRST_ROW + offset}:{letter(last)}{FIRST_ROW + offset}"
               for offset, (kind, _values) in enumerate(table.rows) if kind == "section"]
    for merged in ranges:
        sheet.merged_cells.add(merged)
    sheet.row_dimensions[TITLE_ROW].height = 36
    sheet.row_dimensions[SUBTITLE_ROW].height = 20
    header = styles.header
    exported = datetime.now().strftime("%Y-%m-%d %H:%M")
    sheet.append([cells.text(sheet, table.title, styles.title)])
    sheet.append([cells.text(sheet, f"{table.subtitle}    导出时间：{exported}", styles.subtitle)])
    top = [cells.blank(sheet, header) for _ in range(last)]
    bottom = [cells.blank(sheet, header) for _ in range(last)]
    for number in single:
        top[number - 1] = cells.text(sheet, table.columns[number - 1].header, header)
    for first, _end, group in groups:
        top[first - 1] = cells.text(sheet, group, header)
    for number, column in enumerate(table.columns, start=1):
        if column.group is not None:
            bottom[number - 1] = cells.text(sheet, column.header, header)
    sheet.append(top)
    sheet.append(bottom)


def _body(table: ExportTable, styles: _Styles, progress: Progress | None) -> Iterator[str]:
    writer = RowWriter(len(table.columns))
    wrapped = [(index, column.width) for index, column in enumerate(table.columns)
               if column.kind not in (NUMBER, PERCENT, STATUS)]
    section, columns, lights = styles.section, styles.columns, styles.lights
    status_at = [number for number, column in enumerate(table.columns) if column.kind == STATUS]
    blank_section = [(None, section)] * (len(table.columns) - 1)
    total = len(table.rows)
    for offset, (kind, values) in enumerate(table.rows):
        if progress is not None and offset % PROGRESS_EVERY == 0:
            progress(offset, total)
        number = FIRST_ROW + offset
        if kind == "section":
            yield writer.row(number, 20, [(values[0], section), *blank_section])
            continue
        styled = list(zip(values, columns))
        for index in status_at:
            styled[index] = (values[index], lights.get(values[index], columns[index]))
        yield writer.row(number, _row_height(values, wrapped), styled)
    if progress is not None:
        progress(total, total)


def write_export_xlsx(table: ExportTable, path: str | Path, progress: Progress | None = None) -> Path:
    """Write `table` as a formatted workbook; the file appears only once complete."""
    path = Path(path)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    for number, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    # Wider than a page at a readable size: it runs on to pages across, 序号 and 重点工作 repeated on each.
    printing = set_up_printing(sheet, [column.width for column in table.columns], cells.BODY_SIZE,
                               f"{HEADER_TOP}:{HEADER_BOTTOM}", repeated_columns=REPEATED_COLUMNS,
                               groups=[column.group for column in table.columns])
    sheet.freeze_panes = f"C{FIRST_ROW}"
    styles = _styles(sheet, table)
    _heading(sheet, table, styles, printing.breaks[0] if printing.breaks else len(table.columns))

    def write(temporary: str) -> None:
        layout = io.BytesIO()
        workbook.save(layout)
        insert_rows(layout, Path(temporary), {sheet_part(1): _body(table, styles, progress)})

    save_atomically(path, write)
    return path


# Any of these in a field makes it quoted: the comma, and the separators Excel and WPS use in locales that
# split on a semicolon or a tab, the quote itself and line breaks.
_CSV_QUOTED_RE = re.compile('[,;\t"\r\n]')
# A formula start after a separator or line break (spaces between allowed): a program that splits the line
# there without honouring the quotes would start a field with it.
_CSV_FORMULA_RE = re.compile("(?<=[,;\t\r\n])([ \u3000]*)(?=[=+\\-@])")


def csv_text(value: str) -> str:
    """A text field as the CSV export writes it: no formula start anywhere a field could begin, quoted where
    it holds a separator, a quote or a line break."""
    if value.isprintable() and not _CSV_QUOTED_RE.search(value):
        # Most fields: no separator, so a formula could start only at the very beginning.
        return "'" + value if cells.looks_like_formula(value.lstrip(" ")) else value
    value = safe_text(value.replace("\r\n", "\n"))
    # Excel runs a cell of a CSV file that starts like a formula; the apostrophe keeps it text.
    if cells.looks_like_formula(value.lstrip(" \u3000")):
        value = "'" + value
    value = _CSV_FORMULA_RE.sub("\\1'", value)
    return f'"{value.replace(chr(34), chr(34) * 2)}"' if _CSV_QUOTED_RE.search(value) else value


def _csv_value(value: object, kind: str) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""  # a figure an older version let in, overflowed: shown as blank, as in the workbook
    if kind == PERCENT and isinstance(value, (int, float)):
        return completion_text(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return repr(value)
    return csv_text(str(value))


def write_export_csv(table: ExportTable, path: str | Path) -> Path:
    """Write `table` as CSV (UTF-8 with BOM): one header row, sections as a column of their own."""
    path = Path(path)
    headers = ["分组"] + [f"{c.group}/{c.header}" if c.group else c.header for c in table.columns]
    kinds = [column.kind for column in table.columns]

    def write(temporary: str) -> None:
        with open(temporary, "w", encoding="utf-8-sig", newline="") as stream:
            stream.write(",".join(csv_text(header) for header in headers) + "\r\n")
            section = ""
            for kind, values in table.rows:
                if kind == "section":
                    section = values[0]
                    continue
                fields = [_csv_value(section, "text")] + [_csv_value(value, k) for value, k in zip(values, kinds)]
                stream.write(",".join(fields) + "\r\n")

    save_atomically(path, write)
    return path


def export_plan(conn, plan_id: int, path: str | Path, period: str | None = None,
                progress: Progress | None = None) -> ExportResult:
    """Export the plan to `path`: .xlsx for a formatted workbook, .csv for plain data."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InputError(f"无法导出为“{path.name}”：文件名应以 .xlsx 或 .csv 结尾。")
    if not path.parent.is_dir():
        raise InputError(f"导出位置“{path.parent}”不存在。")
    ready_to_write(path)  # never over the database or its backups, never a device or a folder
    table = build_export(conn, plan_id, period)
    try:
        if suffix == ".csv":
            write_export_csv(table, path)
        else:
            write_export_xlsx(table, path, progress)
    except OSError as exc:
        raise InputError(f"无法写入“{path}”：{exc.strerror or exc}（文件是否正在 Excel 或 WPS 中打开？）") from None
    return ExportResult(path, suffix[1:], table.task_count, table.period.code if table.period else None)

