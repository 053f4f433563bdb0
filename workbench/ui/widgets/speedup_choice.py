"""Generate's "Speed-up" choice: speculative decoding off, by prompt lookup, or with a draft model; the
acceptance rate and speed-up as they happen, and the legend of the token marks."""

from __future__ import annotations

from workbench.core.i18n import translate
from workbench.core.speculative import MAX_TOKENS, MODES, WORTH_IT, Speculation, SpeculationStats
from workbench.ui.qt import QtGui, QtWidgets

# how the token table marks each token (TokenEvent.mark)
MARK_COLOURS = {"accepted": "#b9e6c9", "rejected": "#f6c2a8"}


def mark_colour(mark: str) -> QtGui.QColor | None:
    colour = MARK_COLOURS.get(mark)
    return QtGui.QColor(colour) if colour else None


class SpeedupChoice(QtWidgets.QGroupBox):
    """Off / prompt lookup N / draft model; ``speculation()`` is the choice as core takes it."""

    def __init__(self, parent=None):
        super().__init__(self.tr("Speed-up"), parent)
        form = QtWidgets.QFormLayout(self)
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.AllNonFixedFieldsGrow)
        self.mode = QtWidgets.QComboBox()
        for key, name in MODES.items():
            self.mode.addItem(translate("core", name), key)
        self.mode.setToolTip(self.tr(
            "Speculative decoding: something cheap proposes several tokens and the model checks them all in one "
            "pass. Prompt lookup copies what followed the same words earlier in the prompt (good for rewriting, "
            "summarising, editing code); a draft model is a smaller model with the same tokenizer. The text is the "
            "one the model would write anyway: greedy gives the same tokens, sampling the same distribution."))
        form.addRow(self.tr("Method"), self.mode)
        self.tokens = QtWidgets.QSpinBox()
        self.tokens.setRange(1, MAX_TOKENS)
        self.tokens.setValue(10)
        self.tokens.setToolTip(self.tr("The most tokens proposed at once (around 10 for prompt lookup, 4 to 6 "
                                       "for a draft model)."))
        form.addRow(self.tr("Tokens at once"), self.tokens)
        self.draft = QtWidgets.QLineEdit()
        self.draft.setPlaceholderText(self.tr("a smaller model of the same family"))
        self.draft.setToolTip(self.tr("The draft model: short name, store name, hub id or folder. It must use "
                                      "the same tokenizer as the model."))
        form.addRow(self.tr("Draft model"), self.draft)
        kept, rejected = self.tr("proposed and kept"), self.tr("proposal rejected: the model’s own")
        plain = self.tr("plain: generated normally")
        self.legend = QtWidgets.QLabel(
            f"<span style='background:{MARK_COLOURS['accepted']}'>&nbsp;{kept}&nbsp;</span> "
            f"<span style='background:{MARK_COLOURS['rejected']}'>&nbsp;{rejected}&nbsp;</span> {plain}")
        self.legend.setWordWrap(True)
        self.legend.setToolTip(self.tr("How the token table marks each token while speculative decoding is on"))
        form.addRow(self.legend)
        self.live = QtWidgets.QLabel("")
        self.live.setWordWrap(True)
        form.addRow(self.live)
        self.mode.currentIndexChanged.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        mode = self.mode.currentData()
        form = self.layout()
        form.setRowVisible(self.tokens, mode != "off")  # rows only where they apply: the panel is narrow
        form.setRowVisible(self.draft, mode == "draft")
        self.tokens.setEnabled(mode != "off")
        self.draft.setEnabled(mode == "draft")
        self.legend.setVisible(mode != "off")
        self.live.setVisible(mode != "off")
        if mode == "off":
            self.live.setText("")

    def speculation(self) -> Speculation:
        return Speculation(self.mode.currentData(), self.tokens.value(), self.draft.text().strip())

    def set_engine(self, engine: str) -> None:
        """The llama.cpp engine has no speculative decoding here: said, not faked."""
        llamacpp = engine == "llamacpp"
        self.setEnabled(not llamacpp)
        self.setToolTip(self.tr("Speculative decoding runs on the transformers engine only.") if llamacpp else "")
        if llamacpp:
            self.mode.setCurrentIndex(0)

    def start(self) -> None:
        self.live.setText(self.tr("Waiting for the first proposals…") if self.mode.currentData() != "off" else "")

    def show_stats(self, stats: SpeculationStats) -> None:
        rate = stats.acceptance_rate
        text = self.tr("{accepted} of {proposed} proposed tokens kept ({rate}) · {passes} passes for {n} tokens").format(
            accepted=stats.accepted, proposed=stats.proposed, passes=stats.passes, n=stats.tokens,
            rate="–" if rate is None else f"{rate:.0%}")
        speedup = stats.speedup
        if speedup is not None:
            text += "\n" + self.tr("Speed-up ×{speedup:.2f} ({fast:.1f} against {plain:.1f} tokens/s without "
                                   "proposals)").format(speedup=speedup, fast=stats.tok_s, plain=1 / stats.plain_step_s)
            if speedup < WORTH_IT and stats.tokens >= 16:
                text += "\n⚠ " + self.tr("Slower than without speculation here: the proposals are mostly wrong "
                                         "(free-form text). Turn the speed-up off for text like this.")
        self.live.setText(text)
