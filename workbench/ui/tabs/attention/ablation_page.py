"""Switch heads off (a page of the Attention tab): pick heads on a layers × heads grid, set them to zero or
to their mean over the text, and compare the next-token prediction and a greedy continuation before and
after. Scan switches off one head at a time and colours the grid by each head's effect (KL divergence)."""

from __future__ import annotations

import html

from workbench.core.inspect.ablation import AblationResult, ScanResult, grid_shape, load_and_ablate, load_and_scan
from workbench.ui.qt import QtCore, QtGui, QtWidgets, Qt
from workbench.ui.widgets.build import add, button, column, row, splitter
from workbench.ui.workers import JobSlot, LatestRequest

CELL = 24  # pixels per head cell
GRID_WIDEST = 460  # pixels the grid takes at most before it scrolls sideways
OFF_COLOUR = QtGui.QColor("#1f4e9c")


def effect_colour(kl: float, most: float) -> QtGui.QColor:
    """White (no effect) to red (the largest effect of the scan); the square root shows small effects too."""
    share = 0.0 if most <= 0 else min(1.0, kl / most) ** 0.5
    return QtGui.QColor(255, int(255 - 200 * share), int(255 - 215 * share))


class HeadGrid(QtWidgets.QTableWidget):
    """Layers as rows, heads as columns. Click a cell to switch that head off (or on again); click a layer's
    header for all heads of that layer. A scan paints each cell by the effect of switching it off alone."""

    selection_changed = QtCore.Signal()

    def __init__(self, parent=None):
        super().__init__(0, 0, parent)
        self.off: set[tuple[int, int]] = set()
        self.effects: dict[tuple[int, int], object] = {}
        self.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        self.setSelectionMode(QtWidgets.QAbstractItemView.NoSelection)
        self.setFocusPolicy(Qt.NoFocus)
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setSectionResizeMode(QtWidgets.QHeaderView.Fixed)
            header.setDefaultSectionSize(CELL)
            header.setMinimumSectionSize(CELL)
        self.horizontalHeader().setToolTip(self.tr("Head: click for this head in every layer"))
        self.verticalHeader().setToolTip(self.tr("Layer: click for all heads of this layer"))
        self.cellClicked.connect(lambda row, column: self.toggle([(row, column)]))
        self.verticalHeader().sectionClicked.connect(
            lambda layer: self.toggle([(layer, h) for h in range(self.columnCount())]))
        self.horizontalHeader().sectionClicked.connect(
            lambda head: self.toggle([(layer, head) for layer in range(self.rowCount())]))

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802 - every head column visible when there is room
        width = (self.verticalHeader().sizeHint().width() + sum(map(self.columnWidth, range(self.columnCount())))
                 + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth())
        return QtCore.QSize(width, super().sizeHint().height())

    def set_shape(self, layers: int, heads: int) -> None:
        if (layers, heads) == (self.rowCount(), self.columnCount()):
            return
        self.off.clear()
        self.effects.clear()
        self.setRowCount(layers)
        self.setColumnCount(heads)
        self.setHorizontalHeaderLabels([str(h) for h in range(heads)])
        self.setVerticalHeaderLabels([self.tr("L{n}").format(n=layer) for layer in range(layers)])
        for head in range(heads):  # explicitly: the header's default size follows the style and font
            self.setColumnWidth(head, CELL)
        for layer in range(layers):
            self.setRowHeight(layer, CELL)
            for head in range(heads):
                item = QtWidgets.QTableWidgetItem()
                item.setTextAlignment(Qt.AlignCenter)
                self.setItem(layer, head, item)
        self.repaint_cells()
        self.updateGeometry()
        self.selection_changed.emit()

    def toggle(self, heads: list[tuple[int, int]]) -> None:
        """Switch ``heads`` off; if they all are off already, switch them on again."""
        if all(h in self.off for h in heads):
            self.off.difference_update(heads)
        else:
            self.off.update(heads)
        self.repaint_cells()
        self.selection_changed.emit()

    def clear_off(self) -> None:
        self.off.clear()
        self.repaint_cells()
        self.selection_changed.emit()

    def set_effects(self, scan: ScanResult | None) -> None:
        self.effects = {} if scan is None else {(e.layer, e.head): e for e in scan.effects}
        self.repaint_cells()

    def heads(self) -> list[tuple[int, int]]:
        return sorted(self.off)

    def repaint_cells(self) -> None:
        most = max((e.kl for e in self.effects.values()), default=0.0)
        for layer in range(self.rowCount()):
            for head in range(self.columnCount()):
                item = self.item(layer, head)
                effect = self.effects.get((layer, head))
                off = (layer, head) in self.off
                if off:
                    item.setBackground(OFF_COLOUR)
                    item.setForeground(QtGui.QColor("white"))
                else:
                    item.setBackground(effect_colour(effect.kl, most) if effect is not None else QtGui.QColor("white"))
                    item.setForeground(QtGui.QColor("black"))
                item.setText("✕" if off else ("•" if effect is not None and effect.top_changed else ""))
                tip = self.tr("Head {layer}.{head}: {state}").format(
                    layer=layer, head=head, state=self.tr("switched off") if off else self.tr("on"))
                if effect is not None:
                    tip += "\n" + self.tr("Alone switched off: KL {kl:.4g} nats; original top token now p = {p:.4f}; "
                                          "top token {top!r}{changed}").format(
                        kl=effect.kl, p=effect.prob_original_top, top=effect.top_after.token,
                        changed=self.tr(" (changed)") if effect.top_changed else "")
                item.setToolTip(tip)


def _top_table(parent) -> QtWidgets.QTableWidget:
    table = QtWidgets.QTableWidget(0, 3, parent)
    table.verticalHeader().hide()
    table.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(0, QtWidgets.QHeaderView.Stretch)
    return table


class AblationPage(QtWidgets.QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.result: AblationResult | None = None
        self.scan: ScanResult | None = None
        self._shape_for = ""
        self._build()
        self.slot = JobSlot(ctx.pool, self, progress=self.progress, run_buttons=[self.run_button, self.scan_button],
                            stop_buttons=[self.stop_button], status=self.status.setText)
        self._shape = LatestRequest(ctx.pool)
        ctx.model_changed.connect(lambda _ref: self.refresh_shape())
        self.grid.selection_changed.connect(self._selection_changed)
        self._selection_changed()

    def _build(self) -> None:
        self._build_controls()
        self.split = splitter(Qt.Horizontal, self._grid_pane(), self._results_pane(), stretch=(0, 1))
        controls = row(self.mode, self.top_k, self.new_tokens, self.run_button, self.clear_button)
        controls.addStretch(1)
        add(controls, QtWidgets.QLabel(self.tr("Layers")), self.layers, self.scan_button, self.stop_button)
        add(QtWidgets.QVBoxLayout(self), self.text, controls, self.progress, self.status, (self.split, 1))

    def _build_controls(self) -> None:
        self.text = QtWidgets.QPlainTextEdit()
        self.text.setPlainText("The capital of France is")
        self.text.setPlaceholderText(self.tr("Text whose next token is predicted (masked LMs: put [MASK] where the "
                                             "word to predict goes)"))
        self.text.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 14)
        self.mode = QtWidgets.QComboBox()
        self.mode.addItem(self.tr("Set to zero"), "zero")
        self.mode.addItem(self.tr("Replace by mean"), "mean")
        self.mode.setToolTip(self.tr("Zero: the head's output becomes 0. Mean: it becomes its average over the text's "
                                     "tokens, which keeps its typical contribution and removes what depends on the "
                                     "token."))
        self.top_k = QtWidgets.QSpinBox()
        self.top_k.setRange(1, 50)
        self.top_k.setValue(10)
        self.top_k.setPrefix(self.tr("top "))
        self.new_tokens = QtWidgets.QSpinBox()
        self.new_tokens.setRange(0, 100)
        self.new_tokens.setValue(12)
        self.new_tokens.setPrefix(self.tr("continue "))
        self.new_tokens.setSuffix(self.tr(" tokens"))
        self.new_tokens.setToolTip(self.tr("Greedy continuation with and without the heads"))
        self.run_button = button(self.tr("Run"), self.tr("Compare the prediction with the chosen heads switched off"),
                                 self.run)
        self.layers = QtWidgets.QLineEdit("all")
        self.layers.setMaximumWidth(self.fontMetrics().horizontalAdvance("0-31,40") + 16)
        self.layers.setToolTip(self.tr("Layers to scan, e.g. 0-3 or 1,4,7 (* or all: every layer)"))
        self.scan_button = button(self.tr("Scan"), self.tr("Switch off each head of these layers on its own and "
                                                           "colour the grid by how much the prediction changes (KL "
                                                           "divergence)"), self.start_scan)
        self.stop_button = button(self.tr("Stop"), clicked=lambda: self.slot.stop())
        self.clear_button = button(self.tr("Clear"), self.tr("Switch every head on again"))
        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumHeight(14)
        self.status = QtWidgets.QLabel(self.tr("Click heads on the grid (a layer's label: all its heads), then Run."))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)

    def _grid_pane(self) -> QtWidgets.QWidget:
        self.grid = HeadGrid()
        self.clear_button.clicked.connect(self.grid.clear_off)
        self.chosen = QtWidgets.QLabel()
        self.chosen.setWordWrap(True)
        legend = QtWidgets.QLabel(self.tr("✕ switched off · after a scan: redder = larger effect, • = the top token "
                                          "changes"))
        legend.setWordWrap(True)
        return column((self.grid, 1), self.chosen, legend)

    def _results_pane(self) -> QtWidgets.QWidget:
        self.before = _top_table(self)
        self.after = _top_table(self)
        self.before.setHorizontalHeaderLabels([self.tr("Token"), self.tr("p"), self.tr("Change")])
        self.after.setHorizontalHeaderLabels([self.tr("Token"), self.tr("p"), self.tr("Change")])
        for table in (self.before, self.after):
            table.horizontalHeaderItem(2).setToolTip(self.tr("Probability with the heads off minus before"))
        self.before_title = QtWidgets.QLabel(self.tr("<b>Before</b>: all heads"))
        self.after_title = QtWidgets.QLabel(self.tr("<b>After</b>: heads switched off"))
        self.kl = QtWidgets.QLabel()
        self.kl.setWordWrap(True)
        self.kl.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.continuations = QtWidgets.QTextBrowser()
        self.continuations.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        tables = QtWidgets.QGridLayout()
        tables.addWidget(self.before_title, 0, 0)
        tables.addWidget(self.after_title, 0, 1)
        tables.addWidget(self.before, 1, 0)
        tables.addWidget(self.after, 1, 1)
        return column((tables, 1), self.kl, self.continuations)

    # ---- the grid's shape ---------------------------------------------------------------------
    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        self.refresh_shape()

    def refresh_shape(self) -> None:
        """Read the model's layers and heads (from its config, no weights) when the page shows a new model."""
        model = self.ctx.current_model
        if not model or model == self._shape_for or not self.isVisible():
            return
        self._shape_for = model
        self._shape.submit(grid_shape, self.ctx.service, model, name="ablation-shape",
                           on_success=lambda shape: self._set_shape(*shape),
                           on_error=lambda info: self.status.setText(
                               self.tr("⚠ {message} {hint}").format(message=info.message, hint=info.hint)))

    def _set_shape(self, layers: int, heads: int) -> None:
        self.grid.set_shape(layers, heads)
        total = sum(self.split.sizes())
        if total <= 0:
            return
        left = min(GRID_WIDEST, self.grid.sizeHint().width(), total // 2)
        self.split.setSizes([left, total - left])

    def _selection_changed(self) -> None:
        heads = self.grid.heads()
        self.chosen.setText(self.tr("Switched off: {heads}").format(
            heads=", ".join(f"{a}.{b}" for a, b in heads)) if heads else self.tr("No head is switched off."))

    # ---- jobs ---------------------------------------------------------------------------------
    def _inputs(self) -> tuple[str, str] | None:
        model, text = self.ctx.current_model, self.text.toPlainText()
        if not model:
            self.status.setText(self.tr("⚠ No model is chosen. Pick one in the model picker at the top."))
            return None
        if not text.strip():
            self.status.setText(self.tr("⚠ The text is empty. Type a text whose next token the model predicts."))
            return None
        return model, text

    def run(self) -> None:
        inputs = self._inputs()
        if inputs is None:
            return
        heads = self.grid.heads()
        if not heads:
            self.status.setText(self.tr("⚠ No head is switched off. Click heads on the grid (or a layer's label) "
                                        "first."))
            return
        self.slot.submit(load_and_ablate, self.ctx.service, *inputs, heads, self.mode.currentData(),
                         self.top_k.value(), self.new_tokens.value(), name="ablation",
                         busy=self.tr("Running {model} with {n} heads switched off…").format(model=inputs[0],
                                                                                            n=len(heads)),
                         on_success=self.show_result)

    def start_scan(self) -> None:
        inputs = self._inputs()
        if inputs is None:
            return
        self.slot.submit(load_and_scan, self.ctx.service, *inputs, self.layers.text(), self.mode.currentData(),
                         name="ablation-scan", busy=self.tr("Scanning heads one at a time…"),
                         on_success=self.show_scan)

    def show_result(self, result: AblationResult) -> None:
        self.result = result
        mode = self.tr("set to zero") if result.mode == "zero" else self.tr("replaced by their mean over the text")
        heads = ", ".join(f"{a}.{b}" for a, b in result.heads)
        self.after_title.setText(self.tr("<b>After</b>: heads {heads} {mode}").format(heads=heads, mode=mode))
        for table, rows in ((self.before, result.before), (self.after, result.after)):
            table.setRowCount(len(rows))
            for r, token in enumerate(rows):
                cells = (repr(token.token), f"{token.prob:.4f}", f"{token.change:+.4f}")
                for c, value in enumerate(cells):
                    item = QtWidgets.QTableWidgetItem(value)
                    item.setToolTip(self.tr("Token id {id}").format(id=token.id))
                    if c:
                        item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                    if c == 2 and abs(token.change) >= 0.0005:
                        item.setForeground(QtGui.QColor("#b00020" if token.change < 0 else "#1b7a2b"))
                    table.setItem(r, c, item)
        where = self.tr("the token after the text") if result.kind == "causal-lm" else \
            self.tr("the [MASK] token (position {n})").format(n=result.position)
        change = self.tr("The top token changes: {a!r} → {b!r}.").format(
            a=result.before[0].token, b=result.after[0].token) if result.top_changed else \
            self.tr("The top token stays {a!r}.").format(a=result.before[0].token)
        self.kl.setText(self.tr("Prediction for {where}. KL(before ‖ after) = <b>{kl:.4g}</b> nats. {change}").format(
            where=html.escape(where), kl=result.kl, change=html.escape(change)))
        if result.continuation_before is None:
            self.continuations.setHtml("<br>".join(html.escape(n) for n in result.notes))
        else:
            self.continuations.setHtml(
                self.tr("<b>Continuation, all heads:</b> {a}<br><b>Continuation, heads off:</b> {b}").format(
                    a=html.escape(result.continuation_before), b=html.escape(result.continuation_after))
                + "".join(f"<br><i>{html.escape(n)}</i>" for n in result.notes))
        self.status.setText(self.tr("Done: {n} heads {mode}.").format(n=len(result.heads), mode=mode))

    def show_scan(self, scan: ScanResult) -> None:
        self.scan = scan
        self._set_shape(scan.model_layers, scan.heads_per_layer)  # unchanged when the grid has the model's shape
        self.grid.set_effects(scan)
        best = scan.ranked()[:3]
        self.status.setText(self.tr("Scan done ({n} heads). Largest effects: {best}. The original top token is {top!r} "
                                    "(p = {p:.3f}).").format(
            n=len(scan.effects), best=", ".join(f"{e.layer}.{e.head} (KL {e.kl:.3g})" for e in best),
            top=scan.original_top.token, p=scan.original_top.prob))

    def shutdown(self) -> None:
        self.slot.shutdown()
        if self._shape.job is not None:
            self._shape.job.cancel()
