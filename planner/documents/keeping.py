"""What a page break must not separate, as GB/T 9704-2012 and a careful typist keep it.

- `KeepWithNext(lead, follower)`: a heading, or the 附件 label and title, stands on
  a page only with the start of what follows: two lines of a paragraph, a table's
  header with its first row (a row too tall for the rest of the page is cut between
  lines, rather than the heading left alone on an otherwise empty page), a whole
  figure. The follower's remaining lines run on as usual, so a heading no longer
  drags a long paragraph to the next page and leaves half a page blank.
- `Closing(body, tail)`: the 附件说明, 署名 and 成文日期 (the tail) stay together on
  one page, with at least the last two lines of the body above them: the page that
  takes the seal always carries text of the body (GB/T 9704-2012 7.3.5).

Each is drawn as one block where it fits whole; otherwise platypus asks it to
`split`, and it decides what stays on the page and what moves on.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from planner.documents.page_geometry import LINE_PITCH

MIN_LINES = 2  # lines of a paragraph that go with the heading above it, or with the signature below it
UNBOUNDED = 0xFFFFFF  # a height no page has: for measuring a flowable whole
FUZZ = 0.01


def whole_height(flowable: Flowable, width: float) -> float:
    method = getattr(flowable, "whole_height", None)
    if method is not None:
        return method(width)
    return flowable.wrap(width, UNBOUNDED)[1]


def start_height(flowable: Flowable, width: float) -> float:
    """The least of `flowable` that may stand at the foot of a page: its `min_start`, else all of it."""
    method = getattr(flowable, "min_start", None)
    if method is not None:
        return method(width)
    return whole_height(flowable, width)


def _at_top(flowable: Flowable) -> bool:
    frame = getattr(flowable, "_frame", None)
    return frame is None or bool(frame._atTop)


def _frame_height(flowable: Flowable, fallback: float) -> float:
    frame = getattr(flowable, "_frame", None)
    return fallback if frame is None else frame._y2 - frame._y1p


def _split(flowable: Flowable, width: float, room: float, force: bool, frame) -> list[Flowable]:
    """`flowable` cut so that its first part fits `room`; with `force`, also where it would rather move whole."""
    flowable._frame = frame  # where the cut is asked for: a table cuts a tall row only near the top of a page
    method = getattr(flowable, "split_forced", None) if force else None
    if method is not None:
        return method(width, room)
    return flowable.split(width, room)


class _Block(Flowable):
    """Flowables drawn one below the other, where they fit as a whole."""

    def parts(self) -> list[Flowable]:
        raise NotImplementedError

    def whole_height(self, width: float) -> float:
        return sum(whole_height(f, width) for f in self.parts())

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self._heights = [f.wrap(availWidth, UNBOUNDED)[1] for f in self.parts()]
        self.height = sum(self._heights)
        return self.width, self.height

    def draw(self) -> None:
        top = self.height
        for flowable, height in zip(self.parts(), self._heights):
            top -= height
            flowable.drawOn(self.canv, 0, top)


class KeepWithNext(_Block):
    def __init__(self, lead: list[Flowable], follower: Flowable):
        super().__init__()
        self.lead = lead
        self.follower = follower

    def __repr__(self) -> str:
        return f"KeepWithNext({self.lead!r}, {self.follower!r})"

    def parts(self) -> list[Flowable]:
        return [*self.lead, self.follower]

    def _lead_height(self, width: float) -> float:
        return sum(whole_height(f, width) for f in self.lead)

    def min_start(self, width: float) -> float:
        return self._lead_height(width) + start_height(self.follower, width)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return self._split(availWidth, availHeight, force=False)

    def split_forced(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return self._split(availWidth, availHeight, force=True)

    def _split(self, width: float, room: float, force: bool) -> list[Flowable]:
        left = room - self._lead_height(width)
        follower = self.follower
        if whole_height(follower, width) <= left + FUZZ:
            return [*self.lead, follower]
        at_top = force or _at_top(self)
        if left + FUZZ >= start_height(follower, width) or at_top:
            parts = _split(follower, width, left, True, getattr(self, "_frame", None)) if left > FUZZ else []
            if parts:
                return [*self.lead, *parts]
            if at_top:
                return [*self.lead, follower]  # nothing of it fits beside the lead on any page: unavoidable
        return []  # the lead and the start of its follower move to the next page together


class Closing(_Block):
    def __init__(self, body: Flowable | None, tail: list[Flowable]):
        super().__init__()
        self.body = body
        self.tail = tail

    def __repr__(self) -> str:
        return f"Closing({self.body!r}, {self.tail!r})"

    def parts(self) -> list[Flowable]:
        return ([] if self.body is None else [self.body]) + self.tail

    def min_start(self, width: float) -> float:
        return self.whole_height(width)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        width, room = availWidth, availHeight
        tail = sum(whole_height(f, width) for f in self.tail)
        body = self.body
        at_top = _at_top(self)
        if body is None:
            return list(self.tail) if at_top else []
        if tail + MIN_LINES * LINE_PITCH > _frame_height(self, room) + FUZZ:
            return [body, *self.tail]  # a tail too long to share a page with the body: it runs on as it comes
        # The body fills this page, short of its last lines, which go on with the tail.
        limit = min(room, whole_height(body, width) - MIN_LINES * LINE_PITCH)
        parts = _split(body, width, limit, False, getattr(self, "_frame", None)) if limit > FUZZ else []
        if len(parts) >= 2:
            return [*parts[:-1], Closing(parts[-1], self.tail)]
        if at_top:
            return [body, *self.tail]
        return []  # the body's last lines and the tail move to the next page together
