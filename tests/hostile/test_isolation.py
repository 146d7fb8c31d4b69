"""Untrusted files are read in a separate worker process, within bounded memory, and only regular files.

Each attack is built here and run the way a user meets it: `main.py import` or
`main.py collect` in a memory-limited child process (`tests.hostile.child`), whose
exit status, messages, time and peak memory (its own and its reading worker's)
are checked. The worker itself is exercised with jobs that crash, hang or ask
for too much memory (`tests.hostile.isolation_jobs`).
"""

from __future__ import annotations

import os
import random
import re
import sqlite3
import time
import zipfile
from pathlib import Path

import pytest

from planner.sheets import errors, limits
from tests.hostile import packages as P
from tests.hostile.child import run_main
from tests.hostile.forms import plan_with_forms, returned

pytestmark = pytest.mark.hostile
posix_only = pytest.mark.skipif(os.name != "posix", reason="measures the child's memory, or uses POSIX special files")

MEMORY_BOUND_MB = 1024  # README, "Size caps": no file takes more than this before it is refused
ODD_SPELLINGS = ["./worksheets/sheet1.xml", "worksheets//sheet1.xml", "worksheets/x/../sheet1.xml"]


def _odd_identity_sheet(path: Path) -> Path:
    """A returned fill-in workbook whose very hidden identity sheet is named by an odd spelling of its
    path, and whose member of that literal name declares the whole sheet grid."""
    from planner.exchange import form_layout as L

    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    sheet_tag = next(tag for tag in re.findall(r"<sheet\b[^>]*>", workbook) if f'name="{L.IDENTITY_SHEET}"' in tag)
    rid = re.search(r'r:id="([^"]+)"', sheet_tag).group(1)
    relationship = next(tag for tag in re.findall(r"<Relationship\b[^>]*>", rels) if f'Id="{rid}"' in tag)
    member = re.search(r'Target="/?(?:xl/)?([^"]+)"', relationship).group(1)  # worksheets/sheet2.xml
    odd = f"./{member}"
    rels = rels.replace(relationship, re.sub(r'Target="[^"]*"', f'Target="{odd}"', relationship))
    return P.replace_members(path, {"xl/_rels/workbook.xml.rels": rels, f"xl/{odd}": P.WHOLE_GRID_SHEET})


def _assert_refused(run, path: Path, *fragments: str) -> None:
    assert run.code == 1, run.describe()
    assert run.err.startswith("错误："), run.describe()
    assert path.name in run.err, run.describe()
    for fragment in fragments:
        assert fragment in run.err, run.describe()
    assert "Traceback" not in run.err and "内部错误" not in run.err, run.describe()
    assert "memory allocation" not in run.err and "backtrace" not in run.err, run.describe()
    assert run.peak_mb < MEMORY_BOUND_MB, run.describe()


# --- 1. a native crash, hang or memory blow-up in the reader ---------------------------------------

@posix_only
@pytest.mark.parametrize("spelling", ODD_SPELLINGS)
def test_a_sheet_named_by_an_odd_spelling_of_its_path_is_refused_by_import(spelling, tmp_path):
    path = P.odd_sheet_path(tmp_path / "拼写.xlsx", spelling)
    run = run_main("--db", str(tmp_path / "planner.sqlite3"), "import", str(path), timeout=60)
    _assert_refused(run, path)
    assert run.seconds < 30, run.describe()


def _report_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM reports").fetchone()[0]


@posix_only
def test_a_return_whose_identity_sheet_crashes_the_reader_is_refused_and_the_batch_goes_on(tmp_path):
    db = tmp_path / "planner.sqlite3"
    forms = plan_with_forms(db, tmp_path)
    bad = _odd_identity_sheet(returned(forms["市民政局"], tmp_path / "市民政局_退回.xlsx"))
    good = returned(forms["市财政局"], tmp_path / "市财政局_退回.xlsx")
    before = _report_count(db)
    run = run_main("--db", str(db), "collect", str(bad), str(good), timeout=90)
    assert run.code == 1, run.describe()  # one file refused
    assert f"{bad.name}：已拒收" in run.err, run.describe()
    assert f"{good.name}：已收集" in run.out, run.out + run.describe()
    assert "Traceback" not in run.err and "memory allocation" not in run.err, run.describe()
    assert run.peak_mb < MEMORY_BOUND_MB, run.describe()
    assert _report_count(db) == before + 1  # the good return's one figure, nothing from the bad one


@posix_only
def test_calamine_aborting_in_the_worker_is_a_refusal_and_the_next_file_is_read(tmp_path):
    """The pre-checks skipped on purpose: calamine itself asks for 512 GB and aborts, in the worker."""
    from planner.sheets.isolation import run_isolated
    from planner.sheets.readers import read_workbook
    from tests.hostile import isolation_jobs

    crafted = P.odd_sheet_path(tmp_path / "崩溃.xlsx", ODD_SPELLINGS[0])
    with pytest.raises(errors.SheetInputError) as refused:
        run_isolated(isolation_jobs.calamine_without_checks, str(crafted), file_name=crafted.name)
    assert crafted.name in str(refused.value) and "无法导入" in str(refused.value)
    assert "内存" in str(refused.value)  # the failed allocation is told apart from other crashes
    plain = P.plain_xlsx(tmp_path / "正常.xlsx")
    assert read_workbook(plain).sheet().cell(1, 1) == P.TASK_NAME


def test_a_reader_that_crashes_is_a_refusal_naming_the_file_and_sheet(tmp_path):
    from planner.sheets.isolation import run_isolated
    from tests.hostile import isolation_jobs

    with pytest.raises(errors.CorruptFileError) as refused:
        run_isolated(isolation_jobs.abort, file_name="坏.xlsx", sheet="表1")
    message = str(refused.value)
    assert "坏.xlsx" in message and "表1" in message and "无法导入" in message, message
    assert run_isolated(isolation_jobs.echo, {"行": [1, "二", None]}, file_name="好.xlsx") == {"行": [1, "二", None]}


def test_a_reader_that_hangs_is_stopped_at_the_time_limit(monkeypatch):
    from planner.sheets import isolation
    from tests.hostile import isolation_jobs

    monkeypatch.setattr(isolation, "READ_SECONDS", 3.0)
    started = time.perf_counter()
    with pytest.raises(errors.TooLargeError) as refused:
        isolation.run_isolated(isolation_jobs.sleep, 600, file_name="慢.xlsx")
    assert time.perf_counter() - started < 15
    assert "慢.xlsx" in str(refused.value) and "3 秒" in str(refused.value), str(refused.value)
    assert isolation.run_isolated(isolation_jobs.echo, 7, file_name="快.xlsx") == 7


@posix_only
def test_a_reader_that_asks_for_too_much_memory_is_refused():
    from planner.sheets.isolation import WORKER_MEMORY_BYTES, run_isolated
    from tests.hostile import isolation_jobs

    with pytest.raises(errors.TooLargeError) as refused:
        run_isolated(isolation_jobs.allocate, 2 * WORKER_MEMORY_BYTES // 1024**2, file_name="大.xlsx")
    assert "大.xlsx" in str(refused.value) and "内存" in str(refused.value), str(refused.value)
    assert run_isolated(isolation_jobs.allocate, 16, file_name="小.xlsx") == 16 * 1024**2


def test_the_pre_check_reads_the_member_calamine_reads(tmp_path):
    """Without the worker: the sheet scan itself refuses the crafted file, before calamine sees it."""
    from planner.sheets.readers import read_workbook

    for number, spelling in enumerate(ODD_SPELLINGS):
        path = P.odd_sheet_path(tmp_path / f"拼写{number}.xlsx", spelling)
        with pytest.raises(errors.TooLargeError) as refused:
            read_workbook(path, isolated=False).sheet()
        assert path.name in str(refused.value) and "1048576 行" in str(refused.value), str(refused.value)


def test_members_whose_names_differ_only_in_case_are_refused(tmp_path):
    """calamine looks members up ignoring case: which one it would read is not for the scan to guess."""
    from planner.sheets.readers import read_workbook

    path = P.write_package(tmp_path / "大小写.xlsx", P.sheet_xml(P.table_rows()),
                           extra={"XL/Worksheets/Sheet1.xml": P.WHOLE_GRID_SHEET})
    with pytest.raises(errors.CorruptFileError) as refused:
        read_workbook(path, isolated=False)
    assert path.name in str(refused.value) and "XL/Worksheets/Sheet1.xml" in str(refused.value)


# --- 2. bounded in memory ---------------------------------------------------------------------------

def _duplicated_cells(path: Path, cells: int) -> Path:
    """The table, then `cells` cells all placed within A1:E8, each written over another: the sheet's extent is
    5 columns by 8 rows whatever the count. Random places and digits keep the deflate ratio near 7 to 1, and
    the fastest compression level writes 34 million cells in about 3 seconds."""
    rng = random.Random(37)
    per_block = 50_000
    places = [f"{column}{row}" for column in "ABCDE" for row in range(1, 9)]
    block = "".join(f'<c r="{rng.choice(places)}"><v>{rng.randrange(10)}</v></c>' for _ in range(per_block)).encode()
    head, tail = P.sheet_xml("@").encode().split(b"@")
    P.write_package(path, P.sheet_xml(P.table_rows()))
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist() if name != "xl/worksheets/sheet1.xml"}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as stream:
            stream.write(head + P.table_rows().encode() + b'<row r="3">')
            for _ in range(cells // per_block):
                stream.write(block)
            stream.write(b"</row>" + tail)
    return path


def test_cells_written_over_one_another_count_against_the_cell_cap(tmp_path, monkeypatch):
    from planner.sheets.readers import read_workbook

    path = _duplicated_cells(tmp_path / "重复.xlsx", 100_000)
    monkeypatch.setattr(limits, "MAX_CELLS", 50_000)
    with pytest.raises(errors.TooLargeError) as refused:
        read_workbook(path, isolated=False).sheet()
    assert "重复.xlsx" in str(refused.value) and "50000" in str(refused.value), str(refused.value)


@posix_only
def test_a_100_mb_xlsx_of_one_cell_written_34_million_times_is_refused_within_the_bound(tmp_path):
    path = _duplicated_cells(tmp_path / "重复.xlsx", 34_000_000)
    assert 90e6 < path.stat().st_size <= limits.MAX_FILE_BYTES
    run = run_main("--db", str(tmp_path / "planner.sqlite3"), "import", str(path), timeout=120)
    _assert_refused(run, path, "单元格", str(limits.MAX_CELLS))
    assert run.seconds < 60, run.describe()


@posix_only
def test_a_100_mb_csv_of_short_lines_is_refused_within_the_bound(tmp_path):
    path = tmp_path / "短行.csv"
    path.write_bytes(b"1,2\n" * 25_000_000)
    run = run_main("--db", str(tmp_path / "planner.sqlite3"), "import", str(path), timeout=120)
    _assert_refused(run, path, str(limits.MAX_ROWS))
    assert run.seconds < 60, run.describe()


def test_a_csv_line_of_millions_of_fields_is_refused_before_it_is_split(tmp_path):
    from planner.sheets.readers import read_workbook

    path = tmp_path / "长行.csv"
    path.write_bytes(b"a," * 10_000_000 + b"a\n")
    with pytest.raises(errors.TooLargeError) as refused:
        read_workbook(path).sheet()
    assert "长行.csv" in str(refused.value) and "第1行" in str(refused.value), str(refused.value)


# --- 3. input that is not a file --------------------------------------------------------------------

@posix_only
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_before_it_is_read(device, tmp_path):
    run = run_main("--db", str(tmp_path / "planner.sqlite3"), "import", device, timeout=30)
    assert run.code == 1, run.describe()
    assert run.err.startswith("错误：") and device in run.err and "不是普通文件" in run.err, run.describe()
    assert run.peak_mb < 200 and run.seconds < 10, run.describe()


@posix_only
def test_a_fifo_named_like_a_workbook_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "x.xlsx"
    os.mkfifo(fifo)
    run = run_main("--db", str(tmp_path / "planner.sqlite3"), "import", str(fifo), timeout=20)
    assert run.code == 1, run.describe()
    assert str(fifo) in run.err and "不是普通文件" in run.err, run.describe()
    assert run.seconds < 10, run.describe()


@posix_only
def test_a_fifo_among_returns_is_refused_and_the_others_collected(tmp_path):
    db = tmp_path / "planner.sqlite3"
    forms = plan_with_forms(db, tmp_path)
    fifo = tmp_path / "市民政局_退回.xlsx"
    os.mkfifo(fifo)
    good = returned(forms["市财政局"], tmp_path / "市财政局_退回.xlsx")
    run = run_main("--db", str(db), "collect", str(fifo), str(good), timeout=30)
    assert run.code == 1, run.describe()
    assert f"{fifo.name}：已拒收" in run.err and "不是普通文件" in run.err, run.describe()
    assert f"{good.name}：已收集" in run.out, run.out + run.describe()


def test_a_symlink_to_a_workbook_is_read_as_the_workbook(tmp_path):
    """Only what a link leads to is judged: a link to a regular file is that file."""
    from planner.sheets.readers import read_workbook

    target = P.plain_xlsx(tmp_path / "原表.xlsx")
    link = tmp_path / "链接.xlsx"
    try:
        link.symlink_to(target)
    except OSError:
        pytest.skip("this system does not allow symbolic links here")
    assert read_workbook(link).sheet().cell(1, 1) == P.TASK_NAME
