"""Metrics page (in the Tasks tab): predictions against references, each metric with what it means, and the
n-grams behind BLEU and ROUGE for one row. Also the "score against a reference" box of the text tasks."""

from __future__ import annotations

import html
from pathlib import Path

from workbench.core import metrics as M
from workbench.ui.qt import QtCore, QtWidgets, Qt
from workbench.ui.workers import JobSlot

# the metric checkboxes: name in core, label
CHOICES = [("bleu", "BLEU"), ("rouge", "ROUGE-1/2/L"), ("f1", QtCore.QT_TRANSLATE_NOOP("MetricsPage", "F1 (labels)")),
           ("exact", QtCore.QT_TRANSLATE_NOOP("MetricsPage", "Exact match")),
           ("token_f1", QtCore.QT_TRANSLATE_NOOP("MetricsPage", "Token F1")),
           ("distinct", QtCore.QT_TRANSLATE_NOOP("MetricsPage", "Distinct-n"))]
EXAMPLES = {
    "en": (["the cat sat on the mat", "there is a dog in the garden", "it rained all day long"],
           ["the cat is on the mat", "a dog is in the garden", "it was raining the whole day"]),
    "zh": (["今天天气很好，我们去公园散步。", "他正在图书馆看书", "机器翻译的质量越来越高"],
           ["今天天气不错，我们去公园走走。", "他在图书馆里读书", "机器翻译的质量正在不断提高"]),
}
PRED_NAMES = ("prediction", "predictions", "pred", "output", "hypothesis", "generated", "预测")
REF_NAMES = ("reference", "references", "ref", "target", "label", "gold", "answer", "参考")


def score_job(predictions: list[str], references: list[str], metrics: list[str], row: int):
    result = M.score(predictions, references, metrics)
    return result, M.row_overlaps(predictions[row], references[row]) if 0 <= row < len(predictions) else None


def _fmt(value: float) -> str:
    return f"{value:.4f}"


class MetricsPage(QtWidgets.QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.result: dict | None = None
        self.table = None  # a loaded finetune.data.Table, while its columns are chosen
        self._build()
        self.slot = JobSlot(ctx.pool, self, progress=self.progress, run_buttons=[self.score_button],
                            status=self.status.setText)

    def _build(self) -> None:
        v = QtWidgets.QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        intro = QtWidgets.QLabel(self.tr("<h3 style='margin:0'>Metrics</h3>Score predictions against references, one "
                                         "per line (or two columns of a table). Row 1 of the predictions goes with "
                                         "row 1 of the references."))
        intro.setWordWrap(True)
        v.addWidget(intro)
        files = QtWidgets.QHBoxLayout()
        self.load_table_button = QtWidgets.QPushButton(self.tr("Load table…"))
        self.load_table_button.setToolTip(self.tr("Read two columns of a CSV, TSV or JSONL file"))
        self.load_table_button.clicked.connect(self._choose_table)
        self.pred_column = QtWidgets.QComboBox()
        self.ref_column = QtWidgets.QComboBox()
        for combo, tip in ((self.pred_column, self.tr("The column holding the predictions")),
                           (self.ref_column, self.tr("The column holding the references"))):
            combo.setToolTip(tip)
            combo.setEnabled(False)
            combo.setMinimumContentsLength(10)
            combo.activated.connect(lambda _i: self.use_columns())
        self.load_pred_button = QtWidgets.QPushButton(self.tr("Predictions file…"))
        self.load_pred_button.setToolTip(self.tr("Read predictions from a text file, one per line"))
        self.load_pred_button.clicked.connect(lambda: self._choose_lines(self.predictions))
        self.load_ref_button = QtWidgets.QPushButton(self.tr("References file…"))
        self.load_ref_button.setToolTip(self.tr("Read references from a text file, one per line"))
        self.load_ref_button.clicked.connect(lambda: self._choose_lines(self.references))
        self.example_button = QtWidgets.QPushButton(self.tr("Example"))
        self.example_button.setToolTip(self.tr("Fill both boxes with a small example (Chinese when the window is in "
                                               "Chinese)"))
        self.example_button.clicked.connect(self.fill_example)
        files.addWidget(self.load_table_button)
        files.addWidget(QtWidgets.QLabel(self.tr("prediction column")))
        files.addWidget(self.pred_column)
        files.addWidget(QtWidgets.QLabel(self.tr("reference column")))
        files.addWidget(self.ref_column)
        files.addStretch(1)
        files.addWidget(self.load_pred_button)
        files.addWidget(self.load_ref_button)
        files.addWidget(self.example_button)
        v.addLayout(files)
        boxes = QtWidgets.QGridLayout()
        self.predictions = QtWidgets.QPlainTextEdit()
        self.predictions.setPlaceholderText(self.tr("Predictions, one per line"))
        self.references = QtWidgets.QPlainTextEdit()
        self.references.setPlaceholderText(self.tr("References, one per line"))
        for box in (self.predictions, self.references):
            box.setLineWrapMode(QtWidgets.QPlainTextEdit.NoWrap)
        boxes.addWidget(QtWidgets.QLabel(self.tr("<b>Predictions</b>")), 0, 0)
        boxes.addWidget(QtWidgets.QLabel(self.tr("<b>References</b>")), 0, 1)
        boxes.addWidget(self.predictions, 1, 0)
        boxes.addWidget(self.references, 1, 1)
        v.addLayout(boxes, 2)
        row = QtWidgets.QHBoxLayout()
        self.checks: dict[str, QtWidgets.QCheckBox] = {}
        for name, label in CHOICES:
            check = QtWidgets.QCheckBox(QtCore.QCoreApplication.translate("MetricsPage", label))
            check.setToolTip(M.explanation(name if name != "token_f1" else "token_f1"))
            check.setChecked(name in ("bleu", "rouge"))
            self.checks[name] = check
            row.addWidget(check)
        row.addStretch(1)
        row.addWidget(QtWidgets.QLabel(self.tr("Row")))
        self.row = QtWidgets.QSpinBox()
        self.row.setRange(1, 1)
        self.row.setToolTip(self.tr("The row whose shared n-grams are shown below"))
        self.row.valueChanged.connect(self._row_changed)
        row.addWidget(self.row)
        self.score_button = QtWidgets.QPushButton(self.tr("Score"))
        self.score_button.setToolTip(self.tr("Compute the chosen metrics"))
        self.score_button.clicked.connect(self.start)
        row.addWidget(self.score_button)
        v.addLayout(row)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumHeight(14)
        v.addWidget(self.progress)
        self.status = QtWidgets.QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        v.addWidget(self.status)
        split = QtWidgets.QSplitter(Qt.Horizontal)
        self.results = QtWidgets.QTextBrowser()
        self.results.setPlaceholderText(self.tr("The scores appear here, each with what it measures."))
        self.overlaps = QtWidgets.QTextBrowser()
        self.overlaps.setPlaceholderText(self.tr("The n-grams the chosen row shares with its reference appear here."))
        split.addWidget(self.results)
        split.addWidget(self.overlaps)
        v.addWidget(split, 3)

    # ---- inputs ----------------------------------------------------------------------------------
    def fill_example(self, language: str = "") -> None:
        language = language or ("zh" if QtCore.QLocale().language() == QtCore.QLocale.Chinese
                                or self.ctx.settings.language.startswith("zh") else "en")
        preds, refs = EXAMPLES[language]
        self.set_texts(preds, refs)

    def set_texts(self, predictions: list[str], references: list[str]) -> None:
        self.predictions.setPlainText("\n".join(predictions))
        self.references.setPlainText("\n".join(references))

    def set_metrics(self, names: list[str]) -> None:
        for name, check in self.checks.items():
            check.setChecked(name in names)

    def _choose_lines(self, box: QtWidgets.QPlainTextEdit) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, self.tr("Open a text file"), "",
                                                        self.tr("Text files (*.txt);;All files (*)"))
        if path:
            self.load_lines(box, path)

    def load_lines(self, box: QtWidgets.QPlainTextEdit, path: str) -> None:
        self.slot.submit(M.read_lines, path, name="metrics-read", on_success=lambda lines: (
            box.setPlainText("\n".join(lines)), self.status.setText(self.tr("Read {n} lines from {name}.").format(
                n=len(lines), name=Path(path).name))))

    def _choose_table(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, self.tr("Open a table"), "",
                                                        self.tr("Tables (*.csv *.tsv *.jsonl);;All files (*)"))
        if path:
            self.load_table(path)

    def load_table(self, path: str) -> None:
        from workbench.core.finetune.data import read_table

        self.slot.submit(read_table, path, name="metrics-table", on_success=self._table_read)

    def _table_read(self, table) -> None:
        self.table = table
        for combo, wanted in ((self.pred_column, PRED_NAMES), (self.ref_column, REF_NAMES)):
            combo.clear()
            combo.addItems(table.columns)
            combo.setEnabled(True)
            guess = next((c for c in table.columns if c.strip().lower() in wanted), None)
            if guess is not None:
                combo.setCurrentText(guess)
        if self.pred_column.currentText() == self.ref_column.currentText() and len(table.columns) > 1:
            self.ref_column.setCurrentIndex(1 if self.pred_column.currentIndex() == 0 else 0)
        self.use_columns()

    def use_columns(self) -> None:
        from workbench.core.jobs import WorkbenchError

        if self.table is None:
            return
        try:
            preds, refs = M.pairs_from_table(self.table, self.pred_column.currentText(), self.ref_column.currentText())
        except WorkbenchError as exc:
            self.status.setText(self.tr("⚠ {message} {hint}").format(message=exc.message, hint=exc.hint))
            return
        # one row per line: a cell's own line breaks become spaces
        self.set_texts([" ".join(p.split()) for p in preds], [" ".join(r.split()) for r in refs])
        self.status.setText(self.tr("Read {n} rows from {name}.").format(n=len(preds), name=self.table.path.name))

    # ---- scoring ---------------------------------------------------------------------------------
    def chosen(self) -> list[str]:
        return [name for name, check in self.checks.items() if check.isChecked()]

    def start(self) -> None:
        from workbench.core.jobs import WorkbenchError

        preds, refs = M.split_lines(self.predictions.toPlainText()), M.split_lines(self.references.toPlainText())
        try:
            if not self.chosen():
                raise WorkbenchError(self.tr("No metric is ticked."), self.tr("Tick at least one metric."))
            M.check_pairs(preds, refs)
        except WorkbenchError as exc:
            self.status.setText(self.tr("⚠ {message} {hint}").format(message=exc.message, hint=exc.hint))
            return
        self.row.setMaximum(len(preds))
        self.slot.submit(score_job, preds, refs, self.chosen(), self.row.value() - 1, name="metrics",
                         busy=self.tr("Scoring…"), on_success=lambda done: self.show_result(*done))

    def _row_changed(self, value: int) -> None:
        if self.result is None or self.slot.running:
            return
        preds, refs = M.split_lines(self.predictions.toPlainText()), M.split_lines(self.references.toPlainText())
        if value - 1 < min(len(preds), len(refs)):
            self.slot.submit(M.row_overlaps, preds[value - 1], refs[value - 1], name="metrics-row",
                             on_success=self.show_overlaps)

    def show_result(self, result: dict, overlaps) -> None:
        self.result = result
        language = self.tr("Chinese") if result["language"] == "zh" else self.tr("English or other")
        self.status.setText(self.tr("{n} rows scored; language: {language}.").format(n=result["rows"],
                                                                                     language=language))
        rows = []
        for name in (n for n, _ in CHOICES if n in result):
            rows.append(f"<tr><td valign='top'><b>{html.escape(self._title(name))}</b></td>"
                        f"<td valign='top'>{self._value_html(name, result[name])}</td></tr>"
                        f"<tr><td></td><td style='color:#555'>{html.escape(M.explanation(name))}</td></tr>")
        self.results.setHtml("<table cellspacing='4'>" + "".join(rows) + "</table>")
        if overlaps is not None:
            self.show_overlaps(overlaps)

    def _title(self, name: str) -> str:
        return QtCore.QCoreApplication.translate("MetricsPage", dict(CHOICES)[name])

    def _value_html(self, name: str, value: dict) -> str:
        if name == "bleu":
            return self.tr("<b>{score:.2f}</b> (n-gram precisions {p}; brevity penalty {bp:.3f}; tokenizer {tok})").format(
                score=value["score"], p=" / ".join(f"{p:.1f}" for p in value["precisions"]),
                bp=value["brevity_penalty"], tok=value["tokenize"])
        if name == "rouge":
            how = self.tr("each Chinese character a token") if value["tokenize"] == "chars" else self.tr("words")
            return self.tr("ROUGE-1 <b>{r1}</b>, ROUGE-2 <b>{r2}</b>, ROUGE-L <b>{rl}</b> ({how})").format(
                r1=_fmt(value["rouge1"]), r2=_fmt(value["rouge2"]), rl=_fmt(value["rougeL"]), how=how)
        if name == "f1":
            lines = [self.tr("macro F1 <b>{f1}</b>, macro precision {p}, macro recall {r}, accuracy {acc}").format(
                f1=_fmt(value["macro_f1"]), p=_fmt(value["macro_precision"]), r=_fmt(value["macro_recall"]),
                acc=_fmt(value["accuracy"]))]
            for label, c in value["per_class"].items():
                lines.append(self.tr("“{label}”: precision {p}, recall {r}, F1 {f1} ({n} rows)").format(
                    label=html.escape(label), p=_fmt(c["precision"]), r=_fmt(c["recall"]), f1=_fmt(c["f1"]),
                    n=c["support"]))
            return "<br>".join(lines)
        if name == "distinct":
            return ", ".join(f"distinct-{k[-1]} <b>{_fmt(v)}</b>" for k, v in value.items())
        return f"<b>{_fmt(value['score'])}</b>"

    def show_overlaps(self, row) -> None:
        def grams(overlaps, title):
            out = [f"<p><b>{title}</b></p><table cellspacing='3'>"]
            gram = self.tr("{n}-gram")
            for o in overlaps:
                shown = ", ".join(f"{html.escape(g)}×{c}" for g, c in o.matched) or "—"
                out.append(f"<tr><td>{gram.format(n=o.n)}</td><td>{o.matches}/{o.prediction_total}</td>"
                           f"<td>{shown}</td></tr>")
            return "".join(out) + "</table>"

        scores = ", ".join(f"{name} P {p:.3f} R {r:.3f} F {f:.3f}" for name, (p, r, f) in row.rouge_scores.items())
        self.overlaps.setHtml(
            self.tr("<p>Row {row}: sentence BLEU <b>{bleu:.2f}</b></p>").format(row=self.row.value(),
                                                                                bleu=row.sentence_bleu)
            + grams(row.bleu, self.tr("BLEU: n-grams of the prediction found in the reference (matched/all)"))
            + grams(row.rouge, self.tr("ROUGE: shared n-grams"))
            + self.tr("<p><b>ROUGE-L</b>: longest common subsequence {lcs}</p>").format(
                lcs=html.escape(row.joiner.join(row.lcs)) or "—")
            + f"<p style='color:#555'>{html.escape(scores)}</p>")

    def shutdown(self) -> None:
        self.slot.shutdown()


class ReferenceBox(QtWidgets.QGroupBox):
    """"Score against a reference" for the translation, summary and QA tasks: the result against a text the
    user gives, with the metrics that task is judged by."""

    def __init__(self, pool, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Score against a reference"))
        self.pool = pool
        self.task = ""
        self.prediction = ""
        h = QtWidgets.QHBoxLayout(self)
        self.reference = QtWidgets.QLineEdit()
        self.reference.setPlaceholderText(self.tr("Type the answer you expected; the result is scored against it"))
        self.reference.editingFinished.connect(self.rescore)
        self.scores = QtWidgets.QLabel()
        self.scores.setTextInteractionFlags(Qt.TextSelectableByMouse)
        h.addWidget(self.reference, 2)
        h.addWidget(self.scores, 3)

    def set_task(self, task: str) -> None:
        self.task = task
        self.prediction = ""
        self.scores.clear()
        self.setVisible(task in M.TASK_METRICS)

    def set_result(self, prediction: str) -> None:
        self.prediction = prediction
        self.rescore()

    def rescore(self) -> None:
        reference = self.reference.text().strip()
        if self.task not in M.TASK_METRICS or not reference or not self.prediction:
            self.scores.clear()
            return
        self.pool.submit(M.score_one, self.task, self.prediction, reference, name="task-score",
                         on_success=self._show, on_error=lambda info: self.scores.setText(
                             self.tr("⚠ {message}").format(message=info.message)))

    def _show(self, result: dict) -> None:
        parts = []
        if "bleu" in result:
            parts.append(f"BLEU {result['bleu']['score']:.2f}")
        if "rouge" in result:
            parts.append("ROUGE-1/2/L " + "/".join(f"{result['rouge'][k]:.3f}" for k in M.ROUGE_TYPES))
        if "exact" in result:
            parts.append(self.tr("exact match {em:.0f}").format(em=result["exact"]["score"]))
        if "token_f1" in result:
            parts.append(self.tr("token F1 {f1:.3f}").format(f1=result["token_f1"]["score"]))
        self.scores.setText("  ·  ".join(parts))
        self.scores.setToolTip("\n".join(M.explanation(m) for m in M.TASK_METRICS[self.task]))


METRICS_ITEM = "__metrics__"  # the task list's entry for this page


def add_metrics_item(task_list: QtWidgets.QListWidget) -> None:
    """The Metrics entry at the end of the Tasks tab's list (its page is built when first chosen)."""
    item = QtWidgets.QListWidgetItem(QtCore.QCoreApplication.translate("MetricsPage", "Metrics"))
    item.setData(Qt.UserRole, METRICS_ITEM)
    item.setToolTip(QtCore.QCoreApplication.translate(
        "MetricsPage", "BLEU, ROUGE, F1, exact match and distinct-n of predictions against references"))
    task_list.addItem(item)
