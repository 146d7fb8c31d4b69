"""The workbooks that travel between offices: fill-in forms, collecting the returns, a received form
on the office's side, the export and the reminder list. Imports the other services (plans, offices,
progress, documents), sheets, store, system and domain.
"""
