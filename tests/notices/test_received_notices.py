"""Notices as offices receive them, unlike the seeds: Word files from WPS, annual work plans, joint notices."""

from __future__ import annotations

from planner.notices.importing import preview_notice
from planner.notices.readers import read_notice
from planner.notices.text import notice_from_text
from tests.notices.word_files import WordDocument


def _word_plan(tmp_path, document: WordDocument):
    path = document.save(tmp_path / "通知.docx", "", 0, "", "")
    return preview_notice(read_notice(path, isolated=False)).plan


def _text_plan(text: str):
    return preview_notice(notice_from_text(text, "通知.txt", "txt")).plan


def test_lines_set_apart_by_manual_line_breaks_in_a_word_file_are_paragraphs(tmp_path):
    """WPS users (and text pasted into WPS from a web page) break lines with Shift+Enter inside one paragraph."""
    document = WordDocument()
    document.paragraph("任县民政局关于印发任县困难老年人关爱服务工作方案的通知", centred=True)
    document.paragraph("任民〔2024〕21号")
    document.paragraph("一、工作目标\n到2025年，特殊困难老年人月探访率达到100%。")
    document.paragraph("二、工作任务\n\u3000\u30001、建立探访关爱制度。2024年底前建立特殊困难老年人探访关爱制度。（县民政局负责）\n"
                       "\u3000\u30002、开展摸底排查。每半年开展一次摸底排查，建立工作台账。（各乡镇人民政府负责）\n"
                       "\u3000\u30003、发展志愿服务。培育为老志愿服务队伍20支。（县民政局牵头，团县委配合）")
    document.paragraph("三、保障措施\n（一）加强组织领导。")
    document.paragraph("任县民政局\n2024年6月3日")
    plan = _word_plan(tmp_path, document)
    assert [(task.origin, task.name, task.lead, task.co) for task in plan.tasks] == [
        ("二、1.", "建立探访关爱制度", ["县民政局"], []),
        ("二、2.", "开展摸底排查", ["各乡镇人民政府"], []),
        ("二、3.", "发展志愿服务", ["县民政局"], ["团县委"]),
    ]
    assert (plan.issuer, plan.issue_date) == ("任县民政局", "2024-06-03")
    assert [(t.period, t.text) for t in plan.tasks[0].targets] == [("2024", "2024年底前建立特殊困难老年人探访关爱制度")]
