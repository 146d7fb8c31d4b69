"""设置: who is working (office and name, recorded with every change), what the statistics count, the language."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.settings.values import UserSettings, load_settings, save_settings

# Each language is named in itself, so whoever needs to switch can read the choice.
LANGUAGE_CHOICES = (("中文", "zh"), ("English", "en"))


class SettingsDialog(QDialog):
    """OK saves the settings and emits `saved(UserSettings)`; Cancel leaves them as they were."""

    saved = Signal(object)

    def __init__(self, office_names: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))

        self.office_combo = QComboBox(self)
        self.office_combo.setEditable(True)
        self.office_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.office_combo.addItems(list(dict.fromkeys(office_names)))
        self.office_combo.setMinimumContentsLength(20)
        # Offices are long names that differ at the end (市民政局, 市财政局): match anywhere in the name.
        completer = QCompleter(self.office_combo.model(), self.office_combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.office_combo.setCompleter(completer)
        line_edit = self.office_combo.lineEdit()
        assert line_edit is not None, "the combo box was made editable above"
        line_edit.setPlaceholderText(self.tr("Your office"))

        self.person_edit = QLineEdit(self)
        self.person_edit.setPlaceholderText(self.tr("Your name"))
        self.lead_only_check = QCheckBox(self.tr("Count lead offices only"), self)
        self.lead_only_check.setToolTip(self.tr("In the statistics, count each task only for its lead office, "
                                                "not for the co-operating offices."))
        self.language_combo = QComboBox(self)
        for label, code in LANGUAGE_CHOICES:
            self.language_combo.addItem(label, code)
        self.language_note = QLabel(self.tr("A new language takes effect the next time the program starts."), self)
        self.language_note.setWordWrap(True)
        identity_note = QLabel(self.tr("Your office and name are recorded with every change you make."), self)
        identity_note.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("&Office:"), self.office_combo)
        form.addRow(self.tr("&Name:"), self.person_edit)
        form.addRow("", identity_note)
        form.addRow("", self.lead_only_check)
        form.addRow(self.tr("Interface &language:"), self.language_combo)
        form.addRow("", self.language_note)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.show_settings(load_settings())

    def show_settings(self, user_settings: UserSettings) -> None:
        self.office_combo.setEditText(user_settings.office)
        self.person_edit.setText(user_settings.person)
        self.lead_only_check.setChecked(user_settings.lead_only)
        index = self.language_combo.findData(user_settings.language)
        self.language_combo.setCurrentIndex(max(index, 0))

    def chosen_settings(self) -> UserSettings:
        return UserSettings(
            office=self.office_combo.currentText().strip(),
            person=self.person_edit.text().strip(),
            lead_only=self.lead_only_check.isChecked(),
            language=self.language_combo.currentData() or "zh",
        )

    def accept(self) -> None:
        chosen = self.chosen_settings()
        save_settings(chosen)
        self.saved.emit(load_settings())
        super().accept()
