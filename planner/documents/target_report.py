"""The target table: the plan's appendix as a landscape table, with a period's status when one is given."""

from __future__ import annotations

from reportlab.platypus import Spacer

from planner.documents.data import ReportData
from planner.documents.document import Story
from planner.documents.flowables import CENTER, GridText
from planner.documents.page_geometry import LANDSCAPE
from planner.documents.quarterly import scope_phrase
from planner.documents.tables import target_table
from planner.documents.wording import as_of

SUBTITLE_SIZE = 14.0


def target_story(data: ReportData, story: Story) -> tuple[str, str]:
    plan = data.full_plan
    title = f"{plan.appendix_title or plan.title}{data.status_note}"
    story.title(title)
    notes = []
    if plan.doc_no:
        notes.append(f"{plan.doc_no}附件")
    scope = scope_phrase(data).removesuffix("的")
    if scope:
        notes.append(scope)
    if data.period is not None:
        notes.append(f"状态截至{as_of(data.period)}")
    if notes:
        story.add(GridText("（" + "；".join(notes) + "）", story.measurer, size=SUBTITLE_SIZE, align=CENTER, indent=0,
                           on_grid=False))
    story.add(Spacer(1, SUBTITLE_SIZE))
    story.table(*target_table(data))
    return title, LANDSCAPE
