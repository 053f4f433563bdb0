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


def open_inspector(window, inputs: dict) -> None:
    """The token inspector on the token the model itself rates likeliest after the prompt; ``page``: probabilities,
    lens or attribution (which then runs with ``method``)."""
    from workbench.core.inspect.lens import load_and_lens
    from workbench.ui.widgets.token_inspector import InspectTarget

    model = _use_model(window, inputs)
    tab = window.show_tab("Generate")
    inspector = tab.inspector
    tab.pages.setCurrentWidget(inspector)
    pages = {"probabilities": 0, "attention": 1, "lens": 2, "attribution": 3}
    inspector.pages.setCurrentIndex(pages.get(str(inputs.get("page", "lens")), 2))
    inspector.status.setText(translate("ViewActions", "Asking the model for its next token…"))

    def found(lens) -> None:
        top = lens.predictions[-1][-1]
        inspector.set_target(InspectTarget(
            model, list(lens.ids), top[0].id, top[0].token.replace("\n", "↵"), top[0].prob,
            alternatives=[(p.token, p.prob, None, False) for p in top],
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
    tab.text.setPlainText(str(inputs.get("text", "")))
    if not inputs.get("run", True):
        return
    tab.start_capture()
    if "layer" in inputs or "head" in inputs:
        _when(lambda: tab._job is None and tab.capture is not None,
              lambda: tab.open_head(int(inputs.get("layer", 0)), int(inputs.get("head", 0))))


def open_finetune(window, inputs: dict) -> None:
    tab = window.show_tab("Fine-tune")
    tab.pages.setCurrentIndex(0)
    data = Path(str(inputs.get("data", "sentiment.csv")))
    if not data.is_absolute():
        data = EXAMPLES_DIR / data
    if inputs.get("model"):
        tab.model_combo.setCurrentText(str(inputs["model"]))
    if "epochs" in inputs:
        tab.epochs.setValue(float(inputs["epochs"]))
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
        tab.fill_example(str(inputs["example"]))
    for field, value in fields.items():
        widget = tab.inputs[field]
        (widget.setPlainText if hasattr(widget, "setPlainText") else
         widget.setCurrentText if hasattr(widget, "setCurrentText") else widget.setText)(str(value))
    if "reference" in inputs:
        tab.reference_box.reference.setText(str(inputs["reference"]))
    if inputs.get("run", True) and tab.model_picker.currentData():
        tab.run()


ACTIONS: dict[str, ViewAction] = {a.name: a for a in (
    ViewAction("generate", ("model", "prompt", "run", *SAMPLING), open_generate, QT_TRANSLATE_NOOP("ViewActions", "Generate")),
    ViewAction("perplexity", ("model", "text", "compare", "run"), open_perplexity, QT_TRANSLATE_NOOP("ViewActions", "Perplexity")),
    ViewAction("inspect-token", ("model", "prompt", "page", "method", "run"), open_inspector, QT_TRANSLATE_NOOP("ViewActions", "Inspect token")),
    ViewAction("attention", ("model", "text", "layer", "head", "run"), open_attention, QT_TRANSLATE_NOOP("ViewActions", "Attention")),
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
