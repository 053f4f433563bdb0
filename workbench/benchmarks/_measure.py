"""Helpers shared by benchmarks: the peak resident memory of this process while something runs."""

from __future__ import annotations

import threading


class PeakMemory:
    """``with PeakMemory() as peak: ...`` then ``peak.mb``: the highest RSS above the RSS at entry,
    sampled every few milliseconds on a thread (ru_maxrss cannot be reset between modes)."""

    def __init__(self, interval_s: float = 0.005):
        self.interval_s = interval_s
        self.baseline = 0
        self.peak = 0
        self._stop = threading.Event()

    def __enter__(self) -> "PeakMemory":
        import psutil

        self._process = psutil.Process()
        self.baseline = self.peak = self._process.memory_info().rss
        self._thread = threading.Thread(target=self._sample, name="peak-memory", daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(self.interval_s):
            self.peak = max(self.peak, self._process.memory_info().rss)

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._process.memory_info().rss)

    @property
    def mb(self) -> float:
        return round((self.peak - self.baseline) / 2**20, 1)
