"""Embeddings tab: words as vectors of the input embedding matrix (neighbours, analogies, a similarity
matrix), sentences as points on a 2D map (coloured by label or k-means cluster; hover and click), and
one word across contexts, layer by layer.

Nothing is computed until asked ("no analysis yet"); every computation runs in
``workbench.core.embeddings`` on the worker bridge (``jobs.py``), with progress and Stop. This is the
controller: the pages (``words_page``, ``sentences_page``, ``contexts_page``) hold the widgets.
"""

from __future__ import annotations

import html
from pathlib import Path

from workbench.core import embeddings as E
from workbench.core.jobs import Progress
from workbench.ui.qt import QtCore, QtWidgets
from workbench.ui.tabs.base import SmokeDone, WorkbenchTab
from workbench.ui.tabs.embeddings.atlas_page import AtlasPage
from workbench.ui.tabs.embeddings.contexts_page import ContextsPage
from workbench.ui.tabs.embeddings.jobs import contexts_job, map_job, neighbours_job, warm_imports, words_job
from workbench.ui.tabs.embeddings.sentences_page import SentencesPage
from workbench.ui.tabs.embeddings.words_page import NEIGHBOURS_SHOWN, WordsPage
from workbench.ui.widgets.build import button, row
from workbench.ui.workers import ErrorInfo, JobSlot, LatestRequest

EXAMPLE = Path(__file__).resolve().parents[3] / "resources" / "examples" / "topics.csv"


class EmbeddingsTab(WorkbenchTab):
    title = QtCore.QT_TRANSLATE_NOOP("Tabs", "Embeddings")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
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
        self._build()
        self.slot = JobSlot(ctx.pool, self, progress=self.progress, stop_buttons=[self.stop_button],
                            status=self.status.setText)
        self.slot.running_changed.connect(self._update_enabled)
        self._connect()
        ctx.model_changed.connect(self._model_changed)
        self._model_changed(ctx.current_model)

    @property
    def job(self):
        return self.slot.job

    def _build(self) -> None:
        self.model_label = QtWidgets.QLabel()
        self.words_page = WordsPage()
        self.sentences_page = SentencesPage()
        self.contexts_page = ContextsPage(self.ctx)
        self.atlas = AtlasPage(self.ctx)
        from workbench.ui.tabs.embeddings.word_vectors_page import WordVectorsPage  # static vectors: their own page

        self.word_vectors = WordVectorsPage(self.ctx)
        self.pages = QtWidgets.QTabWidget()
        for page, title in ((self.words_page, self.tr("Words")), (self.sentences_page, self.tr("Sentences")),
                            (self.contexts_page, self.tr("Contexts")), (self.atlas, self.tr("Atlas")),
                            (self.word_vectors, self.tr("Word vectors"))):
            self.pages.addTab(page, title)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumHeight(16)
        self.progress.setMaximumWidth(260)
        self.status = QtWidgets.QLabel(self.tr("No analysis yet."))
        self.status.setWordWrap(True)
        self.stop_button = button(self.tr("Stop"), self.tr("Stop the running computation (Esc)"), self.stop, "Esc")
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.model_label)
        layout.addWidget(self.pages, 1)
        layout.addLayout(row((self.status, 1), self.progress, self.stop_button))

    def _connect(self) -> None:
        words, sentences, contexts = self.words_page, self.sentences_page, self.contexts_page
        for signal in (words.word.returnPressed, words.find_button.clicked):
            signal.connect(self.find_neighbours)
        for signal in [edit.returnPressed for edit in words.analogy_words] + [words.analogy_button.clicked]:
            signal.connect(self.solve_analogy)
        for signal in (words.matrix_words.returnPressed, words.matrix_button.clicked):
            signal.connect(self.compare_words)
        sentences.example_button.clicked.connect(lambda: self.load_texts(EXAMPLE))
        sentences.load_button.clicked.connect(self.load_dialog)
        for combo in (sentences.column, sentences.label_column):
            combo.activated.connect(self._columns_chosen)
        sentences.colour_by.currentIndexChanged.connect(lambda _: sentences.draw_map(self.map))
        sentences.map_button.clicked.connect(self.run_map)
        sentences.scatter.hovered.connect(lambda index: sentences.show_hovered(self.map, index))
        sentences.scatter.clicked.connect(self.choose_point)
        contexts.context_button.clicked.connect(self.run_contexts)
        contexts.context_lines.layer_chosen.connect(self._show_layer)
        contexts.context_layer.valueChanged.connect(self._show_layer)
        for what, exports in (("words", words.words_exports), ("map", sentences.map_exports),
                              ("contexts", contexts.context_exports)):
            exports.export_requested.connect(lambda suffix, w=what: self.export_dialog(w, suffix))
            exports.copy_requested.connect(lambda w=what: self.copy_code(w))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._warmed:
            self._warmed = True
            self.ctx.pool.submit(warm_imports, name="embeddings-imports")

    # ---- state ---------------------------------------------------------------------------------
    def _model_changed(self, ref: str) -> None:
        self.model_label.setText(self.tr("Model: <b>{name}</b> (choose another in the model picker at the top)")
                                 .format(name=html.escape(ref)) if ref else
                                 self.tr("No model is chosen: pick one in the model picker at the top."))
        self._update_enabled()

    def _update_enabled(self) -> None:
        busy = self.slot.running
        ready = not busy and bool(self.ctx.current_model)
        for widget in (self.words_page.find_button, self.words_page.analogy_button, self.words_page.matrix_button,
                       self.sentences_page.map_button, self.contexts_page.context_button):
            widget.setEnabled(ready)
        for widget in (self.sentences_page.example_button, self.sentences_page.load_button):
            widget.setEnabled(not busy)
        # a neighbour list is a table, not a picture
        self.words_page.words_exports.set_enabled(self.words_result is not None,
                                                  isinstance(self.words_result, E.WordMatrix))
        self.sentences_page.map_exports.set_enabled(self.map is not None)
        self.contexts_page.context_exports.set_enabled(self.contexts is not None)

    def _start(self, fn, *args, on_success, message: str) -> bool:
        if self.slot.running:
            return False
        model = self.ctx.current_model
        if not model:
            self.banner.show_error(ErrorInfo(self.tr("No model is chosen."),
                                             self.tr("Pick a model in the model picker at the top.")))
            return False
        self.banner.hide()
        return self.slot.submit(fn, self.ctx.service, model, *args, name="embeddings", busy=message,
                                on_events=self._events, on_success=on_success, on_error=self._failed) is not None

    def stop(self) -> None:
        if self.slot.running:
            self.slot.stop()
            self.status.setText(self.tr("Stopping…"))

    def _events(self, events: list) -> None:
        for event in events:
            if isinstance(event, Progress) and event.message:
                self.status.setText(event.message + "…")

    def _failed(self, info: ErrorInfo) -> None:
        self.banner.show_error(info)
        self.status.setText(self.tr("Failed; see the message above."))

    # ---- words ---------------------------------------------------------------------------------
    def find_neighbours(self) -> None:
        page = self.words_page
        self._start(words_job, "neighbours", [page.word.text()], page.k.value(), on_success=self.show_words,
                    message=self.tr("Finding the nearest words…"))

    def solve_analogy(self) -> None:
        page = self.words_page
        self._start(words_job, "analogy", [w.text() for w in page.analogy_words], page.k.value(),
                    on_success=self.show_words, message=self.tr("Solving the analogy…"))

    def compare_words(self) -> None:
        page = self.words_page
        self._start(words_job, "matrix", E.parse_words(page.matrix_words.text()), page.k.value(),
                    on_success=self.show_words, message=self.tr("Comparing words…"))

    def show_words(self, outcome: tuple) -> None:
        self.words_result, self.words_code = outcome
        self.status.setText(self.words_page.show_words(self.words_result))
        self._update_enabled()

    # ---- sentences -----------------------------------------------------------------------------
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
        self.sentences_page.show_texts(texts)
        labelled = self.tr(", labelled by '{column}'").format(column=texts.label_column) if texts.labels else ""
        message = self.tr("Loaded {n} texts from {file}{labelled}.").format(n=len(texts.texts), file=texts.source,
                                                                            labelled=labelled)
        self.status.setText(" ".join([message] + texts.notes))

    def _columns_chosen(self, *_) -> None:
        if self.loaded is not None and self.loaded.columns:
            page = self.sentences_page
            self.load_texts(self.loaded_path, page.column.currentData(), page.label_column.currentData() or "")

    def current_texts(self) -> tuple[list[str], list[str] | None]:
        texts = E.parse_texts(self.sentences_page.texts.toPlainText())
        loaded = self.loaded
        labels = loaded.labels if loaded is not None and loaded.labels is not None and texts == loaded.texts else None
        return texts, labels

    def run_map(self) -> None:
        texts, labels = self.current_texts()
        if len(texts) < 2:
            self.banner.show_error(ErrorInfo(self.tr("A map needs at least two texts."),
                                             self.tr("Type or paste texts, one per line, or press Example.")))
            return
        page = self.sentences_page
        self._start(map_job, texts, labels, page.pooling.currentData(), page.projection.currentData(),
                    page.clusters.value(), on_success=self.show_map,
                    message=self.tr("Embedding {n} texts…").format(n=f"{len(texts):,}"))

    def show_map(self, outcome: tuple) -> None:
        self.map, self.map_code = outcome
        self.sentences_page.show_map(self.map)
        seconds = sum(self.map.seconds.values())
        self.status.setText(self.tr("Mapped {n} texts in {s:.1f} s.").format(n=f"{len(self.map.texts):,}",
                                                                            s=seconds))
        self._update_enabled()

    def choose_point(self, index: int) -> None:
        """List the nearest neighbours of text ``index`` (full-dimension cosine) and ring them on the map."""
        result = self.map
        if result is None:
            return
        self.sentences_page.point_title.setText(self.tr("Nearest to #{n}: {text}").format(
            n=index + 1, text=result.texts[index]))
        self._neighbours.submit(neighbours_job, result.vectors, index, NEIGHBOURS_SHOWN, name="embeddings-neighbours",
                                on_success=lambda found: self.sentences_page.show_point(self.map, index, found),
                                on_error=self.banner.show_error)

    # ---- contexts ------------------------------------------------------------------------------
    def run_contexts(self) -> None:
        page = self.contexts_page
        self._start(contexts_job, page.context_word.text(), E.parse_texts(page.context_texts.toPlainText()),
                    on_success=self.show_contexts, message=self.tr("Reading the sentences layer by layer…"))

    def show_contexts(self, outcome: tuple) -> None:
        self.contexts, self.contexts_code = outcome
        self.contexts_page.show_contexts(self.contexts)
        self.status.setText(self.tr("Compared '{word}' in {n} sentences over {layers} layers.").format(
            word=self.contexts.word, n=len(self.contexts.texts), layers=self.contexts.layers))
        self._update_enabled()

    def _show_layer(self, layer: int) -> None:
        self.contexts_page.show_layer(self.contexts, layer)

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
                self.words_page.word_matrix.export(path) if picture else E.save_words(self.words_result, path)
            elif what == "map":
                self.sentences_page.scatter.export(path) if picture else E.save_map(self.map, path)
            else:
                self.contexts_page.context_lines.export(path) if picture else E.save_contexts(self.contexts, path)
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
        self.slot.stop()
        if self._neighbours.job is not None:
            self._neighbours.job.cancel()
