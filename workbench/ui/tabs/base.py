"""The contract every tab follows."""

from __future__ import annotations

from typing import Callable

from workbench.ui.context import AppContext
from workbench.ui.errors import ErrorBanner
from workbench.ui.qt import QtCore, QtWidgets

SmokeDone = Callable[[bool, str], None]


class WorkbenchTab(QtWidgets.QWidget):
    """Base of every tab: a title, the shared context, an error banner and a teardown.

    Every tab also defines ``smoke(model: str, done: SmokeDone)``: run one small real job on
    ``model`` and call ``done(ok, message)`` when it ends (``workbench --smoke`` calls it).
    """

    title = ""  # English, marked with QtCore.QT_TRANSLATE_NOOP("Tabs", ...); code finds tabs by it

    @property
    def display_title(self) -> str:
        """The title as shown (tab bar, View menu, --smoke report), in the interface language."""
        return QtCore.QCoreApplication.translate("Tabs", self.title)

    def __init__(self, ctx: AppContext, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.banner = ErrorBanner(self)

    def shutdown(self) -> None:
        """Stop this tab's jobs and timers; called before the window closes."""
