"""文件 → 导出: the plan with its targets and a period's progress, as a formatted workbook or as CSV.

The file is written by `planner.exchange.export.export_plan` on the window's
background worker; the user chooses only where, and in which of the two formats.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QMessageBox

from planner.exchange.export import ExportResult, export_plan
from ui.common.jobs import Job
from ui.common.save_paths import ask_save_path
from ui.context import WindowContext


def export_plan_to_file(context: WindowContext) -> Job | None:
    """Ask for the file (.xlsx or .csv) and export the plan on screen, with the progress of the period on
    screen, in the background; None when the user cancels or no plan is shown."""
    if context.plan is None:
        return None
    parent, store, runner = context.parent_widget, context.store, context.runner
    plan_id, title, period = context.plan.id, context.plan.title, context.period_code
    assert plan_id is not None, "the plan on screen was read from the database"
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = Path(documents or Path.home()) / f"{title}.xlsx"
    workbook = QCoreApplication.translate("ExportPlan", "Workbook (*.xlsx)")

    def with_suffix(path: Path, chosen_filter: str) -> Path:
        if path.suffix.lower() in (".xlsx", ".csv"):
            return path
        return path.with_name(path.name + (".xlsx" if chosen_filter == workbook else ".csv"))

    chosen = ask_save_path(parent, QCoreApplication.translate("ExportPlan", "Export plan"), str(suggested),
                           f"{workbook};;" + QCoreApplication.translate("ExportPlan", "CSV for Excel (*.csv)"),
                           with_suffix)
    if chosen is None:
        return None
    path = chosen[0]

    def done(result: ExportResult) -> None:
        QMessageBox.information(
            parent, QCoreApplication.translate("ExportPlan", "Plan exported"),
            QCoreApplication.translate("ExportPlan", "%1 tasks exported to %2.")
            .replace("%1", str(result.tasks)).replace("%2", str(result.path)))

    def failed(message: str) -> None:
        QMessageBox.warning(parent, QCoreApplication.translate("ExportPlan", "Plan not exported"), message)

    return runner.start(lambda progress: export_plan(store.conn, plan_id, path, period, progress),
                        label=QCoreApplication.translate("ExportPlan", "Exporting…"), parent=parent,
                        on_success=done, on_failure=failed)
