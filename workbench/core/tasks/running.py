"""Running a task: the inputs checked, the model resolved and loaded as the kind its method needs, the method's
runner called inside ``service.use(handle)``; the result notes when prompting stood in for a dedicated model."""

from __future__ import annotations

import time

from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress
from workbench.core.tasks.classify import run_classifier, run_fill_mask, run_nli, run_prompt_labels
from workbench.core.tasks.extract import run_ner, run_qa
from workbench.core.tasks.facts import choose_method, facts_from_folder, suggested_task
from workbench.core.tasks.generate import run_chat, run_continue, run_prompt_text, run_seq2seq
from workbench.core.tasks.registry import METHODS, Task, TaskInputs, TaskResult, example_inputs, get_task
from workbench.core.tasks.search import run_search

# The runner of each method (see registry.METHODS): (task, handle, facts, inputs, result, cancel, progress).
RUNNERS = {
    "classifier": run_classifier,
    "nli": run_nli,
    "prompt-labels": run_prompt_labels,
    "token-classification": run_ner,
    "qa": run_qa,
    "seq2seq": run_seq2seq,
    "prompt-text": run_prompt_text,
    "fill-mask": run_fill_mask,
    "embed": run_search,
    "chat": run_chat,
    "continue": run_continue,
}


def run_task(service, task: Task | str, model: str, inputs: TaskInputs, cancel: CancelToken = NEVER_CANCELLED,
             progress: ProgressCallback = no_progress) -> TaskResult:
    """Run ``task`` on ``model`` (a library reference) with ``inputs``; returns a TaskResult."""
    task = get_task(task)
    _check_inputs(task, inputs)
    path = service.library.resolve(model, progress=progress, cancel=cancel)
    facts = facts_from_folder(model, path)
    method = choose_method(task, facts)
    if method is None:
        raise WorkbenchError(
            translate("core", "{model} ({kinds}) cannot do {task}.").format(
                model=model, kinds=", ".join(facts.kinds) or translate("core", "unknown kind"),
                task=translate("core", task.title).lower()),
            translate("core", "This task needs {needs}.").format(needs=translate("core", task.fit_hint)))
    cancel.raise_if_cancelled()
    handle = service.load(model, kind=METHODS[method], progress=progress, cancel=cancel)
    started = time.perf_counter()
    result = TaskResult(task=task.name, model=model, method=method, shape=task.shape)
    progress(Progress(0, 0, translate("core", "Running {title} on {model}").format(title=translate("core", task.title).lower(), model=model)))
    with service.use(handle):
        RUNNERS[method](task, handle, facts, inputs, result, cancel, progress)
    cancel.raise_if_cancelled()
    result.seconds = time.perf_counter() - started
    if result.prompted:
        result.notes.insert(0, translate("core", "Done by prompting: {model} is an instruct model, not one made for "
                                                 "this task, so it was asked to do it in a chat prompt. A model trained "
                                                 "for the task usually does better.").format(model=model))
    return result


def _check_inputs(task: Task, inputs: TaskInputs) -> None:
    names = {f.name for f in task.fields}
    text_label = task.fields[0].label
    if not inputs.text.strip():
        raise WorkbenchError(translate("core", "The {text_label} is empty.").format(text_label=text_label.lower()), translate("core", "Type a {text_label} or pick an example.").format(text_label=text_label.lower()))
    if "context" in names and not inputs.context.strip():
        raise WorkbenchError(translate("core", "Question answering needs a context: the passage the answer is taken "
                                               "from."),
                             translate("core", "Paste the passage into Context (--context on the command line)."))
    if "documents" in names and not [d for d in inputs.documents if d.strip()]:
        raise WorkbenchError(translate("core", "There are no documents to search."),
                             translate("core", "Paste documents one per line, or load a file (--documents FILE on "
                                               "the command line)."))
    if "source_lang" in names and (not inputs.source_lang.strip() or not inputs.target_lang.strip()):
        raise WorkbenchError(translate("core", "Translation needs a source and a target language."),
                             translate("core", "Choose both (--source-lang and --target-lang on the command line)."))
    if inputs.max_new_tokens < 1:
        raise WorkbenchError(translate("core", "The number of new tokens must be at least 1."), translate("core", "Choose a positive number."))


def run_example(service, model: str, cancel: CancelToken = NEVER_CANCELLED, progress: ProgressCallback = no_progress,
                max_new_tokens: int = 16) -> TaskResult:
    """Run the English example of the task that suits ``model`` best (the app's smoke check)."""
    path = service.library.resolve(model, progress=progress, cancel=cancel)
    facts = facts_from_folder(model, path)
    task = suggested_task(facts)
    if task is None:
        raise WorkbenchError(translate("core", "{model} fits none of the task demos.").format(model=model), translate("core", "Choose a model with a task head or a "
                                                                                        "chat model."))
    return run_task(service, task, model, example_inputs(task, "en", max_new_tokens), cancel=cancel, progress=progress)
