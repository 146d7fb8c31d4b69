"""One office's report for a period: its tasks, its figures and what it wrote, with its table as 附件."""

from __future__ import annotations

from datetime import date

from planner.documents.data import ReportData
from planner.documents.document import Story
from planner.documents.page_geometry import PORTRAIT
from planner.documents.quarterly import reference
from planner.documents.tables import completion_text, office_task_table, year_target_text
from planner.documents.wording import level1, level2, office_overall_sentence
from planner.domain.model import Task
from planner.store.report_texts import ReportTexts

NO_TEXT = ReportTexts("", "", "")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith(("。", "！", "？", "；")) else text + "。"


def _progress_text(data: ReportData, task: Task) -> str:
    office, year = data.known_office, data.known_period.year
    evaluation = data.office_evaluations().get((task.stored_id, office))
    target = evaluation.target.text if evaluation and evaluation.target else year_target_text(task, year)
    texts = data.texts.get((task.stored_id, office), NO_TEXT)
    parts = [f"{year}年目标：{_sentence(target) or '未列明。'}",
             _sentence(completion_text(evaluation)), _sentence(texts.narrative)]
    return "".join(parts)


def office_story(data: ReportData, story: Story) -> tuple[str, str]:
    office, period, request = data.known_office, data.known_period, data.request
    tasks = data.listed_tasks()
    title = f"{office}关于{period.label}重点工作推进情况的报告"
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
    if not tasks:
        story.paragraph("没有符合筛选条件的任务。")
    for number, task in enumerate(tasks, 1):
        story.lead_in(level2(number, f"{task.name.rstrip('。')}。"), _progress_text(data, task))

    for heading, field, empty in ((level1(3, "存在问题"), "problems", "本期没有需要报告的问题。"),
                                  (level1(4, "下步打算"), "next_steps", "按计划继续推进各项工作。")):
        story.heading1(heading)
        written = [(task, getattr(data.texts.get((task.stored_id, office), NO_TEXT), field)) for task in tasks]
        written = [(task, text) for task, text in written if text]
        if not written:
            story.paragraph(empty)
        for number, (task, text) in enumerate(written, 1):
            story.lead_in(level2(number, f"{task.name.rstrip('。')}。"), _sentence(text))

    attached = f"{office}{period.label}重点工作推进情况表{data.status_note}"
    story.closing([attached], request.issuer or office, request.issued_on or date.today())
    story.attachment("附件", attached)
    story.table(*office_task_table(data))
    return title, PORTRAIT
