"""The interface language: Qt translators and the default locale.

The default locale doubles as the record of the chosen language, so widgets that
pick between Chinese and English data labels (period names, target kinds) ask
`is_chinese()` instead of having the language threaded through every constructor.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from planner.system.resources import resource_path

CATALOG_NAME = "planner_zh_CN.qm"
QT_CATALOG_NAME = "qtbase_zh_CN.qm"


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
    qt_catalog = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / QT_CATALOG_NAME
    installed = []
    for path in (planner_catalog, qt_catalog):
        translator = QTranslator(app)
        if path.exists() and translator.load(str(path)):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


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
