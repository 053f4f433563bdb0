"""The From scratch page's "Compare runs": any number of runs on one validation-perplexity chart.

Tick runs in the list: each neural run (LSTM, GRU, Transformer) is a curve over its steps, an
n-gram run a level line (it has one evaluation, on the same validation windows); their samples
stand side by side below, one column per run, titled in the run's colour.
"""

from __future__ import annotations

from pathlib import Path

from workbench.core.finetune import runs
from workbench.core.units import human_count
from workbench.ui.qt import QtWidgets, Qt
from workbench.ui.widgets.build import splitter

COLORS = ("#2e86c1", "#e67e22", "#27ae60", "#8e44ad", "#c0392b", "#16a085", "#7f8c8d", "#d4ac0d")
DEFAULT_TICKED = 2


def run_curves(run_dir: str) -> tuple[list[tuple[int, float]], list[tuple[int, str]], dict]:
    """(step, validation perplexity), (step, sample) and the plan (parameters, vocabulary) of a run."""
    perplexities, samples, plan = [], [], {}
    for event in runs.read_events(run_dir):
        if event.get("type") == "eval" and event.get("perplexity") is not None:
            perplexities.append((int(event["step"]), float(event["perplexity"])))
        elif event.get("type") == "sample":
            samples.append((int(event["step"]), str(event.get("text", ""))))
        elif event.get("type") == "plan":
            plan = event
    return perplexities, samples, plan


def sample_label(step: int, text: str) -> str:
    # Line breaks shown as ⏎ so one sample stays one row of the list.
    return f"{step:>6}  " + text.replace("\r", "").replace("\n", " ⏎ ")


class CompareRuns(QtWidgets.QWidget):
    def __init__(self, list_runs, arch_label, parent=None):
        """``list_runs()``: the run summaries to offer; ``arch_label(arch)``: the architecture's shown name."""
        from workbench.ui.qt import pg

        super().__init__(parent)
        self._list_runs = list_runs
        self._arch_label = arch_label
        self.runs = QtWidgets.QListWidget()
        self.runs.setToolTip(self.tr("Tick the runs to compare (any number)"))
        self.runs.itemChanged.connect(lambda _item: self.show_comparison())
        refresh = QtWidgets.QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh_runs)
        left = QtWidgets.QVBoxLayout()
        left.addWidget(QtWidgets.QLabel(self.tr("Runs")))
        left.addWidget(self.runs, 1)
        left.addWidget(refresh)
        self.plot = pg.PlotWidget(title=self.tr("Validation perplexity per token"))
        self.plot.setBackground(None)
        self.plot.setLabel("bottom", self.tr("step"))
        self.legend = self.plot.addLegend(offset=(-10, 10))
        self.plot.setMinimumHeight(180)
        self.items: list = []  # what is drawn: curves and level lines
        self.columns = QtWidgets.QHBoxLayout()
        self.titles: list[QtWidgets.QLabel] = []
        self.samples: list[QtWidgets.QListWidget] = []
        columns_widget = QtWidgets.QWidget()
        columns_widget.setLayout(self.columns)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidget(columns_widget)
        scroll.setWidgetResizable(True)
        scroll.setMinimumHeight(160)
        side = QtWidgets.QWidget()
        side.setLayout(left)
        side.setMaximumWidth(340)
        right = splitter(Qt.Vertical, self.plot, scroll, stretch=(1, 1), sizes=(400, 300), collapsible=True)
        QtWidgets.QVBoxLayout(self).addWidget(splitter(Qt.Horizontal, side, right, stretch=(0, 1), sizes=(220, 980), collapsible=True))

    def refresh_runs(self) -> None:
        done = [r for r in self._list_runs() if r.status in ("finished", "cancelled", "interrupted", "running")]
        ticked = set(self.ticked()) if self.runs.count() else None
        self.runs.blockSignals(True)
        self.runs.clear()
        for i, r in enumerate(done):
            item = QtWidgets.QListWidgetItem(f"{r.name} ({r.base_model}, {r.status})")
            item.setData(Qt.UserRole, r.run_dir)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            on = r.run_dir in ticked if ticked is not None else i < DEFAULT_TICKED
            item.setCheckState(Qt.Checked if on else Qt.Unchecked)
            self.runs.addItem(item)
        self.runs.blockSignals(False)
        self.show_comparison()

    def ticked(self) -> list[str]:
        return [self.runs.item(i).data(Qt.UserRole) for i in range(self.runs.count())
                if self.runs.item(i).checkState() == Qt.Checked]

    def set_ticked(self, run_dirs: list[str]) -> None:
        self.runs.blockSignals(True)
        for i in range(self.runs.count()):
            item = self.runs.item(i)
            item.setCheckState(Qt.Checked if item.data(Qt.UserRole) in run_dirs else Qt.Unchecked)
        self.runs.blockSignals(False)
        self.show_comparison()

    def label(self, run_dir: str, plan: dict) -> str:
        config = runs.read_json(Path(run_dir) / runs.CONFIG_FILE)
        tokenizer = {"char": self.tr("characters"), "bpe": self.tr("BPE"), "word": self.tr("words")}.get(
            config.get("tokenizer", ""), "?")
        arch = config.get("arch", "")
        if arch == "ngram":
            metrics = runs.read_json(Path(run_dir) / runs.METRICS_FILE)
            return self.tr("{order}-gram, {n} n-grams, {tokenizer}").format(
                order=config.get("order", "?"), n=human_count(metrics.get("stored_ngrams")), tokenizer=tokenizer)
        return self.tr("{arch} {layers}×{hidden}, {params} parameters, {tokenizer}").format(
            arch=self._arch_label(arch).split(" (")[0], layers=config.get("layers", "?"),
            hidden=config.get("hidden", "?"), params=human_count(plan.get("parameters")), tokenizer=tokenizer)

    def show_comparison(self, *_) -> None:
        from workbench.ui.qt import pg

        for item in self.items:
            self.plot.removeItem(item)
        self.legend.clear()
        self.items = []
        while self.columns.count():
            widget = self.columns.takeAt(0).widget()
            if widget is not None:
                widget.hide()  # gone from the screen now, deleted when the event loop gets to it
                widget.setParent(None)
                widget.deleteLater()
        self.titles, self.samples = [], []
        chosen = self.ticked()
        last_step = 1
        drawn = []
        for i, run_dir in enumerate(chosen):
            perplexities, texts, plan = run_curves(run_dir)
            color = COLORS[i % len(COLORS)]
            label = self.label(run_dir, plan)
            drawn.append((run_dir, perplexities, texts, label, color))
            last_step = max([last_step] + [p[0] for p in perplexities])
        for run_dir, perplexities, texts, label, color in drawn:
            ngram = runs.read_json(Path(run_dir) / runs.CONFIG_FILE).get("arch") == "ngram"
            if ngram and perplexities:  # one number: a level line across the neural runs' steps
                level = perplexities[-1][1]
                item = self.plot.plot([0, last_step], [level, level], pen=pg.mkPen(color, width=2, style=Qt.DashLine),
                                      name=label)
            else:
                item = self.plot.plot([p[0] for p in perplexities], [p[1] for p in perplexities],
                                      pen=pg.mkPen(color, width=2), symbol="o", symbolSize=5, symbolBrush=color,
                                      name=label)
            self.items.append(item)
            metrics = runs.read_json(Path(run_dir) / runs.METRICS_FILE)
            final = metrics.get("val_perplexity")
            title = QtWidgets.QLabel(label + (self.tr(" – final perplexity {ppl:.2f}").format(ppl=final)
                                              if final else ""))
            title.setStyleSheet(f"color: {color}; font-weight: bold")
            title.setWordWrap(True)
            samples = QtWidgets.QListWidget()
            samples.setWordWrap(True)
            samples.setAlternatingRowColors(True)
            samples.setMinimumWidth(160)
            for step, text in texts:
                samples.addItem(sample_label(step, text))
            samples.scrollToBottom()
            column = QtWidgets.QWidget()
            column_layout = QtWidgets.QVBoxLayout(column)
            column_layout.setContentsMargins(0, 0, 0, 0)
            column_layout.addWidget(title)
            column_layout.addWidget(samples, 1)
            self.columns.addWidget(column, 1)
            self.titles.append(title)
            self.samples.append(samples)
        if not chosen:
            empty = QtWidgets.QLabel(self.tr("Tick runs on the left to compare them."))
            self.columns.addWidget(empty)

