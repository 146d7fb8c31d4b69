"""An article's HTML elements written out as paragraphs and tables.

Block elements (p, div, h1…h6, li, br …) end a paragraph; inline ones (a, span,
font, strong …) add to it. White space is collapsed as a browser does, and the line
breaks a page's source puts inside Chinese text leave no space behind. A paragraph
is bold when all its text is (b, strong, font-weight), centred when it or a box
around it says so; an ordered list's items get their numbers as labels. A table
with data (two columns or more, no table inside) becomes a `Grid` whose rowspan and
colspan are merged ranges; any other table is page layout and its cells are read
as boxes of text. Lines a site adds to every article (打印本页, 关闭窗口, 分享到) are
left out.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from planner.notices import caps
from planner.notices.document import Block, Paragraph, Place, Table
from planner.notices.number_formats import format_number
from planner.sheets.grid import Grid, MergedRange

_CJK = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_SPACE = re.compile(r"[ \t\r\n\f\u200b]+")
_CJK_GAP = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
           "article", "main", "blockquote", "pre", "center", "address", "figure", "figcaption", "hr", "tr",
           "table", "tbody", "thead", "tfoot", "caption", "br"}
_BOILERPLATE = re.compile(r"^(?:[【\[]?\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|收藏|纠错)\s*[】\]]?\s*)+$"
                          r"|^分享到|^扫一扫|^字号[：:]?\s*[【\[]?\s*大\s*中\s*小")
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
_CENTRED_STYLE = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)
_LIST_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
MAX_SPAN = 1000


def normalise_space(text: str) -> str:
    text = _SPACE.sub(" ", text.replace("\xa0", " ")).strip(" \u3000")
    return _CJK_GAP.sub("", text)


def is_data_table(table: Element) -> bool:
    """A table of data rather than a page's layout: no table inside, and two columns or more in some row."""
    if any(nested is not table for nested in table.iter("table")):
        return False
    return any(len(row.findall("td")) + len(row.findall("th")) >= 2 for row in table.iter("tr"))


def _bold(element) -> bool:
    return element.tag in ("b", "strong") or bool(_BOLD_STYLE.search(element.get("style") or ""))


def _centred(element) -> bool:
    return (element.tag == "center" or (element.get("align") or "").lower() == "center"
            or bool(_CENTRED_STYLE.search(element.get("style") or "")))


def _span(value: str | None) -> int:
    return min(int(value), MAX_SPAN) if value and value.strip().isdigit() and int(value) > 0 else 1


class BlockWriter:
    def __init__(self, file_name: str):
        self.file_name = file_name
        self.blocks: list[Block] = []
        self._parts: list[tuple[str, bool]] = []  # text, bold
        self._label = ""
        self._style = ""
        self._centred = False
        self._paragraphs = 0
        self._tables = 0

    def add_heading(self, text: str) -> None:
        self._paragraphs += 1
        self.blocks.append(Paragraph(text=text, place=Place(paragraph=self._paragraphs), style="h1", bold=True,
                                     centered=True))

    def flush(self) -> None:
        """Ends the paragraph being written; an empty one keeps its label for the text that follows."""
        text = normalise_space("".join(part for part, _bold in self._parts))
        if not text:
            self._parts.clear()
            return
        if not _BOILERPLATE.search(text):
            visible = [bold for part, bold in self._parts if part.strip()]
            self._paragraphs += 1
            self.blocks.append(Paragraph(text=text, place=Place(paragraph=self._paragraphs), label=self._label,
                                         style=self._style, bold=bool(visible) and all(visible),
                                         centered=self._centred))
            caps.check_blocks(self.file_name, len(self.blocks))
        self._parts.clear()
        self._label, self._style, self._centred = "", "", False

    def walk(self, element: Element, outer_bold: bool = False, centred: bool = False) -> None:
        tag = element.tag
        bold = outer_bold or _bold(element)
        centred = centred or _centred(element)
        if tag == "table" and is_data_table(element):
            self.flush()
            self._table(element)
            self._tail(element, outer_bold)
            return
        block = tag in _BLOCKS
        if block:
            self.flush()
            self._centred = centred
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self._style = tag
        if element.text and tag != "br":
            self._parts.append((element.text, bold))
        counter = _ListCounter(element) if tag == "ol" else None
        for child in element:
            if counter is not None and child.tag == "li":
                self.flush()
                self._centred = centred
                self._label = counter.next(child)
                self.walk(child, bold, centred)
                self._label = ""
                continue
            self.walk(child, bold, centred)
        if block:
            self.flush()
            self._centred = centred
        self._tail(element, outer_bold)

    def _tail(self, element, bold: bool) -> None:
        if element.tail:
            self._parts.append((element.tail, bold))

    def _cell_text(self, cell) -> str:
        lines: list[str] = []
        current: list[str] = []
        for piece in _cell_pieces(cell):
            if piece is None:
                lines.append(normalise_space("".join(current)))
                current = []
            else:
                current.append(piece)
        lines.append(normalise_space("".join(current)))
        return "\n".join(line for line in lines if line)

    def _table(self, table) -> None:
        self._tables += 1
        rows = [row for row in table.iter("tr")]
        grid_rows: list[list] = []
        merges: list[MergedRange] = []
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(rows):
            column = 0
            while len(grid_rows) <= r:
                grid_rows.append([])
            for cell in row:
                if cell.tag not in ("td", "th"):
                    continue
                while (r, column) in taken:
                    column += 1
                rowspan, colspan = _span(cell.get("rowspan")), _span(cell.get("colspan"))
                rowspan = min(rowspan, len(rows) - r)
                caps.check_table(self.file_name, self._tables, len(rows), column + colspan)
                for rr in range(r, r + rowspan):
                    for cc in range(column, column + colspan):
                        taken.add((rr, cc))
                row_values = grid_rows[r]
                row_values.extend([None] * (column + 1 - len(row_values)))
                row_values[column] = self._cell_text(cell) or None
                if rowspan > 1 or colspan > 1:
                    merges.append(MergedRange(r, column, r + rowspan - 1, column + colspan - 1))
                column += colspan
        width = max([len(row) for row in grid_rows] + [m.last_column + 1 for m in merges] + [0])
        caps.check_table(self.file_name, self._tables, len(grid_rows), width)
        for row in grid_rows:
            row.extend([None] * (width - len(row)))
        grid = Grid(name=f"表{self._tables}", rows=grid_rows, merges=merges, file_name=self.file_name)
        self.blocks.append(Table(grid=grid, place=Place(table=self._tables)))

    def finish(self) -> list[Block]:
        self.flush()
        return self.blocks


def _cell_pieces(element: Element):
    """A cell's text pieces in order, None where a line ends (a block or a <br>)."""
    tag = element.tag
    if tag in _BLOCKS:
        yield None
    if element.text and tag != "br":
        yield element.text
    for child in element:
        yield from _cell_pieces(child)
    if tag in _BLOCKS:
        yield None
    if element.tail and tag not in ("td", "th"):
        yield element.tail


class _ListCounter:
    def __init__(self, ordered_list):
        start = ordered_list.get("start") or "1"
        self.value = int(start) - 1 if start.lstrip("-").isdigit() and len(start) < 7 else 0
        self.number_format = _LIST_FORMATS.get(ordered_list.get("type") or "1", "decimal")

    def next(self, item) -> str:
        value = item.get("value")
        self.value = int(value) if value and value.isdigit() and len(value) < 7 else self.value + 1
        return f"{format_number(self.value, self.number_format)}."
