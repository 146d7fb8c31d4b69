"""A new plan, or the properties of one: title, 字号, issuing office and years."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from planner.domain.model import Plan
from planner.plans.structure import MAX_YEAR, MIN_YEAR


class PlanDialog(QDialog):
    def __init__(self, plan: Plan | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New plan") if plan is None else self.tr("Plan properties"))
        self.title = QLineEdit(plan.title if plan else "", self)
        self.title.setObjectName("planTitle")
        self.title.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 28)
        self.doc_no = QLineEdit(plan.doc_no if plan else "", self)
        self.doc_no.setObjectName("planDocNo")
        self.doc_no.setPlaceholderText(self.tr("e.g. 衡政办字〔2020〕33号"))
        self.issuer = QLineEdit(plan.issuer if plan else "", self)
        self.issuer.setObjectName("planIssuer")
        this_year = date.today().year
        self.first_year = self._year_box(plan.first_year if plan else this_year, "planFirstYear")
        self.last_year = self._year_box(plan.last_year if plan else this_year + 2, "planLastYear")
        form = QFormLayout(self)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Document number:"), self.doc_no)
        form.addRow(self.tr("&Issued by:"), self.issuer)
        form.addRow(self.tr("&First year:"), self.first_year)
        form.addRow(self.tr("&Last year:"), self.last_year)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.title.textChanged.connect(self._update_ok)
        self._update_ok()

    def _year_box(self, value: int, name: str) -> QSpinBox:
        box = QSpinBox(self)
        box.setObjectName(name)
        box.setRange(MIN_YEAR, MAX_YEAR)
        box.setValue(value)
        return box

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.title.text().strip()))

    def values(self) -> dict:
        return {"title": self.title.text().strip(), "doc_no": self.doc_no.text().strip(),
                "issuer": self.issuer.text().strip(), "first_year": self.first_year.value(),
                "last_year": self.last_year.value()}
