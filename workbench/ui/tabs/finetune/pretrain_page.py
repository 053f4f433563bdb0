"""The Fine-tune tab's "From scratch" page: train an LSTM, GRU, small Transformer or n-gram model on your own text.

The settings are checked (and the parameters counted, the automatic ones chosen with their reasons)
on a worker before starting; the run is a ``workbench pretrain ... --events -`` child process (the
fine-tune page's ``ChildRun``), with its live charts (``Charts``) and a growing list of samples.
"Compare runs" (``pretrain_compare.py``) puts any number of runs' validation perplexity on one chart
and their samples side by side; "n-gram table" (``ngram_table.py``) browses an n-gram model's counts.
"""

from __future__ import annotations

import time
from pathlib import Path

from workbench.core import paths
from workbench.core.finetune import runs
from workbench.core.units import human_count, human_seconds
from workbench.ui.errors import ErrorBanner
from workbench.ui.qt import QtCore, QtWidgets, Qt, Signal
from workbench.ui.tabs.finetune.ngram_table import NGramTable
from workbench.ui.tabs.finetune.pretrain_compare import CompareRuns, run_curves, sample_label
from workbench.ui.tabs.finetune.training_run import Charts, ChildRun, run_failure, show_run_end
from workbench.ui.widgets.build import column, splitter
from workbench.ui.workers import ErrorInfo, LatestRequest

RUNS_FOLDER = "from-scratch"  # under the runs folder: kept apart from fine-tune runs (their Resume differs)
ARCH_LABELS = (("lstm", QtCore.QT_TRANSLATE_NOOP("PretrainPage", "LSTM")),
               ("gru", QtCore.QT_TRANSLATE_NOOP("PretrainPage", "GRU")),
               ("transformer", QtCore.QT_TRANSLATE_NOOP("PretrainPage", "Transformer (GPT-2 style)")),
               ("ngram", QtCore.QT_TRANSLATE_NOOP("PretrainPage", "n-gram (counts)")))
NEURAL_ONLY = ("layers", "hidden", "heads", "epochs", "minutes", "lr", "batch", "sample_every")
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson")


def scratch_runs_dir() -> Path:
    return paths.runs_dir() / RUNS_FOLDER


def plan_job(config) -> dict:
    """Everything checked and counted before starting (the same checks the run makes)."""
    from workbench.core.pretrain.train import plan

    return plan(config).to_json()


def table_columns(path: str) -> list[str]:
    from workbench.core.finetune.data import read_table

    return read_table(path).columns


def list_scratch_runs() -> list[runs.RunSummary]:
    return runs.list_runs(scratch_runs_dir())


class PretrainPage(QtWidgets.QWidget):
    run_ended = Signal(str)  # finished | cancelled | failed

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.child: ChildRun | None = None
        self.run_dir: Path | None = None
        self.last_result: dict = {}
        self.plan: dict | None = None
        self._started = 0.0
        self._plans = LatestRequest(ctx.pool)
        self._columns = LatestRequest(ctx.pool)
        self._plan_timer = QtCore.QTimer(self, singleShot=True, interval=400)
        self._plan_timer.timeout.connect(self.check_settings)
        self.banner = ErrorBanner(self)
        self.pages = QtWidgets.QTabWidget()
        self.pages.setDocumentMode(True)
        self.pages.addTab(self._build_train_page(), self.tr("Train"))
        self.compare = CompareRuns(list_scratch_runs, lambda arch: self.tr(dict(ARCH_LABELS).get(arch, "?")))
        self.pages.addTab(self.compare, self.tr("Compare runs"))
        self.table = NGramTable(ctx)
        self.pages.addTab(self.table, self.tr("n-gram table"))
        self.pages.currentChanged.connect(lambda i: i == 1 and self.compare.refresh_runs())
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self._arch_changed()
        self._update_buttons()

    # ---- widgets ------------------------------------------------------------------------------
    def _build_train_page(self) -> QtWidgets.QWidget:
        page = QtWidgets.QWidget()
        self.data_path = QtWidgets.QLineEdit(placeholderText=self.tr("a .txt file, or a CSV/TSV/JSONL table"))
        self.data_path.editingFinished.connect(self._data_changed)
        browse = QtWidgets.QPushButton(self.tr("Open…"))
        browse.clicked.connect(self._browse)
        data_row = QtWidgets.QHBoxLayout()
        data_row.addWidget(self.data_path, 1)
        data_row.addWidget(browse)
        self.column = QtWidgets.QComboBox()
        self.column.setToolTip(self.tr("The column of the table that holds the text (one document per row)"))
        self.arch = QtWidgets.QComboBox()
        for key, label in ARCH_LABELS:
            self.arch.addItem(self.tr(label), key)
        self.tokenizer = QtWidgets.QComboBox()
        self.tokenizer.addItem(self.tr("Characters"), "char")
        self.tokenizer.addItem(self.tr("BPE trained on this text"), "bpe")
        self.tokenizer.addItem(self.tr("Words (Chinese segmented with jieba)"), "word")
        self.vocab = QtWidgets.QSpinBox(minimum=260, maximum=65536, value=1000, singleStep=100)
        auto = self.tr("auto")  # 0: chosen from the text and the time limit (the reasons show in the summary)
        self.layers = QtWidgets.QSpinBox(minimum=0, maximum=24, value=0, specialValueText=auto)
        self.hidden = QtWidgets.QSpinBox(minimum=0, maximum=4096, value=0, singleStep=32, specialValueText=auto)
        self.heads = QtWidgets.QSpinBox(minimum=0, maximum=64, value=0, specialValueText=auto)
        self.context = QtWidgets.QSpinBox(minimum=0, maximum=4096, value=0, singleStep=16, specialValueText=auto)
        self.order = QtWidgets.QSpinBox(minimum=0, maximum=5, value=0, specialValueText=auto)
        self.order.setToolTip(self.tr("Tokens per n-gram: each token is predicted from the order − 1 tokens before it"))
        self.smoothing = QtWidgets.QComboBox()
        self.smoothing.addItem(self.tr("Kneser-Ney (interpolated)"), "kneser-ney")
        self.smoothing.addItem(self.tr("add-k (Laplace for k = 1)"), "add-k")
        self.k = QtWidgets.QDoubleSpinBox(minimum=0.001, maximum=100, value=1.0, decimals=3, singleStep=0.1)
        self.epochs = QtWidgets.QDoubleSpinBox(minimum=0, maximum=1000, value=0, decimals=1,
                                               specialValueText=self.tr("auto"))
        self.minutes = QtWidgets.QDoubleSpinBox(minimum=0, maximum=10000, value=0, decimals=1,
                                                specialValueText=self.tr("no limit"))
        self.minutes.setToolTip(self.tr("Stop cleanly after this many minutes and keep the model (instead of epochs)"))
        self.lr = QtWidgets.QDoubleSpinBox(minimum=0, maximum=1, value=0, decimals=5, singleStep=0.0005,
                                           specialValueText=self.tr("auto"))
        self.batch = QtWidgets.QSpinBox(minimum=0, maximum=1024, value=0, specialValueText=auto)
        self.seed = QtWidgets.QSpinBox(minimum=0, maximum=2**31 - 1, value=42)
        self.sample_every = QtWidgets.QSpinBox(minimum=0, maximum=1_000_000, value=0, specialValueText=self.tr("auto"))
        for widget in (self.column, self.arch, self.tokenizer, self.smoothing):
            widget.currentIndexChanged.connect(self._schedule_check)
        for widget in (self.vocab, self.layers, self.hidden, self.heads, self.context, self.epochs, self.minutes,
                       self.batch, self.order, self.k, self.lr):
            widget.valueChanged.connect(self._schedule_check)
        self.arch.currentIndexChanged.connect(self._arch_changed)
        self.tokenizer.currentIndexChanged.connect(self._arch_changed)
        self.smoothing.currentIndexChanged.connect(self._arch_changed)

        form = QtWidgets.QFormLayout()
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Text"), data_row)
        form.addRow(self.tr("Column"), self.column)
        form.addRow(self.tr("Architecture"), self.arch)
        form.addRow(self.tr("Tokenizer"), self.tokenizer)
        form.addRow(self.tr("Vocabulary"), self.vocab)
        form.addRow(self.tr("n-gram order"), self.order)
        form.addRow(self.tr("Smoothing"), self.smoothing)
        form.addRow(self.tr("k"), self.k)
        form.addRow(self.tr("Layers"), self.layers)
        form.addRow(self.tr("Hidden size"), self.hidden)
        form.addRow(self.tr("Heads"), self.heads)
        form.addRow(self.tr("Context"), self.context)
        form.addRow(self.tr("Epochs"), self.epochs)
        form.addRow(self.tr("Time limit (min)"), self.minutes)
        form.addRow(self.tr("Learning rate"), self.lr)
        form.addRow(self.tr("Batch size"), self.batch)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.tr("Sample every"), self.sample_every)
        self.summary = QtWidgets.QLabel(self.tr("Choose a text file."))
        self.summary.setWordWrap(True)
        self.start_button = QtWidgets.QPushButton(self.tr("Start training"))
        self.start_button.clicked.connect(self.start_training)
        self.cancel_button = QtWidgets.QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.resume_button = QtWidgets.QPushButton(self.tr("Resume"))
        self.resume_button.setToolTip(self.tr("Continue the last cancelled or interrupted run from its checkpoint"))
        self.resume_button.clicked.connect(self.resume)
        self.try_button = QtWidgets.QPushButton(self.tr("Try it in Generate"))
        self.try_button.clicked.connect(self.try_model)
        self.longer_button = QtWidgets.QPushButton(self.tr("Train longer"))
        self.longer_button.setToolTip(self.tr("Continue the finished run for more steps from its last checkpoint "
                                              "(a time-limited run too); its model in the library is replaced"))
        self.longer_button.clicked.connect(self.train_longer)
        self.more_steps = QtWidgets.QSpinBox()
        self.more_steps.setRange(1, 1_000_000)
        self.more_steps.setValue(200)
        self.more_steps.setSuffix(self.tr(" more steps"))
        buttons = QtWidgets.QGridLayout()
        for i, button in enumerate((self.start_button, self.cancel_button, self.resume_button, self.try_button,
                                    self.longer_button, self.more_steps)):
            buttons.addWidget(button, i // 2, i % 2)
        scroll = QtWidgets.QScrollArea()
        settings = column(form, self.summary, buttons)
        settings.layout().addStretch(1)
        scroll.setWidget(settings)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.NoFrame)
        scroll.setMinimumWidth(300)

        self.progress = QtWidgets.QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Not started"))
        self.progress.setTextVisible(True)
        self.status = QtWidgets.QLabel()
        self.status.setWordWrap(True)
        self.charts = Charts()
        self.charts.set_metric_name(self.tr("Validation perplexity"))
        self.samples = QtWidgets.QListWidget()
        self.samples.setWordWrap(True)
        self.samples.setAlternatingRowColors(True)
        self.samples.setToolTip(self.tr("Text generated from the current weights every few steps, newest last"))
        samples_box = QtWidgets.QGroupBox(self.tr("Samples (step, text)"))
        QtWidgets.QVBoxLayout(samples_box).addWidget(self.samples)
        charts = splitter(Qt.Vertical, self.charts, samples_box, stretch=(1, 1), collapsible=True)
        right = column(self.progress, self.status, (charts, 1))
        QtWidgets.QVBoxLayout(page).addWidget(splitter(Qt.Horizontal, scroll, right, stretch=(0, 1), sizes=(420, 780),
                                                       collapsible=True))
        return page

    # ---- settings -----------------------------------------------------------------------------
    def _browse(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, self.tr("Open a text"), str(Path.home()), self.tr("Text (*.txt *.csv *.tsv *.jsonl);;All files (*)"))
        if path:
            self.open_data(Path(path))

    def open_data(self, path: Path) -> None:
        self.data_path.setText(str(path))
        self._data_changed()

    def _data_changed(self) -> None:
        path = self.data_path.text().strip()
        self.column.blockSignals(True)
        self.column.clear()
        self.column.blockSignals(False)
        self.column.setEnabled(False)
        if path and Path(path).suffix.lower() in TABLE_SUFFIXES:
            self._columns.submit(table_columns, path, name="pretrain-columns", on_success=self._fill_columns,
                                 on_error=self._show_problem)
        else:
            self._schedule_check()

    def _fill_columns(self, columns: list[str]) -> None:
        self.column.blockSignals(True)
        self.column.addItems(columns)
        guess = next((c for c in columns if c.lower() in ("text", "content", "body", "sentence")), columns[0])
        self.column.setCurrentText(guess)
        self.column.blockSignals(False)
        self.column.setEnabled(True)
        self.check_settings()

    def _arch_changed(self, *_) -> None:
        arch = self.arch.currentData()
        ngram = arch == "ngram"
        for name in NEURAL_ONLY:
            getattr(self, name).setEnabled(not ngram)
        self.heads.setEnabled(arch == "transformer")
        self.order.setEnabled(ngram)
        self.smoothing.setEnabled(ngram)
        self.k.setEnabled(ngram and self.smoothing.currentData() == "add-k")
        self.vocab.setEnabled(self.tokenizer.currentData() in ("bpe", "word"))
        self.lr.setToolTip(self.tr("auto: chosen from the model's size (the reason shows below)"))

    def config(self):
        from workbench.core.pretrain.train import PretrainConfig

        return PretrainConfig(
            data=self.data_path.text().strip(), column=self.column.currentText() if self.column.isEnabled() else "",
            arch=self.arch.currentData(), tokenizer=self.tokenizer.currentData(),
            vocab_size=self.vocab.value() if self.tokenizer.currentData() in ("bpe", "word") else 0,
            layers=self.layers.value(), order=self.order.value(), smoothing=self.smoothing.currentData(),
            k=self.k.value(),
            hidden=self.hidden.value(), heads=self.heads.value(), context=self.context.value(),
            epochs=self.epochs.value() if not self.minutes.value() else 0.0, max_minutes=self.minutes.value(),
            lr=self.lr.value(), batch_size=self.batch.value(), seed=self.seed.value(),
            sample_every=self.sample_every.value())

    def _schedule_check(self, *_) -> None:
        self.plan = None
        self._update_buttons()
        self._plan_timer.start()

    def check_settings(self) -> None:
        """Count the parameters and check the text on a worker (the same ``plan`` the run makes)."""
        self._plan_timer.stop()
        if not self.data_path.text().strip():
            self.summary.setText(self.tr("Choose a text file."))
            return
        self.summary.setText(self.tr("Checking the text and counting parameters…"))
        self._plans.submit(plan_job, self.config(), name="pretrain-plan", on_success=self._planned,
                           on_error=self._show_problem)

    def _planned(self, plan: dict) -> None:
        self.plan = plan
        self.banner.hide()
        steps = (self.tr("{n} steps").format(n=plan["max_steps"]) if plan["max_steps"]
                 else self.tr("until the time limit"))
        if plan["arch"] == "ngram":
            text = self.tr("n-grams of orders 1 to {order} · vocabulary {vocab} · {tokens} tokens ({train} to count, "
                           "{val} to validate)").format(order=plan["order"], vocab=plan["vocab_size"],
                                                        tokens=f"{plan['tokens']:,}", train=f"{plan['train_tokens']:,}",
                                                        val=f"{plan['val_tokens']:,}")
        else:
            text = self.tr("{params} parameters · vocabulary {vocab} · {tokens} tokens "
                           "({train} to train, {val} to validate) · {steps}").format(
                params=human_count(plan["parameters"]), vocab=plan["vocab_size"], tokens=f"{plan['tokens']:,}",
                train=f"{plan['train_tokens']:,}", val=f"{plan['val_tokens']:,}", steps=steps)
        chosen = [c for c in plan.get("choices", []) if c["chosen"]]
        if chosen:
            text += "<br>" + self.tr("Chosen for you:") + "<br>" + "<br>".join(
                f"• {c['setting']} = {c['value']:g}: {c['reason']}" if isinstance(c["value"], float)
                else f"• {c['setting']} = {c['value']}: {c['reason']}" for c in chosen)
        self.summary.setText(text)
        self._update_buttons()

    def _show_problem(self, info: ErrorInfo) -> None:
        self.plan = None
        self.summary.setText(info.message)
        self.banner.show_error(info)
        self._update_buttons()

    # ---- running ------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.child is not None and self.child.running

    def _update_buttons(self) -> None:
        self.start_button.setEnabled(not self.busy and self.plan is not None)
        self.cancel_button.setEnabled(self.busy)
        status = runs.summarize(self.run_dir).status if self.run_dir is not None else ""
        self.resume_button.setEnabled(not self.busy and status in ("cancelled", "interrupted"))
        self.longer_button.setEnabled(not self.busy and status == "finished")
        self.more_steps.setEnabled(self.longer_button.isEnabled())
        self.try_button.setEnabled(not self.busy and self.last_result.get("status") == "finished")

    def training_args(self) -> list[str]:
        c = self.config()
        args = ["pretrain", "--data", c.data, "--arch", c.arch, "--tokenizer", c.tokenizer, "--layers", str(c.layers),
                "--hidden", str(c.hidden), "--heads", str(c.heads), "--context", str(c.context),
                "--batch-size", str(c.batch_size), "--seed", str(c.seed)]
        if c.arch == "ngram":
            args += ["--order", str(c.order), "--smoothing", c.smoothing, "--k", str(c.k)]
        if c.column:
            args += ["--column", c.column]
        if c.vocab_size:
            args += ["--vocab-size", str(c.vocab_size)]
        if c.max_minutes:
            args += ["--max-minutes", str(c.max_minutes)]
        elif c.epochs:
            args += ["--epochs", str(c.epochs)]
        if c.lr:
            args += ["--lr", str(c.lr)]
        if c.sample_every:
            args += ["--sample-every", str(c.sample_every)]
        return args

    def start_training(self) -> None:
        if self.busy or self.plan is None:
            return
        c = self.config()
        stem = "".join(ch if ch.isalnum() else "-" for ch in Path(c.data).stem)[:40].strip("-") or "text"
        run_dir = scratch_runs_dir() / f"{stem}-{c.arch}-{time.strftime('%Y%m%d-%H%M%S')}"
        self._launch(self.training_args() + ["--out", str(run_dir)], run_dir)

    def resume(self) -> None:
        if self.busy or self.run_dir is None:
            return
        self._launch(["pretrain", "--out", str(self.run_dir), "--resume"], self.run_dir, keep=True)

    def train_longer(self) -> None:
        if self.busy or self.run_dir is None:
            return
        self._launch(["pretrain", "--out", str(self.run_dir), "--resume", "--more-steps", str(self.more_steps.value())],
                     self.run_dir, keep=True)

    def _launch(self, args: list[str], run_dir: Path, keep: bool = False) -> None:
        self.banner.hide()
        self.run_dir = run_dir
        self.last_result = {}
        if keep:  # a resumed run: what it drew before stays
            curves = runs.curves(run_dir)
            curves["metric"] = run_curves(str(run_dir))[0]
            self.samples.clear()
            for step, text in run_curves(str(run_dir))[1]:
                self.samples.addItem(sample_label(step, text))
            self.charts.set_curves(curves)
        else:
            self.charts.clear()
            self.samples.clear()
        self.charts.set_metric_name(self.tr("Validation perplexity"))
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Starting…"))
        self.status.setText(self.tr("Starting the training process (run folder {path}).").format(path=run_dir))
        self._started = time.monotonic()
        run_dir.parent.mkdir(parents=True, exist_ok=True)
        self.child = ChildRun(args + ["--events", "-"], run_dir.parent / f"{run_dir.name}.log", self)
        self.child.event.connect(self._on_event)
        self.child.ended.connect(self._child_ended)
        self.child.start()
        self._update_buttons()

    def _on_event(self, event: dict) -> None:
        kind = event.get("type")
        if kind == "status":
            self.status.setText(event["message"] + "…")
        elif kind == "plan":
            self.status.setText(self.tr("{params} parameters, vocabulary {vocab}: training…").format(
                params=human_count(event["parameters"]), vocab=event["vocab_size"]))
        elif kind == "start":
            self.charts.set_max_step(int(event["max_steps"]))
            self._set_progress(event)
        elif kind == "progress":
            self._set_progress(event)
        elif kind in ("train", "eval"):
            self.charts.add_event(event, "perplexity")
        elif kind == "sample":
            self.samples.addItem(sample_label(int(event["step"]), event.get("text", "")))
            self.samples.scrollToBottom()
        elif kind in ("done", "error"):
            self.last_result = event

    def _set_progress(self, event: dict) -> None:
        step, total = int(event.get("step", 0)), int(event.get("max_steps", 0))
        limit = float(event.get("limit_s", 0) or 0)
        if total:
            self._progress_to(total, step, self.tr("step {step} of {total} – about {eta} left").format(
                step=step, total=total, eta=human_seconds(event.get("eta_s"))))
        elif limit:
            self._progress_to(int(limit), int(min(limit, float(event.get("elapsed_s", 0) or 0))),
                              self.tr("step {step} – {eta} of the time limit left").format(
                                  step=step, eta=human_seconds(event.get("eta_s"))))

    def _progress_to(self, maximum: int, value: int, text: str) -> None:
        # QProgressBar.setValue repaints at once (synchronously); with updates held off it is painted
        # with the next frame instead, together with the charts.
        self.progress.setUpdatesEnabled(False)
        if self.progress.maximum() != maximum or self.progress.minimum() != 0:
            self.progress.setRange(0, maximum)
        self.progress.setValue(value)
        self.progress.setFormat(text)
        self.progress.setUpdatesEnabled(True)
        self.progress.update()

    def _child_ended(self, code: int, stderr: str) -> None:
        result = self.last_result
        elapsed = human_seconds(time.monotonic() - self._started)
        status = show_run_end(self.progress, result)
        if status == "finished":
            metrics = result.get("metrics", {})
            self.status.setText(self.tr("Finished in {elapsed}: validation perplexity {ppl:.2f}. The model is in the "
                                        "library as {name}.").format(elapsed=elapsed, name=result.get("name", ""),
                                                                     ppl=metrics.get("val_perplexity", float("nan"))))
            for text in result.get("samples", []):
                self.samples.addItem(sample_label(int(result.get("step", 0)), text))
            self.samples.scrollToBottom()
            self.ctx.refresh_library()
        elif status == "cancelled":
            self.status.setText(result.get("message", "") + " " + self.tr("(Resume continues it.)"))
        else:
            info = run_failure(result, code, stderr, self.tr("The training process stopped (exit code {code})."),
                               self.tr("Resume continues from the last checkpoint."))
            self.status.setText(info.message)
            self.banner.show_error(info)
        self._update_buttons()
        self.run_ended.emit(status)

    def cancel(self) -> None:
        if self.busy:
            self.child.cancel()
            self.status.setText(self.tr("Cancelling: stopping after this step and saving a checkpoint…"))

    def try_model(self) -> None:
        name = self.last_result.get("name")
        if name:
            self.ctx.set_model(name)
            self.ctx.open_in_tab.emit("Generate", name)

    # ---- lifetime -----------------------------------------------------------------------------
    def shutdown(self) -> None:
        self.charts.stop()
        self.table.shutdown()
        if self.child and self.child.running:
            self.child.cancel()
            if not self.child.process.waitForFinished(15000):
                self.child.kill()
