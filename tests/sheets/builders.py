"""Messy appendix workbooks, built the way offices send them, for the import tests."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import zipfile
from pathlib import Path

import openpyxl

HEADER_TOP = ["序号", "主要任务", "重点内容", "时间进度", None, None, "责任单位", "资金来源", "备註"]
HEADER_YEARS = [None, None, None, "2015年", "２０１６年", 2017, None, None, None]
ROW_BEDS = [1, "提升养老床位数量", "新建养老机构",
            "全市养老床位总数达到53426张。其中:道里区4816张;南岗区5788张", "60576张", "68263张",
            "市民政局、市发改委、市财政局", "市级财政", None]
ROW_HOMES = [2, None, "改造农村敬老院", "改造２０所", "改造30所", "城区42个、农村82个",
             "各区、县(市)政府", None, "重點"]
ROW_COMMUNITY = [3, "發展社區居家養老服務", "建設日間照料中心", 2.0, "30‰", "20%以上", "市民政局",
                 None, None]


def messy_appendix(path: Path) -> Path:
    """附件1: title rows, a two-row header with 时间进度 merged over three years, merged 主要任务,
    section rows, a blank spacer row, notes at the bottom, full-width digits, traditional
    characters and a column (资金来源) the importer does not know."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "附件1"
    sheet["A1"] = "附件1"
    sheet["A2"] = "哈尔滨市养老服务业发展三年行动方案重点任务分解表"
    sheet.merge_cells("A2:I2")
    sheet["A3"] = "（2015—2017年）"
    sheet.merge_cells("A3:I3")
    sheet.append(HEADER_TOP)
    sheet.append(HEADER_YEARS)
    for column in "ABCGHI":
        sheet.merge_cells(f"{column}4:{column}5")
    sheet.merge_cells("D4:F4")
    sheet.append(["一、实施养老服务供给能力培育工程"])
    sheet.merge_cells("A6:I6")
    sheet.append(ROW_BEDS)
    sheet.append(ROW_HOMES)
    sheet.merge_cells("B7:B8")
    sheet.append([])
    sheet.append(["（一）社區養老服務"])
    sheet.append(ROW_COMMUNITY)
    sheet.append(["注：1.本表由市民政局负责解释。"])
    sheet.append(["2.各单位按季度报送进展。"])
    workbook.save(path)
    return path


def breakdown_workbook(path: Path, total_row: bool = True, adds_up: bool = True) -> Path:
    """An appendix with one task and a second sheet splitting its target among districts."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "任务表"
    sheet.append(["序号", "主要任务", "2020年", "2021年", "牵头单位"])
    sheet.append([1, "新增养老床位", "新增1000张", "新增1200张", "市民政局"])
    split = workbook.create_sheet("分解表")
    split.append(["各区新增养老床位分解表"])
    split.append(["单位", "2020年", "2021年"])
    split.append(["道里区", 400, "500张"])
    split.append(["南岗区", 600 if adds_up else 500, 700])
    if total_row:
        split.append(["合计", 1000, 1200])
    workbook.save(path)
    return path


def simple_rows() -> list[list[object]]:
    return [
        ["重点任务表"],
        ["序号", "重点任务", "工作内容", "2021年", "2022年", "牵头单位", "配合单位"],
        [1, "建设社区养老服务站", "每个街道建一个", "新增10个", "新增12个", "市民政局", "市财政局、市住建局"],
        [2, "培训养老护理员", "分级培训", "培训500人次", "不少于600人次", "市人社局", ""],
    ]


def write_xlsx(path: Path, rows: list[list[object]], merges: list[str] = (), title: str = "Sheet1") -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for merged in merges:
        sheet.merge_cells(merged)
    workbook.save(path)
    return path


def patch_xlsx_sheet(path: Path, replace: list[tuple[str, str]]) -> Path:
    """Rewrite the first sheet's XML (openpyxl cannot write a formula's cached value)."""
    patched = path.with_suffix(".tmp")
    with zipfile.ZipFile(path, "r") as old, zipfile.ZipFile(patched, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                for pattern, replacement in replace:
                    text = re.sub(pattern, replacement, text)
                data = text.encode("utf-8")
            new.writestr(item, data)
    patched.replace(path)
    return path


def db_snapshot(db_path) -> tuple[dict[str, list[tuple]], str, str]:
    """Every row of every table, and the bytes of the database and its WAL, to prove nothing changed.

    Given a store instead of a path: its file's, or for a server's every row of every table.
    """
    if getattr(db_path, "is_server", False):
        conn = db_path.reader_connection()
        try:
            tables = [r[0] for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")]
            return {t: [tuple(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY 1")] for t in tables}, "", ""
        finally:
            conn.close()
    if hasattr(db_path, "path"):
        db_path = db_path.path
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        rows = {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}
    finally:
        conn.close()
    wal = db_path.with_name(db_path.name + "-wal")
    main_hash = hashlib.sha256(db_path.read_bytes()).hexdigest()
    wal_hash = hashlib.sha256(wal.read_bytes()).hexdigest() if wal.exists() else ""
    return rows, main_hash, wal_hash


# A CSV as Excel saves an appendix: the merges are gone, so group words stand over blank cells.
CSV_MESSY_ROWS: list[list[str]] = [
    ["附件2"], ["重点任务分解表"], [],
    ["序号", "主要任务", "年度目标", "", "责任单位", ""],
    ["", "", "2021年", "２０２２年", "牵头单位", "配合单位"],
    ["一、养老服务设施建设"],
    ["１", "建設社區養老服務中心", "新增１２个", "新增15个", "市民政局", "市财政局、市住建局"],
    [],
    ["2", "培训养老护理员", "培训500人次", "不少于600人次", "市人社局", ""],
    ["注：数据截至2020年底。"],
    ["填表人：王某", "", "联系电话：0318-1234567"],
]
