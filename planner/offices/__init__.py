"""Offices (单位): editing them, merging two into one, and suggesting which to merge. Imports the
other services (plans, progress, exchange, documents), sheets, store, system and domain.
"""
