"""The page of one task, widgets only: its heading, the model picker, the input form with examples, Run and
Stop, and the result views. The tab's controller fills the picker, runs the task and shows the result."""

from __future__ import annotations

import html

from workbench.core.i18n import translate
from workbench.core.tasks import DEFAULT_MAX_NEW_TOKENS, LANGUAGES, Task, TaskInputs, parse_labels
from workbench.ui.i18n import translator
from workbench.ui.qt import QtCore, QtGui, QtWidgets, Qt, Signal
from workbench.ui.tabs.metrics_page import ReferenceBox
from workbench.ui.tabs.tasks.results import ResultPages
from workbench.ui.widgets.build import splitter

EXAMPLE_LANGUAGES = (("en", QtCore.QT_TRANSLATE_NOOP("TasksTab", "Example (English)")),
                     ("zh", QtCore.QT_TRANSLATE_NOOP("TasksTab", "Example (Chinese)")))

_tr = translator("TasksTab")


class TaskPage(QtWidgets.QWidget):
    run_requested = Signal()  # Return pressed in a one-line field

    def __init__(self, pool, parent=None):
        super().__init__(parent)
        self.task: Task | None = None
        self.inputs: dict[str, QtWidgets.QWidget] = {}

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
        # the Chinese example is offered only when the model's tokenizer reads Chinese (core.tasks.chinese)
        self.zh_note = QtWidgets.QLabel(wordWrap=True)
        self.zh_note.setObjectName("ChineseNote")
        self.zh_note.setStyleSheet("#ChineseNote { color: #666; }")
        self.zh_note.hide()
        self.load_documents_button = QtWidgets.QPushButton(self.tr("Load documents…"))
        self.load_documents_button.setToolTip(self.tr("Read documents from a text file (one per line) or a CSV file"))
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
        self.reference_box = ReferenceBox(pool)
        self.results = ResultPages()

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
        bottom.addWidget(self.reference_box)
        bottom.addWidget(self.results, 1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter(Qt.Vertical, inputs_box, result_box, stretch=(2, 3), sizes=(400, 600)))

    def show_task(self, task: Task) -> None:
        """The task's heading, form and English example, and no result yet."""
        self.task = task
        self.reference_box.set_task(task.name)
        self.heading.setText(f"<h3 style='margin:0'>{html.escape(translate('core', task.title))}</h3>")
        self.description.setText(translate("core", task.description))
        self._build_form(task)
        self.fill_example("en")
        self.results.clear()
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
                widget.setToolTip(self.tr("Choose or type a language (instruct models follow it; translation models "
                                          "have their own pair)"))
            elif field_.multiline:
                widget = QtWidgets.QPlainTextEdit()
                widget.setPlaceholderText(translate("core", field_.placeholder))
                widget.setMinimumHeight(56)
                widget.setTabChangesFocus(True)
            else:
                widget = QtWidgets.QLineEdit(placeholderText=translate("core", field_.placeholder))
                widget.returnPressed.connect(self.run_requested)
            self.inputs[field_.name] = widget
            self.form.addRow(self.tr("{label}:").format(label=translate("core", field_.label)), widget)
        self.load_documents_button.setVisible("documents" in self.inputs)
        generates = task.shape == "text"
        self.max_new_tokens.setVisible(generates)
        self.max_new_tokens_label.setVisible(generates)

    def fill_example(self, language: str) -> None:
        example = next((e for e in self.task.examples if e.language == language), self.task.examples[0])
        for name, widget in self.inputs.items():
            value = example.values.get(name, "")
            if isinstance(widget, QtWidgets.QComboBox):
                widget.setCurrentText(value or widget.currentText())
            elif isinstance(widget, QtWidgets.QPlainTextEdit):
                widget.setPlainText(value)
            else:
                widget.setText(value)

    def set_documents(self, documents: list[str]) -> None:
        box = self.inputs.get("documents")
        if box is not None:
            box.setPlainText("\n".join(" ".join(d.split()) for d in documents))

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
