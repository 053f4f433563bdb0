"""The progress of one download, shared by its worker threads: bytes and files done, the speed, and the
``DownloadProgress`` events (throttled to one every ``PROGRESS_EVERY_S``)."""

from __future__ import annotations

import collections
import threading
import time
from dataclasses import dataclass

from workbench.core.hub.search import HubFile
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.jobs import Progress

PROGRESS_EVERY_S = 0.1


@dataclass
class DownloadProgress(Progress):
    """Progress of a download; ``done``/``total`` are bytes of the whole repo selection."""

    repo_id: str = ""
    file: str = ""
    file_done: int = 0
    file_total: int = 0
    files_done: int = 0
    files_total: int = 0
    speed_bps: float = 0.0
    eta_s: float | None = None
    state: str = "downloading"  # planning | waiting | downloading | verifying | retrying | done


class _Speed:
    """Bytes per second over the last few seconds."""

    def __init__(self, window_s: float = 3.0):
        self.window_s = window_s
        self.samples: collections.deque = collections.deque()
        self.total = 0

    def add(self, n: int) -> None:
        now = time.monotonic()
        self.total += n
        self.samples.append((now, self.total))
        while len(self.samples) > 2 and now - self.samples[0][0] > self.window_s:
            self.samples.popleft()

    @property
    def bps(self) -> float:
        if len(self.samples) < 2:
            return 0.0
        (t0, b0), (t1, b1) = self.samples[0], self.samples[-1]
        return (b1 - b0) / (t1 - t0) if t1 > t0 else 0.0


# The progress line of a download, by state and whether other files download at the same time.
_PROGRESS_TEXT = {
    ("downloading", False): QT_TRANSLATE_NOOP("core", "Downloading {name} ({done}/{total} done)"),
    ("downloading", True): QT_TRANSLATE_NOOP("core", "Downloading {name} and {more} more ({done}/{total} done)"),
    ("verifying", False): QT_TRANSLATE_NOOP("core", "Verifying {name} ({done}/{total} done)"),
    ("verifying", True): QT_TRANSLATE_NOOP("core", "Verifying {name} and {more} more ({done}/{total} done)"),
    ("retrying", False): QT_TRANSLATE_NOOP("core", "Retrying {name} ({done}/{total} done)"),
    ("retrying", True): QT_TRANSLATE_NOOP("core", "Retrying {name} and {more} more ({done}/{total} done)"),
}


class Tally:
    """Bytes and files of one download, shared by its worker threads; builds the progress events."""

    def __init__(self, repo_id: str, files: list[HubFile]):
        self.repo_id = repo_id
        self.files_total = len(files)
        self.total = sum(f.size for f in files)
        self.lock = threading.Lock()
        self.done = 0  # bytes of finished files
        self.in_flight: dict[str, int] = {}  # file -> bytes on disk so far
        self.files_done = 0
        self.fetched = 0
        self.last_emit = 0.0
        self.speed = _Speed()

    def add_fetched(self, n: int) -> None:
        with self.lock:
            self.fetched += n
            self.speed.add(n)

    def file_finished(self, f: HubFile) -> None:
        with self.lock:
            self.in_flight.pop(f.name, None)
            self.done += f.size
            self.files_done += 1

    def progress(self, f: HubFile, file_done: int, status: str = "downloading", force: bool = False):
        now = time.monotonic()
        with self.lock:
            self.in_flight[f.name] = file_done
            if not force and now - self.last_emit < PROGRESS_EVERY_S:
                return None
            self.last_emit = now
            done = self.done + sum(self.in_flight.values())
            bps = self.speed.bps
            files_done, running = self.files_done, len(self.in_flight)
        eta = (self.total - done) / bps if bps > 0 else None
        text = _PROGRESS_TEXT[(status if status in ("verifying", "retrying") else "downloading", running > 1)]
        message = translate("core", text).format(name=f.name, more=running - 1, done=files_done,
                                                 total=self.files_total)
        return DownloadProgress(done, self.total, message, "B", repo_id=self.repo_id, file=f.name,
                                file_done=file_done, file_total=f.size,
                                files_done=files_done, files_total=self.files_total, speed_bps=bps, eta_s=eta,
                                state=status)
