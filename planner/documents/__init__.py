"""PDF reports: the target table, the quarterly progress report and one office's report. Imports the
other services (plans, offices, progress, exchange), sheets, store, system and domain.

`build_report(conn, request, out)` gathers the figures (planner.documents.data), lays
the document out after GB/T 9704-2012 (planner.documents.page_geometry) and writes the PDF
with its fonts embedded. The file appears only once it is complete, so a failed or
cancelled report never leaves half a PDF in place of an earlier one, and where it may
go is checked before the work begins (`planner.system.output_guard`): never over the database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from planner.documents.data import ReportData, ReportKind, ReportRequest, gather, parse_statuses
from planner.documents.fonts import TITLE, ReportFonts, resolve_fonts
from planner.domain.errors import InputError
from planner.system.atomic_save import ready_to_write, save_atomically
from planner.system.output_guard import os_reason, shown

Progress = Callable[[int, int], None]
GATHER_SHARE = 20  # of 100: reading and evaluating; the rest is laying out pages
ROWS_PER_PAGE = 12  # a rough guess for the progress bar, corrected as pages are made

__all__ = ["ReportKind", "ReportRequest", "ReportResult", "build_report", "parse_statuses", "write_report"]


@dataclass(frozen=True)
class ReportResult:
    path: Path
    pages: int
    title: str
    fonts: dict[str, str]  # role → the font file used
    families: dict[str, str] = field(default_factory=dict)  # role → the font's own name ("AR PL KaitiM GB")
    imitated_bold: frozenset[str] = frozenset()  # roles drawn heavier than their font (a title without 小标宋)


def _scaled(progress: Progress | None, low: int, high: int) -> Progress | None:
    if progress is None:
        return None
    return lambda done, total: progress(low + (high - low) * done // max(total, 1), 100)


def write_report(data: ReportData, fonts: ReportFonts, out: str | Path,
                 progress: Progress | None = None) -> ReportResult:
    """Lay out the report of gathered `data` and write it to `out`."""
    from planner.documents.document import Story
    from planner.documents.office_report import office_story
    from planner.documents.page_geometry import OfficialDocTemplate
    from planner.documents.quarterly import quarterly_story
    from planner.documents.target_report import target_story
    from planner.documents.textflow import Measurer

    builders = {ReportKind.TARGETS: target_story, ReportKind.QUARTERLY: quarterly_story,
                ReportKind.OFFICE: office_story}
    measurer = Measurer(fonts)
    story = Story(measurer, fonts.fake_bold[TITLE])
    title, orientation = builders[data.request.kind](data, story)
    out = Path(out)
    pages = 0

    def write(temporary: str) -> None:
        nonlocal pages
        doc = OfficialDocTemplate(temporary, fonts, orientation=orientation, title=title,
                                  author=data.request.issuer or data.office or "", subject=data.request.kind.label,
                                  progress=progress, expected_pages=3 + len(data.plan.tasks) // ROWS_PER_PAGE)
        doc.measurer = measurer
        doc.build(story.flowables)
        pages = doc.page

    try:
        save_atomically(out, write)
    except OSError as exc:
        raise InputError(f"无法写入“{shown(out)}”：{os_reason(exc)}。") from None
    return ReportResult(out, pages, title, {role: font.source.spec for role, font in fonts.roles.items()},
                        {role: font.family for role, font in fonts.roles.items()},
                        frozenset(role for role, heavier in fonts.fake_bold.items() if heavier))


def build_report(conn: sqlite3.Connection, request: ReportRequest, out: str | Path,
                 progress: Progress | None = None) -> ReportResult:
    """Write the report `request` asks for to the PDF file `out`; `progress(done, total)` follows the work."""
    ready_to_write(out)  # a refused or unwritable place is said at once, not after the pages are laid out
    fonts = resolve_fonts(request.fonts)
    data = gather(conn, request, _scaled(progress, 0, GATHER_SHARE))
    return write_report(data, fonts, out, _scaled(progress, GATHER_SHARE, 100))
