"""Attention, computed (a page of the Attention tab): softmax(q·Kᵀ/√d_k + M)·V worked through on the model's own
numbers for one layer, head and query token, each step with its shape, formula, values and a line of explanation, and
the two checks against the model's own outputs. The numbers come from ``core.inspect.attention_math`` on a worker."""

from __future__ import annotations

import html
from typing import Callable

import numpy as np

from workbench.core.inspect.attention_code import attention_code
from workbench.core.inspect.attention_math import CAPTURE_TOLERANCE, MODEL_TOLERANCE, AttentionMath, load_and_explain
from workbench.core.jobs import NEVER_CANCELLED, no_progress
from workbench.ui.qt import QtCore, QtGui, QtWidgets, Qt, Signal
from workbench.ui.widgets.build import button, line_edit, row
from workbench.ui.workers import JobSlot

MAX_CELL = 14  # pixels per value at most; wide matrices shrink to the page's width
MAX_HEIGHT = 240  # pixels a tall matrix takes at most
LABEL_CHARS = 10
STEP3_NOTES = ("scale", "softcap", "position_bias")  # told in step 3
MODEL_NOTES = ("encoder_decoder", "qk_norm", "parallel")  # told under the checks (step 5 tells the norms)


def explain_job(service, model: str, text: str, layer: int, head: int, query: int | None,
                cancel=NEVER_CANCELLED, progress=no_progress) -> AttentionMath:
    return load_and_explain(service, model, text, layer, head, query, cancel=cancel, progress=progress)


def diverging_rgb(values: np.ndarray, bound: float) -> np.ndarray:
    """Blue below zero, white at zero, red above (uint8 RGB), symmetric around 0 with ``bound`` at full colour."""
    t = np.clip(values / (bound or 1.0), -1.0, 1.0)[..., None]
    white = np.array([255.0, 255.0, 255.0])
    red, blue = np.array([200.0, 40.0, 40.0]), np.array([40.0, 80.0, 200.0])
    rgb = np.where(t >= 0, white + (red - white) * t, white + (blue - white) * (-t))
    return rgb.astype(np.uint8)


class MatrixView(QtWidgets.QWidget):
    """A small matrix (or vector) as coloured cells; hovering a cell shows its row, column and value."""

    hovered = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.values = np.zeros((0, 0), dtype=np.float32)
        self.row_labels: list[str] = []
        self.column_labels: list[str] = []
        self.marked_columns: tuple[int, int] | None = None  # a range drawn with a frame (this head in the concat)
        self.marked_row: int | None = None
        self._image: QtGui.QImage | None = None
        self.setSizePolicy(QtWidgets.QSizePolicy.Expanding, QtWidgets.QSizePolicy.Fixed)

    def set_values(self, values: np.ndarray, row_labels: list[str] | None = None,
                   column_labels: list[str] | None = None, marked_columns: tuple[int, int] | None = None,
                   marked_row: int | None = None) -> None:
        values = np.atleast_2d(np.asarray(values, dtype=np.float32))
        self.values = values
        self.row_labels = list(row_labels or [])
        self.column_labels = list(column_labels or [])
        self.marked_columns, self.marked_row = marked_columns, marked_row
        finite = values[np.isfinite(values)]
        # a few outlying dimensions (real models have "massive activations") would leave every other cell white
        bound = float(np.percentile(np.abs(finite), 99) if finite.size > 200 else np.abs(finite).max()) \
            if finite.size else 1.0
        rgb = np.ascontiguousarray(diverging_rgb(np.nan_to_num(values), bound))
        rows, columns = values.shape
        self._image = QtGui.QImage(rgb.data, columns, rows, 3 * columns, QtGui.QImage.Format_RGB888).copy()
        self.updateGeometry()
        self.setFixedHeight(int(self._cell_height() * rows) + 2)
        self.update()

    def _label_width(self) -> int:
        if not self.row_labels:
            return 0
        metrics = self.fontMetrics()
        return min(120, max(metrics.horizontalAdvance(_short(t)) for t in self.row_labels) + 6)

    def _cell_height(self) -> float:
        rows = self.values.shape[0]
        if self.row_labels and rows <= 64:  # a row per token, labelled
            return max(MAX_CELL, self.fontMetrics().height())
        return min(float(MAX_CELL), MAX_HEIGHT / rows)  # a tall matrix (W^O of a real model) is squeezed

    def _cell_width(self) -> float:
        columns = max(1, self.values.shape[1])
        return max(0.25, min(float(MAX_CELL), (self.width() - self._label_width() - 2) / columns))

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802
        return QtCore.QSize(self._label_width() + MAX_CELL * max(1, self.values.shape[1]) + 2,
                            int(self._cell_height() * max(1, self.values.shape[0])) + 2)

    def cell_at(self, point: QtCore.QPoint) -> tuple[int, int] | None:
        x = point.x() - self._label_width() - 1
        rows, columns = self.values.shape
        column, row = int(x // self._cell_width()), int((point.y() - 1) // self._cell_height())
        return (row, column) if 0 <= row < rows and 0 <= column < columns and x >= 0 else None

    def cell_center(self, row: int, column: int) -> QtCore.QPoint:
        return QtCore.QPoint(int(self._label_width() + 1 + (column + 0.5) * self._cell_width()),
                             int(1 + (row + 0.5) * self._cell_height()))

    def describe(self, row: int, column: int) -> str:
        where = []
        if self.row_labels:
            where.append(f"{row} {self.row_labels[row]!r}")
        elif self.values.shape[0] > 1:
            where.append(str(row))
        where.append(self.column_labels[column] if self.column_labels else f"[{column}]")
        return f"{' · '.join(where)}: {self.values[row, column]:.6g}"

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        cell = self.cell_at(event.position().toPoint())
        if cell is not None:
            text = self.describe(*cell)
            self.setToolTip(text)
            self.hovered.emit(text)

    def paintEvent(self, event) -> None:  # noqa: N802
        if self._image is None:
            return
        painter = QtGui.QPainter(self)
        rows, columns = self.values.shape
        left, cell_h, cell_w = self._label_width(), self._cell_height(), self._cell_width()
        target = QtCore.QRectF(left + 1, 1, cell_w * columns, cell_h * rows)
        painter.drawImage(target, self._image)
        if self.row_labels and rows <= 64:
            painter.setPen(self.palette().color(QtGui.QPalette.WindowText))
            for i, label in enumerate(self.row_labels):
                bold = i == self.marked_row
                font = painter.font()
                font.setBold(bold)
                painter.setFont(font)
                painter.drawText(QtCore.QRectF(0, 1 + i * cell_h, left - 4, cell_h),
                                 int(Qt.AlignRight | Qt.AlignVCenter), _short(label))
        painter.setPen(QtGui.QPen(QtGui.QColor("#333333"), 1))
        painter.setBrush(Qt.NoBrush)
        painter.drawRect(target)
        if self.marked_columns is not None:
            start, stop = self.marked_columns
            painter.setPen(QtGui.QPen(QtGui.QColor("#e0a000"), 2))
            painter.drawRect(QtCore.QRectF(left + 1 + start * cell_w, 1, (stop - start) * cell_w, cell_h * rows))
        if self.marked_row is not None and rows > 1:
            painter.setPen(QtGui.QPen(QtGui.QColor("#e0a000"), 2))
            painter.drawRect(QtCore.QRectF(left + 1, 1 + self.marked_row * cell_h, cell_w * columns, cell_h))
        painter.end()


def _short(label: str) -> str:
    label = label.replace(" ", "␣").replace("\n", "↵")
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


class StepBox(QtWidgets.QFrame):
    """One step: its title, formula, shape and explanation, then its values."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFrameShape(QtWidgets.QFrame.StyledPanel)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(3)
        self.title = QtWidgets.QLabel()
        self.formula = QtWidgets.QLabel()
        self.formula.setTextFormat(Qt.RichText)
        self.formula.setStyleSheet("QLabel { font-size: 110%; }")
        self.explanation = QtWidgets.QLabel()
        for label in (self.title, self.formula, self.explanation):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            layout.addWidget(label)
        self.explanation.setStyleSheet("QLabel { color: palette(mid); }")
        self.body = QtWidgets.QVBoxLayout()
        self.body.setSpacing(2)
        layout.addLayout(self.body)

    def set_text(self, title: str, formula: str, explanation: str) -> None:
        self.title.setText(f"<b>{html.escape(title)}</b>")
        self.formula.setText(formula)
        self.explanation.setText(explanation)

    def add_matrix(self, caption: str, view: MatrixView) -> MatrixView:
        self.add_row([(caption, view)])
        return view

    def add_row(self, matrices: list[tuple[str, MatrixView]]) -> None:
        """Matrices side by side, each under its caption."""
        row = QtWidgets.QHBoxLayout()
        for caption, view in matrices:
            column = QtWidgets.QVBoxLayout()
            label = QtWidgets.QLabel(caption)
            label.setTextFormat(Qt.RichText)
            label.setWordWrap(True)
            column.addWidget(label)
            column.addWidget(view)
            column.addStretch(1)
            row.addLayout(column, 1)
        self.body.addLayout(row)


def _shape(*dims) -> str:
    return "×".join(str(d) for d in dims)


class AttentionMathPage(QtWidgets.QWidget):
    """Layer, head and query choosers, Compute/Stop, the checks, then the five steps."""

    def __init__(self, ctx, follow: Callable[[], tuple[str, int | None, int | None]] | None = None, parent=None):
        """``follow``: the (text, layer, head) the Heatmap page shows (layer and head None before a capture), taken
        when this page is shown after they changed, so the head looked at there is the one computed here."""
        super().__init__(parent)
        self.ctx = ctx
        self.follow = follow
        self._followed: tuple = (None, None, None)
        self.result: AttentionMath | None = None
        self.views: dict[str, MatrixView] = {}
        self._build()
        self.slot = JobSlot(self.ctx.pool, self, progress=self.progress, run_buttons=[self.compute_button],
                            stop_buttons=[self.stop_button], status=self.status.setText)
        self.slot.running_changed.connect(lambda _running: self._sync())
        self._sync()

    # ---- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        v = QtWidgets.QVBoxLayout(self)
        v.setContentsMargins(2, 2, 2, 2)
        self.text = line_edit("The cat sat on the mat because it was tired.",
                              self.tr("Text whose attention is computed"), self.start)
        v.addWidget(self.text)
        v.addLayout(self._choosers())
        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumHeight(12)
        v.addWidget(self.progress)
        v.addWidget(self._steps_scroll(), 1)
        self.hover = QtWidgets.QLabel()
        self.hover.setSizePolicy(QtWidgets.QSizePolicy.Ignored, QtWidgets.QSizePolicy.Preferred)
        self.hover.setTextInteractionFlags(Qt.TextSelectableByMouse)
        v.addWidget(self.hover)

    def _choosers(self) -> QtWidgets.QHBoxLayout:
        self.layer = QtWidgets.QSpinBox()
        self.layer.setPrefix(self.tr("layer "))
        self.head = QtWidgets.QSpinBox()
        self.head.setPrefix(self.tr("head "))
        self.query = QtWidgets.QSpinBox()
        self.query.setPrefix(self.tr("query "))
        self.query.setRange(-1, 100000)
        self.query.setSpecialValueText(self.tr("query: last token"))
        self.query.setValue(-1)
        for box in (self.layer, self.head):
            box.setRange(0, 999)
        self.layer.setToolTip(self.tr("The layer whose attention is computed (from 0)"))
        self.head.setToolTip(self.tr("The head (from 0)"))
        self.query.setToolTip(self.tr("The query token: the position whose attention row is computed (from 0)"))
        self.compute_button = button(self.tr("Compute"), self.tr("Run the model once and work the attention formula "
                                                                 "through on its own numbers"), self.start)
        self.stop_button = button(self.tr("Stop"), clicked=lambda: self.slot.stop())
        self.code_button = button(self.tr("Copy as code"), self.tr("Copy a plain PyTorch program that computes the "
                                                                   "same numbers with forward hooks on the model's "
                                                                   "modules"), self.copy_code)
        choosers = row(self.layer, self.head, self.query, self.compute_button, self.stop_button, self.code_button)
        choosers.addStretch(1)
        return choosers

    def _steps_scroll(self) -> QtWidgets.QScrollArea:
        """The status, the checks and the steps, scrolling together so a small window keeps room for the steps."""
        self.status = QtWidgets.QLabel(self.tr(
            "Choose a layer, head and query token, then Compute: every step of softmax(q·Kᵀ/√d_k + M)·V on this "
            "model's own numbers (M: the mask)."))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.checks = QtWidgets.QLabel()
        self.checks.setWordWrap(True)
        self.checks.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.checks.hide()
        self.scroll = QtWidgets.QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        content = QtWidgets.QWidget()
        outer = QtWidgets.QVBoxLayout(content)
        outer.setContentsMargins(2, 2, 2, 2)
        outer.addWidget(self.status)
        outer.addWidget(self.checks)
        self.steps_widget = QtWidgets.QWidget()
        self.steps = QtWidgets.QVBoxLayout(self.steps_widget)
        self.steps.setContentsMargins(0, 0, 0, 0)
        self.steps.addStretch(1)
        outer.addWidget(self.steps_widget, 1)
        self.scroll.setWidget(content)
        return self.scroll

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.follow is None:
            return
        text, layer, head = self.follow()
        if text != self._followed[0] and text.strip():
            self.text.setText(text)
        if layer is not None and (layer, head) != self._followed[1:]:
            self.layer.setValue(layer)
            self.head.setValue(head)
        self._followed = (text, layer, head)

    def _sync(self) -> None:
        self.code_button.setEnabled(self.result is not None and not self.slot.running)

    # ---- running -----------------------------------------------------------------------------
    def start(self) -> None:
        model = self.ctx.current_model
        text = self.text.text()
        if not model:
            self.status.setText(self.tr("⚠ No model is chosen. Pick a model in the model picker at the top."))
            return
        if not text.strip():
            self.status.setText(self.tr("⚠ The text is empty. Type a sentence in the box above."))
            return
        query = self.query.value()
        self.scroll.verticalScrollBar().setValue(0)  # the status line (progress, errors) is at the top
        self.slot.submit(explain_job, self.ctx.service, model, text, self.layer.value(), self.head.value(),
                         None if query < 0 else query, name="explain-attention",
                         busy=self.tr("Computing attention step by step with {name}…").format(name=model),
                         on_success=self.show_result)

    def copy_code(self) -> None:
        if self.result is None:
            return
        QtWidgets.QApplication.clipboard().setText(attention_code(self.result))
        self.status.setText(self.tr("Copied a Python program that prints the same numbers (needs torch and "
                                    "transformers)."))

    # ---- showing -----------------------------------------------------------------------------
    def show_result(self, r: AttentionMath) -> None:
        self.result = r
        self.layer.setMaximum(r.layers - 1)
        self.head.setMaximum(r.heads - 1)
        self.query.setMaximum(r.n - 1)
        self.status.setText(self.tr("{model}: layer {layer}, head {head}, query token {query} “{token}” · {n} "
                                    "tokens, d = {d}, d_k = {dk}, {heads} heads").format(
            model=r.model, layer=r.layer, head=r.head, query=r.query, token=r.tokens[r.query], n=r.n,
            d=r.hidden_size, dk=r.head_dim, heads=r.heads))
        self._show_checks(r)
        while self.steps.count() > 1:
            item = self.steps.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.views = {}
        for box in self._steps(r):
            self.steps.insertWidget(self.steps.count() - 1, box)
        self._sync()

    def _show_checks(self, r: AttentionMath) -> None:
        def line(ok: bool, text: str) -> str:
            colour = "#1a7f37" if ok else "#b42318"
            return f"<span style='color:{colour}'>{'✓' if ok else '✗'}</span> {html.escape(text)}"

        capture_ok = r.max_err_vs_capture <= CAPTURE_TOLERANCE
        model_ok = r.max_err_vs_model <= MODEL_TOLERANCE
        lines = [
            line(capture_ok, self.tr("Softmax row = the attention weights the model returns (the heatmap's row): max "
                                     "error {err:.1e} (float32, allowed {tol:.0e})").format(
                err=r.max_err_vs_capture, tol=CAPTURE_TOLERANCE)),
            line(model_ok, self.tr("Concat·W^O and the residual sum = the model's own intermediate outputs: max "
                                   "error {err:.1e} (allowed {tol:.0e})").format(err=r.max_err_vs_model,
                                                                                tol=MODEL_TOLERANCE)),
        ]
        if not (capture_ok and model_ok):
            lines.append(html.escape(self.tr("The steps above do not reproduce this model exactly: treat them as an "
                                             "approximation.")))
        lines += ["• " + html.escape(r.notes[key]) for key in MODEL_NOTES if key in r.notes]
        self.checks.setText("<br>".join(lines))
        self.checks.show()

    def _matrix(self, key: str, values, **kwargs) -> MatrixView:
        view = MatrixView()
        view.set_values(values, **kwargs)
        view.hovered.connect(self.hover.setText)
        self.views[key] = view
        return view

    def _steps(self, r: AttentionMath) -> list[StepBox]:
        """The five steps (and 2b for a rotary model), each a box of text and heatmaps."""
        return [self._step_input(r), *self._step_projections(r), self._step_scores(r), self._step_output(r),
                self._step_all_heads(r)]

    def _step_input(self, r: AttentionMath) -> StepBox:
        """1. X, the hidden states the attention reads."""
        n, d = r.n, r.hidden_size
        box = StepBox()
        box.set_text(self.tr("1. X: the hidden states entering the attention"),
                     f"X ∈ ℝ<sup>{n}×{d}</sup>",
                     self.tr("One row per token. This is what layer {layer}'s attention reads: the block's input after "
                             "its own norm (for post-norm models such as BERT, the block's input itself).").format(
                         layer=r.layer) + (" " + self.tr("Rows in the heatmaps: tokens; hover a cell for its value.")))
        box.add_matrix(self.tr("X ({shape})").format(shape=_shape(n, d)),
                       self._matrix("x", r.x, row_labels=r.tokens, marked_row=r.query))
        return box

    def _step_projections(self, r: AttentionMath) -> list[StepBox]:
        """2. q, K and V from this head's slices of the projections (and 2b, the rotation, for a rotary model)."""
        n, d, dk, h = r.n, r.hidden_size, r.head_dim, r.head
        tokens = r.tokens
        dims = [f"[{i}]" for i in range(dk)]
        box = StepBox()
        formula = (f"q = x<sub>{r.query}</sub>·W<sub>Q</sub><sup>({h})</sup> + b<sub>Q</sub>, &nbsp; "
                   f"K = X·W<sub>K</sub><sup>({r.kv_head})</sup> + b<sub>K</sub>, &nbsp; "
                   f"V = X·W<sub>V</sub><sup>({r.kv_head})</sup> + b<sub>V</sub>")
        explanation = self.tr("Each head has its own slice of the projections: W_Q, W_K, W_V are {d}×{dk} here, so q "
                              "has d_k = {dk} numbers, and K and V a row per token.").format(d=d, dk=dk)
        if r.kv_heads != r.heads:
            explanation += " " + self.tr("Grouped-query attention: {heads} query heads share {kv} K/V heads; query "
                                         "head {head} reads K/V head {kv_head}.").format(
                heads=r.heads, kv=r.kv_heads, head=h, kv_head=r.kv_head)
        box.set_text(self.tr("2. q, K, V: this head's projections"), formula, explanation)
        box.add_row([(self.tr("{name}ᵀ ({shape}; shown transposed)").format(name=name, shape=_shape(*w.shape)),
                      self._matrix(key, w.T))
                     for key, w, name in (("w_q", r.w_q, "W<sub>Q</sub>"), ("w_k", r.w_k, "W<sub>K</sub>"),
                                          ("w_v", r.w_v, "W<sub>V</sub>"))])
        before = (self.tr("before the per-head norm and the rotation") if r.rotary and r.qk_norm
                  else self.tr("before rotation") if r.rotary else self.tr("before the per-head norm"))
        queries = [(self.tr("q ({shape})").format(shape=dk), self._matrix("q", r.q, column_labels=dims))]
        keys = [(self.tr("K ({shape})").format(shape=_shape(n, dk)),
                 self._matrix("k", r.k, row_labels=tokens, column_labels=dims)),
                (self.tr("V ({shape})").format(shape=_shape(n, dk)),
                 self._matrix("v", r.v, row_labels=tokens, column_labels=dims))]
        if r.rotary or r.qk_norm:
            queries.insert(0, (self.tr("q {before} ({shape})").format(before=before, shape=dk),
                               self._matrix("q_raw", r.q_raw, column_labels=dims)))
            keys.insert(0, (self.tr("K {before} ({shape})").format(before=before, shape=_shape(n, dk)),
                            self._matrix("k_raw", r.k_raw, row_labels=tokens, column_labels=dims)))
        box.add_row(queries)
        box.add_row(keys)
        if not r.rotary:
            return [box]
        rotary = StepBox()
        rotary.set_text(self.tr("2b. Rotary position embedding: position enters here"),
                        "q′ = R(θ·i)·q, &nbsp; k′<sub>j</sub> = R(θ·j)·k<sub>j</sub>",
                        self.tr("Pairs of q's and k's numbers are rotated by an angle proportional to the token's "
                                "position, so q′·k′ depends on how far apart the two tokens are. This model adds no "
                                "position embedding to its input; the rotation is the only place position enters."))
        return [box, rotary]

    def _step_scores(self, r: AttentionMath) -> StepBox:
        """3. The scores, scaled and masked, and their softmax."""
        n, dk = r.n, r.head_dim
        tokens = r.tokens
        box = StepBox()
        scale_text = {"sqrt_dk": f"1/√d<sub>k</sub> = 1/√{dk} = {r.scale:.4g}",
                      "none": self.tr("1 (no scaling)"),
                      "model": f"{r.scale:.6g}"}[r.scale_kind]
        bias = " + B<sub>j</sub>" if r.position_bias is not None else ""
        box.set_text(self.tr("3. Scores, scale, mask, softmax"),
                     f"a<sub>j</sub> = softmax<sub>j</sub>(q·k<sub>j</sub> × s{bias} + M<sub>j</sub>), &nbsp; "
                     f"s = {scale_text}",
                     self.tr("q·k_j says how well token j's key matches the query; the scale keeps the scores from "
                             "growing with d_k; the mask M adds −∞ (a very large negative number) where the query may "
                             "not look, so those weights become 0; the softmax turns the row into weights that sum "
                             "to 1.") + "".join(" " + html.escape(r.notes[key]) for key in STEP3_NOTES
                                                if key in r.notes))
        table = self._score_table(r)
        box.body.addWidget(table)
        box.add_matrix(self.tr("a: the softmax row over the {n} keys").format(n=n),
                       self._matrix("weights", r.weights, column_labels=[f"{j} {t!r}" for j, t in enumerate(tokens)]))
        return box

    def _step_output(self, r: AttentionMath) -> StepBox:
        """4. The head's output, the weighted sum of the V rows."""
        dk, h = r.head_dim, r.head
        dims = [f"[{i}]" for i in range(dk)]
        box = StepBox()
        box.set_text(self.tr("4. The head's output: the weighted sum of the V rows"),
                     f"o<sub>{h}</sub> = Σ<sub>j</sub> a<sub>j</sub>·v<sub>j</sub> = a·V ∈ ℝ<sup>{dk}</sup>",
                     self.tr("The query token takes a mix of the value vectors, in the proportions of its weights."))
        box.add_matrix(self.tr("o ({shape})").format(shape=dk),
                       self._matrix("head_output", r.head_output, column_labels=dims))
        return box

    def _step_all_heads(self, r: AttentionMath) -> StepBox:
        """5. Every head's output concatenated, times W^O, added to the residual stream."""
        d, dk, h = r.hidden_size, r.head_dim, r.head
        box = StepBox()
        norm = ""
        if r.sandwich_norm:
            norm = "norm"
        formula = (f"MultiHead = Concat(o<sub>0</sub>, …, o<sub>{r.heads - 1}</sub>)·W<sup>O</sup>"
                   + (" + b<sub>O</sub>" if r.b_o is not None else "")
                   + f", &nbsp; h′ = h + {norm + '(' if norm else ''}MultiHead{')' if norm else ''}")
        explanation = self.tr("Every head computes its own o the same way; their outputs side by side "
                              "({heads}×{dk} = {width} numbers, this head framed) are multiplied by W^O and added to "
                              "the residual stream h, the hidden state entering the block.").format(
            heads=r.heads, dk=dk, width=r.heads * dk)
        if r.post_norm:
            explanation += " " + self.tr("This block normalises the sum afterwards (post-norm).")
        if r.sandwich_norm:
            explanation += " " + self.tr("This model normalises the attention output before adding it.")
        box.set_text(self.tr("5. All heads: concatenated, times W^O, added to the residual"), formula, explanation)
        box.add_matrix(self.tr("Concat ({shape})").format(shape=r.heads * dk),
                       self._matrix("concat", r.concat, marked_columns=(h * dk, (h + 1) * dk)))
        box.add_matrix(f"W<sup>O</sup> ({_shape(*r.w_o.shape)})", self._matrix("w_o", r.w_o))
        box.add_matrix(self.tr("MultiHead: the attention output ({shape})").format(shape=d),
                       self._matrix("attn_output", r.attn_output))
        box.add_matrix(self.tr("h: the residual stream entering the block ({shape})").format(shape=d),
                       self._matrix("residual", r.residual[r.query]))
        if r.residual_after is not None:
            box.add_matrix(self.tr("h′: the hidden state after attention ({shape}), as the model has it").format(
                shape=d), self._matrix("residual_after", r.residual_after))
        return box

    def _score_table(self, r: AttentionMath) -> QtWidgets.QTableWidget:
        headers = [self.tr("key token"), "q·k", self.tr("× scale")]
        if r.position_bias is not None:
            headers.append(self.tr("+ bias"))
        headers += [self.tr("mask"), self.tr("weight a"), self.tr("model's weight")]
        table = QtWidgets.QTableWidget(r.n, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        table.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        kinds = {"causal": self.tr("causal"), "sliding window": self.tr("sliding window"),
                 "padding": self.tr("padding")}
        peak = float(r.weights.max()) or 1.0
        for j in range(r.n):
            cells = [f"{j} {r.tokens[j]!r}", f"{r.scores[j]:.4f}", f"{r.scaled[j]:.4f}"]
            if r.position_bias is not None:
                cells.append(f"{r.position_bias[j]:.4f}")
            cells.append(f"−∞ ({kinds[r.mask_kinds[j]]})" if r.masked[j] else f"{r.mask[j]:.4g}")
            cells += [f"{r.weights[j]:.6f}", f"{r.model_weights[j]:.6f}"]
            for column, text in enumerate(cells):
                item = QtWidgets.QTableWidgetItem(text)
                if column == len(cells) - 2:
                    item.setBackground(QtGui.QColor(200, 40, 40, int(150 * r.weights[j] / peak)))
                if column > 0:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                table.setItem(j, column, item)
        table.resizeColumnsToContents()
        height = table.horizontalHeader().height() + sum(table.rowHeight(j) for j in range(min(r.n, 12))) + 4
        table.setFixedHeight(height)
        self.views["table"] = table
        return table

    def shutdown(self) -> None:
        self.slot.shutdown()
