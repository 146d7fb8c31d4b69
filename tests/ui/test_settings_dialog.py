"""设置: the user types an office and a name, OK keeps them, Cancel does not; the stored layout is versioned."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Qt

from planner.store import Actor
from tests.ui.user_input import click_check_box, type_text
from ui.settings.dialog import SettingsDialog
from ui.settings.values import (
    KEY_OFFICE,
    KEY_VERSION,
    SETTINGS_VERSION,
    UserSettings,
    current_actor,
    load_settings,
    save_settings,
)

OFFICES = ["市民政局", "市财政局", "市自然资源和规划局"]


@pytest.fixture
def isolated_settings(qapp, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory):
    """QSettings files in a temporary folder, so a test never touches the developer's own settings."""
    names = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    QCoreApplication.setOrganizationName("PlannerTests")
    QCoreApplication.setApplicationName("SettingsTest")
    QStandardPaths.setTestModeEnabled(True)
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(settings_format, scope, str(tmp_path))
    assert Path(QSettings().fileName()).is_relative_to(tmp_path)
    yield tmp_path
    # Later tests keep to a scratch folder too, rather than falling back to the real one.
    scratch = str(tmp_path_factory.mktemp("settings-after"))
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(settings_format, scope, scratch)
    QCoreApplication.setOrganizationName(names[0])
    QCoreApplication.setApplicationName(names[1])


@pytest.fixture
def open_dialog(qtbot, isolated_settings):
    def open_it() -> SettingsDialog:
        dialog = SettingsDialog(OFFICES)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return open_it


def press(qtbot, dialog: SettingsDialog, which) -> None:
    qtbot.mouseClick(dialog.buttons.button(which), Qt.MouseButton.LeftButton)


def test_ok_keeps_the_typed_office_and_name(qtbot, open_dialog):
    dialog = open_dialog()
    dialog.office_combo.lineEdit().clear()
    # Traditional characters and a stray space, as an input method may leave them.
    type_text(qtbot, dialog.office_combo.lineEdit(), "市財政局 ")
    type_text(qtbot, dialog.person_edit, "李四")
    click_check_box(qtbot, dialog.lead_only_check)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    with qtbot.waitSignal(dialog.saved) as saved:
        press(qtbot, dialog, dialog.buttons.StandardButton.Ok)

    expected = UserSettings(office="市财政局", person="李四", lead_only=True, language="en")
    assert load_settings() == expected
    assert saved.args == [expected]
    assert not dialog.isVisible()
    assert current_actor(load_settings()) == Actor(person="李四", office="市财政局")


def test_cancel_keeps_the_old_settings_and_the_dialog_shows_them(qtbot, open_dialog):
    old = UserSettings(office="市民政局", person="张三", lead_only=False, language="zh")
    save_settings(old)
    dialog = open_dialog()
    assert (dialog.office_combo.currentText(), dialog.person_edit.text()) == ("市民政局", "张三")
    dialog.person_edit.clear()
    type_text(qtbot, dialog.person_edit, "王五")
    press(qtbot, dialog, dialog.buttons.StandardButton.Cancel)
    assert load_settings() == old


def test_typing_part_of_an_office_name_offers_the_whole_name(qtbot, open_dialog):
    dialog = open_dialog()
    dialog.office_combo.lineEdit().clear()
    type_text(qtbot, dialog.office_combo.lineEdit(), "自然资源")
    completer = dialog.office_combo.completer()
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "市自然资源和规划局"


def test_the_language_choice_says_it_needs_a_restart(open_dialog, english_ui):
    dialog = open_dialog()
    choices = [dialog.language_combo.itemText(i) for i in range(dialog.language_combo.count())]
    assert choices == ["中文", "English"]
    assert dialog.language_note.isVisible() and "next time the program starts" in dialog.language_note.text()


def test_without_a_name_the_login_name_is_recorded(isolated_settings):
    assert current_actor(UserSettings(office="市民政局", person="  ")) == Actor(
        person=Actor.default().person, office="市民政局")


def test_an_unversioned_settings_file_is_upgraded_and_a_newer_one_left_alone(isolated_settings):
    raw = QSettings()
    raw.setValue(KEY_OFFICE, "市民政局")
    raw.sync()
    assert load_settings().office == "市民政局"
    assert int(QSettings().value(KEY_VERSION)) == SETTINGS_VERSION

    raw.setValue(KEY_VERSION, SETTINGS_VERSION + 1)
    raw.sync()
    assert load_settings().office == "市民政局"
    assert int(QSettings().value(KEY_VERSION)) == SETTINGS_VERSION + 1
