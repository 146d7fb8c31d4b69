"""Just enough of the OLE2 compound file format to list streams and read one.

Needed for two checks calamine does not make: an xlsx protected with a password
is an OLE2 file holding `EncryptionInfo` and `EncryptedPackage` streams, and an
.xls sheet's size and error cells are read from its BIFF records before calamine
builds the sheet in memory.
"""

from __future__ import annotations

import struct

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE, _END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE
_MAX_SECTOR = 0xFFFFFFFA
_HEADER_FAT_SLOTS = 109  # FAT sector numbers the header itself holds


class OleError(ValueError):
    """The compound file structure is damaged."""


class OleFile:
    def __init__(self, data: bytes):
        if len(data) < 512 or not data.startswith(OLE_MAGIC):
            raise OleError("not an OLE2 file")
        self.data = data
        self.sector_size = 1 << struct.unpack_from("<H", data, 30)[0]
        self.mini_sector_size = 1 << struct.unpack_from("<H", data, 32)[0]
        if self.sector_size not in (512, 4096) or self.mini_sector_size != 64:
            raise OleError("unsupported sector size")
        (fat_count, first_dir, _, self.mini_cutoff, first_mini_fat, mini_fat_count, first_difat, _) = (
            struct.unpack_from("<IIIIIIII", data, 44)
        )
        self.fat = self._read_fat(fat_count, first_difat)
        self.entries = self._read_directory(first_dir)
        root = self.entries[0] if self.entries else None
        if root is None:
            raise OleError("no root entry")
        self.mini_fat = self._ints(self._chain_bytes(first_mini_fat)) if mini_fat_count else []
        self.mini_stream = self._chain_bytes(root[2])[: root[3]] if root[3] else b""

    def _sector(self, number: int) -> bytes:
        start = (number + 1) * self.sector_size
        if number > _MAX_SECTOR or start >= len(self.data):
            raise OleError("sector out of range")
        return self.data[start : start + self.sector_size]

    @staticmethod
    def _ints(raw: bytes) -> list[int]:
        return list(struct.unpack(f"<{len(raw) // 4}I", raw[: len(raw) // 4 * 4]))

    def _read_fat(self, fat_count: int, first_difat: int) -> list[int]:
        # calamine follows the DIFAT chain to its end, whatever the header's count, and builds its
        # FAT from every sector the chain lists. A chain that comes back to a sector never ends,
        # and one listing far more FAT sectors than the file holds builds a FAT of gigabytes:
        # calamine would run out of memory on either, so both are refused here first.
        sectors = [s for s in self._ints(self.data[76:512]) if s <= _MAX_SECTOR]
        next_difat, seen = first_difat, set()
        while next_difat <= _MAX_SECTOR:
            if next_difat in seen:
                raise OleError("DIFAT chain loops")
            seen.add(next_difat)
            block = self._ints(self._sector(next_difat))
            sectors.extend(s for s in block[:-1] if s <= _MAX_SECTOR)
            next_difat = block[-1]
            if len(sectors) * self.sector_size > len(self.data) + _HEADER_FAT_SLOTS * self.sector_size:
                raise OleError("more FAT sectors listed than the file holds")
        fat: list[int] = []
        for sector in sectors[:fat_count]:
            fat.extend(self._ints(self._sector(sector)))
        return fat

    def _chain(self, start: int, table: list[int]) -> list[int]:
        chain, current, seen = [], start, set()
        while current <= _MAX_SECTOR:
            if current >= len(table) or current in seen:
                raise OleError("broken sector chain")
            seen.add(current)
            chain.append(current)
            current = table[current]
        return chain

    def _chain_bytes(self, start: int) -> bytes:
        return b"".join(self._sector(s) for s in self._chain(start, self.fat))

    def _read_directory(self, first_dir: int) -> list[tuple[str, int, int, int]]:
        raw = self._chain_bytes(first_dir)
        entries = []
        for offset in range(0, len(raw) - 127, 128):
            name_length, kind = struct.unpack_from("<HB", raw, offset + 64)
            name = raw[offset : offset + max(0, min(name_length, 64) - 2)].decode("utf-16-le", "replace")
            start, size = struct.unpack_from("<IQ", raw, offset + 116)
            if self.sector_size == 512:
                size &= 0xFFFFFFFF  # version 3 files leave the high half undefined
            entries.append((name, kind, start, size))
        return entries

    def stream_names(self) -> list[str]:
        return [name for name, kind, _, _ in self.entries if kind == 2]

    def read_stream(self, name: str) -> bytes:
        for entry_name, kind, start, size in self.entries:
            if kind == 2 and entry_name.lower() == name.lower():
                if size < self.mini_cutoff:
                    chain = self._chain(start, self.mini_fat)
                    step = self.mini_sector_size
                    return b"".join(self.mini_stream[s * step : (s + 1) * step] for s in chain)[:size]
                return self._chain_bytes(start)[:size]
        raise KeyError(name)
