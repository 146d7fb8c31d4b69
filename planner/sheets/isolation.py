"""Reading untrusted files in a worker process: a crash, a hang or a memory blow-up there is a refusal here.

python-calamine is native code. A file the pre-checks did not foresee can make it
abort the whole process (a failed allocation in Rust is not an exception: it
prints "memory allocation of 549755813888 bytes failed" and ends in SIGABRT), loop,
or grow until the machine swaps. Whatever reads a user's file therefore runs as a
job (`run_isolated`) in a worker process started with the spawn method, which
works the same in the frozen app (main.py calls multiprocessing.freeze_support).
On POSIX the worker limits its own address space to WORKER_MEMORY_BYTES; this
process waits at most READ_SECONDS for a job and kills the worker after that. A
worker that dies, or is killed, becomes a refusal naming the file (and the sheet),
and the next job gets a new worker. One worker reads the files in turn, so a batch
pays for one start-up; it leaves by itself after IDLE_SECONDS without work.

A job is a module-level function, pickled by name; its result is plain data
(a grid is lists of lists). Results are pickled without the memo: their objects
are never shared, and keeping the memo costs more than the rest of the work.
Spreadsheets and notices (`planner.notices.readers`) are read by the same worker;
a refusal the job raises (any `InputError`) is raised here again as the same class,
whichever package defined it.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import io
import os
import pickle
import signal
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from planner.domain.errors import InputError
from planner.sheets import errors
from planner.sheets.bulk import paused_gc
from planner.sheets.errors import CorruptFileError, SheetInputError, TooLargeError

WORKER_MEMORY_BYTES = 1024**3  # the worker's address space, on POSIX: the memory bound of reading one file
READ_SECONDS = 120.0  # the most one job may take, the worker's start-up included
IDLE_SECONDS = 300.0  # a worker without work for this long leaves
WARM_MODULES = ("planner.sheets.readers",)  # imported as the worker starts, while the caller does other work
_LOG_TAIL_BYTES = 64 * 1024
_OUT_OF_MEMORY_SIGNS = ("memory allocation of", "MemoryError", "Cannot allocate memory", "out of memory")

T = TypeVar("T")


class IsolatedJobError(RuntimeError):
    """A job failed in the worker with an exception that is not a refusal: a defect, with the worker's traceback."""


def refusal(kind: str, message: str, module: str = errors.__name__) -> InputError:
    """The refusal of class `kind` (a name from `module`, planner.sheets.errors by default), as it was raised
    in the worker. Only a class of the planner's own that derives from InputError is made again."""
    found = None
    if module == errors.__name__ or module.startswith("planner."):
        try:
            found = getattr(importlib.import_module(module), kind, None)
        except ImportError:
            found = None
    if not (isinstance(found, type) and issubclass(found, InputError)):
        found = SheetInputError
    return found(message)


# --- in the worker ------------------------------------------------------------------------------------

def _quiet(log_path: str) -> None:
    """Native code writes its last words to stderr: they go to the log this process reads after a death,
    not onto the user's terminal. Nothing of the worker's belongs on stdout, where a command prints JSON."""
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND)
    os.dup2(log, 2)
    os.close(log)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.close(null)


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:
        return  # Windows: no address-space limit; a crash and a hang are still contained
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _dumps(value: object) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: nothing in a result is shared or refers to itself
    pickler.dump(value)
    return buffer.getvalue()


def _run(request: bytes) -> bytes:
    try:
        job, args = pickle.loads(request)
        outcome: tuple = ("ok", job(*args))
    except InputError as exc:
        outcome = ("refused", type(exc).__name__, str(exc), type(exc).__module__)
    except MemoryError:
        outcome = ("memory",)
    except Exception:
        outcome = ("failed", traceback.format_exc())
    try:
        return _dumps(outcome)
    except MemoryError:
        return _dumps(("memory",))


def _serve(conn, log_path: str, memory_bytes: int, idle_seconds: float) -> None:
    """The worker: one job at a time, until none has come for `idle_seconds` or the caller has gone."""
    _quiet(log_path)
    _limit_memory(memory_bytes)
    for name in WARM_MODULES:
        importlib.import_module(name)
    while conn.poll(idle_seconds):
        try:
            request = conn.recv_bytes()
        except (EOFError, OSError):
            return
        conn.send_bytes(b"")  # the job has started: a death from now on is the job's doing
        reply = _run(request)
        del request
        conn.send_bytes(reply)
        del reply
        gc.collect()


# --- in the caller ------------------------------------------------------------------------------------

class _Worker:
    def __init__(self) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        handle, self.log_path = tempfile.mkstemp(prefix="planner-reader-", suffix=".log")
        os.close(handle)
        self.conn, child_end = context.Pipe()
        self.process = context.Process(target=_serve, name="planner-reader", daemon=True,
                                       args=(child_end, self.log_path, WORKER_MEMORY_BYTES, IDLE_SECONDS))
        self.process.start()
        child_end.close()
        self.idle_since = time.monotonic()

    def alive(self) -> bool:
        # A worker about to leave for idleness might leave as a job arrives; one that old is not used.
        return self.process.is_alive() and time.monotonic() - self.idle_since < IDLE_SECONDS * 0.8

    def log_tail(self) -> str:
        try:
            with open(self.log_path, "rb") as log:
                log.seek(max(0, os.fstat(log.fileno()).st_size - _LOG_TAIL_BYTES))
                return log.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def close(self, kill: bool = False) -> None:
        self.conn.close()  # an idle worker sees the end of its input and leaves
        if kill:
            self.process.kill()
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        try:
            os.unlink(self.log_path)
        except OSError:
            pass


_lock = threading.Lock()
_idle: list[_Worker] = []  # at most one, kept between jobs


def _take() -> _Worker:
    with _lock:
        worker = _idle.pop() if _idle else None
    if worker is not None and worker.alive():
        return worker
    if worker is not None:
        worker.close(kill=True)
    return _Worker()


def _give(worker: _Worker) -> None:
    worker.idle_since = time.monotonic()
    with _lock:
        if not _idle:
            _idle.append(worker)
            return
    worker.close()


def prestart() -> None:
    """Start a worker now, so that its start-up overlaps whatever the caller does before it reads a file."""
    with _lock:
        if _idle:
            return
    _give(_Worker())


@atexit.register
def shutdown() -> None:
    """Let the idle worker go and remove its log."""
    with _lock:
        workers = list(_idle)
        _idle.clear()
    for worker in workers:
        worker.close()


class _Died(Exception):
    pass


def _receive(worker: _Worker, deadline: float) -> bytes | None:
    """The worker's next message; None when it died first. TimeoutError once `deadline` has passed."""
    from multiprocessing.connection import wait

    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        ready = wait([worker.conn, worker.process.sentinel], remaining)
        if worker.conn in ready:
            try:
                return worker.conn.recv_bytes()
            except (EOFError, OSError):
                return None
        if ready:
            return None


def _exchange(worker: _Worker, request: bytes, deadline: float) -> bytes | None:
    """The reply to `request`; None when the worker was gone before it took the job up."""
    try:
        worker.conn.send_bytes(request)
    except OSError:
        return None
    if _receive(worker, deadline) is None:
        return None
    reply = _receive(worker, deadline)
    if reply is None:
        raise _Died
    return reply


def _where(file_name: str, sheet: str | None) -> str:
    return f"文件“{file_name}”" + (f"的工作表“{sheet}”" if sheet else "")


def _memory_refusal(file_name: str, sheet: str | None, reopen_in: str) -> TooLargeError:
    return TooLargeError(f"{_where(file_name, sheet)}读取时所需内存超过 {WORKER_MEMORY_BYTES // 1024**2} MB 的上限，"
                         "已停止读取，无法导入。文件可能已损坏或是恶意构造的，"
                         f"请在 {reopen_in} 中打开检查并另存后再试。")


def _death_refusal(worker: _Worker, file_name: str, sheet: str | None, reopen_in: str) -> SheetInputError:
    worker.process.join(2)
    log = worker.log_tail()
    # SIGKILL sent by no one here is the system's out-of-memory killer.
    killed = worker.process.exitcode == -getattr(signal, "SIGKILL", 9)
    if killed or any(sign in log for sign in _OUT_OF_MEMORY_SIGNS):
        return _memory_refusal(file_name, sheet, reopen_in)
    return CorruptFileError(f"{_where(file_name, sheet)}无法读取：读取程序异常退出（文件可能已损坏或是恶意构造的），"
                            f"无法导入。请在 {reopen_in} 中打开检查并另存后再试。")


def run_isolated(job: Callable[..., T], *args: Any, file_name: str, sheet: str | None = None,
                 reopen_in: str = "Excel 或 WPS") -> T:
    """`job(*args)` in the reading worker, for the file `file_name` (and `sheet`, named in refusals).

    `reopen_in` names the program a refusal asks the user to open and save the file again in.

    A refusal raised by the job is raised here again; the worker's death, a job over
    READ_SECONDS or over the worker's memory is a TooLargeError or CorruptFileError.
    """
    request = pickle.dumps((job, args), protocol=5)
    seconds = READ_SECONDS
    for _attempt in range(2):  # a worker that left just as the job came is replaced once
        worker = _take()
        try:
            reply = _exchange(worker, request, time.monotonic() + seconds)
        except TimeoutError:
            worker.close(kill=True)
            raise TooLargeError(f"{_where(file_name, sheet)}读取超过 {seconds:g} 秒仍未完成，已停止读取，无法导入。"
                                f"文件可能已损坏或是恶意构造的，请在 {reopen_in} 中打开检查并另存后再试。") from None
        except _Died:
            refused = _death_refusal(worker, file_name, sheet, reopen_in)
            worker.close(kill=True)
            raise refused from None
        except BaseException:
            worker.close(kill=True)  # interrupted while waiting: the job is abandoned with its worker
            raise
        if reply is None:
            worker.close(kill=True)
            continue
        _give(worker)
        with paused_gc():  # a million cells arrive at once, none of them in a cycle
            outcome = pickle.loads(reply)
        del reply
        if outcome[0] == "ok":
            return outcome[1]
        if outcome[0] == "refused":
            raise refusal(*outcome[1:])
        if outcome[0] == "memory":
            raise _memory_refusal(file_name, sheet, reopen_in)
        raise IsolatedJobError(outcome[1])
    raise CorruptFileError(f"{_where(file_name, sheet)}无法读取：读取程序未能启动，无法导入。")
