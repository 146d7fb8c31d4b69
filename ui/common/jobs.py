"""Long work off the GUI thread: one background worker, results delivered on the GUI thread.

A job is a plain function that takes a `progress(done, total)` callback. It runs
on the runner's single worker thread, so database jobs never overlap, and its
result or its error message arrives through a signal on the GUI thread; a job
never touches a widget. A progress dialog appears only when the job outlasts
`PROGRESS_DELAY_MS`, so quick jobs never flash one. Cancelling makes the next
progress call raise `JobCancelled`, which unwinds the job (and rolls back any
transaction it had open).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from planner.domain.errors import PlannerError

PROGRESS_DELAY_MS = 500
Progress = Callable[[int, int], None]
JobFunction = Callable[[Progress], Any]

log = logging.getLogger(__name__)


class JobCancelled(Exception):
    """Raised inside a job by its progress callback after the user cancelled it."""


class Job(QObject):
    """One run of a job function; `succeeded` or `failed` is emitted exactly once, then `ended`."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    ended = Signal()

    def __init__(self, function: JobFunction, parent: QObject | None = None):
        super().__init__(parent)
        self._function = function
        self._cancel = threading.Event()
        self.running = True

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise JobCancelled()
        self.progressed.emit(done, total)

    def execute(self) -> None:
        """Runs on the worker thread; signals cross to the GUI thread queued.

        `running` is cleared before the outcome is announced, so a receiver that
        asks whether the job is still running is told the truth.
        """
        outcome, value = "failed", ""
        try:
            value, outcome = self._function(self._progress), "succeeded"
        except JobCancelled:
            outcome = "cancelled"
        except PlannerError as exc:
            value = str(exc)
        except BaseException as exc:  # a bug (or a Rust panic from a reader) must reach the user as a message
            log.exception("background job failed")
            value = f"内部错误：{type(exc).__name__}: {exc}"
        self.running = False
        if outcome == "succeeded":
            self.succeeded.emit(value)
        elif outcome == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(value)
        self.ended.emit()


class _Runnable(QRunnable):
    def __init__(self, job: Job):
        super().__init__()
        self.setAutoDelete(True)
        self._job = job

    def run(self) -> None:
        self._job.execute()


class JobRunner(QObject):
    """Runs jobs one at a time on a single worker thread."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._jobs: set[Job] = set()

    def start(self, function: JobFunction, *, label: str = "", parent: QWidget | None = None,
              on_success: Callable[[Any], None] | None = None,
              on_failure: Callable[[str], None] | None = None,
              cancellable: bool = True) -> Job:
        """Run `function(progress)` in the background; with `parent`, show a delayed progress dialog."""
        job = Job(function)
        self._jobs.add(job)
        if on_success is not None:
            job.succeeded.connect(on_success, Qt.ConnectionType.QueuedConnection)
        if on_failure is not None:
            job.failed.connect(on_failure, Qt.ConnectionType.QueuedConnection)
        if parent is not None:
            _attach_progress_dialog(job, label, parent, cancellable)
        job.ended.connect(lambda: self._jobs.discard(job), Qt.ConnectionType.QueuedConnection)
        self._pool.start(_Runnable(job))
        return job

    def busy(self) -> bool:
        return bool(self._jobs)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every job has ended (for closing the window and for tests)."""
        return self._pool.waitForDone(msecs)


def _attach_progress_dialog(job: Job, label: str, parent: QWidget, cancellable: bool) -> None:
    dialog = QProgressDialog(label, QCoreApplication.translate("Jobs", "Cancel"), 0, 100, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.hide()
    show_timer = QTimer(dialog)
    show_timer.setSingleShot(True)
    show_timer.timeout.connect(lambda: dialog.show() if job.running else None)
    show_timer.start(PROGRESS_DELAY_MS)

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    job.progressed.connect(progressed, Qt.ConnectionType.QueuedConnection)
    dialog.canceled.connect(job.cancel)
    job.ended.connect(dialog.deleteLater, Qt.ConnectionType.QueuedConnection)
    job.ended.connect(show_timer.stop, Qt.ConnectionType.QueuedConnection)
