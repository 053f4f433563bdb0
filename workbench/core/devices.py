"""Device and dtype policy, and how much memory there is."""

from __future__ import annotations

import time
from dataclasses import dataclass

DTYPE_BYTES = {"float32": 4, "bfloat16": 2, "float16": 2, "int8": 1}


def pick_device(requested: str = "auto") -> str:
    import torch

    if requested and requested != "auto":
        if requested.startswith("cuda") and not torch.cuda.is_available():
            from workbench.core.jobs import WorkbenchError
            raise WorkbenchError("CUDA was requested but no CUDA GPU is available.", "Choose device 'auto' or 'cpu'.")
        if requested == "mps" and not (hasattr(torch.backends, "mps") and torch.backends.mps.is_available()):
            from workbench.core.jobs import WorkbenchError
            raise WorkbenchError("Apple MPS was requested but is not available.", "Choose device 'auto' or 'cpu'.")
        return requested
    if torch.cuda.is_available():
        return "cuda"
    if hasattr(torch.backends, "mps") and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


def pick_dtype(device: str, requested: str = "auto", cpu_bf16_faster: bool | None = False) -> str:
    if requested and requested != "auto":
        return requested
    if device.startswith("cuda"):
        import torch
        return "bfloat16" if torch.cuda.is_bf16_supported() else "float16"
    if device == "mps":
        return "float16"
    return "bfloat16" if cpu_bf16_faster else "float32"


def measure_cpu_bf16_faster() -> bool:
    """Time the same matrix products in float32 and bfloat16 on this CPU (about 0.3 s, done once)."""
    import torch

    def bench(dtype) -> float:
        a = torch.randn(64, 1024, dtype=dtype)
        w = torch.randn(1024, 1024, dtype=dtype)
        for _ in range(3):
            a @ w
        start = time.perf_counter()
        for _ in range(30):
            a @ w
        return time.perf_counter() - start

    return bench(torch.bfloat16) < 0.8 * bench(torch.float32)


@dataclass
class MemoryStatus:
    device: str
    total_bytes: int
    available_bytes: int


def memory_status(device: str = "cpu") -> MemoryStatus:
    if device.startswith("cuda"):
        import torch
        free, total = torch.cuda.mem_get_info()
        return MemoryStatus(device, total, free)
    import psutil
    vm = psutil.virtual_memory()
    # MPS shares system memory.
    return MemoryStatus(device, vm.total, vm.available)


def estimate_bytes(parameters: int, dtype: str) -> int:
    """Weights by dtype plus activations, caches and framework overhead."""
    weights = parameters * DTYPE_BYTES.get(dtype, 4)
    return int(weights * 1.2) + 300 * 1024 * 1024


def fit_verdict(needed: int, available: int) -> str:
    if needed <= 0.7 * available:
        return "fits"
    if needed <= available:
        return "tight"
    return "will not fit"


def process_memory_bytes() -> int:
    import psutil
    return psutil.Process().memory_info().rss


def release_freed_memory() -> None:
    """Return freed heap pages to the operating system so 'unload' shows in the task manager."""
    import gc

    gc.collect()
    try:
        import torch
        if torch.cuda.is_available():
            torch.cuda.empty_cache()
        if hasattr(torch, "mps") and hasattr(torch.backends, "mps") and torch.backends.mps.is_available():
            torch.mps.empty_cache()
    except Exception:  # a broken GPU runtime must not stop an unload
        pass
    try:
        import ctypes
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc (macOS, Windows)
