"""The Fine-tune tab: its pages (Data, Train, Runs, From scratch) and the controller that ties them to the
jobs: reading and checking the table on workers, the training and estimate child processes, the runs."""

from __future__ import annotations

import time
from pathlib import Path

from workbench.core import paths
from workbench.core.finetune import runs
from workbench.core.finetune.check import check_data, read_and_guess
from workbench.core.finetune.compare import compare_with_base
from workbench.core.finetune.validate import DataSpec
from workbench.core.units import human_bytes, human_seconds
from workbench.ui.i18n import translator
from workbench.ui.qt import QtCore, QtWidgets, Qt, Signal
from workbench.ui.tabs.base import SmokeDone, WorkbenchTab
from workbench.ui.tabs.finetune.data_page import EXAMPLE, DataPage
from workbench.ui.tabs.finetune.pretrain_page import PretrainPage
from workbench.ui.tabs.finetune.results import format_metrics, plan_html, verdict_text
from workbench.ui.tabs.finetune.runs_page import RunsPage
from workbench.ui.tabs.finetune.train_page import TrainPage
from workbench.ui.tabs.finetune.training_run import ChildRun, last_error_line, run_failure, show_run_end
from workbench.ui.workers import ErrorInfo, JobSlot, LatestRequest

TRY_TAB = {"classification": "Tasks", "causal-lm": "Generate", "seq2seq": "Tasks"}
VERDICTS = {"fits": QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "fits"),
            "tight": QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "tight"),
            "will not fit": QtCore.QT_TRANSLATE_NOOP("FinetuneTab", "will not fit")}
_tr = translator("FinetuneTab")


class FinetuneTab(WorkbenchTab):
    title = QtCore.QT_TRANSLATE_NOOP("Tabs", "Fine-tune")
    run_ended = Signal(str)  # final status: finished | cancelled | failed

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.report = None
        self.child: ChildRun | None = None
        self.preflight_child: ChildRun | None = None
        self.run_dir: Path | None = None
        self.last_result: dict = {}
        self._checks = LatestRequest(ctx.pool)
        self._started = 0.0
        self._run_task = ""
        self._estimated = False  # the last estimate run reported its figures
        self._build()
        ctx.library_changed.connect(self._fill_models)
        ctx.model_changed.connect(self._model_changed)
        self._fill_models(ctx.entries)
        self.runs.refresh()
        self._schedule_check()

    # ---- pages --------------------------------------------------------------------------------
    def _build(self) -> None:
        self.data, self.train, self.runs = DataPage(), TrainPage(), RunsPage()
        self.pages = QtWidgets.QTabWidget()
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.data, self.tr("1. Data"))
        self.pages.addTab(self.train, self.tr("2. Train"))
        self.pages.addTab(self.runs, self.tr("3. Runs"))
        # The "From scratch" page (a form and six charts, ~250 ms to build on a slow computer) is built when
        # first shown or used, so opening the tab does not wait for it.
        self._scratch = None
        self._scratch_index = self.pages.addTab(QtWidgets.QWidget(), self.tr("From scratch"))
        self.pages.currentChanged.connect(self._page_shown)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)

        self.data.open_requested.connect(self.open_data)
        self.data.changed.connect(self._schedule_check)
        self.train.changed.connect(self._schedule_check)
        self.train.estimate_button.clicked.connect(self.start_preflight)
        self.train.start_button.clicked.connect(self.start_training)
        self.train.cancel_button.clicked.connect(self.cancel)
        self.train.log_button.clicked.connect(lambda: self.show_log())
        self.train.try_button.clicked.connect(lambda: self.try_model(self.last_result))
        self.runs.resume_requested.connect(self.resume_selected)
        self.runs.compare_curves_requested.connect(self.compare_runs)
        self.runs.compare_base_requested.connect(self.compare_selected_with_base)
        self.runs.try_requested.connect(self._try_selected)
        self.runs.export_requested.connect(self._export_selected)
        self.runs.run_again_requested.connect(self.run_selected_again)
        self.runs.log_requested.connect(lambda: self.show_log(self.runs.selected_run()))
        self.comparing = JobSlot(self.ctx.pool, self, status=self.runs.run_detail.setText)
        self.comparing.running_changed.connect(self._update_buttons)
        self._update_buttons()

    @property
    def scratch(self) -> PretrainPage:
        if self._scratch is None:
            self._scratch = PretrainPage(self.ctx)
            current = self.pages.currentIndex()
            placeholder = self.pages.widget(self._scratch_index)
            self.pages.blockSignals(True)  # the same page stays current: nothing to announce
            self.pages.removeTab(self._scratch_index)
            self.pages.insertTab(self._scratch_index, self._scratch, self.tr("From scratch"))
            self.pages.setCurrentIndex(current)
            self.pages.blockSignals(False)
            placeholder.deleteLater()
        return self._scratch

    def _page_shown(self, index: int) -> None:
        if index == self._scratch_index:
            _ = self.scratch  # builds it

    @property
    def busy(self) -> bool:
        return bool((self.child and self.child.running) or (self.preflight_child and self.preflight_child.running))

    def _update_buttons(self, *_) -> None:
        ready = self.report is not None and self.report.ok and self.data.table is not None
        busy = self.busy
        self.train.start_button.setEnabled(ready and not busy)
        self.train.estimate_button.setEnabled(ready and not busy)
        self.train.cancel_button.setEnabled(busy)
        self.train.try_button.setEnabled(self.last_result.get("status") == "finished" and not busy)
        self.train.log_button.setEnabled(self.run_dir is not None)
        self.runs.busy, self.runs.comparing = busy, self.comparing.running
        self.runs.update_buttons()

    # ---- data ---------------------------------------------------------------------------------
    def open_data(self, path: Path, task: str | None = None) -> None:
        """Read ``path`` on a worker, show it, guess the columns and check every row."""
        if task:
            self.data.set_task(task)
        self.banner.hide()
        self.data.show_reading(Path(path))
        self.ctx.pool.submit(read_and_guess, Path(path), name="finetune-read",
                             on_success=lambda result: self.data.show_table(*result), on_error=self._table_failed)

    def _table_failed(self, info: ErrorInfo) -> None:
        self.report = None
        self.data.show_unreadable()
        self.banner.show_error(info)
        self._update_buttons()

    def data_spec(self) -> DataSpec | None:
        return self.data.data_spec(self.train.max_length.value())

    def _schedule_check(self, *_) -> None:
        spec = self.data_spec()
        if spec is None:
            return
        if self.data.missing_split_column():
            self.report = None
            self.data.show_split_column_needed()
            self._update_buttons()
            return
        self.data.show_checking()
        self._checks.submit(check_data, spec, self.train.model, self.ctx.library, name="finetune-check",
                            on_success=self._checked, on_error=self.banner.show_error)

    def _checked(self, result) -> None:
        _, report, targets = result
        self.report = report
        self.train.show_lora_targets(targets)
        self.data.show_report(report)
        if not self.busy and self.child is None:
            self.train.status.setText(self.tr("Ready to start.") if report.ok
                                      else self.tr("Fix the errors on the Data page to start."))
        self._update_buttons()

    # ---- training ---------------------------------------------------------------------------
    def _fill_models(self, entries) -> None:
        self.train.fill_models([e.name for e in entries], self.ctx.current_model)

    def _model_changed(self, ref: str) -> None:
        if not self.busy:
            self.train.model_combo.setCurrentText(ref)

    def training_args(self) -> list[str]:
        return self.train.training_args(self.data_spec())

    def start_preflight(self) -> None:
        if self.busy or self.data_spec() is None:
            return
        self.banner.hide()
        self.train.estimate_label.setText(self.tr("Estimating: running a few real training steps…"))
        self._estimated = False
        log = paths.log_dir() / "finetune-preflight.log"
        self.preflight_child = ChildRun(self.training_args() + ["--preflight", "--events", "-"], log, self)
        self.preflight_child.event.connect(self._preflight_event)
        self.preflight_child.ended.connect(self._preflight_ended)
        self.preflight_child.start()
        self._update_buttons()

    def _preflight_event(self, event: dict) -> None:
        if event.get("type") == "preflight":
            text = self.tr(
                "<b>About {time}</b> for {steps} steps ({per_step:.2f} s per step on {device}). Peak memory "
                "{peak} of {available}: <b>{verdict}</b>.").format(
                time=human_seconds(event["estimated_seconds"]), steps=event["total_steps"],
                per_step=event["seconds_per_step"], device=event["device"], peak=human_bytes(event["peak_bytes"]),
                available=human_bytes(event["available_bytes"]),
                verdict=_tr(VERDICTS.get(event["verdict"], event["verdict"])))
            if event.get("plan"):
                text += "<br>" + plan_html(event["plan"], event.get("warnings"))
            self.train.estimate_label.setText(text)
            self._estimated = True
        elif event.get("type") == "error":
            self.banner.show_error(ErrorInfo(event["message"], event.get("hint", "")))

    def _preflight_ended(self, code: int, stderr: str) -> None:
        if code != 0 and not self._estimated:
            self.train.estimate_label.setText(self.tr("The estimate failed; see the message above."))
            if not self.banner.message:
                self.banner.show_error(ErrorInfo(self.tr("The estimate could not run."), last_error_line(stderr),
                                                 stderr))
        self._update_buttons()

    def start_training(self) -> None:
        if self.busy or self.data_spec() is None:
            return
        if self.report is None or not self.report.ok:
            self.banner.show_error(self.tr("The data has problems that block training."),
                                   self.tr("Fix the rows listed under Checks on the Data page."))
            return
        spec = self.data_spec()
        run_dir = runs.new_run_dir(self.train.name.text().strip() or f"{Path(self.train.model).name}-{spec.task}")
        self._launch(self.training_args() + ["--out", str(run_dir)], run_dir, spec.task)

    def resume_selected(self, add_epochs: float = 0.0) -> None:
        summary = self.runs.selected_run()
        if summary is None or self.busy:
            return
        args = ["finetune", "--out", summary.run_dir, "--resume"]
        if add_epochs:
            args += ["--add-epochs", str(add_epochs)]
        self._launch(args, Path(summary.run_dir), summary.task)
        self.train.charts.set_curves(runs.curves(summary.run_dir))

    def run_selected_again(self) -> None:
        """A new run with the selected run's recorded settings and seed (``workbench finetune --repeat``)."""
        r = self.runs.selected_run()
        if r is None or self.busy:
            return
        run_dir = runs.new_run_dir(r.name)
        self._launch(["finetune", "--repeat", r.run_dir, "--out", str(run_dir)], run_dir, r.task)

    def _launch(self, args: list[str], run_dir: Path, task: str) -> None:
        self.banner.hide()
        self.run_dir = run_dir
        self._run_task = task
        self.last_result = {}
        self.train.charts.clear()
        self.train.before_after.hide()
        self.train.progress.setRange(0, 0)
        self.train.progress.setFormat(self.tr("Starting…"))
        self.train.status.setText(self.tr("Starting the training process (run folder {path}).").format(path=run_dir))
        self._started = time.monotonic()
        self.child = ChildRun(args + ["--events", "-"], run_dir / "child.log", self)
        self.child.event.connect(self._on_event)
        self.child.ended.connect(self._child_ended)
        self.child.start()
        self.pages.setCurrentWidget(self.train)
        self._update_buttons()

    def _on_event(self, event: dict) -> None:
        kind, train = event.get("type"), self.train
        if kind == "status":
            train.status.setText(event["message"] + "…")
        elif kind == "start":
            train.charts.set_max_step(int(event["max_steps"]))
            train.progress.setRange(0, max(1, int(event["max_steps"])))
            train.progress.setValue(int(event["step"]))
        elif kind == "progress":
            train.progress.setRange(0, max(1, int(event["max_steps"])))
            train.progress.setValue(int(event["step"]))
            train.progress.setFormat(self.tr("step {step} of {steps} – about {time} left").format(
                step=event["step"], steps=event["max_steps"], time=human_seconds(event.get("eta_s"))))
        elif kind in ("train", "eval"):
            train.charts.add_event(event, "metric_value")
            if kind == "eval":
                train.charts.set_metric_name(event.get("metric_name") or self.tr("Metric"))
        elif kind == "checkpoint":
            train.status.setText(self.tr("Checkpoint saved at step {step}.").format(step=event["step"]))
        elif kind == "plan":
            train.estimate_label.setText(plan_html(event))
        elif kind == "comparison":
            train.before_after.show_comparison(event)
            train.before_after.show()
        elif kind in ("done", "error"):
            self.last_result = event

    def _child_ended(self, code: int, stderr: str) -> None:
        result = self.last_result
        elapsed = human_seconds(time.monotonic() - self._started)
        status = show_run_end(self.train.progress, result)
        if status == "finished":
            name = Path(result.get("model_path", "")).name
            self.train.status.setText(self.tr(
                "Finished in {time}: {metrics}. The model is in the library as {name}.").format(
                time=elapsed, metrics=format_metrics(result.get("metrics", {})), name=name)
                + " " + verdict_text(result) + (" " + result["determinism"] if result.get("determinism") else ""))
            self.ctx.refresh_library()
        elif status == "cancelled":
            self.train.status.setText(result.get("message", self.tr("Cancelled.")) + self.tr(" (Runs page → Resume)"))
        else:
            info = run_failure(result, code, stderr, self.tr("The training process stopped unexpectedly (exit code "
                                                              "{code})."),
                               self.tr("Its log (Log button) says what it was doing. Resume from the last checkpoint "
                                       "on the Runs page."))
            self.train.status.setText(info.message)
            self.banner.show_error(info)
        self.refresh_runs()
        self._update_buttons()
        self.run_ended.emit(status)

    def cancel(self) -> None:
        for child in (self.child, self.preflight_child):
            if child and child.running:
                child.cancel()
        self.train.status.setText(self.tr("Cancelling: stopping after this step and saving a checkpoint…"))

    def show_log(self, summary: runs.RunSummary | None = None) -> None:
        run_dir = Path(summary.run_dir) if summary is not None else self.run_dir
        if run_dir is None:
            return
        parts = []
        for name in ("child.log", runs.EVENTS_FILE):
            try:
                parts.append(f"==== {name} ====\n" + (run_dir / name).read_text(encoding="utf-8")[-20000:])
            except OSError:
                continue
        dialog = QtWidgets.QDialog(self)
        dialog.setWindowTitle(self.tr("Log of {name}").format(name=run_dir.name))
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        text = QtWidgets.QPlainTextEdit("\n".join(parts) or self.tr("Nothing has been logged yet."))
        text.setReadOnly(True)
        text.setLineWrapMode(QtWidgets.QPlainTextEdit.NoWrap)
        QtWidgets.QVBoxLayout(dialog).addWidget(text)
        dialog.resize(800, 500)
        dialog.show()
        self.log_dialog, self.log_view = dialog, text

    # ---- runs ---------------------------------------------------------------------------------
    def refresh_runs(self) -> None:
        self.runs.refresh()

    def compare_runs(self) -> None:
        selected = self.runs.selected_runs()
        if not selected:
            return
        self.train.charts.set_curves(runs.curves(selected[0].run_dir))
        self.train.charts.set_compare(runs.curves(selected[1].run_dir) if len(selected) > 1 else {})
        self.train.status.setText(self.tr("Charts: {name}").format(name=selected[0].name) + (
            self.tr(" (solid) and {name} (dashed)").format(name=selected[1].name) if len(selected) > 1 else ""))
        self.pages.setCurrentWidget(self.train)

    def _try_selected(self) -> None:
        r = self.runs.selected_run()
        if r:
            self.try_model({"status": r.status, "model_path": r.model_path, "task": r.task})

    def _export_selected(self) -> None:
        from workbench.ui.export_dialog import ExportDialog

        r = self.runs.selected_run()
        if r and r.model_path:
            self.export_dialog = ExportDialog(self.ctx, r.model_path, self)
            self.export_dialog.show()

    def try_model(self, result: dict) -> None:
        if result.get("status") != "finished" or not result.get("model_path"):
            return
        task = result.get("task") or self._run_task
        name = Path(result["model_path"]).name
        self.ctx.set_model(name)
        self.ctx.open_in_tab.emit(TRY_TAB.get(task, "Generate"), name)

    def compare_selected_with_base(self) -> None:
        r = self.runs.selected_run()
        if r is None:
            return
        self.runs.comparison.clear()
        self.comparing.submit(compare_with_base, self.ctx.service, r.run_dir, name="finetune-compare",
                              busy=self.tr("Comparing {name} with its base model on held-out rows…").format(name=r.name),
                              on_success=self.runs.show_comparison, on_error=self.banner.show_error)

    # ---- contract -----------------------------------------------------------------------------
    def smoke(self, model: str, done: SmokeDone) -> None:
        """Check the example file's rows with ``model``'s tokenizer (a real validation job)."""
        spec = DataSpec(data=str(EXAMPLE), task="classification", columns={"text": "text", "label": "label"})

        def checked(result):
            _, report, _ = result
            done(report.ok and report.rows > 0, f"{report.rows} example rows checked, "
                                                f"{len(report.problems)} problems")

        self.ctx.pool.submit(check_data, spec, model, self.ctx.library, name="smoke-finetune", on_success=checked,
                             on_error=lambda info: done(False, info.message))

    def shutdown(self) -> None:
        """Cancel the run (it keeps a checkpoint), give it a moment to save, then make sure it is gone."""
        self.train.charts.stop()
        if self._scratch is not None:
            self._scratch.shutdown()
        for child in (self.child, self.preflight_child):
            if child and child.running:
                child.cancel()
                if not child.process.waitForFinished(15000):
                    child.kill()
        self.comparing.shutdown()
