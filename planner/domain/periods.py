"""Reporting periods: a whole year or one quarter of it.

The canonical code ("2021", "2021Q3") is what the database and JSON files hold;
labels are what people read. Parsing is lenient because periods are typed by hand
and copied out of spreadsheets, where full-width digits and Chinese quarter names
are common.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from planner.domain.errors import InputError

MIN_YEAR = 1949
MAX_YEAR = 2100

_CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                   "八": 8, "九": 9}
_QUARTER_NAMES = {1: "一", 2: "二", 3: "三", 4: "四"}

# Quarter digits accept 0-9 and any Chinese digit on purpose: "2021Q5" and "2021年第五季度"
# should be reported as a bad quarter, not as unreadable text.
_YEAR_RE = re.compile(r"([0-9]{4})\s*(?:年度?)?")
_CODE_RE = re.compile(r"([0-9]{4})\s*(?:年度?)?\s*[-_/.]?\s*[Qq]\s*([0-9])")
_CHINESE_RE = re.compile(r"([0-9]{4})\s*年度?\s*[-_/]?\s*第?\s*([0-9〇零一二两三四五六七八九])\s*季度?")

_EXPECTED_FORMS = "应为 2021、2021Q3 或 2021年第三季度"


class PeriodError(InputError, ValueError):
    """A period that cannot be read; the message is shown to the user as is."""


def _quoted(text: object) -> str:
    shown = str(text)
    # Keep the message readable when a whole paragraph was pasted into a period field.
    return shown if len(shown) <= 40 else shown[:40] + "…"


def _check(year: object, quarter: object, source: object) -> None:
    if not isinstance(year, int) or isinstance(year, bool):
        raise PeriodError(f"无法识别的期间：“{_quoted(source)}”（{_EXPECTED_FORMS}）")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"无法识别的期间：“{_quoted(source)}”（年份应在 {MIN_YEAR} 至 {MAX_YEAR} 之间）")
    if quarter is None:
        return
    if not isinstance(quarter, int) or isinstance(quarter, bool) or not 1 <= quarter <= 4:
        raise PeriodError(f"无法识别的期间：“{_quoted(source)}”（季度应为 1 至 4）")


@dataclass(frozen=True, order=True)
class Period:
    """A year (quarter None) or a quarter of a year.

    Periods sort by when they end, so a year comes right after its fourth quarter;
    the sort key is a hidden field because None cannot be compared with a quarter.
    """

    year: int = field(compare=False)
    quarter: int | None = field(default=None, compare=False)
    _key: tuple[int, int] = field(default=(0, 0), init=False, repr=False)

    def __post_init__(self) -> None:
        _check(self.year, self.quarter, f"{self.year}Q{self.quarter}" if self.quarter is not None else self.year)
        object.__setattr__(self, "_key", (self.year, 5 if self.quarter is None else self.quarter))

    @property
    def sort_key(self) -> tuple[int, int]:
        """Orders periods by when they end: a year after its fourth quarter."""
        return self._key

    @property
    def is_year(self) -> bool:
        return self.quarter is None

    @property
    def code(self) -> str:
        return str(self.year) if self.quarter is None else f"{self.year}Q{self.quarter}"

    @property
    def label(self) -> str:
        if self.quarter is None:
            return f"{self.year}年"
        return f"{self.year}年第{_QUARTER_NAMES[self.quarter]}季度"

    @property
    def label_en(self) -> str:
        return str(self.year) if self.quarter is None else f"{self.year} Q{self.quarter}"

    @property
    def expected_share(self) -> float:
        """The share of the year's target due by the end of this period (序时进度)."""
        return 1.0 if self.quarter is None else self.quarter / 4

    def year_period(self) -> Period:
        return Period(self.year)

    def __str__(self) -> str:
        return self.code


def quarters_of(year: int) -> list[Period]:
    return [Period(year, quarter) for quarter in range(1, 5)]


def periods_to(period: Period) -> list[Period]:
    """The quarters of `period`'s year up to and including it; all four for a whole year.

    These are the periods whose reported increments add up to the progress at the
    end of `period`.
    """
    last = 4 if period.quarter is None else period.quarter
    return [Period(period.year, quarter) for quarter in range(1, last + 1)]


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _quarter_digit(char: str) -> int:
    return int(char) if char.isdigit() else _CHINESE_DIGITS[char]


def parse_period(text: str | Period | int) -> Period:
    """Read "2021", "2021Q3", "2021-Q3", "2021年", "2021年第三季度" and similar forms; a Period is returned as is.

    Raises PeriodError, with a message in Chinese, for anything else. The rule for the whole
    program: a period travels as a `Period`; a code is read here once where it enters (an option,
    a combo box's choice, a database row, a cell), and the reading of each distinct text is kept.
    """
    if isinstance(text, Period):
        return text
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str):
        raise PeriodError(f"无法识别的期间：“{_quoted(text)}”（{_EXPECTED_FORMS}）")
    return _read_period(text)


@lru_cache(maxsize=4096)
def _read_period(text: str) -> Period:
    cleaned = _normalise(text)
    for pattern in (_CODE_RE, _CHINESE_RE):
        match = pattern.fullmatch(cleaned)
        if match:
            year, quarter = int(match.group(1)), _quarter_digit(match.group(2))
            _check(year, quarter, text.strip())
            return Period(year, quarter)
    match = _YEAR_RE.fullmatch(cleaned)
    if match:
        year = int(match.group(1))
        _check(year, None, text.strip())
        return Period(year)
    raise PeriodError(f"无法识别的期间：“{_quoted(text.strip())}”（{_EXPECTED_FORMS}）")
