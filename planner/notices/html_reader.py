"""A web page (or HTML from the clipboard) as blocks: the article only, without the site around it.

Government sites put a notice in a content box among navigation, a search form,
sidebars of related links, share bars, adverts and a footer, each site with class
names of its own. The article is found the way reading modes find it, by the text.
Scripts, styles, forms, frames and the elements HTML marks as navigation, header,
footer or aside are dropped as the page is parsed (`html_tree`). Each paragraph
scores by its length, its punctuation and the marks of a notice (an outline number
一、 （一） 1., 责任单位, a document number 〔2020〕, a date), and hands its score to
its parent and half of it to the grandparent; the container with the best score,
discounted by the share of its text that is links, is the article, and neighbours
of it that score well and are not lists of links join it. The page's heading (its
h1, else an h2 or h3, else a bold or centred line that reads like a notice's title,
else its <title>) is put first when it stands outside that box. A data table
becomes a `Grid` with its row and column spans; a table used for page layout is
read as the boxes it holds.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from planner.notices.document import Block
from planner.notices.html_blocks import BlockWriter, is_data_table, normalise_space
from planner.notices.html_tree import Page, parse_page
from planner.notices.refusals import NoArticleError

_PARAGRAPHS = {"p", "pre", "td", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd", "center"}
_CONTAINERS = {"div", "article", "section", "main", "td", "body", "center", "font", "span", "table", "tbody",
               "tr", "blockquote"}
_NOTICE_SIGNS = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．])"
                           r"|责任单位|牵头单位|〔\d{4}〕|\d{4}年\d{1,2}月\d{1,2}日|各有关单位|人民政府")
_PUNCTUATION = re.compile(r"[，。；、：,;]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_MIN_ARTICLE_CHARS = 20
_TITLE_WORDS = re.compile(r"关于|通知$|意见$|方案$|办法$|规定$|规划$|计划$|决定$|通告$|公告$|细则$|要点$")


def decode_html(data: bytes, declared: str | None = None) -> str:
    """The page's text: by its byte-order mark, the charset it declares (GB2312 and GBK read as GB18030),
    else UTF-8, else GB18030."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, "replace")
    found = _CHARSET.search(data[:8192])
    charset = (declared or (found.group(1).decode("ascii") if found else "")).lower()
    if charset in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030"):
        charset = "gb18030"
    for codec in (charset, "utf-8"):
        if not codec:
            continue
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("gb18030", "replace")


def _text_length(element) -> int:
    return len(re.sub(r"\s+", "", "".join(element.itertext())))


def _link_length(element) -> int:
    return sum(len(re.sub(r"\s+", "", "".join(link.itertext()))) for link in element.iter("a"))


def _score_paragraph(element) -> float:
    text = normalise_space("".join(element.itertext()))
    if len(text) < 10:
        return 0.0
    score = 1 + len(_PUNCTUATION.findall(text)) + min(len(text) / 100, 3)
    if _NOTICE_SIGNS.search(text):
        score += 3
    return score


def _candidates(page: Page) -> dict[Element, float]:
    scores: dict[Element, float] = {}
    data_tables: dict[Element, bool] = {}  # asked once per table, not once per paragraph

    def holds_data(table) -> bool:
        if table not in data_tables:
            data_tables[table] = is_data_table(table)
        return data_tables[table]

    for element in page.body.iter():
        if element.tag == "table" and holds_data(element):
            score = 5 + min(_text_length(element) / 100, 20)
        elif element.tag in _PARAGRAPHS or (element.tag == "div" and not _has_blocks(element)):
            if any(ancestor.tag == "table" and holds_data(ancestor) for ancestor in page.ancestors(element)):
                continue
            score = _score_paragraph(element)
        else:
            continue
        parent = page.parent(element)
        for share, ancestor in ((1.0, parent), (0.5, page.parent(parent) if parent is not None else None)):
            if ancestor is not None and ancestor.tag in _CONTAINERS:
                scores[ancestor] = scores.get(ancestor, 0.0) + share * score
    return scores


def _has_blocks(element) -> bool:
    return any(child.tag in ("p", "div", "table", "ul", "ol", "h1", "h2", "h3") for child in element)


def _discounted(element, score: float) -> float:
    text = _text_length(element)
    return score * (1 - min(_link_length(element) / text, 1.0)) if text else 0.0


def find_article(page: Page) -> list[Element]:
    """The elements that hold the article, in document order; empty when none is found."""
    scores = _candidates(page)
    if not scores:
        return []
    ranked = {element: _discounted(element, score) for element, score in scores.items()}
    best = max(ranked, key=lambda element: ranked[element])
    if ranked[best] <= 0:
        return []
    chosen = [best]
    parent = page.parent(best)
    if parent is not None:
        threshold = max(10.0, ranked[best] * 0.2)
        for sibling in parent:
            if sibling is best or sibling not in ranked:
                continue
            text = _text_length(sibling)
            if ranked[sibling] >= threshold and text and _link_length(sibling) / text < 0.25:
                chosen.append(sibling)
    order = {element: index for index, element in enumerate(parent if parent is not None else [best])}
    return sorted(chosen, key=lambda element: order.get(element, 0))


def _styled_title(element) -> str:
    """The text of a bold or centred line that reads like a notice's title, else ""."""
    styled = element.tag in ("b", "strong") or (element.get("align") or "").lower() == "center" or bool(
        re.search(r"text-align\s*:\s*center|font-weight\s*:\s*(?:bold|[6-9]00)", element.get("style") or "", re.I))
    if not styled or element.find(".//a") is not None:
        return ""
    text = normalise_space("".join(element.itertext()))
    return text if 8 <= len(text) <= 120 and _TITLE_WORDS.search(text) else ""


def _heading(body, first) -> str:
    """The page's heading above the article: the last h1 before it, else the last h2 or h3, else the last bold
    or centred line that reads like a notice's title (关于…的通知, …实施方案)."""
    found: dict[str, str] = {}
    for element in body.iter():
        if element is first:
            break
        if element.tag in ("h1", "h2", "h3"):
            text = normalise_space("".join(element.itertext()))
            if text:
                found["h1" if element.tag == "h1" else "other"] = text
        else:
            text = _styled_title(element)
            if text:
                found["styled"] = text
    return found.get("h1") or found.get("other") or found.get("styled", "")


def html_to_blocks(text: str, file_name: str, *, whole: bool = False) -> list[Block]:
    """The article of the page `text` as blocks; with `whole`, everything the body shows (pasted HTML)."""
    page = parse_page(text)
    page_title = normalise_space(page.title)
    body = page.body
    article = [body] if whole else find_article(page)
    writer = BlockWriter(file_name)
    if article and not whole:
        heading = _heading(body, article[0]) or re.split(r"[_|｜—-]", page_title)[0].strip()
        if heading and heading not in normalise_space("".join(article[0].itertext()))[: len(heading) + 40]:
            writer.add_heading(heading)
    try:
        for element in article:
            writer.walk(element)
    except RecursionError:
        raise NoArticleError(f"网页“{file_name}”的结构嵌套过深，不像正常的网页，无法读取。") from None
    blocks = writer.finish()
    if sum(len(getattr(block, "text", "")) for block in blocks) < _MIN_ARTICLE_CHARS and not any(
            hasattr(block, "grid") for block in blocks):
        raise NoArticleError(f"网页“{file_name}”中没有找到通知正文（可能只保存了网站的框架、导航或列表页）。"
                             "请在浏览器中打开通知正文所在的页面，另存为“网页，全部”或“网页，单个文件（.mhtml）”后再试，"
                             "也可以复制正文后直接粘贴。")
    return blocks
