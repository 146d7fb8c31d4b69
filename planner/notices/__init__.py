"""Reading policy notices — Word, PDF, web pages, plain and pasted text — into plans.

Readers turn a file into a `document.NoticeDocument`; the recognition finds the
outline, the tasks, their responsible offices, figures and deadlines, and builds a
`planner.domain.model.Plan`. May import the domain, system, sheets (for appendix
tables) and store layers.
"""
