"""The form for correcting one task of a notice before it is imported: its offices and its yearly targets.

Office names complete from the offices the database knows; each target line shows, as it is
typed, how it will be understood. The dialog only collects the answer; the wizard applies it
(`planner.notices.edits.set_offices` and `set_targets`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner.notices.items import NoticeItem
from ui.context import WindowContext
from ui.tasks.edit_delegate import PREVIEW_STYLE, UNREADABLE_STYLE, OfficeCompleter, target_preview

OFFICE_SEPARATOR = "、"
MIN_WIDTH = 620


@dataclass(frozen=True)
class TaskCorrection:
    lead: list[str] | None  # None: the offices were left as they were
    co: list[str]
    targets: dict[str, str] | None  # year → target text; None: the targets were left as they were


def _entries(text: str) -> list[str]:
    """The text as one entry: `set_offices` splits it by the office-name rules (各区、县(市)政府 stays one)."""
    return [text.strip()] if text.strip() else []


class _TargetLine(QWidget):
    def __init__(self, text: str, parent: QWidget):
        super().__init__(parent)
        self.edit = QLineEdit(text, self)
        self.reading = QLabel(self)
        self.reading.setWordWrap(True)
        self.edit.textChanged.connect(self._show_reading)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.reading)
        self._show_reading()

    def _show_reading(self) -> None:
        text = self.edit.text()
        self.reading.setVisible(bool(text.strip()))
        line, understood = target_preview(text)
        self.reading.setText(line)
        self.reading.setStyleSheet(PREVIEW_STYLE if understood else UNREADABLE_STYLE)


class NoticeTaskDialog(QDialog):
    def __init__(self, context: WindowContext, item: NoticeItem, years: list[int], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("noticeTaskDialog")
        self.setWindowTitle(self.tr("Offices and targets of the task"))
        self.setMinimumWidth(MIN_WIDTH)
        self.item = item
        names = context.source.all_office_names()
        name = html.escape(item.row.task.name if item.row is not None else item.name)
        heading = QLabel(f"<b>{html.escape(item.origin)}</b>　{name}", self)
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        self.lead_edit = self._office_edit(item.lead, names)
        self.co_edit = self._office_edit(item.co, names)
        offices = QGroupBox(self.tr("Offices"), self)
        office_form = QFormLayout(offices)
        office_form.addRow(self.tr("&Lead:"), self.lead_edit)
        office_form.addRow(self.tr("&Co-operating:"), self.co_edit)
        office_form.addRow(QLabel(self.tr("Separate several offices with 、"), offices))
        self.target_lines: dict[str, _TargetLine] = {}
        self._targets_box = QGroupBox(self.tr("Targets by year"), self)
        self._target_form = QFormLayout()
        for year in self._years(item, years):
            self._add_year(year)
        add_year = QPushButton(self.tr("Add a &year"), self._targets_box)
        add_year.clicked.connect(lambda: self._add_year(max(int(y) for y in self.target_lines) + 1
                                                        if self.target_lines else years[-1] + 1))
        inner = QWidget(self._targets_box)
        inner.setLayout(self._target_form)
        scroll = QScrollArea(self._targets_box)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        box_layout = QVBoxLayout(self._targets_box)
        box_layout.addWidget(scroll, 1)
        box_layout.addWidget(add_year, 0, Qt.AlignmentFlag.AlignLeft)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(offices)
        layout.addWidget(self._targets_box, 1)
        layout.addWidget(buttons)
        self._start = self._answer()

    def _office_edit(self, names: tuple[str, ...], known: list[str]) -> QLineEdit:
        edit = QLineEdit(OFFICE_SEPARATOR.join(names), self)
        edit.setCompleter(OfficeCompleter(known, edit))
        return edit

    @staticmethod
    def _years(item: NoticeItem, years: list[int]) -> list[int]:
        stated = {int(t.period) for t in item.targets if t.period.isdigit()}
        return sorted(set(years) | stated)

    def _add_year(self, year: int) -> None:
        period = str(year)
        if period in self.target_lines:
            return
        text = "；".join(t.text for t in self.item.targets if t.period == period and t.office is None)
        line = _TargetLine(text, self._targets_box)
        self.target_lines[period] = line
        self._target_form.addRow(self.tr("%1:").replace("%1", period), line)

    def _answer(self) -> tuple[list[str], list[str], dict[str, str]]:
        return (_entries(self.lead_edit.text()), _entries(self.co_edit.text()),
                {period: line.edit.text().strip() for period, line in self.target_lines.items()})

    def correction(self) -> TaskCorrection | None:
        """What the clerk changed; None when nothing was."""
        lead, co, targets = self._answer()
        start_lead, start_co, start_targets = self._start
        offices_changed = (lead, co) != (start_lead, start_co)
        targets_changed = {p: t for p, t in targets.items() if t} != {p: t for p, t in start_targets.items() if t}
        if not offices_changed and not targets_changed:
            return None
        return TaskCorrection(lead if offices_changed else None, co, targets if targets_changed else None)
