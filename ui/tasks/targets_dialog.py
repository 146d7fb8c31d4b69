"""The targets of one task, period by period: the plan-wide target and its split by office.

A period is chosen from the plan's years and their quarters. The plan-wide target
is typed in a line with its reading shown underneath on every keystroke; the
offices' shares are a small grid with a sum row that compares them with the
plan-wide figure. Enter (or leaving the field) saves through `SetTargetCommand`
on the window's undo stack; an issued plan asks for the reason first. The dialog
reads the task again after every change on the stack, so undo and redo, here or
in the window, show at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.errors import PlannerError
from planner.domain.model import Plan, Target, Task
from planner.domain.periods import parse_period
from planner.domain.plan_periods import default_period, plan_periods
from planner.domain.target_building import targets_from_text
from planner.plans.adjustments import Change
from planner.store.queries import load_task
from ui.common.done_command import push_done, submitted
from ui.tasks.change_dialog import change_for
from ui.tasks.commands import EditContext, SetTargetCommand
from ui.tasks.target_shares import (
    UNREADABLE_COLOR,
    Column,
    OfficeDelegate,
    SharesModel,
    SharesTable,
    SumState,
    office_key,
    sum_style,
)
from ui.tasks.target_text import period_label, target_reading

PREVIEW_STYLE = "color:#1B5E20; background:#E8F5E9; border:1px solid #81C784; padding:3px 6px;"
UNREADABLE_STYLE = f"color:{UNREADABLE_COLOR}; background:#FFF3E0; border:1px solid #FFB74D; padding:3px 6px;"
PERIOD_TEXT_CHARS = 24


def shares_of(task: Task, period: str) -> list[Target]:
    return [t for t in task.targets if t.period == period and t.office is not None]


class TargetsDialog(QDialog):
    """The targets of `task` by period. The window may call `set_task` with the task as stored after a change
    made elsewhere; the dialog also reads it again itself after every change on `undo_stack`."""

    def __init__(self, context: EditContext, undo_stack: QUndoStack, plan: Plan, task: Task, offices: list[str],
                 ask_change: Callable[[str], Change | None], parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.undo_stack, self.plan, self.task = context, undo_stack, plan, task
        assert task.id is not None, "targets are set on a task read from the database"
        self.task_id = task.id  # the same task throughout: set_task ignores any other
        self.ask_change = ask_change
        self._busy = False
        self.sum_state = SumState.NONE
        self.setWindowTitle(self.tr("Targets: %1 %2").replace("%1", task.seq).replace("%2", task.name))
        self._build(offices)
        self.model.edited.connect(self._commit_row, Qt.ConnectionType.QueuedConnection)
        self.undo_stack.indexChanged.connect(self._stack_changed)
        self._fill_periods()
        self.show_period(str(parse_period(default_period(plan, date.today())).year))
        self.resize(720, 480)

    # Layout

    def _build(self, offices: list[str]) -> None:
        self.task_label = QLabel(self)
        self.task_label.setWordWrap(True)
        self.period_combo = QComboBox(self)
        self.period_combo.setObjectName("targetPeriod")
        self.target_edit = QLineEdit(self)
        self.target_edit.setObjectName("planWideTarget")
        self.target_edit.setPlaceholderText(self.tr("For example: 全市300个, or 不少于85% — Enter saves"))
        self.preview = QLabel(self)
        self.preview.setObjectName("targetPreview")
        self.preview.setWordWrap(True)
        self.model = SharesModel(self)
        self.table = SharesTable(self.model, self)
        self.table.setObjectName("officeShares")
        self.table.setItemDelegate(OfficeDelegate(offices, self.model, self.table))
        self.table.add_requested = self.add_share
        self.table.remove_requested = self.remove_share
        self.sum_label = QLabel(self)
        self.sum_label.setObjectName("sharesSum")
        self.model.sum_changed.connect(self._show_sum)
        form = QFormLayout()
        form.addRow(self.tr("&Period:"), self.period_combo)
        target_column = QVBoxLayout()
        target_column.setSpacing(2)
        target_column.addWidget(self.target_edit)
        target_column.addWidget(self.preview)
        target_label = QLabel(self.tr("Plan-wide &target:"), self)
        target_label.setBuddy(self.target_edit)
        form.addRow(target_label, target_column)
        shares_label = QLabel(self.tr("Per-&office targets (Insert adds a row, Delete removes one):"), self)
        shares_label.setBuddy(self.table)
        self.add_button = QPushButton(self.tr("&Add office"), self)
        self.remove_button = QPushButton(self.tr("&Remove office"), self)
        self.add_button.clicked.connect(self.add_share)
        self.remove_button.clicked.connect(lambda: self.remove_share(self.table.currentIndex().row()))
        self.undo_button = QPushButton(self.tr("&Undo"), self)
        self.redo_button = QPushButton(self.tr("Re&do"), self)
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.undo_button, self.redo_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter in the target field saves it; it must not press a button
            button.setDefault(False)
        hint = QLabel(self.tr("Enter saves · Tab moves to the next field · Esc closes"), self)
        hint.setStyleSheet("color:#616161;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.task_label)
        layout.addLayout(form)
        layout.addWidget(shares_label)
        grid = QVBoxLayout()
        grid.setSpacing(0)
        grid.addWidget(self.table, 1)
        grid.addWidget(self.sum_label)
        layout.addLayout(grid, 1)
        layout.addLayout(row)
        layout.addWidget(hint)
        self._add_undo_actions()
        self.period_combo.currentIndexChanged.connect(lambda _: self._period_chosen())
        self.target_edit.textChanged.connect(self._update_preview)
        self.target_edit.editingFinished.connect(self.commit_plan_wide)
        QWidget.setTabOrder(self.period_combo, self.target_edit)
        QWidget.setTabOrder(self.target_edit, self.table)
        QWidget.setTabOrder(self.table, self.add_button)

    def _add_undo_actions(self) -> None:
        for keys, slot in ((QKeySequence.StandardKey.Undo, self.undo), (QKeySequence.StandardKey.Redo, self.redo)):
            action = QAction(self)
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    def _fill_periods(self) -> None:
        current = self.period_combo.currentData()
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        for period in plan_periods(self.plan):
            code = period.code
            label = period_label(code) if period.is_year else "    " + period_label(code)
            target = self.task.plan_target(code)
            if target is not None:
                text = target.text if len(target.text) <= PERIOD_TEXT_CHARS else target.text[:PERIOD_TEXT_CHARS] + "…"
                label += "  " + text
            self.period_combo.addItem(label, code)
        if current is not None:
            self.period_combo.setCurrentIndex(max(0, self.period_combo.findData(current)))
        self.period_combo.blockSignals(False)

    # What is shown

    def period(self) -> str:
        return self.period_combo.currentData()

    def show_period(self, code: str) -> None:
        place = self.period_combo.findData(code)
        if place >= 0:
            self.period_combo.setCurrentIndex(place)
            self._period_chosen()

    def _period_chosen(self) -> None:
        period = self.period()
        self._show_task_line()
        self.model.reset(period, self.task.kind, self.task.plan_target(period), shares_of(self.task, period))
        self._show_plan_wide()

    def _show_task_line(self) -> None:
        line = f"{self.task.seq} {self.task.name}".strip()
        if self.task.indicator:
            line += "　" + self.tr("Indicator: %1").replace("%1", self.task.indicator)
        self.task_label.setText(line)

    def _show_plan_wide(self) -> None:
        stored = self.task.plan_target(self.period())
        self.target_edit.setText(stored.text if stored else "")
        if not self.target_edit.hasFocus():
            self.target_edit.setCursorPosition(0)  # a long target shows its beginning
        self._update_preview(self.target_edit.text())

    def _update_preview(self, text: str) -> None:
        text, period = text.strip(), self.period()
        read = targets_from_text(period, text, kind=self.task.kind) if text else []
        stored = self.task.plan_target(period)
        # Once saved, the target reads as stored: its kind may follow the task's other years.
        shown = stored if stored is not None and stored.text == text else (read[0] if read else None)
        line, understood = target_reading(shown)
        if len(read) > 1:
            line += " · " + self.tr("其中 list: %1 office targets").replace("%1", str(len(read) - 1))
        self.preview.setText(line)
        self.preview.setStyleSheet(PREVIEW_STYLE if understood else UNREADABLE_STYLE)

    def _show_sum(self) -> None:
        line, state = self.model.sum_line()
        self.sum_label.setText(line)
        self.sum_label.setStyleSheet(sum_style(state))
        self.sum_state = state

    def set_task(self, task: Task) -> None:
        """Show `task` as stored now (the window may call this when the task changes elsewhere)."""
        if task.id != self.task.id:
            return
        self.task = task
        self.setWindowTitle(self.tr("Targets: %1 %2").replace("%1", task.seq).replace("%2", task.name))
        self._fill_periods()
        self._show_task_line()
        period = self.period()
        self.model.sync(task.kind, task.plan_target(period), shares_of(task, period))
        if self.target_edit.isModified():
            self._update_preview(self.target_edit.text())
        else:
            self._show_plan_wide()

    def reload(self) -> None:
        try:
            task = load_task(self.context.store.conn, self.task_id)
        except PlannerError:
            self.reject()  # the task is gone (its addition was undone)
            return
        self.set_task(task)

    # Saving

    def commit_plan_wide(self) -> None:
        if self._busy:
            return
        text, period = self.target_edit.text().strip(), self.period()
        stored = self.task.plan_target(period)
        if text == (stored.text if stored else ""):
            return
        self._busy = True
        try:
            self._save(period, None, text, stored.text if stored else "")
        finally:
            self._busy = False
        self.reload()
        self._show_plan_wide()

    def _commit_row(self, position: int) -> None:
        if not self.model.is_share_row(position) or self._busy:
            return
        row = self.model.rows[position]
        office, period = office_key(row.office), self.period()
        if not office and row.stored is not None:
            row.office = row.stored.office or ""  # Delete removes a target; an emptied office cell is put back
            self.model.sync(self.task.kind, self.task.plan_target(period), shares_of(self.task, period))
            return
        if office and office in {office_key(r.office) for r in self.model.rows if r is not row}:
            self.context.show_error(self.tr("%1 already has a target for this period: change that row instead.")
                                    .replace("%1", office))
            row.office = (row.stored.office or "") if row.stored else ""  # shares are per-office targets
            self.model.sync(self.task.kind, self.task.plan_target(period), shares_of(self.task, period))
            return
        if not office or (row.stored is None and not row.text):
            return  # a row is saved once it has both an office and a target
        self._busy = True
        try:
            old = row.stored
            if old is not None and old.office != office:
                self._rename(period, old, office, row.text)
            else:
                self._save(period, office, row.text, old.text if old else "")
        finally:
            self._busy = False
        self.reload()

    def add_share(self) -> None:
        position = self.model.add_row()
        index = self.model.index(position, Column.OFFICE)
        self.table.setFocus()
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def remove_share(self, position: int) -> None:
        if not self.model.is_share_row(position):
            return
        row = self.model.rows[position]
        if row.stored is None:
            self.model.drop_row(position)
            return
        self._busy = True
        try:
            self._save(self.period(), row.stored.office, "", row.stored.text)
        finally:
            self._busy = False
        self.reload()

    def _description(self, period: str, office: str | None, old: str, new: str) -> str:
        what = self.tr("%1 target").replace("%1", period_label(period)) if office is None else \
            self.tr("%1 target of %2").replace("%1", period_label(period)).replace("%2", office)
        return f"{self.task.seq} {self.task.name}：{what}：{old or '—'} → {new or '—'}"

    def _command(self, period: str, office: str | None, text: str, change: Change | None) -> SetTargetCommand:
        label = self.tr("Set the %1 target").replace("%1", period_label(period)) if office is None else \
            self.tr("Set the %1 target of %2").replace("%1", period_label(period)).replace("%2", office)
        return SetTargetCommand(self.context, self.task, period, text, office, label, change)

    def _save(self, period: str, office: str | None, text: str, old: str) -> None:
        go_on, change = change_for(self.plan.state, "target", self._description(period, office, old, text),
                                   self.ask_change)
        if not go_on:
            return
        push_done(self.undo_stack, self._command(period, office, text, change), self.context.show_error,
                  self.context.offer_reload)

    def _rename(self, period: str, old: Target, office: str, text: str) -> None:
        """A row's office changed: the new office gets the target, then the old office's is removed; one undo step."""
        description = self._description(period, old.office, old.text, f"{office} {text}")
        go_on, change = change_for(self.plan.state, "target", description, self.ask_change)
        if not go_on:
            return
        first = self._command(period, office, text, change)
        added = submitted(first, self.context.show_error, self.context.offer_reload)
        if added is None:
            return
        self.task = load_task(self.context.store.conn, self.task_id)
        second = self._command(period, old.office, "", change)
        removed = submitted(second, self.context.show_error, self.context.offer_reload)
        made = [command for command, changed in ((first, added), (second, removed)) if changed]
        if not made:
            return
        self.undo_stack.beginMacro(self.tr("Move the %1 target from %2 to %3").replace("%1", period_label(period))
                                   .replace("%2", old.office or "").replace("%3", office))
        for command in made:
            self.undo_stack.push(command)
        self.undo_stack.endMacro()

    # Undo and redo of this task's target changes

    def _is_own(self, command: QUndoCommand | None) -> bool:
        if command is not None and command.childCount():
            command = command.child(0)
        return isinstance(command, SetTargetCommand) and command.task_id == self.task.id

    def undo(self) -> None:
        if self.undo_stack.canUndo() and self._is_own(self.undo_stack.command(self.undo_stack.index() - 1)):
            self.undo_stack.undo()

    def redo(self) -> None:
        if self.undo_stack.canRedo() and self._is_own(self.undo_stack.command(self.undo_stack.index())):
            self.undo_stack.redo()

    def _stack_changed(self, _index: int) -> None:
        if not shiboken6.isValid(self.undo_stack):
            return  # the window's stack is being destroyed before this dialog at shutdown
        if not self._busy:
            self.reload()
        self._update_undo_buttons()

    def _update_undo_buttons(self) -> None:
        index = self.undo_stack.index()
        self.undo_button.setEnabled(self.undo_stack.canUndo() and self._is_own(self.undo_stack.command(index - 1)))
        self.redo_button.setEnabled(self.undo_stack.canRedo() and self._is_own(self.undo_stack.command(index)))

    # Keys and closing

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._update_undo_buttons()
        self.target_edit.setFocus()

    def done(self, result: int) -> None:
        self._show_plan_wide()  # Esc drops what was typed rather than saving it as the field loses focus
        try:
            self.undo_stack.indexChanged.disconnect(self._stack_changed)
        except (RuntimeError, TypeError):
            pass
        super().done(result)
