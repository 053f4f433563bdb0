"""Showing errors: an inline banner for a tab, a dialog for the app, hooks for the unexpected."""

from __future__ import annotations

import logging
import sys
import threading

from workbench.ui.qt import QtCore, QtWidgets, Signal
from workbench.ui.workers import ErrorInfo

log = logging.getLogger(__name__)


class ErrorBanner(QtWidgets.QFrame):
    """A dismissible message above a tab's content: what happened, what to do, details on click."""

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ErrorBanner")
        self.setFrameShape(QtWidgets.QFrame.StyledPanel)
        self.setStyleSheet("#ErrorBanner { background: palette(base); border: 1px solid #c0392b; border-radius: 4px; }")
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.icon = QtWidgets.QLabel()
        self.icon.setPixmap(self.style().standardIcon(QtWidgets.QStyle.SP_MessageBoxWarning).pixmap(20, 20))
        self.text = QtWidgets.QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(QtCore.Qt.TextSelectableByMouse)
        self.details_button = QtWidgets.QPushButton(self.tr("Details…"))
        self.close_button = QtWidgets.QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip(self.tr("Dismiss"))
        layout.addWidget(self.icon, 0, QtCore.Qt.AlignTop)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.details_button, 0, QtCore.Qt.AlignTop)
        layout.addWidget(self.close_button, 0, QtCore.Qt.AlignTop)
        self.details_button.clicked.connect(self._show_details)
        self.close_button.clicked.connect(self.hide)
        self.info: ErrorInfo | None = None
        self.hide()

    def show_error(self, info: ErrorInfo | str, hint: str = "") -> None:
        if isinstance(info, str):
            info = ErrorInfo(info, hint)
        self.info = info
        text = f"<b>{_escape(info.message)}</b>"
        if info.hint:
            text += f"<br>{_escape(info.hint)}"
        self.text.setText(text)
        self.details_button.setVisible(bool(info.details))
        self.show()

    @property
    def message(self) -> str:
        return self.info.message if self.info and self.isVisibleTo(self.parentWidget()) else ""

    def _show_details(self) -> None:
        if self.info:
            show_error_dialog(self, self.info)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def show_error_dialog(parent: QtWidgets.QWidget | None, info: ErrorInfo) -> None:
    box = QtWidgets.QMessageBox(parent)
    box.setIcon(QtWidgets.QMessageBox.Warning)
    box.setWindowTitle(QtCore.QCoreApplication.translate("ErrorBanner", "Something went wrong"))
    box.setText(info.message)
    box.setInformativeText(info.hint)
    if info.details:
        box.setDetailedText(info.details)
    box.setModal(False)
    box.setAttribute(QtCore.Qt.WA_DeleteOnClose)
    box.show()


class ExceptionRelay(QtCore.QObject):
    """Routes uncaught exceptions from any thread to the GUI thread."""

    raised = Signal(object)

    def install(self) -> None:
        def excepthook(exc_type, exc, tb):
            log.error("uncaught exception", exc_info=(exc_type, exc, tb))
            exc.__traceback__ = tb
            self.raised.emit(ErrorInfo.from_exception(exc))

        def thread_hook(args):
            if args.exc_type is SystemExit:
                return
            excepthook(args.exc_type, args.exc_value, args.exc_traceback)

        sys.excepthook = excepthook
        threading.excepthook = thread_hook
