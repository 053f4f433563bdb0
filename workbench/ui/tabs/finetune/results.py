"""Fine-tune tab pieces that explain a run: the settings chosen (with reasons), the base-vs-fine-tuned view
(both validation losses and held-out answers side by side) and what a run folder records for repeating it."""

from __future__ import annotations

import html

from workbench.core.finetune.compare import ComparedRow
from workbench.ui.i18n import translator
from workbench.ui.qt import QtCore, QtGui, QtWidgets

translate = QtCore.QCoreApplication.translate
SETTING_LABELS = {"epochs": QtCore.QT_TRANSLATE_NOOP("FinetuneResults", "Epochs"),
                  "max_steps": QtCore.QT_TRANSLATE_NOOP("FinetuneResults", "Max steps"),
                  "lr": QtCore.QT_TRANSLATE_NOOP("FinetuneResults", "Learning rate"),
                  "lora_r": QtCore.QT_TRANSLATE_NOOP("FinetuneResults", "LoRA rank"),
                  "lora_alpha": QtCore.QT_TRANSLATE_NOOP("FinetuneResults", "LoRA alpha"),
                  "lora_targets": QtCore.QT_TRANSLATE_NOOP("FinetuneResults", "LoRA targets"),
                  "lora_dropout": QtCore.QT_TRANSLATE_NOOP("FinetuneResults", "LoRA dropout"),
                  "warmup": QtCore.QT_TRANSLATE_NOOP("FinetuneResults", "Warm-up")}


_tr = translator("FinetuneResults")  # for the texts marked above


def plan_html(plan: dict, warnings: list[str] | None = None) -> str:
    """The settings a run uses, each with why; warnings (a run too short to change the model) first, in red."""
    lines = [f"<span style='color:#c0392b'><b>{html.escape(w)}</b></span>"
             for w in (plan.get("warnings") if warnings is None else warnings) or []]
    for choice in plan.get("choices", []):
        label = _tr(SETTING_LABELS.get(choice["setting"], choice["setting"]))
        value = choice["value"]
        value = f"{value:g}" if isinstance(value, float) else str(value)
        lines.append(f"<b>{html.escape(label)}</b> {html.escape(value)}: {html.escape(choice['reason'])}")
    return "<br>".join(lines)


def verdict_text(comparison: dict) -> str:
    base, tuned = comparison.get("base_eval_loss"), comparison.get("eval_loss")
    if base is None or tuned is None:
        return ""
    if comparison.get("improved"):
        return translate("FinetuneResults", "Validation loss: base model {base:.3f} → fine-tuned {tuned:.3f}. The "
                         "model learned from the data.").format(base=base, tuned=tuned)
    return translate("FinetuneResults", "Validation loss: base model {base:.3f} → fine-tuned {tuned:.3f}. It did "
                     "not improve: the model has not learned from this data (try more epochs, a higher learning "
                     "rate or more rows).").format(base=base, tuned=tuned)


def record_html(record: dict) -> str:
    """Seed, data hash, base model and library versions of a run, for the Runs page."""
    if not record:
        return ""
    model = record.get("base_model") or {}
    versions = record.get("versions") or {}
    parts = [translate("FinetuneResults", "Seed {seed}").format(seed=record.get("seed")),
             translate("FinetuneResults", "data SHA-256 {hash}").format(
                 hash=str(record.get("data_sha256", ""))[:12]),
             translate("FinetuneResults", "base model {hash}").format(
                 hash=(model.get("revision") or str(model.get("sha256", ""))[:12])),
             " ".join(f"{k} {versions[k]}" for k in ("torch", "transformers", "peft") if k in versions)]
    if record.get("deterministic"):
        parts.append(translate("FinetuneResults", "full determinism"))
    text = html.escape(", ".join(p for p in parts if p))
    if record.get("determinism"):
        text += "<br>" + html.escape(record["determinism"])
    return text


class BeforeAfterView(QtWidgets.QWidget):
    """Held-out rows answered by the base model and the fine-tuned one, side by side, under the two losses."""

    COLUMNS = (QtCore.QT_TRANSLATE_NOOP("FinetuneResults", "Row"), QtCore.QT_TRANSLATE_NOOP("FinetuneResults", "Input"),
               QtCore.QT_TRANSLATE_NOOP("FinetuneResults", "Base model"),
               QtCore.QT_TRANSLATE_NOOP("FinetuneResults", "Fine-tuned"),
               QtCore.QT_TRANSLATE_NOOP("FinetuneResults", "Expected"))
    MAX_LINES = 3

    def __init__(self, parent=None):
        super().__init__(parent)
        self.verdict = QtWidgets.QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(QtCore.Qt.TextSelectableByMouse)
        self.table = QtWidgets.QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([_tr(c) for c in self.COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeToContents)
        for col in range(1, len(self.COLUMNS)):
            header.setSectionResizeMode(col, QtWidgets.QHeaderView.Stretch)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)

    # The table's API, so callers (and tests) can read rows as before.
    def rowCount(self) -> int:
        return self.table.rowCount()

    def item(self, row: int, col: int):
        return self.table.item(row, col)

    def clear(self) -> None:
        self.table.setRowCount(0)
        self.verdict.setText("")

    def show_comparison(self, comparison: dict) -> None:
        rows = [ComparedRow(r["row"], r["input"], r["expected"], r["base"], r["tuned"])
                for r in comparison.get("rows", [])]
        self.show_rows(rows, comparison)

    def show_rows(self, rows: list[ComparedRow], comparison: dict | None = None) -> None:
        verdict = verdict_text(comparison or {})
        changed = sum(r.changed for r in rows)
        counts = translate("FinetuneResults", "{changed} of {n} held-out answers changed (in bold).").format(
            changed=changed, n=len(rows))
        self.verdict.setText(f"{verdict} {counts}".strip() if rows else verdict)
        bold = QtGui.QFont()
        bold.setBold(True)
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for col, value in enumerate((str(row.row), row.input, row.base, row.tuned, row.expected)):
                empty = translate("FinetuneResults", "(no answer)") if col in (2, 3) else ""
                item = QtWidgets.QTableWidgetItem(value or empty)
                if not value:
                    item.setForeground(QtGui.QColor("#888888"))
                item.setToolTip(value)
                if col == 3 and row.changed:
                    item.setFont(bold)
                self.table.setItem(i, col, item)
        self.table.resizeRowsToContents()
        tallest = self.fontMetrics().lineSpacing() * self.MAX_LINES + 8  # long answers: the tooltip has the rest
        for i in range(len(rows)):
            self.table.setRowHeight(i, min(self.table.rowHeight(i), tallest))


def auto_args(*options: tuple[str, object, object]) -> list[str]:
    """Command-line options for fields left at "auto" (their ``auto`` value) are omitted: the run chooses."""
    out: list[str] = []
    for flag, value, auto in options:
        if value != auto:
            out += [flag, str(value)]
    return out


def format_metrics(metrics: dict) -> str:
    """The first three headline metrics of a run, for a table cell or a status line."""
    shown = []
    for key in ("accuracy", "macro_f1", "perplexity", "bleu", "rouge1", "rougeL", "eval_loss"):
        value = metrics.get(key)
        if isinstance(value, (int, float)):
            shown.append(f"{key} {value:.3g}")
    return ", ".join(shown[:3])
