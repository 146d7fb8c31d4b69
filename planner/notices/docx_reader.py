"""A Word file (.docx) as blocks: its paragraphs with their rendered list labels, and its tables as grids.

The body of `word/document.xml` (parsed by `xml_parts`) is walked in reading order, so a table stays where
it stands between paragraphs; content controls (`w:sdt`) and custom XML are looked
through. A paragraph's text is what Word shows: inserted text counts, deleted text,
field codes and hidden runs do not; text boxes, headers, footers and footnotes are
other parts or other stories and are left out. Lines a paragraph sets apart with manual
line breaks become paragraphs of their own, as the lines of a text file do. Its label comes from the list
numbering (`docx_numbering`), its style, bold and centring from the paragraph and
its style chain. A table becomes a `Grid`: horizontal merges from `w:gridSpan`,
vertical ones from `w:vMerge`, a nested table's text flattened into its cell.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from planner.notices import caps
from planner.notices.document import Block, Paragraph, Place, Table
from planner.notices.docx_numbering import MAX_LEVEL, ListNumbering, W
from planner.notices.refusals import DamagedNoticeError, EncryptedNoticeError, NoticeTooLargeError
from planner.notices.text import split_paragraphs
from planner.notices.xml_parts import damaged, parse_xml, read_part, relationships
from planner.sheets.errors import EncryptedFileError, SheetInputError, TooLargeError
from planner.sheets.grid import Grid, MergedRange
from planner.sheets.limits import check_zip

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_OFF = ("0", "false", "off", "none")
_CONTAINERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag", W + "ins", W + "moveTo",
               _MC + "AlternateContent", _MC + "Choice"}
_SKIPPED = {W + "pPr", W + "rPr", W + "del", W + "moveFrom", W + "txbxContent", _MC + "Fallback",
            W + "footnoteReference", W + "endnoteReference", W + "commentReference"}


def _on(element) -> bool:
    return element is not None and element.get(W + "val", "1").lower() not in _OFF


def _val(element, path: str) -> str | None:
    found = element.find(path)
    return None if found is None else found.get(W + "val")


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    centered: bool | None = None
    bold: bool | None = None


def _style_name(name: str) -> str:
    """Word stores its built-in names in English lower case ("heading 1"); they are shown capitalised."""
    if name.startswith("heading ") or name in ("title", "subtitle"):
        return name[:1].upper() + name[1:]
    return name


class _Styles:
    def __init__(self, root=None):
        self._styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        if root is None:
            return
        for element in root.iter(W + "style"):
            style_id = element.get(W + "styleId")
            if not style_id:
                continue
            p_pr, r_pr = element.find(W + "pPr"), element.find(W + "rPr")
            style = _Style(name=_style_name(_val(element, W + "name") or style_id),
                           based_on=_val(element, W + "basedOn"))
            if p_pr is not None:
                num_pr = p_pr.find(W + "numPr")
                if num_pr is not None:
                    style.num_id = _val(num_pr, W + "numId")
                    ilvl = _val(num_pr, W + "ilvl")
                    style.ilvl = None if ilvl is None or not ilvl.isdigit() else min(int(ilvl), MAX_LEVEL)
                jc = _val(p_pr, W + "jc")
                if jc is not None:
                    style.centered = jc == "center"
            if r_pr is not None and r_pr.find(W + "b") is not None:
                style.bold = _on(r_pr.find(W + "b"))
            self._styles[style_id] = style
            if element.get(W + "type") == "paragraph" and element.get(W + "default") in ("1", "true", "on"):
                self.default_paragraph = style_id
        self._resolved: dict[str, _Style] = {}

    def resolved(self, style_id: str | None) -> _Style:
        """The style with what it inherits through `w:basedOn` filled in."""
        style_id = style_id or self.default_paragraph
        if style_id is None or style_id not in self._styles:
            return _Style()
        cached = self._resolved.get(style_id)
        if cached is not None:
            return cached
        chain: list[str] = []
        current: str | None = style_id
        while current is not None and current in self._styles and current not in chain and len(chain) < 32:
            chain.append(current)
            current = self._styles[current].based_on
        merged = _Style(name=self._styles[style_id].name)
        for link in reversed(chain):
            own = self._styles[link]
            merged.num_id = own.num_id if own.num_id is not None else merged.num_id
            merged.ilvl = own.ilvl if own.ilvl is not None else merged.ilvl
            merged.centered = own.centered if own.centered is not None else merged.centered
            merged.bold = own.bold if own.bold is not None else merged.bold
        self._resolved[style_id] = merged
        return merged

    def numbering_by_style(self) -> dict[str, tuple[str, int | None]]:
        return {style_id: (style.num_id, style.ilvl) for style_id, style in self._styles.items() if style.num_id}

    def bold(self, style_id: str | None) -> bool | None:
        return self.resolved(style_id).bold if style_id in self._styles else None


class _Body:
    """Walks a document body in reading order, collecting blocks."""

    def __init__(self, file_name: str, styles: _Styles, numbering: ListNumbering):
        self.file_name = file_name
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[Block] = []
        self.paragraph_count = 0
        self.table_count = 0

    def walk(self, container) -> None:
        for child in container:
            tag = child.tag
            if tag == W + "p":
                self._paragraph(child)
            elif tag == W + "tbl":
                self._table(child)
            elif tag in _CONTAINERS:
                self.walk(child)
            if len(self.blocks) > caps.MAX_BLOCKS:
                caps.check_blocks(self.file_name, len(self.blocks))

    def _run_text(self, run, parts: list[str]) -> tuple[bool, bool | None]:
        """Appends the run's text; returns whether it shows any, and whether it is bold (None: as its style)."""
        r_pr = run.find(W + "rPr")
        bold = None
        if r_pr is not None:
            if _on(r_pr.find(W + "vanish")):
                return False, None
            b = r_pr.find(W + "b")
            bold = _on(b) if b is not None else self.styles.bold(_val(r_pr, W + "rStyle"))
        start = len(parts)
        for child in run:
            tag = child.tag
            if tag == W + "t":
                parts.append(child.text or "")
            elif tag == W + "tab" or tag == W + "ptab":
                parts.append("\t")
            elif tag in (W + "br", W + "cr"):
                if child.get(W + "type") not in ("page", "column"):
                    parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "sym":
                code = child.get(W + "char") or ""
                try:
                    char = chr(int(code, 16))
                except ValueError:
                    continue
                if not 0xF000 <= ord(char) <= 0xF0FF:
                    parts.append(char)
        return bool("".join(parts[start:]).strip()), bold

    def _inline(self, container, parts: list[str], bolds: list[bool | None]) -> None:
        for child in container:
            tag = child.tag
            if tag == W + "r":
                visible, bold = self._run_text(child, parts)
                if visible:
                    bolds.append(bold)
            elif tag in _SKIPPED:
                continue
            elif len(child):
                self._inline(child, parts, bolds)  # hyperlinks, fields, content controls, insertions

    def paragraph_text(self, element) -> tuple[str, str, str, bool, bool]:
        """(label, text, style name, bold, centred) of a `w:p`, advancing the list counters."""
        p_pr = element.find(W + "pPr")
        style_id = num_id = jc = None
        ilvl: int | None = None
        if p_pr is not None:
            style_id = _val(p_pr, W + "pStyle")
            num_pr = p_pr.find(W + "numPr")
            if num_pr is not None:
                num_id = _val(num_pr, W + "numId")
                level = _val(num_pr, W + "ilvl")
                ilvl = int(level) if level is not None and level.isdigit() else None
            jc = _val(p_pr, W + "jc")
        style = self.styles.resolved(style_id)
        parts: list[str] = []
        bolds: list[bool | None] = []
        self._inline(element, parts, bolds)
        text = "".join(parts)
        label = ""
        if num_id is None and style.num_id is not None:
            num_id = style.num_id
            if ilvl is None:
                ilvl = style.ilvl if style.ilvl is not None else self.numbering.level_for_style(num_id, style_id or "")
        if num_id is not None and num_id != "0":
            label = self.numbering.label(num_id, min(ilvl or 0, MAX_LEVEL))
        style_bold = bool(style.bold)
        bold = bool(bolds) and all(style_bold if b is None else b for b in bolds)
        centered = jc == "center" if jc is not None else bool(style.centered)
        return label, text, style.name, bold, centered

    def _paragraph(self, element) -> None:
        label, text, style, bold, centered = self.paragraph_text(element)
        if not text.strip() and not label:
            return
        # Lines set apart by manual line breaks (Shift+Enter, and text pasted into WPS from a web page or a chat)
        # are the paragraphs they look like on the page, told apart as the lines of a text file are.
        pieces = split_paragraphs(text) if "\n" in text else [text]
        for index, piece in enumerate(pieces or [""]):
            self.paragraph_count += 1
            self.blocks.append(Paragraph(text=piece, place=Place(paragraph=self.paragraph_count),
                                         label=label if index == 0 else "", style=style, bold=bold,
                                         centered=centered))

    def _cell_text(self, cell) -> str:
        lines: list[str] = []
        for child in cell:
            if child.tag == W + "p":
                label, text, _style, _bold, _centered = self.paragraph_text(child)
                if text.strip() or label:
                    lines.append(f"{label}{text}")
            elif child.tag == W + "tbl":
                for row in _rows(child):
                    texts = [self._cell_text(nested) for nested in _cells(row)]
                    lines.append(" ".join(t for t in texts if t))
            elif child.tag in _CONTAINERS:
                nested = self._cell_text(child)
                if nested:
                    lines.append(nested)
        return "\n".join(lines)

    def _table(self, element) -> None:
        self.table_count += 1
        columns = len(element.findall(f"{W}tblGrid/{W}gridCol"))
        placed: list[tuple[int, int, int, str | None, str]] = []  # row, column, span, vMerge, text
        rows = _rows(element)
        for r, row in enumerate(rows):
            tr_pr = row.find(W + "trPr")
            column = _count(_val(tr_pr, W + "gridBefore")) if tr_pr is not None else 0
            for cell in _cells(row):
                tc_pr = cell.find(W + "tcPr")
                span, merge = 1, None
                if tc_pr is not None:
                    span = max(1, _count(_val(tc_pr, W + "gridSpan"), 1))
                    v_merge = tc_pr.find(W + "vMerge")
                    if v_merge is not None:
                        merge = v_merge.get(W + "val", "continue")
                caps.check_table(self.file_name, self.table_count, len(rows), column + span)
                placed.append((r, column, span, merge, self._cell_text(cell)))
                column += span
            columns = max(columns, column)
        caps.check_table(self.file_name, self.table_count, len(rows), columns)
        grid_rows: list[list] = [[None] * columns for _ in rows]
        merges: list[MergedRange] = []
        open_vertical: dict[int, list[int]] = {}  # first column → [first row, span, last row]
        for r, column, span, merge, text in placed:
            vertical = open_vertical.get(column)
            if merge == "continue" and vertical is not None and vertical[1] == span and vertical[2] == r - 1:
                vertical[2] = r
                continue
            if vertical is not None:
                _close(merges, column, open_vertical.pop(column))
            grid_rows[r][column] = text or None
            if merge == "restart":
                open_vertical[column] = [r, span, r]
            elif span > 1:
                merges.append(MergedRange(r, column, r, column + span - 1))
        for column, vertical in open_vertical.items():
            _close(merges, column, vertical)
        grid = Grid(name=f"表{self.table_count}", rows=grid_rows, merges=sorted(merges, key=_merge_order),
                    file_name=self.file_name)
        self.blocks.append(Table(grid=grid, place=Place(table=self.table_count)))


def _merge_order(merged: MergedRange) -> tuple[int, int]:
    return merged.first_row, merged.first_column


def _close(merges: list[MergedRange], column: int, vertical: list[int]) -> None:
    first, span, last = vertical
    if last > first or span > 1:
        merges.append(MergedRange(first, column, last, column + span - 1))


def _count(text: str | None, default: int = 0) -> int:
    return min(int(text), 1000) if text and text.isdigit() else default


def _parts(element, tag: str) -> list:
    """The `tag` children of a table or a row (w:tr, w:tc), also those inside content controls and the like."""
    found = []
    for child in element:
        if child.tag == tag:
            found.append(child)
        elif child.tag in _CONTAINERS:
            found.extend(_parts(child, tag))
    return found


def _rows(table) -> list:
    return _parts(table, W + "tr")


def _cells(row) -> list:
    return _parts(row, W + "tc")


def _archive(data: bytes, file_name: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise damaged(file_name, f"压缩包结构无法读取：{exc}") from None
    try:
        check_zip(file_name, archive)
    except SheetInputError as exc:
        message = str(exc).replace("Excel 或 WPS", "Word 或 WPS").replace("导入", "读取")
        kind = {EncryptedFileError: EncryptedNoticeError, TooLargeError: NoticeTooLargeError}.get(
            type(exc), DamagedNoticeError)
        raise kind(message) from None
    return archive


def read_docx(data: bytes, file_name: str) -> list[Block]:
    """The blocks of the .docx `data`, in reading order."""
    archive = _archive(data, file_name)
    side = caps.MAX_SIDE_PART_BYTES
    main_part = relationships(archive, file_name, "", side).get("officeDocument", "word/document.xml")
    if main_part not in archive.NameToInfo:
        raise damaged(file_name, "找不到文档正文（word/document.xml）")
    parts = relationships(archive, file_name, main_part, side)
    styles_root = numbering_root = None
    if parts.get("styles") in archive.NameToInfo:
        styles_root = parse_xml(read_part(archive, file_name, parts["styles"], side), file_name, parts["styles"])
    if parts.get("numbering") in archive.NameToInfo:
        numbering_root = parse_xml(read_part(archive, file_name, parts["numbering"], side), file_name,
                                   parts["numbering"])
    document = parse_xml(read_part(archive, file_name, main_part, caps.MAX_DOCUMENT_XML_BYTES), file_name, main_part)
    styles = _Styles(styles_root)
    body_walker = _Body(file_name, styles, ListNumbering(numbering_root, styles.numbering_by_style()))
    body = document.find(W + "body")
    if body is None:
        raise damaged(file_name, "文档正文没有内容部分（w:body）")
    try:
        body_walker.walk(body)
    except RecursionError:
        raise damaged(file_name, "文档结构嵌套过深，不像正常的 Word 文件") from None
    return body_walker.blocks
