"""合并单位: which office is kept and which is merged into it, with what the merge will do before it is done."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.errors import PlannerError
from planner.domain.model import Office
from planner.offices.edit import MergeResult, MergeSuggestion, plan_merge
from planner.store import Store
from ui.offices.table import chosen_office, office_combo


class MergeDialog(QDialog):
    """Accepted with `kept_id` and `merged_id` set; the caller makes the merge."""

    def __init__(self, store: Store, offices: list[Office], suggestions: list[MergeSuggestion],
                 merged_id: int | None = None, kept_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge offices"))
        self.store = store
        self.kept_id: int | None = None
        self.merged_id: int | None = None
        self._suggestions = suggestions
        explanation = QLabel(self.tr("Two names for the same office become one: the tasks, targets, reports and "
                                     "evidence files of the merged office move to the kept office, and the merged "
                                     "name is deleted. The merge can be undone."), self)
        explanation.setWordWrap(True)
        self.suggestion_combo = QComboBox(self)
        self.suggestion_combo.addItem(self.tr("(choose a likely pair)"), None)
        for index, suggestion in enumerate(suggestions):
            self.suggestion_combo.addItem(self.tr("Keep %1, merge %2").replace("%1", suggestion.kept_name)
                                          .replace("%2", suggestion.merged_name), index)
        self.suggestion_combo.setEnabled(bool(suggestions))
        self.suggestion_combo.currentIndexChanged.connect(self._take_suggestion)
        self.kept_combo = office_combo(self, offices, self.tr("Office to keep"))
        self.kept_combo.setObjectName("keptOffice")
        self.merged_combo = office_combo(self, offices, self.tr("Office merged into it"))
        self.merged_combo.setObjectName("mergedOffice")
        for combo, chosen in ((self.kept_combo, kept_id), (self.merged_combo, merged_id)):
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
            combo.currentTextChanged.connect(self._update_preview)
        swap = QPushButton(self.tr("&Swap"), self)
        swap.clicked.connect(self.swap)
        form = QFormLayout()
        form.addRow(self.tr("Likely pairs:"), self.suggestion_combo)
        form.addRow(self.tr("&Keep:"), self.kept_combo)
        form.addRow(self.tr("&Merge into it:"), self.merged_combo)
        form.addRow("", swap)
        self.preview = QLabel(self)
        self.preview.setObjectName("mergePreview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Merge"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self.resize(520, 320)
        self._update_preview()

    def _take_suggestion(self) -> None:
        index = self.suggestion_combo.currentData()
        if index is None:
            return
        suggestion = self._suggestions[index]
        self.kept_combo.setCurrentIndex(self.kept_combo.findData(suggestion.kept_id))
        self.merged_combo.setCurrentIndex(self.merged_combo.findData(suggestion.merged_id))

    def swap(self) -> None:
        kept, merged = self.kept_combo.currentText(), self.merged_combo.currentText()
        self.kept_combo.setEditText(merged)
        self.merged_combo.setEditText(kept)

    def _update_preview(self) -> None:
        kept, merged = chosen_office(self.kept_combo), chosen_office(self.merged_combo)
        self.kept_id = kept if isinstance(kept, int) else None
        self.merged_id = merged if isinstance(merged, int) else None
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        for chosen in (kept, merged):
            if isinstance(chosen, str):
                self.preview.setText(self.tr("There is no office named %1.").replace("%1", chosen))
                return
        if self.kept_id is None or self.merged_id is None:
            self.preview.setText(self.tr("Choose the office to keep and the office to merge into it."))
            return
        try:
            result = plan_merge(self.store.conn, self.kept_id, self.merged_id)
        except PlannerError as exc:
            self.preview.setText(str(exc))
            return
        self.preview.setText(self._describe(result))
        ok.setEnabled(True)

    def _describe(self, result: MergeResult) -> str:
        lines = [self.tr("%1 will be merged into %2 and deleted.").replace("%1", result.merged["name"])
                 .replace("%2", result.kept["name"]),
                 self.tr("Task assignments moved: %1; duplicates removed: %2.")
                 .replace("%1", str(len(result.moved_links))).replace("%2", str(len(result.removed_links))),
                 self.tr("Targets moved: %1; identical duplicates removed: %2.")
                 .replace("%1", str(len(result.moved_targets))).replace("%2", str(len(result.removed_targets))),
                 self.tr("Report revisions moved: %1; renumbered to keep the latest current: %2.")
                 .replace("%1", str(result.moved_reports)).replace("%2", str(result.renumbered_reports))]
        others = sum(len(ids) for ids in result.moved_other.values()) + len(result.children)
        if others:
            lines.append(self.tr("Other records moved (evidence files, adjustments, subordinate offices): %1.")
                         .replace("%1", str(others)))
        return "\n".join(lines)
