"""单位管理's 新增, 删除 and 检查类型: the buttons, their dialogs and their undoable commands."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QLineEdit, QPushButton

from planner.domain.model import Office
from planner.offices.register import kind_proposals, set_office_kinds
from ui.common.done_command import push_done
from ui.offices.commands import AddOfficeCommand, DeleteOfficeCommand, OfficeEditCommand
from ui.offices.kinds_dialog import KindsDialog

if TYPE_CHECKING:
    from ui.offices.dialog import OfficeDialog

REFUSED_STYLE = "color: #C62828;"


class RegisterActions(QObject):
    def __init__(self, dialog: OfficeDialog):
        super().__init__(dialog)
        writable = not dialog.store.readonly
        self.add_button = QPushButton(self.tr("&Add…"), dialog)
        self.delete_button = QPushButton(self.tr("&Delete"), dialog)
        self.kinds_button = QPushButton(self.tr("&Kinds from names…"), dialog)
        self.kinds_button.setToolTip(self.tr("Offer county-level and township kinds where the names say so "
                                               "(…区, …县, …市; …乡, …镇, …街道)"))
        for button, slot in ((self.add_button, self.add), (self.delete_button, self.delete_selected),
                             (self.kinds_button, self.review_kinds)):
            button.setEnabled(writable)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())

    @property
    def dialog(self) -> OfficeDialog:
        # Read from the parent rather than kept: a reference here would keep a deleted dialog's wrapper alive.
        return cast("OfficeDialog", self.parent())

    def buttons(self) -> list[QPushButton]:
        return [self.add_button, self.delete_button, self.kinds_button]

    def refresh_hint(self) -> None:
        """Say how many kinds the names contradict, so the offer is seen without opening anything."""
        count = len(kind_proposals(self.dialog.store))
        self.kinds_button.setText(self.tr("&Kinds from names (%1)…").replace("%1", str(count)) if count
                                  else self.tr("&Kinds from names…"))

    def add(self, name: str | None = None) -> bool:
        dialog = self.dialog
        if name is None:
            name, ok = QInputDialog.getText(dialog, self.tr("New office"), self.tr("Name of the new office:"),
                                            QLineEdit.EchoMode.Normal)
            if not ok or not name.strip():
                return False
        command = AddOfficeCommand(dialog.context, name, self.tr("Add office %1").replace("%1", name.strip()))
        if not push_done(dialog.undo_stack, command, dialog.show_error):
            return False
        assert command.office_id is not None, "a pushed addition has its id"
        dialog.select_office(command.office_id)
        return True

    def delete_selected(self) -> bool:
        """删除: the selected office, or the reason it is kept, shown under the list (nothing is deleted then)."""
        dialog = self.dialog
        selected = dialog.selected_offices()
        if not selected:
            dialog.show_message(self.tr("Choose the office to delete in the list."))
            return False
        office = selected[0]
        name = dialog.model.name_of(office)
        refusals: list[str] = []
        command = DeleteOfficeCommand(dialog.context, office, self.tr("Delete office %1").replace("%1", name),
                                      dialog.model.office(office))
        if push_done(dialog.undo_stack, command, refusals.append, dialog.offer_reload):
            dialog.show_message(self.tr("%1 deleted.").replace("%1", name))
            return True
        dialog.show_message(" ".join(refusals), REFUSED_STYLE)
        return False

    def review_kinds(self, accept: bool | None = None) -> int:
        """检查类型: how many kinds were changed after the clerk ticked them (none without the clerk's OK)."""
        dialog = self.dialog
        proposals = kind_proposals(dialog.store)
        if not proposals:
            dialog.show_message(self.tr("Every kind agrees with its office's name."))
            return 0
        chooser = KindsDialog(proposals, dialog.model.kind_labels(), dialog)
        if chooser.exec() != KindsDialog.DialogCode.Accepted:
            return 0
        kinds = chooser.chosen()
        seen = [Office(name=name, id=office_id, kind=kind) for office_id, name, kind, _ in proposals]
        command = OfficeEditCommand(dialog.context, lambda store: set_office_kinds(store, kinds, seen),
                                    self.tr("Kinds of %1 offices").replace("%1", str(len(kinds))))
        if not push_done(dialog.undo_stack, command, dialog.show_error, dialog.offer_reload):
            return 0
        dialog.show_message(self.tr("%1 kinds changed.").replace("%1", str(len(command.changes))))
        return len(command.changes)
