"""Size caps for notice files, checked before a part is parsed or while a document is walked.

A real notice is tens of pages; a generated one of 2,000 tasks is about 100 pages and
a few megabytes. The caps leave ten times that room, while a document bomb (a .docx
whose XML inflates to gigabytes, a PDF of a million pages, a page of endless
paragraphs) is refused before it exhausts the reading worker's memory. The zip
checks of spreadsheets (`planner.sheets.limits.check_zip`: total inflated size,
compression ratio, encrypted or duplicated members) apply to .docx files as well.
"""

from __future__ import annotations

from planner.notices.refusals import NoticeTooLargeError

MAX_FILE_BYTES = 100 * 1024 * 1024  # the file on disk, any format
MAX_DOCUMENT_XML_BYTES = 128 * 1024 * 1024  # word/document.xml inflated (100 pages: about 3 MB)
MAX_SIDE_PART_BYTES = 16 * 1024 * 1024  # numbering.xml, styles.xml and the relationships, inflated
MAX_HTML_BYTES = 32 * 1024 * 1024  # the page a web page or .mhtml holds, decoded
MAX_PAGES = 3_000  # pages of a PDF
MAX_BLOCKS = 200_000  # paragraphs and tables of one notice
MAX_TABLE_CELLS = 1_000_000  # rows × columns of one table
CONVERT_SECONDS = 120  # LibreOffice converting a .doc or .wps
PDF_SECONDS_PER_PAGE = 0.5  # reading is stopped when a PDF takes longer than this per page on average


def mib(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def caps() -> dict[str, int | float]:
    """The caps as they stand in this process, for a reading worker to apply as its own."""
    return {name: value for name, value in globals().items()
            if name.isupper() and isinstance(value, (int, float))}


def apply_caps(values: dict[str, int | float]) -> None:
    globals().update((name, value) for name, value in values.items() if name.isupper() and name in globals())


def check_file_size(file_name: str, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise NoticeTooLargeError(f"文件“{file_name}”太大（{mib(size)}），超过通知文件的上限 {mib(MAX_FILE_BYTES)}。"
                                  "请确认选择的是通知正文；附件中的大表格请单独导入。")


def check_blocks(file_name: str, count: int) -> None:
    if count > MAX_BLOCKS:
        raise NoticeTooLargeError(f"文件“{file_name}”的段落和表格超过 {MAX_BLOCKS} 个，"
                                  "不像正常的通知文件，已停止读取。")


def check_table(file_name: str, number: int, rows: int, columns: int) -> None:
    if rows * columns > MAX_TABLE_CELLS:
        raise NoticeTooLargeError(f"文件“{file_name}”的表{number}有 {rows} 行 {columns} 列，"
                                  f"超过 {MAX_TABLE_CELLS} 个单元格的上限，已停止读取。")


def check_html_size(file_name: str, size: int) -> None:
    if size > MAX_HTML_BYTES:
        raise NoticeTooLargeError(f"“{file_name}”的网页内容有 {mib(size)}，超过网页通知 {mib(MAX_HTML_BYTES)} 的上限，"
                                  "已停止读取。")
