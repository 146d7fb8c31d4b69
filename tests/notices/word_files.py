"""Word files (.docx) written part by part from the OOXML specification, for the reader tests and the benchmark.

Written here rather than with python-docx: that package needs lxml, and lxml in the
environment switches openpyxl to its lxml writer, which the workbook tests are not
about. The parts are the ones Word itself writes for a simple document: content
types, relationships, styles (Normal, and Heading 1 carrying the outline's list),
numbering, a header and a footer, and the body.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/header1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/footer1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    "</Types>")
_PACKAGE_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>')
_DOCUMENT_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rId3" Type="{REL}/header" Target="header1.xml"/>'
    f'<Relationship Id="rId4" Type="{REL}/footer" Target="footer1.xml"/></Relationships>')


def _styles(heading_num_id: int) -> str:
    return (f'<w:styles xmlns:w="{W_NS}">'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
            '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
            f'<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="{heading_num_id}"/></w:numPr></w:pPr>'
            '<w:rPr><w:b/></w:rPr></w:style>'
            '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style></w:styles>')


def _runs(text: str, bold: bool = False) -> str:
    """Runs for `text`, a line break where it has a newline."""
    properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    pieces = [f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in text.split("\n")]
    return f"<w:r>{properties}{'<w:br/>'.join(pieces)}</w:r>"


class WordDocument:
    def __init__(self) -> None:
        self.body: list[str] = []

    def paragraph(self, text: str, *, style: str | None = None, number: tuple[int, int] | None = None,
                  centred: bool = False, bold: bool = False) -> None:
        """A paragraph; `number` is (list id, level) for a list item."""
        properties = f'<w:pStyle w:val="{style}"/>' if style else ""
        if number is not None:
            properties += f'<w:numPr><w:ilvl w:val="{number[1]}"/><w:numId w:val="{number[0]}"/></w:numPr>'
        if centred:
            properties += '<w:jc w:val="center"/>'
        self.body.append(f"<w:p><w:pPr>{properties}</w:pPr>{_runs(text, bold)}</w:p>")

    def table(self, rows: list[list[str | None]], merges: list[tuple[int, int, int, int]]) -> None:
        """A ruled table; `merges` are (first row, column, last row, column), as Word's gridSpan and vMerge."""
        width = len(rows[0])
        spans = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in merges}
        covered_right = {(r, c) for r0, c0, r1, c1 in merges for r in range(r0, r1 + 1) for c in range(c0 + 1, c1 + 1)}
        continued = {(r, c0): c1 for r0, c0, r1, c1 in merges for r in range(r0 + 1, r1 + 1)}
        xml_rows = []
        for r, row in enumerate(rows):
            cells = []
            for c in range(width):
                if (r, c) in covered_right:
                    continue
                properties = ""
                if (r, c) in spans:
                    last_row, last_column = spans[(r, c)]
                    properties += f'<w:gridSpan w:val="{last_column - c + 1}"/>' if last_column > c else ""
                    properties += '<w:vMerge w:val="restart"/>' if last_row > r else ""
                    text = row[c] or ""
                elif (r, c) in continued:
                    last_column = continued[(r, c)]
                    properties += f'<w:gridSpan w:val="{last_column - c + 1}"/>' if last_column > c else ""
                    properties += "<w:vMerge/>"
                    text = ""
                else:
                    text = row[c] or ""
                cells.append(f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p>{_runs(text) if text else ''}</w:p></w:tc>")
            xml_rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
        grid = "".join('<w:gridCol w:w="1200"/>' for _ in range(width))
        self.body.append(f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
                         f"{''.join(xml_rows)}</w:tbl>")

    def save(self, path: Path, numbering: str, heading_num_id: int, header: str, footer: str) -> Path:
        """`numbering` is the inside of word/numbering.xml: its abstractNum and num elements."""
        section = ('<w:sectPr><w:headerReference w:type="default" r:id="rId3"/>'
                   '<w:footerReference w:type="default" r:id="rId4"/></w:sectPr>')
        document = (f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{"".join(self.body)}{section}'
                    "</w:body></w:document>")
        parts = {
            "[Content_Types].xml": _CONTENT_TYPES,
            "_rels/.rels": _PACKAGE_RELS,
            "word/_rels/document.xml.rels": _DOCUMENT_RELS,
            "word/document.xml": document,
            "word/styles.xml": _styles(heading_num_id),
            "word/numbering.xml": f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>',
            "word/header1.xml": f'<w:hdr xmlns:w="{W_NS}"><w:p>{_runs(header)}</w:p></w:hdr>',
            "word/footer1.xml": f'<w:ftr xmlns:w="{W_NS}"><w:p>{_runs(footer)}</w:p></w:ftr>',
        }
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, xml in parts.items():
                archive.writestr(name, _HEAD + xml)
        return path
