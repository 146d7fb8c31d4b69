"""A list counter written the way Word writes it for each `w:numFmt` (ECMA-376 ST_NumberFormat).

Notices number their outline with Chinese counting (一、 （一）), decimal (1. （1）),
circled digits (①) and sometimes the heavenly stems (甲、乙); the Western formats
are here as well, and a format not known falls back to decimal as Word does.
"""

from __future__ import annotations

from collections.abc import Callable

_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_TRADITIONAL_DIGITS = "零壹貳參肆伍陸柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _chinese_below_10000(value: int, digits: str, units: tuple[str, str, str], bare_ten: bool) -> str:
    """1…9999 in counting form: 十一, 一百零五, 二千零一十 (units: ten, hundred, thousand).

    `bare_ten` writes 10…19 as 十… rather than 一十…, as a number standing alone does.
    """
    parts: list[str] = []
    zero_pending = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = value // power % 10
        if digit == 0:
            zero_pending = bool(parts)
            continue
        if zero_pending:
            parts.append("零")
            zero_pending = False
        parts.append(digits[digit] + unit)
    text = "".join(parts)
    if bare_ten and 10 <= value < 20 and digits[1] == "一":
        text = text[1:]
    return text


def chinese_counting_thousand(value: int, digits: str = _DIGITS, units: tuple[str, str, str] = ("十", "百", "千"),
                              ten_thousand: str = "万") -> str:
    """Word's chineseCountingThousand: 十一, 一百零五, 一万零一十."""
    if value <= 0:
        return "〇" if value == 0 else str(value)
    high, low = divmod(value, 10000)
    if not high:
        return _chinese_below_10000(low, digits, units, bare_ten=True)
    text = chinese_counting_thousand(high, digits, units, ten_thousand) + ten_thousand
    if low:
        text += ("零" if low < 1000 else "") + _chinese_below_10000(low, digits, units, bare_ten=False)
    return text


def chinese_counting(value: int) -> str:
    """Word's chineseCounting: 一 … 十 十一 … 九十九, then digit by digit (一〇〇)."""
    if 0 < value < 100:
        return _chinese_below_10000(value, _DIGITS, ("十", "百", "千"), bare_ten=True)
    return ideograph_digital(value)


def ideograph_digital(value: int) -> str:
    return "".join(_DIGITS[int(digit)] for digit in str(max(value, 0)))


def roman(value: int) -> str:
    if not 0 < value < 4000:
        return str(value)
    parts = []
    for amount, letters in _ROMAN:
        count, value = divmod(value, amount)
        parts.append(letters * count)
    return "".join(parts)


def letters(value: int) -> str:
    """Word's upperLetter: A … Z, AA … ZZ, AAA … up to 780 (ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ), then digits."""
    if not 0 < value <= 780:
        return str(value)
    return chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def _enclosed(value: int, first: int, last: int, base: int) -> str:
    return chr(base + value - first) if first <= value <= last else str(value)


def _circled(value: int) -> str:
    if 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if 21 <= value <= 35:
        return chr(0x3251 + value - 21)
    if 36 <= value <= 50:
        return chr(0x32B1 + value - 36)
    return str(value)


def _cycle(value: int, signs: str) -> str:
    return signs[(value - 1) % len(signs)] if value > 0 else str(value)


def _full_width(value: int) -> str:
    return "".join(chr(ord(digit) + 0xFEE0) for digit in str(value))


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda v: f"{v:02d}",
    "upperRoman": roman,
    "lowerRoman": lambda v: roman(v).lower(),
    "upperLetter": letters,
    "lowerLetter": lambda v: letters(v).lower(),
    "chineseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting_thousand,
    "taiwaneseCounting": chinese_counting,
    "taiwaneseCountingThousand": chinese_counting_thousand,
    "japaneseCounting": chinese_counting_thousand,
    "ideographDigital": ideograph_digital,
    "taiwaneseDigital": ideograph_digital,
    "chineseLegalSimplified": lambda v: chinese_counting_thousand(v, _LEGAL_DIGITS, ("拾", "佰", "仟"), "万"),
    "ideographLegalTraditional": lambda v: chinese_counting_thousand(v, _LEGAL_TRADITIONAL_DIGITS,
                                                                     ("拾", "佰", "仟"), "萬"),
    "japaneseLegal": lambda v: chinese_counting_thousand(v, _LEGAL_TRADITIONAL_DIGITS, ("拾", "佰", "仟"), "萬"),
    "ideographTraditional": lambda v: _cycle(v, _STEMS),
    "ideographZodiac": lambda v: _cycle(v, _BRANCHES),
    "decimalEnclosedCircle": _circled,
    "decimalEnclosedCircleChinese": _circled,
    "ideographEnclosedCircle": lambda v: _enclosed(v, 1, 10, 0x3280),
    "decimalEnclosedFullstop": lambda v: _enclosed(v, 1, 20, 0x2488),
    "decimalEnclosedParen": lambda v: _enclosed(v, 1, 20, 0x2474),
    "decimalFullWidth": _full_width,
    "decimalFullWidth2": _full_width,
    "decimalHalfWidth": str,
    "none": lambda v: "",
}


def format_number(value: int, number_format: str) -> str:
    """`value` as the list level of format `number_format` shows it; bullets are written by their level text."""
    return _FORMATS.get(number_format, str)(value)
