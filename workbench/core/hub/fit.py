"""The fit verdict: will the chosen files fit on the disk, and the model in memory (by dtype)?"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from workbench.core import devices
from workbench.core.hub.cache import free_disk_bytes, storage_folder
from workbench.core.hub.search import ModelDetails
from workbench.core.units import human_bytes


@dataclass
class MemoryFit:
    dtype: str
    needed_bytes: int
    verdict: str


@dataclass
class FitReport:
    download_bytes: int  # still to fetch (already cached blobs do not count)
    disk_free_bytes: int
    disk_verdict: str
    device: str
    memory_available_bytes: int
    memory: list[MemoryFit]
    parameters: int | None
    parameters_estimated: bool

    @property
    def summary(self) -> str:
        disk = (f"Disk: {human_bytes(self.download_bytes)} to download, {human_bytes(self.disk_free_bytes)} free "
                f"({self.disk_verdict}).")
        if not self.memory:
            return disk + " Memory: no weight files chosen."
        approx = "about " if self.parameters_estimated else ""
        mem = "; ".join(f"{m.dtype} {human_bytes(m.needed_bytes)} ({m.verdict})" for m in self.memory)
        return (f"{disk} Memory to run {approx}{self.parameters / 1e6:,.0f}M parameters on {self.device} "
                f"with {human_bytes(self.memory_available_bytes)} available: {mem}.")


def fit_report(details: ModelDetails, chosen: list[str] | None = None) -> FitReport:
    """Will the chosen files fit on disk, and the model in memory (by dtype)?"""
    files = [f for f in details.files if chosen is None or f.name in chosen]
    blobs = storage_folder(details.repo_id) / "blobs"
    to_fetch = 0
    for f in files:
        partial = blobs / f"{f.etag}.incomplete"
        if not (blobs / f.etag).exists():
            to_fetch += f.size - (partial.stat().st_size if partial.exists() else 0)
    free = free_disk_bytes()
    disk_verdict = devices.fit_verdict(to_fetch, free) if to_fetch else "fits"
    weights = [f for f in files if f.is_weights]
    parameters, estimated = details.parameters, False
    if weights and not parameters:
        # Without the hub's parameter count, assume 16-bit weights (how most checkpoints are shared);
        # a GGUF is quantised, so its size is the best guess of what it takes.
        parameters = sum(f.size // (1 if f.name.endswith(".gguf") else 2) for f in weights)
        estimated = True
    device = "cuda" if "torch" in sys.modules and sys.modules["torch"].cuda.is_available() else "cpu"
    status = devices.memory_status(device)
    memory = []
    if weights and parameters:
        for dtype in ("float32", "bfloat16"):
            needed = devices.estimate_bytes(parameters, dtype)
            memory.append(MemoryFit(dtype, needed, devices.fit_verdict(needed, status.available_bytes)))
    return FitReport(to_fetch, free, disk_verdict, device, status.available_bytes, memory,
                     parameters if weights else None, estimated)
