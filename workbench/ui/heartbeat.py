"""An event-loop heartbeat: the longest the GUI thread went without processing a timer."""

from __future__ import annotations

import time

from workbench.ui.qt import QtCore


class Heartbeat(QtCore.QObject):
    def __init__(self, interval_ms: int = 5, parent: QtCore.QObject | None = None):
        super().__init__(parent)
        self._timer = QtCore.QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._beat)
        self._last = 0.0
        self.max_gap_ms = 0.0
        self.beats = 0

    def start(self) -> "Heartbeat":
        self._last = time.perf_counter()
        self.max_gap_ms = 0.0
        self.beats = 0
        self._timer.start()
        return self

    def stop(self) -> float:
        """The longest gap, including the one that ends now (a freeze just before stop counts too)."""
        self._beat()
        self._timer.stop()
        return self.max_gap_ms

    def _beat(self) -> None:
        now = time.perf_counter()
        self.max_gap_ms = max(self.max_gap_ms, (now - self._last) * 1000.0)
        self._last = now
        self.beats += 1
