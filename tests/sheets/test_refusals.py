"""Bad input is refused with a plain reason naming the place, and the database is untouched."""

from __future__ import annotations

import struct
import tracemalloc
import zipfile
import zlib

import openpyxl
import pytest

from planner.domain.errors import InputError
from planner.plans.importing import import_file
from planner.sheets import errors, limits

from .builders import db_snapshot, messy_appendix, simple_rows, write_xlsx
from .legacy_writers import ole_bytes, write_xls


def _refused(store, tmp_db, path, kind, *fragments, **kwargs):
    before = db_snapshot(tmp_db)
    with pytest.raises(kind) as caught:
        import_file(store, path, **kwargs)
    message = str(caught.value)
    assert isinstance(caught.value, InputError)
    for fragment in fragments:
        assert fragment in message, message
    assert db_snapshot(tmp_db) == before
    return message


@pytest.fixture
def seeded(store, tmp_path):
    """A database that already holds a plan, so 'unchanged' is not trivially true."""
    import_file(store, messy_appendix(tmp_path / "seed.xlsx"))
    return store


def test_pdf_renamed_to_xlsx(seeded, tmp_db, tmp_path):
    path = tmp_path / "通知附件.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    message = _refused(seeded, tmp_db, path, errors.NotSpreadsheetError, "通知附件.xlsx", "PDF")
    assert "扩展名" in message


def test_picture_and_word_document(seeded, tmp_db, tmp_path):
    png = tmp_path / "scan.xls"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    _refused(seeded, tmp_db, png, errors.NotSpreadsheetError, "scan.xls", "图片")
    docx = tmp_path / "方案.xlsx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    _refused(seeded, tmp_db, docx, errors.NotSpreadsheetError, "方案.xlsx", "Word")


def test_html_saved_as_xls(seeded, tmp_db, tmp_path):
    path = tmp_path / "导出.xls"
    path.write_text("<html><body><table><tr><td>序号</td></tr></table></body></html>", encoding="utf-8")
    _refused(seeded, tmp_db, path, errors.NotSpreadsheetError, "导出.xls", "网页")


def test_password_protected_xlsx(seeded, tmp_db, tmp_path):
    path = tmp_path / "加密.xlsx"
    path.write_bytes(ole_bytes({"EncryptionInfo": b"\x04\x00\x04\x00" + b"\0" * 200, "EncryptedPackage": b"\1" * 900}))
    _refused(seeded, tmp_db, path, errors.EncryptedFileError, "加密.xlsx", "密码")


def test_password_protected_xls(seeded, tmp_db, tmp_path):
    path = write_xls(tmp_path / "加密.xls", [("Sheet1", simple_rows(), [])], encrypted=True)
    _refused(seeded, tmp_db, path, errors.EncryptedFileError, "加密.xls", "密码")


def test_truncated_and_corrupt_files(seeded, tmp_db, tmp_path):
    whole = messy_appendix(tmp_path / "whole.xlsx").read_bytes()
    truncated = tmp_path / "截断.xlsx"
    truncated.write_bytes(whole[: len(whole) // 2])
    _refused(seeded, tmp_db, truncated, errors.CorruptFileError, "截断.xlsx", "损坏")
    broken_ole = tmp_path / "坏.xls"
    broken_ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 600)
    _refused(seeded, tmp_db, broken_ole, errors.CorruptFileError, "坏.xls")
    xls = write_xls(tmp_path / "ok.xls", [("Sheet1", simple_rows(), [])]).read_bytes()
    cut = tmp_path / "半个.xls"
    cut.write_bytes(xls[:1536])
    _refused(seeded, tmp_db, cut, errors.CorruptFileError, "半个.xls")


def test_corrupt_member_inside_a_valid_zip(seeded, tmp_db, tmp_path):
    path = write_xlsx(tmp_path / "crc.xlsx", simple_rows())
    data = bytearray(path.read_bytes())
    start = data.find(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml")
    data[start + 40 : start + 60] = b"\x00" * 20  # damage the compressed sheet, keep the directory
    path.write_bytes(bytes(data))
    _refused(seeded, tmp_db, path, errors.CorruptFileError, "crc.xlsx")


def test_empty_file_and_empty_sheet(seeded, tmp_db, tmp_path):
    empty = tmp_path / "空.csv"
    empty.write_bytes(b"")
    _refused(seeded, tmp_db, empty, errors.EmptyFileError, "空.csv", "空文件")
    blank = tmp_path / "空表.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Sheet9"
    workbook.save(blank)
    _refused(seeded, tmp_db, blank, errors.EmptySheetError, "空表.xlsx", "Sheet9")


def test_no_recognisable_header(seeded, tmp_db, tmp_path):
    path = write_xlsx(tmp_path / "随便.xlsx", [["今天天气"], ["不错", "是的"], [1, 2, 3]], title="杂表")
    _refused(seeded, tmp_db, path, errors.NoHeaderError, "随便.xlsx", "杂表", "表头")


def test_header_merging_unrelated_columns_with_sub_headers(seeded, tmp_db, tmp_path):
    rows = [["序号", "主要任务", None, "2020年"], [None, "任务名称", "责任单位", None],
            [1, "任务甲", "市民政局", "1个"]]
    path = write_xlsx(tmp_path / "合并.xlsx", rows, merges=["B1:C1", "A1:A2", "D1:D2"], title="表1")
    _refused(seeded, tmp_db, path, errors.MergedHeaderError, "合并.xlsx", "表1", "B1:C1", "C2", "责任单位")


def test_header_merged_over_two_columns_that_both_hold_data(seeded, tmp_db, tmp_path):
    rows = [["序号", "主要任务", None, "2020年"], [1, "任务甲", "市民政局", "1个"]]
    path = write_xlsx(tmp_path / "合并2.xlsx", rows, merges=["B1:C1"], title="表2")
    _refused(seeded, tmp_db, path, errors.MergedHeaderError, "合并2.xlsx", "表2", "B1:C1", "B列", "C列")


def test_zip_bomb_is_refused_before_reading(seeded, tmp_db, tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    _refused(seeded, tmp_db, path, errors.TooLargeError, "bomb.xlsx", "压缩比")


def test_sheet_over_the_row_and_column_caps(seeded, tmp_db, tmp_path):
    far_row = write_xlsx(tmp_path / "rows.xlsx", simple_rows(), title="长表")
    workbook = openpyxl.load_workbook(far_row)
    workbook["长表"].cell(row=limits.MAX_ROWS + 5, column=1, value="x")
    workbook.save(far_row)
    _refused(seeded, tmp_db, far_row, errors.TooLargeError, "rows.xlsx", "长表", str(limits.MAX_ROWS))
    far_cell = write_xlsx(tmp_path / "far.xlsx", simple_rows(), title="宽表")
    workbook = openpyxl.load_workbook(far_cell)
    workbook["宽表"]["XFD1048576"] = "x"  # the dense range would be 17 billion cells
    workbook.save(far_cell)
    _refused(seeded, tmp_db, far_cell, errors.TooLargeError, "far.xlsx", "宽表")
    wide_csv = tmp_path / "wide.csv"
    wide_csv.write_text(",".join(["序号", "主要任务"] + ["x"] * limits.MAX_COLUMNS) + "\n", encoding="utf-8")
    _refused(seeded, tmp_db, wide_csv, errors.TooLargeError, "wide.csv", str(limits.MAX_COLUMNS))


def test_file_over_the_size_cap(seeded, tmp_db, tmp_path, monkeypatch):
    path = messy_appendix(tmp_path / "大.xlsx")
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    _refused(seeded, tmp_db, path, errors.TooLargeError, "大.xlsx", "太大")


def test_unknown_sheet_name(seeded, tmp_db, tmp_path):
    path = messy_appendix(tmp_path / "a.xlsx")
    _refused(seeded, tmp_db, path, errors.SheetNotFoundError, "a.xlsx", "附件9", "附件1", sheet="附件9")


def test_missing_file(seeded, tmp_db, tmp_path):
    _refused(seeded, tmp_db, tmp_path / "没有.xlsx", errors.NotSpreadsheetError, "没有.xlsx")


def _understate_member_size(path, member: str, padding: int) -> None:
    """Pad `member` with `padding` blanks but declare only its real size and checksum, as a crafted bomb does."""
    original = {}
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            original[info.filename] = (info, archive.read(info.filename))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (info, data) in original.items():
            if name != member:
                archive.writestr(info, data)
                continue
            padded = zipfile.ZipInfo(name)
            padded.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(padded, "w") as stream:
                stream.write(data)
                chunk = b" " * (1024 * 1024)
                for _ in range(padding // len(chunk)):
                    stream.write(chunk)
    raw = bytearray(path.read_bytes())
    real = original[member][1]
    fields = struct.pack("<I", zlib.crc32(real))
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    local = info.header_offset
    raw[local + 14 : local + 18] = fields
    raw[local + 22 : local + 26] = struct.pack("<I", len(real))
    position = raw.find(b"PK\x01\x02")
    while position >= 0:
        name_length = struct.unpack_from("<H", raw, position + 28)[0]
        if raw[position + 46 : position + 46 + name_length] == member.encode():
            raw[position + 16 : position + 20] = fields
            raw[position + 24 : position + 28] = struct.pack("<I", len(real))
        position = raw.find(b"PK\x01\x02", position + 4)
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize("member", ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                                    "xl/worksheets/sheet1.xml"])
def test_member_larger_than_it_declares_is_refused_without_inflating_it(seeded, tmp_db, tmp_path, member):
    path = write_xlsx(tmp_path / "炸弹.xlsx", simple_rows())
    padding = 64 * 1024 * 1024
    _understate_member_size(path, member, padding)
    tracemalloc.start()
    try:
        message = _refused(seeded, tmp_db, path, errors.CorruptFileError, "炸弹.xlsx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < padding // 4, f"{peak} bytes allocated while refusing: {message}"


def test_total_uncompressed_size_over_the_cap(seeded, tmp_db, tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "解压.xlsx", simple_rows())
    monkeypatch.setattr(limits, "MAX_UNCOMPRESSED_BYTES", 4096)
    _refused(seeded, tmp_db, path, errors.TooLargeError, "解压.xlsx", "解压后", "超过导入上限")


def test_sheet_over_the_cell_cap(seeded, tmp_db, tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "格子.xlsx", simple_rows(), title="大表")
    monkeypatch.setattr(limits, "MAX_CELLS", 20)
    _refused(seeded, tmp_db, path, errors.TooLargeError, "格子.xlsx", "大表", "单元格", "20")


def test_binary_file_with_zero_bytes_is_not_taken_for_utf16(seeded, tmp_db, tmp_path):
    path = tmp_path / "数据.csv"
    path.write_bytes(bytes(range(256)) * 40)
    _refused(seeded, tmp_db, path, errors.NotSpreadsheetError, "数据.csv", "二进制")


def test_first_sheet_without_a_header_names_the_other_sheets(seeded, tmp_db, tmp_path):
    """Two other sheets with a header: which one is the plan is the user's choice."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "填表说明"
    workbook.active["A1"] = "请各单位于每季度末报送。"
    for name in ("任务表", "任务表（旧）"):
        data = workbook.create_sheet(name)
        for row in simple_rows():
            data.append(row)
    path = tmp_path / "三表.xlsx"
    workbook.save(path)
    _refused(seeded, tmp_db, path, errors.NoHeaderError, "三表.xlsx", "填表说明",
             "还有其他工作表：“任务表”、“任务表（旧）”", "请选择要导入的工作表")


def test_workbook_part_over_the_part_cap(seeded, tmp_db, tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "部件.xlsx", simple_rows())
    monkeypatch.setattr(limits, "MAX_PART_BYTES", 100)
    _refused(seeded, tmp_db, path, errors.TooLargeError, "部件.xlsx", "xl/workbook.xml")


def test_a_mapping_without_a_task_name_column_names_the_file_and_sheet(seeded, tmp_db, tmp_path):
    from planner.plans.importing import preview_import
    from planner.sheets.mapping import Meaning

    path = write_xlsx(tmp_path / "映射.xlsx", simple_rows(), title="附件")
    mapping = preview_import(path).layout.mapping
    for spec in mapping.columns:
        if spec.meaning in (Meaning.NAME, Meaning.CONTENT):
            mapping = mapping.with_meaning(spec.column, Meaning.NOTE)
    _refused(seeded, tmp_db, path, errors.MappingError, "映射.xlsx", "附件", "任务名称", mapping=mapping)
