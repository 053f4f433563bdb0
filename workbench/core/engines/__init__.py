"""Engines that run a causal LM for the Generate tab and ``workbench generate``.

``transformers`` (exact, inspectable: attention, lens and attribution views need it) is always
there; ``llamacpp`` (GGUF files directly, fast on a CPU) comes with the optional extra
``make llamacpp`` (``llamacpp_install.py``: compiled for this CPU, without the AMX kernels that crash).
Both yield the same ``TokenEvent``s; llama.cpp runs in a child process of its own.
"""

from __future__ import annotations

import importlib.util

from workbench.core.i18n import QT_TRANSLATE_NOOP

ENGINES = ("transformers", "llamacpp")
# shown with translate("core", INSTALL_HINT)
INSTALL_HINT = QT_TRANSLATE_NOOP("core", "Install the llama.cpp engine with: make llamacpp (in a source checkout) "
                                 "or python -m workbench.core.engines.llamacpp_install (it compiles llama.cpp "
                                 "for this CPU: a few minutes, needs a C++ compiler).")
REINSTALL_HINT = QT_TRANSLATE_NOOP("core", "Rebuild the engine for this CPU with: make llamacpp (in a source "
                                   "checkout) or python -m workbench.core.engines.llamacpp_install --force; "
                                   "meanwhile use the transformers engine.")


def llamacpp_available() -> bool:
    """Whether llama-cpp-python is installed (found without importing it, which is slow)."""
    try:
        return importlib.util.find_spec("llama_cpp") is not None
    except (ImportError, ValueError):
        return False
