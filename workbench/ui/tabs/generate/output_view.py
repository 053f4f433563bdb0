"""The streamed text of a generation: new pieces are inserted at the end, a click names its token."""

from __future__ import annotations

import os.path

from workbench.core.generation import TokenEvent
from workbench.ui.qt import QtGui, QtWidgets, Qt, Signal
from workbench.ui.widgets.token_cells import pct, prob_colour, token_tip


class OutputView(QtWidgets.QTextEdit):
    """Streaming text: new pieces are inserted at the end (never re-rendering the document)."""

    token_clicked = Signal(int)  # index of the generated token under a click

    def __init__(self, parent=None):
        super().__init__(parent)
        self.token_ends: list[int] = []  # where each token's text ends in the document, for clicks
        self.setReadOnly(True)
        self.setFont(QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.GeneralFont))
        self.shown = ""
        self.colour = False

    def start(self, prefix: str = "") -> None:
        self.clear()
        self.shown = ""
        self.token_ends = []
        if prefix:
            self._insert(prefix, None)
            self.shown = prefix

    def add(self, event: TokenEvent) -> None:
        text = event.text_so_far
        if text.startswith(self.shown):
            piece = text[len(self.shown):]
        else:  # decoding with the new token changed the tail (rare): replace that tail only
            common = len(os.path.commonprefix((self.shown, text)))
            cursor = QtGui.QTextCursor(self.document())
            cursor.movePosition(QtGui.QTextCursor.End)
            cursor.movePosition(QtGui.QTextCursor.Left, QtGui.QTextCursor.KeepAnchor, len(self.shown) - common)
            cursor.removeSelectedText()
            self.shown = self.shown[:common]
            piece = text[common:]
        if piece:
            self._insert(piece, event.prob if self.colour else None, event)
            self.shown += piece
        self.token_ends.append(len(self.shown))

    def mouseReleaseEvent(self, event):  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() == Qt.LeftButton and not self.textCursor().hasSelection():
            import bisect

            index = bisect.bisect_right(self.token_ends, self.cursorForPosition(event.position().toPoint()).position())
            if index < len(self.token_ends):
                self.token_clicked.emit(index)

    def _insert(self, text: str, prob: float | None, event: TokenEvent | None = None) -> None:
        cursor = QtGui.QTextCursor(self.document())
        cursor.movePosition(QtGui.QTextCursor.End)
        fmt = QtGui.QTextCharFormat()
        if prob is not None:
            fmt.setBackground(prob_colour(prob))
            # the text appears with the token that completes its characters: that token's bytes and id
            fmt.setToolTip(self.tr("probability {p}").format(p=pct(prob))
                           + (f"\n{token_tip(event)}" if event is not None else ""))
        cursor.insertText(text, fmt)
        bar = self.verticalScrollBar()
        if bar.value() >= bar.maximum() - 40:
            bar.setValue(bar.maximum())
