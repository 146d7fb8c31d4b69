"""退回…: the reason the office will read; the dialog stays open until one is given or the user cancels."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

WARNING_STYLE = "color: #C62828;"


class ReturnDialog(QDialog):
    def __init__(self, what: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("returnDialog")
        self.setWindowTitle(self.tr("Return the report"))
        question = QLabel(self.tr("Why is the report of %1 returned? The office will see this.").replace("%1", what),
                          self)
        question.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        question.setBuddy(self.reason)
        self.warning = QLabel(self)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self.warning.hide)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.reason, 1)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)
        self.resize(460, 240)

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def accept(self) -> None:
        if not self.reason_text():
            self.warning.setText(self.tr("Please write why it is returned: the office needs to know what to change."))
            self.warning.show()
            self.reason.setFocus()
            return
        super().accept()
