"""Lessons as data: YAML files in the package (``resources/lessons``) and in the user's lessons folder.

A lesson is a short list of steps; each step has an explanation, maybe a formula, maybe an action (a view
of the app opened with its inputs filled in, named from the UI's registry, ``ui/view_actions.py``) and maybe
a question whose answer is computed from the live model (``ANSWERS`` below), never written in the file.
Every text is given in English and Chinese side by side (``{en: ..., zh: ...}``).

A malformed file is reported with its path, line and what is wrong, and the other lessons still load.
Progress (the steps done, per lesson) is kept in the user's settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Collection, Mapping

from workbench.core import paths
from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, ProgressCallback, WorkbenchError, no_progress

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "resources" / "lessons"
LANGUAGES = ("en", "zh")
LESSON_KEYS = {"id", "order", "title", "summary", "steps"}
STEP_KEYS = {"id", "title", "text", "formula", "action", "question"}
ACTION_KEYS = {"view", "label", "inputs"}
QUESTION_KEYS = {"ask", "answer", "inputs"}


def user_dir() -> Path:
    """Where a teacher drops lesson files of their own (under the platformdirs data folder)."""
    return paths.data_dir() / "lessons"


# ---- the lesson --------------------------------------------------------------------------------------

@dataclass
class Text:
    """One text in both languages."""

    en: str
    zh: str

    def get(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


@dataclass
class Action:
    view: str
    inputs: dict
    label: Text | None = None
    line: int = 0


@dataclass
class Question:
    ask: Text
    answer: str
    inputs: dict
    line: int = 0


@dataclass
class Step:
    id: str
    title: Text
    text: Text
    formula: Text | None = None
    action: Action | None = None
    question: Question | None = None


@dataclass
class Lesson:
    id: str
    title: Text
    summary: Text
    steps: list[Step]
    path: Path
    order: int = 100

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)


@dataclass
class LessonProblem:
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


@dataclass
class LoadedLessons:
    lessons: list[Lesson] = field(default_factory=list)
    problems: list[LessonProblem] = field(default_factory=list)

    def find(self, lesson_id: str) -> Lesson | None:
        return next((x for x in self.lessons if x.id == lesson_id), None)


# ---- reading, with line numbers ----------------------------------------------------------------------

class _Invalid(Exception):
    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class _Map(dict):
    line = 0


class _List(list):
    line = 0


def _parse(text: str):
    """YAML into dicts and lists that remember the line they start on."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def mapping(loader, node):
        value = _Map(loader.construct_mapping(node, deep=True))
        value.line = node.start_mark.line + 1
        return value

    def sequence(loader, node):
        value = _List(loader.construct_sequence(node, deep=True))
        value.line = node.start_mark.line + 1
        return value

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, sequence)
    try:
        return yaml.load(text, Loader=Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise _Invalid(mark.line + 1 if mark else None, translate("core", "not valid YAML: {error}").format(
            error=getattr(exc, "problem", None) or exc)) from None


def _line(value, parent) -> int:
    return getattr(value, "line", 0) or getattr(parent, "line", 0)


def _mapping(value, where: str, parent, allowed: set[str], required: set[str]) -> _Map:
    if not isinstance(value, dict):
        raise _Invalid(_line(value, parent), translate("core", "{where} must be a mapping of keys to values.").format(
            where=where))
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise _Invalid(_line(value, parent), translate("core", "{where} has an unknown key “{key}” (known: {known}).")
                       .format(where=where, key=unknown[0], known=", ".join(sorted(allowed))))
    missing = sorted(required - set(value))
    if missing:
        raise _Invalid(_line(value, parent), translate("core", "{where} lacks the key “{key}”.").format(
            where=where, key=missing[0]))
    return value


# YAML folds a line break into a space; between two Chinese characters (or punctuation) it is not wanted
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_SPACE = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")


def _text(value, where: str, parent) -> Text:
    if isinstance(value, dict):
        _mapping(value, where, parent, set(LANGUAGES), set(LANGUAGES))
        if all(isinstance(value[k], str) and value[k].strip() for k in LANGUAGES):
            return Text(value["en"].strip(), _CJK_SPACE.sub("", value["zh"].strip()))
    raise _Invalid(_line(value, parent), translate("core", "{where} must give the text in both languages: "
                                                          "{{en: ..., zh: ...}}.").format(where=where))


def _identifier(value, where: str, parent) -> str:
    if isinstance(value, str) and value.strip() and all(c.isalnum() or c in "-_." for c in value):
        return value
    raise _Invalid(_line(value, parent), translate("core", "{where} must be a name of letters, digits, - and _.")
                   .format(where=where))


def _inputs(value, where: str, parent, allowed: Collection, target: str) -> dict:
    if value is None:
        return {}
    _mapping(value, where, parent, set(value) if isinstance(value, dict) else set(), set())
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        raise _Invalid(_line(value, parent), translate("core", "{where}: “{target}” takes no input “{key}” (it takes: "
                                                              "{known}).").format(
            where=where, target=target, key=unknown[0], known=", ".join(sorted(allowed)) or "—"))
    return dict(value)


def _step(raw, index: int, parent, views: Mapping[str, Collection]) -> Step:
    where = translate("core", "step {n}").format(n=index + 1)
    raw = _mapping(raw, where, parent, STEP_KEYS, {"id", "title", "text"})
    step = Step(_identifier(raw["id"], where + " id", raw), _text(raw["title"], where + " title", raw),
                _text(raw["text"], where + " text", raw))
    if "formula" in raw:
        formula = raw["formula"]
        step.formula = Text(formula, formula) if isinstance(formula, str) else _text(formula, where + " formula", raw)
    if "action" in raw:
        action = _mapping(raw["action"], where + " action", raw, ACTION_KEYS, {"view"})
        view = action["view"]
        if view not in views:
            raise _Invalid(_line(action, raw), translate("core", "{where} opens the view “{view}”, which this version "
                                                                 "does not have (known: {known}).").format(
                where=where, view=view, known=", ".join(sorted(views))))
        step.action = Action(view, _inputs(action.get("inputs"), where + " action", action, views[view], view),
                             _text(action["label"], where + " action label", action) if "label" in action else None,
                             _line(action, raw))
    if "question" in raw:
        question = _mapping(raw["question"], where + " question", raw, QUESTION_KEYS, {"ask", "answer"})
        name = question["answer"]
        if name not in ANSWERS:
            raise _Invalid(_line(question, raw), translate("core", "{where} asks for the answer “{name}”, which is not "
                                                                   "known (known: {known}).").format(
                where=where, name=name, known=", ".join(sorted(ANSWERS))))
        spec = ANSWERS[name]
        inputs = _inputs(question.get("inputs"), where + " question", question, spec.params, name)
        missing = sorted(set(spec.required) - set(inputs))
        if missing:
            raise _Invalid(_line(question, raw), translate("core", "{where}: the answer “{name}” needs the input "
                                                                   "“{key}”.").format(where=where, name=name,
                                                                                      key=missing[0]))
        step.question = Question(_text(question["ask"], where + " question", question), name, inputs,
                                 _line(question, raw))
    return step


def parse_lesson(text: str, path: Path, views: Mapping[str, Collection]) -> Lesson:
    """One lesson file's text; raises ``_Invalid`` (line, message) when it breaks the schema."""
    raw = _parse(text)
    raw = _mapping(raw, translate("core", "The lesson"), None, LESSON_KEYS, {"id", "title", "steps"})
    lesson_id, title = _identifier(raw["id"], "id", raw), _text(raw["title"], "title", raw)
    summary = _text(raw["summary"], "summary", raw) if "summary" in raw else Text("", "")
    steps = raw["steps"]
    if not isinstance(steps, list) or not steps:
        raise _Invalid(_line(steps, raw), translate("core", "steps must be a list of at least one step."))
    parsed = [_step(s, i, steps, views) for i, s in enumerate(steps)]
    seen = set()
    for i, step in enumerate(parsed):
        if step.id in seen:
            raise _Invalid(_line(steps[i], steps), translate("core", "Two steps are called “{id}”.").format(id=step.id))
        seen.add(step.id)
    order = raw.get("order", 100)
    if not isinstance(order, int) or isinstance(order, bool):
        raise _Invalid(raw.line, translate("core", "order must be a whole number."))
    return Lesson(lesson_id, title, summary, parsed, path, order)


def load_lessons(views: Mapping[str, Collection], dirs: list[Path] | None = None) -> LoadedLessons:
    """Every ``*.yaml`` lesson in the package and the user's folder (a user's lesson with a packaged lesson's id
    replaces it). ``views``: the UI's actions, name -> the inputs each takes."""
    out = LoadedLessons()
    by_id: dict[str, Lesson] = {}
    for folder in dirs if dirs is not None else [PACKAGE_DIR, user_dir()]:
        if not folder.is_dir():
            continue
        for path in sorted(list(folder.glob("*.yaml")) + list(folder.glob("*.yml"))):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                out.problems.append(LessonProblem(path, None, translate("core", "cannot be read: {error}").format(
                    error=exc)))
                continue
            try:
                lesson = parse_lesson(text, path, views)
            except _Invalid as exc:
                out.problems.append(LessonProblem(path, exc.line, exc.message))
                continue
            by_id[lesson.id] = lesson
    out.lessons = sorted(by_id.values(), key=lambda x: (x.order, x.id))
    return out


# ---- progress (kept in the settings) -----------------------------------------------------------------

def done_steps(settings, lesson_id: str) -> list[str]:
    return list(settings.lesson_progress.get(lesson_id, []))


def mark_done(settings, lesson_id: str, step_id: str) -> None:
    done = settings.lesson_progress.setdefault(lesson_id, [])
    if step_id not in done:
        done.append(step_id)


def restart(settings, lesson_id: str) -> None:
    settings.lesson_progress.pop(lesson_id, None)


def next_step(settings, lesson: Lesson) -> int:
    """The first step not yet done (the last when all are)."""
    done = set(done_steps(settings, lesson.id))
    return next((i for i, s in enumerate(lesson.steps) if s.id not in done), len(lesson.steps) - 1)


# ---- answers computed from the live model ------------------------------------------------------------

@dataclass
class AnswerSpec:
    params: tuple[str, ...]
    required: tuple[str, ...]
    fn: Callable


def _model(inputs: dict, model: str) -> str:
    ref = inputs.get("model") or model
    if not ref:
        raise WorkbenchError(translate("core", "No model is chosen."),
                             translate("core", "Pick one in the model picker at the top."))
    return ref


def _shown(token: str) -> str:
    return "“" + token.replace("\n", "↵") + "”"


def answer_next_token(service, inputs: dict, model: str, cancel: CancelToken, progress: ProgressCallback) -> str:
    """The model's most likely next token after the prompt, with its probability (the real logits: the lens's
    last row)."""
    from workbench.core.inspect.lens import load_and_lens

    lens = load_and_lens(service, _model(inputs, model), inputs["prompt"], top_k=3, cancel=cancel, progress=progress)
    top = lens.predictions[-1][-1]
    return translate("core", "The model's most likely next token is {token} (p = {p:.1%}); then {second} "
                             "({p2:.1%}) and {third} ({p3:.1%}).").format(
        token=_shown(top[0].token), p=top[0].prob, second=_shown(top[1].token), p2=top[1].prob,
        third=_shown(top[2].token), p3=top[2].prob)


def answer_lens_layer(service, inputs: dict, model: str, cancel: CancelToken, progress: ProgressCallback) -> str:
    """From which layer on the logit lens already predicts the final next token."""
    from workbench.core.inspect.lens import load_and_lens

    lens = load_and_lens(service, _model(inputs, model), inputs["prompt"], top_k=1, cancel=cancel, progress=progress)
    final = lens.predictions[-1][-1][0]
    first = next(layer for layer in range(len(lens.predictions))
                 if all(lens.predictions[k][-1][0].id == final.id for k in range(layer, len(lens.predictions))))
    return translate("core", "The final prediction is {token}; the lens shows it on top from layer {layer} of {n} "
                             "on (layer 0 = the embeddings).").format(token=_shown(final.token), layer=first,
                                                                      n=lens.layers)


def answer_top_attribution(service, inputs: dict, model: str, cancel: CancelToken, progress: ProgressCallback) -> str:
    """The prompt token that pushed hardest toward the model's next token (gradient × input: quick)."""
    from workbench.core.inspect.attribution import load_and_attribute

    result = load_and_attribute(service, _model(inputs, model), inputs["prompt"], max_new_tokens=1,
                                method=inputs.get("method", "grad-x-input"), steps=16, cancel=cancel,
                                progress=progress)
    target = result.targets[0]
    best = max(range(len(target.scores)), key=lambda i: abs(target.scores[i]))
    return translate("core", "For the next token {token}, the prompt token with the largest score is {source} "
                             "(position {i}, {score:+.3f}).").format(token=_shown(target.token),
                                                                     source=_shown(result.prompt_tokens[best]), i=best,
                                                                     score=target.scores[best])


def answer_lower_perplexity(service, inputs: dict, model: str, cancel: CancelToken, progress: ProgressCallback) -> str:
    """Which of two texts surprises the model less."""
    from workbench.core.inspect.perplexity import score_text

    ref = _model(inputs, model)
    a = score_text(service, ref, inputs["text_a"], cancel=cancel, progress=progress)
    b = score_text(service, ref, inputs["text_b"], cancel=cancel, progress=progress)
    lower, higher = (a, b) if a.perplexity <= b.perplexity else (b, a)
    label = "A" if lower is a else "B"
    return translate("core", "Text {label} surprises the model less: perplexity {low:.2f} against {high:.2f}.").format(
        label=label, low=lower.perplexity, high=higher.perplexity)


def answer_previous_token_head(service, inputs: dict, model: str, cancel: CancelToken,
                               progress: ProgressCallback) -> str:
    """The self-attention head that puts the most weight on the token just before each query token (the Heads
    table's "previous" statistic, from the attention weights the model returns)."""
    from workbench.core.attention.capturing import load_and_capture
    from workbench.core.attention.heads import head_statistics

    capture = load_and_capture(service, _model(inputs, model), inputs["text"], cancel=cancel, progress=progress)
    part = capture.part(capture.main_part)
    stats = [s for s in head_statistics(part, cancel=cancel) if s.previous == s.previous]  # nan: cross-attention
    if not stats or min(part.weights.shape[2:]) < 2:
        raise WorkbenchError(translate("core", "The text is one token long: no token has a previous one."),
                             translate("core", "Use a sentence of a few words."))
    best = max(stats, key=lambda s: s.previous)
    mean = sum(s.previous for s in stats) / len(stats)
    return translate("core", "Layer {layer}, head {head}: on average {p:.0%} of each token's attention goes to the "
                             "token just before it (the mean over all {n} heads is {mean:.0%}).").format(
        layer=best.layer, head=best.head, p=best.previous, n=len(stats), mean=mean)


ANSWERS: dict[str, AnswerSpec] = {
    "next-token": AnswerSpec(("model", "prompt"), ("prompt",), answer_next_token),
    "lens-layer": AnswerSpec(("model", "prompt"), ("prompt",), answer_lens_layer),
    "top-attribution": AnswerSpec(("model", "prompt", "method"), ("prompt",), answer_top_attribution),
    "lower-perplexity": AnswerSpec(("model", "text_a", "text_b"), ("text_a", "text_b"), answer_lower_perplexity),
    "previous-token-head": AnswerSpec(("model", "text"), ("text",), answer_previous_token_head),
}


def answer(service, question: Question, model: str = "", cancel: CancelToken = NEVER_CANCELLED,
           progress: ProgressCallback = no_progress) -> str:
    """The question's answer as the live model gives it (``model``: the chosen one, unless the lesson names one)."""
    return ANSWERS[question.answer].fn(service, question.inputs, model, cancel, progress)
