"""Tasks tab: ready-to-try demos (sentiment, classification, entities, QA, summaries, translation,
fill-mask, semantic search, chat, generation) on the models that fit each task.

The tab only gathers inputs and shows results; everything runs in ``workbench.core.tasks`` on the
worker bridge.
"""

from __future__ import annotations

import html
from pathlib import Path

from workbench.core.i18n import translate
from workbench.core.jobs import Progress
from workbench.core.library import ModelEntry
from workbench.core.tasks import (DEFAULT_MAX_NEW_TOKENS, LANGUAGES, PROMPT_METHODS, TASKS, ModelFacts, Task,
                                  TaskInputs, TaskResult, choose_method, facts_from_entry, parse_labels,
                                  read_documents, run_example, run_task, suggested_task)
from workbench.core.tasks import ChineseSupport, chinese_support_of
from workbench.ui.i18n import translator
from workbench.ui.qt import QtCore, QtGui, QtWidgets, Qt
from workbench.ui.tabs.base import SmokeDone, WorkbenchTab
from workbench.ui.tabs.metrics_page import METRICS_ITEM, MetricsPage, ReferenceBox, add_metrics_item
from workbench.ui.workers import ErrorInfo, LatestRequest

# Highlight colours for entity labels (readable under black text in light and dark themes' base colour).
SPAN_COLOURS = ("#ffd54f", "#81d4fa", "#a5d6a7", "#f48fb1", "#ce93d8", "#ffab91", "#80cbc4", "#e6ee9c")
ANSWER_COLOURS = ("#ffd54f", "#fff3c4", "#fff8e1")
EXAMPLE_LANGUAGES = (("en", QtCore.QT_TRANSLATE_NOOP("TasksTab", "Example (English)")),
                     ("zh", QtCore.QT_TRANSLATE_NOOP("TasksTab", "Example (Chinese)")))
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


class ScoreBars(QtWidgets.QWidget):
    """Labels with a bar each, best first."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid = QtWidgets.QGridLayout(self)
        self.grid.setColumnStretch(1, 1)
        self.grid.setVerticalSpacing(6)
        self.rows: list[tuple[str, float]] = []

    def set_scores(self, rows: list[tuple[str, float]]) -> None:
        while self.grid.count():
            self.grid.takeAt(0).widget().deleteLater()
        self.rows = rows
        for n, (label, score) in enumerate(rows):
            name = QtWidgets.QLabel(label)
            name.setTextInteractionFlags(Qt.TextSelectableByMouse)
            bar = QtWidgets.QProgressBar()
            bar.setRange(0, 1000)
            bar.setValue(round(max(0.0, min(1.0, score)) * 1000))
            bar.setTextVisible(False)
            bar.setMinimumWidth(120)
            percent = QtWidgets.QLabel(f"{score:.1%}")
            percent.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            percent.setMinimumWidth(percent.fontMetrics().horizontalAdvance("100.0%") + 4)
            self.grid.addWidget(name, n, 0)
            self.grid.addWidget(bar, n, 1)
            self.grid.addWidget(percent, n, 2)
        self.grid.setRowStretch(len(rows), 1)


class SpanView(QtWidgets.QWidget):
    """The text with spans highlighted, and a table of the spans."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.browser = QtWidgets.QTextBrowser()
        self.browser.setOpenLinks(False)
        self.table = QtWidgets.QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Text"), self.tr("Label"), self.tr("Score")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QtWidgets.QHeaderView.Stretch)
        splitter = QtWidgets.QSplitter(Qt.Vertical)
        splitter.addWidget(self.browser)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def set_spans(self, result: TaskResult) -> None:
        text = result.source
        qa = result.task == "qa"
        colours: dict[str, str] = {}
        pieces, cursor = [], 0
        # Highlight the best span where spans overlap (QA alternatives often do).
        chosen = []
        for rank, span in sorted(enumerate(result.spans), key=lambda x: x[1].start):
            if chosen and span.start < chosen[-1][1].end:
                if rank < chosen[-1][0]:
                    chosen[-1] = (rank, span)
                continue
            chosen.append((rank, span))
        for rank, span in chosen:
            if qa:
                colour = ANSWER_COLOURS[min(rank, len(ANSWER_COLOURS) - 1)]
            else:
                colour = colours.setdefault(span.label, SPAN_COLOURS[len(colours) % len(SPAN_COLOURS)])
            pieces.append(html.escape(text[cursor:span.start]))
            pieces.append(f'<span style="background-color:{colour}; color:#000">{html.escape(text[span.start:span.end])}'
                          f'<sub> {html.escape(span.label)}</sub></span>')
            cursor = span.end
        pieces.append(html.escape(text[cursor:]))
        self.browser.setHtml(f'<div style="white-space: pre-wrap; font-size: 11pt">{"".join(pieces)}</div>')
        self.table.setRowCount(len(result.spans))
        for row, span in enumerate(result.spans):
            for col, value in enumerate((span.text, span.label, f"{span.score:.1%}")):
                self.table.setItem(row, col, QtWidgets.QTableWidgetItem(value))
        self.table.resizeColumnToContents(1)
        self.table.resizeColumnToContents(2)


class RankedList(QtWidgets.QTableWidget):
    """Search results, best first: the cosine similarity as a number and as a bar."""

    def __init__(self, parent=None):
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels(["#", self.tr("Similarity"), "", self.tr("Document")])
        self.verticalHeader().hide()
        self.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        self.setWordWrap(True)
        self.horizontalHeader().setSectionResizeMode(3, QtWidgets.QHeaderView.Stretch)

    def set_results(self, result: TaskResult) -> None:
        self.setRowCount(len(result.results))
        for row, hit in enumerate(result.results):
            number = QtWidgets.QTableWidgetItem(str(hit.index + 1))
            number.setToolTip(self.tr("Line number of the document in the input"))
            score = QtWidgets.QTableWidgetItem(f"{hit.score:.3f}")
            score.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            bar = QtWidgets.QProgressBar()
            bar.setRange(0, 1000)
            bar.setValue(round(max(0.0, hit.score) * 1000))
            bar.setTextVisible(False)
            self.setItem(row, 0, number)
            self.setItem(row, 1, score)
            self.setCellWidget(row, 2, bar)
            self.setItem(row, 3, QtWidgets.QTableWidgetItem(hit.document))
        self.resizeColumnToContents(0)
        self.resizeColumnToContents(1)
        self.setColumnWidth(2, 90)
        self.resizeRowsToContents()


class SideBySide(QtWidgets.QWidget):
    """Source and result next to each other (summaries, translations, chat, generation)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.source_title = QtWidgets.QLabel(self.tr("<b>Source</b>"))
        self.result_title = QtWidgets.QLabel(self.tr("<b>Result</b>"))
        self.source = QtWidgets.QPlainTextEdit(readOnly=True)
        self.output = QtWidgets.QPlainTextEdit(readOnly=True)
        grid = QtWidgets.QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.source_title, 0, 0)
        grid.addWidget(self.result_title, 0, 1)
        grid.addWidget(self.source, 1, 0)
        grid.addWidget(self.output, 1, 1)

    def set_text(self, result: TaskResult) -> None:
        titles = {"summarize": (self.tr("Source"), self.tr("Summary")),
                  "translate": (self.tr("Source"), self.tr("Translation")),
                  "chat": (self.tr("Your message"), self.tr("Reply")),
                  "generate": (self.tr("Beginning"), self.tr("Continuation"))}
        left, right = titles.get(result.task, (self.tr("Source"), self.tr("Result")))
        self.source_title.setText(f"<b>{left}</b>")
        self.result_title.setText(f"<b>{right}</b>")
        self.source.setPlainText(result.source)
        self.output.setPlainText(result.text or self.tr("(the model produced no text)"))


class TasksTab(WorkbenchTab):
    title = QtCore.QT_TRANSLATE_NOOP("Tabs", "Tasks")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.facts: dict[str, ModelFacts] = {}
        self.job = None
        self._pending_model = ""  # "Try it" arrived before the library was read
        self.inputs: dict[str, QtWidgets.QWidget] = {}
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

        self.heading = QtWidgets.QLabel()
        self.description = QtWidgets.QLabel(wordWrap=True)
        self.model_picker = QtWidgets.QComboBox()
        self.model_picker.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.model_picker.setMinimumContentsLength(24)
        self.model_picker.setToolTip(self.tr("Only models that fit this task are offered"))
        self.model_hint = QtWidgets.QLabel(wordWrap=True)
        self.model_hint.setObjectName("ModelHint")
        model_row = QtWidgets.QHBoxLayout()
        model_row.addWidget(QtWidgets.QLabel(self.tr("Model:")))
        model_row.addWidget(self.model_picker, 1)

        self.form_host = QtWidgets.QWidget()
        self.form = QtWidgets.QFormLayout(self.form_host)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QtWidgets.QFormLayout.AllNonFixedFieldsGrow)

        self.example_buttons = []
        buttons = QtWidgets.QHBoxLayout()
        for language, text in EXAMPLE_LANGUAGES:
            b = QtWidgets.QPushButton(_tr(text))
            b.setToolTip(self.tr("Fill the inputs with an example"))
            b.clicked.connect(lambda _=False, lang=language: self.fill_example(lang))
            self.example_buttons.append(b)
            buttons.addWidget(b)
        self.zh_button = self.example_buttons[[lang for lang, _ in EXAMPLE_LANGUAGES].index("zh")]
        # the Chinese example is offered only when the model's tokenizer reads Chinese (core.tasks.chinese_support)
        self.zh_note = QtWidgets.QLabel(wordWrap=True)
        self.zh_note.setObjectName("ChineseNote")
        self.zh_note.setStyleSheet("#ChineseNote { color: #666; }")
        self.zh_note.hide()
        self._zh_check = LatestRequest(ctx.pool)
        self._closed = False  # a check finishing after shutdown must not touch the widgets
        self.load_documents_button = QtWidgets.QPushButton(self.tr("Load documents…"))
        self.load_documents_button.setToolTip(self.tr("Read documents from a text file (one per line) or a CSV file"))
        self.load_documents_button.clicked.connect(self.load_documents)
        buttons.addWidget(self.load_documents_button)
        buttons.addStretch(1)
        self.max_new_tokens = QtWidgets.QSpinBox()
        self.max_new_tokens.setRange(1, 2048)
        self.max_new_tokens.setValue(DEFAULT_MAX_NEW_TOKENS)
        self.max_new_tokens.setToolTip(self.tr("The longest answer, in tokens (greedy decoding)"))
        self.max_new_tokens_label = QtWidgets.QLabel(self.tr("New tokens:"))
        buttons.addWidget(self.max_new_tokens_label)
        buttons.addWidget(self.max_new_tokens)
        self.run_button = QtWidgets.QPushButton(self.tr("Run"))
        self.run_button.setToolTip(self.tr("Run the task (Ctrl+Return)"))
        self.run_button.setShortcut(QtGui.QKeySequence("Ctrl+Return"))
        self.run_button.setDefault(True)
        self.stop_button = QtWidgets.QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the running task (Esc)"))
        self.stop_button.setShortcut(QtGui.QKeySequence("Esc"))
        self.stop_button.setEnabled(False)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.stop_button)

        self.status = QtWidgets.QLabel(wordWrap=True)
        self.note = QtWidgets.QLabel(wordWrap=True)
        self.note.setObjectName("ResultNote")
        self.note.setStyleSheet("#ResultNote { background: #fff4d6; color: #5d4200; border: 1px solid #e0b84f; "
                                "border-radius: 4px; padding: 4px 6px; }")
        self.note.hide()

        self.scores = ScoreBars()
        self.filled = QtWidgets.QLabel(wordWrap=True)
        labels_page = QtWidgets.QWidget()
        labels_layout = QtWidgets.QVBoxLayout(labels_page)
        labels_layout.setContentsMargins(0, 0, 0, 0)
        labels_layout.addWidget(self.filled)
        labels_layout.addWidget(self.scores, 1)
        self.spans = SpanView()
        self.ranked = RankedList()
        self.side_by_side = SideBySide()
        self.empty = QtWidgets.QLabel(self.tr("Pick an example or type your own input, then Run."), alignment=Qt.AlignCenter)
        self.result_pages = QtWidgets.QStackedWidget()
        self.pages = {"empty": self.empty, "labels": labels_page, "spans": self.spans, "results": self.ranked,
                      "text": self.side_by_side}
        for page in self.pages.values():
            self.result_pages.addWidget(page)

        inputs_box = QtWidgets.QWidget()
        top = QtWidgets.QVBoxLayout(inputs_box)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.heading)
        top.addWidget(self.description)
        top.addLayout(model_row)
        top.addWidget(self.model_hint)
        form_scroll = QtWidgets.QScrollArea()
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QtWidgets.QFrame.NoFrame)
        form_scroll.setWidget(self.form_host)
        top.addWidget(form_scroll, 1)
        top.addLayout(buttons)
        top.addWidget(self.zh_note)
        result_box = QtWidgets.QWidget()
        bottom = QtWidgets.QVBoxLayout(result_box)
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.status)
        bottom.addWidget(self.note)
        self.reference_box = ReferenceBox(ctx.pool)
        bottom.addWidget(self.reference_box)
        bottom.addWidget(self.result_pages, 1)
        right = QtWidgets.QSplitter(Qt.Vertical)
        right.addWidget(inputs_box)
        right.addWidget(result_box)
        right.setStretchFactor(0, 2)
        right.setStretchFactor(1, 3)
        right.setSizes([400, 600])
        right.setChildrenCollapsible(False)
        body = QtWidgets.QHBoxLayout()
        body.addWidget(self.task_list)
        self.pages_stack = QtWidgets.QStackedWidget()
        self.pages_stack.addWidget(right)
        body.addWidget(self.pages_stack, 1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)

        self.task_list.currentRowChanged.connect(self._task_chosen)
        self.model_picker.currentIndexChanged.connect(self._model_chosen)
        self.run_button.clicked.connect(self.run)
        self.stop_button.clicked.connect(self.stop)
        ctx.library_changed.connect(self._library_changed)
        ctx.model_changed.connect(self._shared_model_changed)
        ctx.open_in_tab.connect(self._open_in_tab)
        self.task_list.setCurrentRow(0)
        if ctx.entries:
            self._library_changed(ctx.entries)

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
        task = self.task
        self.reference_box.set_task(task.name)
        self.heading.setText(f"<h3 style='margin:0'>{html.escape(translate('core', task.title))}</h3>")
        self.description.setText(translate("core", task.description))
        self._build_form(task)
        self._fill_models()
        self.fill_example("en")
        self.result_pages.setCurrentWidget(self.empty)
        self.status.clear()
        self.note.hide()

    def _build_form(self, task: Task) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.inputs = {}
        for field_ in task.fields:
            if field_.name in ("source_lang", "target_lang"):
                widget = QtWidgets.QComboBox(editable=True)
                widget.addItems(LANGUAGES)
                widget.setToolTip(self.tr("Choose or type a language (instruct models follow it; translation models have "
                                  "their own pair)"))
            elif field_.multiline:
                widget = QtWidgets.QPlainTextEdit()
                widget.setPlaceholderText(translate("core", field_.placeholder))
                widget.setMinimumHeight(56)
                widget.setTabChangesFocus(True)
            else:
                widget = QtWidgets.QLineEdit(placeholderText=translate("core", field_.placeholder))
                widget.returnPressed.connect(self.run)
            self.inputs[field_.name] = widget
            self.form.addRow(self.tr("{label}:").format(label=translate("core", field_.label)), widget)
        self.load_documents_button.setVisible("documents" in self.inputs)
        generates = task.shape == "text"
        self.max_new_tokens.setVisible(generates)
        self.max_new_tokens_label.setVisible(generates)

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
        previous = self.model_picker.currentData()
        self.model_picker.blockSignals(True)
        self.model_picker.clear()
        for name, method in self.fitting_models():
            facts = self.facts[name]
            how = self.tr("by prompting") if method in PROMPT_METHODS else facts.description
            self.model_picker.addItem(f"{name}  ·  {how}", name)
        self.model_picker.blockSignals(False)
        for wanted in (previous, self.ctx.current_model):
            index = self.model_picker.findData(wanted) if wanted else -1
            if index >= 0:
                self.model_picker.setCurrentIndex(index)
                break
        self._model_chosen()

    def _model_chosen(self, *_) -> None:
        task, name = self.task, self.model_picker.currentData()
        if not name:
            hint = (self.tr("No model on this computer fits {task}: it needs {needs}. Get one in the Models tab, "
                            "or fine-tune one.").format(task=translate("core", task.title).lower(),
                                                        needs=translate("core", task.fit_hint))
                    if self.facts else self.tr("Reading the model library…"))
            self.model_hint.setText(hint)
        else:
            method = choose_method(task, self.facts[name])
            if method in PROMPT_METHODS:
                self.model_hint.setText(self.tr("An instruct model: the task is done by prompting it, which a model made "
                                        "for the task usually does better."))
            else:
                self.model_hint.setText(self.tr("Runs with {method}.").format(method=_tr(METHOD_TITLES[method])))
        self._check_chinese(name)
        self._update_buttons()

    def _check_chinese(self, name: str | None) -> None:
        """Offer the Chinese example only if this model's tokenizer reads Chinese; say why otherwise."""
        entry = self.ctx.entry(name) if name else None
        if entry is None:  # no model (or not in the library): nothing to judge
            self.zh_button.show()
            self.zh_note.hide()
            return
        self.zh_button.hide()
        self.zh_note.setText(self.tr("Checking whether {name} reads Chinese…").format(name=name))
        self.zh_note.show()
        self._zh_check.submit(chinese_support_of, entry.path, name="chinese-check",
                              on_success=lambda support: self._show_chinese_support(name, support),
                              on_error=lambda info: self._show_chinese_support(name, None))

    def _show_chinese_support(self, name: str, support: ChineseSupport | None) -> None:
        if self._closed or name != self.model_picker.currentData():
            return
        ok = support is not None and support.ok
        self.zh_button.setVisible(ok)
        self.zh_note.setVisible(not ok)
        if support is None:
            self.zh_note.setText(self.tr("Chinese example hidden: the tokenizer of {name} could not be read.")
                                 .format(name=name))
        elif not ok:
            self.zh_note.setText(support.reason)
            self.zh_note.setToolTip(self.tr("Unknown characters: {unknown:.0%} · tokens per character: {tokens:.2f} · "
                                            "byte pieces per character: {pieces:.2f}").format(
                unknown=support.unknown_rate, tokens=support.tokens_per_char, pieces=support.byte_pieces_per_char))

    def _shared_model_changed(self, ref: str) -> None:
        index = self.model_picker.findData(ref)
        if index >= 0 and self.job is None:
            self.model_picker.setCurrentIndex(index)

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
                                   self.tr("Task demos need a task head (classification, NER, QA, fill-mask), an encoder, "
                                   "a sequence-to-sequence model or a causal language model."))
            return
        self.select_task(task)
        index = self.model_picker.findData(ref)
        if index >= 0:
            self.model_picker.setCurrentIndex(index)

    # ---- inputs -------------------------------------------------------------------------------
    def fill_example(self, language: str) -> None:
        task = self.task
        example = next((e for e in task.examples if e.language == language), task.examples[0])
        for name, widget in self.inputs.items():
            value = example.values.get(name, "")
            if isinstance(widget, QtWidgets.QComboBox):
                widget.setCurrentText(value or widget.currentText())
            elif isinstance(widget, QtWidgets.QPlainTextEdit):
                widget.setPlainText(value)
            else:
                widget.setText(value)

    def _value(self, name: str) -> str:
        widget = self.inputs.get(name)
        if widget is None:
            return ""
        if isinstance(widget, QtWidgets.QComboBox):
            return widget.currentText()
        if isinstance(widget, QtWidgets.QPlainTextEdit):
            return widget.toPlainText()
        return widget.text()

    def collect_inputs(self) -> TaskInputs:
        inputs = TaskInputs(text=self._value("text"), context=self._value("context"),
                            labels=parse_labels(self._value("labels")),
                            documents=[d for d in self._value("documents").splitlines() if d.strip()],
                            max_new_tokens=self.max_new_tokens.value())
        if "source_lang" in self.inputs:
            inputs.source_lang, inputs.target_lang = self._value("source_lang"), self._value("target_lang")
        return inputs

    def load_documents(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, self.tr("Load documents"), "",
                                                        self.tr("Text or CSV files (*.txt *.csv *.tsv);;All files (*)"))
        if path:
            self.load_documents_from(Path(path))

    def load_documents_from(self, path: Path) -> None:
        def loaded(documents: list[str]) -> None:
            box = self.inputs.get("documents")
            if box is not None:
                box.setPlainText("\n".join(" ".join(d.split()) for d in documents))
                self.status.setText(self.tr("Loaded {n} documents from {name}.").format(n=len(documents), name=path.name))

        self.banner.hide()
        self.ctx.pool.submit(read_documents, path, name="task-documents", on_success=loaded,
                             on_error=self.banner.show_error)

    # ---- running ------------------------------------------------------------------------------
    def run(self) -> None:
        if self.job is not None:
            return
        model = self.model_picker.currentData()
        if not model:
            self.banner.show_error(self.tr("No model is chosen for {task}.").format(
                task=translate("core", self.task.title).lower()),
                                   self.tr("This task needs {needs}; get one in the Models tab.").format(
                                       needs=translate("core", self.task.fit_hint)))
            return
        self.banner.hide()
        self.note.hide()
        task = self.task
        self.status.setText(self.tr("Running {task} on {name}…").format(task=translate("core", task.title).lower(),
                                                                        name=model))
        self.job = self.ctx.pool.submit(
            run_task, self.ctx.service, task.name, model, self.collect_inputs(), name=f"task-{task.name}",
            on_events=self._on_events, on_success=self.show_result, on_error=self._failed,
            on_cancel=lambda: self.status.setText(self.tr("Stopped.")), on_finished=self._finished)
        self._update_buttons()

    def stop(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status.setText(self.tr("Stopping…"))

    def _on_events(self, events: list) -> None:
        messages = [e.message for e in events if isinstance(e, Progress) and e.message]
        if messages:
            self.status.setText(messages[-1] + "…")

    def _failed(self, info: ErrorInfo) -> None:
        self.status.setText(self.tr("Failed; see the message above."))
        self.banner.show_error(info)

    def _finished(self) -> None:
        self.job = None
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.job is not None
        self.run_button.setEnabled(not busy and self.model_picker.currentData() is not None)
        self.stop_button.setEnabled(busy)
        self.task_list.setEnabled(not busy)
        self.model_picker.setEnabled(not busy)

    def show_result(self, result: TaskResult) -> None:
        self.result = result
        self.reference_box.set_result(result.spans[0].text if result.task == "qa" and result.spans else result.text)
        self.status.setText(self.tr("Done in {seconds:.2f} s with {name} ({method}).").format(
            seconds=result.seconds, name=result.model, method=_tr(METHOD_TITLES[result.method])))
        self.note.setText(result.note)
        self.note.setVisible(bool(result.notes))
        if result.shape == "labels":
            self.scores.set_scores([(x.label, x.score) for x in result.labels])
            self.filled.setText(self.tr("Best fill: <b>{text}</b>").format(text=html.escape(result.text))
                                if result.text else "")
            self.filled.setVisible(bool(result.text))
        elif result.shape == "spans":
            self.spans.set_spans(result)
        elif result.shape == "results":
            self.ranked.set_results(result)
        else:
            self.side_by_side.set_text(result)
        self.result_pages.setCurrentWidget(self.pages[result.shape])

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
        if self.job is not None:
            self.job.cancel()
        self._closed = True
        if self._zh_check.job is not None:  # reading a tokenizer takes seconds at most
            self._zh_check.job.wait(30)

