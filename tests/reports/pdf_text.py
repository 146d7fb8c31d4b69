"""A PDF's text read back with pdfium (what a reader's viewer extracts), page by page and as one run of text."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium

SECTION_HEADINGS = ("一、", "二、", "三、", "四、")


def pdf_pages(path: Path) -> list[str]:
    document = pdfium.PdfDocument(str(path))
    try:
        return [document[index].get_textpage().get_text_range() for index in range(len(document))]
    finally:
        document.close()


def joined(pages: list[str]) -> str:
    """The text with line breaks and page numbers ("— 3 —") taken out, so a sentence reads as one."""
    text = "".join(re.sub(r"^— \d+ —\s*$", "", page, flags=re.MULTILINE) for page in pages)
    return re.sub(r"\s+", "", text)


def body(pages: list[str]) -> str:
    """The report itself, before its 附件 (the attachment starts on a page of its own)."""
    text = joined(pages)
    cut = text.rfind("附件：")
    return text[:cut] if cut >= 0 else text


def section(text: str, heading: str, following: str | None) -> str:
    """The joined text of one section, from its heading (三、存在问题) to the next one's."""
    start = text.index(heading)
    end = text.index(following, start) if following else len(text)
    return text[start:end]
