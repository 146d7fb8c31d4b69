"""The PySide6 interface: windows, Qt item models and dialogs.

Every decision is a call into `planner`; nothing here runs SQL.
"""

from ui.singleton_guard import keep_singletons_alive

# Before any Qt call: see ui.singleton_guard for the PySide6 6.12 / Python 3.11 defect it covers.
keep_singletons_alive()
