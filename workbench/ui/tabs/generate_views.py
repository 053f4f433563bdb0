"""The Generate tab's parts: the token table's model, the sampling settings panel, the output view."""

from __future__ import annotations

import os.path

from workbench.core.generation import PRESETS, RANGES, SamplingSettings, TokenEvent
from workbench.core.i18n import translate
from workbench.ui.i18n import translator
from workbench.ui.qt import QtCore, QtGui, QtWidgets, Qt, Signal
from workbench.ui.widgets import PARTIAL_GREY
from workbench.ui.widgets.speedup_choice import mark_colour
from workbench.ui.widgets.token_cells import after_pct, is_partial, pct, prob_colour, token_label, token_tip

TOKEN_COLUMNS = ("#", QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Token"), QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Prob"),
                 QtCore.QT_TRANSLATE_NOOP("GenerateTab", "After"), QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Rank"),
                 QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Entropy"))


_tr = translator("GenerateTab")


class TokenTableModel(QtCore.QAbstractTableModel):
    """One row per generated token; rows are appended in batches while streaming."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.tokens: list[TokenEvent] = []

    def reset(self, tokens: list[TokenEvent]) -> None:
        self.beginResetModel()
        self.tokens = list(tokens)
        self.endResetModel()

    def append(self, tokens: list[TokenEvent]) -> None:
        if tokens:
            start = len(self.tokens)
            self.beginInsertRows(QtCore.QModelIndex(), start, start + len(tokens) - 1)
            self.tokens.extend(tokens)
            self.endInsertRows()

    def rowCount(self, parent=QtCore.QModelIndex()):
        return 0 if parent.isValid() else len(self.tokens)

    def columnCount(self, parent=QtCore.QModelIndex()):
        return len(TOKEN_COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return _tr(TOKEN_COLUMNS[section])
        if orientation == Qt.Horizontal and role == Qt.ToolTipRole:
            return (self.tr("Position among the generated tokens"), self.tr("The token, whitespace shown as · and ↵"),
                    self.tr("The model's probability of this token, before any sampling filter"),
                    self.tr("The probability it had in the distribution actually sampled from (after temperature, "
                    "top-k, top-p, ...)"), self.tr("1 = the model's likeliest token"),
                    self.tr("How unsure the model was: 0 = certain; each bit doubles the number of equally likely choices"))[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        t = self.tokens[index.row()]
        col = index.column()
        if role == Qt.DisplayRole:
            return (str(t.index), token_label(t), pct(t.prob), after_pct(t.prob_after),
                    "" if t.rank is None else str(t.rank),
                    "" if t.entropy_bits is None else f"{t.entropy_bits:.2f}")[col]
        if role == Qt.ToolTipRole:
            return token_tip(t) + self._mark_tip(t)
        if role == Qt.ForegroundRole and col == 1 and is_partial(t):
            return QtGui.QColor(PARTIAL_GREY)
        if role == Qt.BackgroundRole and col == 2:
            return prob_colour(t.prob)
        if role == Qt.BackgroundRole and col == 1:
            return mark_colour(t.mark)  # speculative decoding: proposed and kept, or rejected
        if role == Qt.TextAlignmentRole and col != 1:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None


    def _mark_tip(self, t: TokenEvent) -> str:
        if t.mark == "accepted":
            return "\n" + self.tr("Proposed, and kept by the model")
        if t.mark == "rejected":
            return "\n" + self.tr("The model rejected the proposed token id {id}; this is its own").format(id=t.drafted)
        return ""


class SettingsPanel(QtWidgets.QWidget):
    """Every sampling control, with ranges from core (invalid values cannot be typed) and plain tooltips."""

    def __init__(self, parent=None):
        super().__init__(parent)
        form = QtWidgets.QFormLayout(self)
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.AllNonFixedFieldsGrow)
        form.setContentsMargins(0, 0, 0, 0)
        self.greedy = QtWidgets.QCheckBox(self.tr("Greedy"))
        self.greedy.setToolTip(self.tr("Greedy: pick the likeliest token every time: the same prompt always gives the same text. "
                               "The sampling controls below are then not used."))
        form.addRow(self.greedy)
        self.boxes: dict[str, QtWidgets.QAbstractSpinBox] = {}
        labels = {"temperature": self.tr("Temperature"), "top_k": "Top-k", "top_p": "Top-p", "min_p": "Min-p",
                  "typical_p": "Typical-p", "repetition_penalty": self.tr("Repetition penalty"),
                  "no_repeat_ngram_size": self.tr("No-repeat n-gram"), "num_beams": self.tr("Beams"),
                  "max_new_tokens": self.tr("Max new tokens"), "top_probs": self.tr("Alternatives shown")}
        for name, label in labels.items():
            rng = RANGES[name]
            if rng.decimals:
                box = QtWidgets.QDoubleSpinBox()
                box.setDecimals(rng.decimals)
                box.setSingleStep(rng.step)
            else:
                box = QtWidgets.QSpinBox()
            box.setRange(rng.low, rng.high)
            box.setToolTip(translate("core", rng.help) + "\n" + self.tr("Range {low:g} to {high:g}.").format(low=rng.low, high=rng.high))
            box.setAccelerated(True)
            self.boxes[name] = box
            form.addRow(label, box)
        self.stop = QtWidgets.QLineEdit()
        self.stop.setPlaceholderText(self.tr(r"e.g.  \n\n | User:"))
        self.stop.setToolTip(self.tr("Stop when the generated text contains one of these. Separate several with | ; "
                             r"write \n for a new line. The text is cut before the stop string."))
        form.addRow(self.tr("Stop strings"), self.stop)
        self.fixed_seed = QtWidgets.QCheckBox(self.tr("Fixed"))
        self.fixed_seed.setToolTip(self.tr("With a fixed seed, the same settings give the same text every time. "
                                   "Without it, each run uses a new seed (shown after the run)."))
        self.seed = QtWidgets.QSpinBox()
        self.seed.setRange(int(RANGES["seed"].low), int(RANGES["seed"].high))
        self.seed.setToolTip(translate("core", RANGES["seed"].help))
        seed_row = QtWidgets.QHBoxLayout()
        seed_row.addWidget(self.fixed_seed)
        seed_row.addWidget(self.seed, 1)
        form.addRow(self.tr("Seed"), seed_row)
        self.greedy.toggled.connect(self._sync)
        self.fixed_seed.toggled.connect(self._sync)
        self.set_settings(PRESETS["Balanced"])

    def _sync(self) -> None:
        sampling = not self.greedy.isChecked()
        for name in ("temperature", "top_k", "top_p", "min_p", "typical_p"):
            self.boxes[name].setEnabled(sampling)
        self.seed.setEnabled(sampling and self.fixed_seed.isChecked())
        self.fixed_seed.setEnabled(sampling)

    def settings(self) -> SamplingSettings:
        values = {name: box.value() for name, box in self.boxes.items()}
        stops = [s.replace("\\n", "\n").replace("\\t", "\t") for s in self.stop.text().split("|")]
        return SamplingSettings(greedy=self.greedy.isChecked(), stop=[s for s in stops if s.strip(" ")],
                                seed=self.seed.value() if self.fixed_seed.isChecked() else None,
                                **{k: (int(v) if not RANGES[k].decimals else float(v)) for k, v in values.items()})

    def set_settings(self, settings: SamplingSettings) -> None:
        for name, box in self.boxes.items():
            box.setValue(getattr(settings, name))
        self.greedy.setChecked(settings.greedy)
        self.stop.setText(" | ".join(s.replace("\n", "\\n").replace("\t", "\\t") for s in settings.stop))
        self.fixed_seed.setChecked(settings.seed is not None)
        if settings.seed is not None:
            self.seed.setValue(settings.seed)
        self._sync()


class OutputView(QtWidgets.QTextEdit):
    """Streaming text: new pieces are inserted at the end (never re-rendering the document)."""

    token_clicked = Signal(int)  # index of the generated token under a click

    def __init__(self, parent=None):
        super().__init__(parent)
        self.token_ends: list[int] = []  # where each token's text ends in the document, for clicks
        self.setReadOnly(True)
        self.setFont(QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.GeneralFont))
        self.shown = ""
        self.colour = False

    def start(self, prefix: str = "") -> None:
        self.clear()
        self.shown = ""
        self.token_ends = []
        if prefix:
            self._insert(prefix, None)
            self.shown = prefix

    def add(self, event: TokenEvent) -> None:
        text = event.text_so_far
        if text.startswith(self.shown):
            piece = text[len(self.shown):]
        else:  # decoding with the new token changed the tail (rare): replace that tail only
            common = len(os.path.commonprefix((self.shown, text)))
            cursor = QtGui.QTextCursor(self.document())
            cursor.movePosition(QtGui.QTextCursor.End)
            cursor.movePosition(QtGui.QTextCursor.Left, QtGui.QTextCursor.KeepAnchor, len(self.shown) - common)
            cursor.removeSelectedText()
            self.shown = self.shown[:common]
            piece = text[common:]
        if piece:
            self._insert(piece, event.prob if self.colour else None, event)
            self.shown += piece
        self.token_ends.append(len(self.shown))

    def mouseReleaseEvent(self, event):  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() == Qt.LeftButton and not self.textCursor().hasSelection():
            import bisect

            index = bisect.bisect_right(self.token_ends, self.cursorForPosition(event.position().toPoint()).position())
            if index < len(self.token_ends):
                self.token_clicked.emit(index)

    def _insert(self, text: str, prob: float | None, event: TokenEvent | None = None) -> None:
        cursor = QtGui.QTextCursor(self.document())
        cursor.movePosition(QtGui.QTextCursor.End)
        fmt = QtGui.QTextCharFormat()
        if prob is not None:
            fmt.setBackground(prob_colour(prob))
            # the text appears with the token that completes its characters: that token's bytes and id
            fmt.setToolTip(self.tr("probability {p}").format(p=pct(prob))
                           + (f"\n{token_tip(event)}" if event is not None else ""))
        cursor.insertText(text, fmt)
        bar = self.verticalScrollBar()
        if bar.value() >= bar.maximum() - 40:
            bar.setValue(bar.maximum())
