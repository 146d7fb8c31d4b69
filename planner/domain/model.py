"""Plain domain objects shared by storage, spreadsheets, reports and the GUI."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Role(str, Enum):
    LEAD = "lead"  # 牵头单位
    CO = "co"  # 配合单位
    REPORTING = "reporting"  # 填报单位 that is neither lead nor co-operating


class Status(str, Enum):
    """Status of a task in a period; the values are what users read everywhere."""

    DONE = "已完成"
    ON_TRACK = "序时推进"
    BEHIND = "滞后"
    NOT_REPORTED = "未填报"

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self]


# One palette for the screen, the workbooks and the PDFs.
STATUS_COLOURS: dict[Status, str] = {
    Status.DONE: "#2E7D32",
    Status.ON_TRACK: "#1565C0",
    Status.BEHIND: "#C62828",
    Status.NOT_REPORTED: "#9E9E9E",
}
# The same colours for text on white paper: the grey darkened so that a status word or count printed or
# photocopied in black and white stays as legible as the others (#9E9E9E is 2.7:1 against white, this 6:1).
STATUS_TEXT_COLOURS: dict[Status, str] = {**STATUS_COLOURS, Status.NOT_REPORTED: "#616161"}


class PlanState(str, Enum):
    DRAFT = "draft"  # 草稿
    ISSUED = "issued"  # 已下达


class NotStoredError(ValueError):
    """An object that was never stored was asked for its database id: a programming error."""


@dataclass
class Office:
    name: str
    id: int | None = None
    kind: str = "department"
    parent_id: int | None = None
    division_code: str | None = None


@dataclass
class Target:
    period: str  # a Period code: "2021" or "2021Q3"
    text: str
    office: str | None = None  # None: the plan-wide target
    comparator: str | None = None
    value: float | None = None
    unit: str | None = None
    kind: str = "text"
    deadline_year: int | None = None
    id: int | None = None
    until: str | None = None  # set on a target an adjustment replaced: the last period it was in force


@dataclass
class Section:
    title: str
    key: str = ""
    parent_key: str | None = None
    id: int | None = None
    parent_id: int | None = None
    position: int = 0

    @property
    def stored_id(self) -> int:
        """The id of a section read from or written to the database (one still in an import preview has none)."""
        if self.id is None:
            raise NotStoredError(f"section {self.title!r} has no id: it was never stored")
        return self.id


@dataclass
class Task:
    name: str
    seq: str = ""
    section_key: str | None = None
    content: str = ""
    indicator: str = ""
    baseline: str = ""
    deadline: str | None = None
    note: str = ""
    kind: str | None = None  # overrides the kind guessed from the target text
    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    # Targets replaced by adjustments, each with the last period it was in force.
    earlier_targets: list[Target] = field(default_factory=list)
    id: int | None = None
    section_id: int | None = None
    position: int = 0
    origin: str = ""  # where an imported notice states the task: 二、（一）1.

    @property
    def stored_id(self) -> int:
        """The id of a task read from or written to the database (one still in an import preview has none)."""
        if self.id is None:  # checked inline, without a helper's call: the engines ask it for every task
            raise NotStoredError(f"task {self.name!r} has no id: it was never stored")
        return self.id

    def targets_for(self, period: str, office: str | None = None) -> list[Target]:
        return [t for t in self.targets if t.period == period and t.office == office]

    def plan_target(self, period: str) -> Target | None:
        found = self.targets_for(period)
        return found[0] if found else None


@dataclass
class Plan:
    title: str
    first_year: int
    last_year: int
    key: str | None = None
    appendix_title: str = ""
    doc_no: str = ""
    issuer: str = ""
    issue_date: str | None = None
    state: PlanState = PlanState.DRAFT
    source: str = ""
    source_hash: str | None = None
    is_demo: bool = False
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    id: int | None = None

    @property
    def stored_id(self) -> int:
        """The id of a plan read from or written to the database (one still in an import preview has none)."""
        if self.id is None:
            raise NotStoredError(f"plan {self.title!r} has no id: it was never stored")
        return self.id

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))


@dataclass
class Report:
    task_id: int
    office: str
    period: str
    value: float | None = None
    status: Status | None = None  # chosen by the office for milestone or text targets
    narrative: str = ""  # 进展情况
    problems: str = ""  # 存在问题
    next_steps: str = ""  # 下步打算
    reporter: str = ""
    reported_at: str = ""
    source: str = "keyboard"
    source_hash: str | None = None
    revision: int = 1
    review: str = "submitted"
    review_note: str = ""
    is_demo: bool = False
    id: int | None = None
