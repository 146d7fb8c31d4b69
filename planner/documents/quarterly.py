"""The quarterly progress report: a document the coordinating office can send upward.

Title, a summary generated from the figures, the status counts and each office's
推进率 (a table and a chart), the lagging tasks with what each office gave as its
problems (存在问题) and the lead's next steps (下步打算), the offices still to report
under the rule the report states, and the full progress table as 附件.
"""

from __future__ import annotations

from datetime import date

from planner.documents.chart import status_tiles
from planner.documents.data import ReportData
from planner.documents.document import Story
from planner.documents.page_geometry import BLOCK_WIDTH, PORTRAIT
from planner.documents.tables import lagging_table, office_table, progress_table, responsible
from planner.documents.wording import (
    ItemNames,
    figures_phrase,
    lagging_sentence,
    level1,
    level2,
    not_reported_sentence,
    offices_sentence,
    overall_sentence,
)
from planner.domain.model import Status, Task
from planner.domain.period_status import chase_rule, has_shares
from planner.domain.status import Evaluation

LAGGING_AS_TEXT = 10  # up to this many lagging tasks are written out as paragraphs, more as a table
RATES_NOTE = "注：推进率为已完成和序时推进的任务占该单位负责任务的比例；完成率为完成数值占年度目标的比例。"


def scope_phrase(data: ReportData) -> str:
    """"市民政局负责的" / "“一、…”部分" — what part of the plan the figures cover."""
    parts = []
    if data.section is not None:
        parts.append(f"“{data.section.title}”部分")
    if data.office is not None:
        parts.append(f"{data.office}负责的")
    return "".join(parts)


def reference(data: ReportData) -> str:
    plan = data.full_plan
    return f"《{plan.title}》" + (f"（{plan.doc_no}）" if plan.doc_no else "")


def attachment_title(data: ReportData) -> str:
    plan = data.full_plan
    return f"{plan.appendix_title or plan.title}{data.known_period.label}推进情况表{data.status_note}"


def counting_rule(data: ReportData) -> str:
    """Whose returns the report counts and chases, in its own words (the setting 只统计牵头单位)."""
    return chase_rule(data.request.lead_only, has_shares(data.plan, data.known_period.year))


def _lagging_text(data: ReportData, task: Task, evaluation: Evaluation) -> str:
    """Lead office, figures, each office's 存在问题 and the lead's 下步打算; what nobody wrote is 未填报."""
    sentences = [f"牵头单位：{'、'.join(task.lead) or '未明确'}。{figures_phrase(task, evaluation)}"]
    problems = [(office, texts.problems) for office in responsible(task, data)
                if (texts := data.texts.get((task.stored_id, office))) and texts.problems]
    for office, text in problems:
        sentences.append(f"{office}反映：{text.rstrip('。')}。")
    if not problems:
        sentences.append("存在问题：未填报。")
    lead_texts = [data.texts.get((task.stored_id, office)) for office in task.lead]
    steps = [t.next_steps.rstrip("。") for t in lead_texts if t and t.next_steps]
    sentences.append(f"下步打算：{'；'.join(steps)}。" if steps else "下步打算：未填报。")
    return "".join(sentences)


def quarterly_story(data: ReportData, story: Story) -> tuple[str, str]:
    """Fill `story`; returns the document's title and its first page's orientation."""
    status, period = data.known_status, data.known_period
    request = data.request
    title = f"关于《{data.full_plan.title}》{period.label}推进情况的报告"
    if request.letterhead:
        story.letterhead(request.letterhead, request.doc_no, request.signer)
    story.title(title)
    story.blank()
    if request.recipient:
        story.recipient(request.recipient)
    who = request.issuer or "我们"
    story.paragraph(f"按照{reference(data)}要求，{who}对{period.label}{scope_phrase(data)}重点工作推进情况进行了汇总。"
                    "现将有关情况报告如下。")

    story.heading1(level1(1, "总体进展情况"))
    story.paragraph(overall_sentence(status, scope_phrase(data)))
    story.figure([status_tiles(story.measurer, status.counts, BLOCK_WIDTH)], "图1　重点工作状态统计")

    rule = counting_rule(data)
    story.heading1(level1(2, "各单位推进情况"))
    if status.offices:
        story.paragraph(offices_sentence(status.offices, rule))
        story.table(*office_table(status.offices), caption="表1　各责任单位推进情况")
        story.paragraph(RATES_NOTE)
        story.office_chart(status.offices, "图2　各单位推进率")
    else:
        story.paragraph("本期没有需要统计的责任单位。")

    story.heading1(level1(3, "滞后任务及存在问题"))
    lagging = status.lagging
    story.paragraph(lagging_sentence(lagging))
    tasks = {task.id: task for task in data.plan.tasks}
    names = ItemNames(data.plan.tasks)
    if len(lagging) <= LAGGING_AS_TEXT:
        for number, evaluation in enumerate(lagging, 1):
            task = tasks[evaluation.task_id]
            story.lead_in(level2(number, f"{names.label(task)}。"), _lagging_text(data, task, evaluation))
    else:
        story.table(*lagging_table(data, lagging), caption="表2　滞后任务及存在问题")

    story.heading1(level1(4, "填报情况"))
    story.paragraph(not_reported_sentence(status.not_reported(), rule, status.counts[Status.NOT_REPORTED]))

    if not data.plan.tasks:  # nothing to attach: a table of headers alone says nothing
        story.closing([], request.issuer, request.issued_on or date.today())
        return title, PORTRAIT
    attached = attachment_title(data)
    story.closing([attached], request.issuer, request.issued_on or date.today())
    story.attachment("附件", attached)
    story.table(*progress_table(data))
    return title, PORTRAIT

