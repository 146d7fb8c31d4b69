"""Editing the plan on screen: cells of the task table, tasks added, moved and deleted, sections, the plan itself.

Every change goes through planner's editing services as an undoable command on
the window's QUndoStack. Once a plan is issued, a change to a task's core content
asks for the reason and the quarter it applies from (`ui.tasks.change_dialog`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from planner.domain.changes import Changes
from planner.domain.model import Plan, PlanState, Task
from planner.domain.office_names import split_offices
from planner.plans.adjustments import FIELD_LABELS, Change
from planner.plans.structure import (
    Order,
    add_section,
    add_task,
    create_plan,
    delete_section,
    delete_task,
    move_task,
    rename_section,
    renumber,
    report_count,
    restore_order,
    restore_section,
    restore_task,
    set_state,
    update_plan,
)
from planner.store import Store
from ui.common.done_command import push_done
from ui.context import WindowContext
from ui.tasks.change_dialog import ChangeDialog, change_for
from ui.tasks.commands import EditTextCommand, PlanCommand, SetOfficesCommand, SetTargetCommand, TaskEditCommand
from ui.tasks.table_model import COL_BASELINE, COL_CONTENT, COL_INDICATOR, COL_NAME, COL_SEQ, TaskTableModel

TEXT_COLUMNS = {COL_SEQ: "seq", COL_NAME: "name", COL_CONTENT: "content", COL_INDICATOR: "indicator",
                COL_BASELINE: "baseline"}


class PlanEditor(QObject):
    """The edits of the plan the context shows; `model` is the task table whose cells it edits."""

    def __init__(self, context: WindowContext, model: TaskTableModel):
        super().__init__(context)
        self.context = context
        self.store: Store = context.store
        self.undo_stack = context.undo_stack
        self.model = model
        if not self.store.readonly:
            self.model.edit_handler = self.edit_cell

    @property
    def window(self):
        """The parent of the dialogs this editor asks with."""
        return self.context.parent_widget

    # EditContext

    def show_task(self, task_id: int) -> None:
        self.context.request_show(task_id=task_id)

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self.window, self.tr("Cannot change the plan"), message)

    def offer_reload(self, message: str, changes: Changes) -> None:
        self.context.offer_reload(message, changes, self.window)

    # Asking why an issued plan changes

    def ask_change(self, description: str) -> Change | None:
        dialog = ChangeDialog(self._edited_plan(), description, self.context.period_code, self.window)
        return dialog.change() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _change_for(self, field: str, task: Task, description: str) -> tuple[bool, Change | None]:
        """(go on, change): asks for a reason when the plan is issued and `field` is core content."""
        return change_for(self._edited_plan().state, field, f"{task.seq} {task.name}：{description}", self.ask_change)

    def plan(self) -> Plan | None:
        return self.model.plan

    def _edited_plan(self) -> Plan:
        plan = self.model.plan
        assert plan is not None, "cells, tasks and their changes are edited on the plan on screen"
        return plan

    def push(self, command) -> bool:
        """Make the change and push it; True if it changed something (False also when refused)."""
        return bool(push_done(self.undo_stack, command, self.show_error, self.offer_reload))

    # Cells

    def edit_cell(self, row: int, column: int, text: str) -> bool:
        section = self.model.section_at(row)
        if section is not None:
            assert section.id is not None, "the table shows a plan read from the database"
            return self.rename_section(section.id, section.title, text)
        task = self.model.task_at(row)
        if task is None:
            return False
        year = self.model.year_of_column(column)
        command: TaskEditCommand
        if column in TEXT_COLUMNS:
            field = TEXT_COLUMNS[column]
            label = FIELD_LABELS[field]
            go_on, change = self._change_for(field, task, f"{label}：{getattr(task, field)} → {text}")
            if not go_on:
                return False
            command = EditTextCommand(self, task, field, text, self.tr("Edit %1").replace("%1", label), change)
        elif year is not None:
            old = task.plan_target(str(year))
            go_on, change = self._change_for("target", task, f"{year}年目标：{old.text if old else ''} → {text}")
            if not go_on:
                return False
            command = SetTargetCommand(self, task, str(year), text, None,
                                       self.tr("Edit the %1 target").replace("%1", str(year)), change)
        elif column in (self.model.lead_column, self.model.co_column):
            lead, co = list(task.lead), list(task.co)
            if column == self.model.lead_column:
                lead = split_offices(text)
            else:
                co = split_offices(text)
            go_on, change = self._change_for("offices", task, self.tr("responsible offices"))
            if not go_on:
                return False
            command = SetOfficesCommand(self, task, lead, co, self.tr("Edit the responsible offices"), change)
        else:
            return False
        return self.push(command)

    # The plan

    def new_plan(self) -> int | None:
        from ui.tasks.plan_dialog import PlanDialog

        dialog = PlanDialog(None, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        values = dialog.values()
        created: list[int] = []

        def do() -> int:
            plan_id = create_plan(self.store, values["title"], values["first_year"], values["last_year"],
                                  values["doc_no"], values["issuer"])
            created.append(plan_id)
            self.context.request_show(plan_id=plan_id)
            return plan_id

        def undo(plan_id: int) -> None:
            from planner.plans.structure import delete_empty_plan

            delete_empty_plan(self.store, plan_id)

        command = PlanCommand(self, self.tr("New plan"), do, undo)
        return created[-1] if self.push(command) else None

    def edit_properties(self) -> bool:
        from ui.tasks.plan_dialog import PlanDialog

        plan = self.plan()
        if plan is None:
            return False
        dialog = PlanDialog(plan, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        plan_id, values = plan.id, dialog.values()
        assert plan_id is not None, "the plan on screen was read from the database"
        seen = {"title": plan.title, "doc_no": plan.doc_no, "issuer": plan.issuer, "first_year": plan.first_year,
                "last_year": plan.last_year}
        return self.push(PlanCommand(self, self.tr("Plan properties"),
                                     lambda: update_plan(self.store, plan_id, values, seen),
                                     lambda old: update_plan(self.store, plan_id, old),
                                     reloads=Changes(plans=frozenset({plan_id}))))

    def issue_plan(self) -> bool:
        plan = self.plan()
        if plan is None or plan.state is PlanState.ISSUED:
            return False
        answer = QMessageBox.question(
            self.window, self.tr("Issue the plan"),
            self.tr("Mark “%1” as issued? From then on, changes to tasks, indicators, targets and responsible "
                    "offices are adjustments that need a reason.").replace("%1", plan.title))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        plan_id = plan.id
        assert plan_id is not None, "the plan on screen was read from the database"
        seen = plan.state
        return self.push(PlanCommand(self, self.tr("Issue the plan"),
                                     lambda: set_state(self.store, plan_id, PlanState.ISSUED, seen),
                                     lambda old: set_state(self.store, plan_id, old),
                                     reloads=Changes(plans=frozenset({plan_id}))))

    # Sections

    def add_section(self, parent_id: int | None = None) -> bool:
        plan = self.plan()
        if plan is None:
            return False
        title, ok = QInputDialog.getText(self.window, self.tr("Add a section"), self.tr("Section title:"))
        if not ok or not title.strip():
            return False
        plan_id = plan.id
        assert plan_id is not None, "the plan on screen was read from the database"
        return self.push(PlanCommand(self, self.tr("Add a section"),
                                     lambda: add_section(self.store, plan_id, title, parent_id),
                                     lambda section_id: delete_section(self.store, section_id)))

    def rename_section(self, section_id: int, old_title: str, title: str) -> bool:
        plan_id = self._edited_plan().id
        assert plan_id is not None, "the plan on screen was read from the database"
        return self.push(PlanCommand(self, self.tr("Rename a section"),
                                     lambda: rename_section(self.store, section_id, title, old_title),
                                     lambda old: rename_section(self.store, section_id, old),
                                     reloads=Changes(outline=frozenset({plan_id}))))

    def delete_section(self, section_id: int) -> bool:
        return self.push(PlanCommand(self, self.tr("Delete a section"),
                                     lambda: delete_section(self.store, section_id),
                                     lambda row: restore_section(self.store, row)))

    # Tasks

    def add_task(self, after: Task | None, section_id: int | None) -> bool:
        plan = self.plan()
        if plan is None:
            return False
        plan_id, after_id = plan.id, after.id if after else None
        assert plan_id is not None, "the plan on screen was read from the database"
        # No name yet: the name cell opens for typing, and blank names are never merged with a neighbour's.
        return self.push(PlanCommand(self, self.tr("Add a task"),
                                     lambda: add_task(self.store, plan_id, section_id, after_id, ""),
                                     lambda memo: self._undo_add(memo), select=lambda memo: memo[0]))

    def _undo_add(self, memo: tuple[int, Order]) -> None:
        task_id, order = memo
        delete_task(self.store, task_id, "撤销添加")
        restore_order(self.store, order)

    def delete_task(self, task: Task) -> bool:
        task_id = task.id
        assert task_id is not None, "the table shows tasks read from the database"
        reports = report_count(self.store.conn, task_id)
        question = self.tr("Delete task %1 “%2”?").replace("%1", task.seq).replace("%2", task.name)
        if reports:
            question += "\n" + self.tr("It has %1 progress reports; they are deleted with it (Undo brings them "
                                       "back while the window is open).").replace("%1", str(reports))
        if reports or self._edited_plan().state is PlanState.ISSUED:
            answer = QMessageBox.question(self.window, self.tr("Delete a task"), question)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        reason = ""
        if self._edited_plan().state is PlanState.ISSUED:
            change = self.ask_change(self.tr("Delete task %1 “%2”").replace("%1", task.seq).replace("%2", task.name))
            if change is None:
                return False
            reason = change.reason
        return self.push(PlanCommand(self, self.tr("Delete a task"),
                                     lambda: delete_task(self.store, task_id, reason),
                                     lambda deleted: restore_task(self.store, deleted)))

    def move_task(self, task: Task, section_id: int | None, before_task_id: int | None) -> bool:
        task_id = task.id
        assert task_id is not None, "the table shows tasks read from the database"
        return self.push(PlanCommand(self, self.tr("Move a task"),
                                     lambda: move_task(self.store, task_id, section_id, before_task_id),
                                     lambda order: restore_order(self.store, order), select=lambda _: task_id))

    def renumber(self) -> bool:
        plan = self.plan()
        if plan is None:
            return False
        plan_id = plan.id
        assert plan_id is not None, "the plan on screen was read from the database"
        return self.push(PlanCommand(self, self.tr("Renumber the tasks"), lambda: renumber(self.store, plan_id),
                                     lambda order: restore_order(self.store, order)))
