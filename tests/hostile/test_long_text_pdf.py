"""Long text in a PDF report: line breaking and table layout take time in proportion to the text, a cell
beyond the bound is cut with a visible mark, and a killed or failed run leaves no stray file.

Reports that could run away are built in child processes with a timeout.
"""

from __future__ import annotations

import gc
import json
import os
import re
import signal
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import pytest

from planner.documents.fonts import FANGSONG, resolve_fonts
from planner.documents.textflow import CELL_TEXT_LIMIT, CUT_MARK, Measurer, TextStyle, break_lines
from planner.domain.model import Section
from planner.store import open_store
from planner.system import atomic_save
from tests.conftest import TEST_ACTOR
from tests.hostile.child import ROOT, _limit_address_space, run_main
from tests.reports.helpers import add_plan, compact, page_texts, task

pytestmark = pytest.mark.hostile

SENTENCE = "全市养老床位总数达到53426张，其中（道里区）4816张；新建社区日间照料中心30个。"
SIZES = (1_000, 10_000, 100_000)
GROWTH = 30  # allowed growth of the time for ten times the text: 10 if linear, 100 if quadratic
# Characters of SENTENCE found nowhere else in these reports (titles, headers, the other cells): counted in a
# PDF's text, they tell whether a long cell was printed whole, each line once, across its pages.
OWN = "床总张道里区社日间照料心"


def text_of(length: int, unit: str = SENTENCE) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def own_counts(text: str) -> dict[str, int]:
    return {char: text.count(char) for char in OWN}


def long_plan(store, field: str, text: str) -> int:
    """A plan of three tasks in one section whose middle task has `text` as its name, content or target."""
    long_task = {"name": task("2", text, content="新建养老机构", section="s1", targets={"2021": "5个"}),
                 "content": task("2", "提升养老服务", content=text, section="s1", targets={"2021": "5个"}),
                 "target": task("2", "提升养老服务", content="新建养老机构", section="s1",
                                targets={"2021": text})}[field]
    tasks = [task("1", "短任务", section="s1", targets={"2021": "10个"}), long_task,
             task("3", "后续任务", section="s1", targets={"2022": "3个"})]
    return add_plan(store, f"长文本计划（{field}，{len(text)}字）", tasks, [Section(title="一、基础设施", key="s1")])


# Line breaking


@pytest.fixture(scope="module")
def measurer():
    return Measurer(resolve_fonts({}, env={}, search_dirs=[]))


KINDS = {
    "sentences": SENTENCE,
    "one long number": "1234567890",
    "latin words": "abc defg hij ",
    "opening brackets": "（",
    "closing marks": "）",
    "brackets around words": "（养老）",
}


def _best_time(call, runs: int = 5) -> float:
    """The fastest of `runs` calls, the garbage collector paused: a loaded machine slows some runs, not all."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(runs):
            started = time.perf_counter()
            call()
            best = min(best, time.perf_counter() - started)
    finally:
        gc.enable()
    return best


def test_line_breaking_time_grows_linearly_with_the_text(measurer):
    """Every kind of text: ten times the text takes about ten times as long and makes ten times the lines,
    each line at least half full (a run of opening brackets used to give one character per line)."""
    style = TextStyle(FANGSONG, 10.5, 14.0)
    for kind, unit in KINDS.items():
        times, counts = [], []
        for size in SIZES:
            text = text_of(size, unit)
            times.append(_best_time(partial(break_lines, text, 120.0, style, measurer)))
            counts.append(len(break_lines(text, 120.0, style, measurer)))
        for smaller, larger in zip(times, times[1:]):
            # The slack keeps a few milliseconds of a busy machine from failing it; quadratic growth (100×) still does.
            assert larger <= GROWTH * smaller + 0.05, f"{kind}: {times}"
        assert counts[2] <= 12 * counts[1] <= 144 * counts[0], f"{kind}: {counts}"
        lines = break_lines(text_of(10_000, unit), 120.0, style, measurer)
        shortest = min(len(line.text) for line in lines)
        assert all(line.width >= 60.0 for line in lines[:-1]), f"{kind}: a line of {shortest}"


# Table layout


@pytest.fixture(scope="module")
def timed(tmp_path_factory):
    """Each field of the target table holding 1,000 / 10,000 / 100,000 characters: (seconds, pages), and the PDFs."""
    folder = tmp_path_factory.mktemp("timed")
    db = folder / "long.sqlite3"
    plans: dict[tuple[str, int], int] = {}
    with open_store(db, TEST_ACTOR) as store:
        for field in ("name", "content", "target"):
            for size in SIZES:
                plans[(field, size)] = long_plan(store, field, text_of(size))
    command = [sys.executable, "-m", "tests.hostile.report_timing", str(db), str(folder),
               *(str(plan) for plan in plans.values())]
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180,
                              preexec_fn=_limit_address_space)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"the reports did not finish in 180 s; finished: {exc.stderr!r}")
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout)
    return {key: tuple(found[str(plan)]) for key, plan in plans.items()}, {key: folder / f"plan-{plan}.pdf"
                                                                         for key, plan in plans.items()}


@pytest.mark.parametrize("field", ["name", "content", "target"])
def test_table_layout_time_grows_linearly_with_a_cell(timed, field):
    seconds = [timed[0][(field, size)][0] for size in SIZES]
    pages = [timed[0][(field, size)][1] for size in SIZES]
    for smaller, larger in zip(seconds, seconds[1:]):
        assert larger <= GROWTH * smaller + 0.05, f"{field}: {seconds} s"
    assert seconds[2] < 10, f"{field}: {seconds} s"
    assert pages[0] <= pages[1] <= pages[2] <= 250, f"{field}: {pages} pages"


@pytest.mark.parametrize("field", ["name", "content", "target"])
def test_a_cell_beyond_the_bound_is_cut_with_a_mark(timed, field, qapp):
    whole = compact("".join(page_texts(timed[1][(field, 10_000)])))
    assert CUT_MARK not in whole
    assert own_counts(whole) == own_counts(text_of(10_000))  # printed whole across its pages
    cut = compact("".join(page_texts(timed[1][(field, 100_000)])))
    # The mark once, at the end of the cell's text (a page break may fall inside it).
    assert len(re.findall(".*?".join(map(re.escape, CUT_MARK)), cut)) == 1
    assert own_counts(cut) == own_counts(text_of(CELL_TEXT_LIMIT))


def test_a_long_task_name_renders_quickly_across_pages(tmp_path, qapp):
    db = tmp_path / "name.sqlite3"
    name = text_of(1_500)  # more than the name column of one page holds, however wide the layout makes it
    with open_store(db, TEST_ACTOR) as store:
        plan = long_plan(store, "name", name)
    out = tmp_path / "targets.pdf"
    run = run_main("--db", str(db), "report", "targets", "--plan", str(plan), "-o", str(out), timeout=60)
    assert run.code == 0, run.describe()
    assert run.seconds < 10, run.describe()
    texts = page_texts(out)
    assert len(texts) >= 2
    # Every line of the merged cell once: none lost or repeated at the page break.
    assert own_counts("".join(texts)) == own_counts(name)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf" or p.name.startswith(".~")) == [out.name]


def test_a_5_mb_cell_ends_quickly_with_the_rest_left_out(tmp_path):
    db = tmp_path / "huge.sqlite3"
    huge = text_of(5 * 1024 * 1024 // 3)  # 5 MB of UTF-8
    with open_store(db, TEST_ACTOR) as store:
        plan = add_plan(store, "超长单元格计划", [task("1", huge, content=huge, targets={"2021": huge})])
    out = tmp_path / "huge.pdf"
    run = run_main("--db", str(db), "report", "targets", "--plan", str(plan), "-o", str(out), timeout=120)
    assert run.code == 0, run.describe()
    assert run.seconds < 60, run.describe()
    pages = int(run.out.split("共 ")[1].split(" 页")[0])
    assert pages < 500, run.out


# No stray file


def _open_in(pid: int, folder: Path) -> bool:
    """Whether process `pid` has a file of `folder` open (a named or an unnamed temporary file)."""
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}").startswith(f"{folder}/"):
                return True
        except OSError:
            continue
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/PID/fd")
def test_a_report_killed_while_writing_leaves_no_stray_file(tmp_path):
    db = tmp_path / "many.sqlite3"
    with open_store(db, TEST_ACTOR) as store:
        tasks = [task(str(number), f"任务{number}", content=text_of(300), targets={"2021": text_of(200)})
                 for number in range(1, 401)]
        plan = add_plan(store, "多任务计划", tasks)
    folder = tmp_path / "out"
    folder.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", str(db), "report", "targets",
                              "--plan", str(plan), "-o", str(folder / "targets.pdf")], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=_limit_address_space)
    try:
        deadline = time.monotonic() + 60
        while not _open_in(child.pid, folder):
            assert child.poll() is None, "the report ended before it was caught writing"
            assert time.monotonic() < deadline, "the report never started writing"
            time.sleep(0.001)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert list(folder.iterdir()) == []


def test_leftovers_of_a_killed_run_are_removed_by_the_next_save(tmp_path, monkeypatch):
    """Where the system cannot make an unnamed file, the named temporary of a killed run goes at the next save."""
    monkeypatch.setattr(atomic_save, "_unnamed_temporary", lambda folder: None)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(gone.stdout)
    stale = tmp_path / atomic_save.temporary_name(dead_pid, ".pdf")
    stale.write_bytes(b"")
    alive = tmp_path / atomic_save.temporary_name(os.getppid(), ".xlsx")  # a save still running elsewhere
    alive.write_bytes(b"")
    foreign = tmp_path / ".~someone else's file.pdf"
    foreign.write_bytes(b"keep")
    out = tmp_path / "report.pdf"
    atomic_save.save_atomically(out, lambda temporary: Path(temporary).write_bytes(b"%PDF-1.4"))
    assert out.read_bytes() == b"%PDF-1.4"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, foreign.name, out.name])
