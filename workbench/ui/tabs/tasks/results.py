"""The Tasks tab's result views, one per result shape: labels with score bars, spans highlighted in the text,
documents ranked by similarity, source and result side by side."""

from __future__ import annotations

import html

from workbench.core.tasks import TaskResult
from workbench.ui.qt import QtWidgets, Qt

# Highlight colours for entity labels (readable under black text in light and dark themes' base colour).
SPAN_COLOURS = ("#ffd54f", "#81d4fa", "#a5d6a7", "#f48fb1", "#ce93d8", "#ffab91", "#80cbc4", "#e6ee9c")
ANSWER_COLOURS = ("#ffd54f", "#fff3c4", "#fff8e1")


def _score_bar(score: float) -> QtWidgets.QProgressBar:
    """A bar filled to ``score`` (clipped to 0..1), without text: the number is shown beside it."""
    bar = QtWidgets.QProgressBar()
    bar.setRange(0, 1000)
    bar.setValue(round(max(0.0, min(1.0, score)) * 1000))
    bar.setTextVisible(False)
    return bar


class ScoreBars(QtWidgets.QWidget):
    """Labels with a bar each, best first."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid = QtWidgets.QGridLayout(self)
        self.grid.setColumnStretch(1, 1)
        self.grid.setVerticalSpacing(6)
        self.rows: list[tuple[str, float]] = []

    def set_scores(self, rows: list[tuple[str, float]]) -> None:
        while self.grid.count():
            self.grid.takeAt(0).widget().deleteLater()
        self.rows = rows
        for n, (label, score) in enumerate(rows):
            name = QtWidgets.QLabel(label)
            name.setTextInteractionFlags(Qt.TextSelectableByMouse)
            bar = _score_bar(score)
            bar.setMinimumWidth(120)
            percent = QtWidgets.QLabel(f"{score:.1%}")
            percent.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            percent.setMinimumWidth(percent.fontMetrics().horizontalAdvance("100.0%") + 4)
            self.grid.addWidget(name, n, 0)
            self.grid.addWidget(bar, n, 1)
            self.grid.addWidget(percent, n, 2)
        self.grid.setRowStretch(len(rows), 1)


class SpanView(QtWidgets.QWidget):
    """The text with spans highlighted, and a table of the spans."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.browser = QtWidgets.QTextBrowser()
        self.browser.setOpenLinks(False)
        self.table = QtWidgets.QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Text"), self.tr("Label"), self.tr("Score")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QtWidgets.QHeaderView.Stretch)
        splitter = QtWidgets.QSplitter(Qt.Vertical)
        splitter.addWidget(self.browser)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def set_spans(self, result: TaskResult) -> None:
        text = result.source
        qa = result.task == "qa"
        colours: dict[str, str] = {}
        pieces, cursor = [], 0
        # Highlight the best span where spans overlap (QA alternatives often do).
        chosen = []
        for rank, span in sorted(enumerate(result.spans), key=lambda x: x[1].start):
            if chosen and span.start < chosen[-1][1].end:
                if rank < chosen[-1][0]:
                    chosen[-1] = (rank, span)
                continue
            chosen.append((rank, span))
        for rank, span in chosen:
            if qa:
                colour = ANSWER_COLOURS[min(rank, len(ANSWER_COLOURS) - 1)]
            else:
                colour = colours.setdefault(span.label, SPAN_COLOURS[len(colours) % len(SPAN_COLOURS)])
            pieces.append(html.escape(text[cursor:span.start]))
            pieces.append(f'<span style="background-color:{colour}; color:#000">{html.escape(text[span.start:span.end])}'
                          f'<sub> {html.escape(span.label)}</sub></span>')
            cursor = span.end
        pieces.append(html.escape(text[cursor:]))
        self.browser.setHtml(f'<div style="white-space: pre-wrap; font-size: 11pt">{"".join(pieces)}</div>')
        self.table.setRowCount(len(result.spans))
        for row, span in enumerate(result.spans):
            for col, value in enumerate((span.text, span.label, f"{span.score:.1%}")):
                self.table.setItem(row, col, QtWidgets.QTableWidgetItem(value))
        self.table.resizeColumnToContents(1)
        self.table.resizeColumnToContents(2)


class RankedList(QtWidgets.QTableWidget):
    """Search results, best first: the cosine similarity as a number and as a bar."""

    def __init__(self, parent=None):
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels(["#", self.tr("Similarity"), "", self.tr("Document")])
        self.verticalHeader().hide()
        self.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        self.setWordWrap(True)
        self.horizontalHeader().setSectionResizeMode(3, QtWidgets.QHeaderView.Stretch)

    def set_results(self, result: TaskResult) -> None:
        self.setRowCount(len(result.results))
        for row, hit in enumerate(result.results):
            number = QtWidgets.QTableWidgetItem(str(hit.index + 1))
            number.setToolTip(self.tr("Line number of the document in the input"))
            score = QtWidgets.QTableWidgetItem(f"{hit.score:.3f}")
            score.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            bar = _score_bar(hit.score)
            self.setItem(row, 0, number)
            self.setItem(row, 1, score)
            self.setCellWidget(row, 2, bar)
            self.setItem(row, 3, QtWidgets.QTableWidgetItem(hit.document))
        self.resizeColumnToContents(0)
        self.resizeColumnToContents(1)
        self.setColumnWidth(2, 90)
        self.resizeRowsToContents()


class SideBySide(QtWidgets.QWidget):
    """Source and result next to each other (summaries, translations, chat, generation)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.source_title = QtWidgets.QLabel(self.tr("<b>Source</b>"))
        self.result_title = QtWidgets.QLabel(self.tr("<b>Result</b>"))
        self.source = QtWidgets.QPlainTextEdit(readOnly=True)
        self.output = QtWidgets.QPlainTextEdit(readOnly=True)
        grid = QtWidgets.QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.source_title, 0, 0)
        grid.addWidget(self.result_title, 0, 1)
        grid.addWidget(self.source, 1, 0)
        grid.addWidget(self.output, 1, 1)

    def set_text(self, result: TaskResult) -> None:
        titles = {"summarize": (self.tr("Source"), self.tr("Summary")),
                  "translate": (self.tr("Source"), self.tr("Translation")),
                  "chat": (self.tr("Your message"), self.tr("Reply")),
                  "generate": (self.tr("Beginning"), self.tr("Continuation"))}
        left, right = titles.get(result.task, (self.tr("Source"), self.tr("Result")))
        self.source_title.setText(f"<b>{left}</b>")
        self.result_title.setText(f"<b>{right}</b>")
        self.source.setPlainText(result.source)
        self.output.setPlainText(result.text or self.tr("(the model produced no text)"))


class ResultPages(QtWidgets.QStackedWidget):
    """A page per result shape (``pages``: labels, spans, results, text) and the empty page shown before a run."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.scores = ScoreBars()
        self.filled = QtWidgets.QLabel(wordWrap=True)
        labels_page = QtWidgets.QWidget()
        labels_layout = QtWidgets.QVBoxLayout(labels_page)
        labels_layout.setContentsMargins(0, 0, 0, 0)
        labels_layout.addWidget(self.filled)
        labels_layout.addWidget(self.scores, 1)
        self.spans = SpanView()
        self.ranked = RankedList()
        self.side_by_side = SideBySide()
        self.empty = QtWidgets.QLabel(self.tr("Pick an example or type your own input, then Run."),
                                      alignment=Qt.AlignCenter)
        self.pages = {"empty": self.empty, "labels": labels_page, "spans": self.spans, "results": self.ranked,
                      "text": self.side_by_side}
        for page in self.pages.values():
            self.addWidget(page)

    def clear(self) -> None:
        self.setCurrentWidget(self.empty)

    def show_result(self, result: TaskResult) -> None:
        if result.shape == "labels":
            self.scores.set_scores([(x.label, x.score) for x in result.labels])
            self.filled.setText(self.tr("Best fill: <b>{text}</b>").format(text=html.escape(result.text))
                                if result.text else "")
            self.filled.setVisible(bool(result.text))
        elif result.shape == "spans":
            self.spans.set_spans(result)
        elif result.shape == "results":
            self.ranked.set_results(result)
        else:
            self.side_by_side.set_text(result)
        self.setCurrentWidget(self.pages[result.shape])
