"""How a target was understood, in words: shared by the table tooltips and the detail pane."""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from planner.domain.errors import PlannerError
from planner.domain.model import Target
from planner.domain.periods import parse_period
from planner.domain.target_text import KIND_LABELS
from ui.common.language import is_chinese

COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", "=": "="}


def format_number(value: float) -> str:
    if value.is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def quantity_text(target: Target) -> str:
    """`≥53426张`, or an empty string when the target states no quantity."""
    if target.value is None:
        return ""
    sign = COMPARATOR_SIGNS.get(target.comparator or "", "")
    return f"{sign}{format_number(target.value)}{target.unit or ''}"


def kind_label(kind: str) -> str:
    # planner labels the kinds in Chinese only; English mode shows the kind's own name.
    return KIND_LABELS.get(kind, kind) if is_chinese() else kind


def period_label(code: str) -> str:
    try:
        period = parse_period(code)
    except (ValueError, PlannerError):
        return code  # a stored period the parser no longer accepts is still worth showing as written
    return period.label if is_chinese() else period.label_en


def understood_as(target: Target) -> str:
    """One line: the quantity, the kind and the deadline the target text was read as."""
    quantity = quantity_text(target)
    if quantity:
        line = QCoreApplication.translate("TargetText", "Understood as: %1 (%2)")
        line = line.replace("%1", quantity).replace("%2", kind_label(target.kind))
    else:
        line = QCoreApplication.translate("TargetText", "Understood as: %1").replace("%1", kind_label(target.kind))
    if target.deadline_year:
        due = QCoreApplication.translate("TargetText", ", due by the end of %1")
        line += due.replace("%1", str(target.deadline_year))
    return line


def office_count_text(count: int) -> str:
    return QCoreApplication.translate("TargetText", "Per-office targets: %1").replace("%1", str(count))


def tooltip_html(paragraphs: Iterable[str]) -> str:
    """Rich text so that Qt wraps long tooltips instead of drawing one screen-wide line."""
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)


def target_tooltip(target: Target, office_targets: int) -> str:
    lines = [target.text, understood_as(target)]
    if office_targets:
        lines.append(office_count_text(office_targets))
    return tooltip_html(lines)


def filled(template: str, *values: str) -> str:
    """`template` with %1, %2 … replaced by `values`."""
    for number, value in enumerate(values, start=1):
        template = template.replace(f"%{number}", value)
    return template


def target_reading(target: Target | None) -> tuple[str, bool]:
    """How a target is understood, in one line, and whether it states a single quantity."""
    if target is None or not target.text.strip():
        return QCoreApplication.translate("TargetText", "Empty: the target will be removed"), True
    if target.value is None:
        line = QCoreApplication.translate("TargetText",
                                          "No single quantity found: it will be saved as a text target (%1)")
        return filled(line, kind_label(target.kind)), False
    parts = [filled(QCoreApplication.translate("TargetText", "Number %1"), format_number(target.value))]
    if target.unit:
        parts.append(filled(QCoreApplication.translate("TargetText", "unit %1"), target.unit))
    if target.comparator:
        sign = COMPARATOR_SIGNS.get(target.comparator, target.comparator)
        parts.append(filled(QCoreApplication.translate("TargetText", "comparison %1"), sign))
    parts.append(filled(QCoreApplication.translate("TargetText", "kind %1"), kind_label(target.kind)))
    if target.deadline_year:
        parts.append(filled(QCoreApplication.translate("TargetText", "by the end of %1"), str(target.deadline_year)))
    return " · ".join(parts), True
