"""Word vectors (a page of the Embeddings tab): train Word2Vec or GloVe on a text, or load pre-trained
vectors, into the library; the loss per epoch as it trains; and the co-occurrence counts of a few words
(what GloVe factorises). Trained vectors are then chosen in the model picker like any model, and the
Words and Sentences pages work on them."""

from __future__ import annotations

import html
from pathlib import Path

import numpy as np

from workbench.core.embeddings import static as S
from workbench.core.embeddings.texts import read_texts
from workbench.core.embeddings.words import parse_words
from workbench.core.jobs import NEVER_CANCELLED, no_progress
from workbench.ui.embedding_plot import MatrixPlot
from workbench.ui.qt import Qt, QtWidgets, pg
from workbench.ui.widgets.build import button, column, line_edit, row, splitter
from workbench.ui.workers import JobSlot

TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson")


def train_job(library, data: str, name: str, settings: S.TrainSettings, column: str | None, cancel=NEVER_CANCELLED,
              progress=no_progress) -> S.TrainedVectors:
    return S.train_vectors(library, data, name, settings, column, cancel=cancel, progress=progress)


def import_job(library, path: str, name: str, cancel=NEVER_CANCELLED, progress=no_progress) -> S.TrainedVectors:
    return S.import_vectors(library, path, name, cancel=cancel, progress=progress)


def count_job(path: str, words: list[str], window: int, segment: str, column: str | None, cancel=NEVER_CANCELLED,
              progress=no_progress) -> tuple:
    return S.cooccurrence_table(path, words, window, segment, column, cancel=cancel, progress=progress)


class WordVectorsPage(QtWidgets.QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.result: S.TrainedVectors | None = None
        self.losses: list[float] = []
        self.counts: tuple | None = None
        self._build()
        self.slot = JobSlot(ctx.pool, self, progress=self.progress,
                            run_buttons=[self.train_button, self.load_button, self.count_button],
                            stop_buttons=[self.stop_button], status=self.status.setText)

    # ---- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self._build_settings()
        self._build_plots()
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(splitter(Qt.Horizontal, self._settings_pane(), self._plots_pane(), sizes=(360, 840)))

    def _build_settings(self) -> None:
        self.data = QtWidgets.QLineEdit()
        self.data.setPlaceholderText(self.tr("a .txt file (one sentence per line) or a CSV/TSV/JSONL table"))
        self.data.editingFinished.connect(self._data_changed)
        self.browse = button(self.tr("Browse…"), clicked=self.choose_data)
        self.column = QtWidgets.QComboBox()
        self.column.setToolTip(self.tr("The column holding the text (tables only)"))
        self.column.setEnabled(False)
        self.method = QtWidgets.QComboBox()
        self.method.addItem(self.tr("Word2Vec skip-gram"), ("word2vec", True))
        self.method.addItem(self.tr("Word2Vec CBOW"), ("word2vec", False))
        self.method.addItem(self.tr("GloVe"), ("glove", False))
        self.method.setToolTip(self.tr("Skip-gram predicts the words around a word; CBOW predicts a word from the "
                                       "words around it (gensim). GloVe fits the logarithm of the co-occurrence "
                                       "counts (the matrix below)."))
        self.method.currentIndexChanged.connect(self._method_changed)
        self.dim = self._spin(1, 1000, 100, self.tr("The length of each word's vector"))
        self.window = self._spin(1, 50, 5, self.tr("How many words on each side count as context"))
        self.min_count = self._spin(1, 10_000, 5, self.tr("Words seen fewer times than this are left out"))
        self.epochs = self._spin(1, 1000, 5, self.tr("Passes over the text (GloVe usually needs 15 or more)"))
        self.seed = self._spin(0, 2**31 - 1, 0, self.tr("The same seed, text and settings give the same vectors"))
        self.segment = QtWidgets.QComboBox()
        self.segment.addItem(self.tr("words (jieba for Chinese)"), "words")
        self.segment.addItem(self.tr("single characters"), "chars")
        self.segment.setToolTip(self.tr("How Chinese text is cut: into words with jieba, or into characters. "
                                        "Other text is cut at spaces and punctuation, lower-cased."))
        self.name = QtWidgets.QLineEdit("my-word-vectors")
        self.name.setToolTip(self.tr("The name of the vectors in the library (the model picker)"))
        self.train_button = button(self.tr("Train"), self.tr("Train the vectors and save them in the library"),
                                   self.train)
        self.load_button = button(self.tr("Load pre-trained…"),
                                  self.tr("Import word2vec (text or binary) or GloVe text vectors into the library"),
                                  self.load_dialog)
        self.stop_button = button(self.tr("Stop"), self.tr("Stop training; nothing is saved"),
                                  lambda: self.slot.stop())
        self.use_button = button(self.tr("Use these vectors"), self.tr("Choose them in the model picker: the Words "
                                                                       "and Sentences pages then use them"),
                                 self.use_vectors)
        self.use_button.setEnabled(False)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumHeight(16)
        self.status = QtWidgets.QLabel(self.tr("No vectors trained yet."))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)

    def _settings_pane(self) -> QtWidgets.QWidget:
        form = QtWidgets.QFormLayout()
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Text:"), row((self.data, 1), self.browse))
        for label, widget in ((self.tr("Column:"), self.column), (self.tr("Method:"), self.method),
                              (self.tr("Dimension:"), self.dim), (self.tr("Window:"), self.window),
                              (self.tr("Minimum count:"), self.min_count), (self.tr("Epochs:"), self.epochs),
                              (self.tr("Seed:"), self.seed), (self.tr("Chinese:"), self.segment),
                              (self.tr("Name:"), self.name)):
            form.addRow(label, widget)
        pane = column(form, row(self.train_button, self.stop_button, self.load_button), self.progress, self.status,
                      self.use_button)
        pane.layout().addStretch(1)
        return pane

    def _build_plots(self) -> None:
        self.loss_plot = pg.PlotWidget(background="w")
        self.loss_plot.setMenuEnabled(False)
        self.loss_plot.setLabel("bottom", self.tr("epoch"))
        self.loss_plot.setLabel("left", self.tr("training loss"))
        self.loss_plot.showGrid(x=True, y=True, alpha=0.3)
        self.loss_plot.setLogMode(y=True)  # GloVe's loss falls by orders of magnitude
        self.loss_line = self.loss_plot.plot([], [], pen=pg.mkPen("#1f77b4", width=2), symbol="o", symbolSize=6)
        self.count_words = line_edit("cat, dog, car, bus, apple", self.tr("words separated by commas"), self.count)
        self.count_button = button(self.tr("Count"), self.tr("How often each pair of these words occurs within the "
                                                             "window, in the text above"), self.count)
        self.weighted = QtWidgets.QCheckBox(self.tr("weighted 1/distance (GloVe's X)"))
        self.weighted.setToolTip(self.tr("GloVe counts a pair d words apart as 1/d; unticked: plain counts"))
        self.weighted.toggled.connect(self._draw_counts)
        self.count_plot = MatrixPlot(caption=self.tr("co-occurrences"), colour_map="viridis")
        self.count_plot.hovered.connect(lambda text: self.count_note.setText(html.escape(text)) if text else None)
        self.count_note = QtWidgets.QLabel(self.tr("The co-occurrence counts of a few words in the text: what GloVe "
                                                   "factorises."))
        self.count_note.setWordWrap(True)

    def _plots_pane(self) -> QtWidgets.QSplitter:
        counts = column(row(QtWidgets.QLabel(self.tr("Co-occurrences of")), (self.count_words, 1), self.weighted,
                            self.count_button), (self.count_plot, 1), self.count_note)
        return splitter(Qt.Vertical, self.loss_plot, counts, sizes=(300, 400))

    def _spin(self, low: int, high: int, value: int, tip: str) -> QtWidgets.QSpinBox:
        spin = QtWidgets.QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setToolTip(tip)
        return spin

    def _method_changed(self) -> None:
        if self.method.currentData()[0] == "glove" and self.epochs.value() < 15:
            self.epochs.setValue(25)

    # ---- data --------------------------------------------------------------------------------
    def choose_data(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, self.tr("Training text"), "", self.tr("Text or table files (*.txt *.csv *.tsv *.jsonl);;All files (*)"))
        if path:
            self.set_data(path)

    def set_data(self, path: str) -> None:
        self.data.setText(path)
        self._data_changed()

    def _data_changed(self) -> None:
        path = self.data.text().strip()
        self.column.clear()
        self.column.setEnabled(False)
        if path and Path(path).suffix.lower() in TABLE_SUFFIXES:
            self.ctx.pool.submit(read_texts, path, name="word-vectors-columns", on_success=self._columns,
                                 on_error=lambda info: self.status.setText(f"⚠ {info.message} {info.hint}"))

    def _columns(self, texts) -> None:
        for name in texts.columns:
            self.column.addItem(name, name)
        self.column.setCurrentIndex(max(0, self.column.findData(texts.column)))
        self.column.setEnabled(True)

    def settings(self) -> S.TrainSettings:
        method, sg = self.method.currentData()
        return S.TrainSettings(method, self.dim.value(), self.window.value(), self.min_count.value(),
                               self.epochs.value(), sg, self.seed.value(), self.segment.currentData())

    # ---- jobs --------------------------------------------------------------------------------
    def train(self) -> None:
        path = self.data.text().strip()
        if not path:
            self.status.setText(self.tr("⚠ Choose a text to train on (Browse…)."))
            return
        self.losses = []
        self._draw_losses()
        self.use_button.setEnabled(False)
        self.slot.submit(train_job, self.ctx.library, path, self.name.text().strip(), self.settings(),
                         self.column.currentData() if self.column.isEnabled() else None, name="word-vectors",
                         busy=self.tr("Reading and training…"), on_events=self._events, on_success=self._done)

    def load_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, self.tr("Pre-trained vectors"), "",
            self.tr("Word vectors (*.txt *.vec *.bin *.gz);;All files (*)"))
        if path:
            self.load_vectors(path)

    def load_vectors(self, path: str, name: str = "") -> None:
        self.slot.submit(import_job, self.ctx.library, path, name or self.name.text().strip(), name="word-vectors",
                         busy=self.tr("Reading {file}…").format(file=Path(path).name), on_success=self._done)

    def count(self) -> None:
        path = self.data.text().strip()
        if not path:
            self.status.setText(self.tr("⚠ Choose a text to count in (Browse…)."))
            return
        self.slot.submit(count_job, path, parse_words(self.count_words.text()), self.window.value(),
                         self.segment.currentData(), self.column.currentData() if self.column.isEnabled() else None,
                         name="word-vectors-counts", busy=self.tr("Counting…"), on_success=self._counted)

    def _events(self, events: list) -> None:
        for event in events:
            if isinstance(event, S.EpochLoss):
                self.losses.append(event.loss)
                self.status.setText(self.tr("Epoch {e} of {E}: loss {loss:.4g}").format(
                    e=event.epoch, E=event.epochs, loss=event.loss))
        self._draw_losses()

    def _draw_losses(self) -> None:
        self.loss_line.setData(list(range(1, len(self.losses) + 1)), self.losses)

    def _done(self, result: S.TrainedVectors) -> None:
        self.result = result
        if result.losses:
            self.losses = list(result.losses)
            self._draw_losses()
        text = self.tr("Saved {name}: {n} words × {dim} in {s:.1f} s. Choose it in the model picker (or press Use "
                       "these vectors) to find neighbours, analogies and maps.").format(
            name=result.name, n=f"{result.vocab_size:,}", dim=result.dim, s=result.seconds)
        self.status.setText(" ".join([text] + result.notes))
        self.use_button.setEnabled(True)
        self.ctx.refresh_library()

    def use_vectors(self) -> None:
        if self.result is not None:
            self.ctx.set_model(self.result.name)

    def _counted(self, counts: tuple) -> None:
        self.counts = counts
        self._draw_counts()
        words, raw, _ = counts
        self.status.setText(self.tr("Counted the co-occurrences of {n} words.").format(n=len(words)))
        self.count_note.setText(self.tr("{n} words; {pairs} pairs met within {w} words of each other. Hover a cell "
                                        "for its count.").format(n=len(words), pairs=int(raw.sum() / 2),
                                                                 w=self.window.value()))

    def _draw_counts(self) -> None:
        if self.counts is None:
            return
        words, raw, weighted = self.counts
        matrix = weighted if self.weighted.isChecked() else raw
        self.count_plot.set_matrix(matrix, words, levels=(0.0, float(max(np.max(matrix), 1.0))))
        self.count_plot.colorbar.getAxis("right").setLabel(
            self.tr("1/distance-weighted count") if self.weighted.isChecked() else self.tr("count"), color="#222")

    def shutdown(self) -> None:
        self.slot.shutdown()
