"""The downloads the user asked for and that have not finished: a small JSON file in the data folder.

It survives a crash or a kill, so the app can offer to resume them when it starts again. The bytes
themselves live in the HF cache (``blobs/<etag>.incomplete``); this file only remembers what to fetch.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from workbench.core import paths


@dataclass
class QueuedDownload:
    repo_id: str
    revision: str = "main"
    include: list[str] | None = None
    state: str = "queued"  # queued | running | paused | failed
    message: str = ""
    added: float = field(default_factory=time.time)

    @property
    def key(self) -> str:
        return f"{self.repo_id}@{self.revision}:{','.join(self.include or [])}"


def queue_path() -> Path:
    return paths.data_dir() / "downloads.json"


class DownloadQueue:
    """Load, change and save the unfinished downloads (atomic writes; an unreadable file counts as empty)."""

    def __init__(self, path: Path | None = None):
        self.path = path or queue_path()
        self._lock = threading.Lock()

    def load(self) -> list[QueuedDownload]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return [QueuedDownload(**item) for item in raw.get("downloads", [])]
        except (OSError, ValueError, TypeError, AttributeError):
            return []

    def _save(self, items: list[QueuedDownload]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".downloads-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"version": 1, "downloads": [asdict(i) for i in items]}, fh, indent=2)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def put(self, item: QueuedDownload) -> None:
        """Add or update (by repo, revision and file patterns)."""
        with self._lock:
            items = [i for i in self.load() if i.key != item.key]
            items.append(item)
            self._save(items)

    def remove(self, key: str) -> None:
        with self._lock:
            items = self.load()
            kept = [i for i in items if i.key != key]
            if len(kept) != len(items):
                self._save(kept)
