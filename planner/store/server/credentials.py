"""The account's password in the system keyring (Windows Credential Manager, the Secret Service on
Linux), when the keyring package and a working backend are there; otherwise nothing is kept and the
password is asked for each time. Never written to a file by this program."""

from __future__ import annotations

from planner.store.server.client import use_client_component

SERVICE = "annual-target-planner"


def _keyring():
    use_client_component()
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    return None if isinstance(backend, fail.Keyring) else keyring


def keyring_available() -> bool:
    return _keyring() is not None


def saved_password(key: str) -> str | None:
    found = _keyring()
    if found is None:
        return None
    try:
        return found.get_password(SERVICE, key)
    except Exception:  # a locked or broken keyring is the same as none: the password is asked for
        return None


def save_password(key: str, password: str) -> bool:
    """Keep the password in the keyring; False when there is none to keep it in."""
    found = _keyring()
    if found is None:
        return False
    try:
        found.set_password(SERVICE, key, password)
    except Exception:
        return False
    return True
