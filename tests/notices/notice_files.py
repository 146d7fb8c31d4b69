"""Notice files built the way offices and websites make them, from the seed texts, for the reader tests.

A notice is an outline of lines (一、 / (一) / 1. and plain paragraphs) and an appendix
table with merged cells. The same notice is written as a Word file whose outline
numbers come from real list numbering (not from the text; `word_files`), as a PDF printed with the
bundled font (ruled table, page numbers "— 3 —", a running header), as a saved web
page wrapped in navigation, sidebar, scripts, share bar and footer, and as an .mhtml.
"""

from __future__ import annotations

import email.generator
import email.policy
import html
import io
import re
from dataclasses import dataclass, field
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

from tests.notices.word_files import WordDocument

SEEDS = Path(__file__).resolve().parent / "seeds"
ROOT = Path(__file__).resolve().parents[2]
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
HANGZHOU = "003_1f416157280a8fdb.txt"
HARBIN = "004_098bd75ea14275fa.txt"

_LABEL = re.compile(r"^(?:([一二三四五六七八九十]+)、|\(([一二三四五六七八九十]+)\)|(\d+)\.)")
LEVEL_TEXTS = ("%1、", "(%2)", "%3.")  # as the Hangzhou notice prints them
HEADER_TEXT = "杭州市人民政府办公厅文件"
FOOTER_TEXT = "杭州市人民政府办公厅印发"


@dataclass
class Line:
    text: str  # without its label
    level: int | None = None  # 0: 一、 1: (一) 2: 1.
    label: str = ""

    @property
    def full_text(self) -> str:
        return self.label + self.text


@dataclass
class TableSpec:
    rows: list[list[str | None]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # first row, column, last row, column
    header_rows: int = 2


@dataclass
class Notice:
    title: str
    lines: list[Line]
    table: TableSpec
    table_after: int  # the table follows lines[table_after]
    restarted: list[Line] = field(default_factory=list)  # a list numbered 1. 2. again, after the table


def seed_lines(name: str = HANGZHOU) -> list[Line]:
    lines = []
    for raw in (SEEDS / name).read_text(encoding="utf-8").splitlines():
        raw = raw.strip()
        if not raw:
            continue
        match = _LABEL.match(raw)
        if match is None:
            lines.append(Line(raw))
            continue
        level = next(index for index, group in enumerate(match.groups()) if group)
        lines.append(Line(raw[match.end():], level, match.group(0)))
    return lines


def harbin_table(body_rows: int = 3) -> TableSpec:
    """The Harbin appendix's layout: 时间进度 over three years, 序号 … 责任单位 merged over both header rows,
    主要任务 merged over two tasks, one target merged over the three years; `body_rows` tasks in all."""
    seed = (SEEDS / HARBIN).read_text(encoding="utf-8")
    assert "提升公办养老机构服务功能" in seed and "护理型床位占养老床位总数的20%以上" in seed
    rows: list[list[str | None]] = [
        ["序号", "主要任务", "重点内容", "具体指标", "时间进度", None, None, "责任单位"],
        [None, None, None, None, "2015年", "2016年", "2017年", None],
    ]
    merges = [(0, 4, 0, 6)] + [(0, column, 1, column) for column in (0, 1, 2, 3, 7)]
    for number in range(1, body_rows + 1):
        kind = number % 3
        if kind == 1:
            yearly = "工程项目以市发改委当年立项为准"
            rows.append([str(number), "提升公办养老机构服务功能",
                         "实施市属养老机构升级改造工程，完善政府托底保障功能。", "实施市属养老机构升级改造工程。",
                         yearly, yearly, yearly, "市民政局、市发改委、市财政局"])
        elif kind == 2:
            rows.append([str(number), None, "加快建设区、县(市)综合性社会福利中心。",
                         "建设区、县(市)综合性社会福利中心。", "18个区、县(市)福利中心全部完工", None, None,
                         "市民政局、各区、县(市)政府"])
            row = len(rows) - 1
            merges += [(row - 1, 1, row, 1), (row, 4, row, 6)]
        else:
            rows.append([str(number), "增强公办养老机构床位护理功能", "提高为失能(失智)老人服务能力。",
                         "提高公办养老机构护理床位比例。", "护理型床位占养老床位总数的20%以上",
                         "护理型床位占养老床位总数的25%以上", "护理型床位占养老床位总数的30%以上",
                         "市民政局\n市卫生健康委"])  # one office a line, as many appendix tables have them
    return TableSpec(rows, merges)


def hangzhou_notice(body_rows: int = 3) -> Notice:
    lines = seed_lines()
    table_after = len(lines) - 3  # before 本意见自…施行 and the signature
    lines.insert(table_after + 1, Line("附件：居家养老服务重点任务分解表"))
    restarted = [Line("巩固家庭养老基础地位的配套文件", 2, "1."), Line("居家养老服务设施配建标准", 2, "2.")]
    return Notice("杭州市人民政府办公厅关于进一步加强居家养老服务的实施意见", lines, harbin_table(body_rows),
                  table_after + 1, restarted)


# --- Word ---------------------------------------------------------------------------------------------

def _numbering_xml(abstract_id: int, num_id: int, restart_num_id: int) -> tuple[str, str, str]:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    formats = ("chineseCounting", "chineseCounting", "decimal")
    levels = []
    for ilvl, (number_format, text) in enumerate(zip(formats, LEVEL_TEXTS)):
        style = '<w:pStyle w:val="Heading1"/>' if ilvl == 0 else ""
        restart = '<w:lvlRestart w:val="1"/>' if ilvl == 2 else ""  # 1. … 16. run on across (一) … (五)
        levels.append(f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{number_format}"/>{restart}'
                      f'{style}<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')
    abstract = f'<w:abstractNum {w} w:abstractNumId="{abstract_id}">{"".join(levels)}</w:abstractNum>'
    num = f'<w:num {w} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
    again = (f'<w:num {w} w:numId="{restart_num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
             f'<w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
    return abstract, num, again


def write_docx(path: Path, notice: Notice) -> Path:
    """Outline numbers from a three-level list: 一、 through the Heading 1 style, (一) and 1. directly; the list
    after the table is a second list of the same definition that restarts its numbers."""
    abstract, num, again = _numbering_xml(90, 90, 91)
    document = WordDocument()
    document.paragraph(notice.title, centred=True, bold=True)
    for index, line in enumerate(notice.lines):
        if line.level == 0:
            document.paragraph(line.text, style="Heading1")
        else:
            document.paragraph(line.text, number=None if line.level is None else (90, line.level))
        if index == notice.table_after:
            document.table(notice.table.rows, notice.table.merges)
            for restarted in notice.restarted:
                document.paragraph(restarted.text, number=(91, 2))
    return document.save(path, abstract + num + again, 90, HEADER_TEXT, FOOTER_TEXT)


# --- PDF ----------------------------------------------------------------------------------------------

def write_pdf(path: Path, notice: Notice, font_size: float = 14) -> Path:
    """Printed as Word prints it: labels in the text, two-character indents, a ruled table whose rows run
    on to the next page (header rows repeated), a running header and page numbers "— N —"."""
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if "NoticeFont" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("NoticeFont", str(FONT), subfontIndex=0))
    body = ParagraphStyle("body", fontName="NoticeFont", fontSize=font_size, leading=font_size * 12 / 7,
                          firstLineIndent=2 * font_size, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=20, leading=30, alignment=TA_CENTER, firstLineIndent=0)
    cell = ParagraphStyle("cell", fontName="NoticeFont", fontSize=9, leading=12, wordWrap="CJK")

    def page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("NoticeFont", 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 15 * mm, HEADER_TEXT)
        canvas.setFont("NoticeFont", 12)
        canvas.drawCentredString(A4[0] / 2, 15 * mm, f"— {doc.page} —")
        canvas.restoreState()

    story: list = [Paragraph(html.escape(notice.title), title), Spacer(1, 12)]
    for index, line in enumerate(notice.lines):
        story.append(Paragraph(html.escape(line.full_text), body))
        if index == notice.table_after:
            data = [[Paragraph(_html_lines(value), cell) if value else "" for value in row]
                    for row in notice.table.rows]
            commands = [("GRID", (0, 0), (-1, -1), 0.6, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
            commands += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in notice.table.merges]
            columns = len(notice.table.rows[0])
            widths = ([10 * mm, 24 * mm, 30 * mm, 26 * mm, 20 * mm, 20 * mm, 20 * mm, 26 * mm] if columns == 8
                      else [176 * mm / columns] * columns)
            table = Table(data, colWidths=widths, repeatRows=notice.table.header_rows)
            table.setStyle(TableStyle(commands))
            story.append(table)
            story += [Paragraph(html.escape(line.full_text), body) for line in notice.restarted]
    document = SimpleDocTemplate(str(path), pagesize=A4, topMargin=37 * mm, bottomMargin=35 * mm,
                                 leftMargin=28 * mm, rightMargin=26 * mm)
    document.build(story, onFirstPage=page, onLaterPages=page)
    return path


# --- web pages ----------------------------------------------------------------------------------------

NAVIGATION = ["首页", "政务公开", "政策文件", "政策解读", "办事服务", "互动交流", "走进杭州"]
SIDEBAR = ["热点专题：优化营商环境", "杭州市2020年政府工作报告", "关于开展2020年度养老服务补贴申报的公告"]
FOOTER = ["主办单位：杭州市人民政府办公厅", "网站标识码：3301000001", "浙ICP备05017868号"]
SHARE = "分享到：微信 微博 QQ空间"
ADVERT = "杭州城市大脑 数字赋能 点击了解详情"


def _html_lines(value: str | None) -> str:
    return "<br/>".join(html.escape(line) for line in (value or "").split("\n"))


def _html_table(spec: TableSpec) -> str:
    covered = {(r, c) for r0, c0, r1, c1 in spec.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
               if (r, c) != (r0, c0)}
    spans = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in spec.merges}
    rows = []
    for r, row in enumerate(spec.rows):
        cells = []
        for c, value in enumerate(row):
            if (r, c) in covered:
                continue
            rowspan, colspan = spans.get((r, c), (1, 1))
            attributes = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1
                                                                            else "")
            cells.append(f"<td{attributes}><p>{_html_lines(value)}</p></td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f'<table border="1" cellspacing="0">{"".join(rows)}</table>'


def web_page(notice: Notice, charset: str = "utf-8") -> str:
    """The notice as a government site shows it: the article in a content box among the site's chrome."""
    paragraphs = []
    for index, line in enumerate(notice.lines):
        paragraphs.append(f'<p style="text-indent:2em">{html.escape(line.full_text)}</p>')
        if index == notice.table_after:
            paragraphs.append(_html_table(notice.table))
            paragraphs += [f"<p>{html.escape(line.full_text)}</p>" for line in notice.restarted]
    navigation = "".join(f'<li><a href="/col{i}.html">{name}</a></li>' for i, name in enumerate(NAVIGATION))
    sidebar = "".join(f'<li><a href="/art{i}.html">{name}</a></li>' for i, name in enumerate(SIDEBAR))
    footer = "".join(f"<p>{line}</p>" for line in FOOTER)
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{html.escape(notice.title)}_杭州市人民政府门户网站</title>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
<style>.m_l{{float:left}} .m_r{{float:right}}</style></head>
<body>
<div class="tp"><div class="lg"><img src="logo.png" alt="杭州市人民政府门户网站"></div>
<div class="dh"><ul>{navigation}</ul></div>
<form action="/search"><input name="q" value="请输入关键字"><button>搜索</button></form></div>
<div class="wz">当前位置：<a href="/">首页</a> &gt; <a href="/col2.html">政策文件</a> &gt; 正文</div>
<div class="m_l">
<div class="bt"><h1>{html.escape(notice.title)}</h1></div>
<div class="xx">发布时间：2020-10-19 09:12 信息来源：市政府办公厅 浏览次数：3421 字号：[大 中 小]</div>
<div class="zw">{"".join(paragraphs)}</div>
<div class="fx">{SHARE}</div>
<div class="dy"><a href="javascript:window.print()">【打印本页】</a>
<a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="m_r"><h3>相关文章</h3><ul>{sidebar}</ul><div class="gg"><a href="/ad">{ADVERT}</a></div></div>
<div class="db">{footer}<script>document.write("访问量统计");</script></div>
</body></html>"""


def write_html(path: Path, notice: Notice, charset: str = "gb18030") -> Path:
    path.write_bytes(web_page(notice, "gb2312" if charset == "gb18030" else charset).encode(charset))
    return path


def write_mhtml(path: Path, notice: Notice) -> Path:
    """As Chrome's "Save as: Webpage, single file" writes it: multipart/related, the page quoted-printable."""
    message = MIMEMultipart("related", type="text/html")
    message["From"] = "<Saved by Blink>"
    message["Snapshot-Content-Location"] = "https://www.hangzhou.gov.cn/art/2020/10/19/art_1229063382_1706434.html"
    message["Subject"] = notice.title
    page = MIMEText(web_page(notice), "html", "utf-8")
    del page["Content-Transfer-Encoding"]
    page.set_payload(_quoted_printable(web_page(notice)))
    page["Content-Transfer-Encoding"] = "quoted-printable"
    page["Content-Location"] = message["Snapshot-Content-Location"]
    message.attach(page)
    logo = MIMEImage(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "png")
    logo["Content-Location"] = "https://www.hangzhou.gov.cn/logo.png"
    message.attach(logo)
    buffer = io.BytesIO()
    email.generator.BytesGenerator(buffer, policy=email.policy.SMTP).flatten(message)
    path.write_bytes(buffer.getvalue())
    return path


def _quoted_printable(text: str) -> str:
    import quopri

    return quopri.encodestring(text.encode("utf-8")).decode("ascii")


def layout_table_page(notice: Notice) -> str:
    """The notice on an older site laid out with tables: a column of links on each side, the title a bold
    centred line (no h1), the publishing line, a copyright row at the bottom."""
    paragraphs = []
    for index, line in enumerate(notice.lines):
        paragraphs.append(f"<p>　　{html.escape(line.full_text)}</p>")
        if index == notice.table_after:
            paragraphs.append(_html_table(notice.table))
            paragraphs += [f"<p>{html.escape(line.full_text)}</p>" for line in notice.restarted]
    left = "".join(f'<tr><td><a href="/col{i}.html">{name}</a></td></tr>' for i, name in enumerate(NAVIGATION))
    right = "".join(f'<tr><td><a href="/art{i}.html">{name}</a></td></tr>' for i, name in enumerate(SIDEBAR))
    return f"""<html><head><meta charset="utf-8"></head><body>
<table width="1000"><tr><td colspan="3"><img src="banner.gif">{html.escape(FOOTER[0])}</td></tr>
<tr><td width="180"><table>{left}</table></td>
<td width="640"><table width="100%">
<tr><td align="center"><font size="5"><b>{html.escape(notice.title)}</b></font></td></tr>
<tr><td align="center">发布日期：2020-10-19　来源：市政府办公厅</td></tr>
<tr><td>{"".join(paragraphs)}</td></tr></table></td>
<td width="180"><table>{right}</table></td></tr>
<tr><td colspan="3">{"　".join(FOOTER)}</td></tr></table></body></html>"""
