"""The plan outline on the left: plans at the top level, their sections beneath.

A plan's sections are read only when its branch is first opened, so start-up
costs one `list_plans` however many plans the database holds.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView

from planner.domain.model import Plan, Section
from ui.tasks.target_text import tooltip_html

PLAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 2
LOADED_ROLE = Qt.ItemDataRole.UserRole + 3

AnyIndex = QModelIndex | QPersistentModelIndex
SectionLoader = Callable[[int], list[Section]]


class PlanTreeModel(QStandardItemModel):
    def __init__(self, load_sections: SectionLoader, parent=None):
        super().__init__(parent)
        self._load_sections = load_sections

    def set_plans(self, plans: list[Plan]) -> None:
        self.clear()
        root = self.invisibleRootItem()
        for plan in plans:
            root.appendRow(self._plan_item(plan))

    def _plan_item(self, plan: Plan) -> QStandardItem:
        title = self.tr("[Demo] %1").replace("%1", plan.title) if plan.is_demo else plan.title
        item = QStandardItem(title)
        item.setEditable(False)
        item.setData(plan.id, PLAN_ID_ROLE)
        item.setData(False, LOADED_ROLE)
        details = [plan.title, plan.doc_no, self.tr("%1–%2").replace("%1", str(plan.first_year))
                   .replace("%2", str(plan.last_year))]
        if plan.is_demo:
            details.append(self.tr("Demo data: the progress in this plan is invented."))
        item.setToolTip(tooltip_html(details))
        return item

    def plan_index(self, plan_id: int) -> QModelIndex:
        for row in range(self.rowCount()):
            index = self.index(row, 0)
            if index.data(PLAN_ID_ROLE) == plan_id:
                return index
        return QModelIndex()

    def section_index(self, plan_id: int, section_id: int) -> QModelIndex:
        plan = self.plan_index(plan_id)
        if not plan.isValid():
            return QModelIndex()
        if self.canFetchMore(plan):
            self.fetchMore(plan)
        found = self.match(self.index(0, 0, plan), SECTION_ID_ROLE, section_id, 1,
                           Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        return found[0] if found else QModelIndex()

    def _is_unloaded_plan(self, parent: AnyIndex) -> bool:
        return (parent.isValid() and not parent.parent().isValid()
                and parent.data(LOADED_ROLE) is False)

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:
        if self._is_unloaded_plan(parent):
            return True
        return super().hasChildren(parent)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return self._is_unloaded_plan(parent)

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self._is_unloaded_plan(parent):
            return
        plan_item = self.itemFromIndex(parent)
        plan_item.setData(True, LOADED_ROLE)
        plan_id = plan_item.data(PLAN_ID_ROLE)
        items: dict[int | None, QStandardItem] = {None: plan_item}
        for section in sorted(self._load_sections(plan_id), key=lambda s: s.position):
            item = QStandardItem(section.title)
            item.setEditable(False)
            item.setToolTip(tooltip_html([section.title]))
            item.setData(plan_id, PLAN_ID_ROLE)
            item.setData(section.id, SECTION_ID_ROLE)
            items[section.id] = item
            items.get(section.parent_id, plan_item).appendRow(item)


class PlanTree(QTreeView):
    """Emits `plan_chosen(plan_id)` and `section_chosen(plan_id, section_id)` as the user moves."""

    plan_chosen = Signal(int)
    section_chosen = Signal(int, int)

    def __init__(self, load_sections: SectionLoader, parent=None):
        super().__init__(parent)
        self._model = PlanTreeModel(load_sections, self)
        self.setModel(self._model)
        self.setHeaderHidden(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setUniformRowHeights(True)
        self.selectionModel().currentChanged.connect(self._current_changed)

    def tree_model(self) -> PlanTreeModel:
        return self._model

    def set_plans(self, plans: list[Plan]) -> None:
        self.tree_model().set_plans(plans)

    def select_plan(self, plan_id: int) -> None:
        index = self.tree_model().plan_index(plan_id)
        if index.isValid():
            self.setCurrentIndex(index)

    def select_section(self, plan_id: int, section_id: int) -> None:
        index = self.tree_model().section_index(plan_id, section_id)
        if index.isValid():
            self.expand(index.parent())
            self.setCurrentIndex(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        plan_id = current.data(PLAN_ID_ROLE)
        section_id = current.data(SECTION_ID_ROLE)
        if section_id is None:
            self.expand(current)
            self.plan_chosen.emit(plan_id)
        else:
            self.section_chosen.emit(plan_id, section_id)
