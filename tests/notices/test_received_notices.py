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


JOINT_NOTICE = """邢台市卫生健康委员会 邢台市民政局
关于印发《邢台市医养结合服务能力提升实施方案》的通知
邢卫老龄发[2024]15号
各区县卫生健康局、民政局：
现将《邢台市医养结合服务能力提升实施方案》印发给你们，请结合实际认真抓好落实。
邢台市卫生健康委员会\u3000\u3000\u3000\u3000邢台市民政局
2024年3月12日
邢台市医养结合服务能力提升实施方案
一、工作目标
到2025年底，全市医养结合服务网络基本健全。
二、重点任务
（一）加强医养结合机构建设。支持有条件的养老机构内设医务室，到2024年底前新增医养结合机构5家，2025年新增8家。
牵头单位：市卫生健康委；配合单位：市民政局、市发展改革委、各区县人民政府
（二）提升老年健康服务水平。为65岁及以上老年人每年提供1次免费健康体检，2024年老年人健康管理率达到70%，2025年达到72%。
牵头单位：市卫生健康委
配合单位：市财政局
（三）加强医养结合人才队伍建设。年内完成医养结合机构从业人员培训500人次。三年内培养医养结合骨干人才100名。
牵头单位：市人力资源社会保障局；配合单位：市卫生健康委、市民政局
（四）完善医养结合支持政策。今年以来已出台政策2项，年内出台医养结合机构用地、用房支持政策。
牵头单位：市自然资源和规划局、市民政局；配合单位：市财政局
三、保障措施
（一）加强组织领导。各区县要将医养结合工作纳入重要议事日程。
"""


def _targets(task) -> list[tuple[str, str, float | None]]:
    return [(t.period, t.text, t.value) for t in task.targets if t.office is None]


def test_a_clause_before_several_years_stays_out_of_their_targets():
    """"为65岁…每年提供1次…，2024年…达到70%，2025年达到72%": each year gets its own figure, not the clause before."""
    tasks = _text_plan(JOINT_NOTICE).tasks
    assert _targets(tasks[0]) == [("2024", "到2024年底前新增医养结合机构5家", 5.0), ("2025", "2025年新增8家", 8.0)]
    assert _targets(tasks[1]) == [("2024", "2024年老年人健康管理率达到70%", 70.0), ("2025", "2025年达到72%", 72.0)]


def test_within_the_year_is_the_year_of_the_notice_not_the_plans_last():
    plan = _text_plan(JOINT_NOTICE)
    assert (plan.first_year, plan.last_year) == (2024, 2025)
    training, policy = plan.tasks[2], plan.tasks[3]
    # 三年内 is no "within the year": that figure stays a target of the plan's end.
    assert _targets(training) == [("2024", "年内完成医养结合机构从业人员培训500人次", 500.0),
                                  ("2025", "三年内培养医养结合骨干人才100名", 100.0)]
    # 今年以来 is history; 年内出台 is a milestone of the year of issue.
    assert [(t.period, t.text, t.kind) for t in policy.targets] == [
        ("2024", "年内出台医养结合机构用地、用房支持政策", "milestone")]


ANNUAL_PLAN = """威县卫生健康局2024年老龄健康工作要点
一、重点任务
1.开展老年人健康管理服务，65岁及以上老年人健康管理率达到72%。（县卫健局）
2.推进医养结合机构建设，新增医养结合机构2家。（县卫健局）
3.出台老年人心理关爱项目实施办法，年底前覆盖3个乡镇。（县卫健局）
二、工作要求
各科室、各单位要按照分工抓好落实。
威县卫生健康局
2023年12月28日
"""


def test_an_annual_work_plan_runs_for_the_year_its_title_names():
    """A 2024年工作要点 issued at the end of 2023: its figures are 2024's, not 2025's or 2026's."""
    plan = _text_plan(ANNUAL_PLAN)
    assert (plan.issue_date, plan.first_year, plan.last_year) == ("2023-12-28", 2024, 2024)
    assert [_targets(task) for task in plan.tasks] == [
        [("2024", "65岁及以上老年人健康管理率达到72%", 72.0)],
        [("2024", "新增医养结合机构2家", 2.0)],
        [("2024", "年底前覆盖3个乡镇", 3.0)],
    ]


def test_a_three_year_plan_named_by_its_years_runs_over_them():
    text = ANNUAL_PLAN.replace("2024年老龄健康工作要点", "老龄健康三年行动计划（2024—2026年）").replace(
        "新增医养结合机构2家", "2025年新增医养结合机构2家")
    plan = _text_plan(text)
    assert plan.title == "威县卫生健康局老龄健康三年行动计划（2024—2026年）"
    assert (plan.first_year, plan.last_year) == (2024, 2026)
    assert [t.period for task in plan.tasks for t in task.targets] == ["2026", "2025", "2024"]


def test_the_list_of_attachments_after_the_tasks_is_no_task():
    """附件：1．…分工表 / 2．…细则 right after the last task: neither more of that task nor tasks of their own."""
    text = """威县卫生健康局2024年老龄健康工作要点
一、开展老年人健康管理服务，65岁及以上老年人健康管理率达到72%。
二、推进医养结合机构建设，新增医养结合机构2家。
三、创建全国示范性老年友好型社区2个。
附件：1．2024年老龄健康重点任务分工表
2．2024年老龄健康工作考核细则
威县卫生健康局
2024年2月20日
"""
    plan = _text_plan(text)
    assert [task.origin for task in plan.tasks] == ["一、", "二、", "三、"]
    assert [task.name for task in plan.tasks][2] == "创建全国示范性老年友好型社区2个"
    assert [t.text for t in plan.tasks[2].targets] == ["创建全国示范性老年友好型社区2个"]
    assert "分工表" not in plan.tasks[2].content


def test_an_attachment_line_ends_the_task_before_it():
    plan = _text_plan(ANNUAL_PLAN.replace("二、工作要求\n各科室、各单位要按照分工抓好落实。\n",
                                          "附件：2024年重点工作任务分工表\n"))
    assert len(plan.tasks) == 3
    assert "分工表" not in plan.tasks[2].content
    assert [t.text for t in plan.tasks[2].targets] == ["年底前覆盖3个乡镇"]


def test_offices_signing_a_joint_notice_side_by_side_are_each_named():
    plan = _text_plan(JOINT_NOTICE)
    assert plan.issuer == "邢台市卫生健康委员会、邢台市民政局"
    assert (plan.doc_no, plan.issue_date) == ("邢卫老龄发〔2024〕15号", "2024-03-12")
    assert plan.title == "邢台市医养结合服务能力提升实施方案"


def _work_plan_with_division_table(title: str) -> WordDocument:
    """A 工作要点 of bare numbered sentences; who does what, and by when, only in the appendix 任务分工表."""
    document = WordDocument()
    document.paragraph("邢民办〔2024〕3号")
    document.paragraph(title, centred=True, bold=True)
    document.paragraph("一、重点工作")
    for line in ("1.实施居家和社区基本养老服务提升行动，新建街道综合养老服务中心5个。",
                 "2.推进敬老院改造提升，年底前完成改造12所。", "3.开展养老机构安全生产专项整治，每季度组织一次检查。",
                 "4.推进智慧养老服务平台建设，6月底前完成平台升级。"):
        document.paragraph(line)
    document.paragraph("二、工作要求")
    document.paragraph("各地要对照任务分工，细化工作措施。")
    document.paragraph("附件")
    document.paragraph("重点工作任务分工表", centred=True, bold=True)
    rows: list[list[str | None]] = [
        ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
        ["1", "实施居家和社区基本养老服务提升行动，新建街道综合养老服务中心5个", "养老服务科",
         "规划财务科、各县（市、区）民政局", "2024年12月底"],
        ["2", "推进敬老院改造提升，年底前完成改造12所", "社会救助科", None, "年内"],
        ["3", "开展养老机构安全生产专项整治", "养老服务科", "各县（市、区）民政局", "每季度"],
        ["4", "推进智慧养老服务平台建设", None, "养老服务科", "2025年6月底前"],
    ]
    # 配合单位 of row 2 merged with row 1's, 牵头单位 of row 4 with row 3's, as Word's vMerge.
    document.table(rows, [(1, 3, 2, 3), (3, 2, 4, 2)])
    return document


def test_a_division_table_without_yearly_columns_gives_targets_by_its_deadlines(tmp_path):
    plan = _word_plan(tmp_path, _work_plan_with_division_table("邢台市民政局2024年养老服务工作要点"))
    assert [(task.name, task.lead, task.co) for task in plan.tasks] == [
        ("实施居家和社区基本养老服务提升行动，新建街道综合养老服务中心5个", ["养老服务科"],
         ["规划财务科", "各县(市、区)民政局"]),
        ("推进敬老院改造提升，年底前完成改造12所", ["社会救助科"], ["规划财务科", "各县(市、区)民政局"]),
        ("开展养老机构安全生产专项整治", ["养老服务科"], ["各县(市、区)民政局"]),
        ("推进智慧养老服务平台建设", ["养老服务科"], []),
    ]
    assert [_targets(task) for task in plan.tasks] == [
        [("2024", "新建街道综合养老服务中心5个", 5.0)],
        [("2024", "年底前完成改造12所", 12.0)],
        [],
        [("2025", "2025年6月底前", None)],
    ]
    assert (plan.first_year, plan.last_year) == (2024, 2025)


def test_a_division_tables_deadlines_set_the_plans_years():
    """Without years in the title, the plan runs to the last year the table's 完成时限 names, not issue year + 2."""
    document = notice_from_text("关于印发养老服务提升实施方案的通知\n某民发〔2024〕3号\n某市民政局\n2024年2月26日\n"
                                "养老服务提升实施方案\n一、重点任务\n1.新建街道综合养老服务中心5个。\n"
                                "附件\n序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
                                "1\t新建街道综合养老服务中心5个\t养老服务科\t规划财务科\t2025年底前\n"
                                "2\t建成养老服务平台\t信息中心\t养老服务科\t2024年6月底前\n", "通知.txt", "txt")
    plan = preview_notice(document).plan
    assert (plan.first_year, plan.last_year) == (2024, 2025)
    assert [_targets(task) for task in plan.tasks] == [[("2025", "新建街道综合养老服务中心5个", 5.0)],
                                                        [("2024", "2024年6月底前", None)]]


def test_offices_of_a_city_whose_name_ends_in_tai_stay_whole():
    """邢台, 烟台, 丰台: the 台 is the place's, not the end of an office such as 市电视台."""
    text = ANNUAL_PLAN.replace("（县卫健局）\n2.", "（责任单位：邢台市卫生健康委员会、威县卫生健康局）\n2.", 1)
    text = text.replace("新增医养结合机构2家。（县卫健局）",
                        "新增医养结合机构2家。（邢台市民政局牵头，县电视台、县医保局配合）")
    tasks = _text_plan(text).tasks
    assert (tasks[0].lead, tasks[0].co) == (["邢台市卫生健康委员会"], ["威县卫生健康局"])
    assert (tasks[1].lead, tasks[1].co) == (["邢台市民政局"], ["县电视台", "县医保局"])


def test_offices_signing_side_by_side_in_a_printed_notice_are_each_named(tmp_path):
    """Printed, the two signatures stand a few characters apart on one line: wider than any letter-spacing, which
    the reader drops (通  知), so the gap is kept and each office named."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from tests.notices.notice_files import FONT

    if "NoticeFont" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("NoticeFont", str(FONT), subfontIndex=0))
    size, path = 16.0, tmp_path / "联合发文.pdf"
    canvas = Canvas(str(path))
    canvas.setFont("NoticeFont", size)
    y = 780.0
    for line in JOINT_NOTICE.strip().split("\n"):
        if "\u3000" in line:  # the signatures, four characters apart, as Word prints 　　　　 between them
            first, second = line.split("\u3000\u3000\u3000\u3000")
            canvas.drawString(150, y, first)
            canvas.drawString(150 + canvas.stringWidth(first, "NoticeFont", size) + 4 * size, y, second)
        else:
            canvas.drawString(80, y, line)
        y -= 1.8 * size
    canvas.save()
    plan = preview_notice(read_notice(path, isolated=False)).plan
    assert plan.issuer == "邢台市卫生健康委员会、邢台市民政局"
    assert plan.issue_date == "2024-03-12"


def test_a_figure_stated_for_every_year_is_a_target_of_each_year_of_the_plan():
    plan = _text_plan("""某市养老服务人才培养三年行动计划（2024—2026年）
一、重点任务
（一）开展养老护理员培训。每年培训养老护理员500人次。（责任单位：市民政局）
（二）培养养老服务骨干。培养骨干人才100名。（责任单位：市人社局）
（三）扩大养老服务消费。养老服务消费年均增长10%。（责任单位：市商务局）
""")
    assert (plan.first_year, plan.last_year) == (2024, 2026)
    every, once, average = plan.tasks
    assert [(t.period, t.value) for t in every.targets] == [("2024", 500.0), ("2025", 500.0), ("2026", 500.0)]
    assert [(t.period, t.value) for t in once.targets] == [("2026", 100.0)]  # by the end of the plan
    assert [t.period for t in average.targets] == ["2026"]  # an average over the years is stated once
