"""The first start: who is working (office and name) is asked once, before the first change is recorded.

The question can be put off (以后再说); it is not asked again either way, and
设置 changes the answer at any time. Until a name is given, changes are recorded
under the computer's login name.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.context import WindowContext
from ui.settings.dialog import SettingsDialog
from ui.settings.values import load_settings

KEY_ASKED = "user/asked_at_first_start"


def needs_asking(settings: QSettings | None = None) -> bool:
    """Neither asked before nor filled in through 设置."""
    stored = settings if settings is not None else QSettings()
    user = load_settings(stored)
    return not (user.office or user.person) and not stored.value(KEY_ASKED, False)


def ask_at_first_start(context: WindowContext, parent: QWidget) -> SettingsDialog | None:
    """Open the question over the window on a first start (not modal to anything else); None when not needed."""
    if context.readonly or not needs_asking():
        return None
    QSettings().setValue(KEY_ASKED, True)
    translate = QCoreApplication.translate
    dialog = SettingsDialog(context.source.all_office_names(), parent)
    dialog.setObjectName("firstStartDialog")
    dialog.setWindowTitle(translate("FirstStart", "Welcome"))
    welcome = QLabel(translate("FirstStart", "Welcome. Please say who is working here; you can also do it later "
                                             "in Settings."), dialog)
    welcome.setWordWrap(True)
    layout = dialog.layout()
    assert isinstance(layout, QVBoxLayout), "the settings dialog lays out its form in a column"
    layout.insertWidget(0, welcome)
    later = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    later.setText(translate("FirstStart", "&Later"))
    dialog.saved.connect(context.set_settings)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
