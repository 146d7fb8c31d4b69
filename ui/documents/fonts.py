"""The fonts of the PDF reports, chosen by the user per role and kept in QSettings (reports/fonts/<role>).

An empty choice means automatic: a system font of that style where there is one,
else the bundled font (planner.documents.fonts). A chosen file is checked before it
is kept, so a font reportlab cannot embed is refused here with the reason, not
when a report is printed.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.documents.fonts import FANGSONG, HEI, KAI, ROLES, SONG, TITLE, resolve_fonts
from planner.domain.errors import PlannerError
from ui.common.file_dialogs import open_file_name

KEY_PREFIX = "reports/fonts/"


def load_font_choice(settings: QSettings | None = None) -> dict[str, str]:
    """role → font file the user chose (roles left automatic are absent)."""
    settings = settings if settings is not None else QSettings()
    chosen = {}
    for role in ROLES:
        value = settings.value(KEY_PREFIX + role, "")
        if isinstance(value, str) and value.strip():
            chosen[role] = value.strip()
    return chosen


def save_font_choice(choice: dict[str, str], settings: QSettings | None = None) -> None:
    settings = settings if settings is not None else QSettings()
    for role in ROLES:
        value = choice.get(role, "").strip()
        if value:
            settings.setValue(KEY_PREFIX + role, value)
        else:
            settings.remove(KEY_PREFIX + role)
    settings.sync()


class DocumentFontsDialog(QDialog):
    """One file per role; OK checks and keeps the choice, Cancel leaves it as it was."""

    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None):
        super().__init__(parent)
        self.setObjectName("reportFontsDialog")
        self.setWindowTitle(self.tr("Report fonts"))
        self._settings = settings
        labels = {TITLE: self.tr("Title (Xiaobiaosong):"), FANGSONG: self.tr("Body text (FangSong):"),
                  HEI: self.tr("Level-1 headings (Hei):"), KAI: self.tr("Level-2 headings (Kai):"),
                  SONG: self.tr("Tables and page numbers (Song):")}
        automatic = self._automatic()
        chosen = load_font_choice(settings)
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for role in (TITLE, FANGSONG, HEI, KAI, SONG):
            edit = QLineEdit(chosen.get(role, ""), self)
            edit.setObjectName(f"font_{role}")
            edit.setPlaceholderText(self.tr("Automatic: %1").replace("%1", automatic.get(role, "")))
            edit.setClearButtonEnabled(True)
            browse = QToolButton(self)
            browse.setText("…")
            browse.setToolTip(self.tr("Choose a TrueType font file (.ttf, .ttc)"))
            browse.clicked.connect(lambda _checked=False, r=role: self._browse(r))
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(browse)
            form.addRow(labels[role], row)
            self.edits[role] = edit
        note = QLabel(self.tr("Leave a field empty to use a system font of that style, else the bundled font. "
                              "Only TrueType fonts can be embedded; for a .ttc collection add #index "
                              "(simsun.ttc#0). Characters a font lacks are printed in the bundled font."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(640, self.sizeHint().height())

    @staticmethod
    def _automatic() -> dict[str, str]:
        try:
            fonts = resolve_fonts({}, env={})
        except PlannerError:
            return {}
        return {role: f"{fonts.font(role).family}（{fonts.source(role).path.name}）" for role in ROLES}

    def _browse(self, role: str) -> None:
        path = open_file_name(self, self.tr("Choose a font"), self.tr("TrueType fonts (*.ttf *.ttc)"),
                              self.edits[role].text())
        if path:
            self.edits[role].setText(path)

    def choice(self) -> dict[str, str]:
        return {role: edit.text().strip() for role, edit in self.edits.items() if edit.text().strip()}

    def accept(self) -> None:
        try:
            resolve_fonts(self.choice(), env={})
        except PlannerError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        save_font_choice(self.choice(), self._settings)
        super().accept()
