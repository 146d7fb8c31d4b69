"""Libraries left in the bundle with nothing to load them, once the spec has dropped the plugins that needed them.

PyInstaller resolves every binary's libraries before the spec can filter the plugins, so a dropped plugin's
libraries (the GTK theme's Cairo, Pango, HarfBuzz and GdkPixbuf, about 6 MB) would stay behind, never loaded.
This reads the libraries each ELF binary names (its DT_NEEDED entries) and finds the system libraries, collected
into the top of the bundle, that no remaining binary needs, directly or through another library.

Only those top-level libraries are candidates: Qt's own libraries and the ones a wheel carries in its `.libs`
folder stay whatever this finds, since Qt opens some of its own with dlopen. Standard library only.
"""

from __future__ import annotations

import struct
from pathlib import Path, PurePath

ELF_MAGIC = b"\x7fELF"
SHT_DYNAMIC = 6
DT_NULL, DT_NEEDED = 0, 1


def elf_needed(path: str | Path) -> list[str]:
    """The sonames an ELF file names as needed, in order; [] for anything that is not a dynamic ELF file."""
    data = Path(path).read_bytes()
    if data[:4] != ELF_MAGIC or data[4] not in (1, 2) or data[5] not in (1, 2):
        return []
    wide, order = data[4] == 2, "<" if data[5] == 1 else ">"
    if wide:
        shoff, = struct.unpack_from(order + "Q", data, 0x28)
        shentsize, shnum = struct.unpack_from(order + "HH", data, 0x3A)
        section, dynamic_entry = order + "IIQQQQIIQQ", order + "qQ"
    else:
        shoff, = struct.unpack_from(order + "I", data, 0x20)
        shentsize, shnum = struct.unpack_from(order + "HH", data, 0x2E)
        section, dynamic_entry = order + "IIIIIIIIII", order + "iI"
    headers = [struct.unpack_from(section, data, shoff + index * shentsize) for index in range(shnum)]
    names: list[str] = []
    for header in headers:
        if header[1] != SHT_DYNAMIC:
            continue
        offset, size, link = header[4], header[5], header[6]
        strings = headers[link][4]
        step = struct.calcsize(dynamic_entry)
        for position in range(offset, offset + size, step):
            tag, value = struct.unpack_from(dynamic_entry, data, position)
            if tag == DT_NULL:
                break
            if tag == DT_NEEDED:
                end = data.index(b"\0", strings + value)
                names.append(data[strings + value:end].decode())
    return names


def is_top_level_library(dest_name: str) -> bool:
    path = PurePath(dest_name)
    return len(path.parts) == 1 and path.name.startswith("lib") and ".so" in path.name


def orphaned_libraries(binaries: list[tuple[str, str, str]]) -> set[str]:
    """The destination names of the top-level libraries among PyInstaller's `binaries` (dest, source, kind) that no
    other binary there needs, directly or through the libraries it needs."""
    needed = {dest: elf_needed(source) for dest, source, _kind in binaries}
    by_soname = {PurePath(dest).name: dest for dest in needed}
    reached: set[str] = set()
    pending = [dest for dest in needed if not is_top_level_library(dest)]
    while pending:
        dest = pending.pop()
        if dest in reached:
            continue
        reached.add(dest)
        pending += [by_soname[name] for name in needed[dest] if name in by_soname]
    return {dest for dest in needed if dest not in reached}
