"""How the notice wizard names and colours what was recognised: each paragraph's role, the marked spans of its
text, and the legend that explains the colours."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from planner.notices.items import ItemRole, SpanKind

# The roles in the order a clerk is offered them: the three that matter most first.
ROLE_CHOICES: tuple[ItemRole, ...] = (
    ItemRole.TASK, ItemRole.SECTION, ItemRole.CONTENT, ItemRole.OTHER, ItemRole.TITLE, ItemRole.DOC_NO,
    ItemRole.ISSUER, ItemRole.DATE, ItemRole.MEASURE, ItemRole.APPENDIX,
)

# (label background, label text) of each role, drawn beside its paragraph.
_PARTICULARS = ("#E4D8F3", "#4A2C73")
ROLE_COLOURS: dict[ItemRole, tuple[str, str]] = {
    ItemRole.TASK: ("#FFD966", "#4D3800"), ItemRole.SECTION: ("#B9CDE8", "#163057"),
    ItemRole.CONTENT: ("#FFF0B8", "#6B5500"), ItemRole.OTHER: ("#ECECEC", "#6E6E6E"),
    ItemRole.TITLE: _PARTICULARS, ItemRole.DOC_NO: _PARTICULARS, ItemRole.ISSUER: _PARTICULARS,
    ItemRole.DATE: _PARTICULARS, ItemRole.MEASURE: ("#E0E0E0", "#424242"), ItemRole.APPENDIX: ("#E0E0E0", "#424242"),
}
# The paragraph's own background: tasks and what belongs to them stand out from the rest of the notice.
_BLOCK_BACKGROUNDS = {ItemRole.TASK: "#FFFAE6", ItemRole.CONTENT: "#FFFCF0", ItemRole.SECTION: "#EEF3FA"}
_GREYED = (ItemRole.OTHER, ItemRole.APPENDIX, ItemRole.MEASURE)
GREY_TEXT = "#7A7A7A"

# (background, text, bold) of each kind of span.
_SPAN_STYLES: dict[SpanKind, tuple[str | None, str | None, bool]] = {
    SpanKind.NUMBER: (None, "#163057", True),
    SpanKind.NAME: ("#FFE58A", "#3D2C00", True),
    SpanKind.OFFICES: ("#D3EDCD", "#1B5E20", False),
    SpanKind.COMMON_OFFICES: ("#D3EDCD", "#1B5E20", False),
    SpanKind.FIGURE: ("#D6E6FB", "#0D47A1", True),
    SpanKind.DEADLINE: ("#FCDCC6", "#A33600", True),
    SpanKind.TITLE: ("#EDE4F7", "#4A2C73", True),
    SpanKind.DOC_NO: ("#EDE4F7", "#4A2C73", False),
    SpanKind.ISSUER: ("#EDE4F7", "#4A2C73", False),
    SpanKind.DATE: ("#EDE4F7", "#4A2C73", False),
}
# Where spans overlap, the later kind in this order wins.
SPAN_PRIORITY = (SpanKind.NUMBER, SpanKind.NAME, SpanKind.COMMON_OFFICES, SpanKind.OFFICES, SpanKind.FIGURE,
                 SpanKind.DEADLINE, SpanKind.TITLE, SpanKind.DOC_NO, SpanKind.ISSUER, SpanKind.DATE)


def role_label(role: ItemRole) -> str:
    translate = QCoreApplication.translate
    labels = {
        ItemRole.TASK: translate("NoticeMarks", "Task"),
        ItemRole.SECTION: translate("NoticeMarks", "Section"),
        ItemRole.CONTENT: translate("NoticeMarks", "Task text"),
        ItemRole.OTHER: translate("NoticeMarks", "Not a task"),
        ItemRole.TITLE: translate("NoticeMarks", "Title"),
        ItemRole.DOC_NO: translate("NoticeMarks", "Doc. No."),
        ItemRole.ISSUER: translate("NoticeMarks", "Issuer"),
        ItemRole.DATE: translate("NoticeMarks", "Date"),
        ItemRole.MEASURE: translate("NoticeMarks", "Measure"),
        ItemRole.APPENDIX: translate("NoticeMarks", "Table"),
    }
    return labels[role]


def role_hint(role: ItemRole) -> str:
    """What choosing the role means, for the role menu's tooltips."""
    translate = QCoreApplication.translate
    hints = {
        ItemRole.TASK: translate("NoticeMarks", "A task of the plan, with its offices and targets"),
        ItemRole.SECTION: translate("NoticeMarks", "A heading that groups the tasks below it"),
        ItemRole.CONTENT: translate("NoticeMarks", "More of the task above it"),
        ItemRole.OTHER: translate("NoticeMarks", "Left out of the plan"),
        ItemRole.TITLE: translate("NoticeMarks", "The plan's title"),
        ItemRole.DOC_NO: translate("NoticeMarks", "The document number, such as 京政办发〔2023〕25号"),
        ItemRole.ISSUER: translate("NoticeMarks", "The office that issued the notice"),
        ItemRole.DATE: translate("NoticeMarks", "The date the notice was issued"),
        ItemRole.MEASURE: translate("NoticeMarks", "A measure of the text while the appendix table gives the tasks"),
        ItemRole.APPENDIX: translate("NoticeMarks", "Part of the appendix table that is no task"),
    }
    return hints[role]


def block_style(role: ItemRole) -> str:
    """CSS of a paragraph: its background, headings bold, what the plan leaves out greyed."""
    parts = []
    background = _BLOCK_BACKGROUNDS.get(role)
    if background:
        parts.append(f"background-color:{background}")
    if role is ItemRole.SECTION:
        parts.append("font-weight:bold")
    if role in _GREYED:
        parts.append(f"color:{GREY_TEXT}")
    return ";".join(parts)


def span_style(kind: SpanKind) -> str:
    background, foreground, bold = _SPAN_STYLES[kind]
    parts = [f"background-color:{background}"] if background else []
    if foreground:
        parts.append(f"color:{foreground}")
    if bold:
        parts.append("font-weight:bold")
    return ";".join(parts)


def _chip(text: str, background: str | None, foreground: str | None, bold: bool) -> str:
    style = f"white-space:nowrap; color:{foreground or '#000'};" + (
        f"background-color:{background};" if background else "")
    body = "&nbsp;" + html.escape(text).replace(" ", "&nbsp;") + "&nbsp;"  # a chip never breaks across lines
    return f'<span style="{style}">{"<b>" + body + "</b>" if bold else body}</span>'


def legend(parent: QWidget) -> QLabel:
    """One line naming each colour of the text."""
    translate = QCoreApplication.translate
    chips = [
        (translate("NoticeMarks", "Task name"), SpanKind.NAME),
        (translate("NoticeMarks", "Responsible offices"), SpanKind.OFFICES),
        (translate("NoticeMarks", "Figure"), SpanKind.FIGURE),
        (translate("NoticeMarks", "Deadline"), SpanKind.DEADLINE),
        (translate("NoticeMarks", "Title, doc. No., issuer, date"), SpanKind.TITLE),
    ]
    task_marks = [_chip(text, *_SPAN_STYLES[kind]) for text, kind in chips[:4]]
    other_marks = [_chip(chips[4][0], *_SPAN_STYLES[chips[4][1]]),
                   _chip(translate("NoticeMarks", "Section heading"), _BLOCK_BACKGROUNDS[ItemRole.SECTION],
                         "#163057", True),
                   _chip(translate("NoticeMarks", "Left out of the plan"), None, GREY_TEXT, False)]
    # Two lines of chips: Qt's rich text would otherwise break a chip in the middle at the label's edge.
    label = QLabel(translate("NoticeMarks", "Marked:") + " " + "&nbsp; ".join(task_marks) + "<br>"
                   + "&nbsp; ".join(other_marks), parent)
    label.setObjectName("noticeLegend")
    label.setWordWrap(True)
    return label
