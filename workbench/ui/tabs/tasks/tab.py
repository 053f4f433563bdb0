"""The Tasks tab: the list of tasks beside the task's page (or the Metrics page), and the controller that offers
the models that fit, checks whether a model reads Chinese, and runs the task through the tab's job slot."""

from __future__ import annotations

from pathlib import Path

from workbench.core.i18n import translate
from workbench.core.jobs import Progress
from workbench.core.library import ModelEntry
from workbench.core.tasks import (PROMPT_METHODS, TASKS, ChineseSupport, ModelFacts, Task, TaskResult, choose_method,
                                  chinese_support_of, facts_from_entry, read_documents, run_example, run_task,
                                  suggested_task)
from workbench.ui.i18n import translator
from workbench.ui.qt import QtCore, QtWidgets, Qt
from workbench.ui.tabs.base import SmokeDone, WorkbenchTab
from workbench.ui.tabs.metrics_page import METRICS_ITEM, MetricsPage, add_metrics_item
from workbench.ui.tabs.tasks.task_page import TaskPage
from workbench.ui.workers import ErrorInfo, JobSlot, LatestRequest

METHOD_TITLES = {"classifier": QtCore.QT_TRANSLATE_NOOP("TasksTab", "its classifier head"),
                 "nli": QtCore.QT_TRANSLATE_NOOP("TasksTab", "zero-shot NLI"),
                 "prompt-labels": QtCore.QT_TRANSLATE_NOOP("TasksTab", "by prompting"),
                 "token-classification": QtCore.QT_TRANSLATE_NOOP("TasksTab", "its token-classification head"),
                 "qa": QtCore.QT_TRANSLATE_NOOP("TasksTab", "its question-answering head"),
                 "seq2seq": QtCore.QT_TRANSLATE_NOOP("TasksTab", "sequence to sequence"),
                 "prompt-text": QtCore.QT_TRANSLATE_NOOP("TasksTab", "by prompting"),
                 "fill-mask": QtCore.QT_TRANSLATE_NOOP("TasksTab", "its masked-LM head"),
                 "embed": QtCore.QT_TRANSLATE_NOOP("TasksTab", "sentence embeddings"),
                 "chat": QtCore.QT_TRANSLATE_NOOP("TasksTab", "its chat template"),
                 "continue": QtCore.QT_TRANSLATE_NOOP("TasksTab", "plain continuation")}

_tr = translator("TasksTab")


def _all_facts(entries: list[ModelEntry]) -> dict[str, ModelFacts]:
    """Facts of every usable library model (reads small files: run on a worker)."""
    return {e.name: facts_from_entry(e) for e in entries if not e.needs_remote_code}


class TasksTab(WorkbenchTab):
    title = QtCore.QT_TRANSLATE_NOOP("Tabs", "Tasks")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.facts: dict[str, ModelFacts] = {}
        self._pending_model = ""  # "Try it" arrived before the library was read
        self.result: TaskResult | None = None

        self.task_list = QtWidgets.QListWidget()
        for task in TASKS.values():
            item = QtWidgets.QListWidgetItem(translate("core", task.title))
            item.setData(Qt.UserRole, task.name)
            item.setToolTip(translate("core", task.description))
            self.task_list.addItem(item)
        self.task_name = "sentiment"  # the task shown (the Metrics page keeps it)
        self.metrics_page: MetricsPage | None = None
        add_metrics_item(self.task_list)
        self.task_list.setFixedWidth(self.task_list.sizeHintForColumn(0) + 36)
        self.page = TaskPage(ctx.pool)
        self.pages_stack = QtWidgets.QStackedWidget()
        self.pages_stack.addWidget(self.page)
        body = QtWidgets.QHBoxLayout()
        body.addWidget(self.task_list)
        body.addWidget(self.pages_stack, 1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)

        page = self.page
        self.slot = JobSlot(ctx.pool, self, run_buttons=[page.run_button], stop_buttons=[page.stop_button],
                            status=page.status.setText)
        self.slot.running_changed.connect(self._update_buttons)
        self._zh_check = LatestRequest(ctx.pool)
        self._closed = False  # a check finishing after shutdown must not touch the widgets
        self.task_list.currentRowChanged.connect(self._task_chosen)
        page.model_picker.currentIndexChanged.connect(self._model_chosen)
        page.run_button.clicked.connect(self.run)
        page.run_requested.connect(self.run)
        page.stop_button.clicked.connect(self.stop)
        page.load_documents_button.clicked.connect(self.load_documents)
        ctx.library_changed.connect(self._library_changed)
        ctx.model_changed.connect(self._shared_model_changed)
        ctx.open_in_tab.connect(self._open_in_tab)
        self.task_list.setCurrentRow(0)
        if ctx.entries:
            self._library_changed(ctx.entries)

    @property
    def job(self):
        return self.slot.job

    # ---- task and model ---------------------------------------------------------------------
    @property
    def task(self) -> Task:
        return TASKS[self.task_name]

    def select_task(self, name: str) -> None:
        for row in range(self.task_list.count()):
            if self.task_list.item(row).data(Qt.UserRole) == name:
                self.task_list.setCurrentRow(row)
                return

    def _task_chosen(self, _row: int) -> None:
        item = self.task_list.currentItem()
        if item is not None and item.data(Qt.UserRole) == METRICS_ITEM:
            self.pages_stack.setCurrentWidget(self.show_metrics())
            return
        self.pages_stack.setCurrentIndex(0)
        self.task_name = item.data(Qt.UserRole) if item else "sentiment"
        self.page.show_task(self.task)
        self._fill_models()

    def _library_changed(self, entries: list[ModelEntry]) -> None:
        self.ctx.pool.submit(_all_facts, list(entries), name="task-models", on_success=self._facts_ready,
                             on_error=self.banner.show_error)

    def _facts_ready(self, facts: dict[str, ModelFacts]) -> None:
        self.facts = facts
        self._fill_models()
        if self._pending_model:
            ref, self._pending_model = self._pending_model, ""
            self.try_model(ref, refresh=False)

    def fitting_models(self, task: Task | None = None) -> list[tuple[str, str]]:
        """(name, method) of every library model that can do the task; dedicated models first."""
        task = task or self.task
        found = [(name, m) for name, facts in self.facts.items() if (m := choose_method(task, facts))]
        return sorted(found, key=lambda x: (x[1] in PROMPT_METHODS, x[0].lower()))

    def _fill_models(self) -> None:
        picker = self.page.model_picker
        previous = picker.currentData()
        picker.blockSignals(True)
        picker.clear()
        for name, method in self.fitting_models():
            facts = self.facts[name]
            how = self.tr("by prompting") if method in PROMPT_METHODS else facts.description
            picker.addItem(f"{name}  ·  {how}", name)
        picker.blockSignals(False)
        for wanted in (previous, self.ctx.current_model):
            index = picker.findData(wanted) if wanted else -1
            if index >= 0:
                picker.setCurrentIndex(index)
                break
        self._model_chosen()

    def _model_chosen(self, *_) -> None:
        task, name = self.task, self.page.model_picker.currentData()
        if not name:
            hint = (self.tr("No model on this computer fits {task}: it needs {needs}. Get one in the Models tab, "
                            "or fine-tune one.").format(task=translate("core", task.title).lower(),
                                                        needs=translate("core", task.fit_hint))
                    if self.facts else self.tr("Reading the model library…"))
            self.page.model_hint.setText(hint)
        else:
            method = choose_method(task, self.facts[name])
            if method in PROMPT_METHODS:
                self.page.model_hint.setText(self.tr("An instruct model: the task is done by prompting it, which a "
                                                     "model made for the task usually does better."))
            else:
                self.page.model_hint.setText(self.tr("Runs with {method}.").format(method=_tr(METHOD_TITLES[method])))
        self._check_chinese(name)
        self._update_buttons()

    def _check_chinese(self, name: str | None) -> None:
        """Offer the Chinese example only if this model's tokenizer reads Chinese; say why otherwise."""
        entry = self.ctx.entry(name) if name else None
        page = self.page
        if entry is None:  # no model (or not in the library): nothing to judge
            page.zh_button.show()
            page.zh_note.hide()
            return
        page.zh_button.hide()
        page.zh_note.setText(self.tr("Checking whether {name} reads Chinese…").format(name=name))
        page.zh_note.show()
        self._zh_check.submit(chinese_support_of, entry.path, name="chinese-check",
                              on_success=lambda support: self._show_chinese_support(name, support),
                              on_error=lambda info: self._show_chinese_support(name, None))

    def _show_chinese_support(self, name: str, support: ChineseSupport | None) -> None:
        page = self.page
        if self._closed or name != page.model_picker.currentData():
            return
        ok = support is not None and support.ok
        page.zh_button.setVisible(ok)
        page.zh_note.setVisible(not ok)
        if support is None:
            page.zh_note.setText(self.tr("Chinese example hidden: the tokenizer of {name} could not be read.")
                                 .format(name=name))
        elif not ok:
            page.zh_note.setText(support.reason)
            page.zh_note.setToolTip(self.tr(
                "Unknown characters: {unknown:.0%} · tokens per character: {tokens:.2f} · "
                "byte pieces per character: {pieces:.2f}").format(
                unknown=support.unknown_rate, tokens=support.tokens_per_char, pieces=support.byte_pieces_per_char))

    def _shared_model_changed(self, ref: str) -> None:
        index = self.page.model_picker.findData(ref)
        if index >= 0 and self.job is None:
            self.page.model_picker.setCurrentIndex(index)

    def _open_in_tab(self, title: str, ref: str) -> None:
        if title == self.title and ref:
            self.try_model(ref)

    def try_model(self, ref: str, refresh: bool = True) -> None:
        """Show ``ref`` in the task that suits it best ("Try it" from another tab)."""
        facts = self.facts.get(ref)
        if facts is None and refresh:  # a model made moments ago: read the library again first
            self._pending_model = ref
            self.ctx.refresh_library()
            return
        if facts is None:
            self.banner.show_error(self.tr("{name} is not in the model library.").format(name=ref),
                                   self.tr("Import it in the Models tab first, then try it here."))
            return
        task = suggested_task(facts)
        if task is None:
            self.banner.show_error(self.tr("{name} fits none of the task demos ({kinds}).").format(
                name=ref, kinds=", ".join(facts.kinds)),
                                   self.tr("Task demos need a task head (classification, NER, QA, fill-mask), an "
                                           "encoder, a sequence-to-sequence model or a causal language model."))
            return
        self.select_task(task)
        index = self.page.model_picker.findData(ref)
        if index >= 0:
            self.page.model_picker.setCurrentIndex(index)

    # ---- inputs -------------------------------------------------------------------------------
    def load_documents(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, self.tr("Load documents"), "",
                                                        self.tr("Text or CSV files (*.txt *.csv *.tsv);;All files (*)"))
        if path:
            self.load_documents_from(Path(path))

    def load_documents_from(self, path: Path) -> None:
        def loaded(documents: list[str]) -> None:
            if "documents" in self.page.inputs:
                self.page.set_documents(documents)
                self.page.status.setText(self.tr("Loaded {n} documents from {name}.").format(n=len(documents),
                                                                                             name=path.name))

        self.banner.hide()
        self.ctx.pool.submit(read_documents, path, name="task-documents", on_success=loaded,
                             on_error=self.banner.show_error)

    # ---- running ------------------------------------------------------------------------------
    def run(self) -> None:
        if self.job is not None:
            return
        model = self.page.model_picker.currentData()
        task = self.task
        if not model:
            self.banner.show_error(self.tr("No model is chosen for {task}.").format(
                task=translate("core", task.title).lower()),
                                   self.tr("This task needs {needs}; get one in the Models tab.").format(
                                       needs=translate("core", task.fit_hint)))
            return
        self.banner.hide()
        self.page.note.hide()
        self.slot.submit(run_task, self.ctx.service, task.name, model, self.page.collect_inputs(),
                         name=f"task-{task.name}", busy=self.tr("Running {task} on {name}…").format(
                             task=translate("core", task.title).lower(), name=model),
                         on_events=self._on_events, on_success=self.show_result, on_error=self._failed)

    def stop(self) -> None:
        if self.job is not None:
            self.slot.stop()
            self.page.status.setText(self.tr("Stopping…"))

    def _on_events(self, events: list) -> None:
        messages = [e.message for e in events if isinstance(e, Progress) and e.message]
        if messages:
            self.page.status.setText(messages[-1] + "…")

    def _failed(self, info: ErrorInfo) -> None:
        self.page.status.setText(self.tr("Failed; see the message above."))
        self.banner.show_error(info)

    def _update_buttons(self, *_) -> None:
        busy = self.job is not None
        self.page.run_button.setEnabled(not busy and self.page.model_picker.currentData() is not None)
        self.page.stop_button.setEnabled(busy)
        self.task_list.setEnabled(not busy)
        self.page.model_picker.setEnabled(not busy)

    def show_result(self, result: TaskResult) -> None:
        self.result = result
        page = self.page
        page.reference_box.set_result(result.spans[0].text if result.task == "qa" and result.spans else result.text)
        page.status.setText(self.tr("Done in {seconds:.2f} s with {name} ({method}).").format(
            seconds=result.seconds, name=result.model, method=_tr(METHOD_TITLES[result.method])))
        page.note.setText(result.note)
        page.note.setVisible(bool(result.notes))
        page.results.show_result(result)

    def show_metrics(self) -> MetricsPage:
        """The Metrics page, built when first shown."""
        if self.metrics_page is None:
            self.metrics_page = MetricsPage(self.ctx)
            self.pages_stack.addWidget(self.metrics_page)
        if self.task_list.currentItem().data(Qt.UserRole) != METRICS_ITEM:
            self.task_list.setCurrentRow(self.task_list.count() - 1)
        return self.metrics_page

    # ---- contract -----------------------------------------------------------------------------
    def smoke(self, model: str, done: SmokeDone) -> None:
        def finished(result: TaskResult) -> None:
            self.select_task(result.task)
            self.show_result(result)
            done(True, f"{result.task} in {result.seconds:.2f} s")

        self.ctx.pool.submit(run_example, self.ctx.service, model, name="smoke-tasks", on_success=finished,
                             on_error=lambda info: done(False, info.message))

    def shutdown(self) -> None:
        if self.metrics_page is not None:
            self.metrics_page.shutdown()
        self.slot.shutdown()
        self._closed = True
        if self._zh_check.job is not None:  # reading a tokenizer takes seconds at most
            self._zh_check.job.wait(30)
