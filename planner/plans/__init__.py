"""Plans: importing an appendix into the database, building and editing plans by hand (structure,
task texts, targets, offices, adjustments) and filtering their tasks. Imports the other services
(offices, progress, exchange, documents), sheets, store, system and domain.
"""
