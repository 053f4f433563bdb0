"""The one door to Qt: every ui module imports the binding from here (an import-linter contract holds it).

``pg`` (pyqtgraph, with its exporters) and ``QtSvg`` load on first use, ``from workbench.ui.qt import pg``
inside the code that draws, so the window appears without them."""

import logging
import sys

from PySide6 import QtCore, QtGui, QtWidgets  # noqa: F401
from PySide6.QtCore import Qt, Signal, Slot  # noqa: F401

NONE_RESERVE = 1 << 48


def keep_none_alive() -> bool:
    """PySide6 6.12.0 on Python 3.11 takes a reference from ``None`` on every call of a method that returns
    nothing (``hide()``, ``setText()``, ...); after some thousands of calls None's count reaches zero and
    Python aborts ("none_dealloc: deallocating None"): the window vanishes while the user pans a map.
    Python 3.12 made None immortal. Where the binding has the fault, None's count is raised far beyond what
    any session can take away (None is a static object, never freed either way). True when it was."""
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):  # immortal None; a debug build's layout
        return False
    probe = QtCore.QRectF()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.setWidth(1.0)
    if sys.getrefcount(None) > before - 32:
        return False
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += NONE_RESERVE  # ob_refcnt is a PyObject's first field
    logging.getLogger(__name__).warning(
        "PySide6 %s drops a reference to None on each call (a fault of that release on Python 3.11); "
        "None's count was raised so that Python does not abort. Install the version in constraints.txt.",
        getattr(sys.modules.get("PySide6"), "__version__", "?"))
    return True


keep_none_alive()


def __getattr__(name: str):
    if name == "pg":
        import pyqtgraph
        import pyqtgraph.exporters  # noqa: F401  (makes pg.exporters.ImageExporter available)

        value = pyqtgraph
    elif name == "QtSvg":
        from PySide6 import QtSvg

        value = QtSvg
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value
