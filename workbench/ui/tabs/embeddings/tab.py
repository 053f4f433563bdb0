"""Embeddings tab: words as vectors of the input embedding matrix (neighbours, analogies, a similarity
matrix), sentences as points on a 2D map (coloured by label or k-means cluster; hover and click), and
one word across contexts, layer by layer.

Nothing is computed until asked ("no analysis yet"); every computation runs in
``workbench.core.embeddings`` on the worker bridge, with progress and Stop.
"""

from __future__ import annotations

import html
from pathlib import Path

import numpy as np

from workbench.core import embeddings as E
from workbench.core.jobs import NEVER_CANCELLED, Progress, no_progress
from workbench.ui.embedding_plot import PALETTE, LayerLines, MatrixPlot, ScatterMap
from workbench.ui.qt import Qt, QtCore, QtGui, QtWidgets
from workbench.ui.tabs.embeddings.atlas_page import AtlasPage
from workbench.ui.tabs.base import SmokeDone, WorkbenchTab
from workbench.ui.widgets import show_fraction
from workbench.ui.workers import ErrorInfo, LatestRequest

EXAMPLE = Path(__file__).resolve().parents[3] / "resources" / "examples" / "topics.csv"
TSNE_LIMIT = 10_000  # t-SNE beyond this many points takes minutes: the map then shows a stated sample
NEIGHBOURS_SHOWN = 10
CONTEXT_EXAMPLE = ("bank", ["We sat on the bank of the river and watched the boats.",
                            "The river bank was muddy after the rain.",
                            "She went to the bank to ask for a loan.",
                            "The bank raised its interest rates again."])


# ---- jobs (worker thread; plain arguments) -----------------------------------------------------
def words_job(service, model: str, mode: str, words: list[str], k: int, cancel=NEVER_CANCELLED,
              progress=no_progress) -> tuple:
    """(result, code): neighbours, an analogy or a similarity matrix, and the code reproducing it."""
    return E.words_and_code(service, model, mode, words, k, cancel=cancel, progress=progress)


def map_job(service, model: str, texts: list[str], labels: list[str] | None, pooling: str, projection: str,
            clusters: int, cancel=NEVER_CANCELLED, progress=no_progress) -> tuple:
    """(map, code) for the texts."""
    warm_imports()  # not on the GUI thread when the map is drawn
    result = E.build_map(service, model, texts, labels, pooling, projection, clusters, tsne_limit=TSNE_LIMIT,
                         cancel=cancel, progress=progress)
    return result, E.map_code(service, model, texts, result)


def contexts_job(service, model: str, word: str, texts: list[str], cancel=NEVER_CANCELLED,
                 progress=no_progress) -> tuple:
    result = E.run_contexts(service, model, word, texts, cancel=cancel, progress=progress)
    handle = service.load(model)
    return result, E.code_for_contexts(handle.path, handle.dtype, result)


def warm_imports() -> None:
    """scikit-learn and scipy load large native libraries, holding the GIL while they do: done once
    when the tab is first shown, so a map never pauses the window halfway. Through the app's one warm-up,
    which imports torch first: scipy imported beside a half-imported torch in another thread fails."""
    from workbench.ui.warmup import import_heavy_modules

    import_heavy_modules()


def neighbours_job(vectors: np.ndarray, index: int, k: int, cancel=NEVER_CANCELLED) -> list[tuple[int, float]]:
    cancel.raise_if_cancelled()
    return E.neighbours_of(vectors, index, k)


def _table(headers: list[str], stretch: int) -> QtWidgets.QTableWidget:
    table = QtWidgets.QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
    table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectRows)
    table.horizontalHeader().setSectionResizeMode(stretch, QtWidgets.QHeaderView.Stretch)
    return table


def _item(text: str, number: bool = False) -> QtWidgets.QTableWidgetItem:
    item = QtWidgets.QTableWidgetItem(text)
    if number:
        item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
    return item


def _placeholder(text: str) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(text)
    label.setAlignment(Qt.AlignCenter)
    label.setWordWrap(True)
    label.setStyleSheet("QLabel { color: #666; font-size: 11pt; }")
    return label


class EmbeddingsTab(WorkbenchTab):
    title = QtCore.QT_TRANSLATE_NOOP("Tabs", "Embeddings")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.job = None
        self.words_result = None
        self.words_code = ""
        self.map = None
        self.map_code = ""
        self.contexts = None
        self.contexts_code = ""
        self.loaded = None  # the TextSet read from a file (its labels go with its texts)
        self.loaded_path: Path | None = None
        self._neighbours = LatestRequest(ctx.pool)
        self._warmed = False

        self.model_label = QtWidgets.QLabel()
        self.pages = QtWidgets.QTabWidget()
        self.pages.addTab(self._build_words(), self.tr("Words"))
        self.pages.addTab(self._build_sentences(), self.tr("Sentences"))
        self.pages.addTab(self._build_contexts(), self.tr("Contexts"))
        self.atlas = AtlasPage(ctx)
        self.pages.addTab(self.atlas, self.tr("Atlas"))
        from workbench.ui.tabs.embeddings.word_vectors_page import WordVectorsPage  # static vectors: their own page

        self.word_vectors = WordVectorsPage(ctx)
        self.pages.addTab(self.word_vectors, self.tr("Word vectors"))

        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumHeight(16)
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        self.status = QtWidgets.QLabel(self.tr("No analysis yet."))
        self.status.setWordWrap(True)
        self.stop_button = QtWidgets.QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the running computation (Esc)"))
        self.stop_button.setShortcut(QtGui.QKeySequence("Esc"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        bottom = QtWidgets.QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.stop_button)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.model_label)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)
        ctx.model_changed.connect(self._model_changed)
        self._model_changed(ctx.current_model)
        self._update_enabled()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._warmed:
            self._warmed = True
            self.ctx.pool.submit(warm_imports, name="embeddings-imports")

    # ---- words page ------------------------------------------------------------------------------
    def _build_words(self) -> QtWidgets.QWidget:
        self.word = QtWidgets.QLineEdit("king")
        self.word.setPlaceholderText(self.tr("a word, e.g. king"))
        self.word.returnPressed.connect(self.find_neighbours)
        self.k = QtWidgets.QSpinBox()
        self.k.setRange(1, 200)
        self.k.setValue(NEIGHBOURS_SHOWN)
        self.k.setPrefix(self.tr("top "))
        self.find_button = QtWidgets.QPushButton(self.tr("Nearest words"))
        self.find_button.setToolTip(self.tr("The tokens whose input embeddings are closest by cosine"))
        self.find_button.clicked.connect(self.find_neighbours)
        self.analogy_words = [QtWidgets.QLineEdit(w) for w in ("king", "man", "woman")]
        for edit in self.analogy_words:
            edit.returnPressed.connect(self.solve_analogy)
        self.analogy_button = QtWidgets.QPushButton(self.tr("Solve"))
        self.analogy_button.setToolTip(self.tr("The tokens nearest to A − B + C (the three inputs left out)"))
        self.analogy_button.clicked.connect(self.solve_analogy)
        self.matrix_words = QtWidgets.QLineEdit("cat, dog, car, truck, apple, banana")
        self.matrix_words.setPlaceholderText(self.tr("words separated by commas"))
        self.matrix_words.returnPressed.connect(self.compare_words)
        self.matrix_button = QtWidgets.QPushButton(self.tr("Compare"))
        self.matrix_button.setToolTip(self.tr("Cosine similarity of every pair of these words"))
        self.matrix_button.clicked.connect(self.compare_words)

        form = QtWidgets.QGridLayout()
        form.addWidget(QtWidgets.QLabel(self.tr("Neighbours of")), 0, 0)
        form.addWidget(self.word, 0, 1, 1, 5)
        form.addWidget(self.k, 0, 6)
        form.addWidget(self.find_button, 0, 7)
        form.addWidget(QtWidgets.QLabel(self.tr("Analogy")), 1, 0)
        form.addWidget(self.analogy_words[0], 1, 1)
        form.addWidget(QtWidgets.QLabel("−"), 1, 2)
        form.addWidget(self.analogy_words[1], 1, 3)
        form.addWidget(QtWidgets.QLabel("+"), 1, 4)
        form.addWidget(self.analogy_words[2], 1, 5)
        form.addWidget(self.analogy_button, 1, 7)
        form.addWidget(QtWidgets.QLabel(self.tr("Similarity of")), 2, 0)
        form.addWidget(self.matrix_words, 2, 1, 1, 6)
        form.addWidget(self.matrix_button, 2, 7)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        form.setColumnStretch(5, 1)

        self.words_note = QtWidgets.QLabel()
        self.words_note.setWordWrap(True)
        self.words_note.setTextFormat(Qt.RichText)
        self.neighbour_table = _table([self.tr("#"), self.tr("Token"), self.tr("Id"), self.tr("Cosine")], 1)
        self.word_matrix = MatrixPlot(caption=self.tr("cosine similarity"))
        self.word_matrix.hovered.connect(lambda text: self.words_note.setText(html.escape(text)) if text else None)
        self.words_stack = QtWidgets.QStackedWidget()
        self.words_empty = _placeholder(self.tr("No analysis yet. Words are rows of the model's input embedding "
                                                "matrix: find a word's nearest neighbours, solve an analogy, or "
                                                "compare a list of words."))
        for widget in (self.words_empty, self.neighbour_table, self.word_matrix):
            self.words_stack.addWidget(widget)
        self.words_exports = self._export_row("words", ("CSV", "NPZ", "PNG", "SVG"))

        page = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.words_note)
        layout.addWidget(self.words_stack, 1)
        layout.addLayout(self.words_exports[0])
        return page

    # ---- sentences page --------------------------------------------------------------------------
    def _build_sentences(self) -> QtWidgets.QWidget:
        self.texts = QtWidgets.QPlainTextEdit()
        self.texts.setPlaceholderText(self.tr("Texts to map, one per line (or press Example, or load a .txt or "
                                              "CSV file)"))
        self.texts.setLineWrapMode(QtWidgets.QPlainTextEdit.NoWrap)
        self.example_button = QtWidgets.QPushButton(self.tr("Example"))
        self.example_button.setToolTip(self.tr("80 short sentences on four topics: cooking, football, computers, "
                                               "weather"))
        self.example_button.clicked.connect(lambda: self.load_texts(EXAMPLE))
        self.load_button = QtWidgets.QPushButton(self.tr("Load file…"))
        self.load_button.setToolTip(self.tr("A .txt file (one text per line) or a CSV/TSV column, with an optional "
                                            "label column"))
        self.load_button.clicked.connect(self.load_dialog)
        self.column = QtWidgets.QComboBox()
        self.column.setToolTip(self.tr("The column holding the texts"))
        self.label_column = QtWidgets.QComboBox()
        self.label_column.setToolTip(self.tr("A column of labels to colour the points by"))
        for combo in (self.column, self.label_column):
            combo.activated.connect(self._columns_chosen)
        self.pooling = QtWidgets.QComboBox()
        for value, text in (("auto", self.tr("the model's own (else mean)")), ("mean", self.tr("mean of tokens")),
                            ("cls", self.tr("first token (CLS)")), ("last", self.tr("last token")),
                            ("max", self.tr("max over tokens"))):
            self.pooling.addItem(text, value)
        self.pooling.setToolTip(self.tr("How the token vectors of a text become one vector"))
        self.projection = QtWidgets.QComboBox()
        self.projection.addItem(self.tr("PCA"), "pca")
        self.projection.addItem(self.tr("t-SNE"), "tsne")
        self.projection.setToolTip(self.tr("PCA: fast and faithful to large distances. t-SNE: keeps neighbours "
                                           "together, slower; above {n} texts it maps a stated random sample.")
                                   .format(n=f"{TSNE_LIMIT:,}"))
        self.clusters = QtWidgets.QSpinBox()
        self.clusters.setRange(0, E.MAX_CLUSTERS)
        self.clusters.setValue(0)
        self.clusters.setSpecialValueText(self.tr("no clusters"))
        self.clusters.setSuffix(self.tr(" clusters"))
        self.clusters.setToolTip(self.tr("k-means over the vectors (cosine); 0 for none"))
        self.colour_by = QtWidgets.QComboBox()
        self.colour_by.addItem(self.tr("colour by label"), "label")
        self.colour_by.addItem(self.tr("colour by cluster"), "cluster")
        self.colour_by.currentIndexChanged.connect(lambda _: self._draw_map())
        self.map_button = QtWidgets.QPushButton(self.tr("Embed and map"))
        self.map_button.setToolTip(self.tr("Embed every text with the model, then place them on a 2D map "
                                           "(Ctrl+Return)"))
        self.map_button.setShortcut(QtGui.QKeySequence("Ctrl+Return"))
        self.map_button.clicked.connect(self.run_map)

        inputs = QtWidgets.QWidget()
        left = QtWidgets.QVBoxLayout(inputs)
        left.setContentsMargins(0, 0, 0, 0)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.example_button)
        row.addWidget(self.load_button)
        row.addStretch(1)
        left.addLayout(row)
        left.addWidget(self.texts, 1)
        options = QtWidgets.QFormLayout()
        options.setFieldGrowthPolicy(QtWidgets.QFormLayout.AllNonFixedFieldsGrow)
        self.column_label = QtWidgets.QLabel(self.tr("Text column:"))
        self.label_column_label = QtWidgets.QLabel(self.tr("Labels:"))
        options.addRow(self.column_label, self.column)
        options.addRow(self.label_column_label, self.label_column)
        options.addRow(self.tr("Pooling:"), self.pooling)
        options.addRow(self.tr("Map:"), self.projection)
        options.addRow(self.tr("Clusters:"), self.clusters)
        options.addRow(self.tr("Colours:"), self.colour_by)
        left.addLayout(options)
        left.addWidget(self.map_button)
        self._show_columns(False)

        self.scatter = ScatterMap()
        self.scatter.hovered.connect(self._hovered)
        self.scatter.clicked.connect(self.choose_point)
        self.map_empty = _placeholder(self.tr("No analysis yet. Add texts (or press Example), then Embed and map: "
                                              "each text becomes one point, similar texts land close together."))
        self.map_stack = QtWidgets.QStackedWidget()
        self.map_stack.addWidget(self.map_empty)
        self.map_stack.addWidget(self.scatter)
        self.map_note = QtWidgets.QLabel()
        self.map_note.setWordWrap(True)
        self.hover = QtWidgets.QLabel(" ")
        self.hover.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.point_table = _table([self.tr("#"), self.tr("Cosine"), self.tr("Label"), self.tr("Text")], 3)
        self.point_title = QtWidgets.QLabel(self.tr("Click a point to list its nearest neighbours."))
        self.point_title.setWordWrap(True)
        self.map_exports = self._export_row("map", ("PNG", "SVG", "NPZ", "CSV"))

        right = QtWidgets.QWidget()
        right_layout = QtWidgets.QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.map_note)
        right_layout.addWidget(self.map_stack, 1)
        right_layout.addWidget(self.hover)
        lower = QtWidgets.QWidget()
        lower_layout = QtWidgets.QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.point_title)
        lower_layout.addWidget(self.point_table, 1)
        lower_layout.addLayout(self.map_exports[0])
        vertical = QtWidgets.QSplitter(Qt.Vertical)
        vertical.addWidget(right)
        vertical.addWidget(lower)
        vertical.setStretchFactor(0, 3)
        vertical.setStretchFactor(1, 1)
        vertical.setSizes([560, 200])
        vertical.setChildrenCollapsible(False)
        splitter = QtWidgets.QSplitter(Qt.Horizontal)
        splitter.addWidget(inputs)
        splitter.addWidget(vertical)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 900])
        splitter.setChildrenCollapsible(False)
        return splitter

    # ---- contexts page ---------------------------------------------------------------------------
    def _build_contexts(self) -> QtWidgets.QWidget:
        self.context_word = QtWidgets.QLineEdit()
        self.context_word.setPlaceholderText(self.tr("the word to follow, e.g. bank"))
        self.context_texts = QtWidgets.QPlainTextEdit()
        self.context_texts.setPlaceholderText(self.tr("Sentences that contain the word, one per line"))
        self.context_example = QtWidgets.QPushButton(self.tr("Example"))
        self.context_example.setToolTip(self.tr("'bank' by a river and 'bank' for money"))
        self.context_example.clicked.connect(self.fill_context_example)
        self.context_button = QtWidgets.QPushButton(self.tr("Compare contexts"))
        self.context_button.setToolTip(self.tr("The word's vector in each sentence at every layer, compared by "
                                               "cosine"))
        self.context_button.clicked.connect(self.run_contexts)
        self.context_lines = LayerLines()
        self.context_lines.layer_chosen.connect(self._show_layer)
        self.context_matrix = MatrixPlot(caption=self.tr("cosine similarity"), colour_map="viridis")
        self.context_matrix.hovered.connect(lambda text: self.context_note.setText(html.escape(text)) if text else None)
        self.context_note = QtWidgets.QLabel()
        self.context_note.setWordWrap(True)
        self.context_layer = QtWidgets.QSlider(Qt.Horizontal)
        self.context_layer.setRange(0, 0)
        self.context_layer.valueChanged.connect(self._show_layer)
        self.context_layer_label = QtWidgets.QLabel()
        self.context_exports = self._export_row("contexts", ("PNG", "SVG", "NPZ", "CSV"))

        inputs = QtWidgets.QWidget()
        left = QtWidgets.QVBoxLayout(inputs)
        left.setContentsMargins(0, 0, 0, 0)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(QtWidgets.QLabel(self.tr("Word:")))
        row.addWidget(self.context_word, 1)
        row.addWidget(self.context_example)
        left.addLayout(row)
        left.addWidget(self.context_texts, 1)
        left.addWidget(self.context_button)

        plots = QtWidgets.QSplitter(Qt.Horizontal)
        plots.addWidget(self.context_lines)
        matrix_box = QtWidgets.QWidget()
        matrix_layout = QtWidgets.QVBoxLayout(matrix_box)
        matrix_layout.setContentsMargins(0, 0, 0, 0)
        layer_row = QtWidgets.QHBoxLayout()
        layer_row.addWidget(self.context_layer_label)
        layer_row.addWidget(self.context_layer, 1)
        matrix_layout.addLayout(layer_row)
        matrix_layout.addWidget(self.context_matrix, 1)
        plots.addWidget(matrix_box)
        plots.setSizes([600, 400])
        self.context_stack = QtWidgets.QStackedWidget()
        self.context_empty = _placeholder(self.tr("No analysis yet. Follow one word through the layers: its vector "
                                                  "in each sentence is compared by cosine at every layer, so you see "
                                                  "where 'bank' by a river and 'bank' for money split apart."))
        self.context_stack.addWidget(self.context_empty)
        self.context_stack.addWidget(plots)
        results = QtWidgets.QWidget()
        right = QtWidgets.QVBoxLayout(results)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.context_stack, 1)
        from workbench.ui.tabs.embeddings.static_contextual_panel import StaticVsContextual

        self.static_panel = StaticVsContextual(self.ctx)
        right.addWidget(self.static_panel)
        right.addWidget(self.context_note)
        right.addLayout(self.context_exports[0])
        splitter = QtWidgets.QSplitter(Qt.Horizontal)
        splitter.addWidget(inputs)
        splitter.addWidget(results)
        splitter.setSizes([320, 880])
        splitter.setChildrenCollapsible(False)
        return splitter

    def _export_row(self, what: str, formats: tuple[str, ...]) -> tuple[QtWidgets.QHBoxLayout, list]:
        row = QtWidgets.QHBoxLayout()
        row.addStretch(1)
        buttons = []
        tips = {"PNG": self.tr("Save the picture as PNG"), "SVG": self.tr("Save the picture as SVG"),
                "NPZ": self.tr("Save the numbers (numpy .npz)"), "CSV": self.tr("Save the numbers as CSV")}
        for name in formats:
            button = QtWidgets.QPushButton(name)
            button.setToolTip(tips[name])
            suffix = name.lower()
            button.clicked.connect(lambda _=False, w=what, s=suffix: self.export_dialog(w, s))
            row.addWidget(button)
            buttons.append(button)
        code = QtWidgets.QPushButton(self.tr("Copy as code"))
        code.setToolTip(self.tr("Copy a plain transformers program that reproduces these numbers"))
        code.clicked.connect(lambda _=False, w=what: self.copy_code(w))
        row.addWidget(code)
        buttons.append(code)
        return row, buttons

    # ---- state ---------------------------------------------------------------------------------
    def _model_changed(self, ref: str) -> None:
        self.model_label.setText(self.tr("Model: <b>{name}</b> (choose another in the model picker at the top)")
                                 .format(name=html.escape(ref)) if ref else
                                 self.tr("No model is chosen: pick one in the model picker at the top."))
        self._update_enabled()

    def _update_enabled(self) -> None:
        busy = self.job is not None
        ready = not busy and bool(self.ctx.current_model)
        for button in (self.find_button, self.analogy_button, self.matrix_button, self.map_button,
                       self.context_button):
            button.setEnabled(ready)
        for button in (self.example_button, self.load_button):
            button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)
        word_picture = isinstance(self.words_result, E.WordMatrix)  # a neighbour list is a table, not a picture
        for buttons, has, has_picture in ((self.words_exports[1], self.words_result is not None, word_picture),
                                          (self.map_exports[1], self.map is not None, True),
                                          (self.context_exports[1], self.contexts is not None, True)):
            for button in buttons:
                button.setEnabled(has and (has_picture or button.text() not in ("PNG", "SVG")))

    def _start(self, fn, *args, on_success, message: str) -> bool:
        if self.job is not None:
            return False
        model = self.ctx.current_model
        if not model:
            self.banner.show_error(ErrorInfo(self.tr("No model is chosen."),
                                             self.tr("Pick a model in the model picker at the top.")))
            return False
        self.banner.hide()
        self.status.setText(message)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.job = self.ctx.pool.submit(fn, self.ctx.service, model, *args, name="embeddings",
                                        on_events=self._events, on_success=on_success, on_error=self._failed,
                                        on_cancel=lambda: self.status.setText(self.tr("Stopped.")),
                                        on_finished=self._finished)
        self._update_enabled()
        return True

    def stop(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status.setText(self.tr("Stopping…"))

    def _events(self, events: list) -> None:
        for event in events:
            if isinstance(event, Progress):
                show_fraction(self.progress, event.fraction)
                if event.message:
                    self.status.setText(event.message + "…")

    def _failed(self, info: ErrorInfo) -> None:
        self.banner.show_error(info)
        self.status.setText(self.tr("Failed; see the message above."))

    def _finished(self) -> None:
        self.job = None
        self.progress.hide()
        self._update_enabled()

    # ---- words ---------------------------------------------------------------------------------
    def find_neighbours(self) -> None:
        self._start(words_job, "neighbours", [self.word.text()], self.k.value(), on_success=self.show_words,
                    message=self.tr("Finding the nearest words…"))

    def solve_analogy(self) -> None:
        self._start(words_job, "analogy", [w.text() for w in self.analogy_words], self.k.value(),
                    on_success=self.show_words, message=self.tr("Solving the analogy…"))

    def compare_words(self) -> None:
        self._start(words_job, "matrix", E.parse_words(self.matrix_words.text()), self.k.value(),
                    on_success=self.show_words, message=self.tr("Comparing words…"))

    def show_words(self, outcome: tuple) -> None:
        result, self.words_code = outcome
        self.words_result = result
        notes = [html.escape(w.note) for w in result.words if w.note]
        if isinstance(result, E.WordMatrix):
            self.word_matrix.set_matrix(result.matrix, [w.word for w in result.words])
            self.words_stack.setCurrentWidget(self.word_matrix)
            self.status.setText((self.tr("Cosine similarity of {n} words in the static word vectors.")
                                 if result.source == "word-vectors" else
                                 self.tr("Cosine similarity of {n} words in the input embeddings.")).format(
                n=len(result.words)))
        else:
            table = self.neighbour_table
            table.setRowCount(len(result.neighbours))
            for row, n in enumerate(result.neighbours):
                table.setItem(row, 0, _item(str(row + 1), True))
                table.setItem(row, 1, _item(n.label))
                table.setItem(row, 2, _item(str(n.id), True))
                table.setItem(row, 3, _item(f"{n.score:.4f}", True))
            for column in (0, 2, 3):
                table.resizeColumnToContents(column)
            self.words_stack.setCurrentWidget(table)
            pieces = " · ".join(html.escape(p) for p in result.words[0].pieces) if len(result.words) == 1 else ""
            head = (self.tr("Nearest words to <b>{query}</b> by cosine over the static word vectors")
                    if result.source == "word-vectors" else
                    self.tr("Nearest tokens to <b>{query}</b> by cosine over the input embedding matrix")).format(
                query=html.escape(result.query))
            notes.insert(0, head + (self.tr(" (tokens: {pieces})").format(pieces=pieces) if pieces else ""))
            self.status.setText(self.tr("{n} neighbours of {query}.").format(n=len(result.neighbours),
                                                                              query=result.query))
        self.words_note.setText("<br>".join(notes))
        self._update_enabled()

    # ---- sentences -----------------------------------------------------------------------------
    def _show_columns(self, visible: bool) -> None:
        for widget in (self.column, self.label_column, self.column_label, self.label_column_label):
            widget.setVisible(visible)

    def load_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, self.tr("Load texts"), "", self.tr("Text or table files (*.txt *.csv *.tsv *.jsonl);;All files (*)"))
        if path:
            self.load_texts(Path(path))

    def load_texts(self, path: Path, column: str | None = None, label_column: str | None = None) -> None:
        self.banner.hide()
        guess = column is None and label_column is None
        self.ctx.pool.submit(E.read_texts, path, column, label_column or None, guess, name="embeddings-texts",
                             on_success=lambda texts: self._texts_loaded(path, texts),
                             on_error=self.banner.show_error)

    def _texts_loaded(self, path: Path, texts: E.TextSet) -> None:
        self.loaded = texts
        self.loaded_path = path
        self.texts.setPlainText("\n".join(texts.texts))
        has_columns = bool(texts.columns)
        self._show_columns(has_columns)
        if has_columns:
            for combo, value, blank in ((self.column, texts.column, False),
                                        (self.label_column, texts.label_column, True)):
                combo.blockSignals(True)
                combo.clear()
                if blank:
                    combo.addItem(self.tr("(none)"), "")
                for name in texts.columns:
                    combo.addItem(name, name)
                combo.setCurrentIndex(max(0, combo.findData(value)))
                combo.blockSignals(False)
        labelled = self.tr(", labelled by '{column}'").format(column=texts.label_column) if texts.labels else ""
        message = self.tr("Loaded {n} texts from {file}{labelled}.").format(n=len(texts.texts), file=texts.source,
                                                                            labelled=labelled)
        self.status.setText(" ".join([message] + texts.notes))

    def _columns_chosen(self, *_) -> None:
        if self.loaded is not None and self.loaded.columns:
            self.load_texts(self.loaded_path, self.column.currentData(), self.label_column.currentData() or "")

    def current_texts(self) -> tuple[list[str], list[str] | None]:
        texts = E.parse_texts(self.texts.toPlainText())
        loaded = self.loaded
        labels = loaded.labels if loaded is not None and loaded.labels is not None and texts == loaded.texts else None
        return texts, labels

    def run_map(self) -> None:
        texts, labels = self.current_texts()
        if len(texts) < 2:
            self.banner.show_error(ErrorInfo(self.tr("A map needs at least two texts."),
                                             self.tr("Type or paste texts, one per line, or press Example.")))
            return
        self._start(map_job, texts, labels, self.pooling.currentData(), self.projection.currentData(),
                    self.clusters.value(), on_success=self.show_map,
                    message=self.tr("Embedding {n} texts…").format(n=f"{len(texts):,}"))

    def show_map(self, outcome: tuple) -> None:
        self.map, self.map_code = outcome
        result = self.map
        if result.labels is not None and result.clusters is None:
            self.colour_by.setCurrentIndex(0)
        elif result.labels is None and result.clusters is not None:
            self.colour_by.setCurrentIndex(1)
        self.scatter.mark([])  # a new map: nothing chosen yet
        self._draw_map()
        self.map_stack.setCurrentWidget(self.scatter)
        parts = [self.tr("{n} texts · pooling: {pooling}").format(n=f"{len(result.texts):,}",
                                                                  pooling=result.pooling.describe())]
        ev = result.projection.explained_variance
        if ev:
            parts.append(self.tr("PCA: the two axes explain {a:.1%} and {b:.1%} of the variance").format(a=ev[0],
                                                                                                       b=ev[1]))
        else:
            parts.append(self.tr("t-SNE: distances between far-apart groups mean little; neighbours do"))
        self.map_note.setText(" · ".join(parts) + ("\n" + " ".join(result.notes) if result.notes else ""))
        self.point_table.setRowCount(0)
        self.point_title.setText(self.tr("Click a point to list its nearest neighbours."))
        seconds = sum(result.seconds.values())
        self.status.setText(self.tr("Mapped {n} texts in {s:.1f} s.").format(n=f"{len(result.texts):,}", s=seconds))
        self._update_enabled()

    def _draw_map(self) -> None:
        result = self.map
        if result is None:
            return
        by_cluster = self.colour_by.currentData() == "cluster"
        if by_cluster and result.clusters is not None:
            categories = result.clusters
            names = [self.tr("cluster {n}").format(n=c + 1) for c in range(int(categories.max()) + 1)]
        elif result.labels is not None and not by_cluster:
            names = sorted(set(result.labels))
            lookup = {name: i for i, name in enumerate(names)}
            categories = np.array([lookup[label] for label in result.labels], dtype=np.int32)
            names = [name or self.tr("(no label)") for name in names]
        else:
            categories = np.zeros(len(result.texts), dtype=np.int32)
            names = [self.tr("texts")]
        self.scatter.set_points(result.projection.xy, categories, names, result.texts)

    def _hovered(self, index: int) -> None:
        if index < 0 or self.map is None:
            self.hover.setText(" ")
            return
        label = self.map.labels[index] if self.map.labels is not None else ""
        self.hover.setText(f"#{index + 1} " + (f"[{label}] " if label else "") + self.map.texts[index])

    def choose_point(self, index: int) -> None:
        """List the nearest neighbours of text ``index`` (full-dimension cosine) and ring them on the map."""
        if self.map is None:
            return
        vectors = self.map.vectors
        self.point_title.setText(self.tr("Nearest to #{n}: {text}").format(n=index + 1, text=self.map.texts[index]))
        self._neighbours.submit(neighbours_job, vectors, index, NEIGHBOURS_SHOWN, name="embeddings-neighbours",
                                on_success=lambda found: self._show_point(index, found),
                                on_error=self.banner.show_error)

    def _show_point(self, index: int, found: list[tuple[int, float]]) -> None:
        result = self.map
        table = self.point_table
        table.setRowCount(len(found))
        for row, (i, score) in enumerate(found):
            table.setItem(row, 0, _item(str(i + 1), True))
            table.setItem(row, 1, _item(f"{score:.3f}", True))
            label = result.labels[i] if result.labels is not None else (
                self.tr("cluster {n}").format(n=int(result.clusters[i]) + 1) if result.clusters is not None else "")
            table.setItem(row, 2, _item(label))
            table.setItem(row, 3, _item(result.texts[i]))
        for column in (0, 1, 2):
            table.resizeColumnToContents(column)
        self.scatter.mark([index] + [i for i, _ in found])

    # ---- contexts ------------------------------------------------------------------------------
    def fill_context_example(self) -> None:
        word, sentences = CONTEXT_EXAMPLE
        self.context_word.setText(word)
        self.context_texts.setPlainText("\n".join(sentences))

    def run_contexts(self) -> None:
        self._start(contexts_job, self.context_word.text(), E.parse_texts(self.context_texts.toPlainText()),
                    on_success=self.show_contexts, message=self.tr("Reading the sentences layer by layer…"))

    def show_contexts(self, outcome: tuple) -> None:
        self.contexts, self.contexts_code = outcome
        result = self.contexts
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
        self._show_layer(result.layers - 1)
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
        self.status.setText(self.tr("Compared '{word}' in {n} sentences over {layers} layers.").format(
            word=result.word, n=n, layers=result.layers))
        self._update_enabled()

    def _show_layer(self, layer: int) -> None:
        result = self.contexts
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

    # ---- export and code -----------------------------------------------------------------------
    def export_dialog(self, what: str, suffix: str) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, self.tr("Export"), str(Path.home() / f"{what}.{suffix}"),
                                                        f"{suffix.upper()} (*.{suffix})")
        if path:
            if not path.lower().endswith("." + suffix):
                path += "." + suffix
            self.export(what, path)

    def export(self, what: str, path: str) -> None:
        picture = path.lower().endswith((".png", ".svg"))
        try:
            if what == "words":
                self.word_matrix.export(path) if picture else E.save_words(self.words_result, path)
            elif what == "map":
                self.scatter.export(path) if picture else E.save_map(self.map, path)
            else:
                self.context_lines.export(path) if picture else E.save_contexts(self.contexts, path)
        except OSError as exc:
            self.banner.show_error(ErrorInfo(self.tr("{path} could not be written: {reason}.").format(
                path=path, reason=exc.strerror or exc), self.tr("Choose another folder.")))
            return
        self.status.setText(self.tr("Saved {path}").format(path=path))

    def copy_code(self, what: str) -> None:
        code = {"words": self.words_code, "map": self.map_code, "contexts": self.contexts_code}[what]
        if code:
            QtWidgets.QApplication.clipboard().setText(code)
            self.status.setText(self.tr("Copied a transformers program that prints the same numbers."))

    # ---- contract ------------------------------------------------------------------------------
    def smoke(self, model: str, done: SmokeDone) -> None:
        def finished(outcome: tuple) -> None:
            self.show_words(outcome)
            done(True, f"{len(outcome[0].neighbours)} neighbours of '{outcome[0].query}'")

        self.ctx.pool.submit(words_job, self.ctx.service, model, "neighbours", ["king"], 5, name="embeddings-smoke",
                             on_success=finished, on_error=lambda info: done(False, info.message),
                             on_cancel=lambda: done(False, "cancelled"))

    def shutdown(self) -> None:
        self.word_vectors.shutdown()
        self.atlas.shutdown()
        if self.job is not None:
            self.job.cancel()
        if self._neighbours.job is not None:
            self._neighbours.job.cancel()
