"""Fixtures for the window tests: the application font, the interface language, a window on the demo plans."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from planner.store import Store
from planner.system.resources import resource_path
from ui.common.fonts import install_application_font
from ui.common.language import install_language, remove_language

TS_FILE = resource_path("translations", "planner_zh_CN.ts")


def _settings_in(folder: Path) -> None:
    from PySide6.QtCore import QSettings

    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(settings_format, scope, str(folder))


@pytest.fixture(scope="session", autouse=True)
def settings_out_of_the_home_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The window remembers folders and recent files in QSettings: in the tests, in a scratch folder."""
    folder = tmp_path_factory.mktemp("settings")
    _settings_in(folder)
    return folder


@pytest.fixture
def fresh_settings(tmp_path: Path, settings_out_of_the_home_folder: Path):
    """Settings as on a machine where the planner never ran, for one test."""
    folder = tmp_path / "settings"
    folder.mkdir()
    _settings_in(folder)
    yield folder
    _settings_in(settings_out_of_the_home_folder)


@pytest.fixture(scope="session")
def ui_app(qapp):
    install_application_font(qapp)
    return qapp


@pytest.fixture(scope="session")
def zh_catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Chinese catalogue compiled from the current .ts, so the tests never see a stale .qm."""
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    if lrelease is None:
        pytest.fail("pyside6-lrelease is missing from the virtual environment")
    qm = tmp_path_factory.mktemp("translations") / "planner_zh_CN.qm"
    subprocess.run([lrelease, "-silent", str(TS_FILE), "-qm", str(qm)], check=True)
    return qm


@pytest.fixture
def chinese_ui(ui_app, zh_catalog: Path):
    translators = install_language(ui_app, "zh", zh_catalog)
    yield
    remove_language(ui_app, translators)


@pytest.fixture
def english_ui(ui_app):
    translators = install_language(ui_app, "en")
    yield
    remove_language(ui_app, translators)


def _leave_nothing_unsaved(window) -> None:
    from PySide6.QtWidgets import QAbstractItemDelegate

    from ui.window.unsaved import open_editor

    panel = window.progress_tab.panel  # a panel never built has nothing typed (and building it reads the store)
    for view in (window.task_table, *([panel.table] if panel is not None else [])):
        editor = open_editor(view)
        if editor is not None:
            view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
    if panel is not None:
        panel.discard_unsaved_edits()


@pytest.fixture
def open_window(qtbot):
    """Opens a main window on a store, at the size of a usual office screen."""
    from ui.window.main_window import MainWindow

    def open_on(store: Store) -> MainWindow:
        window = MainWindow(store)
        # A test that failed half-way may leave a cell or a text unsaved: closing then must not wait for an answer.
        qtbot.addWidget(window, before_close_func=_leave_nothing_unsaved)
        window.resize(1400, 850)
        window.show()
        qtbot.waitExposed(window)
        return window

    return open_on


@pytest.fixture
def main_window(open_window, demo_store: Store, chinese_ui):
    return open_window(demo_store)
