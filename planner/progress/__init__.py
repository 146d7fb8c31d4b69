"""Progress reports: checking and recording a return, reviewing it (退回), and its evidence files.
Imports the other services (plans, offices, exchange, documents), sheets, store, system and domain.
"""
