"""Attention tab: capture a model's attention on a text, then look at it head by head, as an
overview of every layer and head, as per-head statistics, aggregated, word by word, step by step
through a generation, and against a second input or model.

The controller: the widgets are ``heatmap_page``'s; the capture runs in a ``JobSlot``, views of long
inputs and the head statistics in ``LatestRequest`` slots (``jobs.py``)."""

from __future__ import annotations

from pathlib import Path

from workbench.core import attention as A
from workbench.core.jobs import Progress, WorkbenchError
from workbench.core.units import human_bytes
from workbench.ui.qt import QtCore, QtGui, QtWidgets
from workbench.ui.tabs.attention.heatmap_page import HeatmapPage
from workbench.ui.tabs.attention.jobs import capture_job, extras_job, view_job
from workbench.ui.tabs.base import SmokeDone, WorkbenchTab
from workbench.ui.workers import ErrorInfo, JobSlot, LatestRequest

SYNC_CELLS = 4_000_000  # views touching fewer float16 cells than this are computed on the GUI thread (< 50 ms)


class AttentionTab(WorkbenchTab):
    title = QtCore.QT_TRANSLATE_NOOP("Tabs", "Attention")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.capture: A.AttentionCapture | None = None
        self.capture_b: A.AttentionCapture | None = None
        self.view: A.AttentionView | None = None
        self._views = LatestRequest(ctx.pool)  # aggregations of long inputs: newest request wins
        self._extras = LatestRequest(ctx.pool)  # thumbnails and head statistics
        self._updating = False
        self._build()
        self.slot = JobSlot(ctx.pool, self, progress=self.heatmap_page.progress,
                            run_buttons=[self.heatmap_page.capture_button],
                            stop_buttons=[self.heatmap_page.cancel_button], status=self.heatmap_page.status.setText)
        self.slot.running_changed.connect(self._update_enabled)
        self._connect()
        self._update_enabled()

    @property
    def job(self):
        return self.slot.job

    # ---- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.heatmap_page = HeatmapPage(self.ctx)
        self.pages = QtWidgets.QTabWidget()  # the heatmap first, then the pages that explain the model's parts
        self.pages.setDocumentMode(True)
        host = QtWidgets.QWidget()  # the heatmap page, or for an LSTM/GRU its states (rnn_state_view)
        self.pages.addTab(host, self.tr("Heatmap"))
        outer = QtWidgets.QVBoxLayout(self)
        outer.addWidget(self.banner)
        outer.addWidget(self.pages, 1)
        from workbench.ui.tabs.attention import rnn_state_view

        rnn_state_view.install(self, self.heatmap_page, host)
        from workbench.ui.tabs.attention.inputs_page import InputsPage

        self.inputs_page = InputsPage(self.ctx)
        self.pages.addTab(self.inputs_page, self.inputs_page.title())
        from workbench.ui.tabs.attention.math_page import AttentionMathPage

        self.math_page = AttentionMathPage(self.ctx, follow=self._followed)
        self.pages.addTab(self.math_page, self.tr("Computed"))
        from workbench.ui.tabs.attention.ablation_page import AblationPage

        self.ablation = AblationPage(self.ctx)
        self.pages.addTab(self.ablation, self.tr("Switch heads off"))

    def _connect(self) -> None:
        page = self.heatmap_page
        page.capture_button.clicked.connect(self.start_capture)
        page.cancel_button.clicked.connect(self.cancel)
        page.compare.toggled.connect(self._update_enabled)
        self.ctx.library_changed.connect(page.fill_models)
        page.fill_models(self.ctx.entries)
        for widget in (page.part, page.aggregate, page.policy, page.show_which):
            widget.currentIndexChanged.connect(self.redraw)
        for widget in (page.layer, page.head, page.step):
            widget.valueChanged.connect(self.redraw)
        page.words.toggled.connect(self.redraw)
        page.part.currentIndexChanged.connect(self._part_changed)
        for key, spin, step in (("PgDown", page.layer, 1), ("PgUp", page.layer, -1), ("Alt+Right", page.head, 1),
                                ("Alt+Left", page.head, -1)):
            QtGui.QShortcut(QtGui.QKeySequence(key), self, lambda s=spin, n=step: s.stepBy(n))
        page.heatmap.hovered.connect(self._hovered)
        page.overview.chosen.connect(self.open_head)
        page.stats_table.clicked.connect(self._stats_clicked)
        page.step.valueChanged.connect(self._inspect_step)
        for suffix, button in page.export_buttons.items():
            button.clicked.connect(lambda _=False, s=suffix: self.export_dialog(s))
        self.ctx.open_attention.connect(self.open_text)

    def _followed(self) -> tuple:
        """What the Computed page takes from this page: the text, and the head shown once captured."""
        page = self.heatmap_page
        head = (page.layer.value(), page.head.value()) if self.capture is not None else (None, None)
        return (page.text.toPlainText(), *head)

    def _update_enabled(self) -> None:
        self.heatmap_page.set_enabled(self.capture is not None, self.capture_b is not None, self.view is not None)

    # ---- capture -----------------------------------------------------------------------------
    def start_capture(self) -> None:
        page = self.heatmap_page
        self.banner.hide()
        text = page.text.toPlainText()
        model = self.ctx.current_model
        if not text.strip():
            self.banner.show_error(ErrorInfo(self.tr("The text is empty."),
                                             self.tr("Type a sentence to see where the model's attention goes.")))
            return
        if not model:
            self.banner.show_error(ErrorInfo(self.tr("No model is chosen."),
                                             self.tr("Pick a model in the model picker at the top.")))
            return
        second = page.second_text.text().strip() or None
        compare = None
        if page.compare.isChecked():
            compare = (page.compare_model.currentData() or model, page.compare_text.text().strip() or text)
        self.slot.submit(capture_job, self.ctx.service, model, text, second, page.generate.value(), compare,
                         name="attention", busy=self.tr("Capturing attention of {name}…").format(name=model),
                         on_events=self._events, on_success=lambda result: self.set_capture(*result),
                         on_error=self._failed,
                         on_cancel=lambda: page.status.setText(self.tr("Capture cancelled.")))

    def cancel(self) -> None:
        self.slot.stop()

    def _events(self, events) -> None:
        for event in events:
            if isinstance(event, Progress) and event.message:
                self.heatmap_page.status.setText(event.message)

    def _failed(self, info: ErrorInfo) -> None:
        self.banner.show_error(info)
        self.heatmap_page.status.setText(self.tr("Capture failed; see the message above."))

    def set_capture(self, capture: A.AttentionCapture, capture_b: A.AttentionCapture | None = None) -> None:
        """Show a new capture (and the comparison capture, if any)."""
        page = self.heatmap_page
        self.capture, self.capture_b = capture, capture_b
        self._updating = True
        page.show_parts(capture)
        self._updating = False
        self._part_changed()
        page.show_warnings(list(capture.warnings) + (list(capture_b.warnings) if capture_b else []))
        main = capture.part(capture.main_part)
        held = capture.stored_bytes + (capture_b.stored_bytes if capture_b else 0)
        # a long input is stored in 8 bits; its statistics and overview stay exact
        storage = self.tr("(8-bit: a long input; head table and overview exact)") if main.compact else "(float16)"
        page.status.setText(self.tr("{model}: {architecture}, {layers} layers × {heads} heads, {n} tokens, captured "
                                    "in {seconds:.2f} s; {size} held {storage}").format(
            model=capture.model, architecture={"decoder": self.tr("decoder"), "encoder": self.tr("encoder"),
                                               "encoder-decoder": self.tr("encoder-decoder")}.get(
                capture.architecture, capture.architecture), layers=main.layers, heads=main.heads,
            n=len(main.query), seconds=capture.seconds, size=human_bytes(held), storage=storage))
        page.show_steps(capture)
        self._update_enabled()
        self._inspect_step()

    # ---- views -------------------------------------------------------------------------------
    def _part_changed(self) -> None:
        if self._updating or self.capture is None:
            return
        page = self.heatmap_page
        part = self.current_part()
        self._updating = True
        page.layer.setRange(0, part.layers - 1)
        page.head.setRange(0, part.heads - 1)
        if page.layer.value() >= part.layers:
            page.layer.setValue(part.layers - 1)
        rollout_index = page.aggregate.findData("rollout")
        page.aggregate.model().item(rollout_index).setEnabled(part.is_self)
        if not part.is_self and page.aggregate.currentData() == "rollout":
            page.aggregate.setCurrentIndex(0)
        self._updating = False
        self.redraw()
        self._refresh_extras()

    def current_part(self) -> A.AttentionPart:
        return self.capture.part(self.heatmap_page.part.currentData() or self.capture.main_part)

    def current_step(self) -> int | None:
        return self.heatmap_page.step.value() if self.capture is not None and self.capture.steps else None

    def view_request(self) -> dict:
        page = self.heatmap_page
        return dict(part=page.part.currentData(), layer=page.layer.value(), head=page.head.value(),
                    aggregate=page.aggregate.currentData(), policy=page.policy.currentData(),
                    words=page.words.isChecked(), step=self.current_step())

    def open_head(self, layer: int, head: int) -> None:
        """Show one head (from the overview or the head table)."""
        page = self.heatmap_page
        self._updating = True
        page.aggregate.setCurrentIndex(page.aggregate.findData("head"))
        page.layer.setValue(layer)
        page.head.setValue(head)
        self._updating = False
        self.redraw()

    def redraw(self) -> None:
        if self._updating or self.capture is None:
            return
        page = self.heatmap_page
        request = self.view_request()
        page.head.setEnabled(request["aggregate"] == "head")
        page.layer.setEnabled(request["aggregate"] in ("head", "mean-heads", "max-heads"))
        page.overview.set_selected(request["layer"], request["head"])
        page.show_step_label(self.capture)
        which = page.show_which.currentData() if self.capture_b is not None else "a"
        if self._draw_now(request, which):
            try:
                self._show(view_job(self.capture, self.capture_b, which, request))
            except WorkbenchError as exc:
                self._view_failed(ErrorInfo.from_exception(exc))
            return
        page.hover.setText(self.tr("Computing the view…"))
        self._views.submit(view_job, self.capture, self.capture_b, which, request, name="attention-view",
                           on_success=self._show, on_error=self._view_failed)

    def _draw_now(self, request: dict, which: str) -> bool:
        """Whether the view is quick enough to compute on the GUI thread."""
        part = self.current_part()
        cells = part.weights.shape[2] * part.weights.shape[3]
        cells *= {"head": 1, "mean-heads": part.heads, "max-heads": part.heads}.get(request["aggregate"],
                                                                                    part.heads * part.layers)
        cached = request["aggregate"] == "rollout" and part.name in self.capture._rollouts and (
            which == "a" or part.name in self.capture_b._rollouts)
        # one head is a float16 -> float32 copy of captured data: always drawn at once, never recomputed
        # (a compact long capture decodes its head on a worker)
        return ((request["aggregate"] == "head" and not part.compact)
                or (cells < SYNC_CELLS and request["aggregate"] != "rollout") or cached)

    def _show(self, result: tuple) -> None:
        view, diverging, pixels = result
        keep_range = self.view is not None and self.view.matrix.shape == view.matrix.shape
        self.view = view
        self.heatmap_page.heatmap.show_view(view, diverging=diverging, keep_range=keep_range, pixels=pixels)
        self.heatmap_page.hover.setText(self.tr("Hover over the map to read a weight; drag to pan, wheel to zoom."))
        self._update_enabled()

    def _view_failed(self, info: ErrorInfo) -> None:
        self.banner.show_error(info)
        self.heatmap_page.hover.setText("")

    def _hovered(self, text: str) -> None:
        if text:
            self.heatmap_page.hover.setText(text)

    def _refresh_extras(self) -> None:
        if self.capture is None:
            return
        part = self.current_part()
        self._extras.submit(extras_job, part, name="attention-heads",
                            on_success=self._extras_ready, on_error=self.banner.show_error)

    def _extras_ready(self, result: tuple) -> None:
        page = self.heatmap_page
        thumbnails, stats = result
        page.overview.set_thumbnails(thumbnails)
        page.overview.set_selected(page.layer.value(), page.head.value())
        page.stats_model.set_rows(stats)

    def _stats_clicked(self, index: QtCore.QModelIndex) -> None:
        page = self.heatmap_page
        stats = page.stats_model.rows[page.stats_proxy.mapToSource(index).row()]
        self.open_head(stats.layer, stats.head)

    # ---- export --------------------------------------------------------------------------------
    def export_dialog(self, suffix: str) -> None:
        name = {".npz": "attention.npz"}.get(suffix, f"attention{suffix}")
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, self.tr("Export attention"), str(Path.home() / name),
                                                        f"{suffix[1:].upper()} (*{suffix})")
        if path:
            if not path.lower().endswith(suffix):
                path += suffix
            self.export(path)

    def export(self, path: str) -> None:
        """Write the current view (PNG/SVG/CSV) or everything captured (NPZ) to ``path``."""
        suffix = Path(path).suffix.lower()
        try:
            if suffix == ".npz":
                if self.capture is None:
                    raise WorkbenchError(self.tr("Nothing is captured yet."), self.tr("Capture attention first."))
                A.save_npz(self.capture, path,
                           include_rollout=self.heatmap_page.aggregate.currentData() == "rollout")
            elif self.view is None:
                raise WorkbenchError(self.tr("Nothing is shown yet."), self.tr("Capture attention first."))
            elif suffix == ".csv":
                A.save_csv(self.view, path)
            else:
                self.heatmap_page.heatmap.export(path)
        except OSError as exc:
            self.banner.show_error(ErrorInfo(self.tr("{path} could not be written: {error}.").format(
                path=path, error=exc.strerror or exc), self.tr("Choose another folder.")))
            return
        except WorkbenchError as exc:
            self.banner.show_error(ErrorInfo.from_exception(exc))
            return
        self.ctx.status_message.emit(self.tr("Saved {path}").format(path=path), 5000)
        self.heatmap_page.hover.setText(self.tr("Saved {path}").format(path=path))

    # ---- token inspector -------------------------------------------------------------------------
    def _inspect_step(self) -> None:
        """Inspect the chosen generation step's token (or, without steps, a decoder's last token)."""
        from workbench.ui.widgets.token_inspector import InspectTarget, visible

        capture, page = self.capture, self.heatmap_page
        if capture is None or capture.architecture != "decoder":
            page.inspector.set_target(None)
            return
        query = capture.part(capture.step_part).query
        if capture.steps:
            step = capture.steps[page.step.value()]
            target = InspectTarget(capture.model, list(query.ids[:step.rows]), step.token_id, visible(step.token),
                                   step.probability, None,
                                   [(visible(text), p, None, piece is not None and piece.partial)
                                    for (text, p), piece in zip(step.top, step.top_pieces or [None] * len(step.top))],
                                   self.tr("Step {n}").format(n=page.step.value() + 1),
                                   alternative_ids=[piece.id for piece in step.top_pieces or []])
        elif len(query.ids) > 1:
            target = InspectTarget(capture.model, list(query.ids[:-1]), query.ids[-1], query.labels[-1],
                                   label=self.tr("Last token"))
        else:
            target = None
        page.inspector.set_target(target)

    def open_text(self, model: str, text: str) -> None:
        """From another tab's token inspector: capture ``text`` and generate the inspected step."""
        page = self.heatmap_page
        if not text.strip() or self.slot.running:
            return
        self.ctx.set_model(model)
        self.ctx.open_in_tab.emit(self.title, model)
        page.text.setPlainText(text)
        page.second_text.clear()
        page.compare.setChecked(False)
        page.generate.setValue(1)
        self.start_capture()

    # ---- contract ------------------------------------------------------------------------------
    def smoke(self, model: str, done: SmokeDone) -> None:
        def finished(result):
            capture = result[0]
            part = capture.part(capture.main_part)
            self.set_capture(capture)
            done(True, f"{part.layers} layers × {part.heads} heads over {len(part.query)} tokens")

        self.ctx.pool.submit(capture_job, self.ctx.service, model, "The cat sat on the mat.", None, 0, None,
                             name="attention-smoke", on_success=finished,
                             on_error=lambda info: done(False, info.message),
                             on_cancel=lambda: done(False, "cancelled"))

    def shutdown(self) -> None:
        self.slot.stop()
        self.rnn_view.shutdown()
        self.heatmap_page.inspector.shutdown()
        self.math_page.shutdown()
        self.inputs_page.shutdown()
        self.ablation.shutdown()
        for slot in (self._views, self._extras):
            if slot.job is not None:
                slot.job.cancel()
