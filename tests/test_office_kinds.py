"""An office's kind read from its name on import, and the pairs offered as one office written two ways."""

from __future__ import annotations

import pytest

from planner.domain.office_kinds import infer_office_kind
from planner.offices.suggestions import is_abbreviation, looks_similar, merge_suggestions
from planner.store.offices_repo import ensure_offices


@pytest.mark.parametrize(("name", "kind"), [
    ("阿城区", "county"), ("巴彦县", "county"), ("尚志市", "county"), ("巴彦县人民政府", "county"),
    ("道里区政府", "county"), ("各区政府", "county"), ("各区、县(市)政府", "county"), ("各县市区人民政府", "county"),
    ("红旗镇", "township"), ("新华街道", "township"), ("新华街道办事处", "township"), ("民主乡人民政府", "township"),
    ("市民政局", "department"), ("市政府", "department"), ("市政府办公室", "department"), ("团市委", "department"),
    ("相关部门", "department"), ("市区", "department"), ("哈尔滨经济技术开发区", "department"),
])
def test_the_kind_of_an_office_is_read_from_its_name(name, kind):
    assert infer_office_kind(name) == kind


def test_offices_met_for_the_first_time_in_an_import_get_the_kind_their_names_say(store):
    with store.transaction() as writer:
        ids = ensure_offices(writer, ["阿城区", "红旗镇", "市民政局"])
    kinds = dict(store.conn.execute("SELECT name, kind FROM offices WHERE id IN (?, ?, ?)", list(ids.values())))
    assert kinds == {"阿城区": "county", "红旗镇": "township", "市民政局": "department"}


def test_the_demo_plans_county_governments_are_typed_so_after_loading(demo_store):
    kinds = dict(demo_store.conn.execute("SELECT name, kind FROM offices"))
    assert kinds["阿城区"] == kinds["巴彦县"] == "county"
    assert kinds["市民政局"] == "department"


@pytest.mark.parametrize(("short", "full"), [("市住房局", "市住房城乡建设局"), ("市发改委", "市发展和改革委员会"),
                                             ("各区政府", "各区、县(市)政府"), ("市人社局", "市人力资源社会保障局")])
def test_a_short_name_made_from_the_full_name_s_characters_is_an_abbreviation(short, full):
    assert is_abbreviation(short, full)


@pytest.mark.parametrize(("a", "b"), [("市建委", "市住房城乡建设局"), ("市民政局", "县民政局"),
                                      ("市教育局", "市体育局"), ("市卫生计生委", "市卫生健康委")])
def test_different_offices_are_not_taken_for_abbreviations(a, b):
    assert not is_abbreviation(a, b) and not is_abbreviation(b, a)


def test_numbered_institutions_are_not_similar_but_a_dropped_character_is():
    assert not looks_similar("哈尔滨市第一人民医院", "哈尔滨市第二人民医院")
    assert looks_similar("市人力资源和社会保障局", "市人力资源与社会保障局")


def test_the_demo_s_likely_duplicates_are_suggested_keeping_the_full_name(demo_store):
    pairs = {(s.kept_name, s.merged_name, s.reason) for s in merge_suggestions(demo_store.conn)}
    assert ("市住房城乡建设局", "市住房局", "abbreviation") in pairs
    assert ("各区、县(市)政府", "各区政府", "abbreviation") in pairs
    assert any({kept, merged} == {"各相关部门", "相关部门"} and reason == "collective"
               for kept, merged, reason in pairs)
    assert not any("市卫生健康委" in (kept, merged) for kept, merged, _ in pairs)
