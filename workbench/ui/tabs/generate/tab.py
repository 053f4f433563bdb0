"""Generate tab: every sampling control, streamed output, and each token's probabilities.

The tab lays out its panels (``model_bar``, ``sampling_panel``, ``prompt_panel`` with ``chat_panel``,
``compare_panel``, ``tokens_panel``, the shared token inspector and the Perplexity page) and hands the
running work to ``controller.GenerateController``. Clicking a token shows its alternatives before and
after the sampling filters; "Continue with this token" starts a new branch from the chosen alternative.
"""

from __future__ import annotations

from dataclasses import replace

from workbench.core.generation import PRESETS, GenerationResult
from workbench.ui.qt import QtCore, QtWidgets, Qt
from workbench.ui.tabs.base import SmokeDone, WorkbenchTab
from workbench.ui.tabs.generate.compare_panel import ComparePanel
from workbench.ui.tabs.generate.controller import GenerateController
from workbench.ui.tabs.generate.model_bar import ModelBar
from workbench.ui.tabs.generate.prompt_panel import PromptTokensView, WritePage
from workbench.ui.tabs.generate.sampling_panel import SamplingColumn
from workbench.ui.tabs.generate.texts import INT8_NOTE, _tr
from workbench.ui.tabs.generate.tokens_panel import TokensPanel


class GenerateTab(WorkbenchTab):
    title = QtCore.QT_TRANSLATE_NOOP("Tabs", "Generate")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self._build()
        self.controller = GenerateController(self)
        self._connect()
        self._name_widgets()
        self.ctx.model_changed.connect(self._model_changed)
        self._model_changed(self.ctx.current_model)
        self.sync()

    # ---- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QtWidgets.QVBoxLayout(self)
        outer.addWidget(self.banner)
        self.model_bar = ModelBar(self.ctx.library)
        outer.addWidget(self.model_bar)
        self.int8_note = QtWidgets.QLabel("⚠ " + _tr(INT8_NOTE))
        self.int8_note.setWordWrap(True)
        self.int8_note.hide()
        outer.addWidget(self.int8_note)
        split = QtWidgets.QSplitter(Qt.Horizontal)
        outer.addWidget(split, 1)
        self.sampling = SamplingColumn(self.ctx, self.banner.show_error)  # left: presets and sampling controls
        split.addWidget(self.sampling)
        split.addWidget(self._build_pages())  # middle: prompt, output, tokenizer view, compare, inspector
        self.tokens = TokensPanel()  # right: branches, tokens, alternatives
        split.addWidget(self.tokens)
        split.setSizes([290, 500, 380])
        split.setStretchFactor(1, 1)

    def _build_pages(self) -> QtWidgets.QTabWidget:
        from workbench.ui.tabs.perplexity import PerplexityView
        from workbench.ui.widgets.token_inspector import TokenInspector

        self.pages = QtWidgets.QTabWidget()
        self.write = WritePage(self.banner.show_error)
        self.pages.addTab(self.write, self.tr("Write"))
        self.prompt_tokens = PromptTokensView()
        self.pages.addTab(self.prompt_tokens, self.tr("Prompt tokens"))
        self.compare = ComparePanel(self.ctx)
        self.pages.addTab(self.compare, self.tr("Compare"))
        self.inspector = TokenInspector(self.ctx)
        self.pages.addTab(self.inspector, self.tr("Inspect token"))
        self.perplexity = PerplexityView(self.ctx)
        self.pages.addTab(self.perplexity, self.tr("Perplexity"))
        return self.pages

    def _connect(self) -> None:
        """How the panels follow one another (what runs is the controller's)."""
        bar = self.model_bar
        bar.mode.currentIndexChanged.connect(self._mode_changed)
        bar.quantize.toggled.connect(lambda on: self.int8_note.setVisible(on))
        bar.engine.combo.currentIndexChanged.connect(lambda _i: self.sampling.set_engine(bar.engine.engine()))
        self.sampling.presets_changed.connect(lambda: self.compare.fill_presets(self.sampling.presets()))
        self.compare.fill_presets(self.sampling.presets())
        self.inspector.open_in_attention.connect(self._open_in_attention)
        self.inspector.switch_to_transformers.connect(bar.engine.use_transformers)
        self.write.output.token_clicked.connect(lambda row: self.tokens.token_table.selectRow(row))
        self.tokens.token_table.clicked.connect(lambda _index: self.pages.setCurrentWidget(self.inspector))
        self.tokens.alt_table.itemSelectionChanged.connect(self.sync)
        self.controller.slot.running_changed.connect(lambda _running: self.sync())

    def _name_widgets(self) -> None:
        """The panels' widgets under the tab's own names: view actions, lessons, benchmarks and tests reach them so."""
        bar, sampling, write, chat, tokens = self.model_bar, self.sampling, self.write, self.write.chat, self.tokens
        self.mode, self.engine, self.quantize = bar.mode, bar.engine, bar.quantize
        self.preset, self.save_preset, self.delete_preset = sampling.preset, sampling.save_preset, sampling.delete_preset
        self.controls, self.speedup, self.format_choice, self.colour = (sampling.controls, sampling.speedup,
                                                                        sampling.format_choice, sampling.colour)
        self.prompt, self.prompt_count, self.output, self.stats = write.prompt, write.prompt_count, write.output, write.stats
        self.generate_button, self.stop_button, self.code_button = write.generate_button, write.stop_button, write.code_button
        self.system, self.transcript, self.message, self.chat_buttons = (chat.system, chat.transcript, chat.message,
                                                                        chat.chat_buttons)
        self.tokens_view = self.prompt_tokens
        self.compare_sides, self.compare_button = self.compare.compare_sides, self.compare.compare_button
        self.branch_box, self.token_table, self.token_model = tokens.branch_box, tokens.token_table, tokens.token_model
        self.alt_title, self.alt_table, self.continue_button = tokens.alt_title, tokens.alt_table, tokens.continue_button
        self.start_generation, self.show_branch = self.controller.start_generation, self.controller.show_branch

    # ---- state the controller keeps ------------------------------------------------------------
    @property
    def job(self):
        """The running generation or comparison, or None."""
        return self.controller.slot.job

    @property
    def branches(self):
        return self.controller.branches

    @property
    def current(self) -> int:
        return self.controller.current

    @property
    def conversation(self):
        return self.write.chat.conversation

    @property
    def chat_mode(self) -> bool:
        return self.mode.currentIndex() == 1

    # ---- view ------------------------------------------------------------------------------------
    def _model_changed(self, ref: str) -> None:
        self.model_bar.show_model(ref)
        self.controller.prompt_timer.start()

    def _mode_changed(self, index: int) -> None:
        self.write.prompt_stack.setCurrentIndex(index)
        self.controller.count_prompt()

    def _open_in_attention(self, model: str, text: str) -> None:
        self.ctx.open_in_tab.emit("Attention", model)  # the window builds the tab (lazily) before it is told
        self.ctx.open_attention.emit(model, text)

    def sync(self) -> None:
        """What can be pressed while a job runs (Generate, Stop and Compare follow the job slot)."""
        running = self.controller.slot.running
        self.continue_button.setEnabled(not running and self.alt_table.currentRow() >= 0)
        self.write.chat.set_running(running)

    # ---- contract ----------------------------------------------------------------------------------
    def smoke(self, model: str, done: SmokeDone) -> None:
        self.ctx.set_model(model)
        self.mode.setCurrentIndex(0)
        self.prompt.setPlainText("The capital of France is")
        self.controls.set_settings(replace(PRESETS["Greedy"], max_new_tokens=8))
        job = self.controller.start(self.controller.request(prompt=self.prompt.toPlainText()))
        if job is None:
            done(False, self.banner.message or "generation did not start")
            return

        def finished(result: GenerationResult) -> None:
            ok = len(result.ids) > 0 and self.token_model.rowCount() == len(result.ids)
            done(ok, f"{len(result.ids)} tokens at {result.tokens_per_s:.1f} tokens/s: {result.text!r}")

        job.succeeded.connect(finished)
        job.failed.connect(lambda info: done(False, info.message))

    def shutdown(self) -> None:
        self.controller.shutdown()
        self.inspector.shutdown()
        self.perplexity.shutdown()
