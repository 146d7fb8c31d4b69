"""Reading appendix spreadsheets (xlsx, xls, ods, csv) and turning them into plans. Imports only
planner.system and planner.domain: reading a file never touches the database.

`readers.read_workbook` opens any supported file as a `Workbook` of `Grid`s,
`layout.detect_layout` finds the header and what each column means,
`appendix.build_plan` turns the rows into a `planner.domain.model.Plan`, and
`breakdown` reads per-office breakdown sheets. `planner.plans.importing` ties them
to the database.
"""
