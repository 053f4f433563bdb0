"""Fine-tune tab: open a table, map its columns, see every problem before starting, train in a child
process with live charts, and keep every run (resume, add epochs, compare, try it)."""

from __future__ import annotations

import json
import time
from pathlib import Path

from workbench.core import paths
from workbench.core.finetune import runs
from workbench.core.finetune.compare import ComparedRow, compare_with_base
from workbench.core.finetune.data import Problem, Table, read_table
from workbench.core.finetune.train import default_lora_targets
from workbench.core.finetune.validate import ROLE_LABELS, ROLES, TASKS, DataSpec, Report, guess_columns, \
    load_tokenizer, validate
from workbench.core.i18n import translate
from workbench.core.units import human_bytes, human_seconds
from workbench.ui.qt import QtCore, QtGui, QtWidgets, Qt, Signal
from workbench.ui.tabs.base import SmokeDone, WorkbenchTab
from workbench.ui.tabs.finetune_results import BeforeAfterView, auto_args, plan_html, record_html, verdict_text
from workbench.ui.tabs.pretrain_page import PretrainPage
from workbench.ui.tabs.training_run import Charts, ChildRun, last_error_line, run_failure, show_run_end
from workbench.ui.workers import ErrorInfo, LatestRequest

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "sentiment.csv"
NONE = QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "(none)")  # the empty choice in a column box
PREVIEW_ROWS = 500
TRY_TAB = {"classification": "Tasks", "causal-lm": "Generate", "seq2seq": "Tasks"}
TASK_LABELS = {"classification": QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "Classification (text → label)"),
               "causal-lm": QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "Causal LM (text, or prompt → response)"),
               "seq2seq": QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "Seq2seq (source → target)")}
RUN_COLUMNS = (QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "Run"), QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "Status"),
               QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "Task"), QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "Base model"),
               QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "Metrics"), QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "Duration"),
               QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "Started"))
RUN_STATUSES = {"finished": QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "finished"),
                "cancelled": QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "cancelled"),
                "failed": QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "failed"),
                "interrupted": QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "interrupted"),
                "running": QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "running")}
VERDICTS = {"fits": QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "fits"),
            "tight": QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "tight"),
            "will not fit": QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "will not fit")}


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("FinetuneTab", text)


def check_data(spec: DataSpec, model_ref: str, library) -> tuple[Table, Report, list[str]]:
    """Worker job: read the table and check every row (with the model's tokenizer when it can be found).

    Also returns the model's default LoRA target modules (empty when unknown)."""
    table = read_table(spec.data)
    if not spec.columns:
        spec.columns = guess_columns(table, spec.task)
    tokenizer, targets = None, []
    if model_ref:
        try:
            path = library.resolve(model_ref)
            tokenizer = load_tokenizer(path)
            model_type = json.loads((Path(path) / "config.json").read_text(encoding="utf-8")).get("model_type", "")
            targets = default_lora_targets(model_type)
        except Exception:  # a bad model is reported when training starts; the rows are still checked
            tokenizer = None
    report = validate(spec, table=table, tokenizer=tokenizer,
                      chat_template=bool(getattr(tokenizer, "chat_template", None)))
    return table, report, targets


def read_and_guess(path: Path) -> tuple[Table, dict[str, dict[str, str]]]:
    """Worker job: read the table and guess its columns for every task (so switching tasks needs no work)."""
    table = read_table(path)
    return table, {task: guess_columns(table, task) for task in TASKS}


def format_metrics(metrics: dict) -> str:
    shown = []
    for key in ("accuracy", "macro_f1", "perplexity", "bleu", "rouge1", "rougeL", "eval_loss"):
        value = metrics.get(key)
        if isinstance(value, (int, float)):
            shown.append(f"{key} {value:.3g}")
    return ", ".join(shown[:3])


class TableModel(QtCore.QAbstractTableModel):
    """The preview: the first rows, numbered as a spreadsheet shows them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table: Table | None = None
        self.marked: dict[int, str] = {}  # row number -> worst severity

    def set_table(self, table: Table | None) -> None:
        self.beginResetModel()
        self.table = table
        self.marked = {}
        self.endResetModel()

    def set_problems(self, problems: list[Problem]) -> None:
        self.marked = {}
        for p in problems:
            if p.row is not None and self.marked.get(p.row) != "error":
                self.marked[p.row] = p.severity
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
            self.headerDataChanged.emit(Qt.Vertical, 0, self.rowCount() - 1)

    def rowCount(self, parent=QtCore.QModelIndex()):
        return 0 if parent.isValid() or self.table is None else min(PREVIEW_ROWS, len(self.table.rows))

    def columnCount(self, parent=QtCore.QModelIndex()):
        return 0 if parent.isValid() or self.table is None else len(self.table.columns)

    def row_of_number(self, number: int) -> int | None:
        if self.table is None:
            return None
        try:
            index = self.table.numbers.index(number)
        except ValueError:
            return None
        return index if index < PREVIEW_ROWS else None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if self.table is None:
            return None
        if role == Qt.DisplayRole:
            return self.table.columns[section] if orientation == Qt.Horizontal else str(self.table.numbers[section])
        if role == Qt.ForegroundRole and orientation == Qt.Vertical:
            severity = self.marked.get(self.table.numbers[section])
            return QtGui.QColor("#c0392b" if severity == "error" else "#b9770e") if severity else None
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or self.table is None:
            return None
        value = self.table.rows[index.row()][index.column()]
        if role == Qt.DisplayRole:
            if value is None:
                return QtCore.QCoreApplication.translate("FinetuneTab", "(missing)")
            shown = value.replace("\r\n", "\n").replace("\n", " ⏎ ")  # a quoted line break stays visible
            return shown if len(shown) <= 200 else shown[:200] + "…"
        if role == Qt.ToolTipRole and value and len(value) > 60:
            return value[:2000]
        if role == Qt.BackgroundRole:
            severity = self.marked.get(self.table.numbers[index.row()])
            if severity:
                return QtGui.QColor(255, 0, 0, 40) if severity == "error" else QtGui.QColor(255, 170, 0, 40)
        return None


class FinetuneTab(WorkbenchTab):
    title = QtCore.QT_TRANSLATE_NOOP("Tabs", "Fine-tune")
    run_ended = Signal(str)  # final status: finished | cancelled | failed

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.table: Table | None = None
        self._guesses: dict[str, dict[str, str]] = {}  # task -> role -> column, for self.table
        self.report: Report | None = None
        self.child: ChildRun | None = None
        self.preflight_child: ChildRun | None = None
        self.run_dir: Path | None = None
        self.last_result: dict = {}
        self._checks = LatestRequest(ctx.pool)
        self._compare_job = None
        self._started = 0.0
        self._run_task = ""
        self._estimated = False  # the last estimate run reported its figures
        self._build()
        ctx.library_changed.connect(self._fill_models)
        ctx.model_changed.connect(self._model_changed)
        self._fill_models(ctx.entries)
        self.refresh_runs()

    # ---- widgets ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.pages = QtWidgets.QTabWidget()
        self.pages.setDocumentMode(True)
        self.pages.addTab(self._build_data_page(), self.tr("1. Data"))
        self.pages.addTab(self._build_train_page(), self.tr("2. Train"))
        self.pages.addTab(self._build_runs_page(), self.tr("3. Runs"))
        # The "From scratch" page (a form and six charts, ~250 ms to build on a slow computer) is built when
        # first shown or used, so opening the tab does not wait for it.
        self._scratch = None
        self._scratch_index = self.pages.addTab(QtWidgets.QWidget(), self.tr("From scratch"))
        self.pages.currentChanged.connect(self._page_shown)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)

    @property
    def scratch(self):
        if self._scratch is None:

            self._scratch = PretrainPage(self.ctx)
            current = self.pages.currentIndex()
            placeholder = self.pages.widget(self._scratch_index)
            self.pages.blockSignals(True)  # the same page stays current: nothing to announce
            self.pages.removeTab(self._scratch_index)
            self.pages.insertTab(self._scratch_index, self._scratch, self.tr("From scratch"))
            self.pages.setCurrentIndex(current)
            self.pages.blockSignals(False)
            placeholder.deleteLater()
        return self._scratch

    def _page_shown(self, index: int) -> None:
        if index == self._scratch_index:
            _ = self.scratch  # builds it

    def _build_data_page(self) -> QtWidgets.QWidget:
        page = QtWidgets.QWidget()
        self.task = QtWidgets.QComboBox()
        for task in TASKS:
            self.task.addItem(_tr(TASK_LABELS[task]), task)
        self.task.currentIndexChanged.connect(self._task_changed)
        self.open_button = QtWidgets.QPushButton(self.tr("Open file…"))
        self.open_button.setToolTip(self.tr("A CSV, TSV or JSONL file with a header row (Ctrl+O)"))
        self.open_button.setShortcut(QtGui.QKeySequence("Ctrl+O"))
        self.open_button.clicked.connect(self._open_file)
        self.example_button = QtWidgets.QPushButton(self.tr("Example"))
        self.example_button.setToolTip(self.tr("Load 320 labelled sentences for sentiment classification"))
        self.example_button.clicked.connect(lambda: self.open_data(EXAMPLE, task="classification"))
        self.file_label = QtWidgets.QLabel(self.tr("No file yet: open a CSV, TSV or JSONL file, or try the example."))
        self.file_label.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.split = QtWidgets.QComboBox()
        self.split.addItem(self.tr("Hold out a random share"), "random")
        self.split.addItem(self.tr("Split column"), "column")
        self.split.addItem(self.tr("Second file"), "file")
        self.split.currentIndexChanged.connect(self._split_changed)
        self.eval_share = QtWidgets.QSpinBox(suffix=" %", minimum=0, maximum=50, value=10)
        self.eval_share.setToolTip(self.tr("Rows held out for validation, chosen at random with the seed"))
        self.split_seed = QtWidgets.QSpinBox(minimum=0, maximum=2**31 - 1, value=42, prefix=self.tr("seed "))
        self.split_column = QtWidgets.QComboBox()
        self.validation_button = QtWidgets.QPushButton(self.tr("Validation file…"))
        self.validation_button.clicked.connect(self._open_validation_file)
        self.validation_path = ""
        for w in (self.eval_share, self.split_seed):
            w.valueChanged.connect(self._schedule_check)
        self.split_column.currentIndexChanged.connect(self._schedule_check)

        top = QtWidgets.QHBoxLayout()
        top.addWidget(QtWidgets.QLabel(self.tr("Task:")))
        top.addWidget(self.task)
        top.addWidget(self.open_button)
        top.addWidget(self.example_button)
        top.addStretch(1)
        split_row = QtWidgets.QHBoxLayout()
        split_row.addWidget(QtWidgets.QLabel(self.tr("Validation:")))
        for w in (self.split, self.eval_share, self.split_seed, self.split_column, self.validation_button):
            split_row.addWidget(w)
        split_row.addStretch(1)

        self.mapping_box = QtWidgets.QGroupBox(self.tr("Columns"))
        self.mapping_form = QtWidgets.QHBoxLayout(self.mapping_box)
        self.role_combos: dict[str, QtWidgets.QComboBox] = {}

        self.preview_model = TableModel(self)
        self.preview = QtWidgets.QTableView()
        self.preview.setModel(self.preview_model)
        self.preview.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectRows)
        self.preview.setWordWrap(False)
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.preview.verticalHeader().setDefaultSectionSize(22)
        # Fitting the columns measures this many rows, not all 500 shown, on the GUI thread.
        self.preview.horizontalHeader().setResizeContentsPrecision(100)

        self.problems = QtWidgets.QListWidget()
        self.problems.setWordWrap(True)
        self.problems.itemClicked.connect(self._problem_clicked)
        self.problems.currentItemChanged.connect(lambda item, _: item and self._problem_clicked(item))
        self.summary = QtWidgets.QLabel()
        self.summary.setWordWrap(True)
        self.notes = QtWidgets.QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: palette(mid);")
        right = QtWidgets.QWidget()
        right_layout = QtWidgets.QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QtWidgets.QLabel(self.tr("<b>Checks</b> (click a problem to see its row)")))
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.problems, 1)
        right_layout.addWidget(self.notes)
        splitter = QtWidgets.QSplitter()
        splitter.addWidget(self.preview)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QtWidgets.QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.file_label)
        layout.addLayout(split_row)
        layout.addWidget(self.mapping_box)
        layout.addWidget(splitter, 1)
        self._task_changed()
        self._split_changed()
        return page

    def _build_train_page(self) -> QtWidgets.QWidget:
        page = QtWidgets.QWidget()
        self.model_combo = QtWidgets.QComboBox()
        self.model_combo.setEditable(True)
        self.model_combo.setMinimumContentsLength(18)
        self.model_combo.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.model_combo.setToolTip(self.tr("The base model: a name from the library or a folder"))
        self.model_combo.currentTextChanged.connect(self._schedule_check)
        self.lora = QtWidgets.QCheckBox(self.tr("LoRA (train a small adapter)"))
        # 0 / "auto": chosen from the data and the model when the run starts (core/finetune/plan.py).
        self.lora_r = QtWidgets.QSpinBox(minimum=0, maximum=256, value=0, prefix=self.tr("rank "),
                                         specialValueText=self.tr("rank auto"))
        self.lora_alpha = QtWidgets.QSpinBox(minimum=0, maximum=512, value=0, prefix="alpha ",
                                             specialValueText=self.tr("alpha auto"))
        self.lora_dropout = QtWidgets.QDoubleSpinBox(minimum=0, maximum=0.9, value=0.05, singleStep=0.05,
                                                     prefix=self.tr("dropout "))
        self.lora_targets = QtWidgets.QLineEdit(placeholderText=self.tr("targets: every linear layer (all-linear)"))
        self.merge_lora = QtWidgets.QCheckBox(self.tr("merge into a full model for the library"))
        self.merge_lora.setChecked(True)
        self.lora.toggled.connect(self._lora_toggled)

        self.epochs = QtWidgets.QDoubleSpinBox(minimum=0, maximum=100, value=0, singleStep=1, decimals=1,
                                               specialValueText=self.tr("auto"))
        self.epochs.setToolTip(self.tr("auto: 3, or more for a small file, so that the run has enough steps"))
        self.lr = QtWidgets.QLineEdit(placeholderText=self.tr("auto"))
        self.lr.setValidator(QtGui.QDoubleValidator(1e-8, 1.0, 10))
        self.batch = QtWidgets.QSpinBox(minimum=1, maximum=512, value=8)
        self.accum = QtWidgets.QSpinBox(minimum=1, maximum=256, value=1)
        self.max_length = QtWidgets.QSpinBox(minimum=8, maximum=32768, value=128, singleStep=16)
        self.max_length.valueChanged.connect(self._schedule_check)
        self.warmup = QtWidgets.QDoubleSpinBox(minimum=-0.05, maximum=10000, value=-0.05, singleStep=0.05,
                                               specialValueText=self.tr("auto"))
        self.warmup.setToolTip(self.tr("Below 1: a share of the steps; from 1: a number of steps"))
        self.weight_decay = QtWidgets.QDoubleSpinBox(minimum=0, maximum=1, value=0.0, singleStep=0.01)
        self.eval_steps = QtWidgets.QSpinBox(minimum=0, maximum=1_000_000, value=0, specialValueText=self.tr("auto"))
        self.save_steps = QtWidgets.QSpinBox(minimum=0, maximum=1_000_000, value=0, specialValueText=self.tr("auto"))
        self.seed = QtWidgets.QSpinBox(minimum=0, maximum=2**31 - 1, value=42)
        self.deterministic = QtWidgets.QCheckBox(self.tr("full"))
        self.deterministic.setToolTip(self.tr("Deterministic kernels: a GPU run repeats exactly with the same seed "
                                              "(slower). On the CPU runs repeat exactly anyway."))
        self.early = QtWidgets.QSpinBox(minimum=0, maximum=100, value=0, specialValueText=self.tr("off"))
        self.early.setToolTip(self.tr("Stop when the validation loss has not improved for this many evaluations"))
        self.name = QtWidgets.QLineEdit(placeholderText=self.tr("automatic"))
        self.name.setToolTip(self.tr("The fine-tuned model's name in the library"))
        for w in (self.epochs, self.lr, self.batch, self.accum, self.max_length, self.warmup, self.weight_decay,
                  self.eval_steps, self.save_steps, self.seed, self.early, self.name):
            w.setMaximumWidth(110)

        form = QtWidgets.QGridLayout()
        fields = [(self.tr("Epochs"), self.epochs), (self.tr("Learning rate"), self.lr),
                  (self.tr("Batch size"), self.batch), (self.tr("Grad. accumulation"), self.accum),
                  (self.tr("Max length"), self.max_length), (self.tr("Warm-up"), self.warmup),
                  (self.tr("Weight decay"), self.weight_decay), (self.tr("Eval every"), self.eval_steps),
                  (self.tr("Checkpoint every"), self.save_steps), (self.tr("Seed"), self.seed),
                  (self.tr("Early stopping"), self.early), (self.tr("Save as"), self.name),
                  (self.tr("Determinism"), self.deterministic)]
        # Two columns of label/field pairs after the model row, which spans the width.
        form.addWidget(QtWidgets.QLabel(self.tr("Model")), 0, 0)
        form.addWidget(self.model_combo, 0, 1, 1, 3)
        for i, (label, widget) in enumerate(fields):
            row, col = 1 + i // 2, (i % 2) * 2
            form.addWidget(QtWidgets.QLabel(label), row, col)
            form.addWidget(widget, row, col + 1)
        lora_box = QtWidgets.QGroupBox(self.tr("Method"))
        lora_grid = QtWidgets.QGridLayout(lora_box)
        lora_grid.addWidget(self.lora, 0, 0, 1, 3)
        for col, w in enumerate((self.lora_r, self.lora_alpha, self.lora_dropout)):
            lora_grid.addWidget(w, 1, col)
        lora_grid.addWidget(self.lora_targets, 2, 0, 1, 3)
        lora_grid.addWidget(self.merge_lora, 3, 0, 1, 3)

        self.estimate_button = QtWidgets.QPushButton(self.tr("Estimate"))
        self.estimate_button.setToolTip(self.tr("Run a few real steps: time per step, memory, total time"))
        self.estimate_button.clicked.connect(self.start_preflight)
        self.start_button = QtWidgets.QPushButton(self.tr("Start training"))
        self.start_button.setShortcut(QtGui.QKeySequence("Ctrl+Return"))
        self.start_button.setToolTip(self.tr("Start (Ctrl+Enter). Every row is checked first."))
        self.start_button.clicked.connect(self.start_training)
        self.cancel_button = QtWidgets.QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop after the current step, keeping a checkpoint to resume from"))
        self.cancel_button.clicked.connect(self.cancel)
        self.log_button = QtWidgets.QPushButton(self.tr("Log"))
        self.log_button.setToolTip(self.tr("What the training process wrote"))
        self.log_button.clicked.connect(self.show_log)
        self.estimate_label = QtWidgets.QLabel(self.tr("Estimate: run a few real steps to see the time and memory."))
        self.estimate_label.setWordWrap(True)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setFormat("")
        self.progress.setTextVisible(True)
        self.status = QtWidgets.QLabel(self.tr("Open a data file, then start."))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.try_button = QtWidgets.QPushButton(self.tr("Try it"))
        self.try_button.clicked.connect(lambda: self.try_model(self.last_result))
        self.charts = Charts()

        buttons = QtWidgets.QHBoxLayout()
        for b in (self.estimate_button, self.start_button, self.cancel_button, self.try_button, self.log_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        left = QtWidgets.QWidget()
        left_layout = QtWidgets.QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(form)
        left_layout.addWidget(lora_box)
        left_layout.addWidget(self.estimate_label)
        left_layout.addStretch(1)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setWidget(left)
        scroll.setMinimumWidth(left.sizeHint().width() + scroll.verticalScrollBar().sizeHint().width())
        self.charts.setMinimumWidth(200)
        self.before_after = BeforeAfterView()
        self.before_after.hide()  # shown when a run reports base vs fine-tuned
        right = QtWidgets.QSplitter(Qt.Vertical)
        right.addWidget(self.charts)
        right.addWidget(self.before_after)
        splitter = QtWidgets.QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QtWidgets.QVBoxLayout(page)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self._lora_toggled(False)
        self._update_buttons()
        return page

    def _build_runs_page(self) -> QtWidgets.QWidget:
        page = QtWidgets.QWidget()
        self.runs_table = QtWidgets.QTableWidget(0, len(RUN_COLUMNS))
        self.runs_table.setHorizontalHeaderLabels([_tr(c) for c in RUN_COLUMNS])
        self.runs_table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectRows)
        self.runs_table.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        self.runs_table.verticalHeader().hide()
        self.runs_table.horizontalHeader().setStretchLastSection(True)
        self.runs_table.itemSelectionChanged.connect(self._run_selected)
        self.run_summaries: list[runs.RunSummary] = []

        self.refresh_button = QtWidgets.QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh_runs)
        self.resume_button = QtWidgets.QPushButton(self.tr("Resume"))
        self.resume_button.setToolTip(self.tr("Continue an interrupted or cancelled run from its last checkpoint"))
        self.resume_button.clicked.connect(lambda: self.resume_selected())
        self.add_epochs = QtWidgets.QDoubleSpinBox(minimum=0.5, maximum=100, value=1, decimals=1, prefix="+ ",
                                                 suffix=self.tr(" epochs"))
        self.add_button = QtWidgets.QPushButton(self.tr("Add epochs"))
        self.add_button.setToolTip(self.tr("Train a finished run further"))
        self.add_button.clicked.connect(lambda: self.resume_selected(add_epochs=self.add_epochs.value()))
        self.compare_runs_button = QtWidgets.QPushButton(self.tr("Compare curves"))
        self.compare_runs_button.setToolTip(self.tr("Select two runs: the second is drawn dashed over the first"))
        self.compare_runs_button.clicked.connect(self.compare_runs)
        self.try_run_button = QtWidgets.QPushButton(self.tr("Try it"))
        self.try_run_button.clicked.connect(self._try_selected)
        self.export_run_button = QtWidgets.QPushButton(self.tr("Export…"))
        self.export_run_button.setToolTip(self.tr("Write the fine-tuned model as a GGUF file (a LoRA run merged "
                                                  "into its base)"))
        self.export_run_button.clicked.connect(self._export_selected)
        self.compare_base_button = QtWidgets.QPushButton(self.tr("Compare with base"))
        self.compare_base_button.setToolTip(self.tr("A few held-out rows through the base and the fine-tuned model"))
        self.compare_base_button.clicked.connect(self.compare_selected_with_base)
        self.run_log_button = QtWidgets.QPushButton(self.tr("Log"))
        self.run_log_button.clicked.connect(lambda: self.show_log(self._selected_run()))
        self.run_detail = QtWidgets.QLabel()
        self.run_detail.setWordWrap(True)
        self.run_detail.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.comparison = BeforeAfterView()
        self.run_again_button = QtWidgets.QPushButton(self.tr("Run again"))
        self.run_again_button.setToolTip(self.tr("A new run with exactly this run's settings and seed"))
        self.run_again_button.clicked.connect(self.run_selected_again)

        buttons = QtWidgets.QHBoxLayout()
        for w in (self.refresh_button, self.resume_button, self.add_button, self.add_epochs, self.run_log_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        after = QtWidgets.QHBoxLayout()
        for w in (self.try_run_button, self.export_run_button, self.compare_base_button, self.compare_runs_button,
                  self.run_again_button):
            after.addWidget(w)
        after.addStretch(1)
        splitter = QtWidgets.QSplitter(Qt.Vertical)
        splitter.addWidget(self.runs_table)
        splitter.addWidget(self.comparison)
        layout = QtWidgets.QVBoxLayout(page)
        layout.addLayout(buttons)
        layout.addLayout(after)
        layout.addWidget(self.run_detail)
        layout.addWidget(splitter, 1)
        self.runs_table.itemSelectionChanged.connect(self._update_run_buttons)
        self._update_run_buttons()
        return page

    # ---- data ---------------------------------------------------------------------------------
    @property
    def current_task(self) -> str:
        return self.task.currentData()

    def _task_changed(self, *_):
        while self.mapping_form.count():
            item = self.mapping_form.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.role_combos = {}
        for role, required in ROLES[self.current_task]:
            combo = QtWidgets.QComboBox()
            combo.setMinimumContentsLength(10)
            combo.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
            label = QtWidgets.QLabel((self.tr("{role}:") if required else self.tr("{role} (optional):")).format(
                role=translate("core", ROLE_LABELS[role])))
            self.mapping_form.addWidget(label)
            self.mapping_form.addWidget(combo, 1)
            self.role_combos[role] = combo
            combo.currentIndexChanged.connect(self._schedule_check)
        if self.current_task == "causal-lm":
            hint = QtWidgets.QLabel(self.tr("a text column, or a prompt and a response"))
            hint.setStyleSheet("color: palette(mid);")
            self.mapping_form.addWidget(hint)
        self._fill_mapping(self._guesses.get(self.current_task, {}) if self.table else {})

    def _fill_mapping(self, guess: dict[str, str]) -> None:
        columns = self.table.columns if self.table else []
        for role, combo in self.role_combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_tr(NONE))
            combo.addItems(columns)
            combo.setCurrentText(guess.get(role, _tr(NONE)))
            combo.blockSignals(False)
        self.split_column.blockSignals(True)
        self.split_column.clear()
        self.split_column.addItems(columns)
        for name in columns:
            if name.lower() in ("split", "set", "subset", "fold"):
                self.split_column.setCurrentText(name)
        self.split_column.blockSignals(False)
        self._schedule_check()

    def _split_changed(self, *_):
        mode = self.split.currentData()
        self.eval_share.setVisible(mode == "random")
        self.split_seed.setVisible(mode == "random")
        self.split_column.setVisible(mode == "column")
        self.validation_button.setVisible(mode == "file")
        self._schedule_check()

    def _open_file(self):
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, self.tr("Open training data"), "",
                                                        self.tr("Tables (*.csv *.tsv *.txt *.jsonl);;All files (*)"))
        if path:
            self.open_data(Path(path))

    def _open_validation_file(self):
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, self.tr("Open validation data"), "",
                                                        self.tr("Tables (*.csv *.tsv *.txt *.jsonl);;All files (*)"))
        if path:
            self.validation_path = path
            self.validation_button.setText(Path(path).name)
            self._schedule_check()

    def open_data(self, path: Path, task: str | None = None) -> None:
        """Read ``path`` on a worker, show it, guess the columns and check every row."""
        if task:
            self.task.blockSignals(True)
            self.task.setCurrentIndex(TASKS.index(task))
            self.task.blockSignals(False)
            self._task_changed()
        self.banner.hide()
        self.file_label.setText(self.tr("Reading {name}…").format(name=path.name))
        self.ctx.pool.submit(read_and_guess, path, name="finetune-read", on_success=self._table_read,
                             on_error=self._table_failed)

    def _table_read(self, result: tuple[Table, dict[str, dict[str, str]]]) -> None:
        table, self._guesses = result
        self.table = table
        self.preview_model.set_table(table)
        self.preview.resizeColumnsToContents()
        for col in range(self.preview_model.columnCount()):
            self.preview.setColumnWidth(col, min(self.preview.columnWidth(col), 420))
        shown = min(PREVIEW_ROWS, len(table))
        self.file_label.setText(self.tr("<b>{name}</b>: {rows} rows, {columns} columns").format(
            name=table.path.name, rows=len(table), columns=len(table.columns))
            + (self.tr(" (showing the first {n})").format(n=shown) if shown < len(table) else ""))
        self.notes.setText(" ".join(table.notes))
        self._fill_mapping(self._guesses.get(self.current_task, {}))

    def _table_failed(self, info: ErrorInfo) -> None:
        self.table = None
        self.report = None
        self.preview_model.set_table(None)
        self.problems.clear()
        self.file_label.setText(self.tr("This file cannot be used; see the message above."))
        self.summary.setText("")
        self.banner.show_error(info)
        self._update_buttons()

    def data_spec(self) -> DataSpec | None:
        if self.table is None:
            return None
        mode = self.split.currentData()
        columns = {role: combo.currentText() for role, combo in self.role_combos.items()
                   if combo.currentText() and combo.currentText() != _tr(NONE)}
        return DataSpec(data=str(self.table.path), task=self.current_task, columns=columns,
                        validation_data=self.validation_path if mode == "file" else "",
                        eval_split=self.eval_share.value() / 100 if mode == "random" else 0.0,
                        split_column=self.split_column.currentText() if mode == "column" else "",
                        seed=self.split_seed.value(), max_length=self.max_length.value())

    def _schedule_check(self, *_):
        spec = self.data_spec() if hasattr(self, "max_length") else None
        if spec is None:
            return
        if spec.split_column == "" and self.split.currentData() == "column":
            spec.split_column = "(choose a column)"
        self.summary.setText(self.tr("Checking every row…"))
        self._checks.submit(check_data, spec, self.model_combo.currentText().strip(), self.ctx.library,
                            name="finetune-check", on_success=self._checked, on_error=self.banner.show_error)

    def _checked(self, result) -> None:
        table, report, targets = result
        self.report = report
        self.lora_targets.setPlaceholderText(
            self.tr("targets: {names} (the default for this model)").format(names=", ".join(targets))
            if targets else self.tr("targets: defaults for the architecture"))
        self.preview_model.set_problems(report.problems)
        self.problems.clear()
        style = self.style()
        for p in report.problems:
            item = QtWidgets.QListWidgetItem(p.message)
            item.setIcon(style.standardIcon(QtWidgets.QStyle.SP_MessageBoxCritical if p.severity == "error"
                                            else QtWidgets.QStyle.SP_MessageBoxWarning))
            item.setData(Qt.UserRole, p.row)
            self.problems.addItem(item)
        errors = len(report.errors)
        warnings = len(report.problems) - errors
        warned = (self.tr(", {n} warning") if warnings == 1 else self.tr(", {n} warnings")).format(n=warnings) \
            if warnings else ""
        if errors:
            text = ("<b style='color:#c0392b'>" + (self.tr("{n} error block training") if errors == 1
                                                   else self.tr("{n} errors block training")).format(n=errors) + "</b>"
                    + warned + self.tr("."))
        else:
            text = (self.tr("<b>Ready</b>: {train} training rows, {eval} validation rows").format(
                train=len(report.train), eval=len(report.eval)) + (warned or self.tr(", no problems")) + self.tr("."))
            if report.class_counts:
                text += self.tr(" Classes: {counts}.").format(
                    counts=", ".join(f"{k} {v}" for k, v in report.class_counts.items()))
        self.summary.setText(text)
        if not self.busy and self.child is None:
            self.status.setText(self.tr("Ready to start.") if report.ok
                                else self.tr("Fix the errors on the Data page to start."))
        self._update_buttons()

    def _problem_clicked(self, item: QtWidgets.QListWidgetItem) -> None:
        number = item.data(Qt.UserRole)
        if number is None:
            return
        row = self.preview_model.row_of_number(int(number))
        if row is not None:
            self.preview.selectRow(row)
            self.preview.scrollTo(self.preview_model.index(row, 0), QtWidgets.QAbstractItemView.PositionAtCenter)

    # ---- training ---------------------------------------------------------------------------
    def _fill_models(self, entries) -> None:
        current = self.model_combo.currentText() or self.ctx.current_model
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        self.model_combo.addItems([e.name for e in entries])
        self.model_combo.setCurrentText(current or "all-minilm-l6-v2")
        self.model_combo.blockSignals(False)

    def _model_changed(self, ref: str) -> None:
        if not self.busy:
            self.model_combo.setCurrentText(ref)

    def _lora_toggled(self, on: bool) -> None:
        for w in (self.lora_r, self.lora_alpha, self.lora_dropout, self.lora_targets, self.merge_lora):
            w.setEnabled(on)

    @property
    def busy(self) -> bool:
        return bool((self.child and self.child.running) or (self.preflight_child and self.preflight_child.running))

    def _update_buttons(self) -> None:
        ready = self.report is not None and self.report.ok and self.table is not None
        self.start_button.setEnabled(ready and not self.busy)
        self.estimate_button.setEnabled(ready and not self.busy)
        self.cancel_button.setEnabled(self.busy)
        self.try_button.setEnabled(self.last_result.get("status") == "finished" and not self.busy)
        self.log_button.setEnabled(self.run_dir is not None)
        if hasattr(self, "resume_button"):
            self._update_run_buttons()

    def training_args(self) -> list[str]:
        spec = self.data_spec()
        args = ["finetune", "-m", self.model_combo.currentText().strip(), "--data", spec.data, "--task", spec.task,
                *auto_args(("--epochs", self.epochs.value(), 0), ("--lr", self.lr.text().strip(), ""),
                           ("--warmup", self.warmup.value(), self.warmup.minimum())),
                "--batch-size", str(self.batch.value()), "--grad-accum", str(self.accum.value()),
                "--max-length", str(self.max_length.value()),
                "--weight-decay", str(self.weight_decay.value()), "--eval-steps", str(self.eval_steps.value()),
                "--save-steps", str(self.save_steps.value()), "--seed", str(self.seed.value()),
                "--early-stopping", str(self.early.value()), "--eval-split", str(spec.eval_split)]
        for role, column in spec.columns.items():
            args += [f"--{role.replace('_', '-')}-column", column]
        if spec.validation_data:
            args += ["--validation-data", spec.validation_data]
        if spec.split_column:
            args += ["--split-column", spec.split_column]
        if self.lora.isChecked():
            args += ["--lora", *auto_args(("--lora-r", self.lora_r.value(), 0), ("--lora-alpha", self.lora_alpha.value(), 0)),
                     "--lora-dropout", str(self.lora_dropout.value())]
            if self.lora_targets.text().strip():
                args += ["--lora-targets", self.lora_targets.text().strip()]
            if not self.merge_lora.isChecked():
                args.append("--no-merge-lora")
        if self.name.text().strip():
            args += ["--name", self.name.text().strip()]
        if self.deterministic.isChecked():
            args.append("--deterministic")
        return args

    def start_preflight(self) -> None:
        if self.busy or self.data_spec() is None:
            return
        self.banner.hide()
        self.estimate_label.setText(self.tr("Estimating: running a few real training steps…"))
        self._estimated = False
        log = paths.log_dir() / "finetune-preflight.log"
        self.preflight_child = ChildRun(self.training_args() + ["--preflight", "--events", "-"], log, self)
        self.preflight_child.event.connect(self._preflight_event)
        self.preflight_child.ended.connect(self._preflight_ended)
        self.preflight_child.start()
        self._update_buttons()

    def _preflight_event(self, event: dict) -> None:
        if event.get("type") == "preflight":
            self.estimate_label.setText(self.tr(
                "<b>About {time}</b> for {steps} steps ({per_step:.2f} s per step on {device}). Peak memory "
                "{peak} of {available}: <b>{verdict}</b>.").format(
                time=human_seconds(event["estimated_seconds"]), steps=event["total_steps"],
                per_step=event["seconds_per_step"], device=event["device"], peak=human_bytes(event["peak_bytes"]),
                available=human_bytes(event["available_bytes"]), verdict=_tr(VERDICTS.get(event["verdict"],
                                                                                         event["verdict"]))))
            if event.get("plan"):
                self.estimate_label.setText(self.estimate_label.text() + "<br>" +
                                            plan_html(event["plan"], event.get("warnings")))
            self._estimated = True
        elif event.get("type") == "error":
            self.banner.show_error(ErrorInfo(event["message"], event.get("hint", "")))

    def _preflight_ended(self, code: int, stderr: str) -> None:
        if code != 0 and not self._estimated:
            self.estimate_label.setText(self.tr("The estimate failed; see the message above."))
            if not self.banner.message:
                self.banner.show_error(ErrorInfo(self.tr("The estimate could not run."), last_error_line(stderr),
                                                 stderr))
        self._update_buttons()

    def start_training(self) -> None:
        if self.busy or self.data_spec() is None:
            return
        if self.report is None or not self.report.ok:
            self.banner.show_error(self.tr("The data has problems that block training."),
                                   self.tr("Fix the rows listed under Checks on the Data page."))
            return
        spec = self.data_spec()
        run_dir = runs.new_run_dir(self.name.text().strip() or
                                   f"{Path(self.model_combo.currentText().strip()).name}-{spec.task}")
        self._launch(self.training_args() + ["--out", str(run_dir)], run_dir, spec.task)

    def resume_selected(self, add_epochs: float = 0.0) -> None:
        summary = self._selected_run()
        if summary is None or self.busy:
            return
        args = ["finetune", "--out", summary.run_dir, "--resume"]
        if add_epochs:
            args += ["--add-epochs", str(add_epochs)]
        self._launch(args, Path(summary.run_dir), summary.task)
        self.charts.set_curves(runs.curves(summary.run_dir))

    def _launch(self, args: list[str], run_dir: Path, task: str) -> None:
        self.banner.hide()
        self.run_dir = run_dir
        self._run_task = task
        self.last_result = {}
        self.charts.clear()
        self.before_after.hide()
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Starting…"))
        self.status.setText(self.tr("Starting the training process (run folder {path}).").format(path=run_dir))
        self._started = time.monotonic()
        self.child = ChildRun(args + ["--events", "-"], run_dir / "child.log", self)
        self.child.event.connect(self._on_event)
        self.child.ended.connect(self._child_ended)
        self.child.start()
        self.pages.setCurrentIndex(1)
        self._update_buttons()

    def _on_event(self, event: dict) -> None:
        kind = event.get("type")
        if kind == "status":
            self.status.setText(event["message"] + "…")
        elif kind == "start":
            self.charts.set_max_step(int(event["max_steps"]))
            self.progress.setRange(0, max(1, int(event["max_steps"])))
            self.progress.setValue(int(event["step"]))
        elif kind == "progress":
            self.progress.setRange(0, max(1, int(event["max_steps"])))
            self.progress.setValue(int(event["step"]))
            self.progress.setFormat(self.tr("step {step} of {steps} – about {time} left").format(
                step=event["step"], steps=event["max_steps"], time=human_seconds(event.get("eta_s"))))
        elif kind == "train":
            self.charts.add("loss", event["step"], event.get("loss"))
            self.charts.add("learning_rate", event["step"], event.get("learning_rate"))
        elif kind == "eval":
            self.charts.add("eval_loss", event["step"], event.get("eval_loss"))
            self.charts.add("metric", event["step"], event.get("metric_value"))
            self.charts.set_metric_name(event.get("metric_name") or QtCore.QCoreApplication.translate("FinetuneTab", "Metric"))
        elif kind == "checkpoint":
            self.status.setText(self.tr("Checkpoint saved at step {step}.").format(step=event["step"]))
        elif kind == "plan":
            self.estimate_label.setText(plan_html(event))
        elif kind == "comparison":
            self.before_after.show_comparison(event)
            self.before_after.show()
        elif kind == "done":
            self.last_result = event
        elif kind == "error":
            self.last_result = event

    def _child_ended(self, code: int, stderr: str) -> None:
        result = self.last_result
        elapsed = human_seconds(time.monotonic() - self._started)
        status = show_run_end(self.progress, result)
        if status == "finished":
            name = Path(result.get("model_path", "")).name
            self.status.setText(self.tr("Finished in {time}: {metrics}. The model is in the library as {name}.").format(
                time=elapsed, metrics=format_metrics(result.get("metrics", {})), name=name)
                + " " + verdict_text(result) + (" " + result["determinism"] if result.get("determinism") else ""))
            self.ctx.refresh_library()
        elif status == "cancelled":
            self.status.setText(result.get("message", self.tr("Cancelled.")) + self.tr(" (Runs page → Resume)"))
        else:
            info = run_failure(result, code, stderr, self.tr("The training process stopped unexpectedly (exit code "
                                                              "{code})."),
                               self.tr("Its log (Log button) says what it was doing. Resume from the last checkpoint "
                                       "on the Runs page."))
            self.status.setText(info.message)
            self.banner.show_error(info)
        self.refresh_runs()
        self._update_buttons()
        self.run_ended.emit(status)

    def cancel(self) -> None:
        for child in (self.child, self.preflight_child):
            if child and child.running:
                child.cancel()
        self.status.setText(self.tr("Cancelling: stopping after this step and saving a checkpoint…"))

    def show_log(self, summary: runs.RunSummary | None = None) -> None:
        run_dir = Path(summary.run_dir) if isinstance(summary, runs.RunSummary) else self.run_dir
        if run_dir is None:
            return
        parts = []
        for name in ("child.log", runs.EVENTS_FILE):
            try:
                parts.append(f"==== {name} ====\n" + (run_dir / name).read_text(encoding="utf-8")[-20000:])
            except OSError:
                continue
        dialog = QtWidgets.QDialog(self)
        dialog.setWindowTitle(self.tr("Log of {name}").format(name=run_dir.name))
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        text = QtWidgets.QPlainTextEdit("\n".join(parts) or self.tr("Nothing has been logged yet."))
        text.setReadOnly(True)
        text.setLineWrapMode(QtWidgets.QPlainTextEdit.NoWrap)
        QtWidgets.QVBoxLayout(dialog).addWidget(text)
        dialog.resize(800, 500)
        dialog.show()
        self.log_dialog, self.log_view = dialog, text

    # ---- runs ---------------------------------------------------------------------------------
    def refresh_runs(self) -> None:
        selected = self._selected_run()
        self.run_summaries = runs.list_runs()
        self.runs_table.setRowCount(len(self.run_summaries))
        for row, r in enumerate(self.run_summaries):
            values = (r.name, _tr(RUN_STATUSES.get(r.status, r.status)), r.task, Path(r.base_model).name if "/" in r.base_model and
                      Path(r.base_model).exists() else r.base_model, format_metrics(r.metrics),
                      human_seconds(r.duration_s) if r.duration_s else "",
                      time.strftime("%Y-%m-%d %H:%M", time.localtime(r.started)) if r.started else "")
            for col, value in enumerate(values):
                item = QtWidgets.QTableWidgetItem(value)
                if col == 1 and r.status in ("failed", "interrupted"):
                    item.setForeground(QtGui.QColor("#c0392b"))
                if col == 1 and r.message:
                    item.setToolTip(r.message)
                self.runs_table.setItem(row, col, item)
            if selected and r.run_dir == selected.run_dir:
                self.runs_table.selectRow(row)
        self.runs_table.resizeColumnsToContents()
        if not self.run_summaries:
            self.run_detail.setText(self.tr("No runs yet. Every training run appears here, with its status, metrics and "
                                    "duration; a cancelled or interrupted run can be resumed."))
        self._update_run_buttons()

    def _selected_runs(self) -> list[runs.RunSummary]:
        rows = sorted({i.row() for i in self.runs_table.selectionModel().selectedRows()})
        return [self.run_summaries[r] for r in rows if r < len(self.run_summaries)]

    def _selected_run(self) -> runs.RunSummary | None:
        selected = self._selected_runs()
        return selected[0] if selected else None

    def select_run(self, run_dir: str) -> None:
        for row, r in enumerate(self.run_summaries):
            if r.run_dir == str(run_dir):
                self.runs_table.selectRow(row)

    def _update_run_buttons(self) -> None:
        selected = self._selected_runs()
        one = selected[0] if len(selected) == 1 else None
        self.resume_button.setEnabled(bool(one and one.status in ("cancelled", "interrupted", "failed"))
                                      and not self.busy)
        self.add_button.setEnabled(bool(one and one.status == "finished") and not self.busy)
        self.try_run_button.setEnabled(bool(one and one.status == "finished" and one.model_path))
        self.export_run_button.setEnabled(bool(one and one.status == "finished" and one.model_path
                                               and one.task == "causal-lm"))
        self.compare_base_button.setEnabled(bool(one and one.status == "finished") and self._compare_job is None)
        self.compare_runs_button.setEnabled(len(selected) in (1, 2))
        self.run_log_button.setEnabled(one is not None)
        self.run_again_button.setEnabled(one is not None and not self.busy)

    def _run_selected(self) -> None:
        r = self._selected_run()
        if r is None:
            self.run_detail.setText("")
            return
        detail = self.tr("<b>{name}</b>: {status}, step {step} of {steps}.").format(
            name=r.name, status=_tr(RUN_STATUSES.get(r.status, r.status)), step=r.step, steps=r.max_steps)
        detail += f" {r.message}"
        if r.model_path:
            detail += "<br>" + self.tr("Model: {path}").format(path=r.model_path)
        matrix = r.metrics.get("confusion_matrix")
        if matrix and r.metrics.get("labels"):
            labels = r.metrics["labels"]
            detail += "<br>" + self.tr("Confusion matrix (rows: true label): ") + "; ".join(
                f"{labels[i]} → " + ", ".join(f"{labels[j]} {n}" for j, n in enumerate(row) if n)
                for i, row in enumerate(matrix))
        if r.comparison:
            detail += "<br>" + verdict_text(r.comparison)
        if r.record:
            detail += "<br>" + record_html(r.record)
        self.run_detail.setText(detail)
        if r.comparison.get("rows"):
            self.comparison.show_comparison(r.comparison)
        else:
            self.comparison.clear()

    def compare_runs(self) -> None:
        selected = self._selected_runs()
        if not selected:
            return
        self.charts.set_curves(runs.curves(selected[0].run_dir))
        self.charts.set_compare(runs.curves(selected[1].run_dir) if len(selected) > 1 else {})
        self.status.setText(self.tr("Charts: {name}").format(name=selected[0].name) + (
            self.tr(" (solid) and {name} (dashed)").format(name=selected[1].name) if len(selected) > 1 else ""))
        self.pages.setCurrentIndex(1)

    def _try_selected(self) -> None:
        r = self._selected_run()
        if r:
            self.try_model({"status": r.status, "model_path": r.model_path, "task": r.task})

    def _export_selected(self) -> None:
        from workbench.ui.export_dialog import ExportDialog

        r = self._selected_run()
        if r and r.model_path:
            self.export_dialog = ExportDialog(self.ctx, r.model_path, self)
            self.export_dialog.show()

    def try_model(self, result: dict) -> None:
        if result.get("status") != "finished" or not result.get("model_path"):
            return
        task = result.get("task") or self._run_task
        name = Path(result["model_path"]).name
        self.ctx.set_model(name)
        self.ctx.open_in_tab.emit(TRY_TAB.get(task, "Generate"), name)

    def compare_selected_with_base(self) -> None:
        r = self._selected_run()
        if r is None or self._compare_job is not None:
            return
        self.comparison.clear()
        self.run_detail.setText(self.tr("Comparing {name} with its base model on held-out rows…").format(name=r.name))
        self._compare_job = self.ctx.pool.submit(compare_with_base, self.ctx.service, r.run_dir,
                                                 name="finetune-compare", on_success=self._show_comparison,
                                                 on_error=self.banner.show_error,
                                                 on_finished=self._compare_done)
        self._update_run_buttons()

    def _compare_done(self) -> None:
        self._compare_job = None
        self._update_run_buttons()

    def _show_comparison(self, rows: list[ComparedRow]) -> None:
        r = self._selected_run()
        self.comparison.show_rows(rows, r.comparison if r else {})
        changed = sum(row.changed for row in rows)
        self.run_detail.setText(self.tr("{n} held-out rows: the fine-tuned model answers differently on "
                                        "{changed} (in bold).").format(n=len(rows), changed=changed))

    def run_selected_again(self) -> None:
        """A new run with the selected run's recorded settings and seed (``workbench finetune --repeat``)."""
        r = self._selected_run()
        if r is None or self.busy:
            return
        run_dir = runs.new_run_dir(r.name)
        self._launch(["finetune", "--repeat", r.run_dir, "--out", str(run_dir)], run_dir, r.task)

    # ---- contract -----------------------------------------------------------------------------
    def smoke(self, model: str, done: SmokeDone) -> None:
        """Check the example file's rows with ``model``'s tokenizer (a real validation job)."""
        spec = DataSpec(data=str(EXAMPLE), task="classification", columns={"text": "text", "label": "label"})

        def checked(result):
            _, report, _ = result
            done(report.ok and report.rows > 0, f"{report.rows} example rows checked, "
                                                f"{len(report.problems)} problems")

        self.ctx.pool.submit(check_data, spec, model, self.ctx.library, name="smoke-finetune", on_success=checked,
                             on_error=lambda info: done(False, info.message))

    def shutdown(self) -> None:
        """Cancel the run (it keeps a checkpoint), give it a moment to save, then make sure it is gone."""
        self.charts.stop()
        if self._scratch is not None:
            self._scratch.shutdown()
        for child in (self.child, self.preflight_child):
            if child and child.running:
                child.cancel()
                if not child.process.waitForFinished(15000):
                    child.kill()
        if self._compare_job is not None:
            self._compare_job.cancel()
