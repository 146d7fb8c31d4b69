"""The wizard's column table: what each column of the sheet was understood to mean, changeable per column."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QSpinBox, QTableWidget, QTableWidgetItem

from planner.domain.periods import MAX_YEAR, MIN_YEAR
from planner.sheets.cleaning import cell_text
from planner.sheets.grid import Grid
from planner.sheets.mapping import ColumnMapping, ColumnSpec, Meaning
from ui.common.language import QT_TRANSLATE_NOOP

COL_LETTER, COL_HEADER, COL_SAMPLE, COL_MEANING, COL_YEAR = range(5)
SAMPLE_VALUES = 3
SAMPLE_SCAN_ROWS = 40
SAMPLE_CHARS = 30
NO_YEAR = MIN_YEAR - 1  # the spin box's "special value": no year


def meaning_label(meaning: Meaning) -> str:
    """The meaning's name in the interface language (planner labels them in Chinese only)."""
    return QCoreApplication.translate("ColumnMeaning", MEANING_SOURCES[meaning])


MEANING_SOURCES: dict[Meaning, str] = {
    Meaning.SEQ: QT_TRANSLATE_NOOP("ColumnMeaning", "No."),
    Meaning.NAME: QT_TRANSLATE_NOOP("ColumnMeaning", "Task name"),
    Meaning.CONTENT: QT_TRANSLATE_NOOP("ColumnMeaning", "Work content"),
    Meaning.INDICATOR: QT_TRANSLATE_NOOP("ColumnMeaning", "Indicator"),
    Meaning.BASELINE: QT_TRANSLATE_NOOP("ColumnMeaning", "Baseline"),
    Meaning.YEAR: QT_TRANSLATE_NOOP("ColumnMeaning", "Target of a year"),
    Meaning.LEAD: QT_TRANSLATE_NOOP("ColumnMeaning", "Lead office"),
    Meaning.CO: QT_TRANSLATE_NOOP("ColumnMeaning", "Co-operating offices"),
    Meaning.RESPONSIBLE: QT_TRANSLATE_NOOP("ColumnMeaning", "Responsible offices (first one leads)"),
    Meaning.DEADLINE: QT_TRANSLATE_NOOP("ColumnMeaning", "Deadline"),
    Meaning.NOTE: QT_TRANSLATE_NOOP("ColumnMeaning", "Note"),
    Meaning.UNKNOWN: QT_TRANSLATE_NOOP("ColumnMeaning", "Other (kept in the note)"),
    Meaning.IGNORE: QT_TRANSLATE_NOOP("ColumnMeaning", "Do not import"),
}


def sample_text(grid: Grid, column: int, first_row: int) -> str:
    """The first few values of a column below the header, as a hint of what it holds."""
    found: list[str] = []
    for row in range(first_row, min(grid.height, first_row + SAMPLE_SCAN_ROWS)):
        # The cell's own value: a section row merged across the table would otherwise repeat in every column.
        text = cell_text(grid.cell(row, column)).replace("\n", " ")
        if text:
            found.append(text if len(text) <= SAMPLE_CHARS else text[:SAMPLE_CHARS] + "…")
        if len(found) == SAMPLE_VALUES:
            break
    return " | ".join(found)


class MappingTable(QTableWidget):
    """One row per sheet column: letter, header, sample values, a meaning chooser and a year."""

    mapping_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(0, 5, parent)
        self.setHorizontalHeaderLabels([self.tr("Column"), self.tr("Header"), self.tr("First values"),
                                        self.tr("Meaning"), self.tr("Year")])
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SAMPLE, QHeaderView.ResizeMode.Stretch)
        self._mapping = ColumnMapping()

    def set_mapping(self, grid: Grid, mapping: ColumnMapping) -> None:
        self._mapping = mapping
        self.setRowCount(len(mapping))
        first_data_row = mapping.header_last_row + 1
        for row, spec in enumerate(mapping):
            self.setItem(row, COL_LETTER, QTableWidgetItem(spec.letter))
            self.setItem(row, COL_HEADER, QTableWidgetItem(spec.header))
            self.setItem(row, COL_SAMPLE, QTableWidgetItem(sample_text(grid, spec.column, first_data_row)))
            self.setCellWidget(row, COL_MEANING, self._meaning_box(spec))
            self.setCellWidget(row, COL_YEAR, self._year_box(spec))

    def _meaning_box(self, spec: ColumnSpec) -> QComboBox:
        box = QComboBox(self)
        for meaning in Meaning:
            box.addItem(meaning_label(meaning), meaning.value)
        box.setCurrentIndex(box.findData(spec.meaning.value))
        box.currentIndexChanged.connect(lambda _index, column=spec.column: self._meaning_chosen(column))
        return box

    def _year_box(self, spec: ColumnSpec) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(NO_YEAR, MAX_YEAR)
        box.setSpecialValueText(" ")
        box.setValue(spec.year or NO_YEAR)
        box.setEnabled(spec.meaning is Meaning.YEAR)
        box.valueChanged.connect(lambda _value, column=spec.column: self._meaning_chosen(column))
        return box

    def row_of_column(self, column: int) -> int:
        return next(row for row, spec in enumerate(self._mapping) if spec.column == column)

    def meaning_box(self, column: int) -> QComboBox:
        box = self.cellWidget(self.row_of_column(column), COL_MEANING)
        assert isinstance(box, QComboBox), "every row has its meaning chooser"
        return box

    def year_box(self, column: int) -> QSpinBox:
        box = self.cellWidget(self.row_of_column(column), COL_YEAR)
        assert isinstance(box, QSpinBox), "every row has its year box"
        return box

    def meaning_at(self, column: int) -> Meaning:
        return Meaning(self.meaning_box(column).currentData())

    def choose(self, column: int, meaning: Meaning) -> None:
        box = self.meaning_box(column)
        box.setCurrentIndex(box.findData(meaning.value))

    def _meaning_chosen(self, column: int) -> None:
        meaning = self.meaning_at(column)
        year_box = self.year_box(column)
        year_box.setEnabled(meaning is Meaning.YEAR)
        year = year_box.value() if year_box.value() != NO_YEAR else None
        if meaning is Meaning.YEAR and year is None:
            year = max(self._mapping.years, default=MIN_YEAR + 70) + 1
            year_box.blockSignals(True)
            year_box.setValue(year)
            year_box.blockSignals(False)
        self._mapping = self._mapping.with_meaning(column, meaning, year)
        self.mapping_changed.emit()

    def mapping(self) -> ColumnMapping:
        return self._mapping
