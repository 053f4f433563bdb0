"""The views a lesson (or the glossary) can open with inputs filled in, by name: the registry lesson files
are checked against when they load (``core.lessons.load_lessons(params())``).

An action is ``run(window, inputs)``: it shows the view, fills it and (unless ``run: false``) starts it. A
view added to the app becomes reachable from lessons by adding one ``ViewAction`` here; its name and
inputs are then what a lesson file may use. This module imports no Qt at load time, so the CLI's
``workbench lessons --check`` reads the same registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.jobs import WorkbenchError

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "resources" / "examples"


@dataclass(frozen=True)
class ViewAction:
    name: str
    params: tuple[str, ...]
    run: Callable  # (window, inputs) -> None
    title: str  # English; shown through translate("ViewActions", ...)


def _when(condition: Callable[[], bool], then: Callable[[], None], timeout_ms: int = 300_000) -> None:
    """Call ``then`` once ``condition`` holds (checked every 100 ms on the GUI thread), at most ``timeout_ms``."""
    from workbench.ui.qt import QtCore

    timer = QtCore.QTimer()
    timer.setInterval(100)
    waited = [0]

    def check():
        waited[0] += 100
        if condition():
            timer.stop()
            timer.deleteLater()
            then()
        elif waited[0] >= timeout_ms:
            timer.stop()
            timer.deleteLater()

    timer.timeout.connect(check)
    timer.start()
    _when.timers.add(timer)  # kept alive until it fires
    timer.destroyed.connect(lambda *_: _when.timers.discard(timer))


_when.timers = set()


def _use_model(window, inputs: dict) -> str:
    """The lesson's model (when it names one and the library has it), else the chosen one."""
    ref = inputs.get("model")
    ctx = window.ctx
    if ref:
        names = {e.name for e in ctx.entries}
        if ref not in names and not Path(str(ref)).exists():
            raise WorkbenchError(translate("core", "The model “{model}” is not in the library.").format(model=ref),
                                 translate("core", "Install the starter models (see the README) or get it in the "
                                                   "Models tab; the lesson can also run on the model you pick."))
        ctx.set_model(ref)
    if not ctx.current_model:
        raise WorkbenchError(translate("core", "No model is chosen."),
                             translate("core", "Pick one in the model picker at the top."))
    return ctx.current_model


SAMPLING = ("greedy", "temperature", "top_k", "top_p", "min_p", "typical_p", "repetition_penalty", "max_new_tokens",
            "seed", "top_probs")


def open_generate(window, inputs: dict) -> None:
    from dataclasses import replace

    _use_model(window, inputs)
    tab = window.show_tab("Generate")
    tab.mode.setCurrentIndex(0)
    tab.pages.setCurrentIndex(0)
    if "prompt" in inputs:
        tab.prompt.setPlainText(str(inputs["prompt"]))
    settings = replace(tab.controls.settings(), **{k: inputs[k] for k in SAMPLING if k in inputs})
    settings.validate()
    tab.controls.set_settings(settings)
    if inputs.get("run", True):
        tab.start_generation()


def open_perplexity(window, inputs: dict) -> None:
    _use_model(window, inputs)
    tab = window.show_tab("Generate")
    view = tab.perplexity
    tab.pages.setCurrentWidget(view)
    view.text.setPlainText(str(inputs.get("text", "")))
    view.compare.setChecked(bool(inputs.get("compare")))
    if inputs.get("compare"):
        view.compare_model.setCurrentText(str(inputs["compare"]))
    if inputs.get("run", True):
        view.start()


INSPECTOR_PAGES = {"probabilities": 0, "logits": 1, "attention": 2, "lens": 3, "attribution": 4}  # its tabs' order


def open_inspector(window, inputs: dict) -> None:
    """The token inspector on the token the model itself rates likeliest after the prompt; ``page``: probabilities,
    logits (logits → probabilities), attention, lens or attribution (which then runs with ``method``)."""
    from workbench.core.inspect.lens import load_and_lens
    from workbench.ui.widgets.token_inspector import InspectTarget

    model = _use_model(window, inputs)
    tab = window.show_tab("Generate")
    inspector = tab.inspector
    tab.pages.setCurrentWidget(inspector)
    inspector.pages.setCurrentIndex(INSPECTOR_PAGES.get(str(inputs.get("page", "lens")), INSPECTOR_PAGES["lens"]))
    inspector.status.setText(translate("ViewActions", "Asking the model for its next token…"))

    def found(lens) -> None:
        top = lens.predictions[-1][-1]
        inspector.set_target(InspectTarget(
            model, list(lens.ids), top[0].id, top[0].token.replace("\n", "↵"), top[0].prob,
            alternatives=[(p.token, p.prob, None, False) for p in top], alternative_ids=[p.id for p in top],
            label=translate("ViewActions", "Next token")))
        if inputs.get("page") == "attribution" and inputs.get("run", True):
            index = inspector.method.findData(inputs.get("method", "ig"))
            if index >= 0:
                inspector.method.setCurrentIndex(index)
            inspector.start_attribution()

    window.ctx.pool.submit(load_and_lens, window.ctx.service, model, str(inputs["prompt"]), 5, name="lesson-next-token",
                           on_success=found, on_error=lambda info: inspector.status.setText(
                               f"⚠ {info.message} {info.hint}"))


def open_attention(window, inputs: dict) -> None:
    _use_model(window, inputs)
    tab = window.show_tab("Attention")
    tab.pages.setCurrentIndex(0)  # the heatmap
    tab.heatmap_page.text.setPlainText(str(inputs.get("text", "")))
    if not inputs.get("run", True):
        return
    tab.start_capture()
    if "layer" in inputs or "head" in inputs:
        _when(lambda: tab.job is None and tab.capture is not None,
              lambda: tab.open_head(int(inputs.get("layer", 0)), int(inputs.get("head", 0))))


def _example(name) -> Path:
    path = Path(str(name))
    return path if path.is_absolute() else EXAMPLES_DIR / path


def _unknown(name: str, value, known) -> WorkbenchError:
    return WorkbenchError(translate("core", "The input “{name}” cannot be “{value}”.").format(name=name, value=value),
                          translate("core", "Choose one of: {names}.").format(names=", ".join(known)))


def _choose(combo, value, name: str) -> None:
    """Select the entry of ``combo`` whose data is ``value``, or say which values there are."""
    index = combo.findData(value)
    if index < 0:
        raise _unknown(name, value, [str(combo.itemData(i)) for i in range(combo.count())])
    combo.setCurrentIndex(index)


def open_scratch(window, inputs: dict) -> None:
    """Fine-tune → From scratch with the text and settings filled in; trains only with ``run: true``."""
    tab = window.show_tab("Fine-tune")
    page = tab.scratch
    tab.pages.setCurrentWidget(page)
    page.pages.setCurrentIndex(0)
    if page.busy:
        raise WorkbenchError(translate("core", "A from-scratch training run is still going."),
                             translate("core", "Wait for it to finish (or Cancel it), then press the button again."))
    if "arch" in inputs:
        _choose(page.arch, inputs["arch"], "arch")
    if "tokenizer" in inputs:
        _choose(page.tokenizer, inputs["tokenizer"], "tokenizer")
    if "smoothing" in inputs:
        _choose(page.smoothing, inputs["smoothing"], "smoothing")
    if "order" in inputs:
        page.order.setValue(int(inputs["order"]))
    if "minutes" in inputs:
        page.minutes.setValue(float(inputs["minutes"]))
    page.open_data(_example(inputs.get("data", "little-animals.txt")))
    page.check_settings()  # now, not after the typing delay: the plan is what Start training waits for
    if inputs.get("run", False):  # training takes minutes: a lesson asks for it explicitly
        _when(lambda: page.plan is not None and not page.busy, page.start_training, 60_000)


def open_scratch_compare(window, inputs: dict) -> None:
    """From scratch → Compare runs with the newest run of each architecture ticked (of ``data`` when given)."""
    from workbench.core.finetune import runs

    tab = window.show_tab("Fine-tune")
    page = tab.scratch
    tab.pages.setCurrentWidget(page)
    page.pages.setCurrentWidget(page.compare)  # lists the runs
    page.compare.refresh_runs()
    data = str(_example(inputs["data"])) if inputs.get("data") else None
    newest: dict[str, str] = {}
    for i in range(page.compare.runs.count()):  # newest first
        run_dir = page.compare.runs.item(i).data(0x0100)
        config = runs.read_json(Path(run_dir) / runs.CONFIG_FILE)
        if data is None or config.get("data") == data:
            newest.setdefault(config.get("arch", ""), run_dir)
    if newest:
        page.compare.set_ticked(list(newest.values()))


def open_ngram_table(window, inputs: dict) -> None:
    """From scratch → n-gram table on the newest n-gram model, with a context typed in."""
    tab = window.show_tab("Fine-tune")
    page = tab.scratch
    tab.pages.setCurrentWidget(page)
    table = page.table
    page.pages.setCurrentWidget(table)
    table.set_models(window.ctx.entries)
    if table.model.count():
        table.model.setCurrentIndex(table.model.count() - 1)
    if "top" in inputs:
        table.top.setValue(int(inputs["top"]))
    table.context.setText(str(inputs.get("context", "")))
    table._timer.stop()  # shown once, below, not again after the typing delay
    if inputs.get("run", True):
        table.show_table()


def open_word_embeddings(window, inputs: dict) -> None:
    """Embeddings → Words: ``show`` neighbours (of ``word``), analogy (``analogy``: A, B, C for A − B + C) or
    similarity (of the ``words``)."""
    _use_model(window, inputs)
    tab = window.show_tab("Embeddings")
    tab.pages.setCurrentIndex(0)
    if "word" in inputs:
        tab.words_page.word.setText(str(inputs["word"]))
    if "analogy" in inputs:
        words = [str(w) for w in inputs["analogy"]]
        if len(words) != 3:
            raise WorkbenchError(translate("core", "An analogy takes three words (A − B + C), not {n}.").format(
                n=len(words)), translate("core", "Write it as [king, man, woman]."))
        for edit, word in zip(tab.words_page.analogy_words, words):
            edit.setText(word)
    if "words" in inputs:
        tab.words_page.matrix_words.setText(", ".join(str(w) for w in inputs["words"]))
    if "top" in inputs:
        tab.words_page.k.setValue(int(inputs["top"]))
    show = str(inputs.get("show", "neighbours"))
    starts = {"neighbours": tab.find_neighbours, "analogy": tab.solve_analogy, "similarity": tab.compare_words}
    if show not in starts:
        raise _unknown("show", show, starts)
    if inputs.get("run", True):
        starts[show]()


def open_word_contexts(window, inputs: dict) -> None:
    """Embeddings → Contexts: one word's vector in each sentence, layer by layer."""
    _use_model(window, inputs)
    tab = window.show_tab("Embeddings")
    tab.pages.setCurrentIndex(2)
    if inputs.get("example"):
        tab.contexts_page.fill_example()
    if "word" in inputs:
        tab.contexts_page.context_word.setText(str(inputs["word"]))
    if "sentences" in inputs:
        tab.contexts_page.context_texts.setPlainText("\n".join(str(s) for s in inputs["sentences"]))
    if inputs.get("run", True):
        tab.run_contexts()


def open_inputs(window, inputs: dict) -> None:
    """Attention → Inputs: the token, position and segment embeddings that go into the first layer."""
    _use_model(window, inputs)
    tab = window.show_tab("Attention")
    page = tab.inputs_page
    tab.pages.setCurrentWidget(page)
    if "text" in inputs:
        page.text.setText(str(inputs["text"]))
    page.pair.setText(str(inputs.get("pair", "")))
    if inputs.get("run", True):
        page.start()


def open_attention_math(window, inputs: dict) -> None:
    """Attention → Computed: softmax(q·Kᵀ/√d_k + M)·V on the model's numbers; ``step`` (1–5) is scrolled to."""
    _use_model(window, inputs)
    tab = window.show_tab("Attention")
    page = tab.math_page
    tab.pages.setCurrentWidget(page)  # first: showing the page takes the Heatmap page's text and head
    if "text" in inputs:
        page.text.setText(str(inputs["text"]))
    if "layer" in inputs:
        page.layer.setValue(int(inputs["layer"]))
    if "head" in inputs:
        page.head.setValue(int(inputs["head"]))
    if "query" in inputs:
        page.query.setValue(int(inputs["query"]))
    if not inputs.get("run", True):
        return
    before = page.result
    page.start()
    if "step" in inputs:
        step = int(inputs["step"])
        _when(lambda: page.result is not before and not page.slot.running, lambda: _scroll_to_step(page, step))


def _scroll_to_step(page, step: int, tries: int = 40, last: tuple | None = None) -> None:
    """Bring step ``step`` (from 1) of the Computed page to the top of its scroll area once the new steps are laid
    out: the scroll area learns their height from posted layout requests, several rounds of them, so this waits
    until the geometry is the same twice 50 ms apart (at most ``tries`` × 50 ms)."""
    from workbench.ui.qt import QtCore

    boxes = [page.steps.itemAt(i).widget() for i in range(page.steps.count()) if page.steps.itemAt(i).widget()]
    if not 1 <= step <= len(boxes):
        return
    bar, content = page.scroll.verticalScrollBar(), page.scroll.widget()
    target = page.steps_widget.y() + boxes[step - 1].y()
    now = (content.height(), target, bar.maximum(), boxes[-1].geometry().bottom())
    laid_out = (boxes[-1].y() > 0 and content.height() >= page.steps_widget.y() + boxes[-1].geometry().bottom()
                and bar.maximum() == max(0, content.height() - page.scroll.viewport().height()))
    if (not laid_out or now != last) and tries > 0:
        QtCore.QTimer.singleShot(50, lambda: _scroll_to_step(page, step, tries - 1, now))
        return
    bar.setValue(target)


WORD_VECTOR_METHODS = {"word2vec": ("word2vec", True), "cbow": ("word2vec", False), "glove": ("glove", False)}


def _free_name(library, name: str) -> str:
    """``name``, or ``name-2``, ``name-3``… when the library has it already (the step may be pressed twice)."""
    from workbench.core.library import store_name_for

    candidate, n = name, 1
    while (library.store / store_name_for(candidate)).exists():
        n += 1
        candidate = f"{name}-{n}"
    return candidate


def open_word_vectors(window, inputs: dict) -> None:
    """Embeddings → Word vectors: train Word2Vec (skip-gram; ``cbow``) or GloVe on a text in seconds; with
    ``neighbours`` (a word), then choose the trained vectors and list that word's neighbours on the Words page."""
    tab = window.show_tab("Embeddings")
    page = tab.word_vectors
    tab.pages.setCurrentWidget(page)
    if page.slot.running:
        raise WorkbenchError(translate("core", "The Word vectors page is still busy."),
                             translate("core", "Wait for it to finish (or Stop it), then press the button again."))
    method = str(inputs.get("method", "word2vec"))
    if method not in WORD_VECTOR_METHODS:
        raise _unknown("method", method, WORD_VECTOR_METHODS)
    page.method.setCurrentIndex(next(i for i in range(page.method.count())
                                     if tuple(page.method.itemData(i)) == WORD_VECTOR_METHODS[method]))
    if "segment" in inputs:
        _choose(page.segment, inputs["segment"], "segment")
    for key, spin in (("dim", page.dim), ("window", page.window), ("min_count", page.min_count),
                      ("epochs", page.epochs), ("seed", page.seed)):
        if key in inputs:
            spin.setValue(int(inputs[key]))
    page.set_data(str(_example(inputs.get("data", "little-animals.txt"))))
    page.name.setText(_free_name(window.ctx.library, str(inputs.get("name") or f"lesson-{method}")))
    if not inputs.get("run", True):
        return
    before = page.result
    page.train()
    if inputs.get("neighbours"):
        def trained() -> bool:
            return (page.result is not before and not page.slot.running
                    and window.ctx.entry(page.result.name) is not None)  # the library has been re-read

        _when(trained, lambda: open_word_embeddings(window, {"model": page.result.name,
                                                             "word": inputs["neighbours"], "show": "neighbours"}),
              120_000)


def open_ablation(window, inputs: dict) -> None:
    """Attention → Switch heads off: ``heads`` (LAYER.HEAD, comma-separated; 3.* for a whole layer) switched off
    on the grid, set to zero or to their mean (``mode``), then Run: the next-token prediction and a greedy
    continuation before and after, and the KL divergence between the two predictions."""
    from workbench.core.inspect.ablation import HeadLayout, grid_shape, parse_heads

    model = _use_model(window, inputs)
    tab = window.show_tab("Attention")
    page = tab.ablation
    tab.pages.setCurrentWidget(page)
    if page.slot.running:
        raise WorkbenchError(translate("core", "The Switch heads off page is still busy."),
                             translate("core", "Wait for it to finish (or Stop it), then press the button again."))
    if "text" in inputs:
        page.text.setPlainText(str(inputs["text"]))
    if "mode" in inputs:
        _choose(page.mode, inputs["mode"], "mode")
    if "top" in inputs:
        page.top_k.setValue(int(inputs["top"]))
    if "new_tokens" in inputs:
        page.new_tokens.setValue(int(inputs["new_tokens"]))

    def shaped(shape: tuple[int, int]) -> None:
        page._set_shape(*shape)  # no change when the page has read the same shape already
        try:  # checked against the model's layers and heads: the starter's 3.1 may not exist in another model
            heads = parse_heads(str(inputs.get("heads", "")), HeadLayout(shape[0], shape[1], 0, []))
        except WorkbenchError as exc:
            page.status.setText(f"⚠ {exc.message} {exc.hint}")
            return
        page.grid.clear_off()
        page.grid.toggle(heads)
        if inputs.get("run", True):
            page.run()  # with no heads, it says to pick some

    window.ctx.pool.submit(grid_shape, window.ctx.service, model, name="lesson-ablation-shape", on_success=shaped,
                           on_error=lambda info: page.status.setText(f"⚠ {info.message} {info.hint}"))


def open_finetune(window, inputs: dict) -> None:
    tab = window.show_tab("Fine-tune")
    tab.pages.setCurrentIndex(0)
    data = _example(inputs.get("data", "sentiment.csv"))
    if inputs.get("model"):
        tab.train.model_combo.setCurrentText(str(inputs["model"]))
    if "epochs" in inputs:
        tab.train.epochs.setValue(float(inputs["epochs"]))
    tab.open_data(data, task=inputs.get("task", "classification"))
    if inputs.get("run", False):  # training takes minutes: a lesson asks for it explicitly
        _when(lambda: tab.report is not None and not tab.busy, tab.start_training, 60_000)


def open_metrics(window, inputs: dict) -> None:
    tab = window.show_tab("Tasks")
    page = tab.show_metrics()
    if "example" in inputs:
        page.fill_example(str(inputs["example"]))
    if "predictions" in inputs or "references" in inputs:
        page.set_texts([str(x) for x in inputs.get("predictions", [])], [str(x) for x in inputs.get("references", [])])
    if "metrics" in inputs:
        page.set_metrics(list(inputs["metrics"]))
    if inputs.get("run", True):
        page.start()


def open_task(window, inputs: dict) -> None:
    from workbench.core.tasks import TASKS

    name = str(inputs.get("task", ""))
    if name not in TASKS:
        raise WorkbenchError(translate("core", "There is no task “{task}”.").format(task=name),
                             translate("core", "Tasks: {names}.").format(names=", ".join(TASKS)))
    fields = dict(inputs.get("fields") or {})
    known = [f.name for f in TASKS[name].fields]
    unknown = sorted(set(fields) - set(known))
    if unknown:
        raise WorkbenchError(translate("core", "The task “{task}” has no field “{field}”.").format(
            task=name, field=unknown[0]), translate("core", "Its fields: {names}.").format(names=", ".join(known)))
    tab = window.show_tab("Tasks")
    tab.select_task(name)
    if inputs.get("example"):
        tab.page.fill_example(str(inputs["example"]))
    for field, value in fields.items():
        widget = tab.page.inputs[field]
        (widget.setPlainText if hasattr(widget, "setPlainText") else
         widget.setCurrentText if hasattr(widget, "setCurrentText") else widget.setText)(str(value))
    if "reference" in inputs:
        tab.page.reference_box.reference.setText(str(inputs["reference"]))
    if inputs.get("run", True) and tab.page.model_picker.currentData():
        tab.run()


ACTIONS: dict[str, ViewAction] = {a.name: a for a in (
    ViewAction("generate", ("model", "prompt", "run", *SAMPLING), open_generate, QT_TRANSLATE_NOOP("ViewActions", "Generate")),
    ViewAction("perplexity", ("model", "text", "compare", "run"), open_perplexity, QT_TRANSLATE_NOOP("ViewActions", "Perplexity")),
    ViewAction("inspect-token", ("model", "prompt", "page", "method", "run"), open_inspector, QT_TRANSLATE_NOOP("ViewActions", "Inspect token")),
    ViewAction("attention", ("model", "text", "layer", "head", "run"), open_attention, QT_TRANSLATE_NOOP("ViewActions", "Attention")),
    ViewAction("attention-math", ("model", "text", "layer", "head", "query", "step", "run"), open_attention_math, QT_TRANSLATE_NOOP("ViewActions", "Attention, computed")),
    ViewAction("inputs", ("model", "text", "pair", "run"), open_inputs, QT_TRANSLATE_NOOP("ViewActions", "Inputs")),
    ViewAction("word-embeddings", ("model", "word", "analogy", "words", "top", "show", "run"), open_word_embeddings, QT_TRANSLATE_NOOP("ViewActions", "Word embeddings")),
    ViewAction("word-contexts", ("model", "word", "sentences", "example", "run"), open_word_contexts, QT_TRANSLATE_NOOP("ViewActions", "Words in context")),
    ViewAction("word-vectors", ("data", "method", "dim", "window", "min_count", "epochs", "seed", "segment", "name", "neighbours", "run"), open_word_vectors, QT_TRANSLATE_NOOP("ViewActions", "Word vectors")),
    ViewAction("ablation", ("model", "text", "heads", "mode", "top", "new_tokens", "run"), open_ablation, QT_TRANSLATE_NOOP("ViewActions", "Switch heads off")),
    ViewAction("scratch", ("data", "arch", "tokenizer", "order", "smoothing", "minutes", "run"), open_scratch, QT_TRANSLATE_NOOP("ViewActions", "From scratch")),
    ViewAction("scratch-compare", ("data",), open_scratch_compare, QT_TRANSLATE_NOOP("ViewActions", "Compare runs")),
    ViewAction("ngram-table", ("context", "top", "run"), open_ngram_table, QT_TRANSLATE_NOOP("ViewActions", "n-gram table")),
    ViewAction("finetune", ("model", "data", "task", "epochs", "run"), open_finetune, QT_TRANSLATE_NOOP("ViewActions", "Fine-tune")),
    ViewAction("metrics", ("predictions", "references", "metrics", "example", "run"), open_metrics, QT_TRANSLATE_NOOP("ViewActions", "Metrics")),
    ViewAction("task", ("task", "example", "fields", "reference", "run"), open_task, QT_TRANSLATE_NOOP("ViewActions", "Tasks")),
)}


def params() -> dict[str, tuple[str, ...]]:
    """Every action's name and the inputs it takes: what lesson files are checked against."""
    return {name: action.params for name, action in ACTIONS.items()}


def run(window, name: str, inputs: dict) -> None:
    """Open view ``name`` with ``inputs``; a problem a user can act on is raised as ``WorkbenchError``."""
    if name not in ACTIONS:
        raise WorkbenchError(translate("core", "No view is called “{view}”.").format(view=name),
                             translate("core", "Known views: {names}.").format(names=", ".join(sorted(ACTIONS))))
    ACTIONS[name].run(window, dict(inputs))
