"""Asking why an issued plan changes (调整原因) and from which quarter the change applies."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from planner.domain.model import Plan, PlanState
from planner.domain.periods import Period, parse_period, quarters_of
from planner.domain.plan_periods import default_period
from planner.plans.adjustments import Change, needs_change
from ui.tasks.target_text import period_label


def default_quarter(plan: Plan, shown_period: str | None) -> str:
    """The quarter on screen, else today's quarter, kept within the plan's years (a year means its first quarter)."""
    period = parse_period(shown_period or default_period(plan, date.today()))
    return Period(period.year, period.quarter or 1).code


def change_for(state: PlanState, field: str, description: str,
               ask_change: Callable[[str], Change | None]) -> tuple[bool, Change | None]:
    """(go on, change): asks for a reason through `ask_change` when the plan is issued and `field` is core
    content; go on is False when the user cancelled."""
    if not needs_change(state, field):
        return True, None
    change = ask_change(description)
    return change is not None, change


class ChangeDialog(QDialog):
    def __init__(self, plan: Plan, description: str, shown_period: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Adjust an issued plan"))
        intro = QLabel(self.tr("This plan has been issued, so this change is recorded as an adjustment with its "
                               "reason and kept in the task's history."), self)
        intro.setWordWrap(True)
        what = QLabel(description, self)
        what.setWordWrap(True)
        what.setObjectName("changeDescription")
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("changeReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("For example: adjusted by the municipal government's notice of …"))
        self.reason.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.effective = QComboBox(self)
        self.effective.setObjectName("changeEffective")
        for year in plan.years:
            for quarter in quarters_of(year):
                self.effective.addItem(period_label(quarter.code), quarter.code)
        self.effective.setCurrentIndex(max(0, self.effective.findData(default_quarter(plan, shown_period))))
        form = QFormLayout()
        form.addRow(self.tr("&Reason:"), self.reason)
        form.addRow(self.tr("Applies &from:"), self.effective)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Reports of earlier quarters stay measured against the earlier target."),
                                self))
        layout.addWidget(self.buttons)
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason.toPlainText().strip()))

    def change(self) -> Change:
        return Change(self.reason.toPlainText().strip(), self.effective.currentData())
