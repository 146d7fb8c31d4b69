"""The real appendix tables in `seeds/`, rebuilt as the spreadsheets offices pass around, import with their figures.

`seeds/000_….txt` is the Hengshui notice, whose appendix (重点工作 / 总体目标 /
现状 / 年度工作目标 over 2020年–2022年) ends the text one cell per line;
`seeds/004_….txt` is the Harbin three-year table flattened from a PDF, whose
bed targets list the eighteen districts after 其中. The figures the tests
expect are read from those texts, not typed in.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import openpyxl
import pytest

from planner.plans.importing import attach_breakdown_sheet, find_task, preview_import
from planner.sheets.mapping import Meaning

from .legacy_writers import write_xls

SEEDS = Path(__file__).resolve().parent / "seeds"
HENGSHUI = SEEDS / "000_831ed0c3cd078a95.txt"
HARBIN = SEEDS / "004_098bd75ea14275fa.txt"
HENGSHUI_YEARS = (2020, 2021, 2022)
HARBIN_YEARS = (2015, 2016, 2017)


def hengshui_rows() -> list[tuple[str, str, int | None, list[int]]]:
    """(重点工作, 总体目标, 现状 or None, the three yearly targets) of each row of the appendix."""
    text = HENGSHUI.read_text(encoding="utf-8")
    body = text[text.rindex("年度工作目标"): text.index("》相关文档")]
    lines = [line.strip() for line in body.splitlines() if line.strip()][:-1]  # the last line names the notice
    assert lines[:4] == ["年度工作目标", "2020年", "2021年", "2022年"]
    rows, position = [], 4
    while position < len(lines):
        name, indicator = lines[position], lines[position + 1]
        position += 2
        numbers = []
        while position < len(lines) and lines[position].isdigit():
            numbers.append(int(lines[position]))
            position += 1
        # Rows without a 现状 give only the three years (150 heads = 50 + 50 + 50).
        assert len(numbers) in (3, 4), (name, numbers)
        rows.append((name, indicator, numbers[0] if len(numbers) == 4 else None, numbers[-3:]))
    return rows


def _hengshui_sheet() -> tuple[list[list[object]], list[tuple[int, int, int, int]]]:
    """The appendix as laid out in the notice; merges are 0-based (first_row, last_row, first_col, last_col)."""
    rows: list[list[object]] = [["附件"], ["养老服务体系建设重点工作年度目标任务"],
                                ["重点工作", "总体目标", "现状", "年度工作目标", None, None],
                                [None, None, None, *[f"{year}年" for year in HENGSHUI_YEARS]]]
    for name, indicator, baseline, targets in hengshui_rows():
        rows.append([name, indicator, baseline, *targets])
    merges = [(1, 1, 0, 5), (2, 3, 0, 0), (2, 3, 1, 1), (2, 3, 2, 2), (2, 2, 3, 5)]
    return rows, merges


def _write_hengshui(path: Path) -> Path:
    rows, merges = _hengshui_sheet()
    if path.suffix == ".xls":
        return write_xls(path, [("附件", rows, merges)])
    if path.suffix == ".csv":
        # Excel's "CSV" in a Chinese Windows is GBK and loses the merges.
        with path.open("w", encoding="gbk", newline="") as stream:
            csv.writer(stream).writerows([["" if value is None else value for value in row] for row in rows])
        return path
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "附件"
    for row in rows:
        sheet.append(row)
    for first_row, last_row, first_col, last_col in merges:
        sheet.merge_cells(start_row=first_row + 1, end_row=last_row + 1, start_column=first_col + 1,
                          end_column=last_col + 1)
    workbook.save(path)
    return path


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".csv"])
def test_hengshui_appendix_imports_with_its_figures(tmp_path, suffix):
    expected = hengshui_rows()
    preview = preview_import(_write_hengshui(tmp_path / f"衡水附件{suffix}"))
    assert preview.plan.title == "养老服务体系建设重点工作年度目标任务"
    assert (preview.plan.first_year, preview.plan.last_year) == (2020, 2022)
    assert [(s.meaning, s.year) for s in preview.mapping] == [
        (Meaning.NAME, None), (Meaning.INDICATOR, None), (Meaning.BASELINE, None),
        *[(Meaning.YEAR, year) for year in HENGSHUI_YEARS]]
    tasks = preview.plan.tasks
    assert len(tasks) == len(expected) == 8
    for task, (name, indicator, baseline, targets) in zip(tasks, expected):
        assert (task.name, task.indicator) == (name, indicator)
        assert task.baseline == ("" if baseline is None else str(baseline))
        for year, value in zip(HENGSHUI_YEARS, targets):
            target = task.plan_target(str(year))
            assert (target.text, target.value, target.comparator) == (str(value), value, ">=")
    # No warning but the missing 责任单位, which this appendix does not have.
    assert {issue.message.endswith("没有责任单位。") for issue in preview.issues} == {True}


def test_hengshui_training_targets_add_up_to_the_overall_goal(tmp_path):
    """The three training rows say "培养培训N名…" overall; their yearly figures must sum to N after import."""
    preview = preview_import(_write_hengshui(tmp_path / "衡水附件.xlsx"))
    checked = 0
    for task in preview.plan.tasks:
        overall = re.search(r"培养培训([0-9]+)名", task.indicator)
        if overall:
            yearly = [task.plan_target(str(year)).value for year in HENGSHUI_YEARS]
            assert sum(yearly) == int(overall.group(1)), task.name
            assert task.baseline == ""
            checked += 1
    assert checked == 3


def harbin_bed_lists() -> list[tuple[str, int, list[tuple[str, int]]]]:
    """For 2015, 2016 and 2017: the target text, the city-wide figure and the districts' figures."""
    text = HARBIN.read_text(encoding="utf-8")
    found = []
    for match in re.finditer(r"全市养老床位总数达到([0-9]+)张。其中:(.*?)。", text):
        districts = [(name, int(value)) for name, value in re.findall(r"([^;:]+?)([0-9]+)张", match.group(2))]
        found.append((match.group(0), int(match.group(1)), districts))
    assert len(found) == 3
    return found


def _harbin_rows(bed_texts: list[str]) -> list[list[object]]:
    text = HARBIN.read_text(encoding="utf-8")
    section = re.search(r"一、实施[^0-9]*?工程", text).group(0)
    content, indicator = re.search(r"培育工程1(.+?指标)(每千名老人拥有床位率:.+?。)", text).groups()
    nursing = re.findall(r"护理型床位占养老床位总数的[0-9]+%以上", text)
    nursing_offices = re.search(r"30%以上(市民政局各区、县\(市\)政府)5", text).group(1)
    header = ["序号", "主要任务", "重点内容", "具体指标", "时间进度", None, None, "责任单位"]
    years = [None, None, None, None, *[f"{year}年" for year in HARBIN_YEARS], None]
    return [["哈尔滨市养老服务业发展暨综合改革试点工作三年行动方案"], header, years, [section],
            [1, "提升养老床位数量", content, indicator, *bed_texts, "各区、县(市)政府"],
            ["—2—"], header, years,  # the header again at the top of the next PDF page
            [4, "提升公办养老机构服务功能", "提高公办养老机构护理床位比例。", None, *nursing, nursing_offices]]


def _write_harbin(path: Path, bed_texts: list[str], breakdown: list[list[object]] | None = None) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "附件"
    for row in _harbin_rows(bed_texts):
        sheet.append(row)
    for column in "ABCDH":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.merge_cells("E2:G2")
    sheet.merge_cells("A4:H4")
    if breakdown is not None:
        split = workbook.create_sheet("各区床位分解")
        for row in breakdown:
            split.append(row)
    workbook.save(path)
    return path


def test_harbin_bed_targets_and_their_district_lists(tmp_path):
    beds = harbin_bed_lists()
    preview = preview_import(_write_harbin(tmp_path / "哈尔滨.xlsx", [text for text, _, _ in beds]))
    assert [s.title for s in preview.plan.sections] == ["一、实施养老服务供给能力培育工程"]
    assert [t.seq for t in preview.plan.tasks] == ["1", "4"]  # the repeated page header is no task
    task = preview.plan.tasks[0]
    assert task.lead == ["各区、县(市)政府"]
    for year, (_, city, districts) in zip(HARBIN_YEARS, beds):
        wide = task.plan_target(str(year))
        assert (wide.value, wide.unit, wide.comparator, wide.kind) == (city, "张", ">=", "cumulative")
        offices = {t.office: t.value for t in task.targets if t.period == str(year) and t.office}
        assert offices == dict(districts) and len(offices) == 18
    assert not [issue for issue in preview.issues if "不一致" in issue.message]


def test_harbin_nursing_beds_are_ratios_and_run_together_offices_are_split(tmp_path):
    preview = preview_import(_write_harbin(tmp_path / "哈尔滨.xlsx", [text for text, _, _ in harbin_bed_lists()]))
    nursing = preview.plan.tasks[1]
    assert [(t.value, t.unit, t.comparator, t.kind) for t in nursing.targets] == [
        (20, "%", ">=", "ratio"), (25, "%", ">=", "ratio"), (30, "%", ">=", "ratio")]
    assert (nursing.lead, nursing.co) == (["市民政局"], ["各区、县(市)政府"])


def test_harbin_district_list_with_a_typing_error_is_flagged_at_its_cell(tmp_path):
    beds = harbin_bed_lists()
    texts = [text for text, _, _ in beds]
    texts[1] = texts[1].replace("南岗区6561张", "南岗区6516张")
    preview = preview_import(_write_harbin(tmp_path / "哈尔滨.xlsx", texts))
    flagged = [issue for issue in preview.issues if "不一致" in issue.message]
    assert [issue.cell for issue in flagged] == ["F5"]
    assert str(beds[1][1]) in flagged[0].message and str(beds[1][1] - 45) in flagged[0].message


def _breakdown_rows(beds, change: tuple[int, str, int] | None = None) -> list[list[object]]:
    rows: list[list[object]] = [["各区、县（市）养老床位分解表"], ["区、县（市）", *[f"{y}年" for y in HARBIN_YEARS]]]
    names = [name for name, _ in beds[0][2]]
    for name in names:
        rows.append([name, *[dict(districts)[name] for _, _, districts in beds]])
    rows.append(["合计", *[city for _, city, _ in beds]])
    if change is not None:
        year_index, name, value = change
        rows[2 + names.index(name)][1 + year_index] = value
    return rows


def test_harbin_breakdown_sheet_adds_up_to_the_city_totals(tmp_path):
    beds = harbin_bed_lists()
    plain_targets = [f"全市养老床位总数达到{city}张" for _, city, _ in beds]
    path = _write_harbin(tmp_path / "哈尔滨.xlsx", plain_targets, _breakdown_rows(beds))
    preview = preview_import(path)
    assert attach_breakdown_sheet(preview, "各区床位分解", find_task(preview, "1")) == []
    task = preview.plan.tasks[0]
    for year, (_, _, districts) in zip(HARBIN_YEARS, beds):
        assert {t.office: t.value for t in task.targets if t.period == str(year) and t.office} == dict(districts)
    assert preview.breakdowns[0].offices == 18 and preview.breakdowns[0].years == HARBIN_YEARS


def test_harbin_breakdown_sheet_with_a_wrong_district_is_flagged(tmp_path):
    beds = harbin_bed_lists()
    plain_targets = [f"全市养老床位总数达到{city}张" for _, city, _ in beds]
    wrong = dict(beds[2][2])["呼兰区"] + 100
    path = _write_harbin(tmp_path / "哈尔滨.xlsx", plain_targets, _breakdown_rows(beds, (2, "呼兰区", wrong)))
    preview = preview_import(path)
    issues = attach_breakdown_sheet(preview, "各区床位分解", find_task(preview, "提升养老床位数量"))
    assert len(issues) == 1
    issue = issues[0]
    assert (issue.sheet, issue.cell) == ("各区床位分解", "D21")  # the 合计 row under 2017年
    assert f"{beds[2][1] + 100}张" in issue.message and f"{beds[2][1]}张" in issue.message
    assert issue in preview.issues
