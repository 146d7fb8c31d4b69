"""Parts of a zip-packaged document (.docx), read within the caps and parsed without entities or network.

lxml parses them: `resolve_entities=False` and `load_dtd=False` leave an entity
bomb unexpanded, `no_network` keeps an external reference from being fetched,
and without `huge_tree` libxml2 refuses nesting over 256 levels and text nodes over
10 MB. Word never writes a document type declaration, so a part that has one is
refused as crafted.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib

from lxml import etree

from planner.notices.caps import mib
from planner.notices.refusals import DamagedNoticeError, NoticeTooLargeError

PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_READ_ERRORS = (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error, RuntimeError, NotImplementedError)


def damaged(file_name: str, detail: object = "", reopen_in: str = "Word 或 WPS") -> DamagedNoticeError:
    extra = f"（{detail}）" if detail else ""
    return DamagedNoticeError(f"文件“{file_name}”已损坏或不完整{extra}，无法读取。"
                              f"请在 {reopen_in} 中打开检查并另存后再试。")


def read_part(archive: zipfile.ZipFile, file_name: str, name: str, cap: int) -> bytes:
    """The member `name`, inflated no further than the size it declares and never past `cap`."""
    try:
        declared = archive.getinfo(name).file_size
    except KeyError:
        raise damaged(file_name, f"缺少“{name}”") from None
    if declared > cap:
        raise NoticeTooLargeError(f"文件“{file_name}”中的“{name}”解压后有 {mib(declared)}，超过上限 {mib(cap)}，"
                                  "不像正常的文档，已停止读取。")
    try:
        with archive.open(name) as stream:
            data = stream.read(declared + 1)
    except _READ_ERRORS as exc:
        raise damaged(file_name, f"“{name}”无法解压：{exc}") from None
    if len(data) > declared:
        raise damaged(file_name, f"“{name}”的实际大小与声明不符")
    return data


def parse_xml(data: bytes, file_name: str, name: str):
    """The root element of the XML `data` (the part `name` of `file_name`)."""
    if _DOCTYPE.search(data[:65536]):
        raise damaged(file_name, f"“{name}”含有文档类型声明，Word 和 WPS 不会这样保存，文件可能是恶意构造的")
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise damaged(file_name, f"“{name}”不是完整的 XML：{exc}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise damaged(file_name, f"“{name}”含有文档类型声明，Word 和 WPS 不会这样保存，文件可能是恶意构造的")
    return root


def relationships(archive: zipfile.ZipFile, file_name: str, part: str, cap: int) -> dict[str, str]:
    """Relationship type (its last path segment: "officeDocument", "numbering", "styles") → the target part."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in archive.NameToInfo:
        return {}
    root = parse_xml(read_part(archive, file_name, rels_name, cap), file_name, rels_name)
    found: dict[str, str] = {}
    for relationship in root.iter(PACKAGE_RELATIONSHIPS + "Relationship"):
        if relationship.get("TargetMode") == "External":
            continue
        kind = (relationship.get("Type") or "").rsplit("/", 1)[-1]
        target = relationship.get("Target") or ""
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found.setdefault(kind, resolved)
    return found
