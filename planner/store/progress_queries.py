"""Reading the current reports of a period quickly: one query, plain tuples, office names from memory."""

from __future__ import annotations

import sqlite3

from planner.domain.model import Status
from planner.domain.office_figures import CHOSEN_STATUSES, STATUS_BITS, YearReports, year_periods
from planner.domain.periods import Period, periods_to
from planner.domain.status import ReportFact
from planner.store.dialect import is_server


def _latest_revisions(conn: sqlite3.Connection, source: str, where: str) -> str:
    """The latest revision of each task, office and period among `source`'s reports `r` meeting `where`.

    SQLite returns the bare columns of the row holding max(revision) in each group; PostgreSQL says
    the same with DISTINCT ON.
    """
    columns = "r.task_id, r.office_id, r.period, r.value, r.status, r.review"
    if is_server(conn):
        return (f"SELECT DISTINCT ON (r.task_id, r.office_id, r.period) {columns}, r.revision FROM {source}"
                f" WHERE {where} ORDER BY r.task_id, r.office_id, r.period, r.revision DESC")
    return f"SELECT {columns}, max(r.revision) FROM {source} WHERE {where} GROUP BY r.task_id, r.office_id, r.period"


def report_facts(conn: sqlite3.Connection, plan_id: int, period: Period,
                 task_id: int | None = None) -> list[ReportFact]:
    """The latest revision of every report on the plan (or one task) for `period`'s year up to `period`."""
    codes = [p.code for p in periods_to(period)] + ([period.code] if period.is_year else [])
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: a year of reports can be a few hundred thousand rows
    names = dict(cursor.execute("SELECT id, name FROM offices").fetchall())
    marks = ", ".join("?" * len(codes))
    rows = cursor.execute(
        _latest_revisions(conn, "reports r JOIN tasks t ON t.id = r.task_id",
                          f"t.plan_id = ? AND r.period IN ({marks})"
                          + (" AND r.task_id = ?" if task_id is not None else "")),
        [plan_id, *codes, *([task_id] if task_id is not None else [])],
    ).fetchall()
    statuses = {s.value: s for s in Status}
    return [ReportFact(task_id, names[office_id], code, value, statuses.get(status), review)
            for task_id, office_id, code, value, status, review, _revision in rows]


def deciding_report_facts(conn: sqlite3.Connection, plan_id: int, period: Period) -> list[ReportFact]:
    """Only the reports that decide each task as a whole: its lead offices', the offices with their
    own share of the year's target, and every office's where a task has no lead. Enough for
    `evaluate_tasks`, at a fraction of the reading."""
    codes = [p.code for p in periods_to(period)] + ([period.code] if period.is_year else [])
    cursor = conn.cursor()
    cursor.row_factory = None
    names = dict(cursor.execute("SELECT id, name FROM offices").fetchall())
    marks = ", ".join("?" * len(codes))
    deciding = (
        "SELECT l.task_id, l.office_id FROM task_offices l JOIN tasks t ON t.id = l.task_id"
        " WHERE t.plan_id = ? AND l.role = 'lead'"
        " UNION SELECT g.task_id, g.office_id FROM targets g JOIN tasks t ON t.id = g.task_id"
        " WHERE t.plan_id = ? AND g.period = ? AND g.office_id IS NOT NULL"
        " UNION SELECT r.task_id, r.office_id FROM reports r JOIN tasks t ON t.id = r.task_id"
        " WHERE t.plan_id = ? AND NOT EXISTS"
        " (SELECT 1 FROM task_offices l WHERE l.task_id = t.id AND l.role = 'lead')"
    )
    if is_server(conn):
        # The pairs first, then each pair's reports off the index: the server's estimate of the pairs
        # is far too high, and it would otherwise read the whole period's reports.
        query = (f"WITH d AS MATERIALIZED ({deciding}) SELECT r.task_id, r.office_id, r.period, r.value, r.status,"
                 " r.review, r.revision FROM d CROSS JOIN LATERAL (SELECT DISTINCT ON (x.period) x.* FROM reports x"
                 f" WHERE x.task_id = d.task_id AND x.office_id = d.office_id AND x.period IN ({marks})"
                 " ORDER BY x.period, x.revision DESC) r")
    else:
        query = _latest_revisions(conn, f"({deciding}) d JOIN reports r ON r.task_id = d.task_id"
                                  " AND r.office_id = d.office_id", f"r.period IN ({marks})")
    rows = cursor.execute(
        query,
        [plan_id, plan_id, str(period.year), plan_id, *codes],
    ).fetchall()
    statuses = {s.value: s for s in Status}
    return [ReportFact(task_id, names[office_id], code, value, statuses.get(status), review)
            for task_id, office_id, code, value, status, review, _revision in rows]


def year_reports(conn: sqlite3.Connection, plan_id: int, period: Period) -> YearReports:
    """The counted reports of the plan at the end of `period`, gathered by the database into one row
    per task and office (see `YearReports`): a row per report would cost Python more than the rest
    of the dashboard together."""
    codes = [p.code for p in year_periods(period)]
    position = "CASE r.period " + " ".join(f"WHEN ? THEN {i}" for i in range(len(codes))) + " END"
    chosen = "CASE r.status " + " ".join(f"WHEN ? THEN {i + 1}" for i in range(len(CHOSEN_STATUSES))) + " END"
    values = ", ".join("max(CASE r.period WHEN ? THEN r.value END)" for _ in codes)
    cursor = conn.cursor()
    cursor.row_factory = None
    names = dict(cursor.execute("SELECT id, name FROM offices").fetchall())
    # Within the year the codes lie between the smallest and the largest of them ("2021" < "2021Q1"
    # < … < "2021Q4"), a cheaper test than IN; any other text in between adds nothing to the sums.
    # On the file the + keeps SQLite from trying the index on period, so that the year's reports
    # come off reports_by_year (schema V5) by task and office, the order of the GROUP BY.
    in_year = ("r.task_id IN (SELECT id FROM tasks WHERE plan_id = ?) AND substr(r.period, 1, 4) = ?"
               f" AND {'' if is_server(conn) else '+'}r.period BETWEEN ? AND ?")
    in_year_args = [plan_id, str(period.year), min(codes), max(codes)]
    # Only the latest revision of a report counts, and only when it was not returned. Nearly every
    # report has one revision, so the first revisions are summed by the database, each period in its
    # own bits, without asking of every row whether a newer one exists; the few later revisions are
    # read apart and put in their periods' place (`_later_revisions`).
    first = cursor.execute(
        f"SELECT r.task_id, r.office_id, sum(1 << ({position})),"
        f" sum(CASE WHEN r.status IS NOT NULL THEN ({chosen}) << ({STATUS_BITS} * ({position})) END), {values}"
        f" FROM reports r WHERE {in_year} AND r.revision = 1 AND r.review <> 'returned'"
        " GROUP BY r.task_id, r.office_id",
        [*codes, *(s.value for s in CHOSEN_STATUSES), *codes, *codes, *in_year_args],
    ).fetchall()
    rows = {(row[0], names[row[1]]): (row[2], row[3] or 0, row[4:]) for row in first if row[2]}
    later = cursor.execute(_latest_revisions(conn, "reports r", f"{in_year} AND r.revision > 1"),
                           in_year_args).fetchall()
    if later:
        _later_revisions(rows, [(task_id, names[office_id], *rest) for task_id, office_id, *rest in later], codes)
    return YearReports(period, {pair: row for pair, row in rows.items() if row[0]} if later else rows)


def _later_revisions(rows: dict[tuple[int, str], tuple], later: list[tuple], codes: list[str]) -> None:
    """Put the latest of the later revisions of each report in place of its first revision in `rows`:
    counted unless it was returned, with its chosen status and its figure."""
    position = {code: i for i, code in enumerate(codes)}
    chosen = {status.value: i + 1 for i, status in enumerate(CHOSEN_STATUSES)}
    mask = (1 << STATUS_BITS) - 1
    for task_id, office, code, value, status, review, _revision in later:
        i = position.get(code)
        if i is None:
            continue  # text in the period column that is no period code of the year
        counted, statuses, figures = rows.get((task_id, office), (0, 0, (None,) * len(codes)))
        statuses &= ~(mask << STATUS_BITS * i)
        shown = list(figures)
        if review == "returned":
            counted &= ~(1 << i)
            shown[i] = None
        else:
            counted |= 1 << i
            shown[i] = value
            statuses |= chosen.get(status, 0) << STATUS_BITS * i
        rows[task_id, office] = (counted, statuses, tuple(shown))
