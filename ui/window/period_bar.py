"""The toolbar that chooses the period and the office the window looks at."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar

from planner.domain.model import Plan
from planner.domain.plan_periods import default_period, plan_periods
from ui.common.language import is_chinese


class PlanFilterBar(QToolBar):
    """Emits `period_changed(code)` and `office_changed(name or None)` when the user chooses."""

    period_changed = Signal(str)
    office_changed = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("planFilterBar")
        self.setWindowTitle(self.tr("Period and office"))
        self.setMovable(False)
        self.period_combo = QComboBox(self)
        self.period_combo.setObjectName("periodCombo")
        self.period_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.office_combo = QComboBox(self)
        self.office_combo.setObjectName("officeCombo")
        self.office_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.office_combo.setMaxVisibleItems(20)
        period_label = QLabel(self.tr("Period:"), self)
        period_label.setBuddy(self.period_combo)
        office_label = QLabel(self.tr("Office:"), self)
        office_label.setBuddy(self.office_combo)
        self.addWidget(period_label)
        self.addWidget(self.period_combo)
        self.addSeparator()
        self.addWidget(office_label)
        self.addWidget(self.office_combo)
        self.period_combo.currentIndexChanged.connect(self._emit_period)
        self.office_combo.currentIndexChanged.connect(self._emit_office)

    def set_plan(self, plan: Plan | None, offices: list[str], today: date | None = None,
                 reported: Iterable[str] = ()) -> None:
        """Fill both selectors for `plan` without emitting, on the period `default_period` chooses from the
        periods with returns (`reported`); the caller applies the new choice itself."""
        chinese = is_chinese()
        for combo in (self.period_combo, self.office_combo):
            combo.blockSignals(True)
            combo.clear()
        if plan is not None:
            for period in plan_periods(plan):
                self.period_combo.addItem(period.label if chinese else period.label_en, period.code)
            chosen = self.period_combo.findData(default_period(plan, today or date.today(), reported))
            self.period_combo.setCurrentIndex(max(0, chosen))
        self.office_combo.addItem(self.tr("All offices"), None)
        for name in offices:
            self.office_combo.addItem(name, name)
        for combo in (self.period_combo, self.office_combo):
            combo.blockSignals(False)

    def period(self) -> str | None:
        return self.period_combo.currentData()

    def office(self) -> str | None:
        return self.office_combo.currentData()

    def select_period(self, code: str) -> None:
        self.period_combo.setCurrentIndex(self.period_combo.findData(code))

    def select_office(self, name: str | None) -> None:
        found = self.office_combo.findData(name) if name is not None else 0
        self.office_combo.setCurrentIndex(max(0, found))

    def _emit_period(self, _index: int) -> None:
        if self.period() is not None:
            self.period_changed.emit(self.period())

    def _emit_office(self, _index: int) -> None:
        self.office_changed.emit(self.office())
