"""The token inspector's "Logits → probabilities" page: the clicked step's softmax, on its real numbers.

The step is recomputed on a worker by the model itself (``core.inspect.softmax_steps``) and checked
against the probabilities the generation recorded; the page shows the check.
"""

from __future__ import annotations

from workbench.core.inspect.softmax_steps import SoftmaxSteps, softmax_steps
from workbench.ui.qt import QtGui, QtWidgets, Qt
from workbench.ui.widgets import PARTIAL_GREY, WhenShown, show_progress
from workbench.ui.widgets.token_cells import pct, prob_colour, token_table, visible
from workbench.ui.workers import ErrorInfo, LatestRequest

CHECK_LIMIT = 1e-4  # above this the recorded and recomputed steps differ (another dtype, engine or int8)


class LogitsPanel(QtWidgets.QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.target = None
        self.result: SoftmaxSteps | None = None
        self._jobs = LatestRequest(ctx.pool)
        self._when_shown = WhenShown(self, self.compute)
        v = QtWidgets.QVBoxLayout(self)
        v.setContentsMargins(2, 4, 2, 2)
        self.formula = QtWidgets.QLabel()
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.shape = QtWidgets.QLabel()
        self.shape.setWordWrap(True)
        self.shape.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.columns = [self.tr("Token"), self.tr("logit z"), self.tr("z / T"), self.tr("− max"), self.tr("exp"),
                        self.tr("÷ Σ = p"), self.tr("p (T = 1)"), self.tr("after filters")]
        self.table = token_table(self.columns, stretch_first=False)
        tips = [self.tr("The token (bold: the one chosen at this step)"),
                self.tr("z: the model's raw logit for the token, a row of outputs.logits"),
                self.tr("The logit divided by the temperature T (after the repetition penalty, if any)"),
                self.tr("z/T minus the largest z/T over the whole vocabulary: the largest becomes 0, so exp never "
                        "overflows; the probabilities do not change"),
                self.tr("exp of the shifted value: between 0 and 1"),
                self.tr("exp divided by the sum of exp over the whole vocabulary: the probability at temperature T"),
                self.tr("softmax(z) at T = 1: the model's own probability (“before filters” in the table)"),
                self.tr("After top-k, top-p and min-p: the kept tokens' exp divided by their own sum; this is what "
                        "the token was drawn from. ✗ and the filter's name: that filter removed the token (it "
                        "could not be drawn)")]
        for c, tip in enumerate(tips):
            self.table.horizontalHeaderItem(c).setToolTip(tip)
        self.sums = QtWidgets.QLabel()
        self.sums.setWordWrap(True)
        self.filters = QtWidgets.QLabel()
        self.filters.setWordWrap(True)
        self.check = QtWidgets.QLabel()
        self.check.setWordWrap(True)
        self.check.setTextInteractionFlags(Qt.TextSelectableByMouse)
        for widget in (self.formula, self.shape, self.progress):
            v.addWidget(widget)
        v.addWidget(self.table, 1)
        for widget in (self.sums, self.filters, self.check):
            v.addWidget(widget)
        self._clear()

    def set_target(self, target) -> None:
        """A new clicked token: its step is computed when this page is visible (the newest click wins)."""
        self.target = target
        self.result = None
        self._clear()
        self._when_shown.drop()
        if target is None:
            return
        if target.engine != "transformers":
            self.shape.setText(self.tr("This token came from llama.cpp: switch to transformers (above) to "
                                       "recompute its step."))
        else:
            self._when_shown.request()

    def compute(self) -> None:
        target = self.target
        if target is None:
            return
        self.shape.setText(self.tr("Running the model on the {n} tokens before this one…").format(
            n=len(target.context_ids)))
        self.progress.setRange(0, 0)
        self.progress.show()
        recorded = [(i, alt[1], alt[2]) for i, alt in zip(target.alternative_ids, target.alternatives)]
        self._jobs.submit(softmax_steps, self.ctx.service, target.model, target.context_ids, target.settings,
                          target.token_id, recorded, top=10, name="softmax-steps", on_success=self.show_result,
                          on_error=self._failed, on_events=lambda events: show_progress(self.progress, events))

    def _failed(self, info: ErrorInfo) -> None:
        self.progress.hide()
        self.shape.setText(self.tr("⚠ {message} {hint}").format(message=info.message, hint=info.hint))

    def _clear(self) -> None:
        self.formula.setText(self.tr("<b>softmax(z/T)<sub>i</sub> = exp((z<sub>i</sub> − max z)/T) / "
                                     "Σ<sub>j</sub> exp((z<sub>j</sub> − max z)/T)</b>"))
        self.shape.setText(self.tr("Click a generated token to see how its step's logits became probabilities."))
        self.table.setRowCount(0)
        for label in (self.sums, self.filters, self.check):
            label.setText("")
        self.progress.hide()

    def show_result(self, result: SoftmaxSteps) -> None:
        self.progress.hide()
        self.result = result
        batch, sequence, vocab = result.shape
        self.shape.setText(self.tr("outputs.logits has shape [{b}, {s}, {v}] = [batch, sequence, vocabulary]; row "
                                   "{row} (the last token of the context) is this step's logits z, one per token of "
                                   "the vocabulary.").format(b=batch, s=sequence, v=f"{vocab:,}", row=result.position))
        self._fill_table(result)
        shown = sum(r.exp for r in result.rows)
        self.sums.setText(self.tr("T = {t:g}. Σ exp over all {v} tokens = {total:.6g} (the {n} rows shown: {shown:.6g}, "
                                  "the other {rest} tokens: {other:.6g}). After the filters {kept} tokens are left; "
                                  "their Σ exp = {kept_sum:.6g} divides their exp.").format(
            t=result.temperature, v=f"{vocab:,}", total=result.sum_exp, n=len(result.rows), shown=shown,
            rest=f"{vocab - len(result.rows):,}", other=result.sum_exp - shown, kept=f"{result.kept:,}",
            kept_sum=result.sum_exp_kept))
        self.filters.setText(self._stages_text(result))
        self.check.setText(self._check_text(result))

    def _fill_table(self, result: SoftmaxSteps) -> None:
        self.table.setRowCount(len(result.rows))
        for r, row in enumerate(result.rows):
            after = "✗ " + self._stage_name(row.removed_by) if row.removed_by else pct(row.prob_after_filters)
            cells = (visible(row.token), f"{row.logit:.3f}", f"{row.scaled:.3f}", f"{row.shifted:.3f}",
                     f"{row.exp:.4g}", pct(row.prob), pct(row.model_prob), after)
            for c, text in enumerate(cells):
                item = QtWidgets.QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if c == 0:
                    item.setToolTip(self.tr("id {id}").format(id=row.id))
                    if row.token.startswith("‹"):
                        item.setForeground(QtGui.QColor(PARTIAL_GREY))
                if c == 5:
                    item.setBackground(prob_colour(row.prob))
                if row.removed_by and c == 7:
                    item.setForeground(self.palette().placeholderText())
                    item.setToolTip(self.tr("Removed by {filter}: it could not be drawn").format(
                        filter=self._stage_name(row.removed_by)))
                if row.chosen:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)

    def _stage_name(self, name: str) -> str:
        return {"temperature": self.tr("temperature"), "top_k": self.tr("top-k"), "top_p": self.tr("top-p"),
                "min_p": self.tr("min-p"), "typical_p": self.tr("typical-p"),
                "repetition_penalty": self.tr("repetition penalty"),
                "no_repeat_ngram_size": self.tr("no-repeat n-gram")}.get(name, name)

    def _stages_text(self, result: SoftmaxSteps) -> str:
        if result.greedy:
            return self.tr("Greedy decoding: the token with the largest logit is taken; no temperature and no "
                           "filters.")
        if not result.stages:
            return self.tr("No filter is on: every token can be drawn, with the probability p.")
        parts = []
        for stage in result.stages:
            if stage.name == "temperature":
                parts.append(self.tr("divide by T = {t:g}").format(t=stage.value))
            elif stage.name == "repetition_penalty":
                parts.append(self.tr("repetition penalty {v:g} on the tokens already in the text").format(v=stage.value))
            else:
                parts.append(self.tr("{name} = {value:g} removed {removed}, {kept} left").format(
                    name=self._stage_name(stage.name), value=stage.value, removed=f"{stage.removed:,}",
                    kept=f"{stage.kept:,}"))
        return self.tr("In the order generate applies them: {stages}.").format(stages="; ".join(parts))

    def _check_text(self, result: SoftmaxSteps) -> str:
        if result.max_err_vs_recorded is None:
            return self.tr("Check: the generation recorded no probabilities for this step to compare with.")
        worst = max(result.max_err_vs_recorded, result.max_err_after_vs_recorded or 0.0)
        text = self.tr("Check: recomputed here vs recorded during generation, max |difference| = {before:.1e} "
                       "(p at T = 1) and {after} (after filters).").format(
            before=result.max_err_vs_recorded,
            after="–" if result.max_err_after_vs_recorded is None else f"{result.max_err_after_vs_recorded:.1e}")
        if worst > CHECK_LIMIT:
            text = "⚠ " + text + " " + self.tr("The recomputed step differs from the generated one (a different "
                                               "precision, quantisation or engine); the numbers are this model's.")
        return text

    def shutdown(self) -> None:
        job = self._jobs.job
        if job is not None:
            job.cancel()
            job.wait(10)
