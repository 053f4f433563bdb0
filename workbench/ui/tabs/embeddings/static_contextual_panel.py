"""Static vs contextual (under the Embeddings tab's Contexts page): the same word in n sentences is one
point for static word vectors (one vector per word, whatever the sentence) and n points in a
Transformer's layers (the contexts' cosines placed in 2D by classical MDS, ``points_from_cosine``)."""

from __future__ import annotations

import numpy as np

from workbench.core.embeddings import ContextResult, points_from_cosine
from workbench.core.embeddings.static import static_word
from workbench.core.jobs import NEVER_CANCELLED
from workbench.ui.embedding_plot import PALETTE
from workbench.ui.qt import QtWidgets, pg

WORD_VECTORS_KIND = "word-vectors"


def lookup_job(service, model: str, word: str, cancel=NEVER_CANCELLED):
    cancel.raise_if_cancelled()
    return static_word(service, model, word)


class StaticVsContextual(QtWidgets.QGroupBox):
    def __init__(self, ctx, parent=None):
        super().__init__(self.tr("Static vs contextual"), parent)
        self.ctx = ctx
        self.result: ContextResult | None = None
        self.layer = 0
        self.static = None
        self.vectors = QtWidgets.QComboBox()
        self.vectors.setToolTip(self.tr("Static word vectors from the library (train or load them on the Word "
                                        "vectors page)"))
        self.vectors.activated.connect(lambda _: self._look_up())
        self.note = QtWidgets.QLabel(self.tr("Compare contexts first: the word's static vector is then set beside its "
                                             "contextual vectors."))
        self.note.setWordWrap(True)
        self.static_plot, self.static_points = self._plot()
        self.context_plot, self.context_points = self._plot()
        row = QtWidgets.QHBoxLayout()
        row.addWidget(QtWidgets.QLabel(self.tr("Static vectors:")))
        row.addWidget(self.vectors, 1)
        plots = QtWidgets.QHBoxLayout()
        plots.addWidget(self.static_plot)
        plots.addWidget(self.context_plot)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(plots, 1)
        layout.addWidget(self.note)
        ctx.library_changed.connect(self._fill)
        self._fill(ctx.entries)
        self.setMaximumHeight(300)  # the contexts' own charts above keep most of the page
        self.labels: list = []
        self.static_label = pg.TextItem("", color="#222", anchor=(-0.15, 0.5))
        self.static_plot.addItem(self.static_label)
        self.hide()  # until contexts are compared

    def _plot(self):
        plot = pg.PlotWidget(background="w")
        plot.setMenuEnabled(False)
        plot.hideAxis("left")
        plot.hideAxis("bottom")
        plot.setAspectLocked(True)
        plot.setMinimumHeight(120)
        points = pg.ScatterPlotItem(size=12, pen=pg.mkPen("k"))
        plot.addItem(points)
        return plot, points

    def _fill(self, entries) -> None:
        current = self.vectors.currentData()
        self.vectors.clear()
        for entry in entries:
            if WORD_VECTORS_KIND in entry.kinds:
                self.vectors.addItem(entry.name, entry.name)
        if self.vectors.count() == 0:
            self.vectors.addItem(self.tr("(none in the library)"), "")
        self.vectors.setCurrentIndex(max(0, self.vectors.findData(current)))

    def set_result(self, result: ContextResult) -> None:
        self.result = result
        self.static = None
        self.show()
        self._look_up()
        self.show_layer(result.layers - 1)

    def _look_up(self) -> None:
        name = self.vectors.currentData()
        if self.result is None or not name:
            self._draw()
            return
        self.ctx.pool.submit(lookup_job, self.ctx.service, name, self.result.word, name="static-word",
                             on_success=self._found, on_error=self._missing)

    def _found(self, vector) -> None:
        self.static = vector
        self._draw()

    def _missing(self, info) -> None:
        self.static = None
        self._draw(info.message)

    def show_layer(self, layer: int) -> None:
        self.layer = layer
        self._draw()

    def _draw(self, problem: str = "") -> None:
        result = self.result
        if result is None:
            return
        n = len(result.texts)
        brushes = [pg.mkBrush(PALETTE[i % len(PALETTE)]) for i in range(n)]
        xy = points_from_cosine(result.similarity[self.layer])
        spread = float(np.abs(xy).max()) or 1.0
        self.context_points.setData(xy[:, 0], xy[:, 1], brush=brushes, data=list(range(n)))
        for label in self.labels:
            self.context_plot.removeItem(label)
        self.labels = []
        for i, (x, y) in enumerate(xy):  # the sentence numbers, as in the matrix above
            label = pg.TextItem(str(i + 1), color="#222", anchor=(-0.3, 0.5))
            label.setPos(float(x), float(y))
            self.context_plot.addItem(label)
            self.labels.append(label)
        self.context_plot.setRange(xRange=(-spread * 1.3, spread * 1.3), yRange=(-spread * 1.3, spread * 1.3))
        self.context_plot.setTitle(self.tr("contextual, layer {name}: {n} points").format(
            name=result.layer_names()[self.layer], n=n), color="#222")
        name = self.vectors.currentData()
        if self.static is not None:
            self.static_points.setData([0.0] * n, [0.0] * n, brush=brushes)  # one vector: every sentence coincides
            self.static_label.setText(f"1–{n}")
            self.static_plot.setRange(xRange=(-spread * 1.3, spread * 1.3), yRange=(-spread * 1.3, spread * 1.3))
            self.static_plot.setTitle(self.tr("static ({name}): 1 point").format(name=name), color="#222")
        else:
            self.static_points.setData([], [])
            self.static_label.setText("")
            self.static_plot.setTitle(self.tr("static: choose word vectors"), color="#222")
        pairs = result.similarity[self.layer][np.triu_indices(n, 1)]
        text = self.tr("Contextual: mean cosine between the {n} sentences at this layer {mean:.3f}; each sentence "
                       "gives '{word}' its own vector.").format(n=n, mean=float(pairs.mean()), word=result.word)
        if self.static is not None:
            text = self.tr("Static: '{word}' has one vector in {name}, whatever the sentence (cosine 1 between "
                           "every pair). ").format(word=result.word, name=name) + text
        elif problem:
            text = problem + " " + text
        self.note.setText(text)
