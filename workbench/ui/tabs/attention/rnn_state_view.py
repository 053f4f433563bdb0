"""Inside an RNN (the Attention tab for an LSTM/GRU): the hidden (or cell) state of a layer as a
units × tokens heatmap, the gates of a chosen unit along the text, and the units a chosen token moved
most. Hover shows values; click a cell to choose its unit and token. The numbers come from
``core/inspect/rnn_state.py`` (the model's own hidden states, gates recomputed and checked)."""

from __future__ import annotations

import html
import json
from pathlib import Path

import numpy as np

from workbench.core.inspect.rnn_state import RNNStates, load_and_read
from workbench.core.jobs import NEVER_CANCELLED, no_progress
from workbench.ui.attention_plot import TokenAxis
from workbench.ui.qt import Qt, QtCore, QtWidgets, Signal, pg
from workbench.ui.widgets.build import add, button, column, line_edit, row, splitter, table
from workbench.ui.workers import JobSlot

RNN_MODEL_TYPE = "workbench-rnn"
GATE_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd")
TOP_UNITS = 12


def is_recurrent(ctx, ref: str) -> bool:
    """Whether ``ref`` is an LSTM/GRU trained in the workbench (from the library listing, else its config)."""
    if not ref:
        return False
    entry = ctx.entry(ref)
    if entry is not None:
        return entry.model_type == RNN_MODEL_TYPE
    try:
        return json.loads((Path(ref).expanduser() / "config.json").read_text(encoding="utf-8")).get(
            "model_type") == RNN_MODEL_TYPE
    except (OSError, ValueError):
        return False


def shown(label: str) -> str:
    """A token as the axis and titles show it: spaces and line breaks made visible."""
    if not label.strip():
        return label.replace(" ", "␣").replace("\n", "↵").replace("\t", "⇥") or "∅"
    return label


def read_job(service, model: str, text: str, cancel=NEVER_CANCELLED, progress=no_progress) -> RNNStates:
    return load_and_read(service, model, text, cancel=cancel, progress=progress)


class StateHeatmap(pg.GraphicsLayoutWidget):
    """Units (rows) × tokens (columns), diverging colours around 0; emits the cell under the mouse and
    the cell clicked."""

    hovered = Signal(int, int)  # unit, token (-1, -1 outside)
    clicked = Signal(int, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setBackground("w")
        self.axis = TokenAxis("bottom")
        self.plot = self.addPlot(row=0, col=0, axisItems={"bottom": self.axis})
        self.plot.invertY(True)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        for name in ("left", "bottom"):
            self.plot.getAxis(name).setTextPen("k")
            self.plot.getAxis(name).setPen("k")
        self.plot.setLabel("left", self.tr("unit"), color="#222")
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.marker = pg.ScatterPlotItem(symbol="s", size=10, pen=pg.mkPen("k", width=2), brush=None)
        self.plot.addItem(self.marker)
        self.colorbar = pg.ColorBarItem(values=(-1.0, 1.0), colorMap="CET-D1", interactive=False, width=14)
        self.colorbar.setImageItem(self.image, insert_in=self.plot)
        self.colorbar.getAxis("right").setTextPen("k")
        self.colorbar.getAxis("right").enableAutoSIPrefix(False)
        self.matrix: np.ndarray | None = None
        self.scene().sigMouseMoved.connect(self._moved)
        self.scene().sigMouseClicked.connect(self._clicked)

    def set_matrix(self, matrix: np.ndarray, tokens: list[str], caption: str) -> None:
        self.matrix = np.asarray(matrix, dtype=np.float32)
        bound = float(np.abs(self.matrix).max()) or 1.0
        self.image.setImage(self.matrix, levels=(-bound, bound), autoLevels=False)
        self.colorbar.setLevels((-bound, bound))
        self.colorbar.getAxis("right").setLabel(caption, color="#222")
        self.axis.set_labels(tokens)
        units, n = self.matrix.shape
        self.plot.setRange(xRange=(0, n), yRange=(0, units), padding=0)

    def mark(self, unit: int, token: int) -> None:
        self.marker.setData([token + 0.5], [unit + 0.5])

    def _cell(self, scene_pos) -> tuple[int, int]:
        if self.matrix is None or not self.plot.vb.sceneBoundingRect().contains(scene_pos):
            return -1, -1
        point = self.plot.vb.mapSceneToView(scene_pos)
        unit, token = int(np.floor(point.y())), int(np.floor(point.x()))
        units, n = self.matrix.shape
        return (unit, token) if 0 <= unit < units and 0 <= token < n else (-1, -1)

    def _moved(self, scene_pos) -> None:
        self.hovered.emit(*self._cell(scene_pos))

    def _clicked(self, event) -> None:
        unit, token = self._cell(event.scenePos())
        if unit >= 0:
            self.clicked.emit(unit, token)


class RNNStateView(QtWidgets.QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.result: RNNStates | None = None
        self.unit = 0
        self.token = 0
        self._build()
        self.slot = JobSlot(ctx.pool, self, progress=self.progress, run_buttons=[self.read_button],
                            stop_buttons=[self.stop_button], status=self.status.setText)

    def _build(self) -> None:
        self._build_controls()
        self._build_plots()
        controls = row(QtWidgets.QLabel(self.tr("Layer")), self.layer, self.which, self.unit_box)
        controls.addStretch(1)
        right = column(self.gate_title, (self.gates, 3), self.top_title, (self.top, 2))
        layout = QtWidgets.QVBoxLayout(self)
        add(layout, self.intro, row((self.text, 1), self.read_button, self.stop_button), controls, self.progress,
            (splitter(Qt.Horizontal, self.heatmap, right, sizes=(620, 420)), 1), self.hover, self.status)
        self._sync()

    def _build_controls(self) -> None:
        self.intro = QtWidgets.QLabel(self.tr("This model is an LSTM/GRU: it has no attention. It reads one token at "
                                              "a time and carries a hidden state; here is that state, unit by unit, "
                                              "and the gates that update it."))
        self.intro.setWordWrap(True)
        self.text = line_edit("the cat sees the ball.", self.tr("Text to read"), self.read)
        self.read_button = button(self.tr("Read"), self.tr("Run the text through the model and record its states"),
                                  self.read)
        self.stop_button = button(self.tr("Stop"), clicked=lambda: self.slot.stop())
        self.layer = QtWidgets.QComboBox()
        self.layer.setToolTip(self.tr("The layer shown"))
        self.layer.currentIndexChanged.connect(self.redraw)
        self.which = QtWidgets.QComboBox()
        self.which.addItem(self.tr("hidden state h"), "hidden")
        self.which.addItem(self.tr("cell state c"), "cell")
        self.which.setToolTip(self.tr("The LSTM's output h, or its memory c (a GRU has only h)"))
        self.which.currentIndexChanged.connect(self.redraw)
        self.unit_box = QtWidgets.QSpinBox()
        self.unit_box.setPrefix(self.tr("unit "))
        self.unit_box.setToolTip(self.tr("The unit whose gates are drawn (or click a cell of the heatmap)"))
        self.unit_box.valueChanged.connect(self._unit_chosen)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumHeight(14)
        self.status = QtWidgets.QLabel(self.tr("Type a text and press Read."))
        self.status.setWordWrap(True)
        self.hover = QtWidgets.QLabel(" ")
        self.hover.setTextInteractionFlags(Qt.TextSelectableByMouse)

    def _build_plots(self) -> None:
        self.heatmap = StateHeatmap()
        self.heatmap.setMinimumSize(280, 200)
        self.heatmap.hovered.connect(self._hovered)
        self.heatmap.clicked.connect(self.choose)
        self.gate_axis = TokenAxis("bottom")
        self.gates = pg.PlotWidget(background="w", axisItems={"bottom": self.gate_axis})
        self.gates.setMenuEnabled(False)
        self.gates.showGrid(x=False, y=True, alpha=0.3)
        self.gates.addLegend(offset=(5, 2), colCount=5)
        self.gates.setYRange(-1.05, 1.3, padding=0)  # gates lie in [0, 1], tanh values in [-1, 1]; room for the legend
        self.gates.setMinimumHeight(160)
        self.token_marker = pg.InfiniteLine(angle=90, pen=pg.mkPen("#888", style=Qt.DashLine))
        self.gates.addItem(self.token_marker)
        self.gate_title = QtWidgets.QLabel()
        self.gate_title.setWordWrap(True)
        self.top_title = QtWidgets.QLabel()
        self.top_title.setWordWrap(True)
        self.top = table([self.tr("Unit"), self.tr("Change"), self.tr("Value")])
        self.top.setToolTip(self.tr("The units this token moved most: change = h after the token − h before it"))
        self.top.cellClicked.connect(lambda r, _col: self.choose(int(self.top.item(r, 0).text()), self.token))

    def _sync(self) -> None:
        has = self.result is not None
        for widget in (self.layer, self.unit_box):
            widget.setEnabled(has)
        self.which.setEnabled(has and self.result.cell == "lstm")

    # ---- reading -----------------------------------------------------------------------------
    def read(self) -> None:
        model = self.ctx.current_model
        if not model:
            self.status.setText(self.tr("⚠ Pick a model in the model picker at the top."))
            return
        self.slot.submit(read_job, self.ctx.service, model, self.text.text(), name="rnn-state",
                         busy=self.tr("Reading the text token by token…"), on_success=self.show_result)

    def show_result(self, result: RNNStates) -> None:
        self.result = result
        self.layer.blockSignals(True)
        self.layer.clear()
        for n in range(len(result.layers)):
            self.layer.addItem(str(n + 1), n)
        self.layer.blockSignals(False)
        if result.cell != "lstm":
            self.which.setCurrentIndex(0)
        self.unit_box.blockSignals(True)
        self.unit_box.setRange(0, result.units - 1)
        self.unit_box.blockSignals(False)
        self.unit = min(self.unit, result.units - 1)
        self.token = len(result.tokens) - 1
        worst = max(layer.error for layer in result.layers)
        self.status.setText(self.tr("{cell}: {layers} layers × {units} units over {n} tokens. Hidden states are the "
                                    "model's own; gates and cell state recomputed from its weights reproduce them "
                                    "(largest difference {error:.1e}).").format(
            cell=result.cell.upper(), layers=len(result.layers), units=result.units, n=len(result.tokens), error=worst))
        self._sync()
        self.redraw()

    def redraw(self) -> None:
        result = self.result
        if result is None:
            return
        layer = result.layers[max(0, self.layer.currentIndex())]
        cell = self.which.currentData() == "cell" and layer.cell is not None
        matrix = (layer.cell if cell else layer.hidden).T  # units × tokens
        caption = self.tr("cell state c") if cell else self.tr("hidden state h")
        self.heatmap.set_matrix(matrix, [shown(t) for t in result.tokens], caption)
        self.choose(self.unit, self.token)

    def _unit_chosen(self, unit: int) -> None:
        if self.result is not None and unit != self.unit:
            self.choose(unit, self.token)

    def choose(self, unit: int, token: int) -> None:
        """Draw the gates of ``unit`` and list the units that ``token`` moved most."""
        result = self.result
        if result is None:
            return
        self.unit, self.token = unit, token
        if self.unit_box.value() != unit:
            self.unit_box.blockSignals(True)
            self.unit_box.setValue(unit)
            self.unit_box.blockSignals(False)
        n_layer = max(0, self.layer.currentIndex())
        layer = result.layers[n_layer]
        self.heatmap.mark(unit, token)
        self.gates.clear()
        self.gates.addItem(self.token_marker)
        x = np.arange(len(result.tokens)) + 0.5
        for colour, name in zip(GATE_COLOURS, result.gate_names):
            self.gates.plot(x, layer.gates[name][:, unit], pen=pg.mkPen(colour, width=2), name=self.tr(name))
        self.gates.plot(x, layer.hidden[:, unit], pen=pg.mkPen("k", width=2, style=Qt.DashLine), name="h")
        self.gate_axis.set_labels([shown(t) for t in result.tokens])
        self.gates.setXRange(0, len(result.tokens), padding=0)
        self.gates.setYRange(-1.05, 1.3, padding=0)
        self.token_marker.setValue(token + 0.5)
        self.gate_title.setText(self.tr("Gates of unit {unit} in layer {layer} along the text (dashed: its hidden "
                                        "state)").format(unit=unit, layer=n_layer + 1))
        self.top_title.setText(self.tr("Units that token {n} «{token}» moved most in layer {layer}").format(
            n=token, token=html.escape(shown(result.tokens[token])), layer=n_layer + 1))
        rows = result.top_units(n_layer, token, TOP_UNITS)
        self.top.setRowCount(len(rows))
        for r, (u, change, value) in enumerate(rows):
            for c, text in enumerate((str(u), f"{change:+.4f}", f"{value:+.4f}")):
                item = QtWidgets.QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.top.setItem(r, c, item)

    def _hovered(self, unit: int, token: int) -> None:
        result = self.result
        if result is None or unit < 0:
            self.hover.setText(" ")
            return
        layer = result.layers[max(0, self.layer.currentIndex())]
        parts = [f"h = {layer.hidden[token, unit]:+.4f}"]
        if layer.cell is not None:
            parts.append(f"c = {layer.cell[token, unit]:+.4f}")
        parts += [f"{self.tr(name)} = {layer.gates[name][token, unit]:.3f}" for name in result.gate_names]
        self.hover.setText(self.tr("unit {unit}, token {n} «{token}»: ").format(
            unit=unit, n=token, token=shown(result.tokens[token])) + " · ".join(parts))

    def shutdown(self) -> None:
        self.slot.shutdown()


# The gate names, for the translation file (shown through self.tr(name) above).
QtCore.QT_TRANSLATE_NOOP("RNNStateView", "input")
QtCore.QT_TRANSLATE_NOOP("RNNStateView", "forget")
QtCore.QT_TRANSLATE_NOOP("RNNStateView", "cell")
QtCore.QT_TRANSLATE_NOOP("RNNStateView", "output")
QtCore.QT_TRANSLATE_NOOP("RNNStateView", "reset")
QtCore.QT_TRANSLATE_NOOP("RNNStateView", "update")
QtCore.QT_TRANSLATE_NOOP("RNNStateView", "new")


def install(tab, attention_page: QtWidgets.QWidget, host: QtWidgets.QWidget | None = None) -> RNNStateView:
    """Put the attention view and this one in a stack on ``host`` (default ``tab``): the model picker chooses
    which shows."""
    view = RNNStateView(tab.ctx)
    stack = QtWidgets.QStackedWidget()
    stack.addWidget(attention_page)
    stack.addWidget(view)
    layout = QtWidgets.QVBoxLayout(host if host is not None else tab)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(stack)

    def model_changed(ref: str) -> None:
        stack.setCurrentWidget(view if is_recurrent(tab.ctx, ref) else attention_page)

    tab.ctx.model_changed.connect(model_changed)
    tab.ctx.library_changed.connect(lambda _entries: model_changed(tab.ctx.current_model))
    model_changed(tab.ctx.current_model)
    tab.rnn_view, tab.rnn_stack = view, stack
    return view
