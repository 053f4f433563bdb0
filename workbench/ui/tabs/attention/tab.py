"""Attention tab: capture a model's attention on a text, then look at it head by head, as an
overview of every layer and head, as per-head statistics, aggregated, word by word, step by step
through a generation, and against a second input or model."""

from __future__ import annotations

import math
from pathlib import Path

from workbench.core import attention as A
from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, Progress, WorkbenchError, no_progress
from workbench.core.tokens import hover_text
from workbench.core.units import human_bytes
from workbench.ui.attention_plot import AttentionHeatmap, OverviewGrid, picture
from workbench.ui.i18n import translator
from workbench.ui.qt import QtCore, QtGui, QtWidgets, Qt
from workbench.ui.tabs.base import SmokeDone, WorkbenchTab
from workbench.ui.workers import ErrorInfo, LatestRequest
from workbench.ui.widgets import PARTIAL_GREY, show_fraction, sortable_table

STAT_COLUMNS = (QtCore.QT_TRANSLATE_NOOP("AttentionTab", "Layer"), QtCore.QT_TRANSLATE_NOOP("AttentionTab", "Head"),
                QtCore.QT_TRANSLATE_NOOP("AttentionTab", "Entropy (bits)"),
                QtCore.QT_TRANSLATE_NOOP("AttentionTab", "Sink (first token)"),
                QtCore.QT_TRANSLATE_NOOP("AttentionTab", "Previous token"),
                QtCore.QT_TRANSLATE_NOOP("AttentionTab", "Self (diagonal)"))
SYNC_CELLS = 4_000_000  # views touching fewer float16 cells than this are computed on the GUI thread (< 50 ms)
SAME_MODEL = QtCore.QT_TRANSLATE_NOOP("AttentionTab", "(same model)")


_tr = translator("AttentionTab")


class HeadStatsModel(QtCore.QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[A.HeadStats] = []

    def set_rows(self, rows: list[A.HeadStats]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QtCore.QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QtCore.QModelIndex()):  # noqa: N802
        return len(STAT_COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return _tr(STAT_COLUMNS[section])
        if orientation == Qt.Horizontal and role == Qt.ToolTipRole:
            return (self.tr("Layer index"), self.tr("Head index"),
                    self.tr("Mean entropy of a row: low = focused, high = spread out"),
                    self.tr("Mean attention to the first token (an 'attention sink')"),
                    self.tr("Mean attention to the token just before (self-attention only)"),
                    self.tr("Mean attention of a token to itself (self-attention only)"))[section]
        return None

    def values(self, row: int) -> tuple:
        s = self.rows[row]
        return (s.layer, s.head, s.entropy, s.sink, s.previous, s.diagonal)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        value = self.values(index.row())[index.column()]
        if role == Qt.DisplayRole:
            if isinstance(value, int):
                return str(value)
            return "–" if math.isnan(value) else f"{value:.3f}"
        if role == Qt.UserRole:
            return -1.0 if isinstance(value, float) and math.isnan(value) else value
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None


class AttentionTab(WorkbenchTab):
    title = QtCore.QT_TRANSLATE_NOOP("Tabs", "Attention")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.capture: A.AttentionCapture | None = None
        self.capture_b: A.AttentionCapture | None = None
        self.view: A.AttentionView | None = None
        self._job = None
        self._views = LatestRequest(ctx.pool)  # aggregations of long inputs: newest request wins
        self._extras = LatestRequest(ctx.pool)  # thumbnails and head statistics
        self._updating = False
        self._build()
        self._update_enabled()

    # ---- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.text = QtWidgets.QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("Text to look at, e.g. The cat sat on the mat because it was tired."))
        self.text.setPlainText("The cat sat on the mat because it was tired.")
        self.text.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 14)
        self.second_text = QtWidgets.QLineEdit()
        self.second_text.setPlaceholderText(self.tr("Optional: sentence B (encoders) or target (encoder-decoders)"))
        self.second_text.setToolTip(self.tr("Encoders read it as the second text of a pair; encoder-decoders as the "
                                    "decoder text (leave empty to generate it)."))
        self.generate = QtWidgets.QSpinBox()
        self.generate.setRange(0, 256)
        self.generate.setValue(0)
        self.generate.setPrefix(self.tr("generate "))
        self.generate.setSuffix(self.tr(" tokens"))
        self.generate.setToolTip(self.tr("Generate this many tokens first (greedy), then scrub through the steps"))
        self.capture_button = QtWidgets.QPushButton(self.tr("Capture"))
        self.capture_button.setToolTip(self.tr("Run the model once and record every layer's and head's attention (Ctrl+Return)"))
        self.capture_button.setShortcut(QtGui.QKeySequence("Ctrl+Return"))
        self.capture_button.clicked.connect(self.start_capture)
        self.cancel_button = QtWidgets.QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumHeight(16)
        self.progress.hide()

        # compare
        self.compare = QtWidgets.QCheckBox(self.tr("Compare with"))
        self.compare.setToolTip(self.tr("Capture a second input or model too, and show a difference map when the tokens match"))
        self.compare_text = QtWidgets.QLineEdit()
        self.compare_text.setPlaceholderText(self.tr("input B (empty: same text)"))
        self.compare_model = QtWidgets.QComboBox()
        self.compare_model.setMinimumContentsLength(8)
        self.compare_model.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.compare_model.addItem(_tr(SAME_MODEL), "")
        self.compare.toggled.connect(self._update_enabled)
        self.ctx.library_changed.connect(self._fill_models)
        self._fill_models(self.ctx.entries)

        # view controls
        self.part = QtWidgets.QComboBox()
        self.part.setMinimumContentsLength(10)
        self.part.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.part.setToolTip(self.tr("Which attention: self, or for encoder-decoders encoder, decoder and cross-attention"))
        self.aggregate = QtWidgets.QComboBox()
        for key, label in A.AGGREGATES.items():
            self.aggregate.addItem(translate("core", label), key)
        self.aggregate.setMinimumContentsLength(10)
        self.aggregate.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.aggregate.setToolTip(self.tr("One head, or a summary: mean/max over the layer's heads, mean over layers, "
                                  "or attention rollout (Abnar & Zuidema 2020)"))
        self.layer = QtWidgets.QSpinBox()
        self.layer.setPrefix(self.tr("layer "))
        self.head = QtWidgets.QSpinBox()
        self.head.setPrefix(self.tr("head "))
        self.layer.setToolTip(self.tr("Layer (PageUp/PageDown)"))
        self.head.setToolTip(self.tr("Head (Alt+Left/Alt+Right)"))
        self.policy = QtWidgets.QComboBox()
        for key, label in A.POLICIES.items():
            self.policy.addItem(translate("core", label), key)
        self.policy.setMinimumContentsLength(10)
        self.policy.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.policy.setToolTip(self.tr("Special tokens ([CLS], <s>, …) often soak up attention. Keep them, or drop them "
                               "and renormalise each row to sum to one (the labels on the plot say which)."))
        self.words = QtWidgets.QCheckBox(self.tr("Words"))
        self.words.setToolTip(self.tr("Merge subword pieces into words: sum over a word's key pieces, "
                              "mean over its query pieces"))
        self.show_which = QtWidgets.QComboBox()
        self.show_which.addItem("A", "a")
        self.show_which.addItem("B", "b")
        self.show_which.addItem("B − A", "diff")
        self.show_which.setToolTip(self.tr("With Compare: show input A, input B, or their difference"))
        self.step = QtWidgets.QSlider(Qt.Horizontal)
        self.step.setToolTip(self.tr("Generation step: the matrix grows a row per generated token"))
        self.step_label = QtWidgets.QLabel()
        from workbench.ui.glossary import attach_term

        for widget, term in ((self.part, "cross-attention"), (self.aggregate, "attention head"),
                             (self.policy, "special token"), (self.words, "subword"), (self.capture_button, "self-attention")):
            attach_term(widget, term)
        for widget in (self.part, self.aggregate, self.policy, self.show_which):
            widget.currentIndexChanged.connect(self.redraw)
        for widget in (self.layer, self.head, self.step):
            widget.valueChanged.connect(self.redraw)
        self.words.toggled.connect(self.redraw)
        self.part.currentIndexChanged.connect(self._part_changed)
        QtGui.QShortcut(QtGui.QKeySequence("PgDown"), self, lambda: self.layer.stepBy(1))
        QtGui.QShortcut(QtGui.QKeySequence("PgUp"), self, lambda: self.layer.stepBy(-1))
        QtGui.QShortcut(QtGui.QKeySequence("Alt+Right"), self, lambda: self.head.stepBy(1))
        QtGui.QShortcut(QtGui.QKeySequence("Alt+Left"), self, lambda: self.head.stepBy(-1))

        # views
        self.heatmap = AttentionHeatmap()
        self.heatmap.setMinimumSize(320, 260)
        self.heatmap.hovered.connect(self._hovered)
        self.overview = OverviewGrid()
        self.overview.chosen.connect(self.open_head)
        overview_scroll = QtWidgets.QScrollArea()
        overview_scroll.setWidget(self.overview)
        overview_scroll.setWidgetResizable(False)
        self.stats_model = HeadStatsModel(self)
        self.stats_table, self.stats_proxy = sortable_table(self.stats_model, self)
        self.stats_table.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeToContents)
        self.stats_table.clicked.connect(self._stats_clicked)
        self.step_view = QtWidgets.QTextBrowser()
        self.step_view.setPlaceholderText(self.tr("Generate tokens (the 'generate' box) to see each step's choice."))
        self.side = QtWidgets.QTabWidget()
        self.side.setMinimumWidth(200)
        self.side.addTab(overview_scroll, self.tr("Overview"))
        self.side.addTab(self.stats_table, self.tr("Heads"))
        self.side.addTab(self.step_view, self.tr("Steps"))
        from workbench.ui.widgets.token_inspector import TokenInspector

        self.inspector = TokenInspector(self.ctx)
        self.inspector.open_button.hide()  # already here
        self.side.addTab(self.inspector, self.tr("Inspect"))
        self.step.valueChanged.connect(self._inspect_step)
        self.ctx.open_attention.connect(self.open_text)
        splitter = QtWidgets.QSplitter(Qt.Horizontal)
        splitter.addWidget(self.heatmap)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter

        # status and export
        self.warning = QtWidgets.QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("QLabel { background: #fff3cd; color: #664d03; border: 1px solid #e0c36b; "
                                   "border-radius: 3px; padding: 3px 6px; }")
        self.warning.hide()
        self.status = QtWidgets.QLabel(self.tr("Capture attention to begin."))
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.status.setWordWrap(True)
        self.hover = QtWidgets.QLabel()
        self.hover.setSizePolicy(QtWidgets.QSizePolicy.Ignored, QtWidgets.QSizePolicy.Preferred)
        self.hover.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.export_buttons = []
        for label, suffix, tip in (("PNG", ".png", self.tr("Save the current view as a PNG image")),
                                   ("SVG", ".svg", self.tr("Save the current view as an SVG drawing")),
                                   ("CSV", ".csv", self.tr("Save the shown matrix with its token labels")),
                                   ("NPZ", ".npz", self.tr("Save everything captured (numpy .npz)"))):
            button = QtWidgets.QPushButton(label)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, s=suffix: self.export_dialog(s))
            self.export_buttons.append(button)

        # assemble
        input_row = QtWidgets.QHBoxLayout()
        input_row.addWidget(self.text, 1)
        buttons = QtWidgets.QVBoxLayout()
        buttons.addWidget(self.capture_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        input_row.addLayout(buttons)
        second_row = QtWidgets.QHBoxLayout()
        second_row.addWidget(self.second_text, 3)
        second_row.addWidget(self.generate)
        second_row.addWidget(self.compare)
        second_row.addWidget(self.compare_text, 2)
        second_row.addWidget(self.compare_model, 1)
        controls = QtWidgets.QHBoxLayout()
        for widget in (self.part, self.aggregate, self.layer, self.head, self.policy, self.words, self.show_which):
            controls.addWidget(widget)
        controls.addStretch(1)
        step_row = QtWidgets.QHBoxLayout()
        step_row.addWidget(QtWidgets.QLabel(self.tr("Step")))
        step_row.addWidget(self.step, 1)
        step_row.addWidget(self.step_label)
        self.step_row = QtWidgets.QWidget()
        self.step_row.setLayout(step_row)
        step_row.setContentsMargins(0, 0, 0, 0)
        bottom = QtWidgets.QHBoxLayout()
        bottom.addWidget(self.hover, 1)
        bottom.addWidget(QtWidgets.QLabel(self.tr("Export:")))
        for button in self.export_buttons:
            bottom.addWidget(button)
        self.pages = QtWidgets.QTabWidget()  # the heatmap first, then the pages that explain the model's parts
        self.pages.setDocumentMode(True)
        heatmap_page = QtWidgets.QWidget()
        self.pages.addTab(heatmap_page, self.tr("Heatmap"))
        outer = QtWidgets.QVBoxLayout(self)
        outer.addWidget(self.banner)
        outer.addWidget(self.pages, 1)
        attention_view = QtWidgets.QWidget()  # an LSTM/GRU shows its states instead (rnn_state_view)
        layout = QtWidgets.QVBoxLayout(attention_view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(input_row)
        layout.addLayout(second_row)
        layout.addWidget(self.progress)
        layout.addLayout(controls)
        layout.addWidget(self.step_row)
        layout.addWidget(self.warning)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addLayout(bottom)
        self.step_row.hide()
        from workbench.ui.tabs.attention import rnn_state_view

        rnn_state_view.install(self, attention_view, heatmap_page)
        from workbench.ui.tabs.attention.inputs_page import InputsPage

        self.inputs_page = InputsPage(self.ctx)
        self.pages.addTab(self.inputs_page, self.inputs_page.title())
        from workbench.ui.tabs.attention.math_page import AttentionMathPage

        self.math_page = AttentionMathPage(self.ctx, follow=lambda: (
            self.text.toPlainText(), *((self.layer.value(), self.head.value()) if self.capture is not None else (None, None))))
        self.pages.addTab(self.math_page, self.tr("Computed"))
        from workbench.ui.tabs.attention.ablation_page import AblationPage

        self.ablation = AblationPage(self.ctx)
        self.pages.addTab(self.ablation, self.tr("Switch heads off"))

    def _fill_models(self, entries) -> None:
        current = self.compare_model.currentData()
        self.compare_model.clear()
        self.compare_model.addItem(_tr(SAME_MODEL), "")
        for entry in entries:
            self.compare_model.addItem(entry.name, entry.name)
        index = self.compare_model.findData(current)
        self.compare_model.setCurrentIndex(max(0, index))

    def _update_enabled(self) -> None:
        busy = self._job is not None
        has = self.capture is not None
        self.capture_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.compare_text.setEnabled(self.compare.isChecked())
        self.compare_model.setEnabled(self.compare.isChecked())
        for widget in (self.part, self.aggregate, self.layer, self.head, self.policy, self.words, self.step):
            widget.setEnabled(has)
        self.show_which.setVisible(self.capture_b is not None)
        for button in self.export_buttons:
            button.setEnabled(has and (self.view is not None or button.text() == "NPZ"))

    # ---- capture -----------------------------------------------------------------------------
    def start_capture(self) -> None:
        self.banner.hide()
        text = self.text.toPlainText()
        model = self.ctx.current_model
        if not text.strip():
            self.banner.show_error(ErrorInfo(self.tr("The text is empty."),
                                             self.tr("Type a sentence to see where the model's attention goes.")))
            return
        if not model:
            self.banner.show_error(ErrorInfo(self.tr("No model is chosen."),
                                             self.tr("Pick a model in the model picker at the top.")))
            return
        second = self.second_text.text().strip() or None
        compare = None
        if self.compare.isChecked():
            compare = (self.compare_model.currentData() or model, self.compare_text.text().strip() or text)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(self.tr("Capturing attention of {name}…").format(name=model))
        self._job = self.ctx.pool.submit(
            capture_job, self.ctx.service, model, text, second, self.generate.value(), compare, name="attention",
            on_events=self._events, on_success=self._captured, on_error=self._failed,
            on_cancel=lambda: self.status.setText(self.tr("Capture cancelled.")), on_finished=self._finished)
        self._update_enabled()

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def _events(self, events) -> None:
        for event in events:
            if isinstance(event, Progress):
                show_fraction(self.progress, event.fraction)
                if event.message:
                    self.status.setText(event.message)

    def _failed(self, info: ErrorInfo) -> None:
        self.banner.show_error(info)
        self.status.setText(self.tr("Capture failed; see the message above."))

    def _finished(self) -> None:
        self._job = None
        self.progress.hide()
        self._update_enabled()

    def _captured(self, result: tuple) -> None:
        self.set_capture(*result)

    def set_capture(self, capture: A.AttentionCapture, capture_b: A.AttentionCapture | None = None) -> None:
        """Show a new capture (and the comparison capture, if any)."""
        self.capture, self.capture_b = capture, capture_b
        self._updating = True
        self.part.clear()
        for name, part in capture.parts.items():
            self.part.addItem(translate("core", part.title), name)
        self.part.setCurrentIndex(max(0, self.part.findData(capture.main_part)))
        self.show_which.setCurrentIndex(0)
        steps = len(capture.steps)
        self.step_row.setVisible(steps > 0)
        self.step.setRange(0, max(0, steps - 1))
        self.step.setValue(max(0, steps - 1))
        self._updating = False
        self._part_changed()
        warnings = list(capture.warnings) + (list(capture_b.warnings) if capture_b else [])
        self.warning.setText("⚠ " + "  ".join(warnings))
        self.warning.setVisible(bool(warnings))
        main = capture.part(capture.main_part)
        held = capture.stored_bytes + (capture_b.stored_bytes if capture_b else 0)
        # a long input is stored in 8 bits; its statistics and overview stay exact
        storage = self.tr("(8-bit: a long input; head table and overview exact)") if main.compact else "(float16)"
        self.status.setText(self.tr("{model}: {architecture}, {layers} layers × {heads} heads, {n} tokens, captured in "
                                    "{seconds:.2f} s; {size} held {storage}").format(
            model=capture.model, architecture={"decoder": self.tr("decoder"), "encoder": self.tr("encoder"),
                                               "encoder-decoder": self.tr("encoder-decoder")}.get(
                capture.architecture, capture.architecture), layers=main.layers, heads=main.heads,
            n=len(main.query), seconds=capture.seconds, size=human_bytes(held), storage=storage))
        self._show_steps()
        self._update_enabled()
        self._inspect_step()

    # ---- views -------------------------------------------------------------------------------
    def _part_changed(self) -> None:
        if self._updating or self.capture is None:
            return
        part = self.current_part()
        self._updating = True
        self.layer.setRange(0, part.layers - 1)
        self.head.setRange(0, part.heads - 1)
        if self.layer.value() >= part.layers:
            self.layer.setValue(part.layers - 1)
        rollout_index = self.aggregate.findData("rollout")
        self.aggregate.model().item(rollout_index).setEnabled(part.is_self)
        if not part.is_self and self.aggregate.currentData() == "rollout":
            self.aggregate.setCurrentIndex(0)
        self._updating = False
        self.redraw()
        self._refresh_extras()

    def current_part(self) -> A.AttentionPart:
        return self.capture.part(self.part.currentData() or self.capture.main_part)

    def current_step(self) -> int | None:
        return self.step.value() if self.capture is not None and self.capture.steps else None

    def view_request(self) -> dict:
        return dict(part=self.part.currentData(), layer=self.layer.value(), head=self.head.value(),
                    aggregate=self.aggregate.currentData(), policy=self.policy.currentData(),
                    words=self.words.isChecked(), step=self.current_step())

    def open_head(self, layer: int, head: int) -> None:
        """Show one head (from the overview or the head table)."""
        self._updating = True
        self.aggregate.setCurrentIndex(self.aggregate.findData("head"))
        self.layer.setValue(layer)
        self.head.setValue(head)
        self._updating = False
        self.redraw()

    def redraw(self) -> None:
        if self._updating or self.capture is None:
            return
        request = self.view_request()
        self.head.setEnabled(request["aggregate"] == "head")
        self.layer.setEnabled(request["aggregate"] in ("head", "mean-heads", "max-heads"))
        self.overview.set_selected(request["layer"], request["head"])
        self._show_step_label()
        which = self.show_which.currentData() if self.capture_b is not None else "a"
        part = self.current_part()
        cells = part.weights.shape[2] * part.weights.shape[3]
        cells *= {"head": 1, "mean-heads": part.heads, "max-heads": part.heads}.get(request["aggregate"],
                                                                                    part.heads * part.layers)
        cached = request["aggregate"] == "rollout" and part.name in self.capture._rollouts and (
            which == "a" or part.name in self.capture_b._rollouts)
        # one head is a float16 -> float32 copy of captured data: always drawn at once, never recomputed
        # (a compact long capture decodes its head on a worker)
        if (request["aggregate"] == "head" and not part.compact) or (cells < SYNC_CELLS and request["aggregate"] != "rollout") or cached:
            try:
                self._show(view_job(self.capture, self.capture_b, which, request))
            except WorkbenchError as exc:
                self._view_failed(ErrorInfo.from_exception(exc))
            return
        self.hover.setText(self.tr("Computing the view…"))
        self._views.submit(view_job, self.capture, self.capture_b, which, request, name="attention-view",
                           on_success=self._show, on_error=self._view_failed)

    def _show(self, result: tuple) -> None:
        view, diverging, pixels = result
        keep_range = self.view is not None and self.view.matrix.shape == view.matrix.shape
        self.view = view
        self.heatmap.show_view(view, diverging=diverging, keep_range=keep_range, pixels=pixels)
        self.hover.setText(self.tr("Hover over the map to read a weight; drag to pan, wheel to zoom."))
        self._update_enabled()

    def _view_failed(self, info: ErrorInfo) -> None:
        self.banner.show_error(info)
        self.hover.setText("")

    def _hovered(self, text: str) -> None:
        if text:
            self.hover.setText(text)

    def _refresh_extras(self) -> None:
        if self.capture is None:
            return
        part = self.current_part()
        self._extras.submit(extras_job, part, name="attention-heads",
                            on_success=self._extras_ready, on_error=self.banner.show_error)

    def _extras_ready(self, result: tuple) -> None:
        thumbnails, stats = result
        self.overview.set_thumbnails(thumbnails)
        self.overview.set_selected(self.layer.value(), self.head.value())
        self.stats_model.set_rows(stats)

    def _stats_clicked(self, index: QtCore.QModelIndex) -> None:
        row = self.stats_proxy.mapToSource(index).row()
        stats = self.stats_model.rows[row]
        self.open_head(stats.layer, stats.head)

    # ---- generation steps ----------------------------------------------------------------------
    def _show_step_label(self) -> None:
        if self.capture is None or not self.capture.steps:
            return
        step = self.capture.steps[self.step.value()]
        self.step_label.setText(self.tr("{step}/{steps}: picked '{token}' (p = {p:.2f})").format(
            step=self.step.value() + 1, steps=len(self.capture.steps), token=step.token, p=step.probability))

    def _show_steps(self) -> None:
        capture = self.capture
        if capture is None or not capture.steps:
            self.step_view.clear()
            return
        lines = ["<table cellspacing=0 cellpadding=3><tr><th align=left>" + self.tr("Step") + "</th><th align=left>"
                 + self.tr("Picked") + "</th><th align=left>" + self.tr("Top candidates") + "</th></tr>"]
        for i, step in enumerate(capture.steps):
            pieces = step.top_pieces if len(step.top_pieces) == len(step.top) else [None] * len(step.top)
            top = ", ".join(f"{_token_html(t, piece)} {p:.2f}" for (t, p), piece in zip(step.top, pieces))
            lines.append(f"<tr><td>{i + 1}</td><td><b>{_token_html(step.token, step.piece)}</b> "
                         f"{step.probability:.2f}</td><td>{top}</td></tr>")
        self.step_view.setHtml("".join(lines) + "</table>")

    # ---- export --------------------------------------------------------------------------------
    def export_dialog(self, suffix: str) -> None:
        name = {".npz": "attention.npz"}.get(suffix, f"attention{suffix}")
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, self.tr("Export attention"), str(Path.home() / name),
                                                        f"{suffix[1:].upper()} (*{suffix})")
        if path:
            if not path.lower().endswith(suffix):
                path += suffix
            self.export(path)

    def export(self, path: str) -> None:
        """Write the current view (PNG/SVG/CSV) or everything captured (NPZ) to ``path``."""
        suffix = Path(path).suffix.lower()
        try:
            if suffix == ".npz":
                if self.capture is None:
                    raise WorkbenchError(self.tr("Nothing is captured yet."), self.tr("Capture attention first."))
                A.save_npz(self.capture, path, include_rollout=self.aggregate.currentData() == "rollout")
            elif self.view is None:
                raise WorkbenchError(self.tr("Nothing is shown yet."), self.tr("Capture attention first."))
            elif suffix == ".csv":
                A.save_csv(self.view, path)
            else:
                self.heatmap.export(path)
        except OSError as exc:
            self.banner.show_error(ErrorInfo(self.tr("{path} could not be written: {error}.").format(
                path=path, error=exc.strerror or exc), self.tr("Choose another folder.")))
            return
        except WorkbenchError as exc:
            self.banner.show_error(ErrorInfo.from_exception(exc))
            return
        self.ctx.status_message.emit(self.tr("Saved {path}").format(path=path), 5000)
        self.hover.setText(self.tr("Saved {path}").format(path=path))

    # ---- token inspector -------------------------------------------------------------------------
    def _inspect_step(self) -> None:
        """Inspect the chosen generation step's token (or, without steps, a decoder's last token)."""
        from workbench.ui.widgets.token_inspector import InspectTarget, visible

        capture = self.capture
        if capture is None or capture.architecture != "decoder":
            self.inspector.set_target(None)
            return
        query = capture.part(capture.step_part).query
        if capture.steps:
            step = capture.steps[self.step.value()]
            target = InspectTarget(capture.model, list(query.ids[:step.rows]), step.token_id, visible(step.token),
                                   step.probability, None,
                                   [(visible(text), p, None, piece is not None and piece.partial)
                                    for (text, p), piece in zip(step.top, step.top_pieces or [None] * len(step.top))],
                                   self.tr("Step {n}").format(n=self.step.value() + 1),
                                   alternative_ids=[piece.id for piece in step.top_pieces or []])
        elif len(query.ids) > 1:
            target = InspectTarget(capture.model, list(query.ids[:-1]), query.ids[-1], query.labels[-1],
                                   label=self.tr("Last token"))
        else:
            target = None
        self.inspector.set_target(target)

    def open_text(self, model: str, text: str) -> None:
        """From another tab's token inspector: capture ``text`` and generate the inspected step."""
        if not text.strip() or self._job is not None:
            return
        self.ctx.set_model(model)
        self.ctx.open_in_tab.emit(self.title, model)
        self.text.setPlainText(text)
        self.second_text.clear()
        self.compare.setChecked(False)
        self.generate.setValue(1)
        self.start_capture()

    # ---- contract ------------------------------------------------------------------------------
    def smoke(self, model: str, done: SmokeDone) -> None:
        def finished(result):
            capture = result[0]
            part = capture.part(capture.main_part)
            self.set_capture(capture)
            done(True, f"{part.layers} layers × {part.heads} heads over {len(part.query)} tokens")

        self.ctx.pool.submit(capture_job, self.ctx.service, model, "The cat sat on the mat.", None, 0, None,
                             name="attention-smoke", on_success=finished,
                             on_error=lambda info: done(False, info.message),
                             on_cancel=lambda: done(False, "cancelled"))

    def shutdown(self) -> None:
        self.cancel()
        self.rnn_view.shutdown()
        self.inspector.shutdown()
        self.math_page.shutdown()
        self.inputs_page.shutdown()
        self.ablation.shutdown()
        for slot in (self._views, self._extras):
            if slot.job is not None:
                slot.job.cancel()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _token_html(label: str, piece) -> str:
    """A step's token: part of a character greyed, its id and bytes on hover."""
    if piece is None:
        return _escape(label)
    grey = f' style="color:{PARTIAL_GREY}"' if piece.partial else ""
    return f'<span title="{_escape(hover_text(piece))}"{grey}>{_escape(label)}</span>'


# ---- jobs (worker thread; plain arguments) -----------------------------------------------------
def capture_job(service, model: str, text: str, second: str | None, generate: int, compare: tuple | None,
                cancel=NEVER_CANCELLED, progress=no_progress) -> tuple:
    """Capture A (and B for a comparison): (capture, capture_b or None)."""
    def one(ref: str, source: str) -> A.AttentionCapture:
        handle = service.load(ref, progress=progress, cancel=cancel)
        architecture = A.architecture_of(handle)
        return A.capture(handle, source, pair=second if architecture == "encoder" else None,
                         target=second if architecture == "encoder-decoder" else None, generate=generate,
                         service=service, cancel=cancel, progress=progress)

    first = one(model, text)
    second_capture = one(*compare) if compare else None
    return first, second_capture


def view_job(capture: A.AttentionCapture, capture_b: A.AttentionCapture | None, which: str,
             request: dict, cancel=NEVER_CANCELLED) -> tuple:
    """The view to draw, whether it is a difference (diverging colours), and its pixels."""
    view, diverging = _view(capture, capture_b, which, dict(request, cancel=cancel))
    return view, diverging, picture(view, diverging)


def _view(capture: A.AttentionCapture, capture_b: A.AttentionCapture | None, which: str, request: dict) -> tuple:
    if which == "a" or capture_b is None:
        return A.compute_view(capture, **request), False
    request_b = dict(request)
    if request_b["part"] not in capture_b.parts:
        request_b["part"] = capture_b.main_part
    if request_b["step"] is not None:
        request_b["step"] = min(request_b["step"], len(capture_b.steps) - 1) if capture_b.steps else None
    view_b = A.compute_view(capture_b, **request_b)
    if which == "b":
        return view_b, False
    return A.difference(A.compute_view(capture, **request), view_b), True


def extras_job(part: A.AttentionPart, cancel=NEVER_CANCELLED) -> tuple:
    """Overview thumbnails and per-head statistics of a whole part."""
    return A.thumbnails(part, cancel=cancel), A.head_statistics(part, cancel=cancel)
