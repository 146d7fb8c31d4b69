"""Reading a returned fill-in workbook without trusting it.

The file goes through `readers.read_workbook` (size caps, zip-bomb and
corruption checks), its hidden spec is checked against its checksum (and must
carry a signature, which only the issuing database can check: `check_signature`), every
locked cell is compared with the text the spec says it must hold, and every
input cell is validated. The result is either a `FilledForm` or a `FormRefused`
whose message names the file, the sheet, the row and the column, and whose
`reason` says which kind of refusal it is.
"""

from __future__ import annotations

import datetime
import math
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from planner.domain.errors import InputError
from planner.domain.figures import figure_in_bounds, out_of_bounds_message
from planner.domain.model import Status
from planner.domain.safe_text import safe_text
from planner.exchange import form_layout as L
from planner.exchange.fill_in_spec import (
    FORMAT_NAME,
    IDENTITY_FIELDS,
    SIGNATURE_LENGTH,
    SUPPORTED_VERSIONS,
    FormSpec,
    checksum_of,
    signature_matches,
    spec_from_text,
)
from planner.exchange.fill_in_spec import (
    FORMAT_VERSION as CURRENT_VERSION,
)
from planner.exchange.form_layout import FormEntry
from planner.exchange.form_light import LIGHT_TEXTS
from planner.exchange.safe_cells import clean_text
from planner.progress.entry import TEXT_LIMIT
from planner.sheets.cells import column_letter
from planner.sheets.errors import EmptySheetError, SheetInputError
from planner.sheets.grid import Cell, Grid
from planner.sheets.readers import Workbook, read_workbook

UNREADABLE = "unreadable"
NOT_A_FORM = "not_a_form"
FORMAT_VERSION = "format_version"
CHECKSUM = "checksum"
SIGNATURE = "signature"
LOCKED_CELLS = "locked_cells"
INVALID_VALUE = "invalid_value"
MAX_LISTED = 3  # problems named in one message; the rest are counted


class FormRefused(InputError):
    """A returned workbook that cannot be taken; `reason` is one of the constants above (or collect's)."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class FilledForm:
    path: Path
    sha256: str
    spec: FormSpec
    reporter: str
    entries: tuple[FormEntry, ...]  # the task rows with anything filled in, in table order

    @property
    def file_name(self) -> str:
        return self.path.name


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _listed(problems: list[str]) -> str:
    shown = "；".join(problems[:MAX_LISTED])
    return shown + (f"；另有 {len(problems) - MAX_LISTED} 处" if len(problems) > MAX_LISTED else "")


def _open(path: Path) -> Workbook:
    try:
        return read_workbook(path, [L.IDENTITY_SHEET, L.SHEET_TITLE])  # both read in one pass
    except SheetInputError as exc:
        raise FormRefused(UNREADABLE, str(exc)) from None


def _identity_grid(workbook: Workbook) -> Grid:
    if L.IDENTITY_SHEET not in workbook.sheet_names:
        raise FormRefused(NOT_A_FORM, f"文件“{workbook.file_name}”不是本程序生成的填报表（表中没有填报表标识），"
                                      f"无法收集。请让填报单位在收到的原文件中填写后发回。")
    try:
        return workbook.sheet(L.IDENTITY_SHEET)
    except SheetInputError as exc:
        raise FormRefused(UNREADABLE, str(exc)) from None


def _read_spec(workbook: Workbook) -> FormSpec:
    grid = _identity_grid(workbook)
    rows = [[_text(value) for value in row] for row in grid.rows]
    pairs: dict[str, str] = {}
    position = 0
    while position < len(rows) and any(rows[position]):
        row = rows[position] + ["", ""]
        pairs.setdefault(row[0], row[1])
        position += 1
    name = workbook.file_name
    if pairs.get("format") != FORMAT_NAME:
        raise FormRefused(NOT_A_FORM, f"文件“{name}”不是本程序生成的填报表（填报表标识无法识别），无法收集。")
    version_text = pairs.get("format_version", "")
    if version_text.isdigit() and int(version_text) < CURRENT_VERSION:
        # Taking an older, unsigned form would let any forgery in by calling itself one.
        raise FormRefused(FORMAT_VERSION, f"文件“{name}”是旧版本程序生成的填报表"
                                          f"（格式版本 {version_text}），没有防伪签名，"
                                          "无法确认它是发给哪个单位的原表，不能使用。"
                                          "请由汇总单位用本程序重新生成填报表，在新表中填写后发回。")
    if not version_text.isdigit() or int(version_text) not in SUPPORTED_VERSIONS:
        supported = "、".join(str(v) for v in sorted(SUPPORTED_VERSIONS))
        raise FormRefused(FORMAT_VERSION, f"文件“{name}”的填报表格式版本为“{version_text or '未知'}”，"
                                          f"本程序只能读取版本 {supported}。请用生成该表的程序版本收集，或升级本程序。")
    while position < len(rows) and rows[position][:1] != ["rows"]:
        position += 1
    header = [value for value in rows[position + 1]] if position + 1 < len(rows) else []
    while header and not header[-1]:
        header.pop()
    table = [(row + [""] * len(header))[: len(header)] for row in rows[position + 2:] if any(row)]
    identity = [(key, pairs.get(key, "")) for key in IDENTITY_FIELDS]
    if not header or pairs.get("checksum") != checksum_of(identity, header, table):
        raise FormRefused(CHECKSUM, f"文件“{name}”的填报表标识与校验码不符：隐藏的标识信息被改动或已损坏，"
                                    f"无法确认这份表是哪个计划、单位和期间的。请让填报单位在收到的原文件中重新填写。")
    signature = pairs.get("signature", "")
    if len(signature) != SIGNATURE_LENGTH or any(char not in "0123456789abcdef" for char in signature):
        raise FormRefused(SIGNATURE, f"文件“{name}”的填报表签名缺失或无法识别：隐藏的标识信息被改动或已损坏，"
                                     "无法确认这份表是哪个计划、单位和期间的。请让填报单位在收到的原文件中重新填写。")
    try:
        return spec_from_text(dict(identity), header, table, int(version_text), signature)
    except (KeyError, ValueError) as exc:
        raise FormRefused(CHECKSUM, f"文件“{name}”的填报表标识无法读取（{exc}）。") from None


def check_signature(form: FilledForm, key: bytes) -> None:
    """Refuse `form` unless it was signed with `key`, the key of the database checking it.

    A form signed by another database, or whose hidden identity was changed and its
    checksum recomputed (to pass a return off as another office's), fails here.
    """
    if not signature_matches(key, form.spec):
        raise FormRefused(SIGNATURE, f"文件“{form.file_name}”的填报表签名与本数据库不符：这份表不是本数据库生成的，"
                                     "或其中隐藏的标识（计划、单位、期间）被改动过，未收集。"
                                     "请让填报单位在本数据库发出的原文件中填写后发回，必要时重新生成填报表。")


def _check_locked(grid: Grid, spec: FormSpec, name: str) -> None:
    expected = {**L.heading_cells(spec), **L.row_cells(spec)}
    altered = []
    for (row, column), text in sorted(expected.items()):
        wanted = _text(clean_text(text))
        found = _text(grid.cell(row - 1, column - 1))
        if found != wanted:
            shown_wanted = wanted if len(wanted) <= 20 else wanted[:20] + "…"
            shown_found = found if len(found) <= 20 else found[:20] + "…"
            altered.append(f"{column_letter(column - 1)}{row}（原为“{shown_wanted}”，现为“{shown_found}”）")
    if altered:
        raise FormRefused(LOCKED_CELLS, f"文件“{name}”工作表“{L.SHEET_TITLE}”中不允许修改的单元格被改动："
                                        f"{_listed(altered)}。请在收到的原文件中只填写浅黄色单元格后重新发回。")
    stray = _stray_cells(grid, spec, set(expected))
    if stray:
        raise FormRefused(LOCKED_CELLS, f"文件“{name}”工作表“{L.SHEET_TITLE}”中有内容填在了浅黄色单元格以外："
                                        f"{_listed(stray)}。这些内容无法收集，整份文件未收集。请把它们填到对应任务的"
                                        "浅黄色单元格（如“进展情况”“存在问题”）中，并清空原处后重新发回。")


def _task_inputs(spec: FormSpec) -> set[tuple[int, int]]:
    """(row, column), 1-based, of every yellow cell on the task rows."""
    return {(L.FIRST_ROW + offset, column) for offset, row in enumerate(spec.rows) if row.kind == "task"
            for column in L.INPUT_COLUMNS}


def _check_merges(grid: Grid, spec: FormSpec, name: str) -> None:
    """Refuse cells the office merged across rows over a yellow cell: the merged text or figure shows beside
    several tasks, but a spreadsheet keeps it in the first cell only, so the other tasks would get nothing."""
    inputs = _task_inputs(spec)
    spanning = [merged for merged in grid.merges if merged.last_row > merged.first_row
                and any((row + 1, column + 1) in inputs for row in range(merged.first_row, merged.last_row + 1)
                        for column in range(merged.first_column, merged.last_column + 1))]
    if spanning:
        shown = _listed([f"{m.name}（第{m.first_row + 1}—{m.last_row + 1}行）" for m in spanning])
        raise FormRefused(LOCKED_CELLS, f"文件“{name}”工作表“{L.SHEET_TITLE}”中有跨行合并的填报单元格：{shown}。"
                                        "合并后内容只属于第一行的任务，其他任务会被当作没有填写，整份文件未收集。"
                                        "请取消合并，在每项任务的浅黄色单元格中分别填写后重新发回。")


def _check_other_sheets(workbook: Workbook) -> None:
    """Refuse a sheet the office added with something in it (notes, a breakdown): nothing on it can be collected,
    and taking the rest of the file would drop it without a word. An empty added sheet is no matter."""
    for sheet_name in workbook.sheet_names:
        if sheet_name in (L.SHEET_TITLE, L.IDENTITY_SHEET):
            continue
        try:
            workbook.sheet(sheet_name)
        except EmptySheetError:
            continue
        except SheetInputError as exc:
            raise FormRefused(UNREADABLE, str(exc)) from None
        raise FormRefused(LOCKED_CELLS, f"文件“{workbook.file_name}”中另加了工作表“{sheet_name}”，其中的内容无法收集，"
                                        f"整份文件未收集。请把要说明的内容填到工作表“{L.SHEET_TITLE}”中对应任务的"
                                        "浅黄色单元格（如“进展情况”“存在问题”），删除工作表"
                                        f"“{sheet_name}”后重新发回。")


def _stray_cells(grid: Grid, spec: FormSpec, locked: set[tuple[int, int]]) -> list[str]:
    """Cells holding something where the form has no place for it (1-based positions in the messages).

    The sheet is protected without a password, so an office can type anywhere after lifting the
    protection: a figure typed beside its yellow cell, or a remark under the table, would otherwise be
    dropped without a word. The 状态灯 cells hold a formula, which leaves one of the statuses (or 请核对)
    behind; the formula of forms written before 请核对 repeats the typed status as it stands (“滞后 ”, or a
    status not in the list), which `_read_inputs` judges in its own cell.
    """
    inputs = _task_inputs(spec) | {(L.INFO_ROW, L.REPORTER)}
    found = []
    for index, values in enumerate(grid.rows):
        for column_index, value in enumerate(values):
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            place = (index + 1, column_index + 1)
            if place in locked or place in inputs:
                continue
            if column_index + 1 == L.LIGHT and (_text(value) in LIGHT_TEXTS
                                                or _text(value) == _text(grid.cell(index, L.STATUS - 1))):
                continue
            shown = _text(value)
            shown = shown if len(shown) <= 20 else shown[:20] + "…"
            found.append(f"{column_letter(column_index)}{index + 1}（“{shown}”）")
    return found


def _number(value: Cell, unit: str = "") -> float | None:
    """The figure in a value cell; ValueError with the reason when it is not one.

    A percentage ("92%", or 0.92 in a cell Excel or WPS formatted as one when "92%" was typed, which
    the reader turns into "92%") is the figure 92 where the target is counted in %, as 填报说明 asks.
    """
    if value is None:
        return None
    if isinstance(value, bool) or isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        raise ValueError(f"“{value}”不是数字")
    if isinstance(value, str):
        cleaned = unicodedata.normalize("NFKC", value).strip().replace(",", "")
        if not cleaned:
            return None
        if cleaned.endswith("%") and len(cleaned) > 1:
            if unit != "%":
                counted = f"这一行的目标以“{unit}”计" if unit else "这一行的目标不是百分比"
                raise ValueError(f"“{value.strip()}”是百分数，{counted}，只填数字，不带单位")
            cleaned = cleaned[:-1].strip()
        try:
            number = float(cleaned)
        except ValueError:
            raise ValueError(f"“{value.strip()}”不是数字（只填数字，不带单位）") from None
    else:
        number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"“{number}”不是有效数字")
    if not figure_in_bounds(number):
        raise ValueError(out_of_bounds_message("完成数值", number))
    if number < 0:
        raise ValueError(f"完成数值不能为负数（填的是 {number:g}）")
    return number


def _status(value: object) -> Status | None:
    text = unicodedata.normalize("NFKC", _text(value)).strip()
    if not text:
        return None
    if text not in L.STATUS_CHOICES:
        raise ValueError(f"“{text}”不是可选的状态（应为{'、'.join(L.STATUS_CHOICES)}之一）")
    return Status(text)


def _long_text(value: object, limit: int = TEXT_LIMIT) -> str:
    if isinstance(value, (datetime.date, datetime.time)):
        value = value.isoformat()
    text = safe_text(_text(value)).strip()
    if len(text) > limit:
        raise ValueError(f"有 {len(text)} 字，超过 {limit} 字的上限")
    return text


def _read_inputs(grid: Grid, spec: FormSpec, name: str) -> tuple[str, list[FormEntry]]:
    problems: list[str] = []
    errors = {(error.row, error.column): error.code for error in grid.errors}

    def where(row: int, column: int, label: str) -> str:
        return f"第{row}行{column_letter(column - 1)}列（{label}）"

    def read(row: int, column: int, label: str, parse):
        if (row - 1, column - 1) in errors:
            problems.append(f"{where(row, column, label)}是错误值 {errors[(row - 1, column - 1)]}")
            return None
        try:
            return parse(grid.cell(row - 1, column - 1))
        except ValueError as exc:
            problems.append(f"{where(row, column, label)}：{exc}")
            return None

    reporter = read(L.INFO_ROW, L.REPORTER, "填报人", lambda v: _long_text(v, L.REPORTER_LIMIT)) or ""
    entries = []
    for offset, spec_row in enumerate(spec.rows):
        if spec_row.kind != "task" or spec_row.task_id is None:  # every task row the program writes names its task
            continue
        row = L.FIRST_ROW + offset
        entry = FormEntry(
            task_id=spec_row.task_id,
            value=read(row, L.VALUE, L.COLUMN_LABELS[L.VALUE], lambda value, unit=spec_row.unit: _number(value, unit)),
            status=read(row, L.STATUS, L.COLUMN_LABELS[L.STATUS], _status),
            **{field: read(row, column, L.COLUMN_LABELS[column], _long_text) or ""
               for column, field in L.TEXT_COLUMNS.items()},
        )
        if not entry.is_blank:
            entries.append(entry)
    if problems:
        raise FormRefused(INVALID_VALUE, f"文件“{name}”工作表“{L.SHEET_TITLE}”中有填写不符合要求的单元格："
                                         f"{_listed(problems)}。整份文件未收集，请改正后重新发回。")
    return reporter, entries


def read_fill_in(path: str | Path) -> FilledForm:
    """Read and check a returned fill-in workbook; FormRefused says why it cannot be taken."""
    path = Path(path)
    workbook = _open(path)
    spec = _read_spec(workbook)
    try:
        grid = workbook.sheet(L.SHEET_TITLE)
    except SheetInputError as exc:
        raise FormRefused(LOCKED_CELLS, f"{exc} 填报表的结构被改动，无法收集。") from None
    _check_locked(grid, spec, workbook.file_name)
    _check_merges(grid, spec, workbook.file_name)
    _check_other_sheets(workbook)
    reporter, entries = _read_inputs(grid, spec, workbook.file_name)
    return FilledForm(path=path, sha256=workbook.sha256, spec=spec, reporter=reporter, entries=tuple(entries))


def looks_like_fill_in(path: str | Path) -> bool:
    """Whether `path` is a fill-in workbook (to collect) rather than a table to import, judged by its
    sheets alone; a damaged file is not one, and importing it will say what is wrong."""
    try:
        return L.IDENTITY_SHEET in read_workbook(path, []).sheet_names
    except InputError:
        return False
