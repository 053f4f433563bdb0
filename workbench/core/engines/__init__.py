"""Engines that run a causal LM for the Generate tab and ``workbench generate``.

``transformers`` (exact, inspectable: attention, lens and attribution views need it) is always
there; ``llamacpp`` (GGUF files directly, fast on a CPU) comes with the optional extra
``pip install "model-workbench[llamacpp]"``. Both yield the same ``TokenEvent``s.
"""

from __future__ import annotations

import importlib.util

from workbench.core.i18n import QT_TRANSLATE_NOOP

ENGINES = ("transformers", "llamacpp")
# shown with translate("core", INSTALL_HINT)
INSTALL_HINT = QT_TRANSLATE_NOOP("core", 'Install the llama.cpp engine with: pip install "model-workbench[llamacpp]" '
                                 "(it compiles llama.cpp: a few minutes, needs a C++ compiler).")


def llamacpp_available() -> bool:
    """Whether llama-cpp-python is installed (found without importing it, which is slow)."""
    try:
        return importlib.util.find_spec("llama_cpp") is not None
    except (ImportError, ValueError):
        return False
