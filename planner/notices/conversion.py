"""Older Word files (.doc), WPS files (.wps), RTF and OpenDocument text, converted to .docx by LibreOffice.

Their binary formats are read by no maintained Python library; LibreOffice reads them
well. When it is installed, `soffice --headless --convert-to docx` runs on a copy of
the file in a temporary folder of its own, with a profile of its own (so that a
LibreOffice the user has open neither receives the job nor is disturbed), in a
process group of its own that is ended when it outlasts `caps.CONVERT_SECONDS`.
Without LibreOffice the user is asked to save the file as .docx in Word or WPS.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from planner.notices import caps
from planner.notices.refusals import DamagedNoticeError, NoticeTooLargeError, UnsupportedNoticeError

SOFFICE_VARIABLE = "PLANNER_SOFFICE"  # the LibreOffice program to use, where it is not on the PATH
KIND_NAMES = {"doc": "Word 97-2003 文档（.doc）", "wps": "WPS 文字文档（.wps）", "rtf": "RTF 文档",
              "odt": "OpenDocument 文本（.odt）"}
_WINDOWS_PLACES = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                   r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")
_MAC_PLACE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"


def find_soffice() -> str | None:
    forced = os.environ.get(SOFFICE_VARIABLE)
    if forced:
        return forced if Path(forced).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    places = _WINDOWS_PLACES if os.name == "nt" else (_MAC_PLACE,) if sys.platform == "darwin" else ()
    return next((place for place in places if Path(place).is_file()), None)


def _without_libreoffice(file_name: str, kind: str) -> UnsupportedNoticeError:
    return UnsupportedNoticeError(
        f"文件“{file_name}”是{KIND_NAMES.get(kind, '旧格式文档')}，需要 LibreOffice 才能读取，但本机没有安装。"
        "请在 Word 或 WPS 中打开，选择“另存为”，保存为“Word 文档（*.docx）”后再导入。")


def _end_group(process: subprocess.Popen) -> None:
    try:
        if os.name == "nt":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        pass
    process.wait()


@contextmanager
def converted_to_docx(path: Path, file_name: str, kind: str) -> Iterator[Path]:
    """The .docx LibreOffice makes of `path`, in a temporary folder removed afterwards."""
    soffice = find_soffice()
    if soffice is None:
        raise _without_libreoffice(file_name, kind)
    with tempfile.TemporaryDirectory(prefix="planner-convert-") as folder:
        source = Path(folder) / f"notice.{kind}"
        output = Path(folder) / "out"
        shutil.copyfile(path, source)
        command = [soffice, f"-env:UserInstallation={(Path(folder) / 'profile').as_uri()}", "--headless",
                   "--norestore", "--nologo", "--nolockcheck", "--convert-to", "docx", "--outdir", str(output),
                   str(source)]
        new_group: dict[str, object] = ({"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
                                        if os.name == "nt" else {"start_new_session": True})
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, cwd=folder, **new_group)  # type: ignore[call-overload]
        except OSError as exc:
            raise UnsupportedNoticeError(f"文件“{file_name}”需要 LibreOffice 转换，但 LibreOffice 无法启动"
                                         f"（{exc.strerror or exc}）。"
                                         "请在 Word 或 WPS 中另存为 .docx 后再导入。") from None
        try:
            process.wait(timeout=caps.CONVERT_SECONDS)
        except subprocess.TimeoutExpired:
            _end_group(process)
            raise NoticeTooLargeError(f"文件“{file_name}”用 LibreOffice 转换超过 {caps.CONVERT_SECONDS:g} 秒仍未完成，"
                                      "已停止。文件可能已损坏；请在 Word 或 WPS 中另存为 .docx 后再导入。") from None
        except BaseException:
            _end_group(process)
            raise
        result = output / "notice.docx"
        if not result.is_file() or result.stat().st_size == 0:
            raise DamagedNoticeError(f"文件“{file_name}”无法用 LibreOffice 转换（文件可能已损坏或设置了密码）。"
                                     "请在 Word 或 WPS 中打开检查，另存为 .docx 后再导入。")
        yield result


