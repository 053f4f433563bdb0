"""Start-up: time until the main window is shown, in a fresh process, vs a bare Qt window."""

from __future__ import annotations

import json
import subprocess
import sys

_WINDOW = """
import os, sys, time, json
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
t0 = time.perf_counter()
{body}
app.processEvents()
print(json.dumps({{"shown_s": time.perf_counter() - t0, "torch_loaded": "torch" in sys.modules}}))
"""
_BARE = _WINDOW.format(body="from PySide6 import QtWidgets\napp = QtWidgets.QApplication([])\n"
                            "w = QtWidgets.QMainWindow(); w.show()")
_APP = _WINDOW.format(body="from workbench.ui.app import create_app, build_window\napp = create_app()\n"
                           "w = build_window(); w.show()")


def _time(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(args) -> dict:
    runs = 1 if getattr(args, "quick", False) else 3
    app = [_time(_APP) for _ in range(runs)]
    bare = [_time(_BARE) for _ in range(runs)]
    best_app = min(r["shown_s"] for r in app)
    best_bare = min(r["shown_s"] for r in bare)
    return {"window_shown_s": round(best_app, 3), "baseline_qt_window_s": round(best_bare, 3),
            "ratio": round(best_app / best_bare, 2), "torch_loaded_before_window": any(r["torch_loaded"] for r in app)}
