"""Streaming the body of a big table straight into a worksheet's XML.

openpyxl lays the workbook out (styles, column widths, merged cells, page set-up,
the heading rows) and saves it; the rows of the table are then written as XML
text into that sheet's part while the file is copied into place. Without lxml,
openpyxl serialises every cell through a generic XML tree writer, which makes a
100,000-row table take about a minute; composing the same <row>/<c> elements as
text takes a few seconds. Text cells are always inline strings (t="inlineStr"),
so no user text can ever become a formula.
"""

from __future__ import annotations

import math
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

from openpyxl.utils import get_column_letter

from planner.domain.safe_text import safe_text
from planner.exchange.safe_cells import MAX_CELL_CHARS, clean_text

BODY_MARK = "</sheetData>"
CHUNK_ROWS = 2000


def _escape(text: str) -> str:
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


class Formula(str):
    """A formula composed by this program (never user text), without its leading "="."""


class RowWriter:
    """Composes the XML of one row at a time; `styles` are openpyxl style ids."""

    def __init__(self, columns: int):
        self.letters = [get_column_letter(number) for number in range(1, columns + 1)]

    def row(self, number: int, height: float | None, cells: Sequence[tuple[object, int]]) -> str:
        """`cells` holds (value, style id) per column: str → text, int/float → number, None → empty,
        `Formula` → a formula whose result is text."""
        parts = [f'<row r="{number}"' + (f' ht="{height:g}" customHeight="1">' if height else ">")]
        for letter, (value, style) in zip(self.letters, cells):
            ref = f"{letter}{number}"
            if value is None or value == "":
                parts.append(f'<c r="{ref}" s="{style}"/>')
            elif isinstance(value, Formula):
                parts.append(f'<c r="{ref}" s="{style}"><f>{_escape(value)}</f><v/></c>')
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                if isinstance(value, float) and not math.isfinite(value):
                    parts.append(f'<c r="{ref}" s="{style}"/>')
                else:
                    shown = int(value) if isinstance(value, float) and value.is_integer() and abs(value) < 1e15 \
                        else value
                    parts.append(f'<c r="{ref}" s="{style}" t="n"><v>{shown!r}</v></c>')
            else:
                # Characters XML cannot hold are removed from each chunk as a whole (see insert_rows).
                text = _escape(value if isinstance(value, str) and len(value) <= MAX_CELL_CHARS
                               else clean_text(value))
                parts.append(f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{text}</t>'
                             f"</is></c>")
        parts.append("</row>")
        return "".join(parts)


def _cleaned(rows: list[str]) -> bytes:
    # The markup itself never holds a character safe_text removes, so removing them from the joined
    # text cleans every cell of the chunk in one pass.
    return safe_text("".join(rows)).encode("utf-8")


def sheet_part(index: int) -> str:
    """The zip member of the `index`-th sheet (1-based) of a workbook openpyxl wrote."""
    return f"xl/worksheets/sheet{index}.xml"


def insert_rows(source: Path | BinaryIO, target: Path, bodies: Mapping[str, Iterable[str]]) -> None:
    """Copy the workbook `source` (a file or an in-memory copy) to `target`, adding rows (XML text) at the
    end of each named part's sheet data."""
    with zipfile.ZipFile(source) as original, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as result:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename not in bodies:
                result.writestr(info, data)
                continue
            text = data.decode("utf-8").replace("<sheetData/>", "<sheetData>" + BODY_MARK, 1)
            head, tail = text.split(BODY_MARK, 1)
            entry = zipfile.ZipInfo(info.filename, info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            with result.open(entry, "w") as stream:
                stream.write(head.encode("utf-8"))
                chunk: list[str] = []
                for row in bodies[info.filename]:
                    chunk.append(row)
                    if len(chunk) >= CHUNK_ROWS:
                        stream.write(_cleaned(chunk))
                        chunk.clear()
                stream.write(_cleaned(chunk))
                stream.write((BODY_MARK + tail).encode("utf-8"))
