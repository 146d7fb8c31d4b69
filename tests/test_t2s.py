"""The traditional → simplified conversion skips texts OpenCC would leave as they are, and gives the same text.

`planner.domain.t2s_chars` lists the characters OpenCC's t2s dictionaries change (in a
phrase or alone); a text holding none of them is returned without calling OpenCC. This
checks the list against the dictionaries of the installed OpenCC (dumped with its own
`opencc_dict` tool), and the conversion against OpenCC itself. After an upgrade of
opencc, `python tests/test_t2s.py` writes the list again.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planner.domain import t2s  # noqa: E402
from planner.domain.t2s_chars import CHANGED_BMP  # noqa: E402

MODULE = ROOT / "planner" / "domain" / "t2s_chars.py"
# The dictionaries t2s.json reads: the normalisation of compatibility ideographs, then phrases and characters.
DICTIONARIES = ("CJK_Compatibility_Ideographs", "TSPhrases", "TSCharactersExt", "TSCharacters")
CHARS_PER_LINE = 48  # CJK characters count twice towards the line length


def _opencc_dict() -> tuple[Path, Path] | None:
    """OpenCC's dictionary tool and its data folder, as the opencc wheel installs them."""
    import opencc

    clib = Path(opencc.__file__).resolve().parent / "clib"
    tool = clib / "bin" / ("opencc_dict.exe" if os.name == "nt" else "opencc_dict")
    share = clib / "share" / "opencc"
    return (tool, share) if tool.exists() and share.is_dir() else None


def dictionary_entries() -> list[tuple[str, str]]:
    """(key, what t2s writes for it) of every entry of the t2s dictionaries."""
    found = _opencc_dict()
    if found is None:
        pytest.skip("the opencc wheel has no opencc_dict tool here")
    tool, share = found
    entries: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        for name in DICTIONARIES:
            text = Path(folder) / f"{name}.txt"
            subprocess.run([str(tool), "-i", str(share / f"{name}.ocd2"), "-o", str(text), "-f", "ocd2", "-t", "text"],
                           check=True, capture_output=True)
            for line in text.read_text(encoding="utf-8").splitlines():
                key, values = line.split("\t")
                entries.append((key, values.split(" ")[0]))  # OpenCC writes the first candidate
    return entries


def changed_characters(entries: list[tuple[str, str]]) -> set[str]:
    """The characters an entry changes; every character of a key whose value has another length."""
    changed: set[str] = set()
    for key, value in entries:
        if key == value:
            continue
        if len(key) == len(value):
            changed.update(k for k, v in zip(key, value) if k != v)
        else:
            changed.update(key)
    return changed


def _literal(chars: str) -> str:
    return "".join(char if "\u3400" <= char <= "\u9fff" else f"\\u{ord(char):04x}" for char in chars)


def write_module() -> None:
    import opencc

    bmp = "".join(sorted(char for char in changed_characters(dictionary_entries()) if ord(char) < 0x10000))
    lines = [f'    "{_literal(bmp[start:start + CHARS_PER_LINE])}"' for start in range(0, len(bmp), CHARS_PER_LINE)]
    version = getattr(opencc, "__version__", "")
    MODULE.write_text(
        f'"""The characters of the Basic Multilingual Plane that OpenCC\'s t2s (opencc {version}) changes.\n\n'
        "Written by `python tests/test_t2s.py` from OpenCC's dictionaries (every character a phrase or\n"
        "character entry replaces); `planner.domain.t2s` converts only texts holding one of them\n"
        'or a character beyond the plane. Not to be edited by hand.\n"""\n\n'
        "CHANGED_BMP = (\n" + "\n".join(lines) + "\n)\n",
        encoding="utf-8")


def test_the_list_holds_every_character_the_dictionaries_change():
    changed = changed_characters(dictionary_entries())
    assert {char for char in changed if ord(char) < 0x10000} == set(CHANGED_BMP)


def test_a_character_not_listed_stays_as_it_is():
    plane = [chr(code) for code in range(0x20, 0x10000)
             if not 0xD800 <= code <= 0xDFFF and chr(code) not in CHANGED_BMP and chr(code) != "\n"]
    assert t2s._converter_instance().convert("\n".join(plane)).split("\n") == plane


PHRASES = ["乾燥", "著名", "瞭解", "憑藉", "深沈", "什麼", "甦醒", "彷彿", "覆蓋", "衹有", "哩", "俱樂部", "壞"]
ALPHABET = st.sampled_from(sorted(CHANGED_BMP)[:400] + list("的一是不了在人有我他这中大来市民政局年，。（）、 \n１２Ａ")
                           + ["𠀀", "\U0002f800", "\uf900", "\ufa0a"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(ALPHABET, st.sampled_from(PHRASES)), max_size=40))
def test_the_conversion_gives_what_opencc_gives(parts):
    text = "".join(parts)
    assert t2s.convert_t2s(text) == t2s._converter_instance().convert(text)


def test_a_simplified_text_is_returned_without_opencc(monkeypatch):
    text = "加快推进社区居家养老服务网络建设，到2024年新增123个。〔责任单位：市民政局、市财政局〕"
    t2s.convert_t2s("國")  # the converter is built

    def refuse(_text: str) -> str:
        raise AssertionError("OpenCC was called")

    monkeypatch.setattr(t2s._converter_instance(), "convert", refuse)
    assert t2s.convert_t2s(text) is text


if __name__ == "__main__":
    write_module()
    print(f"wrote {MODULE}")
