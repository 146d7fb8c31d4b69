"""A web page parsed by selectolax (the Lexbor engine) and handed over as a standard ElementTree.

Lexbor parses HTML as browsers do, whatever state a site's markup is in. The reader
walks a plain `xml.etree.ElementTree` of the body, built here in one pass: element
text and tails as ElementTree keeps them, a map from each element to its parent,
and without what never belongs to an article — scripts, styles, forms, frames,
media, comments, the elements HTML marks as navigation, header, footer or aside,
and anything hidden by its style or the `hidden` attribute.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, SubElement

from selectolax.lexbor import LexborHTMLParser

DROPPED = frozenset({"script", "style", "noscript", "iframe", "frame", "frameset", "object", "embed", "form",
                     "button", "input", "select", "textarea", "nav", "header", "footer", "aside", "svg", "canvas",
                     "template", "link", "meta", "img", "video", "audio", "map", "head", "title"})
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.:-]*$")


class Page:
    """The body of a parsed page, its <title>, and each element's parent."""

    def __init__(self, body: Element, title: str, parents: dict[Element, Element]):
        self.body = body
        self.title = title
        self.parents = parents

    def parent(self, element: Element) -> Element | None:
        return self.parents.get(element)

    def ancestors(self, element: Element):
        parent = self.parents.get(element)
        while parent is not None:
            yield parent
            parent = self.parents.get(parent)


def _hidden(attributes: dict[str, str | None]) -> bool:
    return "hidden" in attributes or bool(_HIDDEN.search(attributes.get("style") or ""))


def parse_page(text: str) -> Page:
    tree = LexborHTMLParser(text)
    title_node = tree.css_first("title")
    title = title_node.text() if title_node is not None else ""
    source = tree.body or tree.root
    body = Element("body")
    parents: dict[Element, Element] = {}
    if source is None:
        return Page(body, title, parents)
    stack = [(source, body)]
    while stack:  # not recursive: a page may nest elements thousands deep
        node, element = stack.pop()
        last: Element | None = None
        for child in node.iter(include_text=True):
            tag = child.tag or ""
            if tag == "-text":
                piece = child.text_content or ""
                if last is None:
                    element.text = (element.text or "") + piece
                else:
                    last.tail = (last.tail or "") + piece
                continue
            if tag.startswith("-") or tag in DROPPED or not _NAME.match(tag):
                continue
            attributes = child.attributes
            if _hidden(attributes):
                continue
            made = SubElement(element, tag.lower(), {name: value or "" for name, value in attributes.items()
                                                     if _NAME.match(name)})
            parents[made] = element
            last = made
            stack.append((child, made))
    return Page(body, title, parents)
