"""Perplexity view (a page of the Generate tab): how surprised one or two models are by a text.

Each token is coloured by its surprisal (-log2 p, in bits); the total perplexity, the windows and
stride, the most surprising tokens, and with a second model the per-token difference and the tokens
that changed most. Scoring runs on the worker bridge with progress and Stop.
"""

from __future__ import annotations

import html
import math

from workbench.core.inspect.perplexity import PerplexityResult, compare_models
from workbench.core.jobs import NEVER_CANCELLED, no_progress
from workbench.ui.qt import QtCore, QtGui, QtWidgets, Qt
from workbench.ui.workers import JobSlot

SHOWN_TOKENS = 4000  # colouring more tokens than this makes the view slow to lay out
MAX_BITS = 16.0  # surprisal at which the colour is fully red


def visible(text: str) -> str:
    return text.replace("\n", "↵\n").replace("\t", "⇥")


def surprisal_css(bits: float | None) -> str:
    if bits is None:
        return "transparent"
    alpha = min(1.0, bits / MAX_BITS) * 0.85
    return f"rgba(230,60,30,{alpha:.2f})"


def difference_css(delta_bits: float | None) -> str:
    """Green: the second model is less surprised; purple: more."""
    if delta_bits is None:
        return "transparent"
    alpha = min(1.0, abs(delta_bits) / 8.0) * 0.85
    return f"rgba(30,160,60,{alpha:.2f})" if delta_bits < 0 else f"rgba(150,40,200,{alpha:.2f})"


def coloured_html(result: PerplexityResult, colour) -> str:
    spans = []
    for i, token in enumerate(result.tokens[:SHOWN_TOKENS]):
        bits = token.surprisal_bits
        tip = "first token: not scored" if bits is None else f"{bits:.2f} bits, p = {math.exp(token.logprob):.4f}"
        spans.append(f'<span style="background:{colour(i, token)}" title="#{i} {html.escape(repr(token.text))}: '
                     f'{tip}">{html.escape(visible(token.text))}</span>')
    more = len(result.tokens) - SHOWN_TOKENS
    tail = f"<p><i>… {more} more tokens scored, not shown</i></p>" if more > 0 else ""
    return "<p style='white-space:pre-wrap; line-height:150%'>" + "".join(spans) + "</p>" + tail


def result_markup(result: PerplexityResult, difference_title: str = "") -> tuple[str, str | None]:
    """The two text views' HTML: the first model's surprisal, and the second model's (or the difference)."""
    first = coloured_html(result, lambda _i, t: surprisal_css(t.surprisal_bits))
    if result.compare is None:
        return first, None
    diffs = result.differences()
    if diffs is None:
        return first, coloured_html(result.compare, lambda _i, t: surprisal_css(t.surprisal_bits))
    return first, difference_title + coloured_html(result.compare, lambda i, _t: difference_css(
        None if diffs[i] is None else -diffs[i] / math.log(2)))


def _document(markup: str, font: QtGui.QFont, width: int = 0) -> QtGui.QTextDocument:
    """A text document made on this (worker) thread and handed to the GUI thread: parsing the HTML of 2,048
    coloured tokens takes ~50 ms, which the window would otherwise spend when the result arrives."""
    document = QtGui.QTextDocument()
    document.setDefaultFont(font)
    document.setHtml(markup)
    if width > 0:  # laid out here too, at the width the view will show it
        document.setTextWidth(width)
        document.size()
    document.moveToThread(QtCore.QCoreApplication.instance().thread())
    return document


def score_job(service, model: str, text: str, compare: str | None, stride: int | None, font: QtGui.QFont,
              width: int, difference_title: str, cancel=NEVER_CANCELLED, progress=no_progress) -> tuple:
    """(result, documents of the two views) for the Perplexity view."""
    result = compare_models(service, model, text, compare, None, stride, cancel=cancel, progress=progress)
    return result, [None if markup is None else _document(markup, font, width)
                    for markup in result_markup(result, difference_title)]


class PerplexityView(QtWidgets.QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.result: PerplexityResult | None = None
        self._build()
        self.slot = JobSlot(self.ctx.pool, self, progress=self.progress, run_buttons=[self.score_button],
                            stop_buttons=[self.stop_button], status=self.summary.setText)
        self.slot.running_changed.connect(self._sync)
        self.ctx.library_changed.connect(self._fill_models)
        self.ctx.model_changed.connect(lambda _ref: self._fill_models(self.ctx.entries))
        self._fill_models(self.ctx.entries)
        self._sync()

    def _build(self) -> None:
        v = QtWidgets.QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        self.text = QtWidgets.QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("Paste a text (or open a file) to see how surprised the model is by "
                                             "each token."))
        self.text.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 14)
        v.addWidget(self.text)
        row = QtWidgets.QHBoxLayout()
        self.open_button = QtWidgets.QPushButton(self.tr("Open file…"))
        self.open_button.setToolTip(self.tr("Read a UTF-8 text file into the box"))
        self.open_button.clicked.connect(self.open_file)
        self.compare = QtWidgets.QCheckBox(self.tr("Compare with"))
        self.compare.setToolTip(self.tr("Score the same text with a second model (e.g. a fine-tune) and show the "
                                        "per-token difference"))
        self.compare_model = QtWidgets.QComboBox()
        self.compare_model.setEditable(True)
        self.compare_model.setMinimumContentsLength(14)
        self.compare_model.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.compare.toggled.connect(self._sync)
        self.stride = QtWidgets.QSpinBox()
        self.stride.setRange(0, 8192)
        self.stride.setSpecialValueText(self.tr("stride: half"))
        self.stride.setPrefix(self.tr("stride "))
        self.stride.setToolTip(self.tr("Long texts are scored in windows of the model's context (at most 1024 "
                                       "tokens); each window starts this many tokens after the previous one and "
                                       "scores only the new tokens. Half the window is the default."))
        self.score_button = QtWidgets.QPushButton(self.tr("Score"))
        self.score_button.setToolTip(self.tr("Compute the perplexity of the text"))
        self.score_button.clicked.connect(self.start)
        self.stop_button = QtWidgets.QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(self.stop)
        for widget in (self.open_button, self.compare, self.compare_model):
            row.addWidget(widget)
        row.addStretch(1)
        for widget in (self.stride, self.score_button, self.stop_button):
            row.addWidget(widget)
        v.addLayout(row)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumHeight(14)
        v.addWidget(self.progress)
        self.summary = QtWidgets.QLabel(self.tr("Perplexity = exp(mean −log p of every token after the first): "
                                                "1 means no surprise; higher is more surprised."))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        v.addWidget(self.summary)
        split = QtWidgets.QSplitter(Qt.Horizontal)
        self.views = []
        for _ in range(2):
            view = QtWidgets.QTextBrowser()
            view.setToolTip(self.tr("Each token shaded by its surprisal (−log₂ p): darker red = more surprising. "
                                    "Hover a token for its numbers."))
            self.views.append(view)
            split.addWidget(view)
        self.lists = QtWidgets.QTabWidget()
        self.lists.setMinimumWidth(self.fontMetrics().horizontalAdvance("0") * 40)
        self.surprising = QtWidgets.QTableWidget(0, 3)
        self.surprising.setHorizontalHeaderLabels([self.tr("#"), self.tr("Token"), self.tr("Bits")])
        self.changed = QtWidgets.QTableWidget(0, 5)
        self.changed.setHorizontalHeaderLabels([self.tr("#"), self.tr("Token"), self.tr("Bits A"), self.tr("Bits B"),
                                                self.tr("B − A")])
        for table in (self.surprising, self.changed):
            table.verticalHeader().hide()
            table.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
            table.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeToContents)
            table.horizontalHeader().setSectionResizeMode(1, QtWidgets.QHeaderView.Stretch)
        self.lists.addTab(self.surprising, self.tr("Most surprising"))
        self.lists.addTab(self.changed, self.tr("Changed most"))
        split.addWidget(self.lists)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        v.addWidget(split, 1)

    def _fill_models(self, entries) -> None:
        current = self.compare_model.currentText()
        self.compare_model.clear()
        for entry in entries:
            if entry.name != self.ctx.current_model:
                self.compare_model.addItem(entry.name)
        if current:
            self.compare_model.setCurrentText(current)

    @property
    def job(self):
        return self.slot.job

    def _sync(self) -> None:
        self.compare_model.setEnabled(self.compare.isChecked())
        self.views[1].setVisible(self.compare.isChecked() or (self.result is not None and self.result.compare is not None))
        self.lists.setTabEnabled(1, self.result is not None and self.result.compare is not None)

    def open_file(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, self.tr("Open a text file"), "",
                                                        self.tr("Text files (*.txt *.md *.csv);;All files (*)"))
        if path:
            self.load_file(path)

    def load_file(self, path: str) -> None:
        from workbench.core.inspect.perplexity import read_text
        from workbench.core.jobs import WorkbenchError

        try:
            self.text.setPlainText(read_text(file=path))
        except WorkbenchError as exc:
            self.summary.setText(self.tr("⚠ {message} {hint}").format(message=exc.message, hint=exc.hint))

    # ---- scoring -----------------------------------------------------------------------------
    def start(self) -> None:
        if self.job is not None:
            return
        model = self.ctx.current_model
        text = self.text.toPlainText()
        if not model:
            self.summary.setText(self.tr("⚠ No model is chosen. Pick one in the model picker at the top."))
            return
        if not text.strip():
            self.summary.setText(self.tr("⚠ The text is empty. Paste some text or open a file."))
            return
        compare = self.compare_model.currentText().strip() if self.compare.isChecked() else None
        self.slot.submit(score_job, self.ctx.service, model, text, compare or None, self.stride.value() or None,
                         self.views[0].font(), self.views[0].viewport().width(),
                         self._difference_title(model, compare or ""), name="perplexity",
                         busy=self.tr("Scoring with {model}…").format(model=model),
                         on_success=lambda scored: self.show_result(*scored))

    def stop(self) -> None:
        self.slot.stop()

    def _difference_title(self, model: str, compare: str) -> str:
        return self.tr("<p><b>{b} − {a}</b>: green = {b} less surprised, purple = more</p>").format(
            a=html.escape(model), b=html.escape(compare))

    def show_result(self, result: PerplexityResult, documents: list | None = None) -> None:
        """Show ``result``; ``documents``: the views' text documents, when a worker made them already."""
        self.result = result
        lines = [self._line(result)]
        if result.compare is not None:
            lines.append(self._line(result.compare))
        lines += [f"⚠ {note}" for note in result.notes]
        self.summary.setText("<br>".join(lines))
        if documents is None:
            markup = result_markup(result, self._difference_title(result.model, getattr(result.compare, "model", "")))
            documents = [None if m is None else _document(m, self.views[0].font(), self.views[0].viewport().width())
                         for m in markup]
        for view, document in zip(self.views, documents):
            if document is not None:
                document.setParent(view)  # the view's: Qt deletes it when the next one replaces it
                view.setDocument(document)
        self._fill_surprising(result)
        if result.compare is not None:
            self._fill_changed(result, result.differences())
        self._sync()

    def _line(self, result: PerplexityResult) -> str:
        windows = self.tr("one window") if result.windows == 1 else self.tr(
            "{n} windows of {window} tokens, stride {stride}").format(n=result.windows, window=result.window,
                                                                     stride=result.stride)
        return self.tr("<b>{model}</b>: perplexity <b>{ppl:.2f}</b> over {n} tokens ({windows}; {s:.1f} s)").format(
            model=html.escape(result.model), ppl=result.perplexity, n=len(result.tokens) - 1, windows=windows,
            s=result.seconds)

    def _fill_surprising(self, result: PerplexityResult) -> None:
        rows = result.most_surprising(50)
        self.surprising.setRowCount(len(rows))
        for r, (i, token) in enumerate(rows):
            for c, value in enumerate((str(i), repr(token.text), f"{token.surprisal_bits:.2f}")):
                self.surprising.setItem(r, c, QtWidgets.QTableWidgetItem(value))
        self.lists.setCurrentIndex(0)

    def _fill_changed(self, result: PerplexityResult, diffs) -> None:
        if diffs is None:
            self.changed.setRowCount(0)
            return
        ranked = sorted((i for i, d in enumerate(diffs) if d is not None), key=lambda i: -abs(diffs[i]))[:50]
        self.changed.setRowCount(len(ranked))
        for r, i in enumerate(ranked):
            a, b = result.tokens[i], result.compare.tokens[i]
            cells = (str(i), repr(a.text), f"{a.surprisal_bits:.2f}", f"{b.surprisal_bits:.2f}",
                     f"{b.surprisal_bits - a.surprisal_bits:+.2f}")
            for c, value in enumerate(cells):
                self.changed.setItem(r, c, QtWidgets.QTableWidgetItem(value))
        self.lists.setCurrentIndex(1)

    def shutdown(self) -> None:
        self.slot.shutdown()
