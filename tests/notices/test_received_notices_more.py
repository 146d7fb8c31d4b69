"""More notices as offices receive them: printed PDFs with a 版头 and a 版记, text pasted from WeChat, forwarded
notices, Party organs among the offices, tasks numbered only at the 一、 level."""

from __future__ import annotations

from pathlib import Path

from planner.domain.office_names import split_offices
from planner.notices.importing import preview_notice
from planner.notices.readers import read_notice
from planner.notices.text import notice_from_text
from tests.notices.notice_files import FONT
from tests.notices.word_files import WordDocument

_SIZE = 16.0  # 3号, the body size of an official document
_LEFT, _RIGHT = 80.0, 515.0  # the text block: 27 characters of 16 pt


def _text_plan(text: str):
    return preview_notice(notice_from_text(text, "通知.txt", "txt")).plan


def _file_plan(path: Path):
    return preview_notice(read_notice(path, isolated=False)).plan


def _print_pdf(path: Path, pages: list[list[tuple[str, str]]]) -> Path:
    """Pages of lines drawn where a word processor sets them, each (how, text): "body" at the left margin, "indent"
    two characters in, "title" (2号, centred), "red" (the 发文机关标志, large and red), "rule" (the 文号, with the
    red rule under it); page numbers "— N —" at the foot."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "NoticeFont" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("NoticeFont", str(FONT), subfontIndex=0))
    sheet = canvas.Canvas(str(path), pagesize=A4)
    for number, lines in enumerate(pages, start=1):
        y = A4[1] - 100
        for how, text in lines:
            size = {"red": 30.0, "title": 22.0}.get(how, _SIZE)
            sheet.setFont("NoticeFont", size)
            sheet.setFillColor(colors.red if how == "red" else colors.black)
            if how in ("red", "title"):
                sheet.drawCentredString((_LEFT + _RIGHT) / 2, y, text)
            else:
                sheet.drawString(_LEFT + (2 * _SIZE if how == "indent" else 0), y, text)
            if how == "rule":
                sheet.setStrokeColor(colors.red)
                sheet.line(_LEFT, y - 10, _RIGHT, y - 10)
            y -= 1.8 * size
        sheet.setFillColor(colors.black)
        sheet.setFont("NoticeFont", 14)
        sheet.drawCentredString(A4[0] / 2, 50, f"— {number} —")
        sheet.showPage()
    sheet.save()
    return path


def _printed_notice() -> list[list[tuple[str, str]]]:
    return [[
        ("red", "沧州市民政局文件"),
        ("rule", "沧民发〔2024〕18号"),
        ("title", "沧州市民政局关于加强养老服务人才队伍建设的通知"),
        ("body", "各县（市、区）民政局，市直有关单位："),
        ("indent", "为加强养老服务人才队伍建设，提升服务质量，现就有关"),
        ("body", "事项通知如下。"),
        ("indent", "一、重点任务"),
        ("indent", "（一）加强养老护理员培训。依托职业院校和培训机构，"),
        ("body", "面向各养老机构人员开展技能培训，每年培训养老护理员"),  # 1.5 characters short: "20000" did not fit
        ("body", "20000人次。（责任单位：市民政局、市人社局）"),
        ("indent", "（二）开展养老护理员技能竞赛。2024 年举办全市养老"),
        ("body", "护理员职业技能竞赛 1 次。（责任单位：市总工会）"),
        ("indent", "二、工作要求"),
        ("indent", "各地要高度重视，加强组织领导。"),
        ("indent", "沧州市民政局"),
        ("indent", "2024年4月8日"),
    ], [
        ("body", "抄送：市委组织部，市人力资源社会保障局，市财政局。"),
        ("body", "沧州市民政局办公室　　　　　　　2024年4月9日印发"),
    ]]


def test_a_figure_a_printed_line_could_not_take_does_not_end_the_paragraph(tmp_path):
    """Word and WPS move "20000人次" down whole, leaving the line above short: the task, its figure and its offices
    are still one paragraph."""
    plan = _file_plan(_print_pdf(tmp_path / "通知.pdf", _printed_notice()))
    training = plan.tasks[0]
    assert training.name == "加强养老护理员培训"
    assert (training.lead, training.co) == (["市民政局"], ["市人社局"])
    assert [t.text for t in training.targets] == ["每年培训养老护理员20000人次"]
    assert [t.value for t in training.targets] == [20000.0]


def test_a_printed_notice_keeps_its_figures_free_of_the_spaces_around_them_and_its_header_out(tmp_path):
    """LibreOffice and WPS draw digits in the Western font, and the PDF's text gets "2024 年", "1 次"."""
    plan = _file_plan(_print_pdf(tmp_path / "通知.pdf", _printed_notice()))
    contest = plan.tasks[1]
    assert [(t.period, t.text) for t in contest.targets] == [("2024", "2024年举办全市养老护理员职业技能竞赛1次")]
    # The red 版头 is no title, and the 抄送/印发 block on the last page is no task nor part of one.
    assert (plan.title, plan.doc_no) == ("沧州市民政局关于加强养老服务人才队伍建设的通知", "沧民发〔2024〕18号")
    assert (len(plan.tasks), plan.issuer, plan.issue_date) == (2, "沧州市民政局", "2024-04-08")
    assert all("抄送" not in task.content and "印发" not in task.content for task in plan.tasks)


def test_a_notice_printed_without_indents_keeps_its_title_number_and_headings_apart(tmp_path):
    """A PDF saved from a Word file whose paragraphs have no first-line indent (LibreOffice's, WPS's defaults):
    the 文号 under a title of the body's size, and 一、 after a sentence, are paragraphs of their own."""
    pages = [[
        ("body", "秦皇岛市民政局关于印发2024年养老服务工作要点的通知"),
        ("body", "秦民〔2024〕9号"),
        ("body", "各县（区）民政局，局机关各科室，市养老服务指导中心："),
        ("body", "现将《2024年养老服务工作要点》印发给你们，请认真落实。"),
        ("body", "一、重点任务"),
        ("body", "（一）新建社区养老服务站12个，完善社区养老服务网络布局。"),
        ("body", "（责任单位：养老服务科）"),
        ("body", "（二）完成特困人员供养服务设施改造提升8所，提升服务功能。"),
        ("body", "（责任单位：社会救助科）"),
        ("body", "秦皇岛市民政局"),
        ("body", "2024年2月20日"),
    ]]
    plan = _file_plan(_print_pdf(tmp_path / "要点.pdf", pages))
    assert (plan.title, plan.doc_no) == ("2024年养老服务工作要点", "秦民〔2024〕9号")
    assert [(task.origin, task.lead) for task in plan.tasks] == [("一、（一）", ["养老服务科"]),
                                                                ("一、（二）", ["社会救助科"])]


WECHAT = """🔴重磅！关于印发《雄县2024年为民办实事项目实施方案》的通知

雄政办〔2024〕3号

各乡镇人民政府，县直各部门：

现将《雄县2024年为民办实事项目实施方案》印发给你们，请认真组织实施。👇👇👇

雄县人民政府办公室

2024年1月30日

雄县2024年为民办实事项目实施方案

一、主要任务

※1.新建农村幸福院10个。🏠（责任单位：县民政局）

※2.为全县65岁以上老人免费体检，体检率达到70%。💊（责任单位：县卫健局）

※3.改造提升农村公路50公里。🚗（责任单位：县交通运输局）

二、保障措施

各单位要加强领导，确保12月底前全部完成。

✅点击“阅读原文”查看更多
"""


def test_text_pasted_from_wechat_reads_past_its_marks_and_emoji():
    """※ before each number and an emoji after each sentence: three tasks, no emoji in what the plan keeps."""
    plan = _text_plan(WECHAT)
    assert plan.title == "雄县2024年为民办实事项目实施方案"
    assert [(task.origin, task.name, task.lead) for task in plan.tasks] == [
        ("一、1.", "新建农村幸福院10个", ["县民政局"]),
        ("一、2.", "为全县65岁以上老人免费体检，体检率达到70%", ["县卫健局"]),
        ("一、3.", "改造提升农村公路50公里", ["县交通运输局"]),
    ]
    assert [task.content for task in plan.tasks] == ["", "", ""]


def test_an_item_whose_text_starts_with_a_month_is_numbered():
    """"1.1月底前完成…" is item 1 due at the end of January, not the decimal 1.1."""
    plan = _text_plan("""定州市民政局关于做好2024年春节期间困难群众走访慰问工作的通知
各乡镇（街道）民政所：
一、工作任务
1.1月底前完成困难群众走访慰问。（责任单位：社会救助股）
2.春节前发放临时救助金200万元。（责任单位：社会救助股、财务股）
3.12月底前完成全年救助资金清算。（责任单位：财务股）
定州市民政局
2024年1月8日
""")
    assert [(task.origin, task.name) for task in plan.tasks] == [
        ("一、1.", "1月底前完成困难群众走访慰问"), ("一、2.", "春节前发放临时救助金200万元"),
        ("一、3.", "12月底前完成全年救助资金清算")]
    assert [t.period for t in plan.tasks[0].targets] == ["2024"]


def test_party_and_government_organs_of_a_place_written_once_are_each_named():
    """"各县（市、区）党委和人民政府", "冀南新区党工委、管委会": the place is written once for both organs."""
    assert split_offices("市商务局，各县（市、区）党委和人民政府") == [
        "市商务局", "各县(市、区)党委", "各县(市、区)人民政府"]
    assert split_offices("冀南新区党工委、管委会，市委组织部、市委宣传部") == [
        "冀南新区党工委", "冀南新区管委会", "市委组织部", "市委宣传部"]
    assert split_offices("各乡镇党委、政府") == ["各乡镇党委", "各乡镇政府"]


def test_sections_of_a_bureau_one_a_line_in_a_word_table_are_each_an_office(tmp_path):
    """A 责任单位 cell with "规划财务科" and "养老服务科" on lines of their own: two offices, not one."""
    document = WordDocument()
    document.paragraph("秦皇岛市民政局2024年养老服务工作要点", centred=True, bold=True)
    document.paragraph("一、重点任务")
    document.table([["序号", "任务", "责任单位", "完成时限"],
                    ["1", "新建社区养老服务站12个", "养老服务科、各县（区）民政局", "2024年11月底"],
                    ["2", "开展养老服务消费券发放试点", "规划财务科\n养老服务科", "年内"],
                    ["3", "开展社会救助资金专项检查", "社会救助股\n财务股", "2024年9月底"]], [])
    document.paragraph("二、工作要求")
    document.paragraph("各单位要按照任务分工，确保按时完成。")
    plan = _file_plan(document.save(tmp_path / "要点.docx", "", 0, "", ""))
    assert [(task.lead, task.co) for task in plan.tasks] == [
        (["养老服务科"], ["各县(区)民政局"]), (["规划财务科"], ["养老服务科"]), (["社会救助股"], ["财务股"])]


def test_a_forwarded_notice_keeps_its_own_title():
    """"转发河北省民政厅关于开展…行动的通知" (no book-title marks): the plan is that notice, 的通知 and all."""
    plan = _text_plan("""转发河北省民政厅关于开展2024年养老服务质量提升行动的通知
张民函〔2024〕14号
各县（区）民政局：
现将《河北省民政厅关于开展2024年养老服务质量提升行动的通知》转发给你们，请认真抓好落实。
附件：河北省民政厅关于开展2024年养老服务质量提升行动的通知
张家口市民政局
2024年4月2日
一、重点任务
（一）开展养老机构服务质量评估。年底前完成全部养老机构等级评定。（责任单位：各市民政局）
""")
    assert plan.title == "河北省民政厅关于开展2024年养老服务质量提升行动的通知"
    assert (plan.doc_no, plan.issuer) == ("张民函〔2024〕14号", "张家口市民政局")


def test_a_work_arrangement_is_titled_by_its_heading():
    plan = _text_plan("""衡水市民政局2024年养老服务重点工作安排
一、重点工作
1.推进居家社区养老服务网络建设，新建社区养老服务站15个。
（责任单位：养老服务科、各县市区民政局）
2.开展养老机构等级评定，年底前完成20家养老机构等级评定。
（牵头单位：养老服务科；配合单位：市养老服务指导中心）
""")
    assert plan.title == "衡水市民政局2024年养老服务重点工作安排"
    assert [(task.lead, task.co) for task in plan.tasks] == [
        (["养老服务科"], ["各县市区民政局"]), (["养老服务科"], ["市养老服务指导中心"])]


POINTS = """2024年全市社会救助工作要点
一、健全分层分类社会救助体系
（1）完善最低生活保障制度，全年城乡低保标准提高5%以上。
（2）落实特困人员救助供养政策，特困人员集中供养率达到45%。
责任单位：社会救助科、各县（市、区）民政局
二、加强低收入人口动态监测
（1）依托低收入人口动态监测信息平台，每季度开展一次数据比对。
（2）6月底前完成低收入人口信息归集。
责任单位：社会救助科、信息中心
三、加强组织保障
各地要加强组织领导，确保各项任务落地见效。
"""


def test_tasks_numbered_at_the_first_level_keep_their_sub_points_and_offices_together():
    """No 主要任务 heading, the tasks at 一、 with （1）（2） under them and the offices closing each: three parts
    are two tasks (三、加强组织保障 is the frame), each with both sub-points as content and the offices."""
    plan = _text_plan(POINTS)
    assert [(task.origin, task.name, task.lead, task.co) for task in plan.tasks] == [
        ("一、", "健全分层分类社会救助体系", ["社会救助科"], ["各县(市、区)民政局"]),
        ("二、", "加强低收入人口动态监测", ["社会救助科"], ["信息中心"]),
    ]
    assert "（1）完善最低生活保障制度" in plan.tasks[0].content and "（2）落实特困人员" in plan.tasks[0].content
    assert [t.text for t in plan.tasks[0].targets] == ["全年城乡低保标准提高5%以上；特困人员集中供养率达到45%"]
