"""The Attention tab's "Inputs" page: what goes into the model, token by token.

Each token's embedding, position embedding and (BERT) segment embedding, their sum and the LayerNorm,
from the model's own embedding modules (``core.inspect.input_embeddings``), checked against what the
model passes to its first layer. A second text makes a sentence pair: [CLS] A [SEP] B [SEP].
"""

from __future__ import annotations

import html

from workbench.core.inspect.input_embeddings import InputEmbeddings, input_embeddings
from workbench.ui.qt import QtCore, QtGui, QtWidgets, Qt
from workbench.ui.widgets.build import button, line_edit, row
from workbench.ui.widgets.token_cells import visible
from workbench.ui.workers import JobSlot

TITLE = QtCore.QT_TRANSLATE_NOOP("InputsPage", "Inputs")
SEGMENT_COLOURS = ("#dbe9ff", "#ffe4c4")  # sentence A, sentence B
SHOWN_COMPONENTS = 8  # of each vector, in the detail view: the first few say what a vector looks like
CHECK_LIMIT = 1e-5


class InputsPage(QtWidgets.QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.result: InputEmbeddings | None = None
        self._build()
        self.slot = JobSlot(ctx.pool, self, progress=self.progress, run_buttons=[self.run_button],
                            stop_buttons=[self.stop_button], status=self.status.setText)

    @staticmethod
    def title() -> str:
        return QtCore.QCoreApplication.translate("InputsPage", TITLE)

    def _build(self) -> None:
        v = QtWidgets.QVBoxLayout(self)
        v.setContentsMargins(4, 4, 4, 4)
        v.addLayout(self._input_row())
        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumHeight(14)
        v.addWidget(self.progress)
        self.formula = QtWidgets.QLabel()
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(Qt.TextSelectableByMouse)
        v.addWidget(self.formula)
        v.addWidget(self._build_strip())
        self._build_table()
        self.detail = QtWidgets.QTextBrowser()
        self.detail.setToolTip(self.tr("The first components of each vector for the chosen token"))
        split = QtWidgets.QSplitter(Qt.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        v.addWidget(split, 1)
        self.check = QtWidgets.QLabel()
        self.check.setWordWrap(True)
        self.check.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.notes = QtWidgets.QLabel()
        self.notes.setWordWrap(True)
        self.status = QtWidgets.QLabel(self.tr("Type a text and press Show embeddings."))
        self.status.setWordWrap(True)
        for widget in (self.check, self.notes, self.status):
            v.addWidget(widget)
        self.notes.hide()

    def _input_row(self) -> QtWidgets.QHBoxLayout:
        self.text = line_edit("The cat sat on the mat.", self.tr("Text (sentence A)"), self.start)
        self.pair = line_edit("", self.tr("Optional: sentence B (BERT-style models read a pair)"), self.start)
        self.pair.setToolTip(self.tr("With a second text, a BERT-style model reads [CLS] A [SEP] B [SEP]: the "
                                     "tokens of B get segment id 1"))
        self.run_button = button(self.tr("Show embeddings"),
                                 self.tr("Run the model's embedding layer on the text and show each part"), self.start)
        self.stop_button = button(self.tr("Stop"), clicked=lambda: self.slot.stop())
        return row((self.text, 3), (self.pair, 2), self.run_button, self.stop_button)

    def _build_strip(self) -> QtWidgets.QTableWidget:
        self.strip = QtWidgets.QTableWidget(3, 0)
        self.strip.setVerticalHeaderLabels([self.tr("token"), self.tr("segment"), self.tr("position")])
        self.strip.horizontalHeader().hide()
        self.strip.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        self.strip.setToolTip(self.tr("The input strip: each token with its segment id (A = 0, B = 1) and position id"))
        self.strip.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        bar = self.style().pixelMetric(QtWidgets.QStyle.PM_ScrollBarExtent)  # room for the scroll bar of a long text
        self.strip.setFixedHeight(3 * (self.fontMetrics().height() + 6) + bar + 2 * self.strip.frameWidth() + 2)
        self.strip.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeToContents)
        self.strip.currentCellChanged.connect(lambda _r, c, _pr, _pc: self._select(c))
        return self.strip

    def _build_table(self) -> None:
        self.headers = [self.tr("#"), self.tr("Token"), self.tr("‖token‖"), self.tr("‖position‖"),
                        self.tr("‖segment‖"), self.tr("‖sum‖"), self.tr("‖LayerNorm‖"), self.tr("cos(token, position)"),
                        self.tr("cos(token, segment)"), self.tr("cos(sum, LayerNorm)")]
        self.table = QtWidgets.QTableWidget(0, len(self.headers))
        self.table.setHorizontalHeaderLabels(self.headers)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeToContents)
        self.table.horizontalHeaderItem(2).setToolTip(self.tr("Length (L2 norm) of the token's row of the embedding "
                                                              "table"))
        self.table.horizontalHeaderItem(7).setToolTip(self.tr("Cosine similarity: 1 = same direction, 0 = unrelated, "
                                                              "−1 = opposite"))
        self.table.currentCellChanged.connect(lambda r, _c, _pr, _pc: self._select(r))

    # ---- running -----------------------------------------------------------------------------
    def start(self) -> None:
        model = self.ctx.current_model
        if not model:
            self.status.setText(self.tr("⚠ No model is chosen. Pick a model in the model picker at the top."))
            return
        if not self.text.text().strip():
            self.status.setText(self.tr("⚠ The text is empty. Type a sentence to see its input embeddings."))
            return
        self.slot.submit(input_embeddings, self.ctx.service, model, self.text.text(), self.pair.text() or None,
                         name="input-embeddings", busy=self.tr("Running the embedding layer of {model}…").format(
                             model=model), on_success=self.show_result)

    def shutdown(self) -> None:
        self.slot.shutdown()

    # ---- showing -----------------------------------------------------------------------------
    def show_result(self, result: InputEmbeddings) -> None:
        self.result = result
        has_position, has_segment = result.parts["position"] is not None, result.parts["segment"] is not None
        terms = ["E<sub>token</sub>[id]"]
        if has_segment:
            terms.append("E<sub>segment</sub>[s]")
        if has_position:
            terms.append("E<sub>position</sub>[i]")
        formula = "x = " + " + ".join(terms)
        if result.layernorm is not None:
            formula += " &nbsp;→&nbsp; LayerNorm(x) = (x − μ) / σ · γ + β"
        self.formula.setText(f"<b>{formula}</b> &nbsp; " + html.escape(self.tr(
            "(each a vector of {d} numbers)").format(d=result.hidden_size)))
        self._fill_strip(result)
        self._fill_table(result)
        err = result.max_err_vs_model
        target = self.tr("LayerNorm(sum)") if result.layernorm is not None else self.tr("the sum")
        text = self.tr("Check: {what} computed here vs what the model passes to its first layer: max |difference| = "
                       "{err:.1e}").format(what=target, err=err)
        self.check.setText(("" if err <= CHECK_LIMIT else "⚠ ") + text)
        self.notes.setText("\n".join(result.notes))
        self.notes.setVisible(bool(result.notes))
        self.status.setText(self.tr("{model}: {n} tokens.").format(model=result.model, n=len(result.ids)))
        if result.ids:
            self.table.setCurrentCell(0, 1)

    def _fill_strip(self, result: InputEmbeddings) -> None:
        n = len(result.tokens)
        self.strip.setColumnCount(n)
        for c in range(n):
            segment = result.segments[c] if result.segments is not None else None
            values = (visible(result.tokens[c]), "–" if segment is None else str(segment),
                      "–" if result.positions is None else str(result.positions[c]))
            for r, value in enumerate(values):
                item = QtWidgets.QTableWidgetItem(value)
                item.setTextAlignment(Qt.AlignCenter)
                item.setBackground(QtGui.QColor(SEGMENT_COLOURS[min(segment or 0, 1)]))
                if r == 0:
                    item.setToolTip(self.tr("id {id}").format(id=result.ids[c]))
                self.strip.setItem(r, c, item)

    def _fill_table(self, result: InputEmbeddings) -> None:
        norms, cosines = result.norms, result.cosines

        def num(values, i):
            return "–" if values is None else f"{values[i]:.4f}"

        self.table.setRowCount(len(result.tokens))
        for i, token in enumerate(result.tokens):
            cells = (str(i), visible(token), num(norms["token"], i), num(norms["position"], i),
                     num(norms["segment"], i), num(norms["sum"], i), num(norms["layernorm"], i),
                     num(cosines["token_position"], i), num(cosines["token_segment"], i),
                     num(cosines["sum_layernorm"], i))
            for c, value in enumerate(cells):
                item = QtWidgets.QTableWidgetItem(value)
                if c != 1:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(i, c, item)

    def _select(self, index: int) -> None:
        result = self.result
        if result is None or not 0 <= index < len(result.ids):
            return
        if self.table.currentRow() != index:
            self.table.setCurrentCell(index, 1)
        names = ((self.tr("token embedding"), result.parts["token"]),
                 (self.tr("segment embedding"), result.parts["segment"]),
                 (self.tr("position embedding"), result.parts["position"]),
                 (self.tr("sum"), result.sum), (self.tr("LayerNorm"), result.layernorm))
        lines = [html.escape(self.tr("Token {i} “{token}” (id {id}): the first {k} of {d} components").format(
            i=index, token=visible(result.tokens[index]), id=result.ids[index], k=min(SHOWN_COMPONENTS, result.hidden_size),
            d=result.hidden_size))]
        for name, vectors in names:
            if vectors is None:
                continue
            values = ", ".join(f"{x:+.4f}" for x in vectors[index][:SHOWN_COMPONENTS])
            lines.append(f"<b>{html.escape(name)}</b>: [{values}, …]")
        self.detail.setHtml("<br>".join(lines))
