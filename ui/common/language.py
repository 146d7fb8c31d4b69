"""The interface language: Qt translators and the default locale.

The default locale doubles as the record of the chosen language, so widgets that
pick between Chinese and English data labels (period names, target kinds) ask
`is_chinese()` instead of having the language threaded through every constructor.

Qt's own dialogs (file dialogs, message box buttons) speak Chinese through Qt's
qtbase catalogue; the few strings that catalogue lacks for this Qt version
("&Look in:", "Folder") are translated in the planner's own catalogue. The dates
of Qt's file dialog follow the system locale, which a Linux session started as
"C" leaves numeric ("7 12 2026"): `prepare_system_locale` gives such a session
the interface language's date format before the application object is made.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from planner.system.resources import resource_path

CATALOG_NAME = "planner_zh_CN.qm"
QT_CATALOG_NAME = "qtbase_zh_CN.qm"
NEUTRAL_LOCALES = ("", "C", "POSIX")
LOCALE_OF_LANGUAGE = {"zh": "zh_CN.UTF-8", "en": "en_US.UTF-8"}


def catalog_dir() -> Path:
    return resource_path("translations")


def install_language(app: QCoreApplication, lang: str, catalog: Path | None = None) -> list[QTranslator]:
    """Make `lang` ("zh" or "en") the interface language; return the installed translators.

    `catalog` names a compiled planner catalogue to use instead of the bundled one.
    """
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return []
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    planner_catalog = catalog or catalog_dir() / CATALOG_NAME
    installed = []
    for path in (planner_catalog, qt_catalog()):
        translator = QTranslator(app)
        if path.exists() and translator.load(str(path)):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def qt_catalog() -> Path:
    """Qt's own Chinese catalogue: where Qt says its translations are, else in the PySide6 package (a frozen
    program's Qt may report a folder the bundle does not have)."""
    reported = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / QT_CATALOG_NAME
    if reported.exists():
        return reported
    import PySide6

    return Path(PySide6.__file__).parent / "Qt" / "translations" / QT_CATALOG_NAME


def prepare_system_locale(lang: str, environ: MutableMapping[str, str] | None = None) -> None:
    """On Linux, a session whose locale is C or unset gets the interface language's date format (LC_TIME).

    Call before the QApplication is made: Qt reads the system locale from the environment once.
    """
    if sys.platform in ("win32", "darwin"):
        return  # the system's own settings, which the clerk chose
    env = os.environ if environ is None else environ
    if env.get("LC_ALL", "").split(".")[0] not in NEUTRAL_LOCALES:
        return
    if env.get("LC_ALL"):
        env.setdefault("LANG", env["LC_ALL"])
        del env["LC_ALL"]  # it would override LC_TIME
    current = env.get("LC_TIME") or env.get("LANG", "")
    if current.split(".")[0] in NEUTRAL_LOCALES:
        env["LC_TIME"] = LOCALE_OF_LANGUAGE.get(lang, LOCALE_OF_LANGUAGE["zh"])


def remove_language(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(QLocale.system())


def is_chinese() -> bool:
    return QLocale().language() == QLocale.Language.Chinese


def QT_TRANSLATE_NOOP(context: str, source: str, /) -> str:
    """Marks `source` for translation in `context` and returns it unchanged, as Qt's own does.

    PySide6's stub types Qt's `(object, object) -> object`, so the marked strings would not be
    str to QCoreApplication.translate. pyside6-lupdate and tests/ui/test_translations.py find
    marked strings by this name, which is why it is kept.
    """
    return source
