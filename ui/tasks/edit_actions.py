"""The 编辑 menu's plan commands, connected to the task table and the plan editor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from planner.plans.structure import neighbour_place, outline_sections
from ui.context import WindowContext
from ui.tasks.plan_editor import PlanEditor
from ui.tasks.tab import TasksTab
from ui.tasks.table_model import COL_NAME

if TYPE_CHECKING:
    from ui.offices.dialog import OfficeDialog
    from ui.tasks.targets_dialog import TargetsDialog
    from ui.window.actions import MainActions

# Keys that edit the table act only while the table has the focus: elsewhere Delete deletes a character.
TABLE_KEYS = ("add_task", "delete_task", "move_up", "move_down")


class EditActions(QObject):
    def __init__(self, context: WindowContext, actions: MainActions, tasks: TasksTab):
        super().__init__(context)
        self.context, self.actions, self.tasks = context, actions, tasks
        self.editor = PlanEditor(context, tasks.model)
        self.office_dialog: OfficeDialog | None = None
        self.targets_dialog: TargetsDialog | None = None
        for name in TABLE_KEYS:
            action = getattr(actions, name)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            tasks.table.addAction(action)
        actions.find.triggered.connect(self.find)
        if context.readonly:
            return
        actions.new_plan.triggered.connect(self.editor.new_plan)
        actions.add_section.triggered.connect(lambda: self.editor.add_section())
        actions.add_task.triggered.connect(self.add_task)
        actions.delete_task.triggered.connect(self.delete_current)
        actions.move_up.triggered.connect(lambda: self.move(-1))
        actions.move_down.triggered.connect(lambda: self.move(+1))
        actions.renumber.triggered.connect(self.editor.renumber)
        actions.edit_targets.triggered.connect(self.edit_targets)
        actions.plan_properties.triggered.connect(self.editor.edit_properties)
        actions.issue_plan.triggered.connect(self.editor.issue_plan)
        actions.offices.triggered.connect(self.open_offices)

    def current_task(self):
        return self.tasks.current_task()

    def current_section(self):
        return self.tasks.model.section_at(self.tasks.table.currentIndex().row())

    def find(self) -> None:
        search = self.tasks.filter_bar.search
        search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        search.selectAll()

    def add_task(self) -> bool:
        task, section = self.current_task(), self.current_section()
        section_id = task.section_id if task is not None else (section.id if section is not None else None)
        if self.editor.add_task(task, section_id):
            self._edit_name_of_current()
            return True
        return False

    def _edit_name_of_current(self) -> None:
        table = self.tasks.table
        row = table.currentIndex().row()
        if row >= 0:
            index = table.model().index(row, COL_NAME)
            table.setCurrentIndex(index)
            table.edit(index)

    def delete_current(self) -> bool:
        task, section = self.current_task(), self.current_section()
        if task is not None:
            return self.editor.delete_task(task)
        if section is not None:
            return self.editor.delete_section(section.id)
        return False

    def move(self, step: int) -> bool:
        task = self.current_task()
        plan = self.tasks.model.plan
        if task is None or plan is None:
            return False
        assert plan.id is not None and task.id is not None, "the table shows a plan read from the database"
        # The tasks of a stored plan all have ids: the filter drops none, it narrows the type.
        order = [(t.id, t.section_id) for t in plan.tasks if t.id is not None]
        place = neighbour_place(order, outline_sections(self.context.store.conn, plan.id), task.id, step)
        if place is None:
            return False
        return self.editor.move_task(task, *place)

    def edit_targets(self):
        task = self.current_task()
        plan = self.tasks.model.plan
        if task is None or plan is None:
            return None
        assert plan.id is not None, "the table shows a plan read from the database"
        from ui.tasks.targets_dialog import TargetsDialog

        dialog = TargetsDialog(self.editor, self.context.undo_stack, plan, task, self.context.source.offices(plan.id),
                               self.editor.ask_change, self.context.parent_widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.targets_dialog = dialog
        dialog.open()
        return dialog

    def open_offices(self):
        """编辑 → 单位管理…: one dialog kept for the window's life, so that undoing its changes
        from the Edit menu after it is closed still works."""
        from ui.offices.dialog import OfficeDialog

        if self.office_dialog is None:
            self.office_dialog = OfficeDialog(self.context, self.context.parent_widget)
        self.office_dialog.show()
        self.office_dialog.raise_()
        self.office_dialog.activateWindow()
        return self.office_dialog
