"""llama.cpp's quantizer in a process of its own: ``python -m workbench.core.engines.llamacpp_quantize IN OUT TYPE``.

``export_gguf.quantize`` runs it: a crash in native code ends this process, not the app. llama.cpp
prints one line per tensor on stderr, which the parent reads as progress. TYPE is a ``llama_ftype``
name without its ``LLAMA_FTYPE_`` prefix (``MOSTLY_Q8_0``, ``MOSTLY_Q4_0``, ``MOSTLY_Q4_K_M``).
"""

from __future__ import annotations

import ctypes
import os
import sys


def main(argv: list[str]) -> int:
    source, target, ftype = argv
    import llama_cpp

    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = getattr(llama_cpp, f"LLAMA_FTYPE_{ftype}")
    params.nthread = max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)
    status = llama_cpp.llama_model_quantize(source.encode(), target.encode(), ctypes.byref(params))
    if status != 0:
        print(f"llama_model_quantize returned {status}", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
