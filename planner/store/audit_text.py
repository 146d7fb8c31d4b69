"""How audit entries read: Chinese labels for tables, columns and values, and one-line descriptions.

The labels are Chinese data shown as they are in every interface language, like the statuses.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from planner.domain.periods import PeriodError, parse_period

if TYPE_CHECKING:
    from planner.store.audit_queries import AuditEntry

ACTION_LABELS = {"insert": "新增", "update": "修改", "delete": "删除", "bulk": "批量", "upgrade": "升级"}

TABLE_LABELS = {
    "plans": "计划", "sections": "分组", "tasks": "任务", "offices": "单位", "task_offices": "责任分工",
    "targets": "目标", "reports": "填报", "attachments": "佐证材料", "schema": "数据库结构",
}

# In the order a reader wants to see them when several columns change at once.
FIELD_LABELS = {
    "value": "完成数值", "status": "完成状态", "narrative": "进展情况", "problems": "存在问题",
    "next_steps": "下步打算", "review": "审核", "review_note": "审核意见", "revision": "版次",
    "period": "时期", "task_id": "任务", "office_id": "单位", "reporter": "填报人", "reported_at": "填报时间",
    "source": "来源", "source_hash": "来源校验值", "text": "目标原文", "comparator": "比较方式", "unit": "单位名称",
    "kind": "类型", "deadline_year": "完成年份", "name": "名称", "seq": "序号", "content": "重点内容",
    "indicator": "具体指标", "baseline": "现状", "deadline": "完成时限", "note": "备注", "role": "分工",
    "position": "顺序", "title": "标题", "appendix_title": "附件标题", "doc_no": "文号", "issuer": "发文单位",
    "issue_date": "发文日期", "first_year": "起始年份", "last_year": "截止年份", "state": "状态", "key": "标识",
    "plan_id": "计划", "section_id": "分组", "parent_id": "上级", "division_code": "行政区划代码",
    "file_name": "文件名", "size": "文件大小", "sha256": "文件校验值", "data": "文件内容", "added_at": "添加时间",
    "added_by": "添加人", "created_at": "创建时间", "is_demo": "演示数据", "count": "条数",
    "first_id": "起始编号", "last_id": "结束编号",
}

VALUE_LABELS: dict[str, dict[Any, str]] = {
    "review": {"submitted": "已提交", "accepted": "已通过", "returned": "已退回"},
    "role": {"lead": "牵头", "co": "配合", "reporting": "填报"},
    "kind": {"increment": "增量", "cumulative": "累计", "ratio": "比率", "milestone": "节点", "text": "文字"},
    "state": {"draft": "草稿", "issued": "已下达"},
    "is_demo": {0: "否", 1: "是"},
    "source": {"keyboard": "键盘录入", "demo": "演示数据", "command line": "命令行"},
}

EMPTY_VALUE = "（空）"

# Bookkeeping columns of a new or deleted row: the subject and the time column already say
# them, or they are ids and checksums no reader can use. An update shows every column it changed.
QUIET_FIELDS = frozenset({"task_id", "office_id", "plan_id", "section_id", "parent_id", "period", "revision",
                          "reported_at", "created_at", "added_at", "source_hash", "sha256", "data", "position",
                          "is_demo"})

# What an office says in a report; a new revision is compared with the previous one on these.
REVISED_FIELDS = ("value", "status", "narrative", "problems", "next_steps")

_BYTES_RE = re.compile(r"<(\d+) bytes>")
_UPGRADE_NOTE_RE = re.compile(r"schema (\d+) -> (\d+)")


def period_label(code: Any) -> str:
    try:
        return parse_period(str(code)).label
    except PeriodError:
        return str(code)


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def format_value(name: str, value: Any, max_chars: int | None = None) -> str:
    """A column value as a reader expects it: 3 not 3.0, 已通过 not accepted, （空） for nothing."""
    if value is None or value == "":
        return EMPTY_VALUE
    labels = VALUE_LABELS.get(name, {})
    if isinstance(value, (str, int)) and value in labels:
        text = labels[value]
    elif name == "period":
        text = period_label(value)
    elif isinstance(value, bool):
        text = "是" if value else "否"
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    elif isinstance(value, str) and (size := _BYTES_RE.fullmatch(value)):
        text = f"{size.group(1)} 字节"
    else:
        text = str(value)
    if max_chars is not None and len(text) > max_chars:
        text = text[:max(1, max_chars - 1)] + "…"
    return text


def change_lines(entry: AuditEntry, max_chars: int | None = None, with_ids: bool = True) -> list[str]:
    """One line per column: "完成数值 3 → 4" for an update or a report revision, "完成数值 3" for an insert.

    `with_ids=False` leaves out the database's row numbers of a bulk insert, which only a developer can use."""
    if entry.action == "bulk":
        values = {c.field: c.new for c in entry.changes}
        lines = [f"{field_label('count')} {format_value('count', values.get('count'))}"]
        if with_ids and "first_id" in values:
            lines.append(f"编号 #{values['first_id']}–#{values.get('last_id', values['first_id'])}")
        return lines
    lines = []
    for change in entry.changes:
        if entry.action != "update" and change.field in QUIET_FIELDS:
            continue
        label = field_label(change.field)
        if entry.action == "update" or (entry.revises is not None and change.field in REVISED_FIELDS):
            lines.append(f"{label} {format_value(change.field, change.old, max_chars)}"
                         f" → {format_value(change.field, change.new, max_chars)}")
        else:
            shown = change.new if entry.action == "insert" else change.old
            lines.append(f"{label} {format_value(change.field, shown, max_chars)}")
    return lines


def object_label(entry: AuditEntry) -> str:
    """What the record is about: "填报 #12", or the table alone for a bulk insert or an upgrade."""
    label = table_label(entry.table)
    if entry.row_id is None:
        return label
    revision = f"（第 {entry.revises + 1} 版）" if entry.revises is not None else ""
    return f"{label} #{entry.row_id}{revision}"


def object_kind(entry: AuditEntry) -> str:
    """What the record is about without the database's row number: "填报（第 2 版）"; the subject names which."""
    revision = f"（第 {entry.revises + 1} 版）" if entry.revises is not None else ""
    return f"{table_label(entry.table)}{revision}"


def describe(entry: AuditEntry) -> str:
    """The record in one Chinese sentence, e.g. "修改 填报 #12：完成数值 3 → 4"."""
    action = ACTION_LABELS.get(entry.action, entry.action)
    if entry.action == "bulk":
        values = {c.field: c.new for c in entry.changes}
        count = format_value("count", values.get("count"))
        span = f"（#{values['first_id']}–#{values.get('last_id')}）" if "first_id" in values else ""
        return f"批量新增 {table_label(entry.table)} {count} 条{span}"
    if entry.action == "upgrade":
        versions = _UPGRADE_NOTE_RE.fullmatch(entry.note.strip())
        detail = f"版本 {versions.group(1)} → {versions.group(2)}" if versions else entry.note
        return f"{action} {table_label(entry.table)}" + (f"：{detail}" if detail else "")
    lines = change_lines(entry)
    head = f"{action} {object_label(entry)}"
    return f"{head}：{'；'.join(lines)}" if lines else head
