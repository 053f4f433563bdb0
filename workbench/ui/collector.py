"""Python's garbage collector runs on the GUI thread only.

A collection runs on whichever thread happens to allocate when a threshold is crossed, and a Qt object in a
reference cycle is destroyed by the thread that collects it: a widget destroyed on a worker thread crashes the
process. So automatic collection is switched off and the GUI thread collects on a timer, with the thresholds
Python itself would use (pyqtgraph's ``GarbageCollector`` works the same way).
"""

from __future__ import annotations

import gc

from workbench.ui.qt import QtCore

INTERVAL_MS = 1000


class GuiThreadCollector(QtCore.QObject):
    def __init__(self, parent: QtCore.QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QtCore.QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(interval_ms)

    def collect(self) -> None:
        """What Python's automatic collection would do now, here on the GUI thread."""
        young, middle, old = gc.get_count()
        if young > self.threshold[0]:
            gc.collect(0)
            if middle > self.threshold[1]:
                gc.collect(1)
                if old > self.threshold[2]:
                    gc.collect(2)
