"""Reproduces PySide6 6.12's lost references to None, True and False on Python 3.11.

    python tests/runtime/lost_references.py exhaust None|True|False [--guard]
        repeats a Qt call that loses a reference to the singleton until its count would
        have reached zero: without the guard, Python 3.11 aborts (exit 134, "none_dealloc"
        or "bool_dealloc"); with --guard (ui.singleton_guard), it prints "survived".
    python tests/runtime/lost_references.py measure
        prints, as JSON, how far each singleton's count moved over a catalogue of common
        Qt calls, so that a test can check the guard covers every singleton that loses.

On Python 3.12 and newer the singletons are immortal and every mode survives.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CALLS_PER_PROBE = 500
IMMORTAL_FROM = 1 << 30
MORTAL_CALLS = 100_000  # far more than None's count in this small process (about 5,000 on 3.11)


def singletons() -> dict[str, object]:
    return {"None": None, "True": True, "False": False, "NotImplemented": NotImplemented, "Ellipsis": Ellipsis,
            "()": (), "''": "", "0": 0, "1": 1}


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if "--guard" in argv:
        sys.path.insert(0, str(ROOT))
        import ui  # noqa: F401  (applies the guard before any Qt call)
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication, QLineEdit

    class Emitter(QObject):
        fired = Signal()

    app = QApplication.instance() or QApplication([])  # noqa: F841 (widgets need it)
    emitter, unconnected, field = Emitter(), Emitter(), QLineEdit()
    emitter.fired.connect(lambda: None)
    import warnings

    warnings.simplefilter("ignore")  # the failed disconnect below warns every time

    losing: dict[str, Callable[[], object]] = {
        "None": lambda: field.setText("x"),  # any void method
        "True": emitter.fired.emit,
        "False": unconnected.fired.disconnect,  # nothing connected: returns False
    }
    if argv[0] == "exhaust":
        name = argv[1]
        call = losing[name]
        singleton = singletons()[name]
        count = sys.getrefcount(singleton)
        # An immortal object (3.12+) reports a huge count: the same number of calls as a mortal one needs.
        for _ in range(count + 1000 if count < IMMORTAL_FROM else MORTAL_CALLS):
            call()
        print("survived")
        return 0
    catalogue: dict[str, Callable[[], object]] = {
        **{f"loses {name}": call for name, call in losing.items()},
        "QLineEdit.text": field.text,
        "QObject.parent": emitter.parent,
        "QObject.objectName": emitter.objectName,
        "QWidget.isVisible": field.isVisible,
        "QObject.blockSignals": lambda: emitter.blockSignals(False),
        "QObject.setProperty": lambda: emitter.setProperty("p", True),
        "QObject.property": lambda: emitter.property("p"),
    }
    moved: dict[str, dict[str, int]] = {}
    for label, call in catalogue.items():
        before = {name: sys.getrefcount(obj) for name, obj in singletons().items()}
        for _ in range(CALLS_PER_PROBE):
            call()
        after = {name: sys.getrefcount(obj) for name, obj in singletons().items()}
        moved[label] = {name: after[name] - before[name] for name in before if after[name] != before[name]}
    json.dump({"calls_per_probe": CALLS_PER_PROBE, "moved": moved}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
