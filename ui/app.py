"""Starting the window: application object, fonts, language, database, and the --smoke check."""

from __future__ import annotations

import argparse
import sys
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QWidget

from planner.domain.errors import PlannerError
from planner.system.version import APP_NAME
from ui.common.fonts import install_application_font
from ui.common.language import install_language, prepare_system_locale
from ui.window.backup_actions import start_daily_backup


class FirstPaintProbe(QObject):
    """Prints `shown in N ms` once the watched window has painted its first frame, then quits."""

    def __init__(self, window: QWidget, started: float):
        super().__init__(window)
        self._started = started
        self._seen = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._seen:
            self._seen = True
            # The children paint in the same pass, right after the window itself:
            # measuring on the next turn of the event loop counts the whole frame.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        elapsed_ms = round((time.perf_counter() - self._started) * 1000)
        print(f"shown in {elapsed_ms} ms", flush=True)
        QCoreApplication.exit(0)


def name_application() -> None:
    """The names QSettings files the user's settings under; set before the application exists, so that the
    settings (and the language in them) can be read before it is made."""
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)


def create_application(language: str | None = None) -> QApplication:
    """The application object; with `language`, the system locale is prepared for it first (see
    `prepare_system_locale`)."""
    name_application()
    if language is not None and QApplication.instance() is None:
        prepare_system_locale(language)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    # Nothing in the program makes a bare QCoreApplication: an existing instance is a test's QApplication.
    assert isinstance(app, QApplication), "the window's widgets need a QApplication"
    return app


def show_startup_error(message: str, smoke: bool) -> None:
    if smoke:
        print(message, file=sys.stderr)
        return
    QMessageBox.critical(None, QCoreApplication.translate("App", "Cannot open the database"), message)


def ask_password_in_window(location) -> str | None:
    """A server account's password, asked in a small dialog when the keyring has none."""
    label = QCoreApplication.translate("App", "Password of %1:").replace("%1", location.label())
    text, ok = QInputDialog.getText(None, QCoreApplication.translate("App", "Password"), label,
                                    QLineEdit.EchoMode.Password)
    return text if ok else None


def open_for_window(db, actor, smoke: bool):
    """The store the window works on: recovered from a backup if damaged, read-only if open elsewhere."""
    from planner.app.session import open_session_store, session_db_path
    from planner.domain.errors import DamagedDatabaseError, DatabaseInUseError
    from ui.window.backup_actions import offer_recovery

    try:
        return open_session_store(db, actor, ask_password=None if smoke else ask_password_in_window)
    except DamagedDatabaseError as exc:
        if smoke or not offer_recovery(session_db_path(db), str(exc)):
            show_startup_error(str(exc), smoke)
            return None
        return open_for_window(db, actor, smoke)
    except DatabaseInUseError as exc:
        if smoke:
            show_startup_error(str(exc), smoke)
            return None
        answer = QMessageBox.question(None, QCoreApplication.translate("App", "Database in use"), str(exc) + "\n" +
                                      QCoreApplication.translate("App", "Open it read-only to look at it?"))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            return open_session_store(db, actor, readonly=True)
        except PlannerError as again:
            show_startup_error(str(again), smoke)
            return None
    except PlannerError as exc:
        show_startup_error(str(exc), smoke)
        return None


def run_gui(args: argparse.Namespace, started: float) -> int:
    from ui.settings.values import current_actor, load_settings

    name_application()
    settings = load_settings()
    language = args.lang or settings.language
    app = create_application(language)
    install_application_font(app)
    install_language(app, language)

    store = open_for_window(args.db, current_actor(settings), args.smoke)
    if store is None:
        return 1

    session = WindowSession(store, settings)
    try:
        if args.smoke:
            FirstPaintProbe(session.window, started)
        elif not store.readonly and not store.is_server:
            start_daily_backup(session.window.context)
        session.window.show()
        if not args.smoke:
            from ui.settings.first_start import ask_at_first_start

            ask_at_first_start(session.window.context, session.window)
        return app.exec()
    finally:
        session.store.close()


class WindowSession(QObject):
    """The window and the database it works on; 文件 → 连接共享数据库… replaces both."""

    def __init__(self, store, settings):
        super().__init__()
        self.settings = settings
        self.store = store
        self.window = self._window_for(store)

    def _window_for(self, store):
        from ui.window.main_window import MainWindow

        window = MainWindow(store, self.settings)
        window.database_chosen.connect(self.switch)
        return window

    def switch(self, store) -> None:
        old_window, old_store = self.window, self.store
        self.store, self.window = store, self._window_for(store)
        self.window.show()
        old_window.close()
        old_window.deleteLater()
        old_store.close()
