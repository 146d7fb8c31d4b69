"""The account's password kept in the system keyring, never in a file: 记住密码 in the connect dialog puts it
in the keyring (here a keyring in memory standing in for the Credential Manager or the Secret Service),
the next opening of the same server database takes it from there without asking; without 记住密码
nothing is kept."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from planner.store.server.credentials import SERVICE
from planner.store.server.location import ServerLocation
from tests.server_organisation import PASSWORD
from ui.window.server_connect import ServerConnectDialog


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[service, username] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    kept = MemoryKeyring()
    keyring.set_keyring(kept)
    yield kept
    keyring.set_keyring(previous)


def test_a_remembered_password_is_in_the_keyring_only_and_opens_the_database_next_time(
        qtbot, main_window, organisation, pg_cluster, memory_keyring, monkeypatch):
    from ui.app import open_for_window

    main_window.main_actions.connect_server.trigger()
    dialog = main_window.findChild(ServerConnectDialog)
    assert dialog is not None and dialog.remember.isEnabled()
    qtbot.keyClicks(dialog.server, f"127.0.0.1:{pg_cluster.port}")
    dialog.database.setText(organisation.database)
    qtbot.keyClicks(dialog.account, organisation.account("coord"))
    dialog.password.setText(PASSWORD)
    dialog.tls.setChecked(False)  # the session's throwaway server has no certificate
    dialog.remember.setChecked(True)
    with qtbot.waitSignal(main_window.database_chosen, timeout=10000) as signal:
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    signal.args[0].close()
    url = dialog.url()
    assert memory_keyring.items == {(SERVICE, ServerLocation.parse(url).key): PASSWORD}

    def no_question(*_args):
        raise AssertionError("the password was asked for although the keyring holds it")

    monkeypatch.setattr(QInputDialog, "getText", no_question)
    store = open_for_window(url, None, smoke=False)
    try:
        assert store is not None and store.is_server and store.account == organisation.account("coord")
    finally:
        if store is not None:
            store.close()


def test_without_a_remembered_password_none_is_kept(qtbot, main_window, organisation, pg_cluster, memory_keyring):
    main_window.main_actions.connect_server.trigger()
    dialog = main_window.findChild(ServerConnectDialog)
    qtbot.keyClicks(dialog.server, f"127.0.0.1:{pg_cluster.port}")
    dialog.database.setText(organisation.database)
    qtbot.keyClicks(dialog.account, organisation.account("coord"))
    dialog.password.setText(PASSWORD)
    dialog.tls.setChecked(False)
    assert not dialog.remember.isChecked()  # keeping a password is the clerk's choice
    with qtbot.waitSignal(main_window.database_chosen, timeout=10000) as signal:
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    signal.args[0].close()
    assert memory_keyring.items == {}
