"""Notice benchmark: a generated notice of 2,000 numbered tasks (about 100 pages) as .docx, .pdf and .html.

Run as `python3 dev.py bench notice_bench [--items N] [--keep DIR] [--runs N] [--pdfplumber]`.

The notice has the usual outline (一、 总体要求, 二、 主要任务 with twenty （一） sections of
numbered tasks, each closing with 〔责任单位：…〕 and stating a figure and a year,
三、 保障措施) and an appendix table of figures (beds per district and year, 100 rows, merged
header cells). Its outline numbers
are Word list numbering in the .docx and text in the .pdf and .html, as offices send them.

For each format, measured in this run (the median of `--runs`, the reading worker
already started, as the import wizard starts it):

* preview: `planner.notices.readers.read_notice` (in the reading worker) plus
  `planner.notices.importing.preview_notice` — the time until the wizard can show the plan,
  on a first reading (the recognition's text caches emptied before each run);
* read: `read_notice` alone, and in this process (`isolated=False`), so that what the
  worker costs shows;
* recognise: `preview_notice` alone on the document read, on a first reading too;
* baseline: the reading library alone extracting the text — ElementTree's text of
  word/document.xml (every w:t), pypdfium2's text page by page, selectolax's text of
  the parsed page;
* rules alone: the patterns recognition applies to every task (offices, figures, deadlines,
  sentences, the target rules' quantities and years), each run once over the whole cleaned
  text, and the cleaning of the whole text in one call — the least any recognition by these
  rules spends, whatever its structure, before it makes a single item, task or target;
* objects alone: making, for every task, what recognition hands the wizard — its item with
  its marked spans, its yearly targets, and the plan's task with its own copies of them —
  from values already at hand, with no rule applied;
* with `--pdfplumber`: pdfplumber's text and ruled tables of the PDF, the library this
  reader did not choose (not a dependency: `.venv/bin/pip install pdfplumber==0.11.10`).

Goals (issue 17): preview ≤ 1 s for .docx and .html, ≤ 3 s for .pdf; recognition adds at
most half again to the reading time.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from planner.notices.number_formats import format_number  # noqa: E402
from tests.notices.notice_files import (  # noqa: E402
    Line,
    Notice,
    TableSpec,
    write_docx,
    write_html,
    write_pdf,
)
from tests.notices.word_files import W_NS  # noqa: E402

GOALS = {"docx": 1.0, "html": 1.0, "pdf": 3.0}
RECOGNITION_SHARE = 0.5
SECTIONS = ["养老服务设施建设", "居家社区养老服务", "医养康养融合发展", "养老服务人才队伍", "智慧养老服务",
            "农村养老服务", "养老机构质量提升", "老年健康服务", "老年教育文化", "适老化改造"]
OFFICES = ["市民政局", "市发展改革委", "市财政局", "市自然资源和规划局", "市住房城乡建设局", "市卫生健康委",
           "市人力资源社会保障局", "市医保局", "市教育局", "市文化广电旅游局", "市体育局", "市市场监管局"]
VERBS = ["加快推进", "全面实施", "持续完善", "积极培育", "深入开展", "稳步推进", "大力发展", "着力提升"]
SUBJECTS = ["社区居家养老服务网络", "农村互助幸福院", "医养结合服务", "老年人助餐服务点", "家庭养老床位",
            "日间照料中心", "智慧养老服务平台", "养老护理员培训", "适老化改造", "老年大学办学网络"]
UNITS = ["个", "张", "所", "家", "人次"]


def generated_notice(items: int, seed: int = 17) -> Notice:
    rng = random.Random(seed)
    lines = [Line("各区、县（市）人民政府，市政府各部门、各直属单位："),
             Line("为加快推进养老服务体系建设，经市政府同意，结合我市实际，制定本方案。"),
             Line("总体要求", 0, "一、"),
             Line("到2025年，全市养老服务体系更加完善，养老服务供给能力明显增强。"),
             Line("主要任务", 0, "二、")]
    per_section = max(1, items // 20)
    number = 0
    for section in range(20):
        label = f"（{format_number(section + 1, 'chineseCounting')}）"
        lines.append(Line(f"推进{SECTIONS[section % len(SECTIONS)]}。", 1, label))
        for _ in range(per_section):
            number += 1
            subject, unit = rng.choice(SUBJECTS), rng.choice(UNITS)
            offices = "、".join(rng.sample(OFFICES, rng.randint(1, 3)))
            lines.append(Line(f"{rng.choice(VERBS)}{subject}建设，到{rng.randint(2023, 2025)}年新增"
                              f"{rng.randint(2, 500)}{unit}。〔责任单位：{offices}〕", 2, f"{number}."))
    lines += [Line("保障措施", 0, "三、"), Line("各地各部门要加强组织领导，确保各项任务落到实处。"),
              Line("附件：重点任务分解表")]
    table_after = len(lines) - 1
    lines += [Line("市人民政府办公厅"), Line("2024年3月1日")]
    return Notice("关于进一步完善养老服务体系的实施方案", lines, beds_table(100, rng), table_after)


def beds_table(rows: int, rng: random.Random) -> TableSpec:
    """An appendix of figures, not of tasks: beds per district and year under a merged 养老床位数 header."""
    table: list[list[str | None]] = [["序号", "区县（市）", "养老床位数（张）", None, None, "备注"],
                                     [None, None, "2023年", "2024年", "2025年", None]]
    for number in range(1, rows + 1):
        beds = rng.randint(300, 5000)
        table.append([str(number), f"第{number}区", str(beds), str(beds + 200), str(beds + 400), None])
    return TableSpec(table, [(0, 2, 0, 4), (0, 0, 1, 0), (0, 1, 1, 1), (0, 5, 1, 5)])


def baseline_docx(path: Path) -> int:
    import zipfile
    from xml.etree import ElementTree

    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("word/document.xml"))
    return sum(len(text.text or "") for text in root.iter(f"{{{W_NS}}}t"))


def baseline_pdf(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    total = 0
    for page in document:
        textpage = page.get_textpage()
        total += len(textpage.get_text_range())
    document.close()
    return total


def baseline_html(path: Path) -> int:
    from selectolax.lexbor import LexborHTMLParser

    return len(LexborHTMLParser(path.read_bytes()).body.text())


def pdfplumber_pdf(path: Path) -> int:
    import pdfplumber

    total = 0
    with pdfplumber.open(str(path)) as document:
        for page in document.pages:
            total += len(page.extract_text() or "")
            total += len(page.find_tables())
    return total


BASELINES = {"docx": ("ElementTree", baseline_docx), "pdf": ("pypdfium2", baseline_pdf),
             "html": ("selectolax", baseline_html)}


def rule_patterns():
    """The patterns recognition runs over every task's text, by what they find."""
    from planner.domain import target_text
    from planner.notices import quantities, responsibility

    return {"office brackets": responsibility._OPEN_RE, "office labels": responsibility._SENTENCE_LABEL_RE,
            "labels inside brackets": responsibility._LABEL_RE, "not figures": quantities._NOT_FIGURES_RE,
            "deadlines": quantities._DEADLINE_RE, "figures": quantities._FIGURE_RE,
            "sentences": quantities._SENTENCE_RE, "target quantities": target_text._SINGLE_QUANTITY_RE,
            "target years": target_text._YEAR_RE, "cumulative words": target_text._CUMULATIVE_RE}


def rules_alone(document, runs: int) -> float:
    """One pass of each rule pattern over the whole text, plus cleaning it in one call (see the docstring)."""
    from planner.notices.cleaning import clean_text

    originals = "\n".join(paragraph.full_text for paragraph in document.paragraphs)
    text = clean_text(originals)
    patterns = rule_patterns().values()
    seconds, _ = timed(lambda: (clean_text(originals), [list(p.finditer(text)) for p in patterns]), runs)
    return seconds


def objects_alone(preview, runs: int) -> float:
    """Making each task's item, spans, targets and plan task again from the values the preview holds."""
    from planner.domain.model import Target, Task
    from planner.notices.items import Span, evolve

    tasks = [item for item in preview.recognised.items if item.name]

    def target(t: Target) -> Target:
        return Target(period=t.period, text=t.text, office=t.office, comparator=t.comparator, value=t.value,
                      unit=t.unit, kind=t.kind, deadline_year=t.deadline_year)

    def make() -> list:
        made = []
        for item in tasks:
            spans = tuple(Span(span.start, span.end, span.kind, span.year) for span in item.spans)
            targets = tuple(target(t) for t in item.targets)
            task = Task(name=item.name, seq=item.number.seq if item.number else "", content=item.content)
            task.lead, task.co, task.targets = list(item.lead), list(item.co), [target(t) for t in targets]
            made.append((evolve(item, spans=spans, targets=targets, origin=item.origin), task))
        return made

    seconds, _ = timed(make, runs)
    return seconds


def timed(action, runs: int, before=None) -> tuple[float, object]:
    seconds, result = [], None
    for _ in range(runs):
        if before is not None:
            before()
        started = time.perf_counter()
        result = action()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result


def measure(path: Path, kind: str, runs: int) -> dict:
    from planner.domain.text_caches import clear_text_caches
    from planner.notices.importing import preview_notice
    from planner.notices.readers import read_notice

    read, document = timed(lambda: read_notice(path), runs)
    in_process, _ = timed(lambda: read_notice(path, isolated=False), runs)
    # A first reading: the answers the recognition's caches kept from the runs before are forgotten.
    preview_seconds, preview = timed(lambda: preview_notice(read_notice(path)), runs, before=clear_text_caches)
    # Timed on its own rather than as preview − read: the difference of two medians moves with the load.
    recognise, _ = timed(lambda: preview_notice(document), runs, before=clear_text_caches)
    library, baseline = BASELINES[kind]
    baseline_seconds, _ = timed(lambda: baseline(path), runs)
    return {"kind": kind, "preview": preview_seconds, "rules_alone": rules_alone(document, runs),
            "objects_alone": objects_alone(preview, runs), "read": read, "in_process": in_process,
            "recognise": recognise, "baseline": baseline_seconds, "library": library,
            "paragraphs": len(document.paragraphs), "tables": len(document.tables),
            "tasks": len(preview.plan.tasks)}


def pages_of(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    count = len(document)
    document.close()
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR (reused if the files exist)")
    parser.add_argument("--pdfplumber", action="store_true", help="also time pdfplumber on the PDF")
    args = parser.parse_args(argv)
    from planner.sheets.isolation import prestart

    prestart()  # as the window does before it opens the import wizard
    print(f"load average at start: {' '.join(f'{value:.2f}' for value in os.getloadavg())} ({os.cpu_count()} cores)")
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(args.keep) if args.keep else Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        notice = generated_notice(args.items)
        paths = {"docx": folder / f"notice_{args.items}.docx", "pdf": folder / f"notice_{args.items}.pdf",
                 "html": folder / f"notice_{args.items}.html"}
        writers = {"docx": write_docx, "pdf": lambda path, n: write_pdf(path, n, font_size=10.5),
                   "html": lambda path, n: write_html(path, n, "utf-8")}
        for kind, path in paths.items():
            if not path.exists():
                started = time.perf_counter()
                writers[kind](path, notice)
                print(f"generated {path.name}: {path.stat().st_size / 1e6:.1f} MB in "
                      f"{time.perf_counter() - started:.1f} s")
        print(f"the PDF has {pages_of(paths['pdf'])} pages; {args.items} numbered tasks, "
              "a 100-row appendix table of figures")
        results = [measure(path, kind, args.runs) for kind, path in paths.items()]
        plumber = None
        if args.pdfplumber:
            try:
                plumber = timed(lambda: pdfplumber_pdf(paths["pdf"]), 1)[0]
            except ImportError:
                print("pdfplumber is not installed: .venv/bin/pip install pdfplumber==0.11.10")
    print(f"{'':6}{'preview':>9}{'read':>9}{'in-proc':>9}{'recognise':>11}{'rules':>8}{'objects':>9}{'baseline':>10}  "
          f"library alone     paragraphs tables tasks")
    for r in results:
        print(f"{r['kind']:6}{r['preview']:8.3f}s{r['read']:8.3f}s{r['in_process']:8.3f}s{r['recognise']:10.3f}s"
              f"{r['rules_alone']:7.3f}s{r['objects_alone']:8.3f}s{r['baseline']:9.3f}s  {r['library']:17} "
              f"{r['paragraphs']:>10} {r['tables']:>6} {r['tasks']:>5}")
    if plumber is not None:
        print(f"pdfplumber (text and ruled tables of every page): {plumber:.2f} s")
    for r in results:
        goal = GOALS[r["kind"]]
        share = r["recognise"] / r["read"] if r["read"] else 0.0
        print(f"{r['kind']}: preview {r['preview']:.2f} s "
              f"(goal ≤ {goal:g} s: {'met' if r['preview'] <= goal else 'NOT met'}); "
              f"recognition adds {share:.0%} of the reading time (goal ≤ {RECOGNITION_SHARE:.0%}: "
              f"{'met' if share <= RECOGNITION_SHARE else 'NOT met'}); "
              f"{r['preview'] / r['baseline']:.1f}× the library alone; "
              f"the rules alone take {r['rules_alone'] / r['read']:.0%} of the reading time, "
              f"the objects alone {r['objects_alone'] / r['read']:.0%}")
    print(f"load average at end: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
