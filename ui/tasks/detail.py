"""The selected task in full: its fields, its yearly targets, the per-office breakdown of a year and
the history of its adjustments (调整记录).

The text is selectable so that a clerk can copy it into a document; changes are
made in the table and the targets dialog.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextBrowser, QVBoxLayout, QWidget

from planner.domain.model import Target, Task
from planner.domain.periods import parse_period
from planner.domain.target_text import parse_breakdown
from planner.plans.adjustments import AdjustmentEntry
from ui.common.times import shown_time
from ui.tasks.target_text import kind_label, period_label, quantity_text

OFFICE_SEPARATOR = "、"
# 99%: at 100% QTextDocument rounds a bordered table a pixel wider than the page, which adds a scroll bar.
TABLE = '<table border="1" cellspacing="0" cellpadding="4" width="99%" style="border-collapse:collapse">'


NO_WRAP = ' style="white-space:nowrap"'


def _escape(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _row(cells: list[str], header: bool = False, unbroken: int | None = None) -> str:
    """A table row; the cell at `unbroken` (a date) keeps each of its lines on one line."""
    tag = "th" if header else "td"
    return "<tr>" + "".join(
        f'<{tag}{NO_WRAP if index == unbroken else ""}>{_escape(c)}</{tag}>' for index, c in enumerate(cells)
    ) + "</tr>"


def office_targets(task: Task, period: str) -> list[Target]:
    """Per-office targets for `period`, else for the year the period belongs to."""
    found = [t for t in task.targets if t.period == period and t.office is not None]
    year = parse_period(period).year_period().code
    if found or year == period:
        return found
    return [t for t in task.targets if t.period == year and t.office is not None]


class TaskDetail(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._task: Task | None = None
        self._history: list[AdjustmentEntry] = []
        self._period: str | None = None
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("taskDetailText")
        self.browser.setOpenLinks(False)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("taskNote")
        self.note.setReadOnly(True)
        self.note.setPlaceholderText(self.tr("No note"))
        self.note.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        note_label = QLabel(self.tr("Note"), self)
        note_label.setBuddy(self.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        self.show_task(None)

    def task(self) -> Task | None:
        return self._task

    def set_period(self, period: str | None) -> None:
        self._period = period
        self._render()

    def show_task(self, task: Task | None, history: list[AdjustmentEntry] | None = None) -> None:
        self._task = task
        self._history = history or []
        self._render()

    def _render(self) -> None:
        task = self._task
        if task is None:
            hint = self.tr("Choose a task in the table to see it here.")
            self.browser.setHtml(f"<p>{_escape(hint)}</p>")
            self.note.setPlainText("")
            return
        parts = [self._fields_html(task), self._targets_html(task)]
        if self._period:
            parts.append(self._breakdown_html(task, self._period))
        if self._history:
            parts.append(self._history_html())
        self.browser.setHtml("".join(parts))
        self.note.setPlainText(task.note)

    def _fields_html(self, task: Task) -> str:
        heading = f"{task.seq}　{task.name}" if task.seq else task.name
        fields = [
            (self.tr("No."), task.seq),
            (self.tr("Main task"), task.name),
            (self.tr("Key content"), task.content),
            (self.tr("Indicator"), task.indicator),
            (self.tr("Baseline"), task.baseline),
            (self.tr("Lead office"), OFFICE_SEPARATOR.join(task.lead)),
            (self.tr("Co-operating offices"), OFFICE_SEPARATOR.join(task.co)),
            # Where the notice the plan was imported from states the task, to find it there.
            (self.tr("Origin"), task.origin),
        ]
        rows = "".join(
            f'<tr><td style="color:#555555; white-space:nowrap">{_escape(label)}</td><td>{_escape(value)}</td></tr>'
            for label, value in fields if value
        )
        return f'<h3>{_escape(heading)}</h3><table cellspacing="0" cellpadding="3">{rows}</table>'

    def _targets_html(self, task: Task) -> str:
        plan_wide = sorted((t for t in task.targets if t.office is None), key=lambda t: t.period)
        title = "<h4>" + _escape(self.tr("Targets by period")) + "</h4>"
        if not plan_wide:
            return title + "<p>" + _escape(self.tr("No targets.")) + "</p>"
        header = _row([self.tr("Period"), self.tr("Target"), self.tr("Quantity"), self.tr("Kind")], header=True)
        rows = "".join(
            _row([period_label(t.period), self._target_text(task, t), quantity_text(t), kind_label(t.kind)])
            for t in plan_wide
        )
        return f"{title}{TABLE}{header}{rows}</table>"

    def _target_text(self, task: Task, target: Target) -> str:
        """The target as written, with a 其中 list by office shortened to its count (it is listed below)."""
        offices = sum(1 for t in task.targets if t.period == target.period and t.office is not None)
        if not offices:
            return target.text
        head, _breakdown = parse_breakdown(target.text)
        return head.strip() + "\n" + self.tr("(broken down to %1 offices)").replace("%1", str(offices))

    def _history_html(self) -> str:
        title = "<h4>" + _escape(self.tr("Adjustments (%1)").replace("%1", str(len(self._history)))) + "</h4>"
        header = _row([self.tr("When"), self.tr("What"), self.tr("Before → after"), self.tr("From"),
                       self.tr("Reason")], header=True)
        rows = []
        for entry in self._history:
            what = entry.field_label if not entry.period else f"{entry.field_label}（{period_label(entry.period)}）"
            if entry.office:
                what += f" {entry.office}"
            who = " ".join(part for part in (entry.actor_office, entry.actor_person) if part)
            rows.append(_row([shown_time(entry.at) + ("\n" + who if who else ""), what,
                              f"{entry.old or '—'} → {entry.new or '—'}", period_label(entry.effective_from),
                              entry.reason], unbroken=0))
        return f"{title}{TABLE}{header}{''.join(rows)}</table>"

    def _breakdown_html(self, task: Task, period: str) -> str:
        targets = office_targets(task, period)
        if not targets:
            return ""
        title = self.tr("Targets by office, %1 (%2)").replace("%1", period_label(targets[0].period)) \
            .replace("%2", str(len(targets)))
        header = _row([self.tr("Office"), self.tr("Target")], header=True)
        rows = "".join(_row([t.office or "", t.text]) for t in targets)
        return f"<h4>{_escape(title)}</h4>{TABLE}{header}{rows}</table>"
