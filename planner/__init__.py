"""Core of the annual target planner: domain model, storage, spreadsheets, reports.

Nothing in this package imports Qt; the GUI in `ui/` and the command line in
`planner.cli` both call into it.
"""
