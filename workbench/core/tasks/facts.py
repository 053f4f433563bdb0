"""Which models fit which task: a model's facts read from its files without loading it, and the method a task
runs on it (a dedicated head first, prompting an instruct model otherwise)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.i18n import translate
from workbench.core.library import read_meta
from workbench.core.tasks.registry import METHODS, TASKS, Task, get_task

NLI_ENTAILMENT = "entailment"


@dataclass
class ModelFacts:
    """What a model is, read from its files without loading it."""

    name: str
    kinds: list[str]
    model_type: str = ""
    has_chat_template: bool = False
    labels: list[str] = field(default_factory=list)  # id2label of a classifier head
    finetuned_for: str = ""  # the Fine-tune tab's "task" in workbench.json
    base_model: str = ""
    sentence_transformer: bool = False  # has sentence-transformers' modules.json (pooling declared)

    @property
    def is_nli(self) -> bool:
        return NLI_ENTAILMENT in {label.lower() for label in self.labels}

    @property
    def looks_like_sentiment(self) -> bool:
        lowered = {label.lower() for label in self.labels}
        return bool(lowered & {"positive", "negative", "pos", "neg"})

    @property
    def description(self) -> str:
        if self.finetuned_for:
            base = translate("core", " from {base_model}").format(base_model=self.base_model) if self.base_model else ""
            return translate("core", "fine-tuned for {finetuned_for}{base}").format(finetuned_for=self.finetuned_for, base=base)
        if self.sentence_transformer:
            return translate("core", "sentence embeddings")
        heads = [k for k in self.kinds if k != "encoder"]
        return ", ".join(heads or self.kinds)


def facts_from_folder(name: str, path: Path, kinds: list[str] | None = None, model_type: str = "",
                      has_chat_template: bool | None = None) -> ModelFacts:
    """Facts of a model folder (or a .gguf file: a causal LM). ``kinds`` etc. may come from a library entry."""
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    config: dict = {}
    if path.is_dir():
        try:
            config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            config = {}
    if kinds is None or has_chat_template is None:
        from workbench.core.modelinfo import inspect_folder, inspect_gguf

        info = inspect_gguf(path) if path.suffix == ".gguf" else inspect_folder(path)
        kinds = info.kinds if kinds is None else kinds
        model_type = model_type or info.model_type
        has_chat_template = info.has_chat_template if has_chat_template is None else has_chat_template
    id2label = config.get("id2label") or {}
    labels = [str(id2label[k]) for k in sorted(id2label, key=lambda k: int(k))] if "seq-classification" in kinds else []
    meta = read_meta(folder) if path.is_dir() else {}
    return ModelFacts(name=name, kinds=list(kinds), model_type=model_type or config.get("model_type", ""),
                      has_chat_template=bool(has_chat_template), labels=labels,
                      finetuned_for=str(meta.get("task", "")), base_model=str(meta.get("base_model", "")),
                      sentence_transformer=path.is_dir() and (path / "modules.json").is_file())


def facts_from_entry(entry) -> ModelFacts:
    """Facts of a library ``ModelEntry`` (reads only config.json and workbench.json)."""
    return facts_from_folder(entry.name, Path(entry.path), kinds=list(entry.kinds), model_type=entry.model_type,
                             has_chat_template=entry.has_chat_template)


def method_fits(method: str, facts: ModelFacts) -> bool:
    kinds = facts.kinds
    if method == "classifier":
        return "seq-classification" in kinds and not facts.is_nli
    if method == "nli":
        return "seq-classification" in kinds and facts.is_nli
    if method in ("prompt-labels", "prompt-text", "chat"):
        return "causal-lm" in kinds and facts.has_chat_template
    if method == "seq2seq":
        return "seq2seq" in kinds
    if method == "embed":
        # A bare encoder (no task head) or a sentence-transformers folder; heads trained for other tasks
        # give poor sentence embeddings.
        return "encoder" in kinds and (facts.sentence_transformer or kinds == ["encoder"])
    return METHODS[method] in kinds


def choose_method(task: Task | str, facts: ModelFacts) -> str | None:
    """The first method of the task the model can run, or None."""
    task = get_task(task)
    for method in task.methods:
        if method == "seq2seq" and task.name == "summarize" and facts.model_type == "marian":
            continue  # Marian models only translate
        if method_fits(method, facts):
            return method
    return None


def tasks_for(facts: ModelFacts) -> list[str]:
    return [name for name, task in TASKS.items() if choose_method(task, facts)]


def suggested_task(facts: ModelFacts) -> str | None:
    """The task to open a model in ("Try it"): what it was fine-tuned for, else its most specific head."""
    fitting = tasks_for(facts)
    if not fitting:
        return None
    wanted = {"classification": "sentiment" if facts.looks_like_sentiment else "classify",
              "seq2seq": "summarize", "causal-lm": "chat" if facts.has_chat_template else "generate",
              "token-classification": "ner", "question-answering": "qa"}.get(facts.finetuned_for)
    if facts.model_type == "marian":
        wanted = wanted or "translate"
    for preferred in (wanted, "sentiment" if facts.looks_like_sentiment else None,
                      "classify" if facts.is_nli else None, "ner", "qa", "fill-mask", "search", "chat", "generate",
                      "summarize", "sentiment"):
        if preferred in fitting:
            return preferred
    return fitting[0]
