"""A web page saved as one file (.mhtml, .mht): a MIME message whose parts are the page, its frames and images.

Browsers (Chrome's "single file", Internet Explorer's and Word's .mht) write the
page as the first text/html part, the one the message's Snapshot-Content-Location or
the multipart's `start` names, usually quoted-printable or base64. Each HTML part is
decoded with its declared charset; when the page itself holds no article (the notice
sat in a frame), the frames' parts are tried in turn.
"""

from __future__ import annotations

import email
import email.policy
from email.message import Message

from planner.notices import caps
from planner.notices.document import Block
from planner.notices.html_reader import decode_html, html_to_blocks
from planner.notices.refusals import DamagedNoticeError, NoArticleError

MHTML_MARKERS = (b"mime-version:", b"content-type: multipart/related", b"from: <saved by",
                 b"snapshot-content-location:")


def looks_like_mhtml(head: bytes) -> bool:
    sample = head[:4096].lower()
    return b"multipart/related" in sample and any(marker in sample for marker in MHTML_MARKERS)


def _html_parts(message: Message) -> list[Message]:
    parts = [part for part in message.walk() if part.get_content_type() == "text/html"]
    location = message.get("Snapshot-Content-Location")
    start = message.get_param("start") if message.is_multipart() else None
    start_id = str(start).strip("<>") if start else None

    def first(part: Message) -> bool:
        return (location is not None and part.get("Content-Location") == location) or (
            start_id is not None and (part.get("Content-ID") or "").strip("<>") == start_id)

    return sorted(parts, key=lambda part: not first(part))


def read_mhtml(data: bytes, file_name: str) -> list[Block]:
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
    except (ValueError, TypeError, IndexError) as exc:
        raise DamagedNoticeError(f"文件“{file_name}”已损坏（单个文件网页的结构无法读取：{exc}），无法读取。") from None
    parts = _html_parts(message)
    if not parts:
        raise NoArticleError(f"文件“{file_name}”中没有网页内容，无法读取。请在浏览器中重新保存通知页面后再试。")
    refused: NoArticleError | None = None
    for part in parts:
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        caps.check_html_size(file_name, len(payload))
        try:
            return html_to_blocks(decode_html(payload, part.get_content_charset()), file_name)
        except NoArticleError as exc:
            refused = refused or exc
    raise refused or NoArticleError(f"文件“{file_name}”中没有找到通知正文。")
