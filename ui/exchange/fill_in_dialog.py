"""文件 → 生成填报表: the coordinator picks a period, the offices and a folder, and gets one workbook per office.

The workbooks are written by `planner.exchange.fill_in.make_forms` on the window's
background worker; the dialog lists the offices responsible for tasks in the
chosen year, all ticked, and says where the files went.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.period_status import responsible_offices
from planner.domain.periods import parse_period
from planner.domain.plan_periods import default_period, plan_periods
from planner.exchange.fill_in import MadeForm, make_forms
from planner.store.queries import load_plan
from ui.common.language import is_chinese
from ui.common.save_paths import ask_folder
from ui.context import WindowContext

DEFAULT_SIZE = (620, 560)


class FillInDialog(QDialog):
    """Emits `generated(paths)` once the workbooks are written."""

    generated = Signal(list)

    def __init__(self, context: WindowContext, plan_id: int, period: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fillInDialog")
        self.store = context.store
        self.runner = context.runner
        self.plan = load_plan(self.store.conn, plan_id)
        self.made: list[MadeForm] = []
        self.setWindowTitle(self.tr("Generate fill-in forms — %1").replace("%1", self.plan.title))

        self.period_combo = QComboBox(self)
        self.period_combo.setObjectName("fillInPeriod")
        chinese = is_chinese()
        for choice in plan_periods(self.plan):
            self.period_combo.addItem(choice.label if chinese else choice.label_en, choice.code)
        wanted = parse_period(period).code if period else default_period(self.plan, date.today())
        self.period_combo.setCurrentIndex(max(0, self.period_combo.findData(wanted)))
        self.period_combo.currentIndexChanged.connect(lambda _index: self._list_offices())

        self.office_list = QListWidget(self)
        self.office_list.setObjectName("fillInOffices")
        self.office_list.itemChanged.connect(lambda _item: self._update_button())
        select_all = QPushButton(self.tr("Select &all"), self)
        select_all.clicked.connect(lambda: self._check_all(True))
        select_none = QPushButton(self.tr("Select &none"), self)
        select_none.clicked.connect(lambda: self._check_all(False))
        selection = QHBoxLayout()
        selection.addWidget(select_all)
        selection.addWidget(select_none)
        selection.addStretch(1)

        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self.folder_edit = QLineEdit(str(Path(documents or Path.home()) / self.tr("Fill-in forms")), self)
        self.folder_edit.setObjectName("fillInFolder")
        self.folder_edit.textChanged.connect(lambda _text: self._update_button())
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.clicked.connect(self._choose_folder)
        folder = QHBoxLayout()
        folder.addWidget(self.folder_edit, 1)
        folder.addWidget(browse)

        self.result_label = QLabel(self)
        self.result_label.setObjectName("fillInResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow(self.tr("&Period:"), self.period_combo)
        form.addRow(self.tr("&Offices:"), self.office_list)
        form.addRow("", selection)
        form.addRow(self.tr("&Folder:"), folder)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.generate_button = self.buttons.addButton(self.tr("&Generate"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.generate_button.setObjectName("fillInGenerate")
        self.generate_button.clicked.connect(self.generate)
        self.open_folder_button = self.buttons.addButton(self.tr("&Open folder"),
                                                         QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder_button.setEnabled(False)
        self.open_folder_button.clicked.connect(self._open_folder)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.resize(*DEFAULT_SIZE)
        self._list_offices()

    def period(self) -> str:
        return self.period_combo.currentData()

    def _list_offices(self) -> None:
        year = parse_period(self.period()).year
        counts: dict[str, int] = {}
        for task in self.plan.tasks:
            for name in responsible_offices(task, year):
                counts[name] = counts.get(name, 0) + 1
        self.office_list.blockSignals(True)
        self.office_list.clear()
        for name, count in counts.items():
            item = QListWidgetItem(self.tr("%1 (%2 tasks)").replace("%1", name).replace("%2", str(count)))
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.office_list.addItem(item)
        self.office_list.blockSignals(False)
        self._update_button()

    def _check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.office_list.count()):
            self.office_list.item(row).setCheckState(state)

    def chosen_offices(self) -> list[str]:
        return [self.office_list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.office_list.count())
                if self.office_list.item(row).checkState() == Qt.CheckState.Checked]

    def _update_button(self) -> None:
        self.generate_button.setEnabled(bool(self.chosen_offices()) and bool(self.folder_edit.text().strip()))

    def _choose_folder(self) -> None:
        chosen = ask_folder(self, self.tr("Folder for the fill-in forms"), self.folder_edit.text())
        if chosen is not None:
            self.folder_edit.setText(str(chosen))

    def generate(self) -> None:
        store, plan_id, period = self.store, self.plan.id, self.period()
        assert plan_id is not None, "the plan was read from the database"
        offices, folder = self.chosen_offices(), self.folder_edit.text().strip()
        self.generate_button.setEnabled(False)
        self.result_label.setText(self.tr("Writing %1 forms…").replace("%1", str(len(offices))))
        self.runner.start(lambda progress: make_forms(store, plan_id, period, folder, offices, progress),
                          label=self.tr("Writing fill-in forms…"), parent=self, on_success=self._done,
                          on_failure=self._failed)

    def _done(self, made: list[MadeForm]) -> None:
        self.made = made
        folder = made[0].path.parent if made else Path(self.folder_edit.text())
        self.result_label.setText(self.tr("%1 fill-in forms written to %2. Send each office its own file.")
                                  .replace("%1", str(len(made))).replace("%2", str(folder)))
        self.open_folder_button.setEnabled(bool(made))
        self._update_button()
        self.generated.emit([str(form.path) for form in made])

    def _failed(self, message: str) -> None:
        self.result_label.setText(message)
        self._update_button()

    def _open_folder(self) -> None:
        if self.made:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.made[0].path.parent)))

    def reject(self) -> None:
        if self.runner.busy():
            return  # the running job's own progress dialog offers 取消
        super().reject()


def open_fill_in_dialog(context: WindowContext) -> FillInDialog | None:
    """生成填报表 for the plan and period on screen; None when no plan is shown."""
    if context.plan_id is None:
        return None
    dialog = FillInDialog(context, context.plan_id, context.period_code, context.parent_widget)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
