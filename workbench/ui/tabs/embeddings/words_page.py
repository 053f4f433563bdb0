"""The Embeddings tab's Words page, its widgets and layout: a word's nearest neighbours, an analogy, a
similarity matrix of a list of words, and how a result is shown. The tab (``tab.py``) runs the jobs."""

from __future__ import annotations

import html

from workbench.core import embeddings as E
from workbench.ui.embedding_plot import MatrixPlot
from workbench.ui.qt import Qt, QtWidgets
from workbench.ui.tabs.embeddings.result_widgets import ExportRow, placeholder
from workbench.ui.widgets.build import button, fill_row, line_edit, table

NEIGHBOURS_SHOWN = 10


class WordsPage(QtWidgets.QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._build_form()
        self._build_results()
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(self._form())
        layout.addWidget(self.words_note)
        layout.addWidget(self.words_stack, 1)
        layout.addLayout(self.words_exports)

    def _build_form(self) -> None:
        self.word = line_edit("king", self.tr("a word, e.g. king"))
        self.k = QtWidgets.QSpinBox()
        self.k.setRange(1, 200)
        self.k.setValue(NEIGHBOURS_SHOWN)
        self.k.setPrefix(self.tr("top "))
        self.find_button = button(self.tr("Nearest words"),
                                  self.tr("The tokens whose input embeddings are closest by cosine"))
        self.analogy_words = [QtWidgets.QLineEdit(w) for w in ("king", "man", "woman")]
        self.analogy_button = button(self.tr("Solve"),
                                     self.tr("The tokens nearest to A − B + C (the three inputs left out)"))
        self.matrix_words = line_edit("cat, dog, car, truck, apple, banana", self.tr("words separated by commas"))
        self.matrix_button = button(self.tr("Compare"), self.tr("Cosine similarity of every pair of these words"))

    def _form(self) -> QtWidgets.QGridLayout:
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
        for column in (1, 3, 5):
            form.setColumnStretch(column, 1)
        return form

    def _build_results(self) -> None:
        self.words_note = QtWidgets.QLabel()
        self.words_note.setWordWrap(True)
        self.words_note.setTextFormat(Qt.RichText)
        self.neighbour_table = table([self.tr("#"), self.tr("Token"), self.tr("Id"), self.tr("Cosine")], 1)
        self.word_matrix = MatrixPlot(caption=self.tr("cosine similarity"))
        self.word_matrix.hovered.connect(lambda text: self.words_note.setText(html.escape(text)) if text else None)
        self.words_stack = QtWidgets.QStackedWidget()
        self.words_empty = placeholder(self.tr("No analysis yet. Words are rows of the model's input embedding "
                                               "matrix: find a word's nearest neighbours, solve an analogy, or "
                                               "compare a list of words."))
        for widget in (self.words_empty, self.neighbour_table, self.word_matrix):
            self.words_stack.addWidget(widget)
        self.words_exports = ExportRow(("CSV", "NPZ", "PNG", "SVG"))

    def show_words(self, result) -> str:
        """Show neighbours (a table) or a similarity matrix (a picture); returns the status line."""
        notes = [html.escape(w.note) for w in result.words if w.note]
        static = result.source == "word-vectors"
        if isinstance(result, E.WordMatrix):
            self.word_matrix.set_matrix(result.matrix, [w.word for w in result.words])
            self.words_stack.setCurrentWidget(self.word_matrix)
            status = (self.tr("Cosine similarity of {n} words in the static word vectors.") if static else
                      self.tr("Cosine similarity of {n} words in the input embeddings.")).format(n=len(result.words))
        else:
            rows = self.neighbour_table
            rows.setRowCount(len(result.neighbours))
            for row, n in enumerate(result.neighbours):
                fill_row(rows, row, (str(row + 1), n.label, str(n.id), f"{n.score:.4f}"), numbers=(0, 2, 3))
            for column in (0, 2, 3):
                rows.resizeColumnToContents(column)
            self.words_stack.setCurrentWidget(rows)
            pieces = " · ".join(html.escape(p) for p in result.words[0].pieces) if len(result.words) == 1 else ""
            head = (self.tr("Nearest words to <b>{query}</b> by cosine over the static word vectors") if static else
                    self.tr("Nearest tokens to <b>{query}</b> by cosine over the input embedding matrix")).format(
                query=html.escape(result.query))
            notes.insert(0, head + (self.tr(" (tokens: {pieces})").format(pieces=pieces) if pieces else ""))
            status = self.tr("{n} neighbours of {query}.").format(n=len(result.neighbours), query=result.query)
        self.words_note.setText("<br>".join(notes))
        return status
