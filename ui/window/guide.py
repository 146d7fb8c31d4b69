"""帮助 → 使用说明 (F1): a quarter's work in seven steps, then every menu command that has a key.

The steps are translated text; the list of keys is read from the window's own
actions, so it always says what the keys really are on this computer.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

GUIDE_SIZE = (720, 640)


def typed_on_a_keyboard(key: QKeySequence) -> bool:
    """Leave out the dedicated Undo, Find, Help… keys of some keyboards: the guide names the keys every one has."""
    return key.count() > 0 and key[0].key().value <= Qt.Key.Key_F35.value  # type: ignore[index]


class GuideDialog(QDialog):
    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(self.tr("User guide"))
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setHtml(self.steps_html() + self.keys_html(actions))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(*GUIDE_SIZE)

    def steps(self) -> list[tuple[str, str]]:
        return [
            (self.tr("1. Import the plan"),
             self.tr("File → Import table… (Ctrl+I) reads the appendix table of key tasks; File → Import a "
                     "notice… (Ctrl+Shift+I) reads the notice itself. A file dropped onto the window opens the "
                     "same wizard. Check what each column means and the preview, then press Import. "
                     "File → Open recent lists the files opened last.")),
            (self.tr("2. Check tasks, targets and offices"),
             self.tr("In the target table, Enter, F2 or typing edits a cell; a year's target is read as you "
                     "type. Edit → Offices… adds, deletes, merges and types the offices. Once the plan is "
                     "issued (Edit → Issue the plan…), a changed target asks for the reason of the adjustment.")),
            (self.tr("3. Send the forms out"),
             self.tr("File → Generate fill-in forms… writes one Excel workbook for each responsible office and "
                     "the chosen quarter. Send them to the offices.")),
            (self.tr("4. Take the returns in"),
             self.tr("File → Collect returned forms…, or drop the returned workbooks onto the window. Each file "
                     "is taken whole or refused with the reason, shown under the list.")),
            (self.tr("5. Review"),
             self.tr("In Progress entry, choose the period and the office. Type figures and texts: each is saved "
                     "when you leave the cell or the field, and Ctrl+Z takes it back (Ctrl+Y or Ctrl+Shift+Z "
                     "repeats it). Accept a report with Alt+A; return it with Alt+U and say why.")),
            (self.tr("6. Report"),
             self.tr("Reports → Progress dashboard (Ctrl+D) shows the quarter at a glance; Reports → Quarterly "
                     "progress report… and Office report… make the documents to print or save as PDF. "
                     "Reports → Change log… says who changed what and when.")),
            (self.tr("7. Keep a copy"),
             self.tr("The planner backs up the database on the first start of each day; File → Back up… makes "
                     "a copy whenever you want one. Closing the window asks about anything not yet saved.")),
        ]

    def steps_html(self) -> str:
        parts = [f"<h2>{html.escape(self.tr('A quarter with the planner'))}</h2>"]
        for title, text in self.steps():
            parts.append(f"<h3>{html.escape(title)}</h3><p>{html.escape(text)}</p>")
        return "".join(parts)

    def keys_html(self, actions: Iterable[QAction]) -> str:
        rows = []
        for action in actions:
            keys = [key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
                    if typed_on_a_keyboard(key)]
            if keys:
                name = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")
                name = name.split("(")[0].strip() if name.endswith(")") else name
                rows.append(f"<tr><td>{html.escape(name)}</td><td><b>{html.escape(' / '.join(keys))}</b></td></tr>")
        title = html.escape(self.tr("Keys"))
        return f'<h3>{title}</h3><table cellspacing="0" cellpadding="3">{"".join(rows)}</table>'
