"""The bar above the task table: find by text, and show one section or the tasks of one status."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from planner.domain.model import Plan, Status
from ui.common.status_light import status_label


class TaskFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("taskSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Find tasks: words in the task, targets or offices (Ctrl+F)"))
        self.section = QComboBox(self)
        self.section.setObjectName("taskSectionFilter")
        self.section.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.section.setMinimumContentsLength(10)
        self.status = QComboBox(self)
        self.status.setObjectName("taskStatusFilter")
        self.status.addItem(self.tr("All statuses"), None)
        for status in Status:
            self.status.addItem(status_label(status), status.value)
        section_label = QLabel(self.tr("Se&ction:"), self)
        section_label.setBuddy(self.section)
        status_label_widget = QLabel(self.tr("Stat&us:"), self)
        status_label_widget.setBuddy(self.status)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.addWidget(self.search, 3)
        layout.addWidget(section_label)
        layout.addWidget(self.section, 2)
        layout.addWidget(status_label_widget)
        layout.addWidget(self.status)
        self.search.textChanged.connect(self.changed)
        self.section.currentIndexChanged.connect(self.changed)
        self.status.currentIndexChanged.connect(self.changed)
        self.set_plan(None)

    def set_plan(self, plan: Plan | None) -> None:
        """Offer the plan's sections; the search text and status stay as they were."""
        chosen = self.section_id()
        self.section.blockSignals(True)
        self.section.clear()
        self.section.addItem(self.tr("All sections"), None)
        for section in plan.sections if plan else []:
            self.section.addItem(section.title, section.id)
        self.section.setCurrentIndex(max(0, self.section.findData(chosen)) if chosen is not None else 0)
        self.section.blockSignals(False)

    def text(self) -> str:
        return self.search.text()

    def section_id(self) -> int | None:
        return self.section.currentData() if self.section.count() else None

    def status_value(self) -> str | None:
        return self.status.currentData()

    def clear(self) -> None:
        for widget in (self.search, self.section, self.status):
            widget.blockSignals(True)
        self.search.clear()
        self.section.setCurrentIndex(0)
        self.status.setCurrentIndex(0)
        for widget in (self.search, self.section, self.status):
            widget.blockSignals(False)
        self.changed.emit()
