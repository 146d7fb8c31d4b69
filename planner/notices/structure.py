"""Which paragraphs are headings, tasks and their content: the outline of the section that holds the tasks.

The tasks sit under a heading such as 二、主要任务 (any heading naming one of the
`RecognitionSettings.section_words`, or the headings the user picked). Inside it the
numbered items of the finest of the levels 一、 （一） 1. are the tasks; coarser ones
(（一）强化居家养老服务责任。) group them, finer ones ((1), ①) and the paragraphs that
follow a task belong to it. A heading naming the task words but holding no numbered
item (一、总体要求 / （二）主要任务 followed by —— paragraphs) is passed over.

When no heading names the tasks, the top-level sections that are not the usual frame
of a notice (总体要求, 工作目标, 保障措施, …) and hold numbered items are taken, and the
preview says so; such a section holding only items finer than 1. ((1), ①) is itself a
task, as 一、 （一） 1. are the levels tasks are numbered at; failing that, a notice that
is a bare numbered list is its own task list.
The list of attachments under 附件： (1．…分工表 2．…细则) is no part of the outline, and the
附件 line ends the task before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from planner.notices.details import is_date_line, is_issuer_line
from planner.notices.items import ItemRole, NoticeIssue, NoticeItem, RecognitionSettings, evolve
from planner.notices.outline import OutlineWalk, Style, read_number
from planner.notices.responsibility import office_clauses

# Headings of the parts of a notice that frame the tasks rather than list them.
FRAME_WORDS: tuple[str, ...] = (
    "总体要求", "指导思想", "基本原则", "工作原则", "工作目标", "发展目标", "主要目标", "总体目标", "目标任务",
    "组织保障", "保障措施", "组织实施", "工作要求", "工作机制", "组织领导", "实施步骤", "工作步骤", "进度安排",
    "附则", "其他", "有关要求", "总则",
)
MAX_HEADING_CHARS = 40
_FINEST_TASK_RANK = Style.ARABIC.rank
_BULLETS = ("——", "—", "-", "·", "•", "●", "◆", "■", "*")
_PROSE_CHARS = 15
# The line naming a notice's attachments: 附件：1．…任务分工表, 附件2, 附表：
_ATTACHMENT_LINE_RE = re.compile(r"^附\s*[件表]\s*[0-9一二三四五六七八九十]*\s*(?:[:：]|$)")
_MAX_ATTACHMENT_NAME_CHARS = 80
_SENTENCE_MARKS_RE = re.compile(r"[。；;]")


def _heading_text(item: NoticeItem) -> str:
    text = item.text[len(item.number.written):] if item.number else item.text
    return text.strip().rstrip("。.:：")


def _level(item: NoticeItem) -> int:
    return -1 if item.level is None else item.level


def _section_end(items: Sequence[NoticeItem], start: int, end: int) -> int:
    rank = _level(items[start])
    for index in range(start + 1, end):
        level = items[index].level
        if level is not None and level <= rank:
            return index
    return end


def _picked(item: NoticeItem, origin: str, settings: RecognitionSettings) -> bool:
    heading = _heading_text(item)
    if settings.task_sections:
        return any(choice == origin or (len(choice) >= 2 and choice in heading)
                   for choice in (c.strip() for c in settings.task_sections) if choice)
    return len(heading) <= MAX_HEADING_CHARS and any(word in heading for word in settings.section_words)


def _has_items_below(items: Sequence[NoticeItem], start: int, end: int) -> bool:
    return any(item.number is not None for item in items[start + 1: end])


def _reads_as_item(item: NoticeItem) -> bool:
    """A numbered paragraph that says something (a sentence), not a heading that only names a part."""
    heading = _heading_text(item)
    return len(heading) > MAX_HEADING_CHARS or any(mark in heading for mark in "。，,；;")


def find_task_sections(items: Sequence[NoticeItem], origins: list[str], settings: RecognitionSettings,
                       end: int) -> tuple[list[tuple[int, int]], str]:
    """(start, end) of each section holding tasks, and how they were chosen: "" by their headings, "frame" or
    "list" by the fallbacks, "empty" when the headings found hold no numbered item."""
    chosen: list[tuple[int, int]] = []
    empty: list[tuple[int, int]] = []
    for index in range(end):
        item = items[index]
        if item.number is None or any(start <= index < stop for start, stop in chosen):
            continue
        if _picked(item, origins[index], settings):
            stop = _section_end(items, index, end)
            (chosen if _has_items_below(items, index, stop) else empty).append((index, stop))
    if chosen:
        return chosen, ""
    if not settings.task_sections:
        numbered = [index for index in range(end) if items[index].number is not None]
        top = min((_level(items[index]) for index in numbered), default=-1)
        for index in numbered:
            stop = _section_end(items, index, end)
            heading = _heading_text(items[index])
            if items[index].level == top and _has_items_below(items, index, stop) \
                    and not any(word in heading for word in FRAME_WORDS):
                chosen.append((index, stop))
        if chosen:
            return chosen, "frame"
        if not empty and any(_reads_as_item(items[index]) for index in numbered if items[index].level == top):
            return [(-1, end)], "list"
    return empty, "empty"


def _task_rank(items: Sequence[NoticeItem], start: int, stop: int) -> int | None:
    heading_rank = _level(items[start]) if start >= 0 else -1
    ranks = {_level(item) for item in items[start + 1: stop] if item.level is not None and item.level > heading_rank}
    if not ranks:
        return None
    primary = [rank for rank in ranks if rank <= _FINEST_TASK_RANK]
    return max(primary) if primary else min(ranks)


def _continues_task(item: NoticeItem) -> bool:
    """An unnumbered paragraph after a task that is more of it: prose, a bullet, or its offices."""
    text = item.text
    if is_date_line(text) or is_issuer_line(text) or _ATTACHMENT_LINE_RE.match(text):
        return False
    return (len(text) >= _PROSE_CHARS or text.endswith(("。", "；", ";")) or text.startswith(_BULLETS)
            or bool(office_clauses(text)))


def _attachment_names(items: list[NoticeItem], end: int) -> None:
    """The list of attachments under 附件：(1．…表 2．…细则) is no part of the outline: its numbers are taken off."""
    for index in range(end):
        text = items[index].text
        match = _ATTACHMENT_LINE_RE.match(text) if text.startswith("附") else None
        if match is None:
            continue
        rest = text[match.end():].strip()
        first = read_number(rest) if rest else None
        if rest and (first is None or first.style is not Style.ARABIC):
            continue  # one attachment named on the line itself
        expected = first.value + 1 if first is not None else 1
        following = index + 1
        while following < end and _names_attachment(items[following], expected):
            items[following] = evolve(items[following], number=None)
            expected += 1
            following += 1


def _names_attachment(item: NoticeItem, expected: int) -> bool:
    number = item.number
    return (number is not None and number.style is Style.ARABIC and number.value == expected
            and item.role is ItemRole.OTHER and item.row is None and len(item.text) <= _MAX_ATTACHMENT_NAME_CHARS
            and _SENTENCE_MARKS_RE.search(item.text) is None)


def assign_roles(items: list[NoticeItem], settings: RecognitionSettings, end: int) -> list[NoticeIssue]:
    """Give the items before `end` (the body, without the appendix) their section, task and content roles.

    Items whose role is already set (title, 文号, date…) keep it. Returns what the preview should say.
    """
    _attachment_names(items, end)
    walk = OutlineWalk()
    origins = []
    for item in items[:end]:
        origins.append(walk.origin(item.number) if item.number is not None else "")
    sections, how = find_task_sections(items, origins, settings, end)
    headed = 0
    for start, stop in sections:
        rank = _task_rank(items, start, stop)
        if how == "frame" and rank is not None and rank > _FINEST_TASK_RANK:
            _heading_is_task(items, start, stop)
            headed += 1
            continue
        if start >= 0 and items[start].role is ItemRole.OTHER:
            items[start] = evolve(items[start], role=ItemRole.SECTION)
        in_task = False
        for index in range(start + 1, stop):
            item = items[index]
            if item.role is not ItemRole.OTHER:
                in_task = False
                continue
            level = item.level
            if level is not None and rank is not None and level <= rank and how != "empty":
                in_task = level == rank
                items[index] = evolve(item, role=ItemRole.TASK if in_task else ItemRole.SECTION)
            elif in_task and (level is not None or _continues_task(item)):
                items[index] = evolve(item, role=ItemRole.CONTENT)
            else:
                in_task = False
    return _section_notes(items, sections, "headed" if sections and headed == len(sections) else how)


def _heading_is_task(items: list[NoticeItem], start: int, stop: int) -> None:
    """A part of the notice found without a 主要任务 heading whose items are only (1) or ①: the part is one task
    (一、健全社会救助体系 / （1）… （2）… / 责任单位：…), its items and the paragraphs after them its content."""
    if items[start].role is ItemRole.OTHER:
        items[start] = evolve(items[start], role=ItemRole.TASK)
    for index in range(start + 1, stop):
        item = items[index]
        if item.role is not ItemRole.OTHER or not (item.level is not None or _continues_task(item)):
            return
        items[index] = evolve(item, role=ItemRole.CONTENT)


def _section_notes(items: list[NoticeItem], sections: list[tuple[int, int]], how: str) -> list[NoticeIssue]:
    if how == "headed":
        headings = "、".join(f"“{_heading_text(items[start])}”" for start, _ in sections[:5])
        return [NoticeIssue("", f"没有找到“主要任务”“重点工作”等标题，已把{headings}等编号条目作为任务（其下的"
                                "（1）①等条目作为任务内容），请核对；也可以指定任务所在的部分。")]
    if how == "frame":
        headings = "、".join(f"“{_heading_text(items[start])}”" for start, _ in sections[:5])
        return [NoticeIssue("", f"没有找到“主要任务”“重点工作”等标题，已把{headings}下面的编号条目作为任务，请核对；"
                                "也可以指定任务所在的部分。")]
    if how == "list":
        return [NoticeIssue("", "没有找到“主要任务”“重点工作”等标题，已把所有编号条目作为任务，请核对；"
                                "也可以指定任务所在的部分。")]
    return []
