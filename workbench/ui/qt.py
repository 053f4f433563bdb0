"""The one door to Qt: every ui module imports the binding from here (an import-linter contract holds it).

``pg`` (pyqtgraph, with its exporters) and ``QtSvg`` load on first use, ``from workbench.ui.qt import pg``
inside the code that draws, so the window appears without them."""

from PySide6 import QtCore, QtGui, QtWidgets  # noqa: F401
from PySide6.QtCore import Qt, Signal, Slot  # noqa: F401


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
