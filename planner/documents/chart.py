"""Figures drawn with reportlab's graphics: the status counts as tiles, 推进率 by office as bars.

The bars follow the dashboard's chart: each office's bar is split into the four
status colours in proportion to its tasks, and its 推进率 (the share done or on
schedule) is printed at the end. Office names longer than the label column are
shortened with "…". A long list of offices runs over a page break like a table:
as many bars as fit stay on the page, the rest continue on the next one under the
legend again, and the caption stands below the last bar.

Offices print in black and white: the three dark colours then come out as one grey.
So 序时推进 is striped across and 滞后 diagonally (white lines over the colour, in the
bars and in the legend), 已完成 stays solid and 未填报 stays a light grey.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.colors import HexColor, white
from reportlab.platypus import Flowable

from planner.documents.fonts import FANGSONG, HEI
from planner.documents.textflow import Measurer, TextStyle
from planner.documents.wording import on_track_percent
from planner.domain.model import STATUS_COLOURS, Status
from planner.domain.safe_text import safe_text
from planner.domain.status import OfficeSummary

LABEL_SIZE = 10.5
BAR_PITCH = 18.0
BAR_HEIGHT = 11.0
LEGEND_HEIGHT = 20.0
MIN_BARS = 3  # bars that go on a page at the foot of a page, and that continue with the caption on the next
LABEL_SHARE = 0.32
VALUE_WIDTH = 36.0
TILE_HEIGHT = 46.0
STRIPE_PITCH = 3.5  # points between the white lines that tell the dark statuses apart in black and white
STRIPE_WIDTH = 1.0
STRIPES = {Status.ON_TRACK: "across", Status.BEHIND: "diagonal"}


def _string(measurer: Measurer, x: float, y: float, text: str, role: str, size: float, colour=None,
            anchor: str = "start") -> list[String]:
    """Strings in the role's font, with characters it lacks in the bundled font, laid end to end."""
    text = safe_text(text)
    style = TextStyle(role, size, size)
    runs = measurer.runs(text, role)
    width = measurer.width(text, style)
    left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
    found = []
    for font_name, chunk in runs:
        found.append(String(left, y, chunk, fontName=font_name, fontSize=size, fillColor=colour or HexColor("#000000")))
        left += measurer.width(chunk, style)
    return found


def _drawing(measurer: Measurer, width: float, height: float) -> Drawing:
    # reportlab starts a drawing in Helvetica, which would put an unembedded font into the file.
    drawing = Drawing(width, height)
    drawing.initialFontName = measurer.fonts.name(FANGSONG)
    return drawing


def _fit(measurer: Measurer, text: str, width: float, role: str, size: float) -> str:
    style = TextStyle(role, size, size)
    if measurer.width(text, style) <= width:
        return text
    while text and measurer.width(text + "…", style) > width:
        text = text[:-1]
    return text + "…"


def status_tiles(measurer: Measurer, counts: dict[Status, int], width: float) -> Drawing:
    """Four coloured tiles: the count and the name of each status."""
    drawing = _drawing(measurer, width, TILE_HEIGHT)
    gap = 8.0
    tile = (width - gap * (len(Status) - 1)) / len(Status)
    for number, status in enumerate(Status):
        x = number * (tile + gap)
        drawing.add(Rect(x, 0, tile, TILE_HEIGHT, fillColor=HexColor(STATUS_COLOURS[status]), strokeColor=None))
        for item in _string(measurer, x + tile / 2, TILE_HEIGHT - 22, f"{counts[status]}项", HEI, 16, white, "middle"):
            drawing.add(item)
        for item in _string(measurer, x + tile / 2, 8, status.value, HEI, LABEL_SIZE, white, "middle"):
            drawing.add(item)
    return drawing


def _segment(drawing: Drawing, status: Status, x: float, y: float, width: float, height: float) -> None:
    """A rectangle in the status's colour, striped as `STRIPES` says."""
    drawing.add(Rect(x, y, width, height, fillColor=HexColor(STATUS_COLOURS[status]), strokeColor=None))
    for x1, y1, x2, y2 in _stripes(STRIPES.get(status), x, y, width, height):
        drawing.add(Line(x1, y1, x2, y2, strokeColor=white, strokeWidth=STRIPE_WIDTH))


Segment = tuple[float, float, float, float]


def _stripes(kind: str | None, x: float, y: float, width: float, height: float) -> list[Segment]:
    """The white lines over a rectangle: across it, or at 45° clipped to it."""
    if kind == "across":
        count = int(height // STRIPE_PITCH)
        return [(x, y + k * height / (count + 1), x + width, y + k * height / (count + 1)) for k in range(1, count + 1)]
    if kind != "diagonal":
        return []
    found: list[Segment] = []
    offset = STRIPE_PITCH / 2 - height
    while offset < width:
        # The line x' = x + offset + (y' - y), from the bottom edge (or the left) to the top edge (or the right).
        start = max(0.0, offset)
        end = min(width, offset + height)
        if end > start:
            found.append((x + start, y + start - offset, x + end, y + end - offset))
        offset += STRIPE_PITCH * 2 ** 0.5
    return found


def _legend(drawing: Drawing, measurer: Measurer, top: float) -> None:
    x = 0.0
    for status in Status:
        _segment(drawing, status, x, top - 11, 10, 10)
        label = status.value
        for item in _string(measurer, x + 14, top - 10, label, FANGSONG, LABEL_SIZE):
            drawing.add(item)
        x += 14 + measurer.width(label, TextStyle(FANGSONG, LABEL_SIZE, LABEL_SIZE)) + 16


def completion_chart(measurer: Measurer, offices: list[OfficeSummary], width: float,
                     legend: bool = True) -> Drawing:
    """Completion by office: one bar per office split into the status colours, completion at its end."""
    rows = max(1, len(offices))
    height = rows * BAR_PITCH + (LEGEND_HEIGHT if legend else 0) + 4
    drawing = _drawing(measurer, width, height)
    if legend:
        _legend(drawing, measurer, height)
    label_width = width * LABEL_SHARE
    bar_left = label_width + 6
    bar_width = width - bar_left - VALUE_WIDTH
    for number, office in enumerate(offices):
        y = height - (LEGEND_HEIGHT if legend else 0) - (number + 1) * BAR_PITCH
        name = _fit(measurer, office.office, label_width, FANGSONG, LABEL_SIZE)
        for item in _string(measurer, label_width, y + 3, name, FANGSONG, LABEL_SIZE, anchor="end"):
            drawing.add(item)
        x = bar_left
        total = max(office.assigned, 1)
        for status in Status:
            share = office.counts[status] / total
            if share <= 0:
                continue
            _segment(drawing, status, x, y, bar_width * share, BAR_HEIGHT)
            x += bar_width * share
        rate = on_track_percent(office.on_track_rate)
        for item in _string(measurer, width, y + 2, rate, FANGSONG, LABEL_SIZE, anchor="end"):
            drawing.add(item)
    return drawing


def chart_height(offices: int, legend: bool = True) -> float:
    return max(1, offices) * BAR_PITCH + (LEGEND_HEIGHT if legend else 0) + 4


class OfficeBars(Flowable):
    """The completion chart with its caption below, cut between bars at a page break."""

    def __init__(self, measurer: Measurer, offices: list[OfficeSummary], caption: Flowable):
        super().__init__()
        self.measurer = measurer
        self.offices = offices
        self.caption = caption

    def _caption_height(self, width: float) -> float:
        return self.caption.wrap(width, 0xFFFFFF)[1]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self._caption_at = self._caption_height(availWidth)
        self.height = chart_height(len(self.offices)) + self._caption_at
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        room = availHeight - chart_height(0) + BAR_PITCH
        fit = min(int((room + 0.01) // BAR_PITCH), len(self.offices) - MIN_BARS)
        if fit < MIN_BARS:
            return []  # too little room here: the chart starts on the next page
        first = completion_chart(self.measurer, self.offices[:fit], availWidth)
        return [first, OfficeBars(self.measurer, self.offices[fit:], self.caption)]

    def draw(self) -> None:
        chart = completion_chart(self.measurer, self.offices, self.width)
        chart.drawOn(self.canv, 0, self._caption_at)
        self.caption.drawOn(self.canv, 0, 0)
