"""文件 → 备份… / 恢复…, the daily copy at start-up, and recovery from a damaged database."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from planner.domain.errors import PlannerError
from planner.store.backup import check_backup, copy_database, daily_backup
from planner.store.read_only import read_only_connection
from planner.store.restore import newest_good_backup, recover_from_backup, restore_database
from planner.system.output_guard import check_output
from ui.common.file_dialogs import open_file_name
from ui.common.save_paths import ask_save_path
from ui.context import WindowContext

FILE_FILTER = "*.sqlite3 *.db"
translate = QCoreApplication.translate


def start_daily_backup(context: WindowContext) -> None:
    """The first start of a day copies the database in the background, from a connection of its own."""
    db_path = context.store.path

    def copy(_progress) -> Path | None:
        source = read_only_connection(db_path)
        try:
            return daily_backup(source, db_path)
        finally:
            source.close()

    def made(copied: Path | None) -> None:
        if copied is not None:
            context.show_message(translate("Backup", "Today's backup copy was made: %1").replace("%1", copied.name))

    context.runner.start(copy, on_success=made, on_failure=lambda message: context.show_message(
        translate("Backup", "The daily backup failed: %1").replace("%1", message), 0))


def back_up(context: WindowContext, target: str | None = None) -> Path | None:
    parent = context.parent_widget
    if target is None:
        suggested = str(Path.home() / f"{context.store.path.stem}-{datetime.now():%Y%m%d}.sqlite3")
        databases = translate("Backup", "Planner databases (%1)").replace("%1", FILE_FILTER)
        picked = ask_save_path(parent, translate("Backup", "Back up the database"), suggested, databases)
        if picked is None:
            return None
        target = str(picked[0])
    try:
        # Never over the database itself, its companions or its automatic copies (planner.system.output_guard).
        made = copy_database(context.store.conn, check_output(target))
        check_backup(made)
    except (OSError, PlannerError) as exc:
        QMessageBox.warning(parent, translate("Backup", "Backup failed"), str(exc))
        return None
    context.show_message(translate("Backup", "Backed up to %1").replace("%1", str(made)), 8000)
    return made


def restore(context: WindowContext, source: str | None = None, confirm: bool = True) -> bool:
    """文件 → 恢复…; the store announces that everything changed, and the window reads it all again."""
    parent = context.parent_widget
    if source is None:
        databases = translate("Backup", "Planner databases (%1)").replace("%1", FILE_FILTER)
        source = open_file_name(parent, translate("Backup", "Restore from a backup"), databases)
        if not source:
            return False
    try:
        info = check_backup(Path(source))
    except PlannerError as exc:
        QMessageBox.warning(parent, translate("Backup", "Cannot restore"), str(exc))
        return False
    if confirm:
        question = (translate("Backup", "Replace the current data with the backup “%1” (%2 plans, %3 reports)? "
                        "The current database is kept as a copy beside it.")
                    .replace("%1", info.path.name).replace("%2", str(info.plans)).replace("%3", str(info.reports)))
        answer = QMessageBox.question(parent, translate("Backup", "Restore from a backup"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return False
    context.undo_stack.clear()  # the changes it could undo belong to the data about to be replaced
    try:
        aside = restore_database(context.store, info.path)
    except PlannerError as exc:
        QMessageBox.warning(parent, translate("Backup", "Cannot restore"), str(exc))
        return False
    done = translate("Backup", "Restored. The data before the restore was kept as %1")
    context.show_message(done.replace("%1", aside.name), 10000)
    return True


def offer_recovery(db_path: Path, message: str, parent: QWidget | None = None) -> bool:
    """The database is damaged: say so, and offer the newest good automatic copy. True if recovered."""
    backup = newest_good_backup(db_path)
    damaged = translate("Backup", "The database is damaged")
    if backup is None:
        nothing = translate("Backup", "No good backup copy was found. The file was not changed.")
        QMessageBox.critical(parent, damaged, message + "\n" + nothing)
        return False
    offer = translate("Backup", "Restore the newest good backup copy “%1”? The damaged file is kept aside.")
    question = message + "\n" + offer.replace("%1", backup.name)
    if QMessageBox.question(parent, damaged, question) != QMessageBox.StandardButton.Yes:
        return False
    try:
        recover_from_backup(db_path, backup)
    except (OSError, PlannerError) as exc:
        QMessageBox.critical(parent, damaged, str(exc))
        return False
    return True
