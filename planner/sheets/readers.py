"""Opening a spreadsheet file of any supported kind as a `Workbook` of `Grid`s.

The file is read into memory once: its sha256 is what the database records as
the source, and the same bytes are parsed, so a file changed on disk meanwhile
cannot be imported under the wrong hash. python-calamine reads xlsx and xls
(it is several times faster than openpyxl); ods and csv are read here.

All of that happens in the reading worker (`planner.sheets.isolation`): `read_file`
runs there and sends back plain data, which `read_workbook` wraps as a `Workbook`.
Only regular files are read (a link to one is that file): a device such as
/dev/zero never ends, and a FIFO blocks whoever opens it until someone writes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

import python_calamine

from planner.sheets import limits
from planner.sheets.bulk import paused_gc
from planner.sheets.cleaning import percent_text
from planner.sheets.errors import (
    CorruptFileError,
    EmptySheetError,
    EncryptedFileError,
    NotSpreadsheetError,
    SheetInputError,
    SheetNotFoundError,
)
from planner.sheets.grid import Grid, MergedRange, blank_to_none
from planner.sheets.isolation import refusal, run_isolated
from planner.sheets.limits import MAX_CELLS, check_cell_count, check_extent, check_file_size, check_zip
from planner.sheets.ods import read_ods_sheets
from planner.sheets.ole import OleError, OleFile
from planner.sheets.sniff import detect_format
from planner.sheets.text_csv import read_csv_file
from planner.sheets.xls_scan import XlsInfo, scan_xls
from planner.sheets.xlsx_scan import (
    check_shared_strings,
    percent_styles,
    scan_sheet_xml,
    sheet_paths,
    workbook_relationships,
    workbook_xml,
)
from planner.system.regular_files import check_path, read_regular_file

_READ_ERRORS = (python_calamine.CalamineError, zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError,
                IndexError, zipfile.LargeZipFile, csv.Error, RuntimeError, zlib.error, struct.error, ParseError)


def _corrupt(file_name: str, detail: object = "") -> CorruptFileError:
    extra = f"（{detail}）" if detail else ""
    return CorruptFileError(f"文件“{file_name}”已损坏或不完整{extra}，无法导入。"
                            "请在 Excel 或 WPS 中打开检查并另存后再试。")


def _is_panic(exc: BaseException) -> bool:
    """A Rust panic inside calamine (a malformed file it did not expect) arrives as pyo3's
    PanicException, which derives from BaseException rather than Exception."""
    return type(exc).__name__ == "PanicException"


class _OpenedFile:
    """A spreadsheet file opened in this process (the reading worker); sheets are read when first asked for."""

    def __init__(self, path: Path, data: bytes, file_format: str):
        self.path = path
        self.file_name = path.name
        self.format = file_format
        self.size = len(data)
        self.encoding: str | None = None  # the text encoding of a CSV file
        self.sha256 = hashlib.sha256(data).hexdigest()
        self._data = data
        self._grids: dict[str, Grid] = {}
        self._calamine: python_calamine.CalamineWorkbook | None = None
        self._archive: zipfile.ZipFile | None = None
        self._xlsx_paths: dict[str, str] = {}
        self._xlsx_percent: frozenset[int] = frozenset()
        self._xls: XlsInfo | None = None
        try:
            self.sheet_names = self._open()
        except SheetInputError:
            raise
        except python_calamine.PasswordError:
            raise EncryptedFileError(f"文件“{self.file_name}”设置了打开密码（已加密），无法读取。") from None
        except _READ_ERRORS as exc:
            raise _corrupt(self.file_name, exc) from None
        except BaseException as exc:
            if _is_panic(exc):
                raise _corrupt(self.file_name) from None
            raise
        if not self.sheet_names:
            raise EmptySheetError(f"文件“{self.file_name}”中没有工作表。")

    def _open(self) -> list[str]:
        if self.format == "csv":
            grid, self.encoding = read_csv_file(self._data, self.file_name, self.path.stem)
            self._grids[self.path.stem] = grid
            return [self.path.stem]
        if self.format == "xls":
            try:
                ole = OleFile(self._data)
                name = "Workbook" if "Workbook" in ole.stream_names() else "Book"  # "Book": Excel 95 files
                self._xls = scan_xls(ole.read_stream(name))
            except (OleError, KeyError):
                raise _corrupt(self.file_name, "工作簿数据流无法读取") from None
            if self._xls.encrypted:
                raise EncryptedFileError(
                    f"文件“{self.file_name}”设置了打开密码（已加密），无法读取。"
                    "请在 Excel 或 WPS 中取消密码，另存后再导入。"
                )
            self._check_xls_sizes(self._xls)
        else:  # xlsx and ods: zip archives
            archive = self._archive = zipfile.ZipFile(io.BytesIO(self._data))
            check_zip(self.file_name, archive)
            if self.format == "ods":
                for grid in read_ods_sheets(archive, self.file_name):
                    self._grids[grid.name] = grid
                return list(self._grids)
            workbook = workbook_xml(archive, self.file_name)  # read first: its faults are reported first
            relationships = workbook_relationships(archive, self.file_name)
            self._xlsx_paths = sheet_paths(workbook, relationships)
            self._xlsx_percent = percent_styles(archive, relationships, self.file_name)
            check_shared_strings(archive, relationships, self.file_name)
        self._calamine = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(self._data))
        metadata = self._calamine.sheets_metadata
        return [m.name for m in metadata if str(m.typ).endswith("WorkSheet")] or list(self._calamine.sheet_names)

    def _check_xls_sizes(self, info: XlsInfo) -> None:
        """calamine builds every sheet of an .xls when it opens the file, so all of them are measured first."""
        for sheet in info.all_sheets:
            check_cell_count(self.file_name, sheet.name, sheet.rows, sheet.columns)
            if sheet.reserved_cells > MAX_CELLS:
                raise _corrupt(self.file_name, f"工作表“{sheet.name}”的尺寸记录声明了 {sheet.reserved_cells} 个单元格")

    def sheet(self, name: str | None = None) -> Grid:
        """The named sheet (the first one when `name` is None), read on first use."""
        name = _sheet_named(self.file_name, self.sheet_names, name)
        grid = self._grids.get(name)
        if grid is None:
            try:
                grid = self._read_calamine_sheet(name)
            except SheetInputError:
                raise
            except _READ_ERRORS as exc:
                raise _corrupt(self.file_name, f"工作表“{name}”：{exc}") from None
            except BaseException as exc:
                if _is_panic(exc):
                    raise _corrupt(self.file_name, f"工作表“{name}”") from None
                raise
            self._grids[name] = grid
        if not any(any(value is not None for value in row) for row in grid.rows):
            raise EmptySheetError(f"文件“{self.file_name}”的工作表“{name}”是空的，没有可导入的内容。")
        return grid

    def _read_calamine_sheet(self, name: str) -> Grid:
        assert self._calamine is not None, "a sheet left to read is one calamine opened"
        errors, merges, percent = [], None, []
        hidden: tuple[list[int], list[int]] = ([], [])
        if self.format == "xlsx":
            assert self._archive is not None, "an xlsx workbook is opened as a zip archive first"
            scan = scan_sheet_xml(self._archive, self._xlsx_paths[name], self._xlsx_percent, self.file_name, name)
            check_extent(self.file_name, name, max(scan.last_row, scan.declared_rows),
                         max(scan.last_column, scan.declared_columns))
            errors, merges, percent = scan.errors, scan.merges, scan.percent_cells
            hidden = scan.hidden_rows, scan.hidden_columns
        elif self._xls is not None and name in self._xls.sheets:
            info = self._xls.sheets[name]
            check_extent(self.file_name, name, info.rows, info.columns)
            errors, percent = info.errors, info.percent_cells
            hidden = info.hidden_rows, info.hidden_columns
        sheet = self._calamine.get_sheet_by_name(name)
        end = sheet.end or (-1, -1)  # the last used cell, 0-based
        check_extent(self.file_name, name, end[0] + 1, end[1] + 1)
        with paused_gc():  # a list per row, a million cells: nothing for the collector to find
            # calamine's rows hold Cells other than None: blank_to_none takes each list as it is, without a copy.
            rows = [blank_to_none(row) for row in sheet.to_python(skip_empty_area=False)]  # type: ignore[arg-type]
        found = sheet.merged_cell_ranges
        grid = Grid(name=name, rows=rows, file_name=self.file_name, errors=list(errors),
                    hidden_rows=sorted(set(hidden[0])), hidden_columns=sorted(set(hidden[1])))
        if found is not None:
            grid.merges = [MergedRange(a[0], a[1], b[0], b[1]) for a, b in found]
        elif merges is not None:
            grid.merges = merges
        for error in grid.errors:
            if error.row < len(rows) and error.column < len(rows[error.row]):
                rows[error.row][error.column] = None
        for row, column in percent:
            # The sheet shows 20% where the cell holds 0.2; the target is what the sheet shows.
            if row < len(rows) and column < len(rows[row]):
                value = rows[row][column]
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    rows[row][column] = percent_text(value)
        return grid


def _sheet_named(file_name: str, sheet_names: list[str], name: str | None) -> str:
    """`name`, or the first sheet's when it is None; refused when the file has no such sheet."""
    if name is None:
        return sheet_names[0]
    if name not in sheet_names:
        shown = "、".join(f"“{n}”" for n in sheet_names)
        raise SheetNotFoundError(f"文件“{file_name}”中没有名为“{name}”的工作表（现有：{shown}）。")
    return name


@dataclass
class FileContents:
    """What the reading worker sends back: plain data, the sheets asked for and the refusals of the others."""

    format: str
    size: int
    sha256: str
    encoding: str | None
    sheet_names: list[str]
    grids: dict[str, Grid] = field(default_factory=dict)
    refusals: dict[str, tuple[str, str]] = field(default_factory=dict)  # sheet → (class name, message)


def read_file(path: str, sheets: tuple[str, ...] | None, sha256: str | None, caps: dict[str, int]) -> FileContents:
    """Read `path` and its `sheets` (None: the first one); the job the reading worker runs.

    `caps` are the caller's (`limits.caps()`), so that a worker applies the caps of the process that asked.
    `sha256`, when given, is the content the caller read before: a file changed since is refused.
    """
    limits.apply_caps(caps)
    file_path = Path(path)
    data = read_regular_file(file_path, file_path.name, limits.MAX_FILE_BYTES, check_file_size, NotSpreadsheetError,
                             "表格", "电子表格文件")
    opened = _OpenedFile(file_path, data, detect_format(file_path, data))
    del data
    if sha256 is not None and opened.sha256 != sha256:
        raise SheetInputError(f"文件“{file_path.name}”在打开之后被修改过，请重新选择该文件。")
    contents = FileContents(opened.format, opened.size, opened.sha256, opened.encoding, opened.sheet_names)
    wanted = opened.sheet_names[:1] if sheets is None else [name for name in sheets if name in opened.sheet_names]
    for name in wanted:
        try:
            contents.grids[name] = opened.sheet(name)
        except SheetInputError as exc:
            contents.refusals[name] = (type(exc).__name__, str(exc))
    return contents


def _contents(path: Path, sheets: tuple[str, ...] | None, sha256: str | None, isolated: bool,
              sheet: str | None = None) -> FileContents:
    args = (str(path), sheets, sha256, limits.caps())
    if not isolated:
        return read_file(*args)
    return run_isolated(read_file, *args, file_name=path.name, sheet=sheet)


class Workbook:
    """An opened spreadsheet file: its sheet names, and its sheets, each read when first asked for."""

    def __init__(self, path: Path, contents: FileContents, isolated: bool = True):
        self.path = path
        self.file_name = path.name
        self.format = contents.format
        self.size = contents.size
        self.encoding = contents.encoding  # the text encoding of a CSV file
        self.sha256 = contents.sha256
        self.sheet_names = contents.sheet_names
        self._grids = contents.grids
        self._refusals = contents.refusals
        self._isolated = isolated

    def sheet(self, name: str | None = None) -> Grid:
        """The named sheet (the first one when `name` is None)."""
        name = _sheet_named(self.file_name, self.sheet_names, name)
        if name not in self._grids and name not in self._refusals:
            contents = _contents(self.path, (name,), self.sha256, self._isolated, name)
            self._grids.update(contents.grids)
            self._refusals.update(contents.refusals)
        if name in self._refusals:
            raise refusal(*self._refusals[name])
        return self._grids[name]


def read_workbook(path: str | Path, sheets: Iterable[str] | None = None, *, isolated: bool = True) -> Workbook:
    """Open `path`; the format is decided by the file's content, not its name.

    The `sheets` named (by default the first one) are read at once, any other when
    first asked for. `isolated=False` reads in this process instead of the reading
    worker: for measuring what the isolation costs, and for testing the checks alone.
    """
    path = Path(path)
    check_path(path, check_file_size, NotSpreadsheetError, "表格", "电子表格文件")
    return Workbook(path, _contents(path, None if sheets is None else tuple(sheets), None, isolated), isolated)
