"""Size caps, checked before a file or sheet is read into memory.

Appendix tables have hundreds of rows and a dozen columns; the caps leave room
for machine-made tables of a few hundred thousand rows, while a zip bomb or a
sheet with a stray cell at XFD1048576 is refused before it can exhaust memory.
"""

from __future__ import annotations

import zipfile

from planner.sheets.errors import CorruptFileError, EncryptedFileError, TooLargeError

MAX_FILE_BYTES = 100 * 1024 * 1024  # the file on disk
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024  # all members of an xlsx/ods zip together
MAX_COMPRESSION_RATIO = 100  # uncompressed / compressed, for members over RATIO_MIN_BYTES
RATIO_MIN_BYTES = 1024 * 1024  # tiny members compress by any ratio harmlessly
MAX_ROWS = 200_000  # rows of one sheet, counted to the last used row
MAX_COLUMNS = 100  # columns of one sheet, counted to the last used column
MAX_CELLS = 6_000_000  # rows × columns of a sheet's used range
MAX_PART_BYTES = 16 * 1024 * 1024  # a workbook part read whole: workbook.xml, its relationships, styles.xml


def _mib(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def check_file_size(file_name: str, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise TooLargeError(f"文件“{file_name}”太大（{_mib(size)}），超过导入上限 {_mib(MAX_FILE_BYTES)}。")


def caps() -> dict[str, int]:
    """The caps as they stand in this process, for a reading worker to apply as its own."""
    return {name: value for name, value in globals().items() if name.isupper() and isinstance(value, int)}


def apply_caps(values: dict[str, int]) -> None:
    globals().update((name, value) for name, value in values.items() if name.isupper() and name in globals())


def check_zip(file_name: str, archive: zipfile.ZipFile) -> None:
    """Refuse zip bombs by the sizes the archive declares; readers never read past them.

    Also refused: two members whose names differ only in case or in the direction of
    their slashes. calamine looks a part up that way, so which of them it reads is
    not something a check made here could know.
    """
    total = 0
    seen: dict[str, str] = {}
    for info in archive.infolist():
        folded = info.filename.replace("\\", "/").lower()
        if folded in seen:
            raise CorruptFileError(f"文件“{file_name}”已损坏或是异常构造的：压缩包中“{seen[folded]}”与“{info.filename}”"
                                   "重名，无法导入。请在 Excel 或 WPS 中打开检查并另存后再试。")
        seen[folded] = info.filename
        if info.flag_bits & 0x1:
            raise EncryptedFileError(f"文件“{file_name}”设置了密码（压缩包中的“{info.filename}”已加密），无法读取。"
                                     "请取消密码，另存后再导入。")
        total += info.file_size
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            raise TooLargeError(
                f"文件“{file_name}”中的“{info.filename}”压缩比异常（{info.file_size // max(info.compress_size, 1)} 倍，"
                f"上限 {MAX_COMPRESSION_RATIO} 倍），可能是恶意构造的压缩包，已拒绝导入。"
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise TooLargeError(
            f"文件“{file_name}”解压后共 {_mib(total)}，超过导入上限 {_mib(MAX_UNCOMPRESSED_BYTES)}，已拒绝导入。"
        )


def read_member(file_name: str, archive: zipfile.ZipFile, name: str, limit: int | None = None) -> bytes:
    """A member of the archive, read whole but never inflated past the size it declares.

    `ZipFile.read` inflates the whole compressed stream in one call before it
    cuts the result to the declared size, so a member whose header understates
    its size could fill memory; asking for the declared size bounds the inflate
    step, and the reader that later meets the rest of the stream refuses it.
    """
    limit = MAX_PART_BYTES if limit is None else limit
    declared = archive.getinfo(name).file_size
    if declared > limit:
        raise TooLargeError(f"文件“{file_name}”中的“{name}”超过 {_mib(limit)}，不像正常的工作簿，已拒绝导入。")
    with archive.open(name) as stream:
        return stream.read(declared + 1)


def check_extent(file_name: str, sheet: str, rows: int, columns: int) -> None:
    """Refuse a sheet whose used range (`rows` × `columns`, counted from A1) is over the caps."""
    where = f"文件“{file_name}”的工作表“{sheet}”"
    _check_rows(where, rows)
    if columns > MAX_COLUMNS:
        raise TooLargeError(f"{where}有 {columns} 列，超过导入上限 {MAX_COLUMNS} 列。")
    _check_cells(where, rows, columns)


def check_cell_elements(file_name: str, sheet: str, count: int) -> None:
    """Refuse a sheet that writes more cells than the cell cap, each cell written over another counted
    again: a reader keeps them all until the sheet is built, whatever the sheet's extent."""
    if count > MAX_CELLS:
        raise TooLargeError(f"文件“{file_name}”的工作表“{sheet}”写入的单元格超过 {MAX_CELLS} 个"
                            "（同一单元格重复写入的也计算在内），"
                            f"超过导入上限 {MAX_CELLS} 个单元格，已拒绝导入。")


def check_cell_count(file_name: str, sheet: str, rows: int, columns: int) -> None:
    """The row and cell caps alone, for a sheet a reader builds in memory whether or not it is the one imported.

    The column cap waits until a sheet is chosen: a wide sheet beside the table costs
    little memory and should not stop the table from being imported.
    """
    where = f"文件“{file_name}”的工作表“{sheet}”"
    _check_rows(where, rows)
    _check_cells(where, rows, columns)


def _check_rows(where: str, rows: int) -> None:
    if rows > MAX_ROWS:
        raise TooLargeError(f"{where}有 {rows} 行，超过导入上限 {MAX_ROWS} 行。")


def _check_cells(where: str, rows: int, columns: int) -> None:
    if rows * columns > MAX_CELLS:
        raise TooLargeError(f"{where}的使用区域有 {rows * columns} 个单元格，超过导入上限 {MAX_CELLS} 个。")
