"""Traditional → simplified Chinese characters: one OpenCC converter for the whole program.

The converter is built on first use, under a lock, because building it loads OpenCC's
dictionaries: a window that never converts a text never pays for them.
"""

from __future__ import annotations

import threading
from typing import Any

_converter: Any = None  # opencc.OpenCC, which ships no type information
_converter_lock = threading.Lock()


def convert_t2s(text: str) -> str:
    """`text` with every traditional character (and phrase OpenCC knows) in its simplified form."""
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                import opencc

                _converter = opencc.OpenCC("t2s")
    return str(_converter.convert(text))
