"""The Attention tab's first page, its widgets and layout: the text to capture and what to compare it with,
the view controls (part, aggregate, layer, head, policy, words, A/B), the heatmap beside the overview, the
head table, the generation steps and the token inspector, then the status line and the export buttons. The
tab (``tab.py``) runs the jobs and fills these widgets."""

from __future__ import annotations

from workbench.core import attention as A
from workbench.core.i18n import translate
from workbench.core.tokens import hover_text
from workbench.ui.attention_plot import AttentionHeatmap, OverviewGrid
from workbench.ui.i18n import translator
from workbench.ui.qt import QtCore, QtWidgets, Qt
from workbench.ui.tabs.attention.head_table import HeadStatsModel
from workbench.ui.widgets import PARTIAL_GREY, sortable_table
from workbench.ui.widgets.build import button, row, splitter

SAME_MODEL = QtCore.QT_TRANSLATE_NOOP("AttentionTab", "(same model)")

_tr = translator("AttentionTab")


def _combo(tip: str, items: dict | None = None) -> QtWidgets.QComboBox:
    combo = QtWidgets.QComboBox()
    for key, label in (items or {}).items():
        combo.addItem(translate("core", label), key)
    combo.setMinimumContentsLength(10)
    combo.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
    combo.setToolTip(tip)
    return combo


class HeatmapPage(QtWidgets.QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._build_inputs()
        self._build_controls()
        self._build_views()
        self._build_status()
        self._assemble()

    # ---- widgets ------------------------------------------------------------------------------
    def _build_inputs(self) -> None:
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
        self.capture_button = button(self.tr("Capture"), self.tr("Run the model once and record every layer's and "
                                                                 "head's attention (Ctrl+Return)"),
                                     shortcut="Ctrl+Return")
        self.cancel_button = button(self.tr("Cancel"))
        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumHeight(16)
        self.compare = QtWidgets.QCheckBox(self.tr("Compare with"))
        self.compare.setToolTip(self.tr("Capture a second input or model too, and show a difference map when the "
                                        "tokens match"))
        self.compare_text = QtWidgets.QLineEdit()
        self.compare_text.setPlaceholderText(self.tr("input B (empty: same text)"))
        self.compare_model = QtWidgets.QComboBox()
        self.compare_model.setMinimumContentsLength(8)
        self.compare_model.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.compare_model.addItem(_tr(SAME_MODEL), "")

    def _build_controls(self) -> None:
        self.part = _combo(self.tr("Which attention: self, or for encoder-decoders encoder, decoder and "
                                   "cross-attention"))
        self.aggregate = _combo(self.tr("One head, or a summary: mean/max over the layer's heads, mean over "
                                        "layers, or attention rollout (Abnar & Zuidema 2020)"), A.AGGREGATES)
        self.layer = QtWidgets.QSpinBox()
        self.layer.setPrefix(self.tr("layer "))
        self.head = QtWidgets.QSpinBox()
        self.head.setPrefix(self.tr("head "))
        self.layer.setToolTip(self.tr("Layer (PageUp/PageDown)"))
        self.head.setToolTip(self.tr("Head (Alt+Left/Alt+Right)"))
        self.policy = _combo(self.tr("Special tokens ([CLS], <s>, …) often soak up attention. Keep them, or drop "
                                     "them and renormalise each row to sum to one (the labels on the plot say "
                                     "which)."), A.POLICIES)
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
                             (self.policy, "special token"), (self.words, "subword"),
                             (self.capture_button, "self-attention")):
            attach_term(widget, term)

    def _build_views(self) -> None:
        self.heatmap = AttentionHeatmap()
        self.heatmap.setMinimumSize(320, 260)
        self.overview = OverviewGrid()
        overview_scroll = QtWidgets.QScrollArea()
        overview_scroll.setWidget(self.overview)
        overview_scroll.setWidgetResizable(False)
        self.stats_model = HeadStatsModel(self)
        self.stats_table, self.stats_proxy = sortable_table(self.stats_model, self)
        self.stats_table.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeToContents)
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
        self.splitter = splitter(Qt.Horizontal, self.heatmap, self.side, stretch=(3, 2))

    def _build_status(self) -> None:
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
        self.export_buttons = {suffix: button(label, tip) for label, suffix, tip in (
            ("PNG", ".png", self.tr("Save the current view as a PNG image")),
            ("SVG", ".svg", self.tr("Save the current view as an SVG drawing")),
            ("CSV", ".csv", self.tr("Save the shown matrix with its token labels")),
            ("NPZ", ".npz", self.tr("Save everything captured (numpy .npz)")))}

    def _assemble(self) -> None:
        buttons = QtWidgets.QVBoxLayout()
        buttons.addWidget(self.capture_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        controls = row(self.part, self.aggregate, self.layer, self.head, self.policy, self.words, self.show_which)
        controls.addStretch(1)
        step_row = row(QtWidgets.QLabel(self.tr("Step")), (self.step, 1), self.step_label)
        step_row.setContentsMargins(0, 0, 0, 0)
        self.step_row = QtWidgets.QWidget()
        self.step_row.setLayout(step_row)
        self.step_row.hide()
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row((self.text, 1), buttons))
        layout.addLayout(row((self.second_text, 3), self.generate, self.compare, (self.compare_text, 2),
                             (self.compare_model, 1)))
        layout.addWidget(self.progress)
        layout.addLayout(controls)
        layout.addWidget(self.step_row)
        layout.addWidget(self.warning)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)
        layout.addLayout(row((self.hover, 1), QtWidgets.QLabel(self.tr("Export:")), *self.export_buttons.values()))

    # ---- showing --------------------------------------------------------------------------------
    def fill_models(self, entries) -> None:
        current = self.compare_model.currentData()
        self.compare_model.clear()
        self.compare_model.addItem(_tr(SAME_MODEL), "")
        for entry in entries:
            self.compare_model.addItem(entry.name, entry.name)
        index = self.compare_model.findData(current)
        self.compare_model.setCurrentIndex(max(0, index))

    def show_parts(self, capture: A.AttentionCapture) -> None:
        """The parts of a new capture and its generation steps (the step slider at the last one)."""
        self.part.clear()
        for name, part in capture.parts.items():
            self.part.addItem(translate("core", part.title), name)
        self.part.setCurrentIndex(max(0, self.part.findData(capture.main_part)))
        self.show_which.setCurrentIndex(0)
        steps = len(capture.steps)
        self.step_row.setVisible(steps > 0)
        self.step.setRange(0, max(0, steps - 1))
        self.step.setValue(max(0, steps - 1))

    def show_warnings(self, warnings: list[str]) -> None:
        self.warning.setText("⚠ " + "  ".join(warnings))
        self.warning.setVisible(bool(warnings))

    def show_step_label(self, capture: A.AttentionCapture | None) -> None:
        if capture is None or not capture.steps:
            return
        step = capture.steps[self.step.value()]
        self.step_label.setText(self.tr("{step}/{steps}: picked '{token}' (p = {p:.2f})").format(
            step=self.step.value() + 1, steps=len(capture.steps), token=step.token, p=step.probability))

    def show_steps(self, capture: A.AttentionCapture | None) -> None:
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

    def set_enabled(self, captured: bool, comparing: bool, shown: bool) -> None:
        """``captured``: a capture is held; ``comparing``: with a second capture; ``shown``: a view is drawn."""
        self.compare_text.setEnabled(self.compare.isChecked())
        self.compare_model.setEnabled(self.compare.isChecked())
        for widget in (self.part, self.aggregate, self.layer, self.head, self.policy, self.words, self.step):
            widget.setEnabled(captured)
        self.show_which.setVisible(comparing)
        for suffix, export in self.export_buttons.items():
            export.setEnabled(captured and (shown or suffix == ".npz"))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _token_html(label: str, piece) -> str:
    """A step's token: part of a character greyed, its id and bytes on hover."""
    if piece is None:
        return _escape(label)
    grey = f' style="color:{PARTIAL_GREY}"' if piece.partial else ""
    return f'<span title="{_escape(hover_text(piece))}"{grey}>{_escape(label)}</span>'
