"""The From scratch page's "n-gram table": type a context, see P(next | context) of an n-gram model.

For the top continuations: the count of the n-gram in the text, the unsmoothed probability
(count / count of the context) and the model's smoothed one side by side, so a learner sees how
smoothing moved probability to what the text never showed. The numbers come from
``core.pretrain.ngram.continuations`` on a worker (the model's own distribution).
"""

from __future__ import annotations

from workbench.core.pretrain.ngram import MODEL_TYPE, continuations, load_table_model
from workbench.ui.qt import QtCore, QtWidgets
from workbench.ui.workers import JobSlot

_loaded: dict = {}  # path -> (NGramModel, tokenizer): the last model read, kept for the next context


def table_job(path: str, context: str, top: int, cancel=None, progress=None):
    if _loaded.get("path") != path:
        _loaded.clear()
        _loaded.update(path=path, model=load_table_model(path))
    model, tokenizer = _loaded["model"]
    return continuations(model, tokenizer, context, top)


def visible(token: str) -> str:
    """A token on one line: a line break as ⏎, a tab as ⇥."""
    return token.replace("\r", "").replace("\n", "⏎").replace("\t", "⇥")


class NGramTable(QtWidgets.QWidget):
    COLUMNS = (QtCore.QT_TRANSLATE_NOOP("NGramTable", "Next token"),
               QtCore.QT_TRANSLATE_NOOP("NGramTable", "Count"),
               QtCore.QT_TRANSLATE_NOOP("NGramTable", "Unsmoothed P"),
               QtCore.QT_TRANSLATE_NOOP("NGramTable", "Smoothed P"))

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.result = None
        self.model = QtWidgets.QComboBox()
        self.model.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.model.setMinimumContentsLength(16)
        self.model.setToolTip(self.tr("n-gram models in the library (trained with the n-gram architecture)"))
        self.context = QtWidgets.QLineEdit(placeholderText=self.tr("Type a context, e.g. the beginning of a word"))
        self.context.returnPressed.connect(self.show_table)
        self.context.textChanged.connect(lambda _t: self._timer.start())
        self.model.currentIndexChanged.connect(lambda _i: self.show_table())
        self._timer = QtCore.QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.show_table)
        self.top = QtWidgets.QSpinBox(minimum=1, maximum=500, value=20)
        self.top.setPrefix(self.tr("top "))
        self.top.valueChanged.connect(lambda _v: self.show_table())
        self.show_button = QtWidgets.QPushButton(self.tr("Show"))
        self.show_button.clicked.connect(self.show_table)
        self.progress = QtWidgets.QProgressBar()
        self.summary = QtWidgets.QLabel(self.tr("Train an n-gram model (Architecture: n-gram) to browse its counts."))
        self.summary.setWordWrap(True)
        self.table = QtWidgets.QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(QtWidgets.QLabel(self.tr("Model")))
        row.addWidget(self.model, 1)
        row.addWidget(QtWidgets.QLabel(self.tr("Context")))
        row.addWidget(self.context, 2)
        row.addWidget(self.top)
        row.addWidget(self.show_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.slot = JobSlot(ctx.pool, self, progress=self.progress, run_buttons=[self.show_button],
                            status=self.summary.setText)
        ctx.library_changed.connect(self.set_models)
        self.set_models(ctx.entries)

    def set_models(self, entries) -> None:
        current = self.model.currentData()
        self.model.blockSignals(True)
        self.model.clear()
        for entry in entries:
            if entry.model_type == MODEL_TYPE:
                self.model.addItem(entry.name, entry.path)
        index = self.model.findData(current)
        self.model.setCurrentIndex(index if index >= 0 else self.model.count() - 1)
        self.model.blockSignals(False)

    def choose(self, path: str) -> None:
        index = self.model.findData(path)
        if index >= 0:
            self.model.setCurrentIndex(index)

    def show_table(self) -> None:
        path = self.model.currentData()
        if not path or self.slot.running:
            if not path:
                self.summary.setText(self.tr("Train an n-gram model (Architecture: n-gram) to browse its counts."))
            return
        self.slot.submit(table_job, path, self.context.text(), self.top.value(), name="ngram-table",
                         on_success=self._show)

    def _show(self, result) -> None:
        self.result = result
        context = " ".join(f"‹{visible(t)}›" for t in result.context) or self.tr("(no context: how often each token occurs)")
        smoothing = self.tr("Kneser-Ney") if result.smoothing == "kneser-ney" else self.tr("add-k")
        lines = [self.tr("P(next | {context}): an order-{order} view, {smoothing} smoothing; the context occurs "
                         "{count} times in the text.").format(context=context, order=result.order_used,
                                                               smoothing=smoothing, count=result.context_count)]
        lines += [f"⚠ {note}" for note in result.notes]
        self.summary.setText("<br>".join(lines))
        self.table.setRowCount(len(result.rows))
        for i, row in enumerate(result.rows):
            cells = (f"‹{visible(row.text)}›", str(row.count), "–" if row.unsmoothed is None else f"{row.unsmoothed:.4f}",
                     f"{row.smoothed:.4f}")
            for j, text in enumerate(cells):
                item = QtWidgets.QTableWidgetItem(text)
                if j:
                    item.setTextAlignment(QtCore.Qt.AlignRight | QtCore.Qt.AlignVCenter)
                self.table.setItem(i, j, item)

    def shutdown(self) -> None:
        self.slot.shutdown()
