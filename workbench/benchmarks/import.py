"""GGUF import: seconds, peak memory above the process's baseline and size on disk of converting
the starter's GGUF (or ``-m FILE.gguf``) into bfloat16 safetensors, in a temporary store."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path


def run(args) -> dict:
    import gguf  # noqa: F401 (imported before the baseline: libraries are not the conversion's memory)
    import safetensors.torch  # noqa: F401
    import torch  # noqa: F401
    import transformers.modeling_gguf_pytorch_utils  # noqa: F401
    from transformers import AutoModelForCausalLM, AutoTokenizer  # noqa: F401

    from workbench.benchmarks._measure import PeakMemory
    from workbench.core.library import STARTERS, Library, starter_source
    from workbench.core.modelinfo import folder_size

    model = getattr(args, "model", None)
    source = Path(model) if model and model.endswith(".gguf") else starter_source(STARTERS[0])
    if source is None:
        return {"skipped": "the SmolLM2 starter is not installed; give -m FILE.gguf"}
    with tempfile.TemporaryDirectory() as tmp:
        library = Library(Path(tmp) / "store")
        with PeakMemory() as peak:
            start = time.perf_counter()
            target = library.import_gguf(source, name="bench")
            seconds = time.perf_counter() - start
        disk = folder_size(target)
    return {"gguf": source.name, "gguf_mb": round(source.stat().st_size / 2**20, 1), "seconds": round(seconds, 2),
            "peak_mb": peak.mb, "disk_mb": round(disk / 2**20, 1),
            "note": "bfloat16 safetensors, tensor by tensor; peak_mb is resident memory above the process "
                    "after importing torch, transformers and gguf"}
