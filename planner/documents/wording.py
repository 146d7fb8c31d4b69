"""The sentences of the reports, generated from the figures (in Chinese: they are printed as the document's text).

They are written as a 督查 office writes: every figure with its unit, 推进率 (the
share of tasks done or on schedule) and 完成率 (the value reached against the
target) never confused, no superlative without a difference worth naming
(`highest_on_track`, `most_lagging`), offices that tie named together, and nothing
said on an office's behalf: what an office did not report is "未填报".
"""

from __future__ import annotations

import math
from datetime import date
from fractions import Fraction

from planner.domain.figure_units import unit_of
from planner.domain.figures import OUT_OF_RANGE
from planner.domain.model import Status, Target, Task
from planner.domain.percentages import completion_text, on_track_text
from planner.domain.periods import Period
from planner.domain.status import QUANTIFIED, Evaluation, OfficeSummary, PeriodStatus

DIGITS = "零一二三四五六七八九"


def chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五, 1010 → 一千零一十 (for heading numbers 一、 and （一）)."""
    if number < 10:
        return DIGITS[number]
    if number < 20:
        return "十" + (DIGITS[number % 10] if number % 10 else "")
    return _positional(number)


def _positional(number: int) -> str:
    """Written out in full, 一十 rather than 十 after a higher place (一百一十)."""
    for value, name in ((10 ** 8, "亿"), (10 ** 4, "万"), (1000, "千"), (100, "百"), (10, "十")):
        if number >= value:
            head, rest = divmod(number, value)
            text = (chinese_number(head) if value >= 10 ** 4 else DIGITS[head]) + name
            if not rest:
                return text
            gap = "零" if rest < value // 10 else ""
            return text + gap + (_positional(rest) if rest >= 10 else DIGITS[rest])
    return DIGITS[number]


def level1(number: int, text: str) -> str:
    return f"{chinese_number(number)}、{text}"


def level2(number: int, text: str) -> str:
    return f"（{chinese_number(number)}）{text}"


def on_track_percent(value: float | None) -> str:
    """推进率 or 序时进度, a whole percent: "13%"."""
    return "—" if value is None else on_track_text(value)


def completion_percent(value: float | None) -> str:
    """完成率, one decimal: "38.5%"."""
    return "—" if value is None else completion_text(value)


def number_text(value: float) -> str:
    """A figure as a report writes it: 53610, 18.5, never 5.361e+04."""
    if not math.isfinite(value):
        return OUT_OF_RANGE  # a sum of figures an older version let in
    if abs(value) >= 1e15:
        return format(value, "g")
    return str(int(value)) if float(value).is_integer() else f"{value:.4f}".rstrip("0").rstrip(".")


def document_date(day: date) -> str:
    """成文日期 in Arabic numerals, as GB/T 9704-2012 writes it: 2021年10月8日."""
    return f"{day.year}年{day.month}月{day.day}日"


def counts_phrase(counts: dict[Status, int]) -> str:
    """已完成3项、序时推进4项、滞后1项: the statuses some tasks have, in that order (未填报 last); none says 0项."""
    order = (Status.DONE, Status.ON_TRACK, Status.BEHIND, Status.NOT_REPORTED)
    return "、".join(f"{status.value}{counts[status]}项" for status in order if counts[status])


def as_of(period: Period) -> str:
    """The end of `period` as a report's 截至 names it: 2021年第三季度, or 2020年底 for a whole year."""
    return period.label if period.quarter is not None else f"{period.year}年底"


def overall_sentence(status: PeriodStatus, scope: str = "") -> str:
    """截至2021年第三季度，8项重点工作中已完成3项、序时推进4项、滞后1项。已完成和序时推进的共7项，推进率为88%。"""
    counts = status.counts
    total = sum(counts.values())
    if not total:
        return f"截至{as_of(status.period)}，{scope}没有列入统计的重点工作。"
    sentence = f"截至{as_of(status.period)}，{scope}{total}项重点工作中{counts_phrase(counts)}。"
    good = counts[Status.DONE] + counts[Status.ON_TRACK]
    return sentence + f"已完成和序时推进的共{good}项，推进率为{on_track_percent(good / total)}。"


# A 推进率 is named the highest only when it leads the next office by at least this much (ten percentage points):
# with a few tasks an office, a smaller lead is one task's difference and says nothing about the office.
MEANINGFUL_LEAD = Fraction(1, 10)


def _rate(office: OfficeSummary) -> Fraction:
    return Fraction(office.counts[Status.DONE] + office.counts[Status.ON_TRACK], office.assigned)


def _few_enough(leaders: list[OfficeSummary], compared: list[OfficeSummary]) -> bool:
    """A superlative names a minority: at most half of the offices compared, never all of them."""
    return len(leaders) < len(compared) and len(leaders) * 2 <= len(compared)


def highest_on_track(offices: list[OfficeSummary]) -> tuple[list[OfficeSummary], Fraction] | None:
    """The offices with the highest 推进率, when that says something: two or more offices compared, the rate
    above 0, at least MEANINGFUL_LEAD ahead of every other office, shared by at most half of them."""
    compared = [o for o in offices if o.assigned]
    if len(compared) < 2:
        return None
    top = max(_rate(o) for o in compared)
    leaders = [o for o in compared if _rate(o) == top]
    others = [_rate(o) for o in compared if _rate(o) != top]
    if top == 0 or not others or top - max(others) < MEANINGFUL_LEAD or not _few_enough(leaders, compared):
        return None
    return leaders, top


def most_lagging(offices: list[OfficeSummary]) -> tuple[list[OfficeSummary], int] | None:
    """The offices with the most lagging tasks, when that says something: two or more offices compared, at
    least one lagging task, and no more than half of the offices at that count."""
    compared = [o for o in offices if o.assigned]
    if len(compared) < 2:
        return None
    top = max(o.counts[Status.BEHIND] for o in compared)
    leaders = [o for o in compared if o.counts[Status.BEHIND] == top]
    if top == 0 or not _few_enough(leaders, compared):
        return None
    return leaders, top


def _names(offices: list[OfficeSummary]) -> str:
    return "、".join(o.office for o in offices)


def offices_sentence(offices: list[OfficeSummary], rule: str = "") -> str:
    """Who has reported, by the rule stated (`planner.domain.period_status.chase_rule`), then the offices
    that stand out, if any do."""
    if not offices:
        return ""
    complete = [o for o in offices if o.assigned and o.reported == o.assigned]
    missing = [o for o in offices if o.reported < o.assigned]
    counted = f"按{rule}统计，" if rule else ""
    if not missing:
        sentence = f"{counted}{len(offices)}个责任单位本期均已全部填报。"
    elif not complete:
        sentence = f"{counted}{len(offices)}个责任单位本期均有任务未填报。"
    else:
        sentence = (f"{counted}{len(offices)}个责任单位中，{len(complete)}个单位本期已全部填报，"
                    f"{len(missing)}个单位尚有任务未填报。")
    remarks = []
    highest = highest_on_track(offices)
    if highest is not None:
        leaders, rate = highest
        each = "均为" if len(leaders) > 1 else ""
        remarks.append(f"推进率最高的是{_names(leaders)}（{each}{on_track_percent(float(rate))}）")
    lagging = most_lagging(offices)
    if lagging is not None:
        leaders, count = lagging
        each = "各" if len(leaders) > 1 else ""
        remarks.append(f"滞后任务最多的是{_names(leaders)}（{each}{count}项）")
    return sentence + ("，".join(remarks) + "。" if remarks else "")


def lagging_sentence(lagging: list[Evaluation]) -> str:
    if not lagging:
        return "本期没有滞后任务。"
    return f"本期滞后任务{len(lagging)}项，具体情况和存在问题如下。"


def not_reported_sentence(missing: list[tuple[str, list[int]]], rule: str = "", tasks_missing: int = 0) -> str:
    """Section 四: the rule the count follows, and the offices still owing returns, with how many each.

    `tasks_missing` is the number of tasks whose lead office has not reported (the 未填报 of 图1): when it is
    0 while other offices still owe returns, the report says so, lest the two figures seem to disagree."""
    counted = f"本期填报情况按{rule}统计。" if rule else ""
    if not missing:
        return f"{counted}各责任单位本期均已填报。"
    listed = "、".join(f"{office}（{len(task_ids)}项）" for office, task_ids in missing)
    sentence = f"{counted}截至报告时，以下单位尚有任务本期未填报：{listed}。"
    if not tasks_missing:
        sentence += "各项重点工作的牵头单位均已填报，上述为其他责任单位尚未报送的情况。"
    return sentence + "请相关单位抓紧报送。"


def office_overall_sentence(office: str, status: PeriodStatus, lead: int, co: int) -> str:
    summary = next((o for o in status.offices if o.office == office), None)
    counts = summary.counts if summary else {s: 0 for s in Status}
    total = sum(counts.values())
    roles = f"（牵头{lead}项、配合{co}项）" if co else ""
    if not total:
        return f"截至{as_of(status.period)}，{office}没有负责的重点工作。"
    return (f"截至{as_of(status.period)}，{office}负责的{total}项重点工作{roles}中{counts_phrase(counts)}，"
            f"推进率为{on_track_percent(summary.on_track_rate if summary else None)}。")


# Telling items apart: a 主要任务 shared by several items is followed by the item's own 具体指标 or 重点内容.

DETAIL_CHARS = 30  # how much of the 具体指标 or 重点内容 tells an item apart


def _first_clause(text: str) -> str:
    """The first sentence, cut at a comma (or, failing one, after DETAIL_CHARS characters) when it is long."""
    text = " ".join(text.split()).strip()
    for stop in "。；;":
        text = text.split(stop, 1)[0]
    text = text.rstrip("，,、：: ")
    if len(text) <= DETAIL_CHARS:
        return text
    comma = max(text.rfind("，", 0, DETAIL_CHARS), text.rfind(",", 0, DETAIL_CHARS))
    return text[:comma] if comma >= DETAIL_CHARS // 3 else text[:DETAIL_CHARS] + "…"


class ItemNames:
    """How each item of a report is named: its 主要任务 and 序号, and where the 主要任务 repeats among `tasks`,
    the first clause of whichever of its 具体指标 and 重点内容 tells it apart from the items sharing the name."""

    def __init__(self, tasks: list[Task]):
        groups: dict[str, list[Task]] = {}
        for task in tasks:
            groups.setdefault(task.name, []).append(task)
        self._details: dict[int, str] = {}
        for group in groups.values():
            if len(group) < 2:
                continue
            for field in ("indicator", "content"):
                clauses = [_first_clause(getattr(task, field)) for task in group]
                if all(clauses) and len(set(clauses)) == len(clauses):
                    break
            else:
                # No field tells every one apart: each item takes its 具体指标 where it has one, else 重点内容.
                clauses = [_first_clause(task.indicator) or _first_clause(task.content) for task in group]
            for task, clause in zip(group, clauses):
                if clause and clause != task.name.strip().rstrip("。"):
                    self._details[task.stored_id] = clause

    def detail(self, task: Task) -> str:
        """What tells the item apart in a table cell of its 主要任务: "" where the name is its own."""
        return self._details.get(task.stored_id, "")

    def label(self, task: Task) -> str:
        """The heading of an item: "创新和发展养老文化——营造健康的社会为老服务氛围（序号30）"."""
        name = task.name.strip().rstrip("。")
        detail = self.detail(task)
        if detail:
            name = f"{name}——{detail}"
        return f"{name}（序号{task.seq.strip()}）" if task.seq.strip() else name


# The figures of one task or one office's part of it, in a report's words.

def target_phrase(task: Task, target: Target | None) -> str:
    """A target as the plan writes it, with the unit added where the cell holds a bare figure ("20" → "20个")."""
    if target is None:
        return ""
    text = target.text.strip()
    unit = unit_of(target, task.indicator)
    bare = target.value is not None and not target.unit and text.replace(".", "", 1).isdigit()
    return f"{text}{unit}" if bare and unit else text


def figures_phrase(task: Task, evaluation: Evaluation | None) -> str:
    """年度目标20个，截至本期累计完成7个，完成率35.0%，序时进度50%。 Units always (`unit_of`); a status
    the office chose is said to be its own; a missing return is 未填报."""
    if evaluation is None or evaluation.status is Status.NOT_REPORTED:
        return "本期未填报。"
    target, status = evaluation.target, evaluation.status.value
    progress, completion = evaluation.progress, evaluation.completion
    if target is None or target.kind not in QUANTIFIED or target.value is None:
        basis = "本年度未列目标" if target is None else f"年度目标为“{target.text.strip().rstrip('。')}”"
        judged = f"填报单位自评为“{status}”" if evaluation.chosen else f"未选择状态，按“{status}”计"
        return f"{basis}，{judged}。"
    unit = unit_of(target, task.indicator)
    goal = f"{number_text(target.value)}{unit}"
    if progress is None:
        judged = f"填报单位自评为“{status}”" if evaluation.chosen else f"按“{status}”计"
        return f"年度目标{goal}，本期未填完成数值，{judged}。"
    reached = f"{number_text(progress)}{unit}"
    if target.comparator == "<=":
        verdict = "未超过" if evaluation.status is Status.DONE else "已超过"
        return f"目标为不超过{goal}，本期为{reached}，{verdict}上限。"
    if completion is None:
        return f"年度目标{goal}，本期已填报{reached}，视为完成。"
    shared = evaluation.office is None and target.office is None and any(
        t.office and t.period == target.period for t in task.targets)
    how = {"increment": "累计完成", "cumulative": "达到", "ratio": "为"}[target.kind]
    if shared:
        how = "各单位合计完成" if target.kind == "increment" else "各单位合计达到"
    return (f"年度目标{goal}，截至本期{how}{reached}，完成率{completion_percent(completion)}，"
            f"序时进度{on_track_percent(evaluation.expected)}。")
