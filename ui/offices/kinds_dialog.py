"""检查类型: the offices whose names say another kind than the one stored, each ticked to change or left."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget


class KindsDialog(QDialog):
    """Accepted with `chosen()`: office id → new kind, for the ticked rows only."""

    def __init__(self, proposals: list[tuple[int, str, str, str]], labels: dict[str, str],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("kindsDialog")
        self.setWindowTitle(self.tr("Kinds from the names"))
        explanation = QLabel(self.tr("These offices are stored as departments, but their names say otherwise. "
                                     "Untick any that should stay as they are; the change can be undone."), self)
        explanation.setWordWrap(True)
        self.list = QListWidget(self)
        for office_id, name, kind, guessed in proposals:
            item = QListWidgetItem(self.tr("%1: %2 → %3").replace("%1", name).replace("%2", labels[kind])
                                   .replace("%3", labels[guessed]), self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, (office_id, guessed))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Change the ticked kinds"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(460, 420)

    def chosen(self) -> dict[int, str]:
        kinds = {}
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                office_id, kind = item.data(Qt.ItemDataRole.UserRole)
                kinds[office_id] = kind
        return kinds
