"""The Fine-tune tab's Runs page: every training run with its status, metrics and duration; resume, add
epochs, compare curves, compare with the base model, try it, run again, its log."""

from __future__ import annotations

import time
from pathlib import Path

from workbench.core.finetune import runs
from workbench.core.finetune.compare import ComparedRow
from workbench.core.units import human_seconds
from workbench.ui.i18n import translator
from workbench.ui.qt import QtCore, QtGui, QtWidgets, Qt, Signal
from workbench.ui.tabs.finetune.results import BeforeAfterView, format_metrics, record_html, verdict_text

RUN_COLUMNS = (QtCore.QT_TRANSLATE_NOOP("RunsPage", "Run"), QtCore.QT_TRANSLATE_NOOP("RunsPage", "Status"),
               QtCore.QT_TRANSLATE_NOOP("RunsPage", "Task"), QtCore.QT_TRANSLATE_NOOP("RunsPage", "Base model"),
               QtCore.QT_TRANSLATE_NOOP("RunsPage", "Metrics"), QtCore.QT_TRANSLATE_NOOP("RunsPage", "Duration"),
               QtCore.QT_TRANSLATE_NOOP("RunsPage", "Started"))
RUN_STATUSES = {"finished": QtCore.QT_TRANSLATE_NOOP("RunsPage", "finished"),
                "running": QtCore.QT_TRANSLATE_NOOP("RunsPage", "running"),
                "cancelled": QtCore.QT_TRANSLATE_NOOP("RunsPage", "cancelled"),
                "interrupted": QtCore.QT_TRANSLATE_NOOP("RunsPage", "interrupted"),
                "failed": QtCore.QT_TRANSLATE_NOOP("RunsPage", "failed")}
_tr = translator("RunsPage")


class RunsPage(QtWidgets.QWidget):
    """Widgets only: the buttons ask (signals); the tab's controller acts and sets ``busy`` / ``comparing``."""

    resume_requested = Signal(float)  # epochs to add (0: resume an interrupted run)
    compare_curves_requested = Signal()
    compare_base_requested = Signal()
    try_requested = Signal()
    run_again_requested = Signal()
    log_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.busy = False  # a training run or an estimate is running
        self.comparing = False  # a comparison with the base model is running
        self._build()
        self.update_buttons()

    def _build(self) -> None:
        self.runs_table = QtWidgets.QTableWidget(0, len(RUN_COLUMNS))
        self.runs_table.setHorizontalHeaderLabels([_tr(c) for c in RUN_COLUMNS])
        self.runs_table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectRows)
        self.runs_table.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        self.runs_table.verticalHeader().hide()
        self.runs_table.horizontalHeader().setStretchLastSection(True)
        self.runs_table.itemSelectionChanged.connect(self._show_selected)
        self.run_summaries: list[runs.RunSummary] = []

        self.refresh_button = QtWidgets.QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.resume_button = QtWidgets.QPushButton(self.tr("Resume"))
        self.resume_button.setToolTip(self.tr("Continue an interrupted or cancelled run from its last checkpoint"))
        self.resume_button.clicked.connect(lambda: self.resume_requested.emit(0.0))
        self.add_epochs = QtWidgets.QDoubleSpinBox(minimum=0.5, maximum=100, value=1, decimals=1, prefix="+ ",
                                                 suffix=self.tr(" epochs"))
        self.add_button = QtWidgets.QPushButton(self.tr("Add epochs"))
        self.add_button.setToolTip(self.tr("Train a finished run further"))
        self.add_button.clicked.connect(lambda: self.resume_requested.emit(self.add_epochs.value()))
        self.compare_runs_button = QtWidgets.QPushButton(self.tr("Compare curves"))
        self.compare_runs_button.setToolTip(self.tr("Select two runs: the second is drawn dashed over the first"))
        self.compare_runs_button.clicked.connect(self.compare_curves_requested)
        self.try_run_button = QtWidgets.QPushButton(self.tr("Try it"))
        self.try_run_button.clicked.connect(self.try_requested)
        self.compare_base_button = QtWidgets.QPushButton(self.tr("Compare with base"))
        self.compare_base_button.setToolTip(self.tr("A few held-out rows through the base and the fine-tuned model"))
        self.compare_base_button.clicked.connect(self.compare_base_requested)
        self.run_log_button = QtWidgets.QPushButton(self.tr("Log"))
        self.run_log_button.clicked.connect(self.log_requested)
        self.run_detail = QtWidgets.QLabel()
        self.run_detail.setWordWrap(True)
        self.run_detail.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.comparison = BeforeAfterView()
        self.run_again_button = QtWidgets.QPushButton(self.tr("Run again"))
        self.run_again_button.setToolTip(self.tr("A new run with exactly this run's settings and seed"))
        self.run_again_button.clicked.connect(self.run_again_requested)

        buttons = QtWidgets.QHBoxLayout()
        for w in (self.refresh_button, self.resume_button, self.add_button, self.add_epochs, self.run_log_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        after = QtWidgets.QHBoxLayout()
        for w in (self.try_run_button, self.compare_base_button, self.compare_runs_button, self.run_again_button):
            after.addWidget(w)
        after.addStretch(1)
        splitter = QtWidgets.QSplitter(Qt.Vertical)
        splitter.addWidget(self.runs_table)
        splitter.addWidget(self.comparison)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(after)
        layout.addWidget(self.run_detail)
        layout.addWidget(splitter, 1)
        self.runs_table.itemSelectionChanged.connect(self.update_buttons)

    def refresh(self) -> None:
        selected = self.selected_run()
        self.run_summaries = runs.list_runs()
        self.runs_table.setRowCount(len(self.run_summaries))
        for row, r in enumerate(self.run_summaries):
            values = (r.name, _tr(RUN_STATUSES.get(r.status, r.status)), r.task, Path(r.base_model).name if "/" in r.base_model and
                      Path(r.base_model).exists() else r.base_model, format_metrics(r.metrics),
                      human_seconds(r.duration_s) if r.duration_s else "",
                      time.strftime("%Y-%m-%d %H:%M", time.localtime(r.started)) if r.started else "")
            for col, value in enumerate(values):
                item = QtWidgets.QTableWidgetItem(value)
                if col == 1 and r.status in ("failed", "interrupted"):
                    item.setForeground(QtGui.QColor("#c0392b"))
                if col == 1 and r.message:
                    item.setToolTip(r.message)
                self.runs_table.setItem(row, col, item)
            if selected and r.run_dir == selected.run_dir:
                self.runs_table.selectRow(row)
        self.runs_table.resizeColumnsToContents()
        if not self.run_summaries:
            self.run_detail.setText(self.tr("No runs yet. Every training run appears here, with its status, metrics and "
                                    "duration; a cancelled or interrupted run can be resumed."))
        self.update_buttons()

    def selected_runs(self) -> list[runs.RunSummary]:
        rows = sorted({i.row() for i in self.runs_table.selectionModel().selectedRows()})
        return [self.run_summaries[r] for r in rows if r < len(self.run_summaries)]

    def selected_run(self) -> runs.RunSummary | None:
        selected = self.selected_runs()
        return selected[0] if selected else None

    def select_run(self, run_dir: str) -> None:
        for row, r in enumerate(self.run_summaries):
            if r.run_dir == str(run_dir):
                self.runs_table.selectRow(row)

    def update_buttons(self) -> None:
        selected = self.selected_runs()
        one = selected[0] if len(selected) == 1 else None
        self.resume_button.setEnabled(bool(one and one.status in ("cancelled", "interrupted", "failed"))
                                      and not self.busy)
        self.add_button.setEnabled(bool(one and one.status == "finished") and not self.busy)
        self.try_run_button.setEnabled(bool(one and one.status == "finished" and one.model_path))
        self.compare_base_button.setEnabled(bool(one and one.status == "finished") and not self.comparing)
        self.compare_runs_button.setEnabled(len(selected) in (1, 2))
        self.run_log_button.setEnabled(one is not None)
        self.run_again_button.setEnabled(one is not None and not self.busy)

    def _show_selected(self) -> None:
        r = self.selected_run()
        if r is None:
            self.run_detail.setText("")
            return
        detail = self.tr("<b>{name}</b>: {status}, step {step} of {steps}.").format(
            name=r.name, status=_tr(RUN_STATUSES.get(r.status, r.status)), step=r.step, steps=r.max_steps)
        detail += f" {r.message}"
        if r.model_path:
            detail += "<br>" + self.tr("Model: {path}").format(path=r.model_path)
        matrix = r.metrics.get("confusion_matrix")
        if matrix and r.metrics.get("labels"):
            labels = r.metrics["labels"]
            detail += "<br>" + self.tr("Confusion matrix (rows: true label): ") + "; ".join(
                f"{labels[i]} → " + ", ".join(f"{labels[j]} {n}" for j, n in enumerate(row) if n)
                for i, row in enumerate(matrix))
        if r.comparison:
            detail += "<br>" + verdict_text(r.comparison)
        if r.record:
            detail += "<br>" + record_html(r.record)
        self.run_detail.setText(detail)
        if r.comparison.get("rows"):
            self.comparison.show_comparison(r.comparison)
        else:
            self.comparison.clear()

    def show_comparison(self, rows: list[ComparedRow]) -> None:
        r = self.selected_run()
        self.comparison.show_rows(rows, r.comparison if r else {})
        changed = sum(row.changed for row in rows)
        self.run_detail.setText(self.tr("{n} held-out rows: the fine-tuned model answers differently on "
                                        "{changed} (in bold).").format(n=len(rows), changed=changed))
