"""What the app imports on a worker thread after the window shows, so the GUI thread never waits for it.

Two things stall the event loop for hundreds of milliseconds on a slow computer, whichever thread causes
them, because they hold the interpreter lock: importing large libraries, and the garbage collector's full
passes over every object those libraries create (about 200,000 for torch and transformers, more after a
model load; 200-500 ms per pass on a 2-core machine). So everything a model load or a tab would import
is imported here, with the collector paused, and then frozen (``gc.freeze``): later full passes look only
at objects made afterwards (models, results), and take a few milliseconds.
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys
import threading

log = logging.getLogger(__name__)

# In order: each line may pull in the ones before it. Libraries a tab or a model load imports lazily.
HEAVY_MODULES = (
    "torch",
    "transformers",
    "transformers.modeling_utils",  # what from_pretrained pulls in (accelerate, torch.distributed, sympy...)
    "transformers.generation.utils",
    "transformers.models.auto.modeling_auto",
    "transformers.models.auto.tokenization_auto",
    "transformers.tokenization_utils_tokenizers",
    "safetensors.torch",
    "numpy",
    "pyqtgraph",
    "pyqtgraph.exporters",
    "scipy.spatial",
    "sklearn.cluster",
    "sklearn.decomposition",
    "sklearn.manifold",
    "psutil",
)

COLOUR_MAPS = ("viridis", "CET-D1")  # the heatmaps' (attention and similarities; differences)

_lock = threading.Lock()


def import_heavy_modules(extra: tuple[str, ...] | list[str] = ()) -> None:
    """Import ``HEAVY_MODULES`` and ``extra`` (a second caller waits for the first), then freeze what exists."""
    with _lock:
        names = [name for name in (*HEAVY_MODULES, *extra) if name not in sys.modules]
        if not names:
            return
        enabled = gc.isenabled()
        gc.disable()  # full passes during the import would scan every object made so far, again and again
        try:
            for name in names:
                try:
                    importlib.import_module(name)
                except Exception:  # a missing or broken library shows up where it is used, with a message there
                    log.exception("background import of %s failed", name)
            _read_colour_maps()
            gc.freeze()  # modules live as long as the process: never scan them again
        finally:
            if enabled:
                gc.enable()


def _read_colour_maps() -> None:
    """pyqtgraph reads a colour map from its file on first use (~45 ms each on a slow computer) and keeps it."""
    if "pyqtgraph" not in sys.modules:
        return
    from workbench.ui.qt import pg

    for name in COLOUR_MAPS:
        try:
            pg.colormap.get(name)
        except Exception:  # a map missing here is reported where it is drawn
            log.exception("colour map %s not read", name)


def app_modules() -> list[str]:
    """The app's own window modules (tabs, their pages, plots), compiled and imported ahead of first use."""
    import pkgutil

    import workbench.ui

    skip = {"workbench.ui.app", "workbench.ui.smoke", "workbench.ui.platform_check", __name__}
    return [m.name for m in pkgutil.walk_packages(workbench.ui.__path__, "workbench.ui.") if m.name not in skip]


def start(extra: tuple[str, ...] | list[str] = ()) -> threading.Thread:
    thread = threading.Thread(target=import_heavy_modules, args=(tuple(extra),), name="warm-up-imports", daemon=True)
    thread.start()
    return thread
