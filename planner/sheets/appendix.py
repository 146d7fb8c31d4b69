"""The rows of an appendix sheet → a `planner.domain.model.Plan` with sections, tasks and targets.

Each data row is a task, except: blank spacer rows; section rows such as
"一、实施养老服务供给能力培育工程" or "（一）…" (nested by the order in which the
numbering styles appear); a repeated header (tables converted from PDF repeat it
on every page); a 合计 row; and the notes and signature lines at the bottom
(注：…, 备注：…, 说明：…, 填表人：…). A cell merged over several rows (a 主要任务
shared by three tasks) applies to each of them. A 其中 list in a target cell
gives per-office targets, flagged when they do not add up to the figure before
it. What could not be read well becomes an `Issue`, never a refusal.

The sheet is cleaned column by column first (see `columns`), and each distinct
target text and each distinct set of office cells is understood once; the loop
over rows then only assembles tasks from what those look-ups found.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from planner.domain.figures import out_of_bounds_message
from planner.domain.model import Plan, Target, Task
from planner.domain.office_names import split_offices
from planner.domain.office_roles import marked_leads
from planner.domain.target_building import apply_levels, level_years
from planner.sheets.bulk import paused_gc
from planner.sheets.cells import column_letter, location
from planner.sheets.cleaning import BLANK_MARKS, TOTAL_MARKS, is_total_label
from planner.sheets.columns import text_columns
from planner.sheets.detection import Layout
from planner.sheets.errors import ValueOutOfRangeError
from planner.sheets.grid import Cell, Grid
from planner.sheets.issues import Issue
from planner.sheets.mapping import Meaning
from planner.sheets.office_sums import sum_mismatch
from planner.sheets.sections import SectionTree, section_title
from planner.sheets.targets_cache import TargetCell, TargetParser

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 5000  # rows between two progress calls
NAME_FROM_CONTENT_CHARS = 60
HIDDEN_ROWS_LISTED = 20  # hidden task rows warned about one by one; the others in one line
_NOTE_RE = re.compile(r"^(?:注|备注|说明|附注)\s*[0-9一二三四五六七八九十]*\s*[:：]")
# The signature lines under a table: 填表人：… 联系电话：…
_FOOTER_RE = re.compile(r"^(?:填表人|填报人|制表人|审核人|联系人|联系电话|负责人|单位负责人|分管领导|填表日期|填报日期|"
                        r"制表日期|报送日期)\s*[:：]")
_FOOTER_FIELDS = 4
_YEAR_SPAN_RE = re.compile(r"((?:19|20)[0-9]{2})\s*[-—–~至到]\s*((?:19|20)[0-9]{2})")
# Meanings whose cell, merged over several rows, holds for each of those rows.
_FILL_DOWN = frozenset({Meaning.NAME, Meaning.CONTENT, Meaning.INDICATOR, Meaning.BASELINE, Meaning.LEAD,
                        Meaning.CO, Meaning.RESPONSIBLE, Meaning.DEADLINE, Meaning.NOTE, Meaning.UNKNOWN})
_OFFICE_MEANINGS = frozenset({Meaning.LEAD, Meaning.CO, Meaning.RESPONSIBLE})
_NO_OFFICES: list[str] = []


def _joined(columns: list[list[str]], count: int) -> list[str]:
    """Several columns of one meaning → one text per row, joined by line breaks."""
    if not columns:
        return [""] * count
    if len(columns) == 1:
        return columns[0]
    return ["\n".join(part for part in parts if part) for parts in zip(*columns)]


class _PlanBuilder:
    def __init__(self, grid: Grid, layout: Layout, progress: Progress | None):
        self.grid, self.layout, self.progress = grid, layout, progress
        self.mapping = layout.mapping
        self.issues: list[Issue] = []
        self.tasks: list[Task] = []
        self.task_rows: list[int] = []  # the 1-based sheet row of each task
        self.sections = SectionTree()
        self.targets = TargetParser()
        self._office_names: dict[str, list[str]] = {"": _NO_OFFICES}
        self._office_rows: dict[tuple[str, ...], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self.specs = [s for s in self.mapping if s.meaning is not Meaning.IGNORE]
        self.first_row = self.mapping.header_last_row + 1
        self.count = max(0, grid.height - self.first_row)
        self.filled = self._merged_fill()
        self.texts = text_columns(grid, self.first_row, [s.column for s in self.specs], self.filled,
                                  lambda index, column, message: self.warn(self.first_row + index, column, message))

    def warn(self, row: int | None, column: int | None, message: str) -> None:
        self.issues.append(Issue(self.grid.name, None if row is None else row + 1,
                                 None if column is None else column + 1, message))

    def _merged_fill(self) -> dict[tuple[int, int], Cell]:
        """Values that merged cells in the data area lend to the cells they cover."""
        meaning = {s.column: s.meaning for s in self.mapping}
        filled: dict[tuple[int, int], Cell] = {}
        for merged in self.grid.merges:
            if merged.first_row < self.first_row:
                continue
            value = self.grid.cell(merged.first_row, merged.first_column)
            columns = range(merged.first_column, merged.last_column + 1)
            years = {c for c in columns if meaning.get(c) is Meaning.YEAR}
            if len(years) < len(columns):
                years = set()  # a heading merged across the table is no target for the years it covers
            if merged.last_row > merged.first_row and years and value not in (None, ""):
                self.warn(merged.first_row, merged.first_column,
                          f"目标单元格 {merged.name} 跨多行合并，只计入第一行的任务，其余行没有该年目标。")
            for row in range(merged.first_row, merged.last_row + 1):
                for column in columns:
                    if (row, column) == (merged.first_row, merged.first_column):
                        continue
                    if row == merged.first_row and column in years:
                        filled[(row, column)] = value  # a target spanning several years holds for each
                    elif row > merged.first_row and meaning.get(column) in _FILL_DOWN:
                        filled[(row, column)] = value
        return filled

    def _column(self, meaning: Meaning) -> list[str]:
        return _joined([self.texts[s.column] for s in self.mapping.columns_for(meaning)], self.count)

    def _office_keys(self) -> tuple[list[Meaning], list[tuple[str, ...]]]:
        """The meanings of the office columns, and each row's texts in them."""
        specs = [s for s in self.specs if s.meaning in _OFFICE_MEANINGS]
        if not specs:
            return [], [()] * self.count
        return [s.meaning for s in specs], list(zip(*(self.texts[s.column] for s in specs)))

    def _offices(self, meanings: list[Meaning], texts: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(lead, co) named by one row's office cells; each distinct row is worked out once."""
        found = self._office_rows.get(texts)
        if found is None:
            marked = [marked_leads(text) if meaning is Meaning.RESPONSIBLE else ()
                      for meaning, text in zip(meanings, texts)]
            found = self._office_rows[texts] = _lead_and_co(meanings, [self._split(text) for text in texts], marked)
        return found

    def _split(self, text: str) -> list[str]:
        found = self._office_names.get(text)
        if found is None:
            found = self._office_names[text] = split_offices(text)
        return found

    def _notes_column(self) -> list[str]:
        parts = [self.texts[s.column] for s in self.mapping.columns_for(Meaning.NOTE)]
        for spec in self.mapping.columns_for(Meaning.UNKNOWN):
            label = spec.header or f"{column_letter(spec.column)}列"
            parts.append([f"{label}：{text}" if text else "" for text in self.texts[spec.column]])
        return _joined(parts, self.count)

    def _report_error_cells(self) -> None:
        columns = {s.column for s in self.specs}
        for error in self.grid.errors:
            if error.row >= self.first_row and error.column in columns:
                self.warn(error.row, error.column, f"单元格是错误值 {error.code}（公式出错），按空白处理。")

    def build(self) -> None:
        self._report_error_cells()
        spec_columns = [self.texts[s.column] for s in self.specs]
        header_words = tuple(s.header.split("/")[-1] for s in self.specs)
        names, seqs = self._column(Meaning.NAME), self._column(Meaning.SEQ)
        contents, indicators = self._column(Meaning.CONTENT), self._column(Meaning.INDICATOR)
        baselines, deadlines = self._column(Meaning.BASELINE), self._column(Meaning.DEADLINE)
        notes = self._notes_column()
        office_meanings, office_keys = self._office_keys()
        office_rows = self._office_rows
        years = self._year_cells()
        totals = self._total_rows(names, seqs)
        progress, specs, merged_fill, first_row = self.progress, self.specs, self.filled, self.first_row
        section_key = self.sections.current
        in_notes = False
        # Rows are compared with the header only when this cell repeats its header word.
        probe = next((k for k, word in enumerate(header_words) if word), 0)
        for index, row_texts in enumerate(zip(*spec_columns)):
            if progress and index % PROGRESS_EVERY == 0:
                progress(index, self.count)
            filled = len(row_texts) - row_texts.count("")
            if filled == 0:
                continue
            row = first_row + index
            if filled <= 2 or in_notes:
                own = {s.column: t for s, t in zip(specs, row_texts) if t and (row, s.column) not in merged_fill}
                first = next(iter(own.values()), "")
                if _NOTE_RE.match(first) and len(own) <= 2:
                    in_notes = True
                    continue
                if in_notes and len(own) <= 1:
                    continue
                in_notes = False
                if self._section(row, own):
                    section_key = self.sections.current
                    continue
            if row_texts[probe] == header_words[probe] and self._repeats_header(row_texts, header_words, filled):
                continue  # the header repeated, as on every page of a table converted from PDF
            if filled <= _FOOTER_FIELDS and all(_FOOTER_RE.match(text) for text in row_texts if text):
                continue
            if totals is not None and index in totals:
                self.warn(row, None, "这一行是合计行，不作为任务导入。")
                continue
            offices = office_rows.get(office_keys[index]) or self._offices(office_meanings, office_keys[index])
            task = Task(name=names[index], seq=seqs[index], section_key=section_key, content=contents[index],
                        indicator=indicators[index], baseline=baselines[index], deadline=deadlines[index] or None,
                        note=notes[index], lead=list(offices[0]), co=list(offices[1]))
            targets = task.targets
            increments = False
            levels = []
            for period, column, cells, is_year in years:
                found = cells[index]
                if found is None:
                    continue
                for template in found.templates:
                    targets.append(Target(period, *template))
                if found.increments:
                    increments = True
                if is_year and found.level is not None:
                    levels.append((period, found.level))
                if found.warns:
                    self._warn_targets(row, column, period, task, found)
            self._add_task(row, task, levels if increments else None)
        if self.progress:
            self.progress(self.count, self.count)

    @staticmethod
    def _repeats_header(row_texts: tuple[str, ...], header_words: tuple[str, ...], filled: int) -> bool:
        same = sum(1 for text, word in zip(row_texts, header_words) if text and text == word)
        return same >= 2 and same * 2 >= filled

    def _section(self, row: int, own: dict[int, str]) -> bool:
        if not own or len(own) > 2:
            return False
        specs = [self.mapping.spec(c) for c in own]  # own's columns are the mapping's: none is missing
        if any(spec is not None and spec.meaning in _OFFICE_MEANINGS | {Meaning.YEAR} for spec in specs):
            return False
        merged = self.grid.merge_at(row, min(own))
        banner = len(own) == 1 and merged is not None and merged.last_column - merged.first_column >= 2
        found = section_title([own[c] for c in sorted(own)], banner)
        if found is None:
            return False
        self.sections.add(*found)
        return True

    def _warn_targets(self, row: int, column: int, period: str, task: Task, found: TargetCell) -> None:
        if found.split:  # a 其中 list: the offices' figures should add up
            split = task.targets[-len(found.templates):]
            problem = sum_mismatch(task.name or task.content[:20], period, split[0], split[1:])
            if problem:
                self.warn(row, column, problem)
        if found.ambiguous:
            text = found.templates[0][0]
            self.warn(row, column, f"{period}年目标“{text[:40]}”含有多个数字，无法读成一个数量，按文字目标保存。")

    def _year_cells(self) -> list[tuple[str, int, list[TargetCell | None], bool]]:
        """(period, column, each row's target cell or None, whether the period is a year) of each year column."""
        cell = self.targets.cell
        years = []
        for spec in self.mapping.columns_for(Meaning.YEAR):
            texts = self.texts[spec.column]
            found = {text: cell(text) if text and text not in BLANK_MARKS else None for text in dict.fromkeys(texts)}
            self._refuse_figures_out_of_range(spec.column, texts, found)
            years.append((str(spec.year), spec.column, list(map(found.__getitem__, texts)), str(spec.year).isdigit()))
        return years

    def _refuse_figures_out_of_range(self, column: int, texts: list[str], found: dict[str, TargetCell | None]) -> None:
        """A target figure beyond the bound (`planner.domain.figures`) refuses the file: it is a slip or a hostile
        cell, and once stored it would break every sum of the plan."""
        for text, target in found.items():
            if target is not None and target.too_large is not None:
                row = self.first_row + texts.index(text)
                raise ValueOutOfRangeError(f"文件“{self.grid.file_name}”{location(self.grid.name, row, column)}："
                                           + out_of_bounds_message("目标中的数字", target.too_large)
                                           + "。请核对这个单元格，改正后再导入。")

    @staticmethod
    def _total_rows(names: list[str], seqs: list[str]) -> set[int] | None:
        """The rows whose name or 序号 says 合计; None when no cell could."""
        joined = ("\x00".join(names), "\x00".join(seqs))
        if not any(mark in text for text in joined for mark in TOTAL_MARKS):
            return None
        return {index for index, (name, seq) in enumerate(zip(names, seqs))
                if (len(name) <= 6 and is_total_label(name)) or (1 < len(seq) <= 6 and is_total_label(seq))}

    def _add_task(self, row: int, task: Task, levels: list[tuple[str, tuple[float, str | None, str]]] | None) -> None:
        if not task.name:
            source = task.content or task.indicator
            if not source:
                if task.targets or task.lead or task.co:
                    self.warn(row, None, "这一行没有任务名称和工作内容，已跳过。")
                return
            task.name = source.split("\n")[0][:NAME_FROM_CONTENT_CHARS]
            if self.mapping.columns_for(Meaning.NAME):
                self.warn(row, None, f"任务名称为空，已用“{task.name}”代替。")
        if not task.lead and not task.co:
            self.warn(row, None, f"任务“{task.name}”没有责任单位。")
        if task.kind is None and levels:
            # harmonise_kinds, on the cells' figures: only a task with increments can change.
            apply_levels(task, level_years(levels))
        task.position = len(self.tasks)
        self.tasks.append(task)
        self.task_rows.append(row + 1)


def _lead_and_co(meanings: list[Meaning], names: list[list[str]],
                 marked: list[tuple[str, ...]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The lead and co-operating offices of a row from the names in each of its office columns.

    `marked` holds, per column, the offices a 责任单位 cell marks as leading (市卫健委（牵头）); where it
    marks none, the first office it names leads unless a 牵头单位 column already named the lead.
    """
    if len(meanings) == 2 and meanings[0] is Meaning.LEAD and meanings[1] is Meaning.CO:
        lead = tuple(names[0])  # the common case, without the general merging below
        return lead, tuple(name for name in names[1] if name not in lead)
    leads: list[str] = []
    cos: list[str] = []
    for meaning, found, marks in zip(meanings, names, marked):
        if meaning is Meaning.LEAD:
            leads.extend(found)
        elif meaning is Meaning.CO:
            cos.extend(found)
        elif marks and any(name in marks for name in found):
            leads.extend(name for name in found if name in marks)
            cos.extend(name for name in found if name not in marks)
        elif found:
            (cos if leads else leads).append(found[0])
            cos.extend(found[1:])
    lead = tuple(dict.fromkeys(leads))
    return lead, tuple(name for name in dict.fromkeys(cos) if name not in lead)


def _plan_years(layout: Layout, tasks: list[Task]) -> tuple[int, int]:
    years = layout.mapping.years
    if years:
        return years[0], years[-1]
    for text in (layout.title, *layout.subtitles):
        span = _YEAR_SPAN_RE.search(text)
        if span and int(span.group(1)) <= int(span.group(2)):
            return int(span.group(1)), int(span.group(2))
    deadlines = sorted({t.deadline_year for task in tasks for t in task.targets if t.deadline_year})
    this_year = datetime.date.today().year
    return (deadlines[0], deadlines[-1]) if deadlines else (this_year, this_year)


def _hidden_issues(grid: Grid, layout: Layout, task_rows: list[int]) -> list[Issue]:
    """Warnings for the task rows and imported columns hidden in the file (by a filter, or by hand): what the
    user did not see in Excel or WPS is imported all the same, and should be looked at in the preview."""
    issues = []
    hidden_columns = set(grid.hidden_columns)
    for spec in layout.mapping:
        if spec.column in hidden_columns and spec.meaning is not Meaning.IGNORE:
            issues.append(Issue(grid.name, None, spec.column + 1, f"这一列在表格中是隐藏的，已按“{spec.label}”导入；"
                                                                  "如不需要，请把这一列设为“不导入”。"))
    if grid.hidden_rows:
        hidden_rows = set(grid.hidden_rows)
        rows = [row for row in task_rows if row - 1 in hidden_rows]
        message = "这一行在表格中是隐藏的（筛选或手动隐藏），已作为任务导入，请核对。"
        issues.extend(Issue(grid.name, row, None, message) for row in rows[:HIDDEN_ROWS_LISTED])
        if len(rows) > HIDDEN_ROWS_LISTED:
            more = len(rows) - HIDDEN_ROWS_LISTED
            issues.append(Issue(grid.name, None, None, f"另有 {more} 个隐藏的行也已作为任务导入"
                                                       f"（第{rows[HIDDEN_ROWS_LISTED]}行起），请核对。"))
    return issues


def build_plan(grid: Grid, layout: Layout, progress: Progress | None = None) -> tuple[Plan, list[Issue], list[int]]:
    """The plan an appendix sheet describes, the warnings about it, and the sheet row (1-based) of each task."""
    layout.mapping.validate(grid.name, grid.file_name)
    with paused_gc():
        builder = _PlanBuilder(grid, layout, progress)
        builder.build()
    first_year, last_year = _plan_years(layout, builder.tasks)
    title = layout.title or grid.file_name.rsplit(".", 1)[0] or grid.name
    plan = Plan(title=title, first_year=first_year, last_year=last_year, appendix_title=layout.title,
                source=f"导入自文件“{grid.file_name}”的工作表“{grid.name}”", sections=builder.sections.sections,
                tasks=builder.tasks)
    issues = builder.issues
    issues.extend(_hidden_issues(grid, layout, builder.task_rows))
    if not builder.tasks:
        issues.append(Issue(grid.name, None, None, "表头下面没有找到任何任务行。"))
    return plan, issues, builder.task_rows
