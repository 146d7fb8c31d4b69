"""The choices that make the notice wizard recognise the notice again: the section holding the tasks, who
leads where the notice does not say, and whether the tasks come from the text or the appendix table."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from planner.notices.items import ItemRole, RecognisedNotice, RecognitionSettings
from planner.notices.outline import OutlineWalk, Style, origin_of
from planner.notices.responsibility import LeadRule

MAX_HEADING_CHARS = 40  # a numbered paragraph longer than this is an item, not a heading
_HEADING_STYLES = (Style.PART, Style.CHINESE, Style.PAREN_CHINESE)
_SHOWN_HEADING_CHARS = 24


def heading_choices(recognised: RecognisedNotice) -> list[tuple[str, str]]:
    """(origin, text) of each heading that could hold the tasks: 一、 and （一） lines that read as headings."""
    walk = OutlineWalk()
    choices = []
    for item in recognised.items:
        if item.number is None or item.row is not None:
            continue
        origin = origin_of(walk.enter(item.number))
        heading = item.text[len(item.number.written):].strip()
        if item.number.style in _HEADING_STYLES and len(heading) <= MAX_HEADING_CHARS \
                and not any(mark in heading.rstrip("。") for mark in "。；;，,"):
            choices.append((origin, f"{item.number.canonical}{heading}"))
    return choices


class RecognitionBar(QWidget):
    """Emits `settings_chosen(RecognitionSettings)` when the clerk picks another choice."""

    settings_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.section_box = QComboBox(self)
        self.section_box.setObjectName("taskSectionBox")
        self.section_box.setMinimumContentsLength(18)
        self.section_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.lead_box = QComboBox(self)
        self.lead_box.setObjectName("leadRuleBox")
        # Qt keeps an enum of str as its plain value: the boxes hold values, read back as enums.
        self.lead_box.addItem(self.tr("The first office listed"), LeadRule.FIRST.value)
        self.lead_box.addItem(self.tr("Every office listed"), LeadRule.ALL.value)
        self.source_box = QComboBox(self)
        self.source_box.setObjectName("tasksFromBox")
        for text, value in ((self.tr("Found automatically"), "auto"), (self.tr("Numbered items of the text"), "body"),
                            (self.tr("Rows of the appendix table"), "appendix"), (self.tr("Both"), "both")):
            self.source_box.addItem(text, value)
        self._settings = RecognitionSettings()
        self._showing = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, box in ((self.tr("Tas&ks are under:"), self.section_box),
                           (self.tr("&Where it does not say, the lead is:"), self.lead_box),
                           (self.tr("Tasks &from:"), self.source_box)):
            caption = QLabel(label, self)
            caption.setBuddy(box)
            layout.addWidget(caption)
            layout.addWidget(box, 1 if box is self.section_box else 0)
            box.currentIndexChanged.connect(self._chosen)
        layout.addStretch(0)

    def show_settings(self, recognised: RecognisedNotice | None) -> None:
        """Offer the headings of `recognised` and select the settings it was recognised with."""
        self._showing = True
        try:
            self.section_box.clear()
            self.section_box.addItem(self.tr("Found automatically"), "")
            if recognised is None:
                return
            settings = self._settings = recognised.settings
            for origin, text in heading_choices(recognised):
                shown = text if len(text) <= _SHOWN_HEADING_CHARS else text[:_SHOWN_HEADING_CHARS] + "…"
                self.section_box.addItem(shown, origin)
            picked = settings.task_sections[0] if settings.task_sections else ""
            self.section_box.setCurrentIndex(max(0, self.section_box.findData(picked)))
            self.lead_box.setCurrentIndex(max(0, self.lead_box.findData(settings.lead_rule.value)))
            self.source_box.setCurrentIndex(max(0, self.source_box.findData(settings.tasks_from)))
            has_table = any(item.row is not None or item.role is ItemRole.APPENDIX for item in recognised.items)
            self.source_box.setEnabled(has_table)
        finally:
            self._showing = False

    def settings(self) -> RecognitionSettings:
        section = self.section_box.currentData() or ""
        return replace(self._settings, task_sections=(section,) if section else (),
                       lead_rule=LeadRule(self.lead_box.currentData() or LeadRule.FIRST.value),
                       tasks_from=self.source_box.currentData() or "auto")

    def _chosen(self) -> None:
        if not self._showing:
            self.settings_chosen.emit(self.settings())
