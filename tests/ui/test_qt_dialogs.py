"""Qt's own file dialogs as the clerk meets them attaching evidence: in Chinese, with Chinese dates, starting in
the documents folder or the folder used last."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QTreeView

from tests.ui.test_progress_view import show_progress
from ui.common.file_dialogs import KEY_LAST_FOLDER, documents_folder
from ui.progress.model import Column

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(main_window, fresh_settings):
    show_progress(main_window, "市自然资源和规划局")
    main_window.progress.table.setCurrentIndex(main_window.progress.model.index(0, Column.TASK))
    return main_window


def open_attach_dialog(qtbot, window, look) -> None:
    """Click 添加佐证…; `look(dialog)` sees the file dialog it opens, then the dialog is answered."""

    def attempt():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, attempt)
            return
        look(dialog)

    QTimer.singleShot(0, attempt)
    qtbot.mouseClick(window.progress.detail.attach_buttons[0], Qt.MouseButton.LeftButton)


def test_the_file_dialog_speaks_chinese_and_starts_in_the_documents_folder(qtbot, window):
    seen = {}

    def look(dialog: QFileDialog) -> None:
        seen["labels"] = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
        seen["folder"] = Path(dialog.directory().absolutePath())
        dialog.reject()

    open_attach_dialog(qtbot, window, look)
    qtbot.waitUntil(lambda: "folder" in seen)
    assert "查找范围(&L)：" in seen["labels"] and "文件类型(&T)：" in seen["labels"]
    assert seen["folder"] == documents_folder()
    assert seen["folder"] != Path.cwd()  # not the program's folder


def test_the_next_file_dialog_starts_where_the_last_file_was_chosen_and_names_folders_in_chinese(
        qtbot, window, tmp_path, demo_store):
    evidence = tmp_path / "二季度"
    (evidence / "现场照片").mkdir(parents=True)
    photo = evidence / "验收单.jpg"
    photo.write_bytes(b"\xff\xd8photo")
    seen = {}

    def choose(dialog: QFileDialog) -> None:
        dialog.selectFile(str(photo))
        dialog.accept()

    open_attach_dialog(qtbot, window, choose)
    qtbot.waitUntil(lambda: window.progress.detail.attachments.count() == 1)

    def look(dialog: QFileDialog) -> None:
        seen["folder"] = Path(dialog.directory().absolutePath())
        view = dialog.findChild(QTreeView)
        model = view.model()

        def kind_of_subfolder():
            root = view.rootIndex()
            names = {model.index(r, 0, root).data(): r for r in range(model.rowCount(root))}
            return model.index(names["现场照片"], 2, root).data() if "现场照片" in names else None

        qtbot.waitUntil(lambda: kind_of_subfolder() is not None)
        seen["kind"] = kind_of_subfolder()
        dialog.reject()

    open_attach_dialog(qtbot, window, look)
    qtbot.waitUntil(lambda: "kind" in seen)
    assert seen["folder"] == evidence
    assert seen["kind"] == "文件夹"

    assert QSettings().value(KEY_LAST_FOLDER) == str(evidence)


def test_a_linux_session_in_the_c_locale_shows_the_file_dialog_s_dates_the_chinese_way():
    script = ("from ui.common.language import prepare_system_locale\n"
              "prepare_system_locale('zh')\n"
              "from PySide6.QtCore import QDateTime, QDate, QTime, QLocale\n"
              "from PySide6.QtWidgets import QApplication\n"
              "app = QApplication([])\n"
              "moment = QDateTime(QDate(2026, 12, 7), QTime(10, 23))\n"
              "print(QLocale.system().toString(moment, QLocale.FormatType.ShortFormat))\n")
    env = {key: value for key, value in os.environ.items() if not key.startswith("LC_")}
    env.update(LANG="C.UTF-8", QT_QPA_PLATFORM="offscreen")
    shown = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                           check=True, timeout=60).stdout.strip()
    assert shown == "2026/12/7 10:23"


def test_an_english_interface_keeps_qt_s_english_labels(qtbot, english_ui):
    dialog = QFileDialog(None, "Attach")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    assert "&Look in:" in [label.text() for label in dialog.findChildren(QLabel)]
