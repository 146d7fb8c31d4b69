"""Reading policy notices — Word, PDF, web pages, plain and pasted text — into plans.

Readers turn a file into a `document.NoticeDocument` (`readers`, `text`); the
recognition (`recognition`, and `items` for what it gives) finds the outline, the
tasks, their responsible offices, figures and deadlines; `edits` are the user's
corrections, `building` makes the `planner.domain.model.Plan`, and `importing`
previews and writes it. May import the domain, system, sheets (for appendix tables)
and store layers, and planner.plans (the question a file imported twice asks).
"""
