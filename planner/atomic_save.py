"""Writing a file so that a failure never leaves half a workbook or report under the user's file name."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def save_atomically(path: Path, write: Callable[[str], None]) -> None:
    """Call `write(temporary_path)` beside `path`, then move the result into place.

    If writing fails (a full disk, the file open in WPS on Windows) the earlier file
    under `path`, if any, is left as it was and the temporary file is removed.
    """
    handle, temporary = tempfile.mkstemp(suffix=path.suffix or ".tmp", prefix=".~", dir=path.parent)
    os.close(handle)
    try:
        write(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
