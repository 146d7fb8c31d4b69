"""Parts of a zip-packaged document (.docx), read within the caps and parsed without DTDs, entities or network.

The standard library's ElementTree parses them, through defusedxml (already the
planner's guard for openpyxl): a document type declaration, an entity or an external
reference is refused before anything is expanded or fetched. Word never writes a
document type declaration, so a part that has one is refused as crafted.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

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


def parse_xml(data: bytes, file_name: str, name: str) -> Element:
    """The root element of the XML `data` (the part `name` of `file_name`)."""
    crafted = f"“{name}”含有文档类型声明或实体，Word 和 WPS 不会这样保存，文件可能是恶意构造的"
    if _DOCTYPE.search(data[:65536]):
        raise damaged(file_name, crafted)
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise damaged(file_name, crafted) from None
    except (ParseError, ValueError) as exc:
        raise damaged(file_name, f"“{name}”不是完整的 XML：{exc}") from None


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
