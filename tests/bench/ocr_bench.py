"""OCR benchmark: the Hangzhou notice printed, stamped and scanned, read page by page.

Run as `python3 dev.py bench ocr_bench [--dpi 150 200] [--rapidocr PYTHON | --install-rapidocr] [--keep DIR]`.

The notice (seed 003, 16 tasks with 〔责任单位：…〕) is printed to PDF with the bundled font,
each A4 page rendered at the given resolution, the 红头 put over the first page and the seal
over the signature, every page turned 0.8° and sprinkled with dust, and the pages put in an
image-only PDF (`tests.notices.scan_files.stamped_scan`). For each resolution, in this run:

* seconds per page: Tesseract through tesserocr (`planner.notices.ocr.reader.read_scanned_page`,
  in this process: rendering, red print out, turning upright, straightening, tables, lines);
* character accuracy against the printed text (what pdfium reads from the PDF), full-width and
  half-width forms counted as the same character and white space left out, before and after
  `planner.notices.ocr.corrections`;
* tasks and offices: the scan's plan against the plan of the same text read from the PDF —
  tasks found, and tasks whose name, lead offices and co-operating offices are all the same.

With `--rapidocr PYTHON` (an interpreter with rapidocr-onnxruntime installed) or
`--install-rapidocr` (pip installs rapidocr-onnxruntime==1.4.4 into a temporary virtual
environment on Python 3.12 or 3.11, which its wheels need), RapidOCR reads the same pages,
as Tesseract sees them (red print out, upright, straight), and its lines go through the same
layout, corrections and recognition. Installed
sizes are printed for both engines, and the planner's own with and without the OCR component.

Goals (issue 20): ≤ 8 s a page at 150–200 dpi, ≥ 99 % of the characters after corrections,
all 16 tasks with their offices.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from planner.notices import readers  # noqa: E402
from planner.notices.importing import preview_notice  # noqa: E402
from planner.notices.items import RecognitionSettings  # noqa: E402
from planner.notices.ocr import imaging, layout  # noqa: E402
from planner.notices.ocr.pages import ReadLine, ReadPage  # noqa: E402
from planner.notices.ocr.reader import _page_image, _surety, pdf_pages, read_scanned_page  # noqa: E402
from tests.notices import scan_files  # noqa: E402

SECONDS_GOAL = 8.0
ACCURACY_GOAL = 0.99
TASKS_GOAL = 16
RAPIDOCR_PIN = "rapidocr-onnxruntime==1.4.4"

RAPIDOCR_SCRIPT = r"""
import json, sys, time
from rapidocr_onnxruntime import RapidOCR
started = time.perf_counter()
engine = RapidOCR()
print(json.dumps({"load": time.perf_counter() - started}), flush=True)
for path in sys.argv[1:]:
    started = time.perf_counter()
    result, _elapse = engine(path)
    seconds = time.perf_counter() - started
    lines = [{"box": [[float(x), float(y)] for x, y in box], "text": text, "score": float(score)}
             for box, text, score in (result or [])]
    print(json.dumps({"path": path, "seconds": seconds, "lines": lines}, ensure_ascii=False), flush=True)
"""


def truth_text(printed: Path) -> str:
    return "".join(paragraph.full_text for paragraph in readers.read_notice(printed, isolated=False).paragraphs)


def document_text(document) -> str:
    return "".join(paragraph.full_text for paragraph in document.paragraphs)


def assembled(pages: list[ReadPage], corrected: bool):
    if corrected:
        return layout.assemble(pages, "扫描件.pdf", "pdf", "0")
    original = layout.correct_text
    layout.correct_text = lambda text: (text, list(range(len(text))))
    try:
        return layout.assemble(pages, "扫描件.pdf", "pdf", "0")
    finally:
        layout.correct_text = original


def plan_match(document, reference) -> tuple[int, int]:
    """(tasks found, tasks with the same name and offices as the text's)."""
    plan = preview_notice(document, RecognitionSettings()).plan
    wanted = [(task.name, task.lead, task.co) for task in reference.tasks]
    got = [(task.name, task.lead, task.co) for task in plan.tasks]
    return len(plan.tasks), sum(1 for task in got if task in wanted)


def report(engine: str, dpi: int, seconds: list[float], pages: list[ReadPage], truth: str, reference) -> None:
    raw = scan_files.char_accuracy(truth, document_text(assembled(pages, corrected=False)))
    document = assembled(pages, corrected=True)
    corrected = scan_files.char_accuracy(truth, document_text(document))
    found, same = plan_match(document, reference)
    per_page = statistics.median(seconds)
    print(f"{engine:<10} {dpi:>4} dpi  {per_page:6.2f} s/page (median; max {max(seconds):.2f}, "
          f"{len(seconds)} pages)  goal ≤ {SECONDS_GOAL:g}: {'met' if per_page <= SECONDS_GOAL else 'NOT met'}")
    print(f"{'':<10} characters: {raw:.2%} as read, {corrected:.2%} after corrections  goal ≥ {ACCURACY_GOAL:.0%}: "
          f"{'met' if corrected >= ACCURACY_GOAL else 'NOT met'}")
    print(f"{'':<10} tasks: {found} found, {same} of {len(reference.tasks)} with the text's name and offices  "
          f"goal {TASKS_GOAL}: {'met' if same == TASKS_GOAL and found == TASKS_GOAL else 'NOT met'}", flush=True)


def tesseract_pages(scan: Path, count: int, dpi: int) -> tuple[list[ReadPage], list[float], list[float]]:
    """The pages read, and the wall-clock and processor seconds each took (the processor's are what a machine
    shared with other work does not inflate)."""
    imaging.OCR_DPI = dpi
    pages, seconds, processor = [], [], []
    for index in range(count):
        started, used = time.perf_counter(), time.process_time()
        pages.append(read_scanned_page(str(scan), "pdf", index))
        seconds.append(time.perf_counter() - started)
        processor.append(time.process_time() - used)
    return pages, seconds, processor


def prepared_images(scan: Path, count: int, dpi: int, folder: Path) -> list[tuple[Path, ReadPage]]:
    """Each page as Tesseract sees it (red print out, upright, straight), saved for RapidOCR."""
    imaging.OCR_DPI = dpi
    prepared = []
    for index in range(count):
        rgb, ppi = _page_image(str(scan), "pdf", index)
        page = imaging.prepare(rgb, ppi, _surety)
        path = folder / f"page{index + 1}-{dpi}.png"
        page.gray.save(path)
        prepared.append((path, ReadPage(number=index + 1, width=page.gray.width, height=page.gray.height, ppi=ppi)))
    return prepared


def rapidocr_pages(python: str, prepared: list[tuple[Path, ReadPage]]) -> tuple[list[ReadPage], list[float], float]:
    result = subprocess.run([python, "-c", RAPIDOCR_SCRIPT, *(str(path) for path, _page in prepared)],
                            capture_output=True, text=True, check=True)
    answers = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    load, pages, seconds = answers[0]["load"], [], []
    for (_path, page), answer in zip(prepared, answers[1:]):
        seconds.append(answer["seconds"])
        for line in answer["lines"]:
            xs, ys = [point[0] for point in line["box"]], [point[1] for point in line["box"]]
            box = (round(min(xs)), round(min(ys)), round(max(xs)), round(max(ys)))
            page.lines.append(ReadLine(line["text"], [line["score"]] * len(line["text"]), box))
        page.lines.sort(key=lambda read: read.box[1])
        pages.append(page)
    return pages, seconds, load


def distribution_size(name: str, python: str | None = None) -> int:
    """Bytes installed by the distribution `name` (its RECORD), in this environment or `python`'s."""
    if python is not None:
        script = ("import importlib.metadata as m, sys; d = m.distribution(sys.argv[1]); "
                  "print(sum(f.locate().stat().st_size for f in d.files or [] if f.locate().is_file()))")
        return int(subprocess.run([python, "-c", script, name], capture_output=True, text=True,
                                  check=True).stdout)
    files = importlib.metadata.distribution(name).files or []
    return sum(path.locate().stat().st_size for path in files if Path(str(path.locate())).is_file())


def requirement_names(requirements: list[str]) -> set[str]:
    """The distributions `requirements` install, with everything they require in turn (this environment's)."""
    import re

    seen: set[str] = set()
    pending = [re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0] for requirement in requirements]
    while pending:
        name = pending.pop().lower().replace("_", "-")
        if name in seen:
            continue
        try:
            required = importlib.metadata.distribution(name).requires or []
        except importlib.metadata.PackageNotFoundError:
            continue
        seen.add(name)
        pending += [re.split(r"[<>=!~\[; ]", item, maxsplit=1)[0] for item in required if "extra ==" not in item]
    return seen


def print_sizes(rapid_python: str | None) -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = requirement_names(project["dependencies"])
    ocr = requirement_names(project["optional-dependencies"]["ocr"]) - core
    core_bytes = sum(distribution_size(name) for name in core)
    model = sum(path.stat().st_size for path in (ROOT / "resources" / "ocr").rglob("*") if path.is_file())
    ocr_bytes = sum(distribution_size(name) for name in ocr) + model
    print("\nInstalled sizes (from source, the packages as pip installed them):")
    print(f"  the planner's dependencies without OCR: {core_bytes / 1e6:7.1f} MB ({len(core)} packages)")
    print(f"  Tesseract component: {', '.join(sorted(ocr))} {(ocr_bytes - model) / 1e6:.1f} MB + chi_sim model "
          f"{model / 1e6:.1f} MB = {ocr_bytes / 1e6:.1f} MB; with OCR: {(core_bytes + ocr_bytes) / 1e6:7.1f} MB")
    bundle = ROOT / "dist" / project["name"]
    component = ROOT / "dist" / "ocr-component" / "ocr"
    if bundle.is_dir():
        bundle_bytes = sum(path.lstat().st_size for path in bundle.rglob("*") if path.is_file())
        line = f"  installed bundle (dist/{project['name']}): {bundle_bytes / 1e6:.1f} MB without OCR"
        if component.is_dir():
            component_bytes = sum(path.stat().st_size for path in component.rglob("*") if path.is_file())
            line += (f", {(bundle_bytes + component_bytes) / 1e6:.1f} MB with the component "
                     f"({component_bytes / 1e6:.1f} MB)")
        print(line)
    if rapid_python is not None:
        script = ("import importlib.metadata as m; print('\\n'.join(sorted({d.metadata['Name'] for d in "
                  "m.distributions() if d.metadata['Name'] not in ('pip', 'setuptools')})))")
        names = subprocess.run([rapid_python, "-c", script], capture_output=True, text=True, check=True).stdout.split()
        sizes = {name: distribution_size(name, rapid_python) for name in names}
        total = sum(sizes.values())
        largest = ", ".join(f"{name} {size / 1e6:.1f}" for name, size in sorted(sizes.items(), key=lambda x: -x[1])[:4])
        print(f"  RapidOCR ({RAPIDOCR_PIN} with everything it requires): {total / 1e6:.1f} MB (largest, MB: {largest})")


def install_rapidocr(folder: Path) -> str:
    """A temporary environment with RapidOCR, on Python 3.12 or 3.11: rapidocr-onnxruntime 1.4.4 has no wheel for
    3.13 or newer."""
    import dev

    base = dev.find_interpreter(12) or dev.find_interpreter(11)
    if base is None:
        sys.exit(f"{RAPIDOCR_PIN} needs Python 3.12 or 3.11, and neither was found.")
    venv = folder / "rapidocr-venv"
    subprocess.run([base.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python"))
    subprocess.run([python, "-m", "pip", "install", "--disable-pip-version-check", "-q", RAPIDOCR_PIN], check=True)
    return python


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 200])
    parser.add_argument("--rapidocr", metavar="PYTHON", help="an interpreter with rapidocr-onnxruntime installed")
    parser.add_argument("--install-rapidocr", action="store_true", help=f"pip install {RAPIDOCR_PIN} into a temp venv")
    parser.add_argument("--keep", type=Path, help="keep the scans in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ocr-bench-") as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        rapid = args.rapidocr
        if args.install_rapidocr and rapid is None:
            print(f"Installing {RAPIDOCR_PIN} into a temporary environment ...", flush=True)
            rapid = install_rapidocr(Path(temporary))
        notice = scan_files.text_notice()
        for dpi in args.dpi:
            printed, scan = scan_files.stamped_scan(notice, folder, dpi)
            truth = truth_text(printed)
            reference = preview_notice(readers.read_notice(printed, isolated=False), RecognitionSettings()).plan
            count = pdf_pages(scan.read_bytes())
            print(f"\nHangzhou notice, {count} A4 pages scanned at {dpi} dpi ({len(truth)} characters):", flush=True)
            pages, seconds, processor = tesseract_pages(scan, count, dpi)
            report("Tesseract", dpi, seconds, pages, truth, reference)
            print(f"{'':<10} processor time: {statistics.median(processor):.2f} s/page (median)")
            if rapid is not None:
                rapid_pages, rapid_seconds, load = rapidocr_pages(rapid, prepared_images(scan, count, dpi, folder))
                report("RapidOCR", dpi, rapid_seconds, rapid_pages, truth, reference)
                print(f"{'':<10} (RapidOCR's models loaded in {load:.2f} s, not counted; its pages as Tesseract "
                      "sees them, preparation not counted)")
        print_sizes(rapid)


if __name__ == "__main__":
    main()
