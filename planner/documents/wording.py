"""The sentences of the reports, generated from the figures (in Chinese: they are printed as the document's text)."""

from __future__ import annotations

from datetime import date

from planner.domain.figures import percent_text
from planner.domain.model import Status
from planner.domain.status import Evaluation, OfficeSummary, PeriodStatus

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


def percent(value: float | None) -> str:
    return "—" if value is None else percent_text(value)


def document_date(day: date) -> str:
    """成文日期 in Arabic numerals, as GB/T 9704-2012 writes it: 2021年10月8日."""
    return f"{day.year}年{day.month}月{day.day}日"


def counts_phrase(counts: dict[Status, int]) -> str:
    """已完成3项、序时推进4项、滞后1项 (未填报 only when some are missing)."""
    parts = [f"{status.value}{counts[status]}项" for status in (Status.DONE, Status.ON_TRACK, Status.BEHIND)]
    if counts[Status.NOT_REPORTED]:
        parts.append(f"{Status.NOT_REPORTED.value}{counts[Status.NOT_REPORTED]}项")
    return "、".join(parts)


def overall_sentence(status: PeriodStatus, scope: str = "") -> str:
    """截至2021年第三季度，8项重点工作中已完成3项、序时推进4项、滞后1项。"""
    counts = status.counts
    total = sum(counts.values())
    if not total:
        return f"截至{status.period.label}，{scope}没有列入统计的重点工作。"
    sentence = f"截至{status.period.label}，{scope}{total}项重点工作中{counts_phrase(counts)}。"
    good = counts[Status.DONE] + counts[Status.ON_TRACK]
    return sentence + f"已完成和序时推进的{good}项，占{percent(good / total)}。"


def offices_sentence(offices: list[OfficeSummary]) -> str:
    if not offices:
        return ""
    complete = [o for o in offices if o.assigned and o.reported == o.assigned]
    missing = [o for o in offices if o.reported < o.assigned]
    sentence = f"{len(offices)}个责任单位中，{len(complete)}个单位本期已全部填报"
    sentence += f"，{len(missing)}个单位尚有任务未填报。" if missing else "。"
    ranked = sorted((o for o in offices if o.assigned), key=lambda o: (-o.completion, -o.assigned, o.office))
    if ranked:
        best = ranked[0]
        sentence += f"完成和序时推进比例最高的是{best.office}（{percent(best.completion)}）"
        behind = max(offices, key=lambda o: (o.counts[Status.BEHIND], -o.completion))
        if behind.counts[Status.BEHIND]:
            sentence += f"，滞后任务最多的是{behind.office}（{behind.counts[Status.BEHIND]}项）"
        sentence += "。"
    return sentence


def lagging_sentence(lagging: list[Evaluation]) -> str:
    if not lagging:
        return "本期没有滞后任务。"
    return f"本期滞后任务{len(lagging)}项，具体情况和存在问题如下。"


def not_reported_sentence(missing: list[tuple[str, list[int]]]) -> str:
    if not missing:
        return "本期各责任单位均已按时填报。"
    listed = "、".join(f"{office}（{len(task_ids)}项）" for office, task_ids in missing)
    return f"截至报告时，以下单位尚有任务本期未填报：{listed}。请相关单位抓紧报送。"


def office_overall_sentence(office: str, status: PeriodStatus, lead: int, co: int) -> str:
    summary = next((o for o in status.offices if o.office == office), None)
    counts = summary.counts if summary else {s: 0 for s in Status}
    total = sum(counts.values())
    roles = f"（牵头{lead}项、配合{co}项）" if co else ""
    if not total:
        return f"截至{status.period.label}，{office}没有负责的重点工作。"
    return (f"截至{status.period.label}，{office}负责的{total}项重点工作{roles}中{counts_phrase(counts)}，"
            f"完成和序时推进的占{percent(summary.completion if summary else None)}。")
