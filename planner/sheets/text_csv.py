"""CSV and TSV files: encoding and delimiter found from the content, never from the file name.

Offices pass around CSVs saved by Excel in GBK, by WPS in UTF-8 with a BOM and
by other systems in UTF-16 (now and then UTF-32). The encoding is decided by the
bytes: a BOM says UTF-8, UTF-16 or UTF-32 (whose little-endian BOM begins like
UTF-16's, so it is looked for first); UTF-32 and UTF-16 without a BOM show
themselves by the zero bytes of their characters; otherwise strict UTF-8 is
tried, then GB18030 (a superset of GBK and GB2312).

The text is decoded as its rows are read, never whole: a file over a cap is
refused at the row that passes it, and a 100 MB file of short lines costs no
more memory than the rows up to the cap. A line longer than any row within the
caps could be is refused before the csv module splits it into fields.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator
from typing import TextIO

from planner.sheets.errors import NotSpreadsheetError, TooLargeError
from planner.sheets.grid import Cell, CellError, CellNote, Grid
from planner.sheets.limits import MAX_CELLS, MAX_COLUMNS, MAX_ROWS

DELIMITERS = (",", "\t", ";", "|")
ERROR_TEXTS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})
_SAMPLE_LINES = 50
_SAMPLE_BYTES = 8192
# A text whose first characters decode as UTF-8 this many times over is UTF-8, whatever follows;
# GBK text almost never forms even one valid multi-byte UTF-8 sequence.
_UTF8_EVIDENCE_CHARS = 8
_CHECK_BYTES = 4 * 1024 * 1024  # UTF-8 is checked this much at a time


# Longest first: UTF-32's little-endian BOM starts with UTF-16's.
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def utf32_byte_order(data: bytes) -> str | None:
    """"utf-32-le" or "utf-32-be" for UTF-32 text without a BOM, else None: every character of a table
    lies below U+10000, so two bytes of each four are zero, always on the same side."""
    sample = data[: _SAMPLE_BYTES - _SAMPLE_BYTES % 4]
    if len(sample) < 16 or len(sample) % 4:
        return None
    if not any(sample[2::4]) and not any(sample[3::4]) and any(sample[0::4]):
        return "utf-32-le"
    if not any(sample[0::4]) and not any(sample[1::4]) and any(sample[3::4]):
        return "utf-32-be"
    return None


def wide_encoding(data: bytes) -> str | None:
    """The encoding a BOM names, or UTF-32 or UTF-16 told by their zero bytes; None for text that must be
    tried as UTF-8 and then GB18030."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return utf32_byte_order(data) or utf16_byte_order(data)


def utf16_byte_order(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for UTF-16 text without a BOM, else None.

    Chinese characters rarely have a zero byte, but the digits, commas and line
    ends of a table do, always on the same side of each pair.
    """
    sample = data[: _SAMPLE_BYTES - _SAMPLE_BYTES % 2]
    pairs = len(sample) // 2
    if pairs < 4:
        return None
    zero_even, zero_odd = sample[0::2].count(0), sample[1::2].count(0)
    for zeros, others, encoding in ((zero_odd, zero_even, "utf-16-le"), (zero_even, zero_odd, "utf-16-be")):
        if zeros * 20 >= pairs and others * 4 <= zeros:
            text = sample.decode(encoding, "replace")  # the sample may end inside a surrogate pair
            controls = sum(1 for char in text if (char < " " and char not in "\t\r\n") or char == "\ufffd")
            if controls * 100 <= len(text) and ("\n" in text or any(d in text for d in DELIMITERS)):
                return encoding
    return None


def _utf8_length(data: bytes, file_name: str) -> int | None:
    """How many bytes of `data` are UTF-8 text: all, or all but a last character cut short; None when
    it is not UTF-8. Checked a piece at a time, each piece ending where a character starts."""
    start = 0
    while start < len(data):
        end = min(start + _CHECK_BYTES, len(data))
        for _ in range(3):  # back over the continuation bytes of a character the cut would split
            if end < len(data) and data[end] & 0xC0 == 0x80:
                end -= 1
        try:
            data[start:end].decode("utf-8")
        except UnicodeDecodeError as exc:
            return _not_utf8(data, start + exc.start, exc.reason, file_name)
        start = end
    return len(data)


def _not_utf8(data: bytes, position: int, reason: str, file_name: str) -> int | None:
    if reason == "unexpected end of data" and position >= len(data) - 3:
        return position  # a file cut off inside its last character
    evidence = data[: min(position, _SAMPLE_BYTES)].decode("utf-8", "ignore")
    if sum(1 for char in evidence if ord(char) > 0x7F) >= _UTF8_EVIDENCE_CHARS:
        line = data.count(b"\n", 0, position) + 1
        raise NotSpreadsheetError(
            f"文件“{file_name}”是 UTF-8 编码的文本，但第{line}行有无法识别的字节（文件可能损坏，"
            "或混入了其他编码的文字）。请在 Excel 或 WPS 中打开检查，另存为 CSV（UTF-8）后再导入。"
        )
    return None


def text_encoding(data: bytes, file_name: str) -> tuple[str, int]:
    """The encoding to read `data` with, and how many of its bytes are text."""
    if (wide := wide_encoding(data)) is not None:
        return wide, len(data)
    length = _utf8_length(data, file_name)
    return ("utf-8", length) if length is not None else ("gb18030", len(data))


def read_csv_file(data: bytes, file_name: str, sheet_name: str) -> tuple[Grid, str]:
    """The sheet, and the encoding it was read with."""
    encoding, length = text_encoding(data, file_name)
    stream = io.TextIOWrapper(io.BytesIO(data if length == len(data) else data[:length]), encoding, newline="")
    lines = _bounded_lines(stream, file_name)
    try:
        head = list(itertools.islice(lines, _SAMPLE_LINES))
        grid = read_csv_lines(itertools.chain(head, lines), file_name, sheet_name, sniff_delimiter("".join(head)))
    except UnicodeDecodeError:
        raise NotSpreadsheetError(f"文件“{file_name}”不是可识别的表格文件：既不是 Excel/WPS 工作簿，"
                                  "也不是 UTF-8、GBK、UTF-16 或 UTF-32 编码的 CSV 文本。") from None
    return grid, encoding


def _bounded_lines(stream: TextIO, file_name: str) -> Iterator[str]:
    """The stream's lines, none longer than a row within the caps can be: the csv module splits a
    whole line into fields before they can be counted, and a line of millions would fill memory."""
    limit = MAX_COLUMNS * (csv.field_size_limit() + 3)
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if len(line) > limit:
            raise TooLargeError(f"文件“{file_name}”第{number}行超过 {limit} 个字符，不像正常的表格，已拒绝导入。")
        yield line


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines most consistently; a comma when nothing does."""
    lines = [line for line in text.splitlines()[:_SAMPLE_LINES] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        counts = [line.count(delimiter) for line in lines]
        used = [count for count in counts if count]
        if not used:
            continue
        # Lines of a table have the same number of fields; titles and notes have none.
        most_common = max(set(used), key=used.count)
        score = (used.count(most_common), most_common)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv_lines(lines: Iterable[str], file_name: str, sheet_name: str, delimiter: str) -> Grid:
    """The rows of a CSV text given line by line (line ends kept); refused at the row that passes a cap."""
    rows: list[list[Cell]] = []
    errors: list[CellError] = []
    cells = 0
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        for fields in reader:
            if len(rows) >= MAX_ROWS or len(fields) > MAX_COLUMNS or cells + len(fields) > MAX_CELLS:
                raise TooLargeError(
                    f"文件“{file_name}”超过导入上限（最多 {MAX_ROWS} 行、{MAX_COLUMNS} 列、{MAX_CELLS} 个单元格）。"
                )
            cells += len(fields)
            row: list[Cell] = [value if value.strip() else None for value in fields]
            for column, value in enumerate(fields):
                if value.strip() in ERROR_TEXTS:
                    # Excel writes an error cell into a CSV as its code; it is an error, not a target.
                    errors.append(CellError(len(rows), column, value.strip()))
                    row[column] = None
            rows.append(row)
    except csv.Error as exc:
        # The csv module's own limit on one field (131,072 characters): no table cell is that long.
        if "field larger than field limit" not in str(exc):
            raise
        raise TooLargeError(f"文件“{file_name}”第{reader.line_num}行有一个单元格超过 {csv.field_size_limit()} 个字符，"
                            "不像正常的表格，已拒绝导入。") from None
    # Only a quoted field can span lines; when none does, there is nothing to look for.
    notes = _stray_quotes(rows, delimiter) if reader.line_num > len(rows) else []
    return Grid(name=sheet_name, rows=rows, file_name=file_name, errors=errors, notes=notes)


_DELIMITER_NAMES = {",": "逗号", "\t": "制表符", ";": "分号", "|": "竖线"}


def _stray_quotes(rows: list[list[Cell]], delimiter: str) -> list[CellNote]:
    """Cells holding lines that look like rows of the table: a stray opening quote swallowed them.

    A quote opened and never closed takes every line up to the next quote, or to the end
    of the file, into one cell; the rows it took are then missing without a word.
    """
    widths = [len(row) for row in rows if len(row) > 1]
    if not widths:
        return []
    width = max(set(widths), key=widths.count)
    least = max(1, width - 2)  # the delimiters of a row that lost a field or two at either end
    notes = []
    for number, row in enumerate(rows):
        for column, value in enumerate(row):
            if not isinstance(value, str) or "\n" not in value:
                continue
            lines = value.split("\n")
            swallowed = sum(1 for line in lines[1:] if line.count(delimiter) >= least)
            if swallowed:
                notes.append(CellNote(number, column, (
                    f"这个单元格里有 {len(lines)} 行文字，"
                    f"其中 {swallowed} 行像表格的行一样用{_DELIMITER_NAMES[delimiter]}分隔："
                    "可能是文件中多了一个英文引号（\"），把后面的行都并进了这个单元格，那些行没有作为任务导入。"
                    "请检查这个单元格的引号，改正后再导入。")))
    return notes
