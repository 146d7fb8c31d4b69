"""One office's report for a period: its tasks, its figures and what it wrote, with its table as 附件."""

from __future__ import annotations

from datetime import date

from planner.documents.data import ReportData
from planner.documents.document import Story
from planner.documents.page_geometry import PORTRAIT
from planner.documents.quarterly import reference
from planner.documents.tables import completion_text, office_task_table, year_target_text
from planner.documents.wording import (
    ItemNames,
    level1,
    level2,
    office_overall_sentence,
    target_phrase,
)
from planner.domain.model import Status, Task
from planner.store.report_texts import ReportTexts

NO_TEXT = ReportTexts("", "", "")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith(("。", "！", "？", "；")) else text + "。"


def _progress_text(data: ReportData, task: Task) -> str:
    office, year = data.known_office, data.known_period.year
    evaluation = data.office_evaluations().get((task.stored_id, office))
    texts = data.texts.get((task.stored_id, office), NO_TEXT)
    parts = [_sentence(completion_text(task, evaluation)), _sentence(texts.narrative)]
    if evaluation is None or evaluation.status is Status.NOT_REPORTED:
        # The figures' sentence states the target whenever there are figures; without a return, say it here.
        target = target_phrase(task, evaluation.target) if evaluation and evaluation.target \
            else year_target_text(task, year)
        parts.insert(0, f"{year}年目标：{_sentence(target) or '未列明。'}")
    return "".join(parts)


def office_story(data: ReportData, story: Story) -> tuple[str, str]:
    office, period, request = data.known_office, data.known_period, data.request
    tasks = data.listed_tasks()
    title = f"{office}关于{period.label}重点工作推进情况的报告"
    if request.letterhead:
        story.letterhead(request.letterhead, request.doc_no, request.signer)
    story.title(title)
    story.blank()
    if request.recipient:
        story.recipient(request.recipient)
    story.paragraph(f"按照{reference(data)}要求，现将{office}{period.label}重点工作推进情况报告如下。")

    all_tasks = data.plan.tasks
    lead = sum(1 for task in all_tasks if office in task.lead)
    story.heading1(level1(1, "总体情况"))
    story.paragraph(office_overall_sentence(office, data.known_status, lead, len(all_tasks) - lead))

    story.heading1(level1(2, "重点工作推进情况"))
    names = ItemNames(all_tasks)
    if not tasks:
        story.paragraph("没有符合筛选条件的任务。")
    for number, task in enumerate(tasks, 1):
        story.lead_in(level2(number, f"{names.label(task)}。"), _progress_text(data, task))

    reported = any(e.status is not Status.NOT_REPORTED for e in data.office_evaluations().values()
                   if e.office == office)
    # Nothing is written in the office's name that it did not write itself.
    for heading, field, label in ((level1(3, "存在问题"), "problems", "存在问题"),
                                  (level1(4, "下步打算"), "next_steps", "下步打算")):
        story.heading1(heading)
        written = [(task, getattr(data.texts.get((task.stored_id, office), NO_TEXT), field)) for task in tasks]
        written = [(task, text) for task, text in written if text]
        if not written:
            story.paragraph(f"本期填报中未填写{label}。" if reported else "本期未填报。")
        for number, (task, text) in enumerate(written, 1):
            story.lead_in(level2(number, f"{names.label(task)}。"), _sentence(text))

    attached = f"{office}{period.label}重点工作推进情况表{data.status_note}"
    story.closing([attached], request.issuer or office, request.issued_on or date.today())
    story.attachment("附件", attached)
    story.table(*office_task_table(data))
    return title, PORTRAIT
