"""Corrections a user makes to a recognised notice; each returns a new `RecognisedNotice`.

The wizard calls these with the index of an item in `RecognisedNotice.items`, then
`planner.notices.building.build_plan` (or `importing.preview_recognised`) to see the plan
again. After every correction the outline, spans, offices, targets and years are worked
out again (`analysis`); what the user set by hand (offices, targets, particulars) stays.
A choice that changes which section holds the tasks is a new recognition with other
`RecognitionSettings` (`recognition.recognise`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from planner.domain.errors import InputError
from planner.domain.office_names import split_offices
from planner.domain.periods import parse_period
from planner.domain.target_building import targets_from_text
from planner.notices.analysis import analyse
from planner.notices.cleaning import clean
from planner.notices.details import bare_title, find_date, find_doc_no, labelled_fields
from planner.notices.items import ItemRole, NoticeItem, RecognisedNotice
from planner.notices.outline import read_number

_TASK_ROLES = (ItemRole.TASK, ItemRole.MEASURE)
_ROW_ROLES = (ItemRole.TASK, ItemRole.APPENDIX, ItemRole.OTHER)


class NoticeEditError(InputError):
    """A correction that cannot be made as asked; the message says why."""


def _item(recognised: RecognisedNotice, index: int) -> NoticeItem:
    if not 0 <= index < len(recognised.items):
        raise NoticeEditError(f"没有第 {index + 1} 项：这份通知共 {len(recognised.items)} 项。")
    return recognised.items[index]


def _reanalysed(recognised: RecognisedNotice, items: Sequence[NoticeItem], **changes: object) -> RecognisedNotice:
    updated = replace(recognised, **changes) if changes else recognised  # type: ignore[arg-type]
    result = analyse(items, updated.settings, updated.details)
    return replace(updated, items=result.items, first_year=result.first_year, last_year=result.last_year,
                   common_offices=result.common_offices)


def _detail_value(item: NoticeItem, role: ItemRole) -> str:
    """The title, 文号, issuer or ISO date an item states, for the role given to it."""
    labelled = {kind: value for kind, _, _, value in labelled_fields(item.text)}
    text = labelled.get(role.value, item.text)
    if role is ItemRole.TITLE:
        return bare_title(text)
    if role is ItemRole.DOC_NO:
        found = find_doc_no(text)
        if found is None:
            raise NoticeEditError(f"{item.where}中没有文号（如“京政办发〔2023〕25号”），不能标为文号。")
        return found[2]
    if role is ItemRole.DATE:
        date = find_date(text)
        if date is None:
            raise NoticeEditError(f"{item.where}中没有日期（如“2023年10月27日”），不能标为成文日期。")
        return date[2]
    return text.strip()


_DETAIL_FIELDS = {ItemRole.TITLE: "title", ItemRole.DOC_NO: "doc_no", ItemRole.ISSUER: "issuer",
                  ItemRole.DATE: "issue_date"}


def set_role(recognised: RecognisedNotice, index: int, role: ItemRole) -> RecognisedNotice:
    """Give an item another role; a title, 文号, issuer or date item also sets that particular."""
    item = _item(recognised, index)
    if item.row is not None and role not in _ROW_ROLES:
        raise NoticeEditError(f"{item.where}是附件表格的一行，只能作为任务或不作为任务。")
    items = list(recognised.items)
    items[index] = replace(item, role=role)
    changes: dict[str, object] = {}
    if role in _DETAIL_FIELDS:
        field = _DETAIL_FIELDS[role]
        changes["details"] = replace(recognised.details, **{field: _detail_value(item, role)})
        changes["details_corrected"] = recognised.details_corrected | {field}
    return _reanalysed(recognised, items, **changes)


def _original_at(item: NoticeItem, at: int) -> int:
    cleaned = clean(item.original)
    if cleaned.text == item.text:
        return cleaned.original_offset(at)
    return round(at * len(item.original) / max(1, len(item.text)))  # an item joined from several paragraphs


def split_item(recognised: RecognisedNotice, index: int, at: int) -> RecognisedNotice:
    """Cut an item in two at character `at` of its text (two tasks run together, a heading and its first task).

    The first part keeps the role and any correction; a second part that starts with an outline number
    keeps the role too, else it is the first part's content (for a task) or of the same role.
    """
    item = _item(recognised, index)
    if item.row is not None:
        raise NoticeEditError(f"{item.where}是附件表格的一行，不能拆分；请在表格中修改后重新导入。")
    left, right = item.text[:at].rstrip(), item.text[at:].lstrip()
    if not left or not right:
        raise NoticeEditError(f"{item.where}不能在第 {at} 个字处拆分：拆分后有一段是空的。")
    cut = _original_at(item, at)
    number = read_number(right)
    role = item.role if number is not None or item.role not in (*_TASK_ROLES, ItemRole.CONTENT) else ItemRole.CONTENT
    first = replace(item, text=left, original=item.original[:cut].rstrip())
    second = NoticeItem(role=role, text=right, original=item.original[cut:].lstrip(),
                        place=item.last_place or item.place, number=number)
    items = [*recognised.items[:index], first, second, *recognised.items[index + 1:]]
    return _reanalysed(recognised, items)


def join_items(recognised: RecognisedNotice, first: int, last: int | None = None) -> RecognisedNotice:
    """Join the items `first` to `last` (default: the next one) into one with the first item's role."""
    last = first + 1 if last is None else last
    head, tail = _item(recognised, first), _item(recognised, last)
    if last <= first:
        raise NoticeEditError("要合并的几项须是相邻的，且至少两项。")
    joined = recognised.items[first: last + 1]
    if any(item.row is not None for item in joined):
        raise NoticeEditError(f"{head.where}至{tail.where}中有附件表格的行，不能合并。")
    item = replace(head, text="".join(i.text for i in joined), original="".join(i.original for i in joined),
                   last_place=tail.last_place or tail.place)
    items = [*recognised.items[:first], item, *recognised.items[last + 1:]]
    return _reanalysed(recognised, items)


def _names(entries: Sequence[str]) -> list[str]:
    names: list[str] = []
    for entry in entries:
        names.extend(name for name in split_offices(entry) if name not in names)
    return names


def set_offices(recognised: RecognisedNotice, index: int, lead: Sequence[str], co: Sequence[str] = ()
                ) -> RecognisedNotice:
    """The task's offices as the user corrected them (each entry may list several: 市民政局、市财政局)."""
    item = _item(recognised, index)
    if item.role not in _TASK_ROLES:
        raise NoticeEditError(f"{item.where}不是任务，不能指定责任单位；请先把它标为任务。")
    leads = _names(lead)
    items = list(recognised.items)
    items[index] = replace(item, lead=tuple(leads), co=tuple(n for n in _names(co) if n not in leads), note="",
                           offices_corrected=True)
    return _reanalysed(recognised, items)


def set_targets(recognised: RecognisedNotice, index: int, texts: Mapping[str, str]) -> RecognisedNotice:
    """The task's targets as the user corrected them: period ("2022", "2022年", "2022Q3") → target text.

    A blank text leaves that period without a target. The texts are read by the usual target rules.
    """
    item = _item(recognised, index)
    if item.role is not ItemRole.TASK:
        raise NoticeEditError(f"{item.where}不是任务，不能指定目标；请先把它标为任务。")
    targets = []
    for period, text in texts.items():
        if not text or not text.strip():
            continue
        code = parse_period(str(period).strip()).code  # a PeriodError says what is wrong with it
        targets.extend(targets_from_text(code, text.strip()))
    items = list(recognised.items)
    items[index] = replace(item, targets=tuple(targets), targets_corrected=True)
    return _reanalysed(recognised, items)


def set_details(recognised: RecognisedNotice, **values: str | None) -> RecognisedNotice:
    """The notice's title, doc_no, issuer or issue_date (ISO) as the user typed them."""
    unknown = set(values) - set(_DETAIL_FIELDS.values())
    if unknown:
        raise TypeError(f"set_details() got unknown fields {sorted(unknown)}")
    if values.get("issue_date"):
        date = find_date(values["issue_date"] or "")
        if date is None:
            raise NoticeEditError(f"“{values['issue_date']}”不是日期（如 2023-10-27 或 2023年10月27日）。")
        values["issue_date"] = date[2]
    details = replace(recognised.details, **values)  # type: ignore[arg-type]
    return _reanalysed(recognised, recognised.items, details=details,
                       details_corrected=recognised.details_corrected | set(values))
