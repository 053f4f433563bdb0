"""The Generate tab's controller: the running generation or comparison (one ``JobSlot``), its branches,
the clicked token, and the prompt's token count (a ``LatestRequest``: the newest prompt wins).

Model work is core calls only: ``generation.run_request``, ``run_requests``, ``count_prompt``,
``code_snippet``; the panels only show what this hands them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

from workbench.core import generation as gen
from workbench.core.generation import (GenerationRequest, GenerationResult, Message, PromptInfo, SamplingSettings,
                                       TokenEvent)
from workbench.core.jobs import WorkbenchError
from workbench.core.speculative import SpeculationStats
from workbench.ui.qt import QtCore, QtWidgets
from workbench.ui.widgets.token_cells import is_partial, token_label
from workbench.ui.workers import ErrorInfo, Job, JobSlot, LatestRequest


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


class GenerateController(QtCore.QObject):
    """Runs what the Generate tab's panels ask for and shows the outcome in them."""

    def __init__(self, view):
        super().__init__(view)
        self.view, self.ctx = view, view.ctx
        self.branches: list[Branch] = []
        self.current = -1
        self.last_path = ""
        self._pending_reply = False
        write, tokens = view.write, view.tokens
        self.slot = JobSlot(self.ctx.pool, self, run_buttons=(write.generate_button, view.compare.compare_button),
                            stop_buttons=(write.stop_button,))
        self.counter = LatestRequest(self.ctx.pool)
        self.counting = False
        # the prompt's token count is refreshed once typing pauses, never per keystroke
        self.prompt_timer = QtCore.QTimer(self, singleShot=True, interval=400)
        self.prompt_timer.timeout.connect(self.count_prompt)
        write.generate_button.clicked.connect(self.start_generation)
        write.stop_button.clicked.connect(self.slot.stop)
        write.code_button.clicked.connect(self.copy_code)
        write.chat.answer_requested.connect(
            lambda: self.start(self.request(messages=write.chat.conversation.prompt_messages()), reply=True))
        view.compare.compare_button.clicked.connect(self.start_compare)
        tokens.branch_box.activated.connect(self.show_branch)
        tokens.token_table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_alternatives(cur.row()))
        tokens.continue_button.clicked.connect(self.continue_with_alternative)
        tokens.alt_table.doubleClicked.connect(lambda _i: self.continue_with_alternative())
        view.sampling.colour.toggled.connect(self._recolour)
        write.prompt.textChanged.connect(self.prompt_timer.start)
        write.chat.message.textChanged.connect(self.prompt_timer.start)

    # ---- requests ----------------------------------------------------------------------------------
    def request(self, prompt: str = "", messages: list[Message] | None = None, model: str | None = None,
                settings: SamplingSettings | None = None, quantize: bool | None = None) -> GenerationRequest:
        """What the controls ask for; ``model``/``settings``/``quantize`` given: a Compare side (plain decoding)."""
        view = self.view
        engine = view.model_bar.engine.engine() if model is None else "transformers"
        use_int8 = (view.model_bar.quantize.isChecked() if quantize is None else quantize) and engine == "transformers"
        own = model is None
        return GenerationRequest(model=model or self.ctx.current_model,
                                 settings=settings or view.sampling.controls.settings(), prompt=prompt,
                                 messages=messages, quantize="int8" if use_int8 else "", engine=engine,
                                 speculation=view.sampling.speedup.speculation() if own else None,
                                 output_format=view.sampling.format_choice.output_format() if own else None)

    def start_generation(self) -> None:
        if not self.ctx.current_model:
            self.view.banner.show_error(self.tr("No model is chosen."),
                                        self.tr("Pick a model in the toolbar (Models tab lists them)."))
            return
        if self.view.chat_mode:
            messages = self.view.write.chat.send_message()
            if messages is not None:
                self.start(self.request(messages=messages), reply=True)
        else:
            self.start(self.request(prompt=self.view.write.prompt.toPlainText()))

    def start(self, request: GenerationRequest, parent: int | None = None, fork: int | None = None,
              reply: bool = False) -> Job | None:
        """Generate a new branch (from ``parent``'s first ``fork`` tokens); None if it cannot start."""
        if self.slot.running:
            return None
        try:
            request.settings.validate()
            for part in (request.speculation, request.output_format):
                if part is not None:  # a bad schema or speed-up setting is said before anything runs
                    part.validate()
        except WorkbenchError as exc:
            self.view.banner.show_error(ErrorInfo(exc.message, exc.hint))
            return None
        self.view.banner.hide()
        self._pending_reply = reply
        branch = Branch(request, parent=parent, fork=fork)
        if parent is not None:
            branch.tokens = list(self.branches[parent].tokens[:fork])
        self.branches.append(branch)
        self.current = len(self.branches) - 1
        self.view.tokens.fill_branches(self.branches, self.current)
        self._show_tokens(branch)
        self.view.write.stats.setText(self.tr("Loading {name}…").format(name=request.model)
                                      if not self._loaded(request) else self.tr("Generating…"))
        self.view.sampling.speedup.start()
        return self.slot.submit(gen.run_request, self.ctx.service, request, name="generate",
                                on_events=self._on_events, on_success=self._on_done,
                                on_error=self._on_error, on_cancel=self._on_cancelled)

    def _loaded(self, request: GenerationRequest) -> bool:
        return any(h.ref == request.model and h.quantize == request.quantize and h.engine == request.engine
                   for h in self.ctx.service.loaded())

    # ---- a generation's outcome --------------------------------------------------------------------
    def _on_events(self, events: list) -> None:
        branch = self.branches[self.current]
        tokens = []
        for event in events:
            if isinstance(event, TokenEvent):
                tokens.append(event)
                self.view.write.output.add(event)
            elif isinstance(event, SpeculationStats):
                self.view.sampling.speedup.show_stats(event)
            elif isinstance(event, PromptInfo):
                self.last_path = event.path
                self._show_prompt_info(event)
                self.view.write.stats.setText(self.tr("Generating…"))
        branch.tokens.extend(tokens)
        model = self.view.tokens.token_model
        if model.tokens is not branch.tokens:
            model.append(tokens)
        if tokens:
            self.view.tokens.token_table.scrollToBottom()

    def _on_done(self, result: GenerationResult) -> None:
        branch = self.branches[self.current]
        branch.result = result
        self.view.write.stats.setText(self._figures(result, int8=bool(branch.request.quantize)))
        if result.finish_reason == "stop":  # the stream showed the stop string; show the cut text
            self.view.write.output.start(result.text)
        if self._pending_reply and self.view.write.chat.conversation is not None:
            self.view.write.chat.add_answer(branch.request.messages, result.text)

    def _figures(self, result: GenerationResult, int8: bool) -> str:
        beams = self.tr(" Beam search shows its tokens only when it is done.") if result.settings.num_beams > 1 else ""
        seed = self.tr(", seed {seed}").format(seed=result.seed) if result.seed is not None else ""
        int8_note = self.tr(" (int8 weights: output may differ from float32)") if int8 else ""
        reason = {"length": self.tr("length"), "stop": self.tr("stop"), "eos": self.tr("eos"),
                  "cancelled": self.tr("cancelled")}.get(result.finish_reason, result.finish_reason)
        return (self.tr("{n} tokens · {speed:.1f} tokens/s · first token after {ttft:.2f} s · finished by "
                        "{reason}").format(n=len(result.ids), speed=result.tokens_per_s, ttft=result.ttft_s,
                                           reason=reason)
                + seed + int8_note + self.tr(".") + beams + self._format_report(result)
                + "".join(f"\n⚠ {n}" for n in result.notes))

    def _format_report(self, result: GenerationResult) -> str:
        if result.constraint is None:
            return ""
        return "\n" + self.tr("Format: the grammar changed the model's top choice at {changed} of {steps} steps "
                               "(\"filtered out\" in the token table).").format(
            changed=result.constraint["changed_top_choice"], steps=result.constraint["steps"])

    def _on_error(self, info: ErrorInfo) -> None:
        self.view.banner.show_error(info)
        self.view.write.stats.setText("")
        self._drop_empty_branch()

    def _on_cancelled(self) -> None:
        self.view.write.stats.setText(self.tr("Stopped before the first token."))
        self._drop_empty_branch()

    def _drop_empty_branch(self) -> None:
        if 0 <= self.current < len(self.branches) and self.branches[self.current].result is None:
            self.branches.pop(self.current)
            self.current = len(self.branches) - 1
            self.view.tokens.fill_branches(self.branches, self.current)
            if self.current >= 0:
                self.show_branch(self.current)

    # ---- the clicked token, branches ---------------------------------------------------------------
    def show_alternatives(self, row: int) -> None:
        tokens = self.view.tokens
        tokens.alt_table.setRowCount(0)
        if not 0 <= row < len(tokens.token_model.tokens):
            return
        token = tokens.token_model.tokens[row]
        tokens.show_alternatives(token, self._overruled(token))
        self.view.sync()
        self.inspect(row)

    def _overruled(self, token: TokenEvent) -> str:
        """With an output format: the model wanted X, the grammar allowed only the others."""
        fmt = self.branches[self.current].request.output_format if self.branches else None
        wanted = max(token.alternatives, key=lambda a: a.prob, default=None)
        if fmt is None or fmt.free or wanted is None or wanted.prob_after != 0:
            return ""
        return " " + self.tr("The model wanted “{wanted}”, but the format did not allow it.").format(
            wanted=token_label(wanted))

    def inspect(self, row: int) -> None:
        """Hand the clicked token to the token inspector (once its branch is done: the prompt ids are known)."""
        from workbench.ui.widgets.token_inspector import InspectTarget

        branch = self.branches[self.current] if 0 <= self.current < len(self.branches) else None
        if branch is None or branch.result is None or row >= len(branch.tokens):
            return
        token = branch.tokens[row]
        self.view.inspector.set_target(InspectTarget(
            branch.request.model, list(branch.result.prompt_ids) + [t.id for t in branch.tokens[:row]], token.id,
            token_label(token), token.prob, token.prob_after,
            [(token_label(a), a.prob, a.prob_after, is_partial(a)) for a in token.alternatives],
            self.tr("Token #{n}").format(n=token.index), engine=branch.request.engine,
            settings=branch.result.settings, alternative_ids=[a.id for a in token.alternatives]))

    def continue_with_alternative(self) -> None:
        tokens = self.view.tokens
        row = tokens.token_table.currentIndex().row()
        alt_row = tokens.alt_table.currentRow()
        if self.slot.running or row < 0 or alt_row < 0:
            return
        branch = self.branches[self.current]
        token = tokens.token_model.tokens[row]
        alt = token.alternatives[alt_row]
        base = branch.request
        prefix = [t.id for t in branch.tokens[:row]] + [alt.id]
        request = replace(base, prefix_ids=prefix, settings=replace(base.settings, stop=list(base.settings.stop)),
                          prefix_text="".join(t.text for t in branch.tokens[:row]) + alt.text)  # remote: text
        self.start(request, parent=self.current, fork=row, reply=False)
        # the chosen token keeps the alternatives it was picked from
        chosen = replace(token, id=alt.id, text=alt.text, prob=alt.prob, prob_after=alt.prob_after,
                         logprob=None, rank=None, piece=alt.piece)
        branch_now = self.branches[self.current]
        branch_now.tokens.append(chosen)
        tokens.token_model.reset(branch_now.tokens)
        tokens.fill_branches(self.branches, self.current)  # now it can name the picked token

    def show_branch(self, index: int) -> None:
        if self.slot.running or not 0 <= index < len(self.branches):
            self.view.tokens.branch_box.setCurrentIndex(self.current)
            return
        self.current = index
        branch = self.branches[index]
        self._show_tokens(branch)
        if branch.result is not None and branch.result.finish_reason == "stop":
            self.view.write.output.start(branch.result.text)
        self.view.tokens.alt_table.setRowCount(0)

    def _show_tokens(self, branch: Branch) -> None:
        """The branch's tokens so far, in the table and as text."""
        self.view.tokens.token_model.reset(branch.tokens)
        output = self.view.write.output
        output.colour = self.view.sampling.colour.isChecked()
        output.start()
        for event in branch.tokens:
            output.add(event)

    def _recolour(self) -> None:
        if not self.slot.running and 0 <= self.current < len(self.branches):
            self.show_branch(self.current)

    # ---- prompt tokens -----------------------------------------------------------------------------
    def count_prompt(self) -> None:
        ref = self.ctx.current_model
        loaded = [h for h in self.ctx.service.loaded() if h.ref == ref]
        write = self.view.write
        if not ref or not loaded or self.slot.running:
            if ref and not loaded:
                write.prompt_count.setText(self.tr("The token count appears after the first run."))
            return
        messages = None
        if self.view.chat_mode:
            messages = write.chat.prompt_messages()
            if not any(m.role != "system" and m.content.strip() for m in messages):
                return
        self.counting = True  # a newer count replaces this one: only the newest is shown
        self.counter.submit(gen.count_prompt, self.ctx.service, ref, write.prompt.toPlainText(), messages,
                            name="count-prompt", on_success=self._show_prompt_info,
                            on_error=lambda info: write.prompt_count.setText(info.message),
                            on_finished=self._counted)

    def _counted(self) -> None:
        self.counting = False

    def _show_prompt_info(self, info: PromptInfo) -> None:
        self.view.write.show_count(len(info.pieces), info.context_window,
                                   self.view.sampling.controls.boxes["max_new_tokens"].value())
        self.view.prompt_tokens.show_info(info)

    # ---- copy as code, compare ---------------------------------------------------------------------
    def copy_code(self) -> None:
        entry = self.ctx.entry(self.ctx.current_model)
        path = self.last_path or (entry.path if entry else self.ctx.current_model)
        settings = self.view.sampling.controls.settings()
        # Load the model as the app has it loaded, so the program gives the app's ids.
        handle = self.ctx.service.loaded_handle(self.ctx.current_model, kind="causal-lm")
        how = (dict(dtype=handle.dtype, device=handle.device, quantize=handle.quantize) if handle is not None
               else dict(quantize="int8" if self.view.model_bar.quantize.isChecked() else ""))
        if self.view.chat_mode:
            messages = self.view.write.chat.prompt_messages()
            code = gen.code_snippet(path, settings, messages=[asdict(m) for m in messages], **how)
        else:
            code = gen.code_snippet(path, settings, prompt=self.view.write.prompt.toPlainText(), **how)
        QtWidgets.QApplication.clipboard().setText(code)
        self.ctx.status_message.emit(self.tr("Copied a transformers program for this model and these settings."), 4000)
        self.view.write.stats.setText(self.tr("Copied to the clipboard:") + "\n" + code)

    def start_compare(self) -> None:
        if self.slot.running:
            return
        compare, sampling = self.view.compare, self.view.sampling
        requests = []
        for side in compare.compare_sides:
            ask = dict(model=side["model"].currentText() or self.ctx.current_model,
                       settings=sampling.settings_for(side["preset"].currentData()), quantize=side["int8"].isChecked())
            if self.view.chat_mode:
                requests.append(self.request(messages=self.view.write.chat.prompt_messages(), **ask))
            else:
                requests.append(self.request(prompt=self.view.write.prompt.toPlainText(), **ask))
        compare.start(sampling.colour.isChecked())
        self.view.banner.hide()
        self.slot.submit(gen.run_requests, self.ctx.service, requests, name="compare", on_events=compare.show_events,
                         on_success=compare.show_results, on_error=self._on_error)

    def shutdown(self) -> None:
        self.prompt_timer.stop()
        self.slot.shutdown()
        job = self.counter.job
        if job is not None:
            job.cancel()
            job.wait(10)
