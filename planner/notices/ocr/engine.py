"""Tesseract through tesserocr, the optional OCR component: finding it, and what it reads off a page.

tesserocr's wheels carry libtesseract and leptonica for Windows and Linux; the Chinese
model (chi_sim.traineddata, Tesseract's fast LSTM model as Debian packages it) comes from
`resources/ocr/tessdata` in the source tree or the component's own folder when installed.
Nothing here is imported until a scan is read, and then only in the reading worker.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.notices.refusals import ScannedNoticeError
from planner.system import components
from planner.system.resources import resource_path

LANGUAGE = "chi_sim"
MODEL_FILE = f"{LANGUAGE}.traineddata"
COMPONENT_FOLDER = "ocr"  # beside the installed program: the optional component's packages and model

HOW_TO_ADD = ("添加方法：Windows 上重新运行安装程序，在“选择组件”中勾选“扫描件文字识别（OCR）”；"
              "统信 UOS、麒麟等 Linux 上安装 annual-target-planner-ocr 软件包"
              "（sudo apt install ./annual-target-planner-ocr_<版本>_amd64.deb）；"
              "从源代码运行时执行 pip install \".[ocr]\"（python3 dev.py 会自动安装）。")


class OcrMissingError(ScannedNoticeError):
    """A scan or a picture, on a machine without the OCR component."""


class OcrFailedError(ScannedNoticeError):
    """The OCR component is there but could not start (a damaged model file, a missing library)."""


def component_dir() -> Path:
    """Where the installers put the OCR component: beside the program (Windows setup, .deb)."""
    return components.component_dir(COMPONENT_FOLDER)


def model_dir() -> Path | None:
    """The folder holding chi_sim.traineddata: PLANNER_TESSDATA, the component's, the source tree's, the system's."""
    candidates = [os.environ.get("PLANNER_TESSDATA", ""), str(component_dir() / "tessdata"),
                  str(resource_path("ocr", "tessdata")), "/usr/share/tesseract-ocr/5/tessdata",
                  "/usr/share/tesseract-ocr/4.00/tessdata"]
    for candidate in candidates:
        if candidate and (Path(candidate) / MODEL_FILE).is_file():
            return Path(candidate)
    return None


def ocr_available() -> bool:
    """Whether a scan can be read here: tesserocr importable and the Chinese model found (nothing imported)."""
    return components.component_installed(COMPONENT_FOLDER, "tesserocr") and model_dir() is not None


def missing_message(file_name: str, what: str) -> str:
    return (f"文件“{file_name}”是{what}，需要“扫描件文字识别（OCR）”组件才能读取，本机没有安装这个组件。{HOW_TO_ADD}"
            "也可以使用原始的 Word 或 WPS 文件，或从网站上复制通知正文。")


@dataclass(frozen=True)
class Glyph:
    text: str
    confidence: float  # 0 to 1
    box: tuple[int, int, int, int]  # left, top, right, bottom in pixels
    word_start: bool  # the first character of a word: where a space may stand between Latin words


@dataclass(frozen=True)
class TextLine:
    glyphs: tuple[Glyph, ...]
    box: tuple[int, int, int, int]

    @property
    def text(self) -> str:
        return "".join(_spaced(self.glyphs))

    @property
    def confidences(self) -> list[float]:
        """One per character of `text` (a space takes its neighbour's)."""
        values: list[float] = []
        previous = None
        for glyph in self.glyphs:
            if previous is not None and _needs_space(previous, glyph):
                values.append(glyph.confidence)
            values.extend([glyph.confidence] * len(glyph.text))
            previous = glyph
        return values


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _needs_space(previous: Glyph, glyph: Glyph) -> bool:
    return glyph.word_start and _is_latin(previous.text[-1:]) and _is_latin(glyph.text[:1]) and not (
        previous.text[-1:].isdigit() and glyph.text[:1].isdigit())


def _spaced(glyphs: tuple[Glyph, ...]) -> list[str]:
    parts: list[str] = []
    previous = None
    for glyph in glyphs:
        if previous is not None and _needs_space(previous, glyph):
            parts.append(" ")
        parts.append(glyph.text)
        previous = glyph
    return parts


_api: Any = None


def _engine() -> Any:
    """One Tesseract per worker process, kept between pages (starting it reads the model: about 0.5 s)."""
    global _api
    if _api is None:
        components.use_component(COMPONENT_FOLDER)
        folder = model_dir()
        try:
            import tesserocr
        except ImportError as exc:
            raise OcrFailedError(f"文字识别组件无法加载（{exc}）。请重新安装“扫描件文字识别（OCR）”组件。") from None
        if folder is None:
            raise OcrFailedError(f"找不到文字识别模型 {MODEL_FILE}。请重新安装“扫描件文字识别（OCR）”组件。")
        try:
            _api = tesserocr.PyTessBaseAPI(path=str(folder) + os.sep, lang=LANGUAGE, psm=tesserocr.PSM.AUTO)
        except RuntimeError as exc:
            raise OcrFailedError(f"文字识别模型无法加载（{exc}）。请重新安装“扫描件文字识别（OCR）”组件。") from None
    return _api


def read_lines(image: Any, ppi: int, single_block: bool = False) -> list[TextLine]:
    """The text lines Tesseract finds in a grayscale PIL image, each character with its confidence and box.
    `single_block` reads the image as one block of text (a table cell) instead of finding its layout."""
    api = _engine()  # first: in the installed program it puts the component's folder on the path
    import tesserocr

    api.SetPageSegMode(tesserocr.PSM.SINGLE_BLOCK if single_block else tesserocr.PSM.AUTO)
    api.SetImage(image)
    api.SetSourceResolution(ppi)
    api.Recognize()
    lines: list[TextLine] = []
    glyphs: list[Glyph] = []
    iterator = api.GetIterator()
    level = tesserocr.RIL.SYMBOL
    for symbol in tesserocr.iterate_level(iterator, level):
        text = _symbol_text(symbol, level)
        box = symbol.BoundingBox(level)
        if not text or box is None:
            continue
        if symbol.IsAtBeginningOf(tesserocr.RIL.TEXTLINE) and glyphs:
            lines.append(_line(glyphs))
            glyphs = []
        glyphs.append(Glyph(text.strip(), max(0.0, min(1.0, symbol.Confidence(level) / 100)), tuple(box),
                            bool(symbol.IsAtBeginningOf(tesserocr.RIL.WORD))))
    if glyphs:
        lines.append(_line(glyphs))
    api.Clear()
    return [line for line in lines if line.text.strip()]


def _symbol_text(symbol: Any, level: Any) -> str:
    """A symbol's text; "" for a symbol Tesseract found but read as nothing (tesserocr raises for that)."""
    try:
        return symbol.GetUTF8Text(level) or ""
    except RuntimeError:
        return ""


def _line(glyphs: list[Glyph]) -> TextLine:
    kept = tuple(glyph for glyph in glyphs if glyph.text)
    left = min((glyph.box[0] for glyph in kept), default=0)
    top = min((glyph.box[1] for glyph in kept), default=0)
    right = max((glyph.box[2] for glyph in kept), default=0)
    bottom = max((glyph.box[3] for glyph in kept), default=0)
    return TextLine(kept, (left, top, right, bottom))
