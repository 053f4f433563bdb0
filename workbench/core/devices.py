"""Device and dtype policy, and how much memory there is."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass

DTYPE_BYTES = {"float32": 4, "bfloat16": 2, "float16": 2, "int8": 1}


def pick_device(requested: str = "auto") -> str:
    import torch

    if requested and requested != "auto":
        if requested.startswith("cuda") and not torch.cuda.is_available():
            from workbench.core.i18n import translate
            from workbench.core.jobs import WorkbenchError
            raise WorkbenchError(translate("core", "CUDA was requested but no CUDA GPU is available."),
                                 translate("core", "Choose device 'auto' or 'cpu'."))
        if requested == "mps" and not (hasattr(torch.backends, "mps") and torch.backends.mps.is_available()):
            from workbench.core.i18n import translate
            from workbench.core.jobs import WorkbenchError
            raise WorkbenchError(translate("core", "Apple MPS was requested but is not available."),
                                 translate("core", "Choose device 'auto' or 'cpu'."))
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
    """Whether bfloat16 decodes faster than float32 on this CPU (about half a second, done once).

    Times what generation does: a prompt's prefill, then single-token steps whose attention spans
    grow by one each step, over prompts of several lengths, so every step meets shapes it has not
    seen before (a user's prompts are new each time; one repeated matmul would measure a warm
    kernel cache instead).
    """
    import torch
    import torch.nn.functional as F

    hidden, ffn, heads = 576, 1536, 9  # a small decoder's layer, like the starter's
    generator = torch.Generator().manual_seed(0)

    def decode(dtype, prompt_lengths) -> float:
        def weight(rows, cols):
            return (torch.randn(rows, cols, generator=generator) / cols ** 0.5).to(dtype)

        attn, up, down = weight(hidden, hidden), weight(ffn, hidden), weight(hidden, ffn)
        start = time.perf_counter()
        with torch.inference_mode():
            for length in prompt_lengths:
                cache = torch.randn(1, heads, length, hidden // heads, generator=generator).to(dtype)
                x = torch.randn(length, hidden, generator=generator).to(dtype)
                token = F.linear(F.silu(F.linear(F.linear(x, attn), up)), down)[-1:]  # prefill
                for _ in range(6):  # decode steps: the attention span grows by one each time
                    q = F.linear(token, attn).view(1, heads, 1, hidden // heads)
                    mixed = F.scaled_dot_product_attention(q, cache, cache).reshape(1, hidden)
                    token = F.linear(F.silu(F.linear(mixed, up)), down)
                    cache = torch.cat([cache, q], dim=2)
        return time.perf_counter() - start

    decode(torch.float32, (5,))  # first-call costs (thread pool, allocator) shared by both
    decode(torch.bfloat16, (5,))
    # Alternating rounds, each on lengths no earlier round met. bfloat16 must win every round
    # clearly: a tie, or noise from other programs, keeps float32's exact results.
    times = {torch.float32: [], torch.bfloat16: []}
    for shift in range(4):
        dtype = torch.float32 if shift % 2 == 0 else torch.bfloat16
        times[dtype].append(decode(dtype, [n + shift for n in (11, 23, 41)]))
    return max(times[torch.bfloat16]) < 0.8 * min(times[torch.float32])


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


def peak_process_memory_bytes(pid: int | None = None) -> int:
    """The peak resident memory of this process (or of the child ``pid``, e.g. a llama.cpp engine's).

    Linux: ``VmHWM``. ``ru_maxrss`` would do on a process started from a shell, but it survives
    ``exec``: a process the app starts (fork, then exec) would report the app's own memory at the fork."""
    try:
        with open(f"/proc/{pid or 'self'}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import psutil

    memory = psutil.Process(pid).memory_info()
    peak = getattr(memory, "peak_wset", None)  # Windows
    if peak:
        return int(peak)
    if pid is not None:
        return int(memory.rss)  # macOS keeps no peak for another process: its memory now
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # macOS: bytes
    return int(rss if sys.platform == "darwin" else rss * 1024)


def release_freed_memory(collect: bool = True) -> None:
    """Return freed heap pages to the operating system so 'unload' shows in the task manager.

    ``collect=False`` skips the full garbage collection, for callers that know nothing waits for one: with
    torch and transformers imported it holds the interpreter lock for hundreds of milliseconds, and the
    window's event loop waits as long."""
    import gc

    if collect:
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
