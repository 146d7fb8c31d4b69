"""Office management: rename, kind, parent, division code, merging two spellings and undoing each."""

from __future__ import annotations

import sqlite3

import pytest

from planner.domain.errors import InputError, NotFoundError, StaleWriteError
from planner.offices.edit import (
    merge_offices,
    merge_suggestions,
    normalize_division_code,
    normalize_office_names,
    office_usage,
    plan_merge,
    reapply_office_change,
    reapply_office_changes,
    rename_office,
    revert_office_change,
    revert_office_changes,
    set_division_code,
    set_office_kind,
    set_office_parent,
    unmerge_offices,
)
from planner.store import Store
from planner.store.office_changes import PLAIN_REFERENCES
from planner.store.offices_repo import office_id

KEPT = "市民政局"
TIME = "2021-07-0{}T09:00:00"


def snapshot(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every row of every table but the audit log."""
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                         " AND name NOT IN ('audit') AND name NOT LIKE 'sqlite_%'")]
    return {t: [tuple(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY id")] for t in tables}


def audit_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM audit").fetchone()[0]


def add_office(store: Store, name: str, **values) -> int:
    with store.transaction() as writer:
        return writer.insert("offices", {"name": name, **values})


def add_report(store: Store, task_id: int, office: int, period: str, revision: int, at: str, value: float) -> int:
    with store.transaction() as writer:
        return writer.insert("reports", {"task_id": task_id, "office_id": office, "period": period,
                                         "revision": revision, "value": value, "reported_at": at})


def add_target(store: Store, task_id: int, office: int, period: str, text: str) -> int:
    with store.transaction() as writer:
        return writer.insert("targets", {"task_id": task_id, "office_id": office, "period": period, "text": text,
                                         "kind": "text"})


def add_link(store: Store, task_id: int, office: int, role: str) -> int:
    with store.transaction() as writer:
        return writer.insert("task_offices", {"task_id": task_id, "office_id": office, "role": role})


def rows(conn: sqlite3.Connection, sql: str, *params) -> list[tuple]:
    return [tuple(r) for r in conn.execute(sql, params)]


@pytest.fixture
def second_spelling(demo_store: Store) -> dict[str, int]:
    """"民政局" beside the demo's "市民政局": links, targets, reports, evidence, an adjustment, a child office."""
    store = demo_store
    kept = office_id(store.conn, KEPT)
    merged = add_office(store, "民政局", division_code="131100")
    ids = {"kept": kept, "merged": merged}
    ids["same_role"] = add_link(store, 3, merged, "lead")  # 市民政局 leads task 3 too
    ids["co_where_kept_leads"] = add_link(store, 4, merged, "co")  # 市民政局 leads task 4
    ids["lead_where_kept_co"] = add_link(store, 5, merged, "lead")  # 市民政局 co-operates on task 5
    ids["kept_co_on_5"] = rows(store.conn, "SELECT id FROM task_offices WHERE task_id = 5 AND office_id = ?"
                               " AND role = 'co'", kept)[0][0]
    ids["new_task"] = add_link(store, 9, merged, "co")  # 市民政局 has nothing on task 9
    ids["own_target"] = add_target(store, 10, merged, "2016", "1个")
    add_target(store, 10, kept, "2017", "2个")
    ids["equal_target"] = add_target(store, 10, merged, "2017", " 2个")
    ids["lone_report"] = add_report(store, 3, merged, "2021Q3", 1, TIME.format(1), 5)
    # 2021Q2 of task 3: the demo's report by 市民政局 is revision 1; 民政局 reported later.
    ids["later_report"] = add_report(store, 3, merged, "2021Q2", 1, "2099-01-01T00:00:00", 9)
    # 2020Q1 of task 4: 民政局 reported before the demo's revision 1 of 市民政局.
    ids["earlier_report"] = add_report(store, 4, merged, "2020Q1", 1, "2000-01-01T00:00:00", 1)
    with store.transaction() as writer:
        ids["attachment"] = writer.insert("attachments", {
            "task_id": 3, "office_id": merged, "period": "2021Q3", "file_name": "照片.jpg", "size": 3,
            "sha256": "x", "data": b"abc", "added_at": TIME.format(2)})
        ids["adjustment"] = writer.insert("adjustments", {
            "task_id": 3, "field": "offices", "office_id": merged, "old": "", "new": "民政局",
            "effective_from": "2021Q3", "reason": "分工调整", "at": TIME.format(3)})
        ids["earlier_target"] = writer.insert("earlier_targets", {
            "adjustment_id": ids["adjustment"], "task_id": 3, "period": "2021", "office_id": merged, "text": "3个",
            "kind": "text", "until": "2021Q2"})
        ids["child"] = writer.insert("offices", {"name": "民政局养老服务科", "parent_id": merged})
    return ids


# Rename, kind, parent, code


def test_edit_rename_normalises_traditional_and_full_width_input(demo_store):
    health = office_id(demo_store.conn, "市卫生健康委")
    change = rename_office(demo_store, health, "　市衛生健康委員會（ＨＳ）")
    assert change.before == {"name": "市卫生健康委"} and change.after == {"name": "市卫生健康委员会(HS)"}
    assert office_id(demo_store.conn, "市卫生健康委员会(HS)") == health
    entry = demo_store.conn.execute("SELECT * FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert (entry["action"], entry["table_name"], entry["row_id"]) == ("update", "offices", health)


@pytest.mark.parametrize(("name", "message"), [("  ", "不能为空"), ("市民政局 ", "合并"), ("市民政局", "合并")])
def test_edit_rename_refused_changes_nothing(demo_store, name, message):
    before, audited = snapshot(demo_store.conn), audit_count(demo_store.conn)
    with pytest.raises(InputError, match=message):
        rename_office(demo_store, office_id(demo_store.conn, "市财政局"), name)
    assert snapshot(demo_store.conn) == before and audit_count(demo_store.conn) == audited


def test_edit_rename_to_the_same_name_is_no_change(demo_store):
    audited = audit_count(demo_store.conn)
    assert rename_office(demo_store, office_id(demo_store.conn, KEPT), " 市民政局") is None
    assert audit_count(demo_store.conn) == audited


def test_edit_rename_of_a_missing_office_is_refused(demo_store):
    with pytest.raises(NotFoundError):
        rename_office(demo_store, 9999, "某局")


def test_edit_kind_is_one_of_the_four(demo_store):
    county = office_id(demo_store.conn, "道里区")  # typed county-level from its name on import
    assert set_office_kind(demo_store, county, "other").after == {"kind": "other"}
    with pytest.raises(InputError, match="单位类型"):
        set_office_kind(demo_store, county, "city")


def test_edit_parent_refuses_itself_and_loops(demo_store):
    conn = demo_store.conn
    city, district, bureau = (office_id(conn, n) for n in ("各区、县(市)政府", "道里区", "市民政局"))
    set_office_parent(demo_store, district, city)
    set_office_parent(demo_store, bureau, district)
    before, audited = snapshot(conn), audit_count(conn)
    with pytest.raises(InputError, match="下级单位"):
        set_office_parent(demo_store, city, bureau)
    with pytest.raises(InputError, match="自己的上级"):
        set_office_parent(demo_store, city, city)
    with pytest.raises(NotFoundError):
        set_office_parent(demo_store, city, 9999)
    assert snapshot(conn) == before and audit_count(conn) == audited
    assert set_office_parent(demo_store, bureau, None).before == {"parent_id": district}


@pytest.mark.parametrize(("typed", "stored"), [
    ("131102", "131102"), ("１３１１０２", "131102"), (" 131102 ", "131102"), ("230102 001 001", "230102001001"),
    ("", None), ("  ", None), (None, None),
])
def test_edit_division_code_accepts_six_or_twelve_digits(typed, stored):
    assert normalize_division_code(typed) == stored


@pytest.mark.parametrize(("typed", "message"), [
    ("13110", "6 位"), ("1311020", "6 位"), ("13110A", "数字"), ("一三一一〇二", "数字"), ("991102", "前两位"),
])
def test_edit_division_code_refuses_what_is_not_a_code(demo_store, typed, message):
    with pytest.raises(InputError, match=message):
        set_division_code(demo_store, office_id(demo_store.conn, "道里区"), typed)
    assert rows(demo_store.conn, "SELECT division_code FROM offices WHERE name = '道里区'") == [(None,)]


def test_edit_division_code_set_and_cleared(demo_store):
    district = office_id(demo_store.conn, "道里区")
    assert set_division_code(demo_store, district, "２３０１０２").after == {"division_code": "230102"}
    assert set_division_code(demo_store, district, "").after == {"division_code": None}


def test_edit_undo_and_redo_of_a_rename(demo_store):
    finance = office_id(demo_store.conn, "市财政局")
    change = rename_office(demo_store, finance, "市财政厅")
    revert_office_change(demo_store, change)
    assert office_id(demo_store.conn, "市财政局") == finance
    reapply_office_change(demo_store, change)
    assert office_id(demo_store.conn, "市财政厅") == finance
    rename_office(demo_store, finance, "财政局")
    with pytest.raises(StaleWriteError, match=f"单位“市财政厅”的名称已被“{demo_store.actor.person}”于 .* 改为“财政局”"):
        revert_office_change(demo_store, change)


def test_edit_undo_of_a_rename_is_refused_when_the_old_name_was_taken_since(demo_store):
    finance = office_id(demo_store.conn, "市财政局")
    change = rename_office(demo_store, finance, "市财政厅")
    add_office(demo_store, "市财政局")
    with pytest.raises(InputError, match="合并"):
        revert_office_change(demo_store, change)


# Usage and suggestions


def test_edit_office_usage_counts_tasks_and_reported_cells(demo_store):
    usage = office_usage(demo_store)[office_id(demo_store.conn, KEPT)]
    assert (usage.led, usage.co, usage.reports) == (22, 18, 36)
    assert office_id(demo_store.conn, "道里区") not in office_usage(demo_store)


def test_edit_suggestions_pair_spellings_that_differ_by_a_level_prefix(demo_store, second_spelling):
    pairs = {(s.kept_name, s.merged_name, s.reason) for s in merge_suggestions(demo_store.conn)}
    assert (KEPT, "民政局", "prefix") in pairs
    with demo_store.transaction() as writer:  # a row written before names were normalised
        writer.insert("offices", {"name": "市衛生健康委"})
    pairs = {(s.kept_name, s.merged_name, s.reason) for s in merge_suggestions(demo_store.conn)}
    assert ("市卫生健康委", "市衛生健康委", "spelling") in pairs


# Merging


def test_edit_merge_moves_every_reference_to_the_kept_office(demo_store, second_spelling):
    conn, ids = demo_store.conn, second_spelling
    kept, merged = ids["kept"], ids["merged"]
    result = merge_offices(demo_store, kept, merged)
    assert rows(conn, "SELECT id FROM offices WHERE id = ?", merged) == []
    for table in ("task_offices", "targets", "reports", *PLAIN_REFERENCES):
        assert rows(conn, f"SELECT id FROM {table} WHERE office_id = ?", merged) == [], table
    # Links: same role removed, co removed where the kept office leads, the kept co replaced by the lead.
    assert rows(conn, "SELECT role FROM task_offices WHERE office_id = ? AND task_id IN (3, 4, 5, 9)"
                      " ORDER BY task_id", kept) == [("lead",), ("lead",), ("lead",), ("co",)]
    assert {link["id"] for link in result.removed_links} == {
        ids["same_role"], ids["co_where_kept_leads"], ids["kept_co_on_5"]}
    assert set(result.moved_links) == {ids["lead_where_kept_co"], ids["new_task"]}
    # Targets: its own one moved, the equal duplicate removed.
    assert rows(conn, "SELECT period, text FROM targets WHERE task_id = 10 AND office_id = ? ORDER BY period",
                kept) == [("2016", "1个"), ("2017", "2个")]
    assert [t["id"] for t in result.removed_targets] == [ids["equal_target"]]
    # Reports: revisions unique, the most recently reported current.
    assert rows(conn, "SELECT revision, value FROM reports WHERE task_id = 3 AND office_id = ? AND period = '2021Q2'"
                      " ORDER BY revision", kept)[-1] == (2, 9.0)
    assert rows(conn, "SELECT id, revision FROM reports WHERE task_id = 4 AND office_id = ? AND period = '2020Q1'"
                      " ORDER BY revision", kept)[0] == (ids["earlier_report"], 1)
    assert rows(conn, "SELECT revision FROM reports WHERE id = ?", ids["lone_report"]) == [(1,)]
    assert (result.moved_reports, result.renumbered_reports) == (3, 2)
    # Evidence, adjustments, earlier targets, the child office, the code.
    for table, key in (("attachments", "attachment"), ("adjustments", "adjustment"),
                       ("earlier_targets", "earlier_target")):
        assert rows(conn, f"SELECT office_id FROM {table} WHERE id = ?", ids[key]) == [(kept,)]
    assert rows(conn, "SELECT parent_id FROM offices WHERE id = ?", ids["child"]) == [(kept,)]
    assert rows(conn, "SELECT division_code FROM offices WHERE id = ?", kept) == [("131100",)]


def test_edit_merge_is_audited_with_one_row_per_change(demo_store, second_spelling):
    audited = audit_count(demo_store.conn)
    result = merge_offices(demo_store, second_spelling["kept"], second_spelling["merged"])
    entries = rows(demo_store.conn, "SELECT action, table_name, row_id FROM audit WHERE id > ? AND note = ?",
                   audited, "合并单位“民政局”到“市民政局”")
    expected = (1 + len(result.children) + len(result.removed_links) + len(result.moved_links)
                + len(result.removed_targets) + len(result.moved_targets) + len(result.report_moves)
                + sum(len(ids) for ids in result.moved_other.values()) + 1)
    assert len(entries) == expected == audit_count(demo_store.conn) - audited
    assert ("delete", "offices", second_spelling["merged"]) in entries


def test_edit_merge_refused_when_both_have_different_targets_for_a_period(demo_store):
    conn = demo_store.conn
    district = office_id(conn, "道里区")
    other = add_office(demo_store, "哈尔滨市道里区")
    add_target(demo_store, 9, other, "2015", "5000张")
    before, audited = snapshot(conn), audit_count(conn)
    with pytest.raises(InputError) as refused:
        merge_offices(demo_store, district, other)
    assert "任务“1 完成省养老机构建设三年行动方案指标”2015年" in str(refused.value)
    assert "4816张" in str(refused.value) and "5000张" in str(refused.value)
    assert snapshot(conn) == before and audit_count(conn) == audited


def test_edit_merge_of_an_office_with_itself_or_a_missing_one_is_refused(demo_store):
    kept = office_id(demo_store.conn, KEPT)
    with pytest.raises(InputError):
        merge_offices(demo_store, kept, kept)
    with pytest.raises(NotFoundError):
        merge_offices(demo_store, kept, 9999)


def test_edit_plan_merge_previews_without_writing(demo_store, second_spelling):
    before, audited = snapshot(demo_store.conn), audit_count(demo_store.conn)
    preview = plan_merge(demo_store.conn, second_spelling["kept"], second_spelling["merged"])
    assert preview.moved_reports == 3 and len(preview.moved_links) == 2
    assert snapshot(demo_store.conn) == before and audit_count(demo_store.conn) == audited


def test_edit_unmerge_restores_the_database_exactly(demo_store, second_spelling):
    conn = demo_store.conn
    before = snapshot(conn)
    result = merge_offices(demo_store, second_spelling["kept"], second_spelling["merged"])
    merged_state = snapshot(conn)
    audited = audit_count(conn)
    unmerge_offices(demo_store, result)
    assert snapshot(conn) == before
    assert rows(conn, "SELECT count(*) FROM audit WHERE id > ? AND note LIKE '撤销合并单位%'", audited)[0][0] > 0
    merge_offices(demo_store, second_spelling["kept"], second_spelling["merged"])  # redo
    assert snapshot(conn) == merged_state


def test_edit_unmerge_when_the_kept_office_sat_below_the_merged_one(demo_store):
    conn = demo_store.conn
    top = add_office(demo_store, "市政府")
    merged = add_office(demo_store, "老龄委", parent_id=top)
    middle = add_office(demo_store, "老龄委办公室", parent_id=merged)
    kept = add_office(demo_store, "市老龄委", parent_id=middle)
    before = snapshot(conn)
    result = merge_offices(demo_store, kept, merged)
    assert rows(conn, "SELECT id, parent_id FROM offices WHERE id IN (?, ?) ORDER BY id", middle, kept) == [
        (middle, kept), (kept, top)]
    unmerge_offices(demo_store, result)
    assert snapshot(conn) == before


def test_edit_unmerge_refused_when_moved_rows_changed_since(demo_store, second_spelling):
    conn = demo_store.conn
    result = merge_offices(demo_store, second_spelling["kept"], second_spelling["merged"])
    later = merge_offices(demo_store, office_id(conn, "市财政局"), second_spelling["kept"])
    before, audited = snapshot(conn), audit_count(conn)
    with pytest.raises(StaleWriteError, match="删除（合并单位.*撤销未执行"):
        unmerge_offices(demo_store, result)
    assert snapshot(conn) == before and audit_count(conn) == audited
    unmerge_offices(demo_store, later)
    unmerge_offices(demo_store, result)
    assert rows(conn, "SELECT name FROM offices WHERE id = ?", second_spelling["merged"]) == [("民政局",)]


def test_edit_merge_handles_every_table_that_refers_to_offices(store):
    referring = set()
    for (table,) in rows(store.conn, "SELECT name FROM sqlite_master WHERE type = 'table'"):
        if any(fk["table"] == "offices" for fk in store.conn.execute(f"PRAGMA foreign_key_list({table})")):
            referring.add(table)
    assert referring == {"offices", "task_offices", "targets", "reports", *PLAIN_REFERENCES}


def test_edit_normalise_names_written_before_the_rules(demo_store):
    conn = demo_store.conn
    with demo_store.transaction() as writer:  # rows written by an older version, or by hand
        lone = writer.insert("offices", {"name": "市 衛生監督所"})
        twin = writer.insert("offices", {"name": "市民政局 "})
    before, audited = snapshot(conn), audit_count(conn)
    changes = normalize_office_names(demo_store)
    assert [(c.office_id, c.after["name"]) for c in changes] == [(lone, "市卫生监督所")]
    assert rows(conn, "SELECT name FROM offices WHERE id = ?", twin) == [("市民政局 ",)]  # left for merging
    assert audit_count(conn) == audited + 1
    assert any(s.merged_id == twin and s.reason == "spelling" for s in merge_suggestions(conn))
    revert_office_changes(demo_store, changes)
    assert snapshot(conn) == before
    reapply_office_changes(demo_store, changes)
    assert rows(conn, "SELECT name FROM offices WHERE id = ?", lone) == [("市卫生监督所",)]


def test_edit_unmerge_refused_when_the_merged_name_was_created_again(demo_store, second_spelling):
    result = merge_offices(demo_store, second_spelling["kept"], second_spelling["merged"])
    add_office(demo_store, "民政局")  # a later import wrote the old spelling again
    before = snapshot(demo_store.conn)
    with pytest.raises(StaleWriteError, match=f"又有了名为“民政局”的单位（“{demo_store.actor.person}”于 "):
        unmerge_offices(demo_store, result)
    assert snapshot(demo_store.conn) == before
