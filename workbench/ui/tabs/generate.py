"""Generate tab: every sampling control, streamed output, and each token's probabilities.

The tab builds a ``GenerationRequest`` from its widgets and runs ``core.generation.run_request`` on
the worker bridge; token events arrive in batches and are appended to the output and the token
table. Clicking a token shows its alternatives before and after the sampling filters; "Continue
with this token" starts a new branch from the chosen alternative.
"""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass, field, replace

from workbench.core import generation as gen
from workbench.core.conversations import Conversation, ConversationStore
from workbench.core.generation import (PRESETS, GenerationRequest, GenerationResult, Message, PromptInfo,
                                       SamplingSettings, TokenEvent)
from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, WorkbenchError
from workbench.core.speculative import SpeculationStats
from workbench.ui.qt import QtCore, QtGui, QtWidgets, Qt
from workbench.ui.tabs.base import SmokeDone, WorkbenchTab
from workbench.ui.tabs.generate_views import OutputView, SettingsPanel, TokenTableModel, _tr
from workbench.ui.widgets import PARTIAL_GREY
from workbench.ui.widgets.token_cells import after_pct, is_partial, pct, token_label, token_tip
from workbench.ui.workers import ErrorInfo

ALT_COLUMNS = (QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Token"), QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Id"),
               QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Before filters"),
               QtCore.QT_TRANSLATE_NOOP("GenerateTab", "After filters"))
INT8_NOTE = QtCore.QT_TRANSLATE_NOOP("GenerateTab", "int8 weights: faster on the CPU, but the numbers differ "
                                     "slightly from float32, so the text and probabilities may differ too.")


@dataclass
class Branch:
    """One continuation of the prompt; a child branch shares its parent's first ``fork`` tokens."""

    request: GenerationRequest
    tokens: list[TokenEvent] = field(default_factory=list)
    parent: int | None = None
    fork: int | None = None
    result: GenerationResult | None = None

    @property
    def label(self) -> str:
        return QtCore.QCoreApplication.translate("GenerateTab", "main") if self.parent is None else QtCore.QCoreApplication.translate("GenerateTab", "from #{fork} of branch {branch}").format(
            fork=self.fork, branch=self.parent + 1)


class GenerateTab(WorkbenchTab):
    title = QtCore.QT_TRANSLATE_NOOP("Tabs", "Generate")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.store = ConversationStore()
        self.job = None
        self.branches: list[Branch] = []
        self.current = -1
        self.conversation: Conversation | None = None
        self.last_path = ""
        self._pending_reply = False
        self.counter_job = None
        self._recount = False  # the prompt changed while a count was running
        # the prompt's token count is refreshed once typing pauses, never per keystroke
        self.prompt_timer = QtCore.QTimer(self, singleShot=True, interval=400)
        self.prompt_timer.timeout.connect(self._count_prompt)
        self._build()
        self._load_conversations()
        self._fill_presets()
        self.ctx.model_changed.connect(self._model_changed)
        self._model_changed(self.ctx.current_model)
        self.prompt.textChanged.connect(self.prompt_timer.start)
        self.message.textChanged.connect(self.prompt_timer.start)

    # ---- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QtWidgets.QVBoxLayout(self)
        outer.addWidget(self.banner)
        top = QtWidgets.QHBoxLayout()
        self.mode = QtWidgets.QComboBox()
        self.mode.addItems([self.tr("Completion"), self.tr("Chat")])
        self.mode.setToolTip(self.tr("Completion: the model continues your text as it is.\n"
                             "Chat: your messages are formatted with the model's chat template."))
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.model_label = QtWidgets.QLabel()
        self.quantize = QtWidgets.QCheckBox(self.tr("int8 weights"))
        self.quantize.setToolTip(self.tr("Load the model with int8 linear layers (CPU): about twice as fast on many "
                                         "CPUs.") + " " + _tr(INT8_NOTE))
        self.quantize.toggled.connect(lambda on: self.int8_note.setVisible(on))
        top.addWidget(QtWidgets.QLabel(self.tr("Mode")))
        top.addWidget(self.mode)
        top.addWidget(self.model_label, 1)
        from workbench.ui.engine_choice import EngineChoice

        self.engine = EngineChoice(self.ctx.library)
        self.engine.combo.currentIndexChanged.connect(
            lambda _i: self.quantize.setEnabled(self.engine.engine() == "transformers"))
        top.addWidget(self.engine)
        top.addWidget(self.quantize)
        outer.addLayout(top)
        self.int8_note = QtWidgets.QLabel("⚠ " + _tr(INT8_NOTE))
        self.int8_note.setWordWrap(True)
        self.int8_note.hide()
        outer.addWidget(self.int8_note)

        split = QtWidgets.QSplitter(Qt.Horizontal)
        outer.addWidget(split, 1)

        # left: presets and sampling controls
        left = QtWidgets.QWidget()
        lv = QtWidgets.QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 4, 0)
        preset_row = QtWidgets.QHBoxLayout()
        self.preset = QtWidgets.QComboBox()
        self.preset.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToContents)
        self.preset.setToolTip(self.tr("Ready-made settings; your own saved presets are listed after the built-in ones"))
        self.preset.activated.connect(self._apply_preset)
        self.preset.currentIndexChanged.connect(lambda _i: self._sync_buttons())
        self.save_preset = QtWidgets.QPushButton(self.tr("Save…"))
        self.save_preset.setToolTip(self.tr("Save the current settings as a preset of your own"))
        self.save_preset.clicked.connect(self._save_preset)
        self.delete_preset = QtWidgets.QPushButton(self.tr("Delete"))
        self.delete_preset.setToolTip(self.tr("Delete the selected preset of your own"))
        self.delete_preset.clicked.connect(self._delete_preset)
        preset_row.addWidget(self.save_preset)
        preset_row.addWidget(self.delete_preset)
        lv.addWidget(QtWidgets.QLabel(self.tr("<b>Preset</b>")))
        lv.addWidget(self.preset)
        lv.addLayout(preset_row)
        self.controls = SettingsPanel()
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.NoFrame)
        scroll.setWidget(self.controls)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(200)
        lv.addWidget(scroll, 1)
        from workbench.ui.glossary import attach_term
        from workbench.ui.widgets.format_choice import FormatChoice
        from workbench.ui.widgets.speedup_choice import SpeedupChoice

        for name, term in (("temperature", "temperature"), ("top_k", "top-k"), ("top_p", "top-p")):
            attach_term(self.controls.layout().labelForField(self.controls.boxes[name]), term)
        attach_term(self.controls.greedy, "greedy decoding")
        self.speedup, self.format_choice = SpeedupChoice(), FormatChoice()
        self.engine.combo.currentIndexChanged.connect(lambda _i: [w.set_engine(self.engine.engine())
                                                                  for w in (self.speedup, self.format_choice)])
        lv.addWidget(self.speedup)
        lv.addWidget(self.format_choice)
        self.colour = QtWidgets.QCheckBox(self.tr("Colour text by probability"))
        self.colour.setToolTip(self.tr("Shade each token: green = the model was sure of it, red = it was unlikely"))
        self.colour.toggled.connect(self._recolour)
        lv.addWidget(self.colour)
        split.addWidget(left)

        # middle: prompt, output, tokenizer view, compare
        self.pages = QtWidgets.QTabWidget()
        split.addWidget(self.pages)
        write = QtWidgets.QWidget()
        wv = QtWidgets.QVBoxLayout(write)
        wv.setContentsMargins(0, 0, 0, 0)
        self.prompt_stack = QtWidgets.QStackedWidget()
        self.prompt = QtWidgets.QPlainTextEdit()
        self.prompt.setPlaceholderText(self.tr("Type the beginning of a text; the model continues it."))
        self.prompt_stack.addWidget(self.prompt)
        self.prompt_stack.addWidget(self._build_chat())
        wv.addWidget(self.prompt_stack, 2)
        self.prompt_count = QtWidgets.QLabel("")
        self.prompt_count.setWordWrap(True)
        self.prompt_count.setAlignment(Qt.AlignRight)
        self.prompt_count.setToolTip(self.tr("How many tokens the prompt takes, out of the model's context window"))
        buttons = QtWidgets.QHBoxLayout()
        self.generate_button = QtWidgets.QPushButton(self.tr("Generate"))
        self.generate_button.setToolTip(self.tr("Generate with the current settings (Ctrl+Return)"))
        self.generate_button.setShortcut(QtGui.QKeySequence("Ctrl+Return"))
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.start_generation)
        self.stop_button = QtWidgets.QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop after the current token (Esc)"))
        self.stop_button.setShortcut(QtGui.QKeySequence("Esc"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        self.code_button = QtWidgets.QPushButton(self.tr("Copy as code"))
        self.code_button.setToolTip(self.tr("Copy a Python program that runs the same model and settings with transformers"))
        self.code_button.clicked.connect(self.copy_code)
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.code_button)
        buttons.addStretch(1)
        wv.addWidget(self.prompt_count)
        wv.addLayout(buttons)
        self.output = OutputView()
        self.output.setPlaceholderText(self.tr("The generated text appears here as it is written."))
        wv.addWidget(self.output, 3)
        self.stats = QtWidgets.QLabel("")
        self.stats.setWordWrap(True)
        wv.addWidget(self.stats)
        self.pages.addTab(write, self.tr("Write"))
        self.tokens_view = QtWidgets.QTextBrowser()
        self.tokens_view.setPlaceholderText(self.tr("The prompt's tokens appear here once a model is chosen."))
        self.pages.addTab(self.tokens_view, self.tr("Prompt tokens"))
        self.pages.addTab(self._build_compare(), self.tr("Compare"))
        from workbench.ui.tabs.perplexity import PerplexityView
        from workbench.ui.widgets.token_inspector import TokenInspector

        self.inspector = TokenInspector(self.ctx)
        self.inspector.open_in_attention.connect(self._open_in_attention)
        self.inspector.switch_to_transformers.connect(self.engine.use_transformers)
        self.output.token_clicked.connect(lambda row: self.token_table.selectRow(row))
        self.pages.addTab(self.inspector, self.tr("Inspect token"))
        self.perplexity = PerplexityView(self.ctx)
        self.pages.addTab(self.perplexity, self.tr("Perplexity"))

        # right: token inspector and branches
        right = QtWidgets.QWidget()
        rv = QtWidgets.QVBoxLayout(right)
        rv.setContentsMargins(4, 0, 0, 0)
        branch_row = QtWidgets.QHBoxLayout()
        self.branch_box = QtWidgets.QComboBox()
        self.branch_box.setToolTip(self.tr("Each branch continues the same prompt from a token you picked"))
        self.branch_box.activated.connect(self.show_branch)
        branch_row.addWidget(QtWidgets.QLabel(self.tr("Branch")))
        branch_row.addWidget(self.branch_box, 1)
        rv.addLayout(branch_row)
        self.token_model = TokenTableModel(self)
        self.token_table = QtWidgets.QTableView()
        self.token_table.setModel(self.token_model)
        self.token_table.verticalHeader().hide()
        self.token_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.token_table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectRows)
        self.token_table.setSelectionMode(QtWidgets.QAbstractItemView.SingleSelection)
        # fixed widths from the font: resizing to contents would rescan every row on each streamed batch
        header = self.token_table.horizontalHeader()
        header.setStretchLastSection(True)
        digit = self.fontMetrics().horizontalAdvance("0")
        for column, chars in enumerate((4, 11, 8, 8, 4)):
            header.resizeSection(column, digit * chars + 12)
        self.token_table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_alternatives(cur.row()))
        self.token_table.clicked.connect(lambda _index: self.pages.setCurrentWidget(self.inspector))
        rv.addWidget(self.token_table, 3)
        self.alt_title = QtWidgets.QLabel(self.tr("Click a token to see the alternatives the model considered."))
        self.alt_title.setWordWrap(True)
        rv.addWidget(self.alt_title)
        self.alt_table = QtWidgets.QTableWidget(0, len(ALT_COLUMNS))
        self.alt_table.setHorizontalHeaderLabels([_tr(c) for c in ALT_COLUMNS])
        self.alt_table.verticalHeader().hide()
        self.alt_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.alt_table.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        self.alt_table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectRows)
        self.alt_table.setSelectionMode(QtWidgets.QAbstractItemView.SingleSelection)
        self.alt_table.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeToContents)
        self.alt_table.horizontalHeader().setSectionResizeMode(0, QtWidgets.QHeaderView.Stretch)
        self.alt_table.itemSelectionChanged.connect(self._sync_buttons)
        self.alt_table.doubleClicked.connect(lambda _i: self.continue_with_alternative())
        rv.addWidget(self.alt_table, 2)
        self.continue_button = QtWidgets.QPushButton(self.tr("Continue with this token"))
        self.continue_button.setToolTip(self.tr("Start a new branch: keep the text before this token, put the chosen "
                                        "alternative in its place, and generate on from there"))
        self.continue_button.clicked.connect(self.continue_with_alternative)
        rv.addWidget(self.continue_button)
        split.addWidget(right)
        split.setSizes([290, 500, 380])
        split.setStretchFactor(1, 1)
        self._sync_buttons()

    def _build_chat(self) -> QtWidgets.QWidget:
        box = QtWidgets.QWidget()
        v = QtWidgets.QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        # toolbars, so the actions fold into an overflow menu when the window is narrow
        bar = QtWidgets.QToolBar()
        self.conversations = QtWidgets.QComboBox()
        self.conversations.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.conversations.setMinimumContentsLength(12)
        self.conversations.setToolTip(self.tr("Saved conversations (kept on disk)"))
        self.conversations.activated.connect(self._open_conversation)
        bar.addWidget(self.conversations)
        for text, slot, tip in ((self.tr("New"), self.new_conversation, self.tr("Start a new conversation")),
                                (self.tr("Rename…"), self.rename_conversation, self.tr("Rename this conversation")),
                                (self.tr("Delete"), self.delete_conversation, self.tr("Delete this conversation from disk"))):
            bar.addAction(text, slot).setToolTip(tip)
        v.addWidget(bar)
        self.system = QtWidgets.QLineEdit()
        self.system.setPlaceholderText(self.tr("System prompt (optional): how the assistant should behave"))
        self.system.editingFinished.connect(self._save_system)
        v.addWidget(self.system)
        self.transcript = QtWidgets.QListWidget()
        self.transcript.setWordWrap(True)
        self.transcript.setToolTip(self.tr("The conversation so far; double-click a message to edit it"))
        self.transcript.itemDoubleClicked.connect(lambda _i: self.edit_message())
        v.addWidget(self.transcript, 2)
        actions = QtWidgets.QToolBar()
        self.chat_buttons = {}
        # the English names stay the keys of chat_buttons
        for text, slot, tip in ((QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Edit…"), self.edit_message,
                                 self.tr("Edit the selected message")),
                                (QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Delete message"), self.delete_message,
                                 self.tr("Remove the selected message")),
                                (QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Regenerate"), self.regenerate,
                                 self.tr("Replace the last answer with a new one")),
                                (QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Continue"), self.continue_answer,
                                 self.tr("Let the model go on with its last answer"))):
            action = actions.addAction(_tr(text), slot)
            action.setToolTip(tip)
            self.chat_buttons[text] = action
        v.addWidget(actions)
        self.message = QtWidgets.QPlainTextEdit()
        self.message.setPlaceholderText(self.tr("Your message; Generate sends it"))
        self.message.setMaximumHeight(80)
        v.addWidget(self.message)
        return box

    def _build_compare(self) -> QtWidgets.QWidget:
        box = QtWidgets.QWidget()
        grid = QtWidgets.QGridLayout(box)
        self.compare_sides = []
        for col, name in enumerate(("A", "B")):
            model = QtWidgets.QComboBox()
            model.setToolTip(self.tr("Model for side {name}").format(name=name))
            preset = QtWidgets.QComboBox()
            preset.setToolTip(self.tr("Settings for side {name}: a preset, or the current controls").format(name=name))
            int8 = QtWidgets.QCheckBox(self.tr("int8"))
            int8.setToolTip(_tr(INT8_NOTE))
            for combo in (model, preset):
                combo.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
                combo.setMinimumContentsLength(8)
            row = QtWidgets.QGridLayout()
            row.addWidget(QtWidgets.QLabel(f"<b>{name}</b>"), 0, 0)
            row.addWidget(model, 0, 1, 1, 2)
            row.addWidget(preset, 1, 1)
            row.addWidget(int8, 1, 2)
            row.setColumnStretch(1, 1)
            out = OutputView()
            stats = QtWidgets.QLabel("")
            stats.setWordWrap(True)
            grid.addLayout(row, 0, col)
            grid.addWidget(out, 1, col)
            grid.addWidget(stats, 2, col)
            self.compare_sides.append({"model": model, "preset": preset, "int8": int8, "out": out, "stats": stats})
        self.compare_button = QtWidgets.QPushButton(self.tr("Run both on the prompt"))
        self.compare_button.setToolTip(self.tr("Generate from the same prompt on side A, then side B"))
        self.compare_button.clicked.connect(self.start_compare)
        grid.addWidget(self.compare_button, 3, 0, 1, 2)
        grid.setRowStretch(1, 1)
        self.ctx.library_changed.connect(self._fill_compare_models)
        self._fill_compare_models(self.ctx.entries)
        return box

    # ---- model, mode, presets ------------------------------------------------------------------
    def _model_changed(self, ref: str) -> None:
        self.model_label.setText(self.tr("Model: <b>{name}</b>").format(name=html.escape(ref)) if ref
                                 else self.tr("No model chosen: pick one above."))
        self.engine.show_for(ref)
        self.prompt_timer.start()

    def _role_name(self, role: str) -> str:
        return {"user": self.tr("User"), "assistant": self.tr("Assistant"), "system": self.tr("System")}.get(
            role, role.capitalize())

    def _finish_reason(self, reason: str) -> str:
        return {"length": self.tr("length"), "stop": self.tr("stop"), "eos": self.tr("eos"),
                "cancelled": self.tr("cancelled")}.get(reason, reason)

    def _mode_changed(self, index: int) -> None:
        self.prompt_stack.setCurrentIndex(index)
        self._count_prompt()

    @property
    def chat_mode(self) -> bool:
        return self.mode.currentIndex() == 1

    def _fill_presets(self) -> None:
        self.preset.clear()
        for name in PRESETS:
            self.preset.addItem(translate("core", name), f"builtin:{name}")
        for name in sorted(self.ctx.settings.generation_presets):
            self.preset.addItem(self.tr("{name} (mine)").format(name=name), f"user:{name}")
        self.preset.setCurrentIndex(1)
        for side in getattr(self, "compare_sides", []):
            side["preset"].clear()
            side["preset"].addItem(self.tr("Current controls"), None)
            for i in range(self.preset.count()):
                side["preset"].addItem(self.preset.itemText(i), self.preset.itemData(i))
        self._sync_buttons()

    def _preset_settings(self, data) -> SamplingSettings:
        if data is None:
            return self.controls.settings()
        kind, name = data.split(":", 1)
        if kind == "builtin":
            return replace(PRESETS[name], stop=list(PRESETS[name].stop))
        return SamplingSettings.from_json(self.ctx.settings.generation_presets[name])

    def _apply_preset(self, index: int) -> None:
        try:
            self.controls.set_settings(self._preset_settings(self.preset.itemData(index)).validate())
        except (WorkbenchError, TypeError, KeyError) as exc:
            self.banner.show_error(self.tr("The preset '{name}' is not valid: {error}").format(
                name=self.preset.itemText(index), error=exc), self.tr("Delete it and save a new one."))
        self._sync_buttons()

    def _save_preset(self) -> None:
        name, ok = QtWidgets.QInputDialog.getText(self, self.tr("Save preset"), self.tr("Name of the preset:"))
        name = name.strip()
        if not ok or not name:
            return
        if name in PRESETS:
            self.banner.show_error(self.tr("'{name}' is a built-in preset.").format(name=name), self.tr("Choose another name."))
            return
        self.ctx.settings.generation_presets[name] = self.controls.settings().to_json()
        self.ctx.save_settings()
        self._fill_presets()
        self.preset.setCurrentIndex(self.preset.findData(f"user:{name}"))

    def _delete_preset(self) -> None:
        data = self.preset.currentData() or ""
        if data.startswith("user:"):
            self.ctx.settings.generation_presets.pop(data.split(":", 1)[1], None)
            self.ctx.save_settings()
            self._fill_presets()

    def _fill_compare_models(self, entries) -> None:
        names = [e.name for e in entries if "causal-lm" in e.kinds]
        for side in self.compare_sides:
            current = side["model"].currentText()
            side["model"].clear()
            side["model"].addItems(names)
            if current in names:
                side["model"].setCurrentText(current)

    # ---- conversations --------------------------------------------------------------------------
    def _load_conversations(self, select: str | None = None) -> None:
        found, problems = self.store.list()
        if problems:
            self.banner.show_error(problems[0], self.tr("The other conversations are available."))
        if not found:
            found = [self.store.new()]
        self.conversations.clear()
        for c in found:
            self.conversations.addItem(translate("core", c.title), c.id)
        index = max(0, self.conversations.findData(select)) if select else 0
        self.conversations.setCurrentIndex(index)
        self._open_conversation(index)

    def _open_conversation(self, index: int) -> None:
        conversation_id = self.conversations.itemData(index)
        try:
            self.conversation = self.store.load(conversation_id)
        except WorkbenchError as exc:
            self.banner.show_error(ErrorInfo(exc.message, exc.hint))
            return
        self.system.setText(self.conversation.system)
        self._show_transcript()

    def _show_transcript(self) -> None:
        self.transcript.clear()
        for m in self.conversation.messages if self.conversation else []:
            item = QtWidgets.QListWidgetItem(self.tr("{role}: {text}").format(role=self._role_name(m.role), text=m.content))
            if m.role == "assistant":
                item.setBackground(self.palette().alternateBase())
            self.transcript.addItem(item)
        self.transcript.scrollToBottom()

    def _save_conversation(self) -> None:
        try:
            self.store.save(self.conversation)
        except OSError as exc:
            self.banner.show_error(self.tr("The conversation could not be saved: {error}").format(error=exc),
                                   self.tr("Check the disk space and rights."))

    def _save_system(self) -> None:
        if self.conversation and self.system.text() != self.conversation.system:
            self.conversation.system = self.system.text()
            self._save_conversation()

    def new_conversation(self) -> None:
        self._load_conversations(select=self.store.new().id)

    def rename_conversation(self) -> None:
        title, ok = QtWidgets.QInputDialog.getText(self, self.tr("Rename"), self.tr("Name:"), text=self.conversation.title)
        if ok:
            try:
                self.store.rename(self.conversation, title)
            except WorkbenchError as exc:
                self.banner.show_error(ErrorInfo(exc.message, exc.hint))
            self._load_conversations(select=self.conversation.id)

    def delete_conversation(self) -> None:
        answer = QtWidgets.QMessageBox.question(self, self.tr("Delete conversation"),
                                                self.tr("Delete '{name}' from disk?").format(name=self.conversation.title))
        if answer == QtWidgets.QMessageBox.Yes:
            self.store.delete(self.conversation)
            self._load_conversations()

    def edit_message(self) -> None:
        row = self.transcript.currentRow()
        if row < 0:
            self.banner.show_error(self.tr("No message is selected."), self.tr("Click a message in the conversation first."))
            return
        message = self.conversation.messages[row]
        text, ok = QtWidgets.QInputDialog.getMultiLineText(self, self.tr("Edit message"),
                                                           self._role_name(message.role) + ":", message.content)
        if ok:
            message.content = text
            self._save_conversation()
            self._show_transcript()

    def delete_message(self) -> None:
        row = self.transcript.currentRow()
        if row >= 0:
            del self.conversation.messages[row]
            self._save_conversation()
            self._show_transcript()

    def regenerate(self) -> None:
        if self.conversation.messages and self.conversation.messages[-1].role == "assistant":
            self.conversation.messages.pop()
            self._save_conversation()
            self._show_transcript()
        self._start(self._request(messages=self.conversation.prompt_messages()), reply=True)

    def continue_answer(self) -> None:
        if not self.conversation.messages or self.conversation.messages[-1].role != "assistant":
            self.banner.show_error(self.tr("There is no answer to continue."), self.tr("Generate an answer first."))
            return
        self._start(self._request(messages=self.conversation.prompt_messages()), reply=True)

    # ---- generating ------------------------------------------------------------------------------
    def _request(self, prompt: str = "", messages: list[Message] | None = None, model: str | None = None,
                 settings: SamplingSettings | None = None, quantize: bool | None = None) -> GenerationRequest:
        engine = self.engine.engine() if model is None else "transformers"
        use_int8 = (self.quantize.isChecked() if quantize is None else quantize) and engine == "transformers"
        own = model is None  # the Compare page's sides use plain decoding
        return GenerationRequest(model=model or self.ctx.current_model, settings=settings or self.controls.settings(),
                                 prompt=prompt, messages=messages, quantize="int8" if use_int8 else "", engine=engine,
                                 speculation=self.speedup.speculation() if own else None,
                                 output_format=self.format_choice.output_format() if own else None)

    def start_generation(self) -> None:
        if not self.ctx.current_model:
            self.banner.show_error(self.tr("No model is chosen."), self.tr("Pick a model in the toolbar (Models tab lists them)."))
            return
        if self.chat_mode:
            text = self.message.toPlainText()
            if text.strip():
                self.conversation.messages.append(Message("user", text))
                if self.conversation.title == "New conversation":
                    self.conversation.title = text.strip().splitlines()[0][:40]
                    self.conversations.setItemText(self.conversations.currentIndex(), self.conversation.title)
                self._save_conversation()
                self.message.clear()
                self._show_transcript()
            elif not self.conversation.messages:
                self.banner.show_error(self.tr("The message is empty."), self.tr("Type a message for the model to answer."))
                return
            self._start(self._request(messages=self.conversation.prompt_messages()), reply=True)
        else:
            self._start(self._request(prompt=self.prompt.toPlainText()))

    def _start(self, request: GenerationRequest, parent: int | None = None, fork: int | None = None,
               reply: bool = False) -> None:
        if self.job is not None:
            return
        try:
            request.settings.validate()
            for part in (request.speculation, request.output_format):
                if part is not None:  # a bad schema or speed-up setting is said before anything runs
                    part.validate()
        except WorkbenchError as exc:
            self.banner.show_error(ErrorInfo(exc.message, exc.hint))
            return
        self.banner.hide()
        self._pending_reply = reply
        branch = Branch(request, parent=parent, fork=fork)
        if parent is not None:
            branch.tokens = list(self.branches[parent].tokens[:fork])
        self.branches.append(branch)
        self.current = len(self.branches) - 1
        self._fill_branch_box()
        self.token_model.reset(branch.tokens)
        self.output.colour = self.colour.isChecked()
        self.output.start()
        for event in branch.tokens:
            self.output.add(event)
        self.stats.setText(self.tr("Loading {name}…").format(name=request.model) if not self._loaded(request)
                           else self.tr("Generating…"))
        self.speedup.start()
        self.job = self.ctx.pool.submit(gen.run_request, self.ctx.service, request, name="generate",
                                        on_events=self._on_events, on_success=self._on_done,
                                        on_error=self._on_error, on_cancel=self._on_cancelled,
                                        on_finished=self._on_finished)
        self._sync_buttons()

    def _loaded(self, request: GenerationRequest) -> bool:
        return any(h.ref == request.model and h.quantize == request.quantize and h.engine == request.engine
                   for h in self.ctx.service.loaded())

    def _on_events(self, events: list) -> None:
        branch = self.branches[self.current]
        tokens = []
        for event in events:
            if isinstance(event, TokenEvent):
                tokens.append(event)
                self.output.add(event)
            elif isinstance(event, SpeculationStats):
                self.speedup.show_stats(event)
            elif isinstance(event, PromptInfo):
                self.last_path = event.path
                self._show_prompt_info(event)
                self.stats.setText(self.tr("Generating…"))
        branch.tokens.extend(tokens)
        if self.token_model.tokens is not branch.tokens:
            self.token_model.append(tokens)
        if tokens:
            self.token_table.scrollToBottom()

    def _on_done(self, result: GenerationResult) -> None:
        branch = self.branches[self.current]
        branch.result = result
        beams = self.tr(" Beam search shows its tokens only when it is done.") if result.settings.num_beams > 1 else ""
        seed = self.tr(", seed {seed}").format(seed=result.seed) if result.seed is not None else ""
        int8 = self.tr(" (int8 weights: output may differ from float32)") if branch.request.quantize else ""
        self.stats.setText(self.tr("{n} tokens · {speed:.1f} tokens/s · first token after {ttft:.2f} s · finished by "
                                   "{reason}").format(n=len(result.ids), speed=result.tokens_per_s, ttft=result.ttft_s,
                                                      reason=self._finish_reason(result.finish_reason))
                           + seed + int8 + self.tr(".") + beams + self._format_report(result)
                           + "".join(f"\n⚠ {n}" for n in result.notes))
        if result.finish_reason == "stop":  # the stream showed the stop string; show the cut text
            self.output.start(result.text)
        if self._pending_reply and self.conversation is not None:
            messages = self.conversation.messages
            if messages and messages[-1].role == "assistant" and branch.request.messages \
                    and branch.request.messages[-1].role == "assistant":
                messages[-1].content = branch.request.messages[-1].content + result.text
            else:
                messages.append(Message("assistant", result.text))
            self._save_conversation()
            self._show_transcript()

    def _format_report(self, result: GenerationResult) -> str:
        if result.constraint is None:
            return ""
        return "\n" + self.tr("Format: the grammar changed the model's top choice at {changed} of {steps} steps "
                               "(\"filtered out\" in the token table).").format(
            changed=result.constraint["changed_top_choice"], steps=result.constraint["steps"])

    def _on_error(self, info: ErrorInfo) -> None:
        self.banner.show_error(info)
        self.stats.setText("")
        self._drop_empty_branch()

    def _on_cancelled(self) -> None:
        self.stats.setText(self.tr("Stopped before the first token."))
        self._drop_empty_branch()

    def _drop_empty_branch(self) -> None:
        if 0 <= self.current < len(self.branches) and self.branches[self.current].result is None:
            self.branches.pop(self.current)
            self.current = len(self.branches) - 1
            self._fill_branch_box()
            if self.current >= 0:
                self.show_branch(self.current)

    def _on_finished(self) -> None:
        self.job = None
        self._sync_buttons()

    def stop(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _sync_buttons(self) -> None:
        running = self.job is not None
        self.generate_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        self.compare_button.setEnabled(not running)
        self.continue_button.setEnabled(not running and self.alt_table.currentRow() >= 0)
        self.delete_preset.setEnabled((self.preset.currentData() or "").startswith("user:"))
        for name in ("Edit…", "Delete message", "Regenerate", "Continue"):
            self.chat_buttons[name].setEnabled(not running)

    # ---- inspector and branches -------------------------------------------------------------------
    def show_alternatives(self, row: int) -> None:
        self.alt_table.setRowCount(0)
        if not 0 <= row < len(self.token_model.tokens):
            return
        token = self.token_model.tokens[row]
        self.alt_title.setText(self.tr("Token #{index} “{text}”: probability {prob}, after filters {after}. "
                                       "The alternatives the model considered:").format(
            index=token.index, text=token_label(token), prob=pct(token.prob), after=after_pct(token.prob_after))
            + self._overruled(token))
        self.alt_table.setRowCount(len(token.alternatives))
        for r, alt in enumerate(token.alternatives):
            cells = (token_label(alt), str(alt.id), pct(alt.prob), after_pct(alt.prob_after))
            for c, text in enumerate(cells):
                item = QtWidgets.QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                else:
                    item.setToolTip(token_tip(alt))
                    if is_partial(alt):
                        item.setForeground(QtGui.QColor(PARTIAL_GREY))
                if alt.id == token.id:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                    item.setToolTip(self.tr("The token that was generated"))
                if c == 3 and alt.prob_after == 0:
                    item.setToolTip(self.tr("Removed by the sampling filters: it could not have been picked"))
                    item.setForeground(self.palette().placeholderText())
                self.alt_table.setItem(r, c, item)
        self._sync_buttons()
        self._inspect(row)

    def _overruled(self, token: TokenEvent) -> str:
        """With an output format: the model wanted X, the grammar allowed only the others."""
        fmt = self.branches[self.current].request.output_format if self.branches else None
        wanted = max(token.alternatives, key=lambda a: a.prob, default=None)
        if fmt is None or fmt.free or wanted is None or wanted.prob_after != 0:
            return ""
        return " " + self.tr("The model wanted “{wanted}”, but the format did not allow it.").format(
            wanted=token_label(wanted))

    def _open_in_attention(self, model: str, text: str) -> None:
        self.ctx.open_in_tab.emit("Attention", model)  # the window builds the tab (lazily) before it is told
        self.ctx.open_attention.emit(model, text)

    def _inspect(self, row: int) -> None:
        """Hand the clicked token to the token inspector (once its branch is done: the prompt ids are known)."""
        from workbench.ui.widgets.token_inspector import InspectTarget

        branch = self.branches[self.current] if 0 <= self.current < len(self.branches) else None
        if branch is None or branch.result is None or row >= len(branch.tokens):
            return
        token = branch.tokens[row]
        self.inspector.set_target(InspectTarget(
            branch.request.model, list(branch.result.prompt_ids) + [t.id for t in branch.tokens[:row]], token.id,
            token_label(token), token.prob, token.prob_after,
            [(token_label(a), a.prob, a.prob_after, is_partial(a)) for a in token.alternatives],
            self.tr("Token #{n}").format(n=token.index), engine=branch.request.engine,
            settings=branch.result.settings, alternative_ids=[a.id for a in token.alternatives]))

    def continue_with_alternative(self) -> None:
        row = self.token_table.currentIndex().row()
        alt_row = self.alt_table.currentRow()
        if self.job is not None or row < 0 or alt_row < 0:
            return
        branch = self.branches[self.current]
        token = self.token_model.tokens[row]
        alt = token.alternatives[alt_row]
        base = branch.request
        prefix = [t.id for t in branch.tokens[:row]] + [alt.id]
        request = replace(base, prefix_ids=prefix, settings=replace(base.settings, stop=list(base.settings.stop)),
                          prefix_text="".join(t.text for t in branch.tokens[:row]) + alt.text)  # remote: text
        fork = row
        self._start(request, parent=self.current, fork=fork, reply=False)
        # the chosen token keeps the alternatives it was picked from
        chosen = replace(token, id=alt.id, text=alt.text, prob=alt.prob, prob_after=alt.prob_after,
                         logprob=None, rank=None, piece=alt.piece)
        branch_now = self.branches[self.current]
        branch_now.tokens.append(chosen)
        self.token_model.reset(branch_now.tokens)
        self._fill_branch_box()  # now it can name the picked token

    def _fill_branch_box(self) -> None:
        self.branch_box.clear()
        for i, b in enumerate(self.branches):
            picked = b.tokens[b.fork] if b.fork is not None and len(b.tokens) > b.fork else None
            self.branch_box.addItem(f"{i + 1}: {b.label}" + (f" “{token_label(picked)}”" if picked else ""))
        self.branch_box.setCurrentIndex(self.current)

    def show_branch(self, index: int) -> None:
        if self.job is not None or not 0 <= index < len(self.branches):
            self.branch_box.setCurrentIndex(self.current)
            return
        self.current = index
        branch = self.branches[index]
        self.token_model.reset(branch.tokens)
        self.output.colour = self.colour.isChecked()
        self.output.start()
        for event in branch.tokens:
            self.output.add(event)
        if branch.result is not None and branch.result.finish_reason == "stop":
            self.output.start(branch.result.text)
        self.alt_table.setRowCount(0)

    def _recolour(self) -> None:
        if self.job is None and 0 <= self.current < len(self.branches):
            self.show_branch(self.current)

    # ---- prompt tokens ---------------------------------------------------------------------------
    def _count_prompt(self) -> None:
        ref = self.ctx.current_model
        loaded = [h for h in self.ctx.service.loaded() if h.ref == ref]
        if not ref or not loaded or self.job is not None:
            if ref and not loaded:
                self.prompt_count.setText(self.tr("The token count appears after the first run."))
            return
        messages = None
        prompt = self.prompt.toPlainText()
        if self.chat_mode:
            pending = self.message.toPlainText()
            messages = self.conversation.prompt_messages() + ([Message("user", pending)] if pending.strip() else [])
            if not any(m.role != "system" and m.content.strip() for m in messages):
                return
        if self.counter_job is not None:
            self._recount = True
            return
        self._recount = False
        self.counter_job = self.ctx.pool.submit(gen.count_prompt, self.ctx.service, ref, prompt, messages,
                                                name="count-prompt", on_success=self._show_prompt_info,
                                                on_error=lambda info: self.prompt_count.setText(info.message),
                                                on_finished=self._counter_done)

    def _counter_done(self) -> None:
        self.counter_job = None
        if self._recount:  # the count that just ended is stale: count the prompt as it is now
            self._count_prompt()

    def _show_prompt_info(self, info: PromptInfo) -> None:
        n = len(info.pieces)
        window = info.context_window
        over = window is not None and n + self.controls.boxes["max_new_tokens"].value() > window
        text = (self.tr("{n} prompt tokens of {window}") if window else self.tr("{n} prompt tokens")).format(
            n=n, window=window)
        if window and n >= window:
            text = "⚠ " + self.tr("{text}: longer than the context window; shorten it").format(text=text)
        elif over:
            text = "⚠ " + self.tr("{text}: not enough room for max new tokens").format(text=text)
        self.prompt_count.setText(text)
        self.prompt_count.setStyleSheet("color: #c0392b;" if over else "")
        cells = []
        for i, piece in enumerate(info.pieces):
            shade = "#e8eefc" if i % 2 else "#fcefe0"
            grey = f"color:{PARTIAL_GREY};" if is_partial(piece) else ""
            cells.append(f'<span style="background:{shade};{grey}white-space:nowrap" '
                         f'title="{html.escape(token_tip(piece))}">'
                         f'{html.escape(token_label(piece))}<sub style="color:#777">{piece.id}</sub></span>')
        self.tokens_view.setHtml("<p>" + self.tr("<b>{n} tokens</b> for {name}").format(n=n, name=html.escape(info.model))
                                 + (self.tr(" (context window {window})").format(window=window) if window else "")
                                 + "</p><p style='line-height:160%'>"
                                 + " ".join(cells) + "</p>")

    # ---- copy as code, compare ---------------------------------------------------------------------
    def copy_code(self) -> None:
        path = self.last_path or (self.ctx.entry(self.ctx.current_model).path if self.ctx.entry(self.ctx.current_model)
                                  else self.ctx.current_model)
        settings = self.controls.settings()
        # Load the model as the app has it loaded, so the program gives the app's ids.
        handle = self.ctx.service.loaded_handle(self.ctx.current_model, kind="causal-lm")
        how = (dict(dtype=handle.dtype, device=handle.device, quantize=handle.quantize) if handle is not None
               else dict(quantize="int8" if self.quantize.isChecked() else ""))
        if self.chat_mode:
            messages = self.conversation.prompt_messages()
            pending = self.message.toPlainText()
            if pending.strip():
                messages.append(Message("user", pending))
            code = gen.code_snippet(path, settings, messages=[asdict(m) for m in messages], **how)
        else:
            code = gen.code_snippet(path, settings, prompt=self.prompt.toPlainText(), **how)
        QtWidgets.QApplication.clipboard().setText(code)
        self.ctx.status_message.emit(self.tr("Copied a transformers program for this model and these settings."), 4000)
        self.stats.setText(self.tr("Copied to the clipboard:") + "\n" + code)

    def start_compare(self) -> None:
        if self.job is not None:
            return
        requests = []
        for side in self.compare_sides:
            model = side["model"].currentText() or self.ctx.current_model
            settings = self._preset_settings(side["preset"].currentData())
            if self.chat_mode:
                pending = self.message.toPlainText()
                messages = self.conversation.prompt_messages() + ([Message("user", pending)] if pending.strip() else [])
                requests.append(self._request(messages=messages, model=model, settings=settings,
                                              quantize=side["int8"].isChecked()))
            else:
                requests.append(self._request(prompt=self.prompt.toPlainText(), model=model, settings=settings,
                                              quantize=side["int8"].isChecked()))
        for side in self.compare_sides:
            side["out"].colour = self.colour.isChecked()
            side["out"].start()
            side["stats"].setText(self.tr("waiting…"))
        self.banner.hide()
        self.job = self.ctx.pool.submit(run_compare, self.ctx.service, requests, name="compare",
                                        on_events=self._on_compare_events, on_success=self._on_compare_done,
                                        on_error=self._on_error, on_finished=self._on_finished)
        self._sync_buttons()

    def _on_compare_events(self, events: list) -> None:
        for side_index, event in events:
            side = self.compare_sides[side_index]
            if isinstance(event, TokenEvent):
                side["out"].add(event)
            elif isinstance(event, PromptInfo):
                side["stats"].setText(self.tr("generating on {name}…").format(name=event.model))

    def _on_compare_done(self, results: list[GenerationResult]) -> None:
        for side, result in zip(self.compare_sides, results):
            mean = [t.prob for t in result.tokens if t.prob is not None]
            avg = self.tr(" · mean token probability {p:.1f} %").format(p=sum(mean) / len(mean) * 100) if mean else ""
            side["stats"].setText(self.tr("{n} tokens · {speed:.1f} tokens/s").format(
                n=len(result.ids), speed=result.tokens_per_s) + avg)
            if result.finish_reason == "stop":
                side["out"].start(result.text)

    # ---- contract ----------------------------------------------------------------------------------
    def smoke(self, model: str, done: SmokeDone) -> None:
        self.ctx.set_model(model)
        self.mode.setCurrentIndex(0)
        self.prompt.setPlainText("The capital of France is")
        self.controls.set_settings(replace(PRESETS["Greedy"], max_new_tokens=8))

        def finished(result: GenerationResult) -> None:
            self._on_done(result)
            ok = len(result.ids) > 0 and self.token_model.rowCount() == len(result.ids)
            done(ok, f"{len(result.ids)} tokens at {result.tokens_per_s:.1f} tokens/s: {result.text!r}")

        self._start(self._request(prompt=self.prompt.toPlainText()))
        if self.job is None:
            done(False, self.banner.message or "generation did not start")
            return
        self.job.succeeded.disconnect(self._on_done)
        self.job.succeeded.connect(finished)
        self.job.failed.connect(lambda info: done(False, info.message))

    def shutdown(self) -> None:
        self.prompt_timer.stop()
        self.inspector.shutdown()
        self.perplexity.shutdown()
        for job in (self.job, self.counter_job):
            if job is not None:
                job.cancel()
                job.wait(10)


def run_compare(service, requests: list[GenerationRequest], cancel: CancelToken = NEVER_CANCELLED,
                progress=None) -> list[GenerationResult]:
    """Run the requests one after the other (one model in memory at a time), tagging events by side."""
    results = []
    for side, request in enumerate(requests):
        results.append(gen.run_request(service, request, cancel=cancel,
                                       progress=(lambda e, s=side: progress((s, e))) if progress else None))
    return results
