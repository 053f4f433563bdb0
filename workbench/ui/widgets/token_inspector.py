"""The token inspector: one clicked token's probabilities, attention row, logit lens and attribution.

Shared by the Generate and Attention tabs. A tab hands it an ``InspectTarget`` (plain values: model,
the token ids before the token, the token, its alternatives); the lens and the attention row are
computed on the worker bridge when the inspector is visible (the newest click wins), attribution when
the user asks for it (integrated gradients is slow; Stop ends it within one batch of steps).
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field

from workbench.core.decoding import SamplingSettings
from workbench.core.i18n import translate
from workbench.core.inspect.attribution import DEFAULT_STEPS, METHODS, Attribution, attribute_context
from workbench.core.inspect.token import TokenInspection, inspect_token
from workbench.ui.qt import QtCore, QtGui, QtWidgets, Qt, Signal
from workbench.ui.widgets import PARTIAL_GREY, WhenShown, show_progress
from workbench.ui.widgets.logits_panel import LogitsPanel
from workbench.ui.widgets.token_cells import after_pct, pct, prob_colour, token_table, visible
from workbench.ui.workers import ErrorInfo, LatestRequest

LENS_COLUMNS = 24  # the positions nearest the token; a wider grid stops being readable


@dataclass
class InspectTarget:
    """What the inspector needs about one token, as plain values (a worker never reads widgets)."""

    model: str
    context_ids: list[int]  # every token before this one (prompt and earlier generated tokens)
    token_id: int
    token_text: str  # as shown: whitespace made visible, part of a character as ‹e5 a4› (the tab's own label)
    prob: float | None = None
    prob_after: float | None = None
    # label, probability before and after the filters, whether it carries only part of a character
    alternatives: list[tuple[str, float | None, float | None, bool]] = field(default_factory=list)
    label: str = ""
    engine: str = "transformers"  # the engine that generated the token
    settings: SamplingSettings | None = None  # how the step was sampled (None: greedy)
    alternative_ids: list[int] = field(default_factory=list)  # the alternatives' token ids, in the same order


def signed_colour(score: float, scale: float) -> str:
    """Red for a push toward the token, blue for a push away, as a CSS rgba()."""
    alpha = 0.0 if scale <= 0 else min(1.0, abs(score) / scale) * 0.75
    return f"rgba(220,40,40,{alpha:.2f})" if score >= 0 else f"rgba(40,90,220,{alpha:.2f})"


class BarList(QtWidgets.QWidget):
    """Horizontal signed bars, one per row (token, score), largest magnitude first."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[str, float]] = []
        self.setMinimumHeight(60)

    def set_rows(self, rows: list[tuple[str, float]]) -> None:
        self.rows = rows
        self.setMinimumHeight(max(60, (self.fontMetrics().height() + 4) * len(rows) + 4))
        self.update()

    def paintEvent(self, _event):  # noqa: N802
        painter = QtGui.QPainter(self)
        fm = self.fontMetrics()
        line = fm.height() + 4
        label_w = min(self.width() // 3, max([fm.horizontalAdvance(t) for t, _ in self.rows] + [40]) + 8)
        value_w = fm.horizontalAdvance("+0.0000") + 8
        bar_w = max(20, self.width() - label_w - value_w - 8)
        middle = label_w + bar_w / 2
        scale = max([abs(s) for _, s in self.rows] + [1e-12])
        for i, (text, score) in enumerate(self.rows):
            y = 2 + i * line
            painter.setPen(self.palette().text().color())
            painter.drawText(QtCore.QRectF(0, y, label_w - 6, line), Qt.AlignRight | Qt.AlignVCenter,
                             fm.elidedText(text, Qt.ElideRight, label_w - 6))
            width = bar_w / 2 * abs(score) / scale
            colour = QtGui.QColor(220, 40, 40) if score >= 0 else QtGui.QColor(40, 90, 220)
            x = middle if score >= 0 else middle - width
            painter.fillRect(QtCore.QRectF(x, y + 3, width, line - 6), colour)
            painter.drawText(QtCore.QRectF(label_w + bar_w + 4, y, value_w, line), Qt.AlignLeft | Qt.AlignVCenter,
                             f"{score:+.4f}")
        painter.setPen(QtGui.QPen(self.palette().mid().color()))
        painter.drawLine(QtCore.QPointF(middle, 0), QtCore.QPointF(middle, 2 + len(self.rows) * line))


class LensModel(QtCore.QAbstractTableModel):
    """The logit-lens grid, output layer on top: cells are made when painted, not all at once
    (a few hundred items with tooltips cost tens of milliseconds on the GUI thread)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.inspection: TokenInspection | None = None
        self._bold = QtGui.QFont()
        self._bold.setBold(True)

    def set_inspection(self, inspection: TokenInspection | None) -> None:
        self.beginResetModel()
        self.inspection = inspection
        self.endResetModel()

    def rowCount(self, parent=QtCore.QModelIndex()):  # noqa: N802
        return 0 if self.inspection is None or parent.isValid() else self.inspection.lens.layers + 1

    def columnCount(self, parent=QtCore.QModelIndex()):  # noqa: N802
        return 0 if self.inspection is None or parent.isValid() else len(self.inspection.lens.positions)

    def _ranks(self, index):
        lens = self.inspection.lens
        return lens.predictions[lens.layers - index.row()][index.column()]

    def data(self, index, role=Qt.DisplayRole):
        if self.inspection is None or not index.isValid():
            return None
        if role == Qt.DisplayRole:
            return visible(self._ranks(index)[0].token)
        if role == Qt.BackgroundRole:
            return prob_colour(self._ranks(index)[0].prob)
        if role == Qt.ToolTipRole:
            return "\n".join(f"{visible(p.token)}  {pct(p.prob)}" for p in self._ranks(index))
        if role == Qt.FontRole and self.inspection.lens.positions[index.column()] == self.inspection.position:
            return self._bold
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if self.inspection is None or role != Qt.DisplayRole:
            return None
        lens = self.inspection.lens
        if orientation == Qt.Horizontal:
            return visible(lens.tokens[lens.positions[section]])
        layer = lens.layers - section
        if layer == lens.layers:
            return QtCore.QCoreApplication.translate("TokenInspector", "out {n}").format(n=lens.layers)
        return QtCore.QCoreApplication.translate("TokenInspector", "emb") if layer == 0 else str(layer)


def _page() -> tuple[QtWidgets.QWidget, QtWidgets.QVBoxLayout]:
    """One of the inspector's pages and its column."""
    box = QtWidgets.QWidget()
    v = QtWidgets.QVBoxLayout(box)
    v.setContentsMargins(2, 4, 2, 2)
    return box, v


class TokenInspector(QtWidgets.QWidget):
    """Probabilities, attention row, logit lens and attribution of one token."""

    open_in_attention = Signal(str, str)  # model, the text before the token (the Attention tab generates it)
    switch_to_transformers = Signal()  # the user chose to look inside: generate with transformers from now on

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.target: InspectTarget | None = None
        self.inspection: TokenInspection | None = None
        self.attribution: Attribution | None = None
        self._lens_jobs = LatestRequest(ctx.pool)
        self._when_shown = WhenShown(self, self._compute)
        self._attr_job = None
        self._build()
        self._show_nothing()

    # ---- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        head = QtWidgets.QHBoxLayout()
        self.title = QtWidgets.QLabel()
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.open_button = QtWidgets.QPushButton(self.tr("Open in Attention"))
        self.open_button.setToolTip(self.tr("Show the attention of every layer and head at this token's step "
                                            "in the Attention tab"))
        self.open_button.clicked.connect(self._open_in_attention)
        head.addWidget(self.title, 1)
        head.addWidget(self.open_button)
        outer.addLayout(head)
        self.status = QtWidgets.QLabel()
        self.status.setWordWrap(True)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.hide()
        outer.addWidget(self.status)
        outer.addWidget(self.progress)
        outer.addWidget(self._build_engine_note())
        self.pages = QtWidgets.QTabWidget()
        self.pages.setDocumentMode(True)
        outer.addWidget(self.pages, 1)
        self.pages.addTab(self._build_probabilities(), self.tr("Probabilities"))
        self.logits_panel = LogitsPanel(self.ctx)
        self.pages.addTab(self.logits_panel, self.tr("Logits → probabilities"))
        self.pages.addTab(self._build_attention(), self.tr("Attention"))
        self.pages.addTab(self._build_lens(), self.tr("Logit lens"))
        self.pages.addTab(self._build_attribution(), self.tr("Attribution"))

    def _build_engine_note(self) -> QtWidgets.QWidget:
        """Shown for a token llama.cpp generated: the views inside the model need the transformers model."""
        self.engine_note = QtWidgets.QFrame()
        self.engine_note.setFrameShape(QtWidgets.QFrame.StyledPanel)
        row = QtWidgets.QHBoxLayout(self.engine_note)
        row.setContentsMargins(6, 4, 6, 4)
        text = QtWidgets.QLabel(self.tr(
            "This token came from llama.cpp, which does not show the model's layers. The attention row, logit "
            "lens and attribution run the transformers model: the GGUF is converted once (seconds for a small "
            "model) and loaded in place of llama.cpp."))
        text.setWordWrap(True)
        self.switch_button = QtWidgets.QPushButton(self.tr("Switch to transformers"))
        self.switch_button.setToolTip(self.tr("Inspect this token with the transformers model, and generate with "
                                              "transformers from now on"))
        self.switch_button.clicked.connect(self._switch_to_transformers)
        row.addWidget(text, 1)
        row.addWidget(self.switch_button)
        self.engine_note.hide()
        return self.engine_note

    def _switch_to_transformers(self) -> None:
        self.engine_note.hide()
        self.switch_to_transformers.emit()
        if self.target is not None:
            self.target.engine = "transformers"
            self.logits_panel.set_target(self.target)
            self.run_button.setEnabled(True)
            self._when_shown.request()

    def _build_probabilities(self) -> QtWidgets.QWidget:
        self.alt_table = token_table([self.tr("Token"), self.tr("Before filters"), self.tr("After filters")])
        return self.alt_table

    def _build_attention(self) -> QtWidgets.QWidget:
        box, v = _page()
        row = QtWidgets.QHBoxLayout()
        self.att_layer = QtWidgets.QSpinBox()
        self.att_layer.setPrefix(self.tr("layer "))
        self.att_head = QtWidgets.QComboBox()
        self.att_head.setToolTip(self.tr("One head, or the mean over the layer's heads"))
        self.att_layer.valueChanged.connect(self._show_attention)
        self.att_head.currentIndexChanged.connect(self._show_attention)
        row.addWidget(self.att_layer)
        row.addWidget(self.att_head)
        row.addStretch(1)
        v.addLayout(row)
        self.att_view = QtWidgets.QTextBrowser()
        self.att_view.setToolTip(self.tr("How much the position that chose this token looked at each earlier "
                                         "token (darker = more); hover a token for its weight"))
        v.addWidget(self.att_view, 1)
        return box

    def _build_lens(self) -> QtWidgets.QWidget:
        box, v = _page()
        self.lens_note = QtWidgets.QLabel()
        self.lens_note.setWordWrap(True)
        v.addWidget(self.lens_note)
        self.lens_model = LensModel(self)
        self.lens_table = QtWidgets.QTableView()
        self.lens_table.setModel(self.lens_model)
        self.lens_table.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        self.lens_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.lens_table.horizontalHeader().setDefaultSectionSize(self.fontMetrics().horizontalAdvance("0") * 9)
        self.lens_table.setToolTip(self.tr("Each cell: the top prediction of that layer (row) at that position "
                                           "(column); colour = its probability. Hover for the top-k."))
        self.lens_table.setSelectionMode(QtWidgets.QAbstractItemView.NoSelection)
        splitter = QtWidgets.QSplitter(Qt.Vertical)
        splitter.addWidget(self.lens_table)
        # The chart is a pyqtgraph plot (about a third of the time the Generate tab takes to open): it is made
        # when the page is first shown or a lens first arrives; a blank of its size holds its place.
        self._lens_plot = None
        self._lens_splitter = splitter
        blank = QtWidgets.QWidget()
        blank.setMinimumHeight(90)
        blank.setMaximumHeight(170)
        splitter.addWidget(blank)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        v.addWidget(splitter, 1)
        self._lens_page = box
        self.pages.currentChanged.connect(self._page_shown)
        return box

    def _page_shown(self, _index: int) -> None:
        if self.pages.currentWidget() is self._lens_page:
            self._lens_chart()

    def _lens_chart(self):
        if self._lens_plot is None:
            from workbench.ui.qt import pg

            plot = pg.PlotWidget(background="w")
            plot.setMinimumHeight(90)
            plot.setMaximumHeight(170)
            plot.setLabel("bottom", self.tr("layer"))
            plot.setLabel("left", self.tr("probability"))
            plot.setYRange(0, 1)
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            self.lens_curve = plot.plot([], [], pen=pg.mkPen("#c0392b", width=2), symbol="o", symbolSize=5,
                                        symbolBrush="#c0392b")
            self._lens_splitter.replaceWidget(1, plot).deleteLater()
            self._lens_plot = plot
        return self._lens_plot

    def _build_attribution(self) -> QtWidgets.QWidget:
        box, v = _page()
        row = QtWidgets.QHBoxLayout()
        self.method = QtWidgets.QComboBox()
        for key, label in ((k, translate("core", v)) for k, v in METHODS.items()):
            self.method.addItem(label, key)
        self.method.setToolTip(self.tr("Integrated gradients: from zero embeddings to the real ones, how much each "
                                       "token moved the log-probability (the scores add up to the change).\n"
                                       "Gradient × input: a one-step, faster estimate.\n"
                                       "Attention rollout: how much each token flows into this position through "
                                       "attention (unsigned), for comparison."))
        self.steps = QtWidgets.QSpinBox()
        self.steps.setRange(2, 1024)
        self.steps.setValue(DEFAULT_STEPS)
        self.steps.setPrefix(self.tr("steps "))
        self.steps.setToolTip(self.tr("Integrated-gradients steps: more steps, smaller convergence delta, slower"))
        self.method.currentIndexChanged.connect(lambda _i: self.steps.setEnabled(self.method.currentData() == "ig"))
        self.run_button = QtWidgets.QPushButton(self.tr("Attribute"))
        self.run_button.setToolTip(self.tr("Compute which earlier tokens pushed the model toward this token"))
        self.run_button.clicked.connect(self.start_attribution)
        self.stop_button = QtWidgets.QPushButton(self.tr("Stop"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        for widget in (self.method, self.steps, self.run_button, self.stop_button):
            row.addWidget(widget)
        row.addStretch(1)
        v.addLayout(row)
        self.attr_note = QtWidgets.QLabel()
        self.attr_note.setWordWrap(True)
        self.attr_note.setTextInteractionFlags(Qt.TextSelectableByMouse)
        v.addWidget(self.attr_note)
        splitter = QtWidgets.QSplitter(Qt.Vertical)
        self.attr_text = QtWidgets.QTextBrowser()
        self.attr_text.setToolTip(self.tr("Red pushed the model toward the token, blue away from it; "
                                          "hover a token for its score"))
        splitter.addWidget(self.attr_text)
        self.bars = BarList()
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.bars)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([120, 360])  # the text is a few lines; the bar list is what is read
        v.addWidget(splitter, 1)
        return box

    # ---- target ------------------------------------------------------------------------------
    def set_target(self, target: InspectTarget | None) -> None:
        """Show a new token; its lens and attention row are computed when the inspector is visible."""
        if self._attr_job is not None:
            self._attr_job.cancel()
        self.target = target
        self.logits_panel.set_target(target)
        self.inspection = None
        self.attribution = None
        if target is None:
            self._show_nothing()
            return
        self.title.setText(self.tr("<b>{label} “{token}”</b>: probability {p}, after filters {q}").format(
            label=html.escape(target.label or self.tr("Token")), token=html.escape(target.token_text),
            p=pct(target.prob), q=after_pct(target.prob_after)))
        self._fill_alternatives(target)
        self.att_view.clear()
        self.lens_model.set_inspection(None)
        if self._lens_plot is not None:
            self.lens_curve.setData([], [])
        self.attr_text.clear()
        self.bars.set_rows([])
        self.attr_note.setText(self.tr("Choose a method and press Attribute."))
        self.open_button.setEnabled(True)
        inside = target.engine == "transformers"  # llama.cpp's tokens wait for the user to switch
        self.engine_note.setVisible(not inside)
        self.run_button.setEnabled(inside)
        self.status.setText("")
        if inside:
            self._when_shown.request()
        else:
            self._when_shown.drop()

    def _show_nothing(self) -> None:
        self._when_shown.drop()
        self.title.setText(self.tr("Click a generated token to inspect it."))
        self.engine_note.hide()
        self.status.setText("")
        self.alt_table.setRowCount(0)
        self.open_button.setEnabled(False)
        self.run_button.setEnabled(False)
        self.attr_note.setText("")

    def _fill_alternatives(self, target: InspectTarget) -> None:
        self.alt_table.setRowCount(len(target.alternatives))
        for r, (text, before, after, partial) in enumerate(target.alternatives):
            for c, value in enumerate((text, pct(before), after_pct(after))):
                item = QtWidgets.QTableWidgetItem(value)
                if c:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                elif partial:  # greyed as in Generate's tables: bytes of a character, not yet text
                    item.setForeground(QtGui.QColor(PARTIAL_GREY))
                if c == 1:
                    item.setBackground(prob_colour(before))
                self.alt_table.setItem(r, c, item)

    def _compute(self) -> None:
        target = self.target
        self.status.setText(self.tr("Reading every layer…"))
        self.progress.setRange(0, 0)
        self.progress.show()
        self._lens_jobs.submit(inspect_token, self.ctx.service, target.model, target.context_ids, target.token_id,
                               lens_positions=LENS_COLUMNS, name="inspect-token", on_success=self._inspected, on_error=self._failed,
                               on_events=self._progress)

    def _progress(self, events) -> None:
        show_progress(self.progress, events)

    def _failed(self, info: ErrorInfo) -> None:
        self.progress.hide()
        self.status.setText(self.tr("⚠ {message} {hint}").format(message=info.message, hint=info.hint))

    def _inspected(self, inspection: TokenInspection) -> None:
        self.progress.hide()
        self.inspection = inspection
        lens = inspection.lens
        self.status.setText(self.tr("{model}: {layers} layers, {n} tokens of context.").format(
            model=inspection.model, layers=lens.layers, n=len(inspection.context_ids)))
        self._fill_lens(inspection)
        if inspection.attention is not None:
            layers, heads = inspection.attention.shape[:2]
            self.att_layer.blockSignals(True)
            self.att_head.blockSignals(True)
            self.att_layer.setRange(0, layers - 1)
            self.att_layer.setValue(layers - 1)
            self.att_head.clear()
            self.att_head.addItem(self.tr("mean of heads"), -1)
            for h in range(heads):
                self.att_head.addItem(self.tr("head {n}").format(n=h), h)
            self.att_layer.blockSignals(False)
            self.att_head.blockSignals(False)
        self._show_attention()

    # ---- attention row -----------------------------------------------------------------------
    def _show_attention(self) -> None:
        inspection = self.inspection
        if inspection is None or inspection.attention is None:
            self.att_view.setPlainText(inspection.attention_note if inspection else "")
            return
        layer = self.att_layer.value()
        head = self.att_head.currentData()
        weights = inspection.attention[layer]
        row = weights.mean(axis=0) if head in (None, -1) else weights[head]
        labels = inspection.lens.tokens[:len(row)]
        top = float(row.max()) or 1.0
        spans = [f'<span style="background:rgba(230,120,0,{0.85 * float(w) / top:.2f})" '
                 f'title="{html.escape(visible(t))}: {float(w):.3f}">{html.escape(t)}</span>'
                 for t, w in zip(labels, row)]
        self.att_view.setHtml(self.tr("<p>Layer {layer}, {head}: where the position that chose “{token}” "
                                      "looked.</p>").format(layer=layer, head=html.escape(self.att_head.currentText()),
                                                             token=html.escape(self.target.token_text))
                              + "<p style='white-space:pre-wrap'>" + "".join(spans) + "</p>")

    # ---- logit lens --------------------------------------------------------------------------
    def _fill_lens(self, inspection: TokenInspection) -> None:
        lens = inspection.lens
        n = len(lens.tokens)
        columns = lens.positions
        first = columns[0]
        self.lens_model.set_inspection(inspection)
        self.lens_table.scrollTo(self.lens_model.index(0, len(columns) - 1))
        shown = self.tr("the last {k} of {n} positions").format(k=len(columns), n=n) if first else \
            self.tr("all {n} positions").format(n=n)
        self.lens_note.setText(self.tr("Top prediction of every layer (rows, output at the top) after each token "
                                       "(columns, {shown}); the bold column chose “{token}”. Below: its probability "
                                       "by layer.").format(shown=shown, token=self.target.token_text))
        by_layer = inspection.probability_by_layer()
        chart = self._lens_chart()
        self.lens_curve.setData(list(range(len(by_layer))), [0.0 if math.isnan(p) else p for p in by_layer])
        chart.setXRange(0, max(1, len(by_layer) - 1))

    # ---- attribution -------------------------------------------------------------------------
    def start_attribution(self) -> None:
        if self.target is None or self._attr_job is not None:
            return
        target = self.target
        method = self.method.currentData()
        self.attr_note.setText(self.tr("Attributing with {method}…").format(method=self.method.currentText()))
        self.progress.setRange(0, 0)
        self.progress.show()
        self._attr_job = self.ctx.pool.submit(
            attribute_context, self.ctx.service, target.model, target.context_ids, target.token_id, method=method,
            steps=self.steps.value(), name="attribute", on_events=self._progress, on_success=self._attributed,
            on_error=lambda info: self.attr_note.setText(self.tr("⚠ {message} {hint}").format(
                message=info.message, hint=info.hint)),
            on_cancel=lambda: self.attr_note.setText(self.tr("Stopped.")), on_finished=self._attribution_finished)
        self.run_button.setEnabled(False)
        self.stop_button.setEnabled(True)

    def stop(self) -> None:
        if self._attr_job is not None:
            self._attr_job.cancel()

    def _attribution_finished(self) -> None:
        self._attr_job = None
        self.progress.hide()
        self.run_button.setEnabled(self.target is not None)
        self.stop_button.setEnabled(False)

    def _attributed(self, result: Attribution) -> None:
        self.attribution = result
        target = result.targets[0]
        scale = max([abs(s) for s in target.scores] + [1e-12])
        spans = [f'<span style="background:{signed_colour(s, scale)}" title="{html.escape(visible(t))}: {s:+.4f}">'
                 f'{html.escape(t)}</span>' for t, s in zip(result.prompt_tokens, target.scores)]
        self.attr_text.setHtml("<p style='white-space:pre-wrap'>" + "".join(spans)
                               + f" <b>→ {html.escape(visible(target.token))}</b></p>")
        ranked = sorted(zip(result.prompt_tokens, target.scores), key=lambda ts: -abs(ts[1]))[:20]
        self.bars.set_rows([(visible(t), s) for t, s in ranked])
        note = self.tr("{method}: log p = {lp:.3f}; with every context embedding zero: {base:.3f}; "
                       "the scores add up to {total:+.3f}").format(
            method=translate("core", METHODS[result.method]), lp=target.target_logprob, base=target.baseline_logprob,
            total=sum(target.scores))
        if target.convergence_delta is not None:
            note += self.tr(" (convergence delta {delta:+.4f}, {steps} steps)").format(
                delta=target.convergence_delta, steps=result.steps)
        note += self.tr(". {seconds:.1f} s.").format(seconds=result.seconds)
        self.attr_note.setText(note + "".join(f"\n⚠ {n}" for n in result.notes))

    # ---- attention tab -----------------------------------------------------------------------
    def _open_in_attention(self) -> None:
        if self.target is not None:
            text = self.inspection.context_text if self.inspection is not None else ""
            self.open_in_attention.emit(self.target.model, text)

    def shutdown(self) -> None:
        self.logits_panel.shutdown()
        for job in (self._lens_jobs.job, self._attr_job):
            if job is not None:
                job.cancel()
                job.wait(10)
