"""Every bad notice file gets a message that names it and says what to do; none crashes the program."""

from __future__ import annotations

import io
import os
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from planner.domain.errors import InputError
from planner.notices import caps, conversion
from planner.notices.readers import read_notice
from planner.notices.refusals import (
    DamagedNoticeError,
    EmptyNoticeError,
    EncryptedNoticeError,
    NoArticleError,
    NoticeTooLargeError,
    NotNoticeError,
    ScannedNoticeError,
    UnsupportedNoticeError,
)
from planner.sheets import isolation
from tests.notices.notice_files import FONT, hangzhou_notice, write_docx
from tests.sheets.legacy_writers import ole_bytes


@pytest.fixture(scope="module")
def docx_bytes(tmp_path_factory) -> bytes:
    return write_docx(tmp_path_factory.mktemp("word") / "通知.docx", hangzhou_notice()).read_bytes()


def refused(path: Path, kind: type[InputError]) -> str:
    with pytest.raises(kind) as caught:
        read_notice(path)
    message = str(caught.value)
    assert path.name in message
    return message


def test_a_word_file_with_an_opening_password(tmp_path):
    path = tmp_path / "加密通知.docx"
    path.write_bytes(ole_bytes({"EncryptionInfo": b"\x04\x00\x04\x00" + b"\x00" * 60,
                                "EncryptedPackage": os.urandom(2048)}))
    assert "密码" in refused(path, EncryptedNoticeError)


def test_an_old_word_file_with_a_password(tmp_path):
    fib = bytearray(64)
    fib[0:2] = b"\xec\xa5"  # the Word magic number
    fib[10:12] = (0x0100).to_bytes(2, "little")  # fEncrypted
    path = tmp_path / "加密通知.doc"
    path.write_bytes(ole_bytes({"WordDocument": bytes(fib), "1Table": b"\x00" * 64}))
    assert "密码" in refused(path, EncryptedNoticeError)


def test_a_pdf_with_a_password(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    path = tmp_path / "加密通知.pdf"
    page = canvas.Canvas(str(path), encrypt=StandardEncryption("secret"))
    page.drawString(100, 700, "notice")
    page.save()
    assert "密码" in refused(path, EncryptedNoticeError)


def test_a_truncated_word_file(tmp_path, docx_bytes):
    path = tmp_path / "不完整.docx"
    path.write_bytes(docx_bytes[: len(docx_bytes) // 2])
    assert "损坏" in refused(path, DamagedNoticeError)


def test_a_damaged_pdf(tmp_path):
    path = tmp_path / "损坏.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(4000))
    assert "损坏" in refused(path, DamagedNoticeError)


def test_a_word_file_with_a_damaged_part(tmp_path, docx_bytes):
    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item.filename, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    path = tmp_path / "正文残缺.docx"
    path.write_bytes(buffer.getvalue())
    assert "word/document.xml" in refused(path, DamagedNoticeError)


def _with_document(docx: bytes, document: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, document if item.filename == "word/document.xml" else source.read(item))
    return buffer.getvalue()


def test_a_word_file_that_inflates_past_the_caps(tmp_path, docx_bytes):
    path = tmp_path / "炸弹.docx"
    path.write_bytes(_with_document(docx_bytes, b"<w:document>" + b" " * (40 * 1024 * 1024) + b"</w:document>"))
    assert "压缩比异常" in refused(path, NoticeTooLargeError)


def test_a_word_file_with_an_entity_bomb(tmp_path, docx_bytes):
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "lol">{lol}]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>")
    path = tmp_path / "实体炸弹.docx"
    path.write_bytes(_with_document(docx_bytes, bomb.encode()))
    assert "恶意构造" in refused(path, DamagedNoticeError)


def test_a_scan_of_blank_pages_is_refused_saying_no_text_was_found(tmp_path):
    from PIL import Image
    from reportlab.pdfgen import canvas

    picture = tmp_path / "page.png"
    Image.new("L", (200, 280), 255).save(picture)
    path = tmp_path / "扫描件.pdf"
    page = canvas.Canvas(str(path))
    page.drawImage(str(picture), 0, 0, 595, 842)
    page.showPage()
    page.drawImage(str(picture), 0, 0, 595, 842)
    page.save()
    message = refused(path, ScannedNoticeError)
    assert "扫描件" in message and "没有在其中找到文字" in message


def test_a_pdf_with_a_scanned_page_among_text_pages_warns(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "NoticeFont" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("NoticeFont", str(FONT), subfontIndex=0))
    path = tmp_path / "部分扫描.pdf"
    page = canvas.Canvas(str(path))
    page.setFont("NoticeFont", 14)
    page.drawString(80, 700, "一、主要任务")
    page.showPage()
    page.rect(50, 50, 400, 600, fill=1)
    page.showPage()
    page.save()
    document = read_notice(path)
    assert [p.text for p in document.paragraphs] == ["一、主要任务"]
    assert document.warnings and "第2页" in document.warnings[0]


def test_a_web_page_without_an_article(tmp_path):
    links = "".join(f'<li><a href="/p{i}.html">政策文件第{i}篇</a></li>' for i in range(30))
    path = tmp_path / "栏目页.html"
    path.write_text(f"<html><head><title>政策文件</title></head><body><nav>首页 政务公开</nav><ul>{links}</ul>"
                    "<footer>主办单位：市政府办公室</footer></body></html>", encoding="utf-8")
    assert "没有找到通知正文" in refused(path, NoArticleError)


def test_a_file_over_the_size_cap(tmp_path, monkeypatch, docx_bytes):
    monkeypatch.setattr(caps, "MAX_FILE_BYTES", len(docx_bytes) - 1)
    path = tmp_path / "太大.docx"
    path.write_bytes(docx_bytes)
    assert "上限" in refused(path, NoticeTooLargeError)


def test_a_pdf_over_the_page_cap(tmp_path, monkeypatch):
    from reportlab.pdfgen import canvas

    path = tmp_path / "页数太多.pdf"
    page = canvas.Canvas(str(path))
    for number in range(5):
        page.drawString(100, 700, f"page {number}")
        page.showPage()
    page.save()
    monkeypatch.setattr(caps, "MAX_PAGES", 3)  # handed to the reading worker with the job
    assert "5 页" in refused(path, NoticeTooLargeError)


def test_a_reading_that_does_not_finish_is_stopped_and_named(tmp_path, monkeypatch, docx_bytes):
    path = tmp_path / "卡住.docx"
    path.write_bytes(docx_bytes)
    monkeypatch.setattr(isolation, "READ_SECONDS", 0.001)
    message = str(pytest.raises(InputError, read_notice, path).value)
    assert "卡住.docx" in message and "Word 或 WPS" in message


@pytest.mark.parametrize(("name", "content", "kind", "words"), [
    ("空.docx", b"", EmptyNoticeError, "空文件"),
    ("照片.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, NotNoticeError, "PNG 图片"),
    ("表格.docx", None, NotNoticeError, "电子表格"),
    ("通知.ofd", None, UnsupportedNoticeError, "PDF"),
])
def test_what_is_not_a_notice(tmp_path, name, content, kind, words):
    path = tmp_path / name
    if content is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            if name.endswith(".ofd"):
                archive.writestr("OFD.xml", "<ofd:OFD/>")
            else:
                archive.writestr("xl/workbook.xml", "<workbook/>")
        content = buffer.getvalue()
    path.write_bytes(content)
    assert words in refused(path, kind)


def test_a_folder_is_not_a_notice(tmp_path):
    folder = tmp_path / "通知.docx"
    folder.mkdir()
    assert "文件夹" in refused(folder, NotNoticeError)


def _old_word_file(path: Path) -> Path:
    fib = bytearray(64)
    fib[0:2] = b"\xec\xa5"
    path.write_bytes(ole_bytes({"WordDocument": bytes(fib), "1Table": b"\x00" * 64}))
    return path


def test_an_old_word_file_without_libreoffice_asks_for_docx(tmp_path, monkeypatch):
    monkeypatch.setattr(conversion, "find_soffice", lambda: None)
    message = refused(_old_word_file(tmp_path / "旧通知.doc"), UnsupportedNoticeError)
    assert "另存为" in message and ".docx" in message


def _fake_soffice(tmp_path: Path, body: str) -> Path:
    """A stand-in for LibreOffice: a script taking soffice's arguments."""
    script = tmp_path / "soffice"
    script.write_text(f"#!{sys.executable}\n" + textwrap.dedent(body), encoding="utf-8")
    script.chmod(0o755)
    return script


@pytest.mark.skipif(os.name == "nt", reason="the stand-in for LibreOffice is a POSIX script")
def test_an_old_word_file_is_converted_by_libreoffice(tmp_path, monkeypatch, docx_bytes):
    converted = tmp_path / "converted.docx"
    converted.write_bytes(docx_bytes)
    soffice = _fake_soffice(tmp_path, f"""
        import os, shutil, sys
        out = sys.argv[sys.argv.index("--outdir") + 1]
        os.makedirs(out)
        shutil.copyfile({str(converted)!r}, out + "/notice.docx")
        """)
    monkeypatch.setenv(conversion.SOFFICE_VARIABLE, str(soffice))
    path = _old_word_file(tmp_path / "旧通知.doc")
    document = read_notice(path)
    import hashlib

    assert document.kind == "doc" and document.file_name == "旧通知.doc"
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert document.paragraphs[0].text == hangzhou_notice().title


@pytest.mark.skipif(os.name == "nt", reason="the stand-in for LibreOffice is a POSIX script")
def test_a_conversion_that_hangs_is_stopped(tmp_path, monkeypatch):
    soffice = _fake_soffice(tmp_path, """
        import time
        time.sleep(60)
        """)
    monkeypatch.setenv(conversion.SOFFICE_VARIABLE, str(soffice))
    monkeypatch.setattr(caps, "CONVERT_SECONDS", 1)
    message = refused(_old_word_file(tmp_path / "转换卡住.wps"), NoticeTooLargeError)
    assert "LibreOffice" in message and "1 秒" in message


LIBREOFFICE = conversion.find_soffice()


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed (apt-get install "
                    "libreoffice-writer-nogui): reading a real .doc is skipped")
def test_a_real_doc_saved_by_libreoffice_reads_like_its_docx(tmp_path, docx_bytes):
    import subprocess

    source = tmp_path / "通知.docx"
    source.write_bytes(docx_bytes)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([LIBREOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc",
                    "--outdir", str(tmp_path / "doc"), str(source)], check=True, capture_output=True, timeout=180)
    old, new = read_notice(tmp_path / "doc" / "通知.doc"), read_notice(source)
    assert old.kind == "doc"
    assert [p.text for p in old.paragraphs] == [p.text for p in new.paragraphs]
    # LibreOffice's .doc keeps the list levels and formats but not w:lvlRestart, so 1. … 16. restart under
    # each (一) there; the outline's other labels are as Word shows them.
    assert [p.label for p in old.paragraphs if p.label and not p.label[0].isdigit()] == [
        p.label for p in new.paragraphs if p.label and not p.label[0].isdigit()]
    assert [bool(p.label) for p in old.paragraphs] == [bool(p.label) for p in new.paragraphs]
    assert old.tables[0].grid.rows == new.tables[0].grid.rows
