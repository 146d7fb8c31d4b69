"""Issue 8, fuzzing: damaged workbooks and CSVs fed to the readers, the importer and the collector.

Valid files (xlsx, xls, ods, GBK and UTF-8 CSV, a fill-in workbook) are mutated byte by byte,
truncated, and changed inside their XML parts and BIFF records. Every attempt must end in an
import or in a `PlannerError` for the user; any other exception is a traceback the user would
see. A refused import leaves the database as it was. The examples come from fixed seeds, and
their number is bounded so that the module takes well under a minute. The same command tries
the same examples; Hypothesis also mixes in numbers it finds in the modules loaded, so running
the module together with other test modules changes a few of them.

Run with -s to see the counts printed at the end of the module.
"""

from __future__ import annotations

import io
import re
import struct
import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from planner.domain.errors import PlannerError
from planner.exchange import collect
from planner.plans.importing import import_file
from planner.sheets.ole import OleFile
from planner.sheets.readers import read_workbook
from planner.store import open_store
from tests.conftest import TEST_ACTOR
from tests.hostile import forms
from tests.sheets.builders import CSV_MESSY_ROWS, breakdown_workbook, db_snapshot, messy_appendix
from tests.sheets.legacy_writers import Percent, ole_bytes, write_ods, write_xls

pytestmark = pytest.mark.hostile

EXAMPLES = 200  # per test: 2,200 in all, about 35 s on a two-core machine
MAX_SECONDS = 10  # for one damaged file of a few kilobytes, anything near this is a hang in the making
FUZZ = Counter()
# Fragments that steer a mutated part towards the limits: far cells, huge counts, entities.
TOKENS = [b"<c>", b"<row>", b"</row>", b'<c r="XFD1048576">', b'<c s="1" r="B1048576">', b"<v>1</v>", b"</c>",
          b"&lol;", b"<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", b'r="A0"', b"<is><t>x</t></is>", b't="s"', b't="e"',
          b"<v>99999999</v>", b'<mergeCell ref="A1:XFD1048576"/>', b'uniqueCount="99999999999"',
          b'<dimension ref="A1:ZZZ99999999"/>', b'table:number-columns-repeated="99999999"',
          b'table:number-rows-repeated="999999999"', b'<text:s text:c="999999999"/>', b"<text:p>",
          b'office:value-type="percentage"', b'office:value="1e308"', b'<sheet name="x" sheetId="9" r:id="rId9"/>',
          b'Target="../../../../etc/passwd"', b"\x00", b"\xff\xfe", b"_x0001_", b"&#27;"]


# No example database: nothing is written into the repository, and every run tries the same examples.
SETTINGS = settings(max_examples=EXAMPLES, deadline=20_000, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _repeatable(data: bytes) -> bytes:
    """The workbook without the moment it was written (zip entry times, document properties), so that
    every run mutates the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2021-01-01T00:00:00Z", content)
            archive.writestr(zipfile.ZipInfo(info.filename, date_time=(2021, 1, 1, 0, 0, 0)), content,
                             compress_type=info.compress_type)
    return out.getvalue()


@pytest.fixture(scope="module")
def bases(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("bases")
    rows = [["序号", "重点任务", "2021年", "2022年", "牵头单位"], [1, "建设站点", Percent(0.2), "#REF!", "市民政局"],
            [2, "培训护理员", "培训500人次", 600.0, "市人社局"]]
    csv_text = "\r\n".join(",".join(row) for row in CSV_MESSY_ROWS) + "\r\n"
    return {
        "appendix.xlsx": _repeatable(messy_appendix(folder / "a.xlsx").read_bytes()),
        "breakdown.xlsx": _repeatable(breakdown_workbook(folder / "b.xlsx").read_bytes()),
        "table.xls": write_xls(folder / "c.xls", [("表1", rows, [(0, 0, 0, 4)])]).read_bytes(),
        "table.ods": _repeatable(write_ods(folder / "d.ods", [("表1", rows, [(0, 0, 0, 4)])]).read_bytes()),
        "gbk.csv": csv_text.encode("gbk"),
        "utf8.csv": csv_text.encode("utf-8-sig"),
    }


@pytest.fixture(scope="module", autouse=True)
def report():
    yield
    print(f"\nfuzz: {FUZZ['tried']} cases tried ({FUZZ['imported']} imported, {FUZZ['refused']} refused, "
          f"{FUZZ['collected']} collected), {FUZZ['failures']} failures")


def _refusal(store, path: Path) -> str | None:
    """Open every sheet the user could pick, then import: None when imported, else the refusal's message.

    Any exception other than a PlannerError goes up: it is what the user would see as a traceback.
    """
    try:
        workbook = read_workbook(path)
        for sheet in workbook.sheet_names[1:3]:
            try:
                workbook.sheet(sheet)
            except PlannerError:
                pass
        import_file(store, path)
    except PlannerError as exc:
        return str(exc)
    return None


@pytest.fixture
def attempt(tmp_path):
    """Import `data` as a file of the given name into a database that holds a plan, checking the outcome."""
    db = tmp_path / "planner.sqlite3"
    with open_store(db, TEST_ACTOR) as store:
        import_file(store, messy_appendix(tmp_path / "seed.xlsx"))

        def run(name: str, data: bytes) -> None:
            path = tmp_path / name
            path.write_bytes(data)
            FUZZ["tried"] += 1
            before = db_snapshot(db)
            started = time.perf_counter()
            try:
                refusal = _refusal(store, path)
                seconds = time.perf_counter() - started
                assert seconds < MAX_SECONDS, f"{seconds:.1f} s for {len(data)} bytes"
                if refusal is not None:
                    assert path.name in refusal, f"the message does not name the file: {refusal}"
                    assert db_snapshot(db) == before, f"refused ({refusal}) but the database changed"
            except BaseException:
                FUZZ["failures"] += 1
                raise
            FUZZ["imported" if refusal is None else "refused"] += 1

        yield run


def _replaced(data: bytes, changes: list[tuple[int, int]]) -> bytes:
    mutated = bytearray(data)
    for position, value in changes:
        mutated[position % len(mutated)] = value
    return bytes(mutated)


def _spliced(content: bytes, changes: list[tuple[int, bytes, int]]) -> bytes:
    """`content` with each (position, token, length) replacing `length` bytes at `position` by `token`."""
    mutated = bytearray(content)
    for position, token, cut in changes:
        at = position % (len(mutated) + 1)
        mutated[at: at + cut] = token
    return bytes(mutated)


def _rezipped(data: bytes, member_index: int, edit) -> bytes:
    """The archive with one of its XML parts changed by `edit`, written again as a valid zip."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = [info for info in source.infolist() if info.filename.endswith((".xml", ".rels"))]
    target = parts[member_index % len(parts)].filename
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            archive.writestr(info, edit(content) if info.filename == target else content)
    return out.getvalue()


def _check_count(test: str, before: Counter) -> None:
    ran, failed = FUZZ["tried"] - before["tried"], FUZZ["failures"] - before["failures"]
    assert ran >= EXAMPLES // 2 and failed == 0, f"{test}: {ran} cases tried, {failed} failures"


byte_changes = st.lists(st.tuples(st.integers(0, 2**31), st.integers(0, 255)), min_size=1, max_size=24)


@pytest.mark.parametrize("name", ["appendix.xlsx", "table.xls", "table.ods"])
def test_bytes_changed(name, bases, attempt):
    start = FUZZ.copy()

    @seed(8001)
    @SETTINGS
    @given(byte_changes)
    def changed(changes):
        attempt(name, _replaced(bases[name], changes))

    changed()
    _check_count(f"bytes changed in {name}", start)


def test_truncated(bases, attempt):
    start = FUZZ.copy()

    @seed(8002)
    @SETTINGS
    @given(st.sampled_from(sorted(bases)), st.floats(0, 1, exclude_max=True))
    def truncated(name, fraction):
        data = bases[name]
        attempt(name, data[: int(len(data) * fraction)])

    truncated()
    _check_count("truncated files", start)


@pytest.mark.parametrize("name", ["gbk.csv", "utf8.csv"])
def test_csv_changed(name, bases, attempt):
    start = FUZZ.copy()
    edits = st.lists(st.tuples(st.integers(0, 2**31), st.sampled_from(
        [b"\x00", b"\xff", b"\x81", b'"', b"\n", b",", b"\t", b";", b"\r", b"\xef\xbb\xbf", b"#REF!", b"\xe4\xb8"])),
        min_size=1, max_size=12)

    @seed(8003)
    @SETTINGS
    @given(edits, st.booleans())
    def changed(inserts, delete):
        data = bytearray(bases[name])
        for position, text in inserts:
            at = position % (len(data) + 1)
            data[at: at + (len(text) if delete else 0)] = text
        attempt(name, bytes(data))

    changed()
    _check_count(f"changed {name}", start)


@pytest.mark.parametrize("name", ["appendix.xlsx", "breakdown.xlsx", "table.ods"])
def test_xml_part_changed(name, bases, attempt):
    start = FUZZ.copy()
    edits = st.lists(st.tuples(st.integers(0, 2**31), st.sampled_from(TOKENS), st.integers(0, 64)),
                     min_size=1, max_size=6)

    @seed(8004)
    @SETTINGS
    @given(st.integers(0, 50), edits)
    def changed(member, changes):
        attempt(name, _rezipped(bases[name], member, lambda content: _spliced(content, changes)))

    changed()
    _check_count(f"XML parts of {name}", start)


def test_xls_records_changed(bases, attempt):
    """Fields of the BIFF records inside a valid container: sizes, counts, cell positions."""
    start = FUZZ.copy()
    stream = OleFile(bases["table.xls"]).read_stream("Workbook")
    offsets, position = [], 0
    while position + 4 <= len(stream):
        offsets.append(position)
        position += 4 + struct.unpack_from("<H", stream, position + 2)[0]
    values = st.sampled_from([0, 1, 0xFF, 0x100, 0xFFFF, 0x7FFF, 0xFFFFFFFF, 0x7FFFFFFF, 65535 * 65536])

    @seed(8005)
    @SETTINGS
    @given(st.lists(st.tuples(st.integers(0, 2**31), st.integers(0, 64), st.sampled_from([1, 2, 4]), values),
                    min_size=1, max_size=4))
    def changed(changes):
        mutated = bytearray(stream)
        for record, offset, width, value in changes:
            at = offsets[record % len(offsets)] + offset
            mutated[at: at + width] = (value % 2 ** (8 * width)).to_bytes(width, "little")
        attempt("table.xls", ole_bytes({"Workbook": bytes(mutated)}))

    changed()
    _check_count("BIFF records of table.xls", start)


def test_fill_in_workbook_changed_and_collected(tmp_path):
    """The collector on a real fill-in workbook, changed inside its parts: a result for every file,
    never an exception, and nothing written for a refused one."""
    db = tmp_path / "planner.sqlite3"
    form = forms.plan_with_forms(db, tmp_path)["市民政局"]
    # Only the form's time of issue (in its hidden sheet, under the checksum) differs from run to run.
    data = _repeatable(forms.returned(form, tmp_path / "filled.xlsx").read_bytes())
    with open_store(db, TEST_ACTOR) as store:
        start = FUZZ.copy()

        @seed(8006)
        @SETTINGS
        @given(st.integers(0, 50), st.lists(st.tuples(st.integers(0, 2**31), st.sampled_from(TOKENS + [
            b"\xe5\xae\x8c", b"<v>5</v>", b'<c r="H7"><v>-1</v></c>', b"checksum"]), st.integers(0, 64)),
            min_size=1, max_size=4), st.booleans())
        def changed(member, changes, in_xml):
            def edit(content: bytes) -> bytes:
                return _spliced(content, changes)
            mutated = _rezipped(data, member, edit) if in_xml else edit(data)
            path = tmp_path / form.name
            path.write_bytes(mutated)
            FUZZ["tried"] += 1
            before = db_snapshot(db)
            try:
                result, = collect.collect_files(store, [path])
            except BaseException:
                FUZZ["failures"] += 1
                raise
            assert result.message.strip()
            if result.outcome == collect.REFUSED:
                assert path.name in result.message, result.message
                assert db_snapshot(db) == before, result.message
                FUZZ["refused"] += 1
            else:
                FUZZ["collected"] += 1

        changed()
    _check_count("fill-in workbook", start)
