"""The Qt binding itself: faults of a release that would make the window vanish."""

import subprocess
import sys

_PAN_FOR_A_WHILE = """
import sys
from workbench.ui.qt import QtCore, QtWidgets
app = QtWidgets.QApplication(["x", "-platform", "offscreen"])
widget, rect = QtWidgets.QWidget(), QtCore.QRectF()
for _ in range(100_000):  # void calls, as a long session of redraws makes them
    rect.setWidth(1.0)
    widget.setEnabled(True)
print("alive", sys.getrefcount(None) > 1000)
"""


def test_a_long_session_of_qt_calls_does_not_abort_python():
    # PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call: 200,000 calls end in
    # "Fatal Python error: none_dealloc" unless workbench.ui.qt guards against it.
    out = subprocess.run([sys.executable, "-c", _PAN_FOR_A_WHILE], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["alive", "True"]
