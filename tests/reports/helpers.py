"""Reading generated PDFs back the way a viewer does: QtPdf for page sizes, text and rendered pixels."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument

from planner.domain.model import Plan, Section, Task
from planner.domain.target_building import make_target
from planner.store import Store
from planner.store.plans import insert_plan

MM = 72 / 25.4


def open_pdf(path: Path) -> QPdfDocument:
    document = QPdfDocument(None)
    assert document.load(str(path)) == QPdfDocument.Error.None_, f"{path} does not open"
    return document


def page_texts(path: Path) -> list[str]:
    document = open_pdf(path)
    try:
        return [document.getAllText(page).text() for page in range(document.pageCount())]
    finally:
        document.close()


def page_sizes(path: Path) -> list[tuple[float, float]]:
    document = open_pdf(path)
    try:
        return [(document.pagePointSize(p).width(), document.pagePointSize(p).height())
                for p in range(document.pageCount())]
    finally:
        document.close()


def rendered_page(path: Path, page: int) -> np.ndarray:
    """Page `page` in grey levels at 72 dpi: one pixel per point, row 0 at the top."""
    document = open_pdf(path)
    try:
        size = document.pagePointSize(page)
        image = document.render(page, QSize(round(size.width()), round(size.height())))
    finally:
        document.close()
    # Rendered pages are transparent where nothing is drawn: lay them on white paper first.
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    grey = paper.convertToFormat(QImage.Format.Format_Grayscale8)
    data = np.frombuffer(grey.constBits(), np.uint8, grey.sizeInBytes())
    return data.reshape(grey.height(), grey.bytesPerLine())[:, :grey.width()].copy()


def ink(pixels: np.ndarray, threshold: int = 200) -> np.ndarray:
    return pixels < threshold


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_fonts(path: Path) -> list[str]:
    """The font dictionaries of the file (reportlab writes them uncompressed)."""
    data = Path(path).read_bytes().decode("latin-1")
    return re.findall(r"<<[^<>]*/Type /Font[^<>]*>>", data)


def add_plan(store: Store, title: str, tasks: list[Task], sections: list[Section] = (), years=(2021, 2022)) -> int:
    plan = Plan(title=title, first_year=years[0], last_year=years[-1], appendix_title=f"{title}附表",
                sections=list(sections), tasks=tasks)
    with store.transaction() as writer:
        return insert_plan(writer, plan, "测试")


def task(seq: str, name: str, lead: str = "市民政局", content: str = "", targets: dict[str, str] | None = None,
         section: str | None = None) -> Task:
    made = Task(name=name, seq=seq, content=content, lead=[lead], section_key=section)
    made.targets = [make_target(period, text) for period, text in (targets or {}).items()]
    return made
