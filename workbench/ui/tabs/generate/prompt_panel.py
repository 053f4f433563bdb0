"""The Generate tab's Write page (the prompt or the chat, the buttons, the streamed output) and its
Prompt tokens page."""

from __future__ import annotations

import html

from workbench.core.generation import PromptInfo
from workbench.ui.qt import QtGui, QtWidgets, Qt
from workbench.ui.tabs.generate.chat_panel import ChatPanel
from workbench.ui.tabs.generate.output_view import OutputView
from workbench.ui.widgets import PARTIAL_GREY
from workbench.ui.widgets.token_cells import is_partial, token_label, token_tip


class WritePage(QtWidgets.QWidget):
    """The prompt (completion) or the chat, the prompt's token count, Generate/Stop/Copy as code, the output."""

    def __init__(self, show_error, parent=None):
        super().__init__(parent)
        wv = QtWidgets.QVBoxLayout(self)
        wv.setContentsMargins(0, 0, 0, 0)
        self.prompt_stack = QtWidgets.QStackedWidget()
        self.prompt = QtWidgets.QPlainTextEdit()
        self.prompt.setPlaceholderText(self.tr("Type the beginning of a text; the model continues it."))
        self.prompt_stack.addWidget(self.prompt)
        self.chat = ChatPanel(show_error)
        self.prompt_stack.addWidget(self.chat)
        wv.addWidget(self.prompt_stack, 2)
        self.prompt_count = QtWidgets.QLabel("")
        self.prompt_count.setWordWrap(True)
        self.prompt_count.setAlignment(Qt.AlignRight)
        self.prompt_count.setToolTip(self.tr("How many tokens the prompt takes, out of the model's context window"))
        wv.addWidget(self.prompt_count)
        wv.addLayout(self._build_buttons())
        self.output = OutputView()
        self.output.setPlaceholderText(self.tr("The generated text appears here as it is written."))
        wv.addWidget(self.output, 3)
        self.stats = QtWidgets.QLabel("")
        self.stats.setWordWrap(True)
        wv.addWidget(self.stats)

    def _build_buttons(self) -> QtWidgets.QHBoxLayout:
        buttons = QtWidgets.QHBoxLayout()
        self.generate_button = QtWidgets.QPushButton(self.tr("Generate"))
        self.generate_button.setToolTip(self.tr("Generate with the current settings (Ctrl+Return)"))
        self.generate_button.setShortcut(QtGui.QKeySequence("Ctrl+Return"))
        self.generate_button.setDefault(True)
        self.stop_button = QtWidgets.QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop after the current token (Esc)"))
        self.stop_button.setShortcut(QtGui.QKeySequence("Esc"))
        self.stop_button.setEnabled(False)
        self.code_button = QtWidgets.QPushButton(self.tr("Copy as code"))
        self.code_button.setToolTip(self.tr("Copy a Python program that runs the same model and settings with transformers"))
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.code_button)
        buttons.addStretch(1)
        return buttons

    def show_count(self, n: int, window: int | None, max_new_tokens: int) -> None:
        """The prompt's length against the context window, with a warning when the answer has no room."""
        over = window is not None and n + max_new_tokens > window
        text = (self.tr("{n} prompt tokens of {window}") if window else self.tr("{n} prompt tokens")).format(
            n=n, window=window)
        if window and n >= window:
            text = "⚠ " + self.tr("{text}: longer than the context window; shorten it").format(text=text)
        elif over:
            text = "⚠ " + self.tr("{text}: not enough room for max new tokens").format(text=text)
        self.prompt_count.setText(text)
        self.prompt_count.setStyleSheet("color: #c0392b;" if over else "")


class PromptTokensView(QtWidgets.QTextBrowser):
    """The prompt's tokens as the model reads them: each one's characters (or byte marker) and id."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setPlaceholderText(self.tr("The prompt's tokens appear here once a model is chosen."))

    def show_info(self, info: PromptInfo) -> None:
        n, window = len(info.pieces), info.context_window
        cells = []
        for i, piece in enumerate(info.pieces):
            shade = "#e8eefc" if i % 2 else "#fcefe0"
            grey = f"color:{PARTIAL_GREY};" if is_partial(piece) else ""
            cells.append(f'<span style="background:{shade};{grey}white-space:nowrap" '
                         f'title="{html.escape(token_tip(piece))}">'
                         f'{html.escape(token_label(piece))}<sub style="color:#777">{piece.id}</sub></span>')
        self.setHtml("<p>" + self.tr("<b>{n} tokens</b> for {name}").format(n=n, name=html.escape(info.model))
                     + (self.tr(" (context window {window})").format(window=window) if window else "")
                     + "</p><p style='line-height:160%'>" + " ".join(cells) + "</p>")
