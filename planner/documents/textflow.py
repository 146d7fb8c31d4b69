"""Chinese line breaking and drawing for the reports' body text and table cells.

reportlab's Paragraph (wordWrap='CJK') breaks Chinese text too, but it parses
markup for every cell and cannot draw each character in a font that has it; a
2,000-row table has some 20,000 cells. This module measures each character once
per font, finds the break with a bisection over the running widths, and then
applies the Chinese line-breaking rules (禁则): closing punctuation never starts a
line, opening brackets never end one, and a run of Latin letters and digits (a
number such as 53426 or 12.5%) is not split unless it is longer than the line.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.colors import HexColor
from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.pdfbase.pdfmetrics import getFont

from planner.documents.fonts import ReportFonts
from planner.domain.safe_text import safe_text

CANNOT_START = frozenset(ALL_CANNOT_START + "，。、；：？！）》」』】〕〉’”…—·％‰,.;:?!)]}%").difference("\"'")
CANNOT_END = frozenset(ALL_CANNOT_END + "（《「『【〔〈‘“([{").difference("\"'")
STRAIGHT_QUOTES = frozenset("\"'")  # opening or closing by their order in the paragraph
WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.%‰-_/+")
MAX_PULL_BACK = 3  # characters moved to the next line to keep a closing mark off its start (or an opening one
# off the end): a longer run of them breaks where the line is full, so that every line stays full
CELL_TEXT_LIMIT = 32_767  # characters of one table cell or paragraph laid out, as many as a spreadsheet cell holds
CUT_MARK = "…（以下从略）"
FAKE_BOLD_STROKE = 0.03  # outline width per point of size that makes a regular face read as bold


@dataclass(frozen=True)
class TextStyle:
    role: str
    size: float
    leading: float
    char_space: float = 0.0  # added after every character (negative: the official 28-per-line grid)
    colour: str = "#000000"
    bold: bool = False


@dataclass(frozen=True)
class Line:
    text: str
    width: float  # at the style's size, with character spacing
    hard_end: bool = False  # the text ends here or a newline follows: never justified


class Measurer:
    """Character widths of one role (its own font, else the bundled one), cached per role."""

    def __init__(self, fonts: ReportFonts):
        self.fonts = fonts
        self._widths: dict[str, dict[str, float]] = {}
        self._pdf_fonts: dict[str, object] = {}
        # (font, subset) → the name the document gives it; a measurer serves one document only.
        self.subset_names: dict[tuple[str, int], str] = {}
        # (font, text) → its Tf … Tj operators, SIZE_MARK for the type size: the same words (本期未填报。, an
        # office's name) come back thousands of times in a long table, and a character keeps its code once given.
        self.shown: dict[tuple[str, str], str] = {}

    def pdf_font(self, name: str):
        font = self._pdf_fonts.get(name)
        if font is None:
            font = self._pdf_fonts[name] = getFont(name)
        return font

    def _learn(self, role: str, text: str, table: dict[str, float]) -> None:
        """Measure the characters of `text` not measured yet, each in the font that will draw it."""
        own, bundled = self.fonts.font(role), self.fonts.bundled
        for ch in set(text).difference(table):
            font = own if ch in own.covered or ch not in bundled.covered else bundled
            table[ch] = font.advance(ch)

    def advances(self, text: str, style: TextStyle) -> list[float]:
        table = self._widths.setdefault(style.role, {})
        try:
            per_point = list(map(table.__getitem__, text))
        except KeyError:
            self._learn(style.role, text, table)
            per_point = list(map(table.__getitem__, text))
        size, space = style.size, style.char_space
        return [w * size + space for w in per_point]

    def width(self, text: str, style: TextStyle) -> float:
        return sum(self.advances(text, style))

    def runs(self, text: str, role: str) -> list[tuple[str, str]]:
        """(font name, text) runs: the role's font where it has the glyph, the bundled font elsewhere."""
        own = self.fonts.font(role)
        if own is self.fonts.bundled or set(text) <= own.covered:
            return [(own.name, text)]
        covered, bundled = own.covered, self.fonts.bundled.name
        return [(own.name if has else bundled, "".join(chars))
                for has, chars in itertools.groupby(text, key=lambda ch: ch in covered or ch.isspace())]


def clean_text(text: str) -> str:
    """Line breaks as \\n, tabs as spaces, and no character `planner.domain.safe_text` removes (a box in the PDF)."""
    return safe_text(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")


def bounded(text: str, limit: int = CELL_TEXT_LIMIT) -> str:
    """`text`, or its first `limit` characters and CUT_MARK: the layout of one cell never grows without end
    (a 5 MB cell would take minutes and gigabytes); the database keeps the whole text."""
    return text if len(text) <= limit else text[:limit] + CUT_MARK


def _opening_quote(text: str, index: int) -> bool:
    """Whether the straight quote at `index` opens a quotation: the first, third, … of its kind in the paragraph."""
    return text.count(text[index], 0, index) % 2 == 0


def _cannot_start(text: str, index: int) -> bool:
    ch = text[index]
    if ch in STRAIGHT_QUOTES:
        return not _opening_quote(text, index)
    return ch in CANNOT_START


def _cannot_end(text: str, index: int) -> bool:
    ch = text[index]
    if ch in STRAIGHT_QUOTES:
        return _opening_quote(text, index)
    return ch in CANNOT_END


def _legal(text: str, start: int, stop: int) -> bool:
    """A break at `stop` (the next line starting there) obeys the rules and keeps a run of digits or letters whole."""
    return (stop > start and not _cannot_start(text, stop) and not _cannot_end(text, stop - 1)
            and not (text[stop] in WORD and text[stop - 1] in WORD))


def _adjust_break(text: str, start: int, end: int) -> int:
    """Move a break at `end` back so that it obeys the line-breaking rules; never to `start`.

    Marks move with their neighbour up to MAX_PULL_BACK characters; a run of digits or letters (53426,
    12.5%) moves whole unless it fills the line. Each move is checked against every rule again, so that
    keeping "12349" whole does not leave the “ before it at the end of the line.
    """
    candidate, steps = end, 0
    while candidate > start:
        if _legal(text, start, candidate):
            return candidate
        if text[candidate] in WORD and text[candidate - 1] in WORD:
            while candidate > start and text[candidate] in WORD and text[candidate - 1] in WORD:
                candidate -= 1  # the whole run moves, however long, unless it fills the line
        elif steps < MAX_PULL_BACK:
            candidate, steps = candidate - 1, steps + 1
        else:
            break
    # Nothing legal within reach (a run of marks, or a word as long as the line): the least bad place.
    for candidate in range(end, max(start, end - MAX_PULL_BACK - 1), -1):
        if not (text[candidate] in WORD and text[candidate - 1] in WORD) and not _cannot_start(text, candidate):
            return candidate
    return end


def break_positions(text: str, advances: list[float], first_width: float, width: float) -> list[tuple[int, int, bool]]:
    """(start, stop, last) of each line of one paragraph: the characters text[start:stop] fit the line's room."""
    found: list[tuple[int, int, bool]] = []
    running = [0.0, *itertools.accumulate(advances)]
    start, n = 0, len(text)
    while start < n:
        room = first_width if not found else width
        end = bisect.bisect_right(running, running[start] + room + 1e-6) - 1
        if end >= n:
            found.append((start, n, True))
            break
        end = _adjust_break(text, start, max(end, start + 1))
        stop = end
        while stop > start + 1 and text[stop - 1] == " ":
            stop -= 1
        found.append((start, stop, False))
        start = end
        while start < n and text[start] == " ":
            start += 1
    return found


def break_lines(text: str, width: float, style: TextStyle, measurer: Measurer, first_indent: float = 0.0) -> list[Line]:
    """The lines of `text` in a column `width` wide; `first_indent` shortens the first line of each paragraph."""
    lines: list[Line] = []
    for paragraph in clean_text(text).split("\n"):
        if not paragraph:
            lines.append(Line("", 0.0, True))
            continue
        advances = measurer.advances(paragraph, style)
        total = sum(advances)
        if total <= width - first_indent + 1e-6:
            lines.append(Line(paragraph, total, True))
            continue
        for start, stop, last in break_positions(paragraph, advances, width - first_indent, width):
            lines.append(Line(paragraph[start:stop], sum(advances[start:stop]), last))
    return lines


@lru_cache(maxsize=64)
def colour_operands(colour: str) -> str:
    """"r g b" of a #RRGGBB colour, for the rg and RG operators."""
    value = HexColor(colour)
    return f"{value.red:.3f} {value.green:.3f} {value.blue:.3f}"


def text_operators(canvas, measurer: Measurer, line: Line, x: float, baseline: float, style: TextStyle,
                   extra_space: float = 0.0) -> str:
    """The PDF operators that draw one line, for a BT … ET block.

    Written directly rather than through reportlab's text object: a long table has tens of
    thousands of lines, and without reportlab's C accelerator its number formatting alone
    takes seconds.
    """
    parts = [f"{style.char_space + extra_space:.3f} Tc 1 0 0 1 {x:.2f} {baseline:.2f} Tm"]
    size = f"{style.size:.2f}"
    shown = measurer.shown
    for font_name, chunk in measurer.runs(line.text, style.role):
        operators = shown.get((font_name, chunk))
        if operators is None:
            operators = shown[(font_name, chunk)] = _show_operators(canvas._doc, measurer, font_name, chunk)
        parts.append(operators.replace(SIZE_MARK, size))
    return " ".join(parts)


SIZE_MARK = "\0"  # never in an escaped string, where a NUL is written \\000

# PDF string escapes, as reportlab writes them: \ ( ) escaped, bytes outside printable ASCII in octal.
PDF_ESCAPES = {code: f"\\{code:03o}" if code < 32 or code >= 127 else "\\" + chr(code) if chr(code) in "\\()"
               else chr(code) for code in range(256)}


def _show_operators(doc, measurer: Measurer, font_name: str, chunk: str) -> str:
    """`chunk` in `font_name` as Tf … Tj operators, one per subset, with SIZE_MARK for the type size."""
    font = measurer.pdf_font(font_name)
    subset_names = measurer.subset_names
    operators = []
    for subset, encoded in font.splitString(chunk, doc):
        name = subset_names.get((font_name, subset))
        if name is None:
            name = subset_names[(font_name, subset)] = font.getSubsetInternalName(subset, doc)
        text = encoded.decode("latin-1") if isinstance(encoded, bytes) else encoded
        operators.append(f"{name} {SIZE_MARK} Tf ({text.translate(PDF_ESCAPES)}) Tj")
    return " ".join(operators)


def text_block(style: TextStyle, lines: list[str]) -> str:
    """Lines of text operators wrapped in a text object with the style's colour (and outline for bold)."""
    colour = colour_operands(style.colour)
    head = f"q BT {colour} rg"
    if style.bold:
        head += f" {colour} RG {style.size * FAKE_BOLD_STROKE:.3f} w 2 Tr"
    return f"{head} {' '.join(lines)} ET Q"


def draw_line(canvas, measurer: Measurer, line: Line, x: float, baseline: float, style: TextStyle,
              extra_space: float = 0.0) -> None:
    """Draw one line at `x` with its baseline at `baseline`; `extra_space` widens each gap (justification)."""
    if line.text:
        canvas._code.append(text_block(style, [text_operators(canvas, measurer, line, x, baseline, style,
                                                              extra_space)]))


def ascent(measurer: Measurer, style: TextStyle) -> float:
    return measurer.fonts.font(style.role).ascent * style.size
