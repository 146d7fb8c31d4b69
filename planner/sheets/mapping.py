"""What each column of an appendix sheet means: detected by layout, correctable by the user."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import Enum

from planner.sheets.cells import column_letter
from planner.sheets.errors import MappingError


class Meaning(str, Enum):
    SEQ = "seq"  # 序号
    NAME = "name"  # 主要任务 / 重点工作
    CONTENT = "content"  # 重点内容 / 具体措施
    INDICATOR = "indicator"  # 具体指标 / 总体目标
    BASELINE = "baseline"  # 现状 / 基数
    YEAR = "year"  # the target of one year (2020年)
    LEAD = "lead"  # 牵头单位
    CO = "co"  # 配合单位
    RESPONSIBLE = "responsible"  # 责任单位: the first office named leads, the others co-operate
    DEADLINE = "deadline"  # 完成时限
    NOTE = "note"  # 备注
    UNKNOWN = "unknown"  # kept in the task note as "列名：值"
    IGNORE = "ignore"  # chosen by the user: the column is not imported

    @property
    def label(self) -> str:
        return MEANING_LABELS[self]


MEANING_LABELS: dict[Meaning, str] = {
    Meaning.SEQ: "序号",
    Meaning.NAME: "任务名称",
    Meaning.CONTENT: "工作内容",
    Meaning.INDICATOR: "具体指标",
    Meaning.BASELINE: "现状基数",
    Meaning.YEAR: "年度目标",
    Meaning.LEAD: "牵头单位",
    Meaning.CO: "配合单位",
    Meaning.RESPONSIBLE: "责任单位（首个为牵头）",
    Meaning.DEADLINE: "完成时限",
    Meaning.NOTE: "备注",
    Meaning.UNKNOWN: "其他（记入备注）",
    Meaning.IGNORE: "不导入",
}


@dataclass(frozen=True)
class ColumnSpec:
    """One column: 0-based index, meaning, the year for a YEAR column, and its header as written."""

    column: int
    meaning: Meaning
    year: int | None = None
    header: str = ""

    @property
    def letter(self) -> str:
        return column_letter(self.column)

    @property
    def label(self) -> str:
        return f"{self.year}年目标" if self.meaning is Meaning.YEAR else self.meaning.label


@dataclass
class ColumnMapping:
    """The columns of a sheet and the header rows (0-based, inclusive) that the data follows.

    Iterating gives the `ColumnSpec`s in column order. To correct a column, call
    `with_meaning` and pass the new mapping back to `planner.plans.importing.preview_import`.
    """

    columns: list[ColumnSpec] = field(default_factory=list)
    header_first_row: int = 0
    header_last_row: int = 0

    def __iter__(self) -> Iterator[ColumnSpec]:
        return iter(self.columns)

    def __len__(self) -> int:
        return len(self.columns)

    def __getitem__(self, position: int) -> ColumnSpec:
        return self.columns[position]

    def spec(self, column: int) -> ColumnSpec | None:
        return next((spec for spec in self.columns if spec.column == column), None)

    def with_meaning(self, column: int, meaning: Meaning | str, year: int | None = None) -> ColumnMapping:
        """A copy in which `column` (0-based) has `meaning`; a YEAR column needs its year."""
        meaning = Meaning(meaning)
        if meaning is Meaning.YEAR and year is None:
            raise MappingError(f"{column_letter(column)}列设为年度目标时需要指定年份。")
        columns = []
        found = False
        for spec in self.columns:
            if spec.column == column:
                spec = replace(spec, meaning=meaning, year=year if meaning is Meaning.YEAR else None)
                found = True
            columns.append(spec)
        if not found:
            columns.append(ColumnSpec(column, meaning, year if meaning is Meaning.YEAR else None))
            columns.sort(key=lambda s: s.column)
        return ColumnMapping(columns, self.header_first_row, self.header_last_row)

    def columns_for(self, meaning: Meaning) -> list[ColumnSpec]:
        return [spec for spec in self.columns if spec.meaning is meaning]

    @property
    def years(self) -> list[int]:
        return sorted({spec.year for spec in self.columns if spec.meaning is Meaning.YEAR and spec.year})

    def validate(self, sheet: str = "", file_name: str = "") -> None:
        """Refuse a mapping the importer cannot use, saying what to fix."""
        where = f"工作表“{sheet}”" if sheet else "表格"
        if file_name:
            where = f"文件“{file_name}”的{where}"
        if not self.columns_for(Meaning.NAME) and not self.columns_for(Meaning.CONTENT):
            raise MappingError(f"{where}没有“任务名称”列（如“主要任务”“重点工作”），请指定哪一列是任务名称。")
        seen: dict[int, ColumnSpec] = {}
        for spec in self.columns_for(Meaning.YEAR):
            if spec.year is None or not 1949 <= spec.year <= 2100:
                raise MappingError(f"{where}{spec.letter}列是年度目标，但年份无效：{spec.year}。")
            if spec.year in seen:
                raise MappingError(
                    f"{where}{seen[spec.year].letter}列和{spec.letter}列都是 {spec.year} 年目标，请只保留一列。"
                )
            seen[spec.year] = spec
        if self.header_last_row < self.header_first_row:
            raise MappingError(f"{where}的表头行范围无效。")
