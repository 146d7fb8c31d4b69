"""Where a notice comes from: a file (dropped, or chosen in 文件 → 导入通知…) or the clipboard (编辑 → 粘贴通知文本),
and the job that reads and recognises it on the window's background worker."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from planner.notices.importing import NoticePreview, preview_recognised
from planner.notices.items import RecognitionSettings
from planner.notices.recognition import recognise
from planner.notices.refusals import NoticeInputError
from ui.common.file_dialogs import open_file_name
from ui.common.jobs import Progress

_STEPS = 3
NOTICE_PATTERNS = ("*.docx *.doc *.wps *.pdf *.html *.htm *.mhtml *.mht *.txt *.rtf *.odt *.ofd "
                   "*.png *.jpg *.jpeg *.tif *.tiff")


@dataclass(frozen=True)
class NoticeSource:
    path: Path | None = None
    html: str = ""  # pasted HTML
    text: str = ""  # pasted plain text (also kept beside pasted HTML)

    @property
    def pasted(self) -> bool:
        return self.path is None

    @property
    def name(self) -> str:
        if self.path is not None:
            return self.path.name
        return QCoreApplication.translate("NoticeSource", "Pasted text")


def clipboard_source() -> NoticeSource | None:
    """The clipboard's HTML when it has some (a copy from a browser or Word), else its text; None when empty."""
    mime = QApplication.clipboard().mimeData()
    if mime is None:
        return None
    markup = mime.html() if mime.hasHtml() else ""
    text = mime.text() if mime.hasText() else ""
    if not markup.strip() and not text.strip():
        return None
    return NoticeSource(html=markup, text=text)


def choose_notice_file(parent: QWidget | None, start: str = "") -> Path | None:
    translate = QCoreApplication.translate
    notices = translate("NoticeSource", "Notices (%1);;All files (*)").replace("%1", NOTICE_PATTERNS)
    path = open_file_name(parent, translate("NoticeSource", "Import a notice"), notices, start)
    return Path(path) if path else None


def read_source(source: NoticeSource, pages: Progress | None = None):
    """The `NoticeDocument` of `source`; a NoticeInputError (or the reading worker's InputError) names what
    could not be read. A scan calls `pages(done, total)` before each page it reads."""
    if source.path is not None:
        from planner.notices.readers import read_notice

        return read_notice(source.path, progress=pages)
    from planner.notices.text import notice_from_text

    if source.html.strip():
        from planner.notices.readers import notice_from_html

        # HTML that holds no text (a copied picture, an empty fragment) gives way to the clipboard's plain text.
        try:
            document = notice_from_html(source.html)
        except NoticeInputError:
            if not source.text.strip():
                raise
        else:
            if document.blocks or not source.text.strip():
                return document
    return notice_from_text(source.text)


def load_job(source: NoticeSource, settings: RecognitionSettings | None = None):
    """The background job that reads `source` and recognises it: its result is a `NoticePreview`."""

    def job(progress: Progress) -> NoticePreview:
        scanned = [0]  # the pages of a scan: each one a step of the progress, and cancelling stops between them

        def pages(done: int, total: int) -> None:
            scanned[0] = total
            progress(done, total + _STEPS - 1)

        progress(0, _STEPS)
        document = read_source(source, pages)
        progress(scanned[0] + 1, scanned[0] + _STEPS)
        recognised = recognise(document, settings)
        progress(scanned[0] + 2, scanned[0] + _STEPS)
        return preview_recognised(recognised, document)

    return job


def recognise_job(preview: NoticePreview, settings: RecognitionSettings):
    """The background job that recognises the document of `preview` again with other settings."""
    document = preview.document
    assert document is not None, "the wizard keeps the document it read"

    def job(progress: Progress) -> NoticePreview:
        progress(0, 1)
        return preview_recognised(recognise(document, settings), document)

    return job
