"""The report dialog's options: which report, its filters, the 版头 and the signature lines, as a ReportRequest.

The 版头 and signature lines (not the 发文字号) are kept in QSettings (reports/lines/…) for the next report."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QSettings, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QLineEdit, QWidget

from planner.documents.data import ReportKind, ReportRequest
from planner.domain.model import Plan, Status
from planner.domain.periods import parse_period
from planner.domain.plan_periods import plan_periods
from planner.store.queries import plan_offices
from ui.common.language import is_chinese
from ui.common.status_light import status_label

LINES_KEY = "reports/lines/"  # the 版头 and signature lines a clerk types the same every quarter


def _first_item(combo: QComboBox) -> QStandardItem:
    """The combo's first entry (the "all" or "none" choice), to enable or disable."""
    model = combo.model()
    assert isinstance(model, QStandardItemModel), "a QComboBox keeps its entries in a QStandardItemModel"
    return model.item(0)


class DocumentOptions(QWidget):
    """Emits `changed()` whenever an option that changes the report is edited."""

    changed = Signal()

    def __init__(self, plan: Plan, offices: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.plan = plan
        self.task_ids: frozenset[int] | None = None
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("reportKind")
        for kind, label in ((ReportKind.TARGETS, self.tr("Target table")),
                            (ReportKind.QUARTERLY, self.tr("Quarterly progress report")),
                            (ReportKind.OFFICE, self.tr("Office report"))):
            self.kind_combo.addItem(label, kind.value)
        self.period_combo = QComboBox(self)
        self.period_combo.setObjectName("reportPeriod")
        self.period_combo.addItem(self.tr("(no period)"), None)
        chinese = is_chinese()
        for period in plan_periods(plan):
            self.period_combo.addItem(period.label if chinese else period.label_en, period.code)
        self.office_combo = QComboBox(self)
        self.office_combo.setObjectName("reportOffice")
        self.office_combo.addItem(self.tr("All offices"), None)
        for name in offices:
            self.office_combo.addItem(name, name)
        self.section_combo = QComboBox(self)
        self.section_combo.setObjectName("reportSection")
        self.section_combo.addItem(self.tr("All sections"), None)
        for section in plan.sections:
            self.section_combo.addItem(section.title, section.id)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("reportStatus")
        self.status_combo.addItem(self.tr("All statuses"), None)
        for status in Status:
            self.status_combo.addItem(status_label(status), status.value)
        self.letterhead_edit = self._line_edit(
            "reportLetterhead", self.tr("Issuing office's mark (optional)"),
            self.tr("Printed in red at the top of the first page, e.g. 衡水市民政局文件"))
        self.doc_no_edit = self._line_edit(
            "reportDocNo", self.tr("Document number (optional)"),
            self.tr("Printed under the letterhead on the left, e.g. 衡民报〔2021〕12号"))
        self.signer_edit = self._line_edit("reportSigner", self.tr("Approving leader (optional)"),
                                           self.tr("Printed under the letterhead on the right"))
        self.issuer_edit = self._line_edit("reportIssuer", self.tr("Signed by (optional)"))
        self.recipient_edit = self._line_edit("reportRecipient", self.tr("Addressed to (optional)"))
        self.date_edit = QDateEdit(QDate.currentDate(), self)
        self.date_edit.setObjectName("reportDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")

        form = QFormLayout(self)
        form.addRow(self.tr("&Report:"), self.kind_combo)
        form.addRow(self.tr("&Period:"), self.period_combo)
        form.addRow(self.tr("&Office:"), self.office_combo)
        form.addRow(self.tr("S&ection:"), self.section_combo)
        form.addRow(self.tr("&Status:"), self.status_combo)
        form.addRow(self.tr("&Letterhead:"), self.letterhead_edit)
        form.addRow(self.tr("Document &number:"), self.doc_no_edit)
        form.addRow(self.tr("Approved &by:"), self.signer_edit)
        form.addRow(self.tr("Si&gned by:"), self.issuer_edit)
        form.addRow(self.tr("&Addressed to:"), self.recipient_edit)
        form.addRow(self.tr("&Date:"), self.date_edit)
        for combo in (self.kind_combo, self.period_combo, self.office_combo, self.section_combo, self.status_combo):
            combo.currentIndexChanged.connect(self._edited)
        self._restore_lines()
        for edit in (self.issuer_edit, self.recipient_edit, self.letterhead_edit, self.doc_no_edit, self.signer_edit):
            edit.editingFinished.connect(self._lines_edited)
        self.date_edit.dateChanged.connect(lambda _date: self.changed.emit())

    def _line_edit(self, name: str, placeholder: str, tip: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setToolTip(tip)
        return edit

    def _remembered(self) -> dict[str, QLineEdit]:
        """The lines kept from one report to the next; not the 发文字号, which every document has its own of."""
        return {"letterhead": self.letterhead_edit, "signer": self.signer_edit, "issuer": self.issuer_edit,
                "recipient": self.recipient_edit}

    def _restore_lines(self) -> None:
        settings = QSettings()
        for key, edit in self._remembered().items():
            value = settings.value(LINES_KEY + key, "")
            if isinstance(value, str):
                edit.setText(value)

    def _lines_edited(self) -> None:
        settings = QSettings()
        for key, edit in self._remembered().items():
            settings.setValue(LINES_KEY + key, edit.text().strip())
        self.changed.emit()

    @classmethod
    def for_plan(cls, conn, plan: Plan, parent: QWidget | None = None) -> DocumentOptions:
        assert plan.id is not None, "documents are of a plan read from the database"
        return cls(plan, plan_offices(conn, plan.id), parent)

    def set_choice(self, kind: str, period_code: str | None, office: str | None, section_id: int | None = None,
                   status: str | None = None, task_ids: frozenset[int] | None = None) -> None:
        """Choose the report, period, office and the window's filters without emitting `changed` for each."""
        self.blockSignals(True)
        try:
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(ReportKind(kind).value)))
            code = parse_period(period_code).code if period_code else None
            self.period_combo.setCurrentIndex(max(0, self.period_combo.findData(code)))
            if office:
                self.office_combo.setCurrentIndex(max(0, self.office_combo.findData(office)))
            if section_id is not None:
                self.section_combo.setCurrentIndex(max(0, self.section_combo.findData(section_id)))
            if status:
                self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status)))
            self.task_ids = task_ids
            self._edited()
        finally:
            self.blockSignals(False)

    def kind(self) -> ReportKind:
        return ReportKind(self.kind_combo.currentData())

    def _edited(self) -> None:
        kind = self.kind()
        # The quarterly and office reports are about a period; an office report is about one office.
        no_period = _first_item(self.period_combo)
        no_period.setEnabled(kind is ReportKind.TARGETS)
        if kind is not ReportKind.TARGETS and self.period_combo.currentData() is None:
            self.period_combo.setCurrentIndex(min(1, self.period_combo.count() - 1))
        all_offices = _first_item(self.office_combo)
        all_offices.setEnabled(kind is not ReportKind.OFFICE)
        if kind is ReportKind.OFFICE and self.office_combo.currentData() is None and self.office_combo.count() > 1:
            self.office_combo.setCurrentIndex(1)
        self.status_combo.setEnabled(self.period_combo.currentData() is not None)
        # A 版头 heads a document sent upward; the target table is an attachment.
        for edit in (self.letterhead_edit, self.doc_no_edit, self.signer_edit):
            edit.setEnabled(kind is not ReportKind.TARGETS)
        self.changed.emit()

    def request(self, fonts: dict[str, str] | None = None, lead_only: bool = False) -> ReportRequest:
        status = self.status_combo.currentData() if self.status_combo.isEnabled() else None
        day = self.date_edit.date()
        plan_id = self.plan.id
        assert plan_id is not None, "documents are of a plan read from the database"
        return ReportRequest(
            kind=self.kind(), plan_id=plan_id, period=self.period_combo.currentData(),
            office=self.office_combo.currentData(), section=self.section_combo.currentData(),
            statuses=frozenset({Status(status)}) if status else frozenset(), task_ids=self.task_ids,
            issuer=self.issuer_edit.text().strip(), recipient=self.recipient_edit.text().strip(),
            issued_on=date(day.year(), day.month(), day.day()), lead_only=lead_only, fonts=fonts or None,
            **self._letterhead())

    def _letterhead(self) -> dict[str, str]:
        """The 版头's parts, when a 发文机关标志 is given for a report that has one; the 文号 and 签发人 stand in it."""
        mark = self.letterhead_edit.text().strip()
        if not mark or not self.letterhead_edit.isEnabled():
            return {}
        return {"letterhead": mark, "doc_no": self.doc_no_edit.text().strip(),
                "signer": self.signer_edit.text().strip()}
