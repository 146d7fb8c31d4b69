"""The Chinese catalogue is complete, and every string the interface translates is in it."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "resources" / "translations" / "planner_zh_CN.ts"
UI_FILES = sorted((ROOT / "ui").rglob("*.py"))


def catalogue() -> dict[tuple[str, str], str]:
    """(context, source) → translation, read from the .ts file."""
    entries = {}
    for context in ET.parse(TS_FILE).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation.get("type") in ("obsolete", "vanished"):
                continue
            assert translation.get("type") != "unfinished", f"unfinished: {message.findtext('source')!r}"
            entries[(name, message.findtext("source"))] = translation.text or ""
    return entries


def translated_literals(path: Path) -> list[tuple[str, str]]:
    """(context, text) of every `self.tr("…")`, `QCoreApplication.translate("Context", "…")` and
    `QT_TRANSLATE_NOOP("Context", "…")` in `path`."""
    found = []

    def visit(node: ast.AST, class_name: str | None) -> None:
        if isinstance(node, ast.ClassDef):
            class_name = node.name
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("QT_TRANSLATE_NOOP", "translate")  # translate = QCoreApplication.translate
                and len(node.args) >= 2 and all(isinstance(a, ast.Constant) for a in node.args[:2])):
            found.append((node.args[0].value, node.args[1].value))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            args = node.args
            if node.func.attr == "tr" and args and isinstance(args[0], ast.Constant):
                found.append((class_name, args[0].value))
            elif node.func.attr == "translate" and len(args) >= 2 and all(isinstance(a, ast.Constant)
                                                                          for a in args[:2]):
                found.append((args[0].value, args[1].value))
        for child in ast.iter_child_nodes(node):
            visit(child, class_name)

    visit(ast.parse(path.read_text(encoding="utf-8")), None)
    return found


def test_every_message_has_a_finished_non_empty_translation():
    entries = catalogue()
    assert entries
    assert [source for (_, source), text in entries.items() if not text.strip()] == []


def test_translations_keep_the_placeholders_of_their_source():
    for (_, source), text in catalogue().items():
        assert sorted(re.findall(r"%\d", source)) == sorted(re.findall(r"%\d", text)), source


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: str(p.relative_to(ROOT / "ui")))
def test_every_translated_string_of_the_interface_is_in_the_catalogue(path: Path):
    entries = catalogue()
    missing = [(context, text) for context, text in translated_literals(path) if (context, text) not in entries]
    assert missing == [], "run pyside6-lupdate and translate: " + repr(missing)


def test_the_scan_finds_the_menu_titles():
    literals = translated_literals(ROOT / "ui" / "window" / "actions.py")
    assert ("MainActions", "&File") in literals and ("MainActions", "&Help") in literals
