"""A `NoticeDocument` → a `RecognisedNotice`: every paragraph with its role, each task with what the plan gets.

The steps, each in a module of its own: the text is cleaned (`cleaning`); appendix tables,
as table blocks or written in the text, are read by the spreadsheet rules
(`appendix_tables`); the particulars — title, 文号, issuing office, date — are found
(`details`); the section holding the tasks and the tasks in it (`structure`); then for
every item its spans, offices and targets, and the plan's years (`analysis`). Pure: no
database, no Qt; the same input gives the same result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import PurePath

from planner.notices.analysis import analyse
from planner.notices.appendix_tables import APPENDIX_LABEL_RE, AppendixRead, find_text_table, table_block_items
from planner.notices.caps import MAX_BLOCKS
from planner.notices.cleaning import clean_text
from planner.notices.details import (
    NoticeDetails,
    bare_title,
    find_date,
    find_doc_no,
    is_date_line,
    is_issuer_line,
    is_title_like,
    labelled_fields,
    passed_on_title,
)
from planner.notices.document import NoticeDocument, Paragraph, Place, Table
from planner.notices.items import ItemRole, NoticeIssue, NoticeItem, RecognisedNotice, RecognitionSettings, evolve
from planner.notices.outline import Style, read_number
from planner.notices.refusals import NoticeTooLargeError
from planner.notices.responsibility import office_clauses
from planner.notices.structure import assign_roles
from planner.notices.text import MAX_TEXT_CHARS, PASTED

PASTED_TITLE = "粘贴的通知"
MAX_TABLE_TITLE_CHARS = 60
APPENDIX_PREFIX_RE = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*\s*[:：]\s*")
_SIGNATURE_LOOKBACK = 3
_ISSUERS_APART_RE = re.compile(r"[\s\u3000]+")
_BLANK_ITEM = NoticeItem(role=ItemRole.OTHER, text="", original="", place=Place())


def _paragraph_item(paragraph: Paragraph) -> NoticeItem:
    text = clean_text(paragraph.full_text)
    # Made from a blank item as `evolve` makes its copies: NoticeItem's __init__ costs more than the rest of this.
    return evolve(_BLANK_ITEM, text=text, original=paragraph.full_text, place=paragraph.place, number=read_number(text))


def _check_size(document: NoticeDocument) -> None:
    if len(document.blocks) > MAX_BLOCKS:
        raise NoticeTooLargeError(f"文件“{document.file_name}”有 {len(document.blocks)} 个段落和表格，"
                                  f"超过 {MAX_BLOCKS} 个的上限，不像一份通知，未导入。")
    chars = sum(len(p.full_text) for p in document.paragraphs)
    if chars > MAX_TEXT_CHARS:
        raise NoticeTooLargeError(f"文件“{document.file_name}”的正文有 {chars} 个字符，"
                                  f"超过 {MAX_TEXT_CHARS} 个字符的上限，不像一份通知，未导入。")


def _read_blocks(document: NoticeDocument) -> tuple[list[NoticeItem], list[AppendixRead]]:
    """Items in reading order: paragraphs, and the appendix tables (as blocks or written in the text)."""
    items: list[NoticeItem] = []
    tables: list[AppendixRead] = []
    run: list[NoticeItem] = []

    def close_run() -> None:
        found = find_text_table(run, document.file_name) if run else None
        if found is None:
            items.extend(run)
        else:
            first, end, read = found
            items.extend(run[:first])
            items.extend(read.items)
            items.extend(run[end:])
            tables.append(read)
        run.clear()

    for block in document.blocks:
        if isinstance(block, Paragraph):
            item = _paragraph_item(block)
            if item.text:
                run.append(item)
            continue
        assert isinstance(block, Table)
        hint = _table_title(run)
        close_run()
        read = table_block_items(block, document.file_name, hint)
        items.extend(read.items)
        tables.append(read)
    close_run()
    return items, tables


def _table_title(above: Sequence[NoticeItem]) -> str:
    """The title a table block stands under: a short line without a full stop just above it (past 附件1)."""
    for item in reversed(above[-2:]):
        text = item.text.strip()
        if APPENDIX_LABEL_RE.match(text):
            continue
        if item.number is None and 2 <= len(text) <= MAX_TABLE_TITLE_CHARS and not re.search(r"[。；;]", text):
            return APPENDIX_PREFIX_RE.sub("", text).strip()
        return ""
    return ""


def _body_start(items: Sequence[NoticeItem]) -> int:
    """The first heading of the body (一、 or 第一部分), where the particulars above it end."""
    for index, item in enumerate(items):
        if item.row is None and item.number is not None and item.number.style in (Style.CHINESE, Style.PART):
            return index
    return next((index for index, item in enumerate(items) if item.number is not None), len(items))


def _set(items: list[NoticeItem], index: int, role: ItemRole) -> None:
    if items[index].role is ItemRole.OTHER:
        items[index] = replace(items[index], role=role)


def _labelled(items: list[NoticeItem], top: int, found: dict[str, str]) -> None:
    for index in range(top):
        for kind, _, _, value in labelled_fields(items[index].text):
            if kind == "date":
                date = find_date(value)
                value = date[2] if date else ""
            elif kind == "doc_no":
                doc_no = find_doc_no(value)
                value = doc_no[2] if doc_no else value
            if value and kind not in found:
                found[kind] = value
                _set(items, index, ItemRole(kind))


def _signature(items: list[NoticeItem], found: dict[str, str]) -> None:
    """The first date line with an issuing office above it: the signature of the notice."""
    for index, item in enumerate(items):
        if item.row is not None or not is_date_line(item.text):
            continue
        issuers: list[int] = []
        for above in range(index - 1, max(-1, index - 1 - _SIGNATURE_LOOKBACK), -1):
            if not is_issuer_line(items[above].text):
                break
            issuers.insert(0, above)
        if not issuers:
            continue
        date = find_date(item.text)
        if date:
            found["date"] = date[2]
        # Offices issuing jointly sign side by side on one line (市卫生健康委员会　　市民政局), or one a line.
        found["issuer"] = "、".join(name for i in issuers for name in _ISSUERS_APART_RE.split(items[i].text.strip()))
        _set(items, index, ItemRole.DATE)
        for above in issuers:
            _set(items, above, ItemRole.ISSUER)
        return


def _doc_no(items: list[NoticeItem], top: int, found: dict[str, str]) -> None:
    if "doc_no" in found:
        return
    for index in range(top):
        doc_no = find_doc_no(items[index].text)
        if doc_no is not None and doc_no[0] == 0:
            found["doc_no"] = doc_no[2]
            _set(items, index, ItemRole.DOC_NO)
            return


def _title(items: list[NoticeItem], top: int, found: dict[str, str]) -> None:
    if "title" in found:
        return
    passing = [(index, inner) for index in range(top) if (inner := passed_on_title(items[index].text))]
    if passing:
        index, inner = passing[0]
        same = next((i for i in range(top) if i not in dict(passing) and bare_title(items[i].text) == inner), None)
        found["title"] = inner
        if same is not None:
            items[same] = replace(items[same], role=ItemRole.TITLE)
        else:
            _set(items, index, ItemRole.TITLE)
        return
    for index in range(top):
        item = items[index]
        if item.role is ItemRole.OTHER and is_title_like(bare_title(item.text)):
            found["title"] = bare_title(item.text)
            _set(items, index, ItemRole.TITLE)
            return


def find_details(items: list[NoticeItem], file_name: str) -> NoticeDetails:
    """The notice's particulars; the items naming them get their roles."""
    top = _body_start(items)
    found: dict[str, str] = {}
    _labelled(items, top, found)
    _signature(items, found)  # the notice's own date and issuer, over a web page's publication fields
    _doc_no(items, top, found)
    _title(items, top, found)
    title = found.get("title") or (PASTED_TITLE if file_name == PASTED else PurePath(file_name).stem)
    return NoticeDetails(title=title, doc_no=found.get("doc_no", ""), issuer=found.get("issuer", ""),
                         issue_date=found.get("date"))


def _choose_tasks(items: list[NoticeItem], tables: list[AppendixRead], settings: RecognitionSettings) -> None:
    """Tasks from the text, from the appendix table, or both (`RecognitionSettings.tasks_from`)."""
    rows = [i for i, item in enumerate(items) if item.row is not None and item.role is ItemRole.TASK]
    body = [i for i, item in enumerate(items) if item.row is None and item.role is ItemRole.TASK]
    if not rows:
        return
    use_table = settings.tasks_from in ("appendix", "both") or (settings.tasks_from == "auto" and (
        any(read.tasks_with_targets for read in tables) or not body or _table_names_the_offices(items, rows, body)))
    use_body = settings.tasks_from in ("body", "both") or not use_table
    if not use_table:
        for index in rows:
            items[index] = replace(items[index], role=ItemRole.APPENDIX)
    if not use_body:
        for index in body:
            items[index] = replace(items[index], role=ItemRole.MEASURE)


def _names_offices(items: Sequence[NoticeItem], index: int) -> bool:
    """Whether a task of the text names offices, in its paragraph or in those that belong to it."""
    end = index + 1  # walked to, not sliced: a slice of the rest for every task made the check quadratic
    while end < len(items) and items[end].role is ItemRole.CONTENT:
        end += 1
    return any(office_clauses(item.text) for item in items[index:end])


def _table_names_the_offices(items: Sequence[NoticeItem], rows: list[int], body: list[int]) -> bool:
    """A 任务分工表: the table's rows name offices where most items of the text name none (见附件)."""
    tasks = [row.task for row in (items[index].row for index in rows) if row is not None]
    with_offices = sum(1 for task in tasks if task.lead or task.co)
    named = sum(1 for index in body if _names_offices(items, index))
    return with_offices * 2 > len(tasks) and named * 2 < len(body)


def _appendix_end(items: Sequence[NoticeItem]) -> int:
    return next((index for index, item in enumerate(items) if item.row is not None or item.role is ItemRole.APPENDIX),
                len(items))


def recognise(document: NoticeDocument, settings: RecognitionSettings | None = None) -> RecognisedNotice:
    """What each paragraph of `document` is, and what each task gives the plan."""
    settings = settings or RecognitionSettings()
    _check_size(document)
    items, tables = _read_blocks(document)
    details = find_details(items, document.file_name)
    warnings = [NoticeIssue("", warning) for warning in document.warnings]
    warnings.extend(assign_roles(items, settings, _appendix_end(items)))
    for read in tables:
        warnings.extend(read.issues)
    _choose_tasks(items, tables, settings)
    result = analyse(items, settings, details)
    appendix_title = next((read.title for read in tables if read.title), "")
    return RecognisedNotice(file_name=document.file_name, kind=document.kind, sha256=document.sha256,
                            items=result.items, settings=settings, details=details, first_year=result.first_year,
                            last_year=result.last_year, common_offices=result.common_offices,
                            appendix_title=appendix_title, warnings=tuple(warnings))
