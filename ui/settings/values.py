"""The user's settings, typed, over QSettings: who is working (office and person) and a few preferences.

QSettings takes the organisation and application names that `ui.app.create_application`
sets. The layout of the stored keys has a version; `upgrade_settings` brings an older
layout up to date one numbered step at a time, as Picard's config_upgrade does, and
leaves a layout written by a newer program alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSettings

from planner.domain.office_names import normalize_office_name
from planner.store import Actor

SETTINGS_VERSION = 1
LANGUAGES = ("zh", "en")

KEY_VERSION = "settings/version"
KEY_OFFICE = "user/office"
KEY_PERSON = "user/person"
KEY_LEAD_ONLY = "statistics/lead_only"
KEY_LANGUAGE = "interface/language"


@dataclass
class UserSettings:
    office: str = ""
    person: str = ""
    lead_only: bool = False  # count only the lead office (牵头单位) of each task in the statistics
    language: str = "zh"


def _upgrade_to_1(settings: QSettings) -> None:
    """Version 1 is the first layout: settings without a version were written by nobody else."""


UPGRADES: dict[int, Callable[[QSettings], None]] = {1: _upgrade_to_1}


def _version(settings: QSettings) -> int:
    value = settings.value(KEY_VERSION, 0)
    # The ini format hands numbers back as strings; anything else int() takes nothing from.
    if not isinstance(value, int | float | str | bytes):
        return 0
    try:
        return int(value)
    except ValueError:
        return 0


def upgrade_settings(settings: QSettings) -> int:
    """Run the upgrade steps the stored layout has not had yet; returns the version it is at now."""
    version = _version(settings)
    for step in range(version + 1, SETTINGS_VERSION + 1):
        UPGRADES[step](settings)
        settings.setValue(KEY_VERSION, step)
        version = step
    return version


def _text(settings: QSettings, key: str) -> str:
    value = settings.value(key, "")
    return value.strip() if isinstance(value, str) else ""


def _flag(settings: QSettings, key: str) -> bool:
    value = settings.value(key, False)
    # The ini format hands booleans back as the strings "true" and "false".
    return value.strip().lower() in ("true", "1", "yes") if isinstance(value, str) else bool(value)


def load_settings(settings: QSettings | None = None) -> UserSettings:
    settings = settings if settings is not None else QSettings()
    upgrade_settings(settings)
    language = _text(settings, KEY_LANGUAGE)
    return UserSettings(
        office=_text(settings, KEY_OFFICE),
        person=_text(settings, KEY_PERSON),
        lead_only=_flag(settings, KEY_LEAD_ONLY),
        language=language if language in LANGUAGES else "zh",
    )


def save_settings(user_settings: UserSettings, settings: QSettings | None = None) -> None:
    settings = settings if settings is not None else QSettings()
    upgrade_settings(settings)
    office = user_settings.office.strip()
    settings.setValue(KEY_OFFICE, normalize_office_name(office) if office else "")
    settings.setValue(KEY_PERSON, user_settings.person.strip())
    settings.setValue(KEY_LEAD_ONLY, bool(user_settings.lead_only))
    settings.setValue(KEY_LANGUAGE, user_settings.language if user_settings.language in LANGUAGES else "zh")
    settings.sync()


def current_actor(user_settings: UserSettings) -> Actor:
    """Who the audit log names for changes made now; the login name when no name has been set."""
    return Actor(person=user_settings.person.strip() or Actor.default().person, office=user_settings.office.strip())
