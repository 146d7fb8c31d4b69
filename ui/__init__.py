"""The PySide6 interface: windows, Qt item models and dialogs.

Every decision is a call into `planner`; nothing here runs SQL.
"""

from ui.none_guard import keep_none_alive

# Before any Qt call: see ui.none_guard for the PySide6 6.12 / Python 3.11 defect it covers.
keep_none_alive()
