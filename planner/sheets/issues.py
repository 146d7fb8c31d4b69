"""Warnings found while reading a sheet: shown in the preview, never a reason to refuse."""

from __future__ import annotations

from dataclasses import dataclass

from planner.sheets.cells import column_letter


@dataclass(frozen=True)
class Issue:
    """A warning about one place in a sheet.

    `row` and `column` are 1-based as Excel shows them (column 1 is A); either is
    None when the warning is about a whole row, a column or the whole sheet.
    """

    sheet: str
    row: int | None
    column: int | None
    message: str

    @property
    def cell(self) -> str:
        """"D7", "第7行", "D列" or "" — the place as the user finds it in the sheet."""
        if self.row is not None and self.column is not None:
            return f"{column_letter(self.column - 1)}{self.row}"
        if self.row is not None:
            return f"第{self.row}行"
        if self.column is not None:
            return f"{column_letter(self.column - 1)}列"
        return ""

    def __str__(self) -> str:
        where = f"工作表“{self.sheet}”" if self.sheet else ""
        if self.cell:
            where += f" {self.cell}" if where else self.cell
        return f"{where}：{self.message}" if where else self.message

    def as_dict(self) -> dict[str, object]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "cell": self.cell,
                "message": self.message}
