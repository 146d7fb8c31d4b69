"""What a notice was recognised as, item by item: the types the import wizard shows and corrects.

Every paragraph of the notice is an item with a role (title, 文号, issuing office, date,
section heading, task, a task's further content, a measure, part of the appendix table,
or none of these), its text as the planner keeps it and as the file had it, its place in
the file, where in the outline it sits (二、（一）1.) and the marked spans of its text
(outline number, task name, offices, figures, deadlines) as character offsets into `text`.
A task item also carries what the plan will get from it: name, content, lead and
co-operating offices and yearly targets, each either recognised or corrected by the user.
A row of an appendix table that became a task is an item too, holding the task the table
gave (`AppendixRow`).

All of these are immutable: a correction (`planner.notices.edits`) returns a new
`RecognisedNotice`, so a wizard can keep the earlier one to undo.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any, Literal

from planner.domain.model import Target, Task
from planner.notices.details import NoticeDetails
from planner.notices.document import Place
from planner.notices.outline import OutlineNumber
from planner.notices.responsibility import LeadRule

# Headings of the section that holds the tasks; a heading containing one of these words qualifies.
TASK_SECTION_WORDS: tuple[str, ...] = (
    "主要任务", "重点任务", "重点工作", "工作任务", "主要措施", "工作措施", "重点举措", "主要举措", "具体措施",
    "任务措施", "主要工作", "重点项目", "重点工程", "任务分工", "推进措施", "行动任务", "重点行动", "主要内容",
)
TasksFrom = Literal["auto", "body", "appendix", "both"]


class ItemRole(str, Enum):
    TITLE = "title"
    DOC_NO = "doc_no"
    ISSUER = "issuer"
    DATE = "date"
    SECTION = "section"  # a heading under which tasks are grouped
    TASK = "task"
    CONTENT = "content"  # more of the task above it: a paragraph, a sub-point, its offices
    MEASURE = "measure"  # a numbered item of the task section while the appendix table holds the tasks
    APPENDIX = "appendix"  # part of an appendix table that is no task (its title, header, a section row)
    OTHER = "other"  # not a task

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[ItemRole, str] = {
    ItemRole.TITLE: "标题", ItemRole.DOC_NO: "文号", ItemRole.ISSUER: "发文机关", ItemRole.DATE: "成文日期",
    ItemRole.SECTION: "分组标题", ItemRole.TASK: "任务", ItemRole.CONTENT: "任务内容",
    ItemRole.MEASURE: "措施（任务取自附件表格）", ItemRole.APPENDIX: "附件表格", ItemRole.OTHER: "非任务",
}


class SpanKind(str, Enum):
    NUMBER = "number"  # the outline number: 二、 （一） 1.
    NAME = "name"  # the lead phrase that names a task
    OFFICES = "offices"  # 〔责任单位：…〕 and the like
    COMMON_OFFICES = "common_offices"  # "…责任单位均包括…": offices of every task
    FIGURE = "figure"  # 2个, 100%
    DEADLINE = "deadline"  # 到2022年, 2022年10月1日前
    TITLE = "title"
    DOC_NO = "doc_no"
    ISSUER = "issuer"
    DATE = "date"


@dataclass(frozen=True)
class Span:
    start: int  # character offsets into the item's text, end exclusive
    end: int
    kind: SpanKind
    year: int | None = None  # the year a deadline names


@dataclass(frozen=True)
class AppendixRow:
    """A row of an appendix table read as a task by the spreadsheet rules (`planner.sheets.appendix`)."""

    task: Task  # as the table gives it; never changed (the plan gets a copy)
    table: str  # "附件" for a table in the text, "表1" for a table of the document
    row: int  # 1-based row of the table as read
    sections: tuple[str, ...] = ()  # the table's section rows above it, outermost first
    title: str = ""  # the table's title


@dataclass(frozen=True)
class NoticeItem:
    role: ItemRole
    text: str  # cleaned: simplified characters, no pinyin glosses; the outline number included
    original: str  # as the file has it
    place: Place
    last_place: Place | None = None  # where an item made of several paragraphs ends
    number: OutlineNumber | None = None
    origin: str = ""  # 二、（一）1.: the outline numbers down to this item; 附件第3行 for a table row
    spans: tuple[Span, ...] = ()
    # What a task item gives the plan: recognised, or as corrected (see the *_corrected flags).
    name: str = ""
    content: str = ""
    lead: tuple[str, ...] = ()
    co: tuple[str, ...] = ()
    targets: tuple[Target, ...] = ()
    note: str = ""  # where the offices came from when not from the item itself
    offices_corrected: bool = False
    targets_corrected: bool = False
    row: AppendixRow | None = None

    @property
    def where(self) -> str:
        """The place as a clerk finds it: 第12段, 第3页第12段, 第74—79段."""
        first, last = self.place, self.last_place
        if last is None or last == first or first.paragraph is None or last.paragraph is None or first.table:
            return first.label()
        page = f"第{first.page}页" if first.page is not None else ""
        return f"{page}第{first.paragraph}—{last.paragraph}段"

    @property
    def level(self) -> int | None:
        """The outline level of the item's number (0 for 第一部分, 1 for 一、, …); None when it has none."""
        return self.number.style.rank if self.number is not None else None

    def spans_of(self, kind: SpanKind) -> list[Span]:
        return [span for span in self.spans if span.kind is kind]


_ITEM_FIELDS = frozenset(item_field.name for item_field in fields(NoticeItem))


def evolve(item: NoticeItem, **changes: Any) -> NoticeItem:
    """`dataclasses.replace(item, **changes)` at a fifth of its cost: recognition makes thousands of them.

    The copy's fields are set directly rather than through `__init__`, which gives the same item
    because every field of a `NoticeItem` is an `__init__` field kept as given (no `__post_init__`).
    """
    if not _ITEM_FIELDS.issuperset(changes):
        raise TypeError(f"NoticeItem has no field {', '.join(sorted(changes.keys() - _ITEM_FIELDS))}")
    copy = object.__new__(NoticeItem)
    copy.__dict__.update(item.__dict__)
    copy.__dict__.update(changes)
    return copy


@dataclass(frozen=True)
class RecognitionSettings:
    """What the user may choose before (or after) recognition."""

    # The headings holding the tasks, by their outline number ("二、") or words of the heading;
    # empty: every heading naming one of `section_words`.
    task_sections: tuple[str, ...] = ()
    section_words: tuple[str, ...] = TASK_SECTION_WORDS
    lead_rule: LeadRule = LeadRule.FIRST
    # Where the tasks come from when the notice has an appendix table: "auto" takes the table when its
    # rows carry yearly targets, or name the offices most items of the text leave out (a 任务分工表),
    # or the text has no tasks; else the numbered items of the text.
    tasks_from: TasksFrom = "auto"


@dataclass(frozen=True)
class NoticeIssue:
    """A warning about a notice, with its place (第12段, 表1 C5, or "" for the whole notice)."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}：{self.message}" if self.place else self.message

    def as_dict(self) -> dict[str, str]:
        return {"place": self.place, "message": self.message}


@dataclass(frozen=True)
class RecognisedNotice:
    file_name: str
    kind: str
    sha256: str
    items: tuple[NoticeItem, ...]
    settings: RecognitionSettings = field(default_factory=RecognitionSettings)
    details: NoticeDetails = field(default_factory=NoticeDetails)
    details_corrected: frozenset[str] = frozenset()  # the details the user typed: kept over recognition
    first_year: int = 0
    last_year: int = 0
    common_offices: tuple[str, ...] = ()  # offices every task has ("责任单位均包括…")
    appendix_title: str = ""
    warnings: tuple[NoticeIssue, ...] = ()  # the reader's and the recognition's

    @property
    def tasks(self) -> list[NoticeItem]:
        return [item for item in self.items if item.role is ItemRole.TASK]

    def with_role(self, role: ItemRole) -> list[int]:
        return [index for index, item in enumerate(self.items) if item.role is role]
