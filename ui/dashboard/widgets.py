"""The dashboard's building blocks: a status tile, a sortable read-only table, a titled frame."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QFrame, QGroupBox, QLabel, QTableView, QVBoxLayout, QWidget

from planner.domain.model import Status
from ui.common.status_light import status_label
from ui.dashboard.models import SORT_ROLE

PENDING_COUNT = "…"


class StatusTile(QFrame):
    """One status with its count, on the status colour used everywhere else."""

    def __init__(self, status: Status, parent: QWidget | None = None):
        super().__init__(parent)
        self.status = status
        self.setObjectName(f"tile_{status.name.lower()}")
        self.setStyleSheet(f"#{self.objectName()} {{ background: {status.colour}; border-radius: 4px; }}"
                           f" #{self.objectName()} QLabel {{ color: white; }}")
        self.count_label = QLabel(PENDING_COUNT, self)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.count_label.setFont(font)
        self.name_label = QLabel(status_label(status), self)
        layout = QVBoxLayout(self)
        for label in (self.count_label, self.name_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)

    def set_count(self, count: int | None) -> None:
        self.count_label.setText(PENDING_COUNT if count is None else str(count))


def sorted_table(model, parent: QWidget, sortable: bool) -> QTableView:
    """A read-only table of whole rows over `model`, sorted by SORT_ROLE when `sortable`."""
    view = QTableView(parent)
    proxy = QSortFilterProxyModel(view)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view.setModel(proxy)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setHighlightSections(False)
    # No sort indicator at first: the engine's own order (lead offices first, plan order) is the default.
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(sortable)
    return view


def group_box(title: str, widget: QWidget, parent: QWidget) -> QGroupBox:
    """`widget` framed under `title`."""
    box = QGroupBox(title, parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(widget)
    return box
