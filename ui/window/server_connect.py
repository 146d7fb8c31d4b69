"""文件 → 连接共享数据库…: the server, database, account and password of a shared planner database.

The password goes to the server and, when the clerk ticks 记住密码 and the system has a keyring,
into the keyring; never into a file. A refused connection is explained in the dialog, which stays
open for another try; a successful one hands the opened store on through `connected`.
"""

from __future__ import annotations

from urllib.parse import quote

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner.domain.errors import PlannerError
from planner.store.server.client import MISSING, client_available
from planner.store.server.credentials import keyring_available, save_password

DEFAULT_PORT = 5432


def server_url(server: str, database: str, account: str, tls: bool) -> str:
    """postgresql://account@host:port/database from what the clerk typed (`server` may carry :port)."""
    server = server.strip()
    host, _, port = server.rpartition(":") if server.count(":") == 1 else (server, "", "")
    url = f"postgresql://{quote(account.strip(), safe='')}@{host or server}"
    if port:
        url += f":{port}"
    url += f"/{quote(database.strip(), safe='')}"
    return url + ("?sslmode=require" if tls else "")


class ServerConnectDialog(QDialog):
    connected = Signal(object)  # the opened Store

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("serverConnectDialog")
        self.setWindowTitle(self.tr("Connect to a shared database"))
        self.server = QLineEdit(self)
        self.server.setPlaceholderText(self.tr("host name or address, optionally :port"))
        self.database = QLineEdit("planner", self)
        self.account = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.tls = QCheckBox(self.tr("Encrypted connection (TLS) required"), self)
        self.tls.setChecked(True)
        self.remember = QCheckBox(self.tr("Remember the password in the system keyring"), self)
        self.remember.setEnabled(keyring_available())
        if not keyring_available():
            self.remember.setToolTip(self.tr("No system keyring: the password is asked for each time."))
        self.error = QLabel(self)
        self.error.setObjectName("connectError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Server:"), self.server)
        form.addRow(self.tr("&Database:"), self.database)
        form.addRow(self.tr("&Account:"), self.account)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow("", self.tls)
        form.addRow("", self.remember)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.connect_button = self.buttons.addButton(self.tr("&Connect"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.try_connect)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for field in (self.server, self.database, self.account):
            field.textChanged.connect(self._update_button)
        self.has_client = client_available()
        if not self.has_client:  # said before anything is typed, not after the clerk has filled in the form
            self.error.setText(MISSING)
            self.error.show()
            for widget in (self.server, self.database, self.account, self.password, self.tls, self.remember):
                widget.setEnabled(False)
        self._update_button()

    def _update_button(self) -> None:
        self.connect_button.setEnabled(self.has_client and all(
            f.text().strip() for f in (self.server, self.database, self.account)))

    def url(self) -> str:
        return server_url(self.server.text(), self.database.text(), self.account.text(), self.tls.isChecked())

    def try_connect(self) -> bool:
        from planner.app.session import open_server_session

        self.error.hide()
        password = self.password.text()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            store = open_server_session(self.url(), password=password or None, ask_password=None)
        except PlannerError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        if self.remember.isChecked() and password:
            from planner.store.server.location import ServerLocation

            save_password(ServerLocation.parse(self.url()).key, password)
        self.connected.emit(store)
        self.accept()
        return True
