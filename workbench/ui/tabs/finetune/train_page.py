"""The Fine-tune tab's Train page: the base model, the method (full or LoRA), the settings with their
automatic values, Estimate / Start / Cancel, live charts and the before/after comparison."""

from __future__ import annotations

from workbench.core.finetune.validate import DataSpec
from workbench.ui.qt import QtGui, QtWidgets, Qt, Signal
from workbench.ui.tabs.finetune.results import BeforeAfterView, auto_args
from workbench.ui.tabs.finetune.training_run import Charts
from workbench.ui.widgets.build import column, splitter


class TrainPage(QtWidgets.QWidget):
    """Widgets only; the tab's controller starts and follows the runs. ``changed``: the model or the
    maximum length changed (the rows are checked again with that tokenizer)."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._build()

    def _build(self) -> None:
        self.model_combo = QtWidgets.QComboBox()
        self.model_combo.setEditable(True)
        self.model_combo.setMinimumContentsLength(18)
        self.model_combo.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.model_combo.setToolTip(self.tr("The base model: a name from the library or a folder"))
        self.model_combo.currentTextChanged.connect(self.changed)
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
        self.max_length.valueChanged.connect(self.changed)
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
        self.start_button = QtWidgets.QPushButton(self.tr("Start training"))
        self.start_button.setShortcut(QtGui.QKeySequence("Ctrl+Return"))
        self.start_button.setToolTip(self.tr("Start (Ctrl+Enter). Every row is checked first."))
        self.cancel_button = QtWidgets.QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop after the current step, keeping a checkpoint to resume from"))
        self.log_button = QtWidgets.QPushButton(self.tr("Log"))
        self.log_button.setToolTip(self.tr("What the training process wrote"))
        self.estimate_label = QtWidgets.QLabel(self.tr("Estimate: run a few real steps to see the time and memory."))
        self.estimate_label.setWordWrap(True)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setFormat("")
        self.progress.setTextVisible(True)
        self.status = QtWidgets.QLabel(self.tr("Open a data file, then start."))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.try_button = QtWidgets.QPushButton(self.tr("Try it"))
        self.charts = Charts()

        buttons = QtWidgets.QHBoxLayout()
        for b in (self.estimate_button, self.start_button, self.cancel_button, self.try_button, self.log_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        left = column(form, lora_box, self.estimate_label)
        left.layout().addStretch(1)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setWidget(left)
        scroll.setMinimumWidth(left.sizeHint().width() + scroll.verticalScrollBar().sizeHint().width())
        self.charts.setMinimumWidth(200)
        self.before_after = BeforeAfterView()
        self.before_after.hide()  # shown when a run reports base vs fine-tuned
        right = splitter(Qt.Vertical, self.charts, self.before_after, collapsible=True)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(splitter(Qt.Horizontal, scroll, right, stretch=(2, 3), collapsible=True), 1)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self._lora_toggled(False)

    @property
    def model(self) -> str:
        return self.model_combo.currentText().strip()

    def fill_models(self, names: list[str], current: str) -> None:
        current = self.model_combo.currentText() or current
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        self.model_combo.addItems(names)
        self.model_combo.setCurrentText(current or "all-minilm-l6-v2")
        self.model_combo.blockSignals(False)

    def show_lora_targets(self, targets: list[str]) -> None:
        self.lora_targets.setPlaceholderText(
            self.tr("targets: {names} (the default for this model)").format(names=", ".join(targets))
            if targets else self.tr("targets: defaults for the architecture"))

    def _lora_toggled(self, on: bool) -> None:
        for w in (self.lora_r, self.lora_alpha, self.lora_dropout, self.lora_targets, self.merge_lora):
            w.setEnabled(on)

    def training_args(self, spec: DataSpec) -> list[str]:
        """The ``workbench finetune`` arguments for ``spec`` and the settings on screen."""
        args = ["finetune", "-m", self.model, "--data", spec.data, "--task", spec.task,
                *auto_args(("--epochs", self.epochs.value(), 0), ("--lr", self.lr.text().strip(), ""),
                           ("--warmup", self.warmup.value(), self.warmup.minimum())),
                "--batch-size", str(self.batch.value()), "--grad-accum", str(self.accum.value()),
                "--max-length", str(self.max_length.value()),
                "--weight-decay", str(self.weight_decay.value()), "--eval-steps", str(self.eval_steps.value()),
                "--save-steps", str(self.save_steps.value()), "--seed", str(self.seed.value()),
                "--early-stopping", str(self.early.value()), "--eval-split", str(spec.eval_split)]
        for role, name in spec.columns.items():
            args += [f"--{role.replace('_', '-')}-column", name]
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
