"""Where everything sits on the visible sheet of a fill-in workbook (format version 1).

The writer and the reader share these positions: the reader rebuilds the text of
every locked cell from the spec and compares it with what the returned sheet
holds, and it finds the office's input in the input columns of each task row.
Rows and columns are 1-based here, as users read them.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.domain.model import Status
from planner.domain.periods import parse_period
from planner.exchange.fill_in_spec import FormRow, FormSpec

SHEET_TITLE = "填报表"
IDENTITY_SHEET = "_identity"

TITLE_ROW, PLAN_ROW, INFO_ROW, NOTE_ROW = 1, 2, 3, 4
HEADER_TOP, HEADER_BOTTOM = 5, 6
FIRST_ROW = 7

SEQ, NAME, INDICATOR, BASELINE, TARGET, ROLE, GUIDE = 1, 2, 3, 4, 5, 6, 7
VALUE, STATUS, LIGHT, NARRATIVE, PROBLEMS, NEXT_STEPS = 8, 9, 10, 11, 12, 13
LAST_COLUMN = NEXT_STEPS
REPORTER_LABEL, REPORTER = 11, 12  # K3 says 填报人, L3:M3 holds the name

# 124 units in all: one page wide at 90 % or more wherever it prints, so the 10 pt text is 9 pt or more on paper
# (planner.exchange.paper); 状态 and 状态灯 hold 序时推进 on one line.
COLUMN_WIDTHS = {SEQ: 5, NAME: 11, INDICATOR: 14, BASELINE: 6, TARGET: 10, ROLE: 5, GUIDE: 11,
                 VALUE: 8, STATUS: 9, LIGHT: 9, NARRATIVE: 16, PROBLEMS: 10, NEXT_STEPS: 10}
INPUT_COLUMNS = (VALUE, STATUS, NARRATIVE, PROBLEMS, NEXT_STEPS)
TEXT_COLUMNS = {NARRATIVE: "narrative", PROBLEMS: "problems", NEXT_STEPS: "next_steps"}
COLUMN_LABELS = {VALUE: "完成数值", STATUS: "状态", LIGHT: "状态灯", NARRATIVE: "进展情况", PROBLEMS: "存在问题",
                 NEXT_STEPS: "下步打算"}
STATUS_CHOICES = (Status.DONE.value, Status.ON_TRACK.value, Status.BEHIND.value)
REPORTER_LIMIT = 50

NOTE = ("填写说明：只在浅黄色单元格中填写。“完成数值”只填数字，不带单位；“状态”从下拉列表中选择；"
        "每格文字不超过4000字。“状态灯”随填写自动变化，仅供参考，以汇总单位核定为准。"
        "填好后保存，把本文件发回汇总单位；请勿改动表格的其他内容。")

SINGLE_HEADERS = {SEQ: "序号", NAME: "重点工作", INDICATOR: "具体指标", BASELINE: "现状", ROLE: "责任分工",
                  GUIDE: "填报说明"}
GROUP_HEADERS = ((VALUE, LIGHT, "本期完成情况"), (NARRATIVE, NEXT_STEPS, "工作进展"))


@dataclass(frozen=True)
class FormEntry:
    """What an office filled in on one task row."""

    task_id: int
    value: float | None = None
    status: Status | None = None
    narrative: str = ""
    problems: str = ""
    next_steps: str = ""

    @property
    def is_blank(self) -> bool:
        return self.value is None and self.status is None and not (self.narrative or self.problems or self.next_steps)


def title_text(spec: FormSpec) -> str:
    return f"{spec.appendix_title or spec.plan_title}\n{parse_period(spec.period).label}进展情况填报表"


def plan_text(spec: FormSpec) -> str:
    return f"计划：{spec.plan_title}" + (f"（{spec.doc_no}）" if spec.doc_no else "")


def target_header(spec: FormSpec) -> str:
    return f"{parse_period(spec.period).year}年目标"


def target_display(row: FormRow) -> str:
    """The target cell: the office's own share with the total beside it, or the plan-wide target."""
    if not row.target_text:
        return "（本年度无目标）"
    # A 其中 list naming every office's share would only repeat the sheet: the total is enough.
    total = row.plan_target_text.split("其中")[0].rstrip("。；;，,：: ")
    return row.target_text + (f"\n（总目标：{total}）" if total else "")


def heading_cells(spec: FormSpec) -> dict[tuple[int, int], str]:
    """The locked cells above the table: title, plan, office, period, note and the two header rows."""
    cells = {
        (TITLE_ROW, 1): title_text(spec),
        (PLAN_ROW, 1): plan_text(spec),
        (INFO_ROW, 1): f"填报单位：{spec.office}",
        (INFO_ROW, GUIDE): f"填报期间：{parse_period(spec.period).label}",
        (INFO_ROW, REPORTER_LABEL): "填报人：",
        (NOTE_ROW, 1): NOTE,
    }
    for column, header in SINGLE_HEADERS.items():
        cells[(HEADER_TOP, column)] = header
    cells[(HEADER_TOP, TARGET)] = target_header(spec)
    for first, _last, header in GROUP_HEADERS:
        cells[(HEADER_TOP, first)] = header
    for column in (VALUE, STATUS, LIGHT, NARRATIVE, PROBLEMS, NEXT_STEPS):
        cells[(HEADER_BOTTOM, column)] = COLUMN_LABELS[column]
    return cells


def row_cells(spec: FormSpec) -> dict[tuple[int, int], str]:
    """The locked cells of the table body: a section's title, or a task's description columns."""
    cells = {}
    for offset, row in enumerate(spec.rows):
        number = FIRST_ROW + offset
        if row.kind == "section":
            cells[(number, SEQ)] = row.name
            continue
        for column, value in ((SEQ, row.seq), (NAME, row.name), (INDICATOR, row.indicator), (BASELINE, row.baseline),
                              (TARGET, target_display(row)), (ROLE, row.role), (GUIDE, row.guide)):
            cells[(number, column)] = value
    return cells


def merged_ranges(spec: FormSpec) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column) of every merged range."""
    ranges = [(TITLE_ROW, 1, TITLE_ROW, LAST_COLUMN), (PLAN_ROW, 1, PLAN_ROW, LAST_COLUMN),
              (INFO_ROW, 1, INFO_ROW, ROLE), (INFO_ROW, GUIDE, INFO_ROW, LIGHT),
              (INFO_ROW, REPORTER, INFO_ROW, LAST_COLUMN), (NOTE_ROW, 1, NOTE_ROW, LAST_COLUMN)]
    ranges += [(HEADER_TOP, column, HEADER_BOTTOM, column) for column in (*SINGLE_HEADERS, TARGET)]
    ranges += [(HEADER_TOP, first, HEADER_TOP, last) for first, last, _header in GROUP_HEADERS]
    ranges += [(FIRST_ROW + offset, 1, FIRST_ROW + offset, LAST_COLUMN)
               for offset, row in enumerate(spec.rows) if row.kind == "section"]
    return ranges


def last_row(spec: FormSpec) -> int:
    return FIRST_ROW + len(spec.rows) - 1
