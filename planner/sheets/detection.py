"""Finding the header of an appendix sheet and what each column means.

Appendix tables put a title (and sometimes a subtitle or "附件1") above a header
of one to three rows, in which merged cells group columns: 时间进度 over
2015年 | 2016年 | 2017年, or 责任单位 over 牵头单位 | 配合单位. The header is the
first row naming at least two known columns; the rows below it belong to the
header while most of what they hold are header words too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planner.sheets.cells import cell_name, column_letter
from planner.sheets.cleaning import cell_text
from planner.sheets.errors import MergedHeaderError, NoHeaderError
from planner.sheets.grid import Grid
from planner.sheets.mapping import ColumnMapping, ColumnSpec, Meaning
from planner.sheets.synonyms import classify, family, is_year_group

HEADER_SCAN_ROWS = 30  # the header must start within the first rows of the sheet
MAX_HEADER_ROWS = 3
DATA_SAMPLE_ROWS = 500  # rows looked at to tell whether a column holds data
_APPENDIX_LABEL_RE = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*\s*[:：]?\s*")
_CORE = frozenset({Meaning.NAME, Meaning.CONTENT, Meaning.INDICATOR, Meaning.YEAR})


@dataclass
class Layout:
    mapping: ColumnMapping
    title: str = ""  # the table's title row, e.g. 养老服务体系建设重点任务分解表
    subtitles: list[str] = field(default_factory=list)  # further rows above the header
    appendix_label: str = ""  # "附件1" when the sheet says so


def _text(grid: Grid, row: int, column: int) -> str:
    return cell_text(grid.value(row, column))


def _header_word(text: str) -> bool:
    meaning, _ = classify(text)
    return meaning is not None or is_year_group(text)


def _row_meanings(grid: Grid, row: int, width: int) -> tuple[set[Meaning], bool]:
    meanings: set[Meaning] = set()
    group = False
    for column in range(width):
        text = cell_text(grid.cell(row, column))
        if not text:
            continue
        meaning, _ = classify(text)
        if meaning is not None:
            meanings.add(meaning)
        elif is_year_group(text):
            group = True
    return meanings, group


def _find_top(grid: Grid, width: int) -> int:
    for row in range(min(HEADER_SCAN_ROWS, grid.height)):
        meanings, group = _row_meanings(grid, row, width)
        if len(meanings) + group >= 2 and (meanings & _CORE or group):
            return row
    raise NoHeaderError(
        f"文件“{grid.file_name}”的工作表“{grid.name}”前 {HEADER_SCAN_ROWS} 行中找不到表头："
        "需要有一行写着至少两个可识别的列名，如“序号”“主要任务”“重点内容”“2020年”“责任单位”。"
    )


def _continues_header(grid: Grid, row: int, width: int) -> bool:
    """Whether `row` is another header row: most of its own (not merged-from-above) cells are header words."""
    own = []
    for column in range(width):
        merged = grid.merge_at(row, column)
        if merged is not None and merged.first_row < row:
            continue
        text = cell_text(grid.cell(row, column))
        if text:
            own.append(text)
    words = sum(1 for text in own if _header_word(text))
    return words >= 1 and words * 2 >= len(own)


def _group_fill(grid: Grid, top: int, bottom: int, width: int) -> dict[tuple[int, int], str]:
    """Header texts that a group word covers without a merge (CSV files cannot merge).

    In "时间进度,,," over "2015年,2016年,2017年" the group word is written once and
    the cells to its right are left blank; they belong to the group while the row
    below has sub-headers under them.
    """
    filled: dict[tuple[int, int], str] = {}
    for row in range(top, bottom):
        for column in range(width):
            text = _text(grid, row, column)
            if not text or grid.merge_at(row, column) is not None:
                continue
            if not (is_year_group(text) or classify(text)[0] is Meaning.RESPONSIBLE):
                continue
            right = column + 1
            while right < width and not _text(grid, row, right) and _text(grid, row + 1, right):
                filled[(row, right)] = text
                right += 1
    return filled


def _column_paths(grid: Grid, top: int, bottom: int, width: int) -> list[list[tuple[int, str]]]:
    filled = _group_fill(grid, top, bottom, width)
    paths = []
    for column in range(width):
        path: list[tuple[int, str]] = []
        for row in range(top, bottom + 1):
            text = _text(grid, row, column) or filled.get((row, column), "")
            if text and (not path or path[-1][1] != text):
                path.append((row, text))
        paths.append(path)
    return paths


def _meaning_of(path: list[tuple[int, str]]) -> tuple[Meaning, int | None]:
    for _, text in reversed(path):
        meaning, year = classify(text)
        if meaning is not None:
            return meaning, year
    return Meaning.UNKNOWN, None


def _has_data(grid: Grid, column: int, first_row: int) -> bool:
    last = min(grid.height, first_row + DATA_SAMPLE_ROWS)
    return any(cell_text(grid.cell(row, column)) for row in range(first_row, last))


def _check_merged_headers(
    grid: Grid, top: int, bottom: int, specs: dict[int, ColumnSpec], paths: list[list[tuple[int, str]]]
) -> None:
    """Refuse a merged header over columns that cannot share it; sort out those that can."""
    for merged in grid.merges:
        if not (top <= merged.first_row <= bottom) or merged.first_column == merged.last_column:
            continue
        text = _text(grid, merged.first_row, merged.first_column)
        if not text:
            continue
        columns = range(merged.first_column, merged.last_column + 1)
        group_meaning, _ = classify(text)
        # Columns with a header of their own below the merged cell.
        sub = {c: paths[c][-1] for c in columns if c < len(paths) and paths[c] and paths[c][-1][0] > merged.last_row}
        if sub:
            allowed = (family(Meaning.INDICATOR) if is_year_group(text)
                       else family(group_meaning) if group_meaning else None)
            for column, (row, sub_text) in sub.items():
                spec = specs.get(column)
                if allowed is not None and spec is not None and spec.meaning not in allowed | {Meaning.UNKNOWN}:
                    raise MergedHeaderError(
                        f"文件“{grid.file_name}”的工作表“{grid.name}”中，表头单元格 {merged.name}（“{text}”）"
                        f"合并了含义不同的列：其下的 {cell_name(row, column)}（“{sub_text}”）是“{spec.label}”，"
                        f"不属于“{text}”。请拆分该合并单元格后再导入。"
                    )
            continue
        with_data = [c for c in columns if _has_data(grid, c, bottom + 1)]
        if group_meaning is Meaning.RESPONSIBLE and len(with_data) > 1:
            # 责任单位 over two unnamed columns: the first holds the lead office, the others co-operate.
            for position, column in enumerate(with_data):
                specs[column] = ColumnSpec(column, Meaning.LEAD if position == 0 else Meaning.CO, None, text)
            continue
        if len(with_data) > 1:
            raise MergedHeaderError(
                f"文件“{grid.file_name}”的工作表“{grid.name}”中，表头单元格 {merged.name}（“{text}”）合并了"
                f"{column_letter(with_data[0])}列至{column_letter(with_data[-1])}列，这几列下面都有数据，"
                "无法确定每列的含义。请拆分该合并单元格并为每列写上列名，或在导入时逐列指定含义。"
            )
        keep = with_data[0] if with_data else merged.first_column
        for column in columns:
            if column != keep and column in specs:
                specs[column] = ColumnSpec(column, Meaning.IGNORE, None, specs[column].header)


def _title_rows(grid: Grid, top: int, width: int) -> tuple[str, list[str], str]:
    """(title, subtitles, appendix label) from the non-blank rows above the header."""
    title, subtitles, label = "", [], ""
    for row in range(top):
        texts = list(dict.fromkeys(t for t in (cell_text(grid.cell(row, c)) for c in range(width)) if t))
        if not texts:
            continue
        text = " ".join(texts)
        prefix = _APPENDIX_LABEL_RE.match(text)
        if prefix and not label:
            label = prefix.group(0).strip(" :：")
            text = text[prefix.end():].strip()
            if not text:
                continue
        if not title:
            title = text
        else:
            subtitles.append(text)
    return title, subtitles, label


def detect_layout(grid: Grid) -> Layout:
    """The header rows, the column mapping and the title of an appendix sheet."""
    width = grid.width
    top = _find_top(grid, width)
    bottom = top
    while bottom + 1 < grid.height and bottom - top + 1 < MAX_HEADER_ROWS:
        if not _continues_header(grid, bottom + 1, width):
            break
        bottom += 1
    specs: dict[int, ColumnSpec] = {}
    paths = _column_paths(grid, top, bottom, width)
    for column, path in enumerate(paths):
        header = "/".join(text for _, text in path)
        if not path and not _has_data(grid, column, bottom + 1):
            continue
        meaning, year = _meaning_of(path) if path else (Meaning.UNKNOWN, None)
        specs[column] = ColumnSpec(column, meaning, year, header)
    _check_merged_headers(grid, top, bottom, specs, paths)
    title, subtitles, label = _title_rows(grid, top, width)
    mapping = ColumnMapping(sorted(specs.values(), key=lambda s: s.column), top, bottom)
    return Layout(mapping=mapping, title=title, subtitles=subtitles, appendix_label=label)


def layout_for_mapping(grid: Grid, mapping: ColumnMapping) -> Layout:
    """The layout of a sheet whose columns the user mapped by hand (detection failed or was overridden)."""
    title, subtitles, label = _title_rows(grid, mapping.header_first_row, grid.width)
    return Layout(mapping=mapping, title=title, subtitles=subtitles, appendix_label=label)


def manual_mapping(grid: Grid, header_row: int = 0) -> ColumnMapping:
    """A starting point for mapping by hand: every column "unknown", named by `header_row`'s text.

    For the wizard when `detect_layout` finds no header: the user picks the
    header row and sets each column's meaning with `ColumnMapping.with_meaning`.
    """
    specs = []
    for column in range(grid.width):
        text = _text(grid, header_row, column)
        meaning, year = classify(text) if text else (None, None)
        specs.append(ColumnSpec(column, meaning or Meaning.UNKNOWN, year, text))
    return ColumnMapping(specs, header_row, header_row)
