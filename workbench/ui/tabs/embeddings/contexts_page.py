"""The Embeddings tab's Contexts page, its widgets and layout: one word in several sentences, its vectors
compared by cosine layer by layer (lines per pair, a matrix per layer), the static-vs-contextual panel under
them; and how a result and a layer are shown. The tab (``tab.py``) runs the jobs."""

from __future__ import annotations

import html

import numpy as np

from workbench.ui.embedding_plot import PALETTE, LayerLines, MatrixPlot
from workbench.ui.qt import Qt, QtWidgets
from workbench.ui.tabs.embeddings.result_widgets import ExportRow, placeholder
from workbench.ui.widgets.build import button, column, row, splitter

CONTEXT_EXAMPLE = ("bank", ["We sat on the bank of the river and watched the boats.",
                            "The river bank was muddy after the rain.",
                            "She went to the bank to ask for a loan.",
                            "The bank raised its interest rates again."])


class ContextsPage(QtWidgets.QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._build_inputs()
        self._build_results()
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        inputs = column(row(QtWidgets.QLabel(self.tr("Word:")), (self.context_word, 1), self.context_example),
                        (self.context_texts, 1), self.context_button)
        results = column((self.context_stack, 1), self.static_panel, self.context_note, self.context_exports)
        layout.addWidget(splitter(Qt.Horizontal, inputs, results, sizes=(320, 880)))

    def _build_inputs(self) -> None:
        self.context_word = QtWidgets.QLineEdit()
        self.context_word.setPlaceholderText(self.tr("the word to follow, e.g. bank"))
        self.context_texts = QtWidgets.QPlainTextEdit()
        self.context_texts.setPlaceholderText(self.tr("Sentences that contain the word, one per line"))
        self.context_example = button(self.tr("Example"), self.tr("'bank' by a river and 'bank' for money"),
                                      self.fill_example)
        self.context_button = button(self.tr("Compare contexts"), self.tr("The word's vector in each sentence at "
                                                                          "every layer, compared by cosine"))

    def _build_results(self) -> None:
        self.context_lines = LayerLines()
        self.context_matrix = MatrixPlot(caption=self.tr("cosine similarity"), colour_map="viridis")
        self.context_matrix.hovered.connect(lambda text: self.context_note.setText(html.escape(text)) if text else None)
        self.context_note = QtWidgets.QLabel()
        self.context_note.setWordWrap(True)
        self.context_layer = QtWidgets.QSlider(Qt.Horizontal)
        self.context_layer.setRange(0, 0)
        self.context_layer_label = QtWidgets.QLabel()
        self.context_exports = ExportRow(("PNG", "SVG", "NPZ", "CSV"))
        plots = QtWidgets.QSplitter(Qt.Horizontal)
        plots.addWidget(self.context_lines)
        plots.addWidget(column(row(self.context_layer_label, (self.context_layer, 1)), (self.context_matrix, 1)))
        plots.setSizes([600, 400])
        self.context_stack = QtWidgets.QStackedWidget()
        self.context_empty = placeholder(self.tr("No analysis yet. Follow one word through the layers: its vector "
                                                 "in each sentence is compared by cosine at every layer, so you see "
                                                 "where 'bank' by a river and 'bank' for money split apart."))
        self.context_stack.addWidget(self.context_empty)
        self.context_stack.addWidget(plots)
        from workbench.ui.tabs.embeddings.static_contextual_panel import StaticVsContextual

        self.static_panel = StaticVsContextual(self.ctx)

    def fill_example(self) -> None:
        word, sentences = CONTEXT_EXAMPLE
        self.context_word.setText(word)
        self.context_texts.setPlainText("\n".join(sentences))

    # ---- showing --------------------------------------------------------------------------------
    def show_contexts(self, result) -> None:
        n = len(result.texts)
        pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
        title = self.tr("'{word}': cosine between its vectors in each pair of sentences").format(word=result.word)
        self.context_lines.set_lines(result.similarity, pairs[:len(PALETTE)], title,
                                     self.tr("layer (0 = the embedding output)"))
        self.context_layer.blockSignals(True)
        self.context_layer.setRange(0, result.layers - 1)
        self.context_layer.setValue(result.layers - 1)
        self.context_layer.blockSignals(False)
        self.static_panel.set_result(result)
        self.show_layer(result, result.layers - 1)
        self.context_stack.setCurrentWidget(self.context_stack.widget(1))
        pieces = "; ".join(f"{i + 1}: " + " · ".join(p) for i, p in enumerate(result.pieces))
        notes = [self.tr("Layer 0 is the embedding output (token plus position where the model adds one); each "
                         "later point is one layer. Pieces per sentence — {pieces}.").format(pieces=pieces)]
        if result.part:
            notes.append(self.tr("An encoder-decoder: these are the encoder's layers."))
        if len(pairs) > len(PALETTE):
            notes.append(self.tr("The chart shows the first {k} of {n} pairs; the matrix shows them all.").format(
                k=len(PALETTE), n=len(pairs)))
        self.context_note.setText(" ".join(notes))

    def show_layer(self, result, layer: int) -> None:
        """One layer's matrix, with the slider and the chart's marker on it."""
        if result is None:
            return
        layer = max(0, min(result.layers - 1, int(layer)))
        if self.context_layer.value() != layer:
            self.context_layer.blockSignals(True)
            self.context_layer.setValue(layer)
            self.context_layer.blockSignals(False)
        if round(self.context_lines.marker.value()) != layer:
            self.context_lines.marker.setValue(layer)
        self.static_panel.show_layer(layer)
        self.context_layer_label.setText(self.tr("Layer: {name}").format(name=result.layer_names()[layer]))
        low = float(min(np.nanmin(result.similarity), 0.999))  # one scale for every layer, so layers compare
        self.context_matrix.set_matrix(result.similarity[layer], [str(i + 1) for i in range(len(result.texts))],
                                       levels=(low, 1.0))
