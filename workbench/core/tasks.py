"""Task demos as data: what each task asks for, which models fit it, how it runs, what it returns.

A task runs one of several *methods* depending on the model chosen: a dedicated model through its
head (a classifier, a token classifier, a QA head, a seq2seq model, a masked LM, an encoder for
embeddings) or, when the model is an instruct/chat model, by prompting it. The result says which
method ran and, when prompting stood in for a dedicated model, carries a note saying so.

Everything here is plain Python over ``ModelService``; models run inside ``service.use(handle)``.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress
from workbench.core.library import read_meta

DEFAULT_MAX_NEW_TOKENS = 96
NLI_ENTAILMENT = "entailment"
MASK_WRITINGS = ("[MASK]", "<mask>")
# Offered in the Tasks tab's language pickers (any name can be typed there and on the command line).
LANGUAGES = ("English", "French", "German", "Spanish", "Italian", "Portuguese", "Chinese", "Japanese", "Russian")
QA_MAX_ANSWER_TOKENS = 30


# ---- tasks as data ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class InputField:
    name: str  # key in TaskInputs: text, context, labels, documents, source_lang, target_lang
    label: str
    multiline: bool = False
    placeholder: str = ""


@dataclass(frozen=True)
class Example:
    language: str  # "en" or "zh"
    values: dict


@dataclass(frozen=True)
class Task:
    name: str
    title: str
    description: str
    fields: tuple[InputField, ...]
    examples: tuple[Example, ...]
    methods: tuple[str, ...]  # in order of preference; see METHODS
    shape: str  # labels | spans | results | text
    fit_hint: str  # which models fit, for messages


# What each method needs of a model, and the kind it is loaded as.
METHODS = {
    "classifier": "seq-classification",
    "nli": "seq-classification",
    "prompt-labels": "causal-lm",
    "token-classification": "token-classification",
    "qa": "question-answering",
    "seq2seq": "seq2seq",
    "prompt-text": "causal-lm",
    "fill-mask": "masked-lm",
    "embed": "encoder",
    "chat": "causal-lm",
    "continue": "causal-lm",
}
PROMPT_METHODS = {"prompt-labels", "prompt-text"}

TEXT = InputField("text", QT_TRANSLATE_NOOP("core", "Text"), multiline=True)
TASKS: dict[str, Task] = {t.name: t for t in (
    Task("sentiment", QT_TRANSLATE_NOOP("core", "Sentiment"), QT_TRANSLATE_NOOP("core", "Is the text positive or negative? A classifier (for example one you fine-tuned) "
         "scores its labels; an instruct model can be prompted instead."),
         (TEXT,),
         (Example("en", {"text": "I loved this film, the acting was wonderful and the story moving."}),
          Example("zh", {"text": "这家餐厅的菜太难吃了，服务也很差。"})),
         ("classifier", "prompt-labels"), "labels",
         QT_TRANSLATE_NOOP("core", "a text classifier (seq-classification, e.g. your fine-tuned classifier) or an instruct model with a "
         "chat template")),
    Task("classify", QT_TRANSLATE_NOOP("core", "Classify"), QT_TRANSLATE_NOOP("core", "Sort a text into labels you type: by a zero-shot NLI model, by a classifier's own "
         "labels, or by prompting an instruct model that scores every label."),
         (TEXT, InputField("labels", QT_TRANSLATE_NOOP("core", "Labels"), placeholder=QT_TRANSLATE_NOOP("core", "comma-separated, e.g. sports, politics, technology"))),
         (Example("en", {"text": "The striker scored twice in the second half and the team won the cup.",
                         "labels": "sports, politics, technology"}),
          Example("zh", {"text": "新款手机搭载了更快的芯片和更大的电池。", "labels": "体育, 政治, 科技"})),
         ("nli", "classifier", "prompt-labels"), "labels",
         QT_TRANSLATE_NOOP("core", "a zero-shot NLI classifier, a text classifier (seq-classification) or an instruct model with a chat template")),
    Task("ner", QT_TRANSLATE_NOOP("core", "Named entities"), QT_TRANSLATE_NOOP("core", "Find people, places and organisations; long texts are read line by line and in "
         "overlapping windows."),
         (TEXT,),
         (Example("en", {"text": "Marie Curie was born in Warsaw and worked in Paris at the University of Paris."}),
          Example("zh", {"text": "李白出生于碎叶城，后来在长安生活。"})),
         ("token-classification",), "spans", QT_TRANSLATE_NOOP("core", "a token-classification (NER) model")),
    Task("qa", QT_TRANSLATE_NOOP("core", "Question answering"), QT_TRANSLATE_NOOP("core", "Find the answer to a question in a passage (extractive); long passages are "
         "read in overlapping windows."),
         (InputField("text", QT_TRANSLATE_NOOP("core", "Question")), InputField("context", QT_TRANSLATE_NOOP("core", "Context"), multiline=True)),
         (Example("en", {"text": "Where does the Eiffel Tower stand?",
                         "context": "The Eiffel Tower is a wrought-iron tower on the Champ de Mars in Paris. "
                                    "It was completed in 1889."}),
          Example("zh", {"text": "长城有多长？", "context": "长城是中国古代的军事防御工程，总长度超过两万公里。"})),
         ("qa",), "spans", QT_TRANSLATE_NOOP("core", "an extractive question-answering model (question-answering head)")),
    Task("summarize", QT_TRANSLATE_NOOP("core", "Summarize"), QT_TRANSLATE_NOOP("core", "Shorten a text: a sequence-to-sequence model, or an instruct model prompted to "
         "summarize."),
         (TEXT,),
         (Example("en", {"text": "The city council met on Tuesday to discuss the new bus routes. After a long debate, "
                                 "members voted to add three night lines from next spring, paid for by a small rise "
                                 "in parking fees. Residents of the eastern districts had asked for the change for "
                                 "years."}),
          Example("zh", {"text": "市议会周二开会讨论新的公交线路。经过长时间的辩论，议员们投票决定从明年春天起增加三条夜间线路，"
                                 "费用由小幅上调的停车费支付。东部地区的居民多年来一直要求这一改变。"})),
         ("seq2seq", "prompt-text"), "text",
         QT_TRANSLATE_NOOP("core", "a sequence-to-sequence model (T5, BART, ...) or an instruct model with a chat template")),
    Task("translate", QT_TRANSLATE_NOOP("core", "Translate"), QT_TRANSLATE_NOOP("core", "Translate between two languages: a translation model (its own language pair) "
         "or an instruct model prompted with the pair you choose."),
         (TEXT, InputField("source_lang", QT_TRANSLATE_NOOP("core", "From")), InputField("target_lang", QT_TRANSLATE_NOOP("core", "To"))),
         (Example("en", {"text": "The weather is lovely today, let's go for a walk.", "source_lang": "English",
                         "target_lang": "French"}),
          Example("zh", {"text": "今天天气很好，我们去散步吧。", "source_lang": "Chinese", "target_lang": "English"})),
         ("seq2seq", "prompt-text"), "text",
         QT_TRANSLATE_NOOP("core", "a translation model (Marian, T5, ...) or an instruct model with a chat template")),
    Task("fill-mask", QT_TRANSLATE_NOOP("core", "Fill the mask"), QT_TRANSLATE_NOOP("core", "Which words fit the gap? Write [MASK] where the missing word goes."),
         (InputField("text", QT_TRANSLATE_NOOP("core", "Text with [MASK]"), multiline=True),),
         (Example("en", {"text": "Paris is the [MASK] of France."}),
          Example("zh", {"text": "巴黎是法国的[MASK]都。"})),
         ("fill-mask",), "labels", QT_TRANSLATE_NOOP("core", "a masked language model (BERT-style, masked-lm)")),
    Task("search", QT_TRANSLATE_NOOP("core", "Semantic search"), QT_TRANSLATE_NOOP("core", "Rank documents by meaning for a query: every document and the query become "
         "sentence embeddings (the model's own pooling, else the mean over tokens) and are compared by cosine similarity."),
         (InputField("text", QT_TRANSLATE_NOOP("core", "Query")), InputField("documents", QT_TRANSLATE_NOOP("core", "Documents (one per line)"), multiline=True)),
         (Example("en", {"text": "How do I keep my houseplants alive?",
                         "documents": "Water indoor plants once a week and give them bright, indirect light.\n"
                                      "The stock market fell sharply after the interest rate decision.\n"
                                      "Our football team won the match in extra time.\n"
                                      "Bake the bread at 220 degrees for thirty minutes."}),
          Example("zh", {"text": "怎样照顾室内植物？",
                         "documents": "室内植物每周浇一次水，并放在明亮的散射光下。\n股市在利率决定后大幅下跌。\n"
                                      "我们的足球队在加时赛中赢得了比赛。"})),
         ("embed",), "results", QT_TRANSLATE_NOOP("core", "a sentence-embedding encoder (e.g. all-minilm-l6-v2)")),
    Task("chat", QT_TRANSLATE_NOOP("core", "Chat"), QT_TRANSLATE_NOOP("core", "Ask an instruct model a question or give it an instruction (greedy decoding)."),
         (InputField("text", QT_TRANSLATE_NOOP("core", "Message"), multiline=True),),
         (Example("en", {"text": "What is the capital of France?"}),
          Example("zh", {"text": "请用一句话介绍一下长城。"})),
         ("chat",), "text", QT_TRANSLATE_NOOP("core", "a causal language model with a chat template (an instruct model)")),
    Task("generate", QT_TRANSLATE_NOOP("core", "Generate"), QT_TRANSLATE_NOOP("core", "Continue a text with a causal language model (greedy decoding)."),
         (InputField("text", QT_TRANSLATE_NOOP("core", "Beginning of the text"), multiline=True),),
         (Example("en", {"text": "Once upon a time, in a small village by the sea,"}),
          Example("zh", {"text": "从前，在一个海边的小村庄里，"})),
         ("continue",), "text", QT_TRANSLATE_NOOP("core", "a causal language model")),
)}


# ---- inputs and results ----------------------------------------------------------------------------
@dataclass
class TaskInputs:
    text: str = ""
    context: str = ""
    labels: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    source_lang: str = "English"
    target_lang: str = "French"
    max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS


@dataclass
class LabelScore:
    label: str
    score: float


@dataclass
class Span:
    start: int  # character offsets into TaskResult.source
    end: int
    label: str
    score: float
    text: str


@dataclass
class SearchHit:
    document: str
    score: float
    index: int  # position in the documents given


@dataclass
class TaskResult:
    task: str
    model: str
    method: str
    shape: str
    labels: list[LabelScore] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    results: list[SearchHit] = field(default_factory=list)
    text: str = ""
    source: str = ""  # the text spans point into, or the source of a summary/translation
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def prompted(self) -> bool:
        return self.method in PROMPT_METHODS

    @property
    def note(self) -> str:
        return " ".join(self.notes)

    def to_json(self) -> dict:
        out: dict = {"task": self.task, "model": self.model, "method": self.method}
        if self.shape == "labels":
            out["labels"] = [{"label": x.label, "score": round(x.score, 6)} for x in self.labels]
            if self.text:
                out["text"] = self.text
        elif self.shape == "spans":
            out["spans"] = [{"start": s.start, "end": s.end, "label": s.label, "score": round(s.score, 6),
                             "text": s.text} for s in self.spans]
        elif self.shape == "results":
            out["results"] = [{"document": r.document, "score": round(r.score, 6), "index": r.index}
                              for r in self.results]
        else:
            out["text"] = self.text
        out["seconds"] = round(self.seconds, 3)
        if self.notes:
            out["note"] = self.note
        return out


# ---- which models fit --------------------------------------------------------------------------------
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


def get_task(task: Task | str) -> Task:
    if isinstance(task, Task):
        return task
    found = TASKS.get(task)
    if found is None:
        raise WorkbenchError(translate("core", "There is no task called '{task}'.").format(task=task), translate("core", "Choose one of: {names}.").format(names=', '.join(TASKS)))
    return found


# ---- documents for search --------------------------------------------------------------------------
def read_documents(path: Path) -> list[str]:
    """Documents from a file: a table's column named text/document/content/sentence (else the first), or
    plain text with one document per line, read as the Embeddings tab reads texts. Blank ones are skipped."""
    from workbench.core.embeddings import read_texts

    return read_texts(path).texts


def parse_labels(text: str) -> list[str]:
    """Labels typed as 'a, b, c' (Chinese commas too); duplicates dropped, order kept."""
    parts = [p.strip() for p in text.replace("，", ",").replace("、", ",").split(",")]
    return list(dict.fromkeys(p for p in parts if p))


# ---- running ------------------------------------------------------------------------------------------
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


def model_max_tokens(handle) -> int:
    """How many tokens the model reads at once (the tokenizer's limit is often a placeholder)."""
    limits = [n for n in (handle.max_length, getattr(handle.tokenizer, "model_max_length", None))
              if isinstance(n, int) and 0 < n < 1_000_000]
    return min(limits) if limits else 512


def _cap_tokenizer(handle) -> int:
    """Make the tokenizer truncate/chunk at what the model can read; pipelines read this limit."""
    limit = model_max_tokens(handle)
    handle.tokenizer.model_max_length = limit
    return limit


def _no_grad():
    import torch

    return torch.inference_mode()


# classification -----------------------------------------------------------------------------------
def _run_classifier(task, handle, facts, inputs, result, cancel, progress):
    import torch

    limit = _cap_tokenizer(handle)
    tokens = handle.tokenizer(inputs.text, truncation=True, max_length=limit, return_overflowing_tokens=False,
                              return_tensors="pt")
    total = len(handle.tokenizer(inputs.text, add_special_tokens=True)["input_ids"])
    if total > limit:
        result.notes.append(translate("core", "The text is {total} tokens long; only its first {limit} tokens were "
                                              "read.").format(total=total, limit=limit))
    with _no_grad():
        logits = handle.model(**{k: v.to(handle.device) for k, v in tokens.items()}).logits[0].float()
    multi = getattr(handle.config, "problem_type", None) == "multi_label_classification"
    scores = torch.sigmoid(logits) if multi else torch.softmax(logits, dim=-1)
    id2label = handle.config.id2label
    labels = [LabelScore(str(id2label.get(i, f"LABEL_{i}")), float(s)) for i, s in enumerate(scores.tolist())]
    if task.name == "classify" and inputs.labels:
        known = {x.label.lower(): x for x in labels}
        chosen = [known[name.lower()] for name in inputs.labels if name.lower() in known]
        if not chosen:
            raise WorkbenchError(
                translate("core", "{model} is a classifier with its own labels ({labels}); none of the labels typed "
                                  "({typed}) is among them.").format(
                    model=result.model, labels=", ".join(x.label for x in labels), typed=", ".join(inputs.labels)),
                translate("core", "Leave the labels empty to use the model's own, type some of them, or choose a "
                                  "zero-shot NLI or instruct model for labels of your own."))
        if len(chosen) < len(inputs.labels):
            result.notes.append(translate("core", "Only the labels this classifier knows were scored."))
        if not multi:
            total_score = sum(x.score for x in chosen) or 1.0
            chosen = [LabelScore(x.label, x.score / total_score) for x in chosen]
        labels = chosen
    result.labels = sorted(labels, key=lambda x: x.score, reverse=True)


def _run_nli(task, handle, facts, inputs, result, cancel, progress):
    from transformers import pipeline

    if not inputs.labels:
        raise WorkbenchError(translate("core", "Zero-shot classification needs labels to choose from."),
                             translate("core", "Type two or more labels separated by commas (--labels A,B on the "
                                               "command line)."))
    limit = _cap_tokenizer(handle)
    length = len(handle.tokenizer(inputs.text)["input_ids"])
    if length > limit // 2:  # the hypothesis ("This example is LABEL.") shares the window with the text
        result.notes.append(translate("core", "The text is {length} tokens long; it was cut to fit beside each label "
                                              "in the model's {limit}-token window.").format(length=length, limit=limit))
    classifier = pipeline("zero-shot-classification", model=handle.model, tokenizer=handle.tokenizer,
                          device=handle.model.device)
    out = classifier(inputs.text, candidate_labels=inputs.labels, multi_label=False)
    result.labels = [LabelScore(str(label), float(score)) for label, score in zip(out["labels"], out["scores"])]


def chat_prompt_ids(handle, user_message: str, limit_new: int):
    """Token ids of a one-turn chat prompt ending where the assistant's reply begins."""
    tokenizer = handle.tokenizer
    prompt = tokenizer.apply_chat_template([{"role": "user", "content": user_message}], tokenize=False,
                                           add_generation_prompt=True)
    ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    limit = model_max_tokens(handle)
    if len(ids) + limit_new > limit:
        raise WorkbenchError(
            translate("core", "The input is too long for {ref}: the prompt is {n} tokens and the model reads at "
                              "most {limit} tokens, {max_new_tokens} of which are kept for the answer.").format(
                ref=handle.ref, n=len(ids), limit=limit, max_new_tokens=limit_new),
            translate("core", "Shorten the text, or lower the number of new tokens."))
    return ids


def _run_prompt_labels(task, handle, facts, inputs, result, cancel, progress):
    """Zero-shot classification by an instruct model: the log-likelihood of each label as the reply."""
    import torch

    labels = inputs.labels if task.name == "classify" else ["positive", "negative"]
    if not labels:
        raise WorkbenchError(translate("core", "Classification needs labels to choose from."),
                             translate("core", "Type two or more labels separated by commas (--labels A,B on the "
                                               "command line)."))
    question = ("Is the sentiment of the following text positive or negative?" if task.name == "sentiment"
                else f"Classify the following text into one of these categories: {', '.join(labels)}.")
    message = f"{question}\n\nText: {inputs.text}\n\nAnswer with the category only."
    longest = max(len(handle.tokenizer(label, add_special_tokens=False)["input_ids"]) for label in labels)
    prompt_ids = chat_prompt_ids(handle, message, longest)
    log_likelihoods = []
    for n, label in enumerate(labels):
        cancel.raise_if_cancelled()
        progress(Progress(n, len(labels), translate("core", "Scoring label {value} of {n}").format(value=n + 1, n=len(labels))))
        label_ids = handle.tokenizer(label, add_special_tokens=False)["input_ids"]
        ids = torch.tensor([prompt_ids + label_ids], device=handle.model.device)
        with _no_grad():
            logits = handle.model(input_ids=ids).logits[0, len(prompt_ids) - 1:-1].float()
        logprobs = torch.log_softmax(logits, dim=-1)
        log_likelihoods.append(float(logprobs[torch.arange(len(label_ids)), torch.tensor(label_ids)].sum()))
    probs = _softmax(log_likelihoods)
    result.labels = sorted((LabelScore(label, p) for label, p in zip(labels, probs)),
                           key=lambda x: x.score, reverse=True)


def _softmax(values: list[float]) -> list[float]:
    top = max(values)
    exps = [math.exp(v - top) for v in values]
    total = sum(exps)
    return [e / total for e in exps]


# spans ------------------------------------------------------------------------------------------------
def _run_ner(task, handle, facts, inputs, result, cancel, progress):
    from transformers import pipeline

    if not getattr(handle.tokenizer, "is_fast", False):
        raise WorkbenchError(translate("core", "{ref} has a slow (Python) tokenizer, which cannot map entities back "
                                               "to the text.").format(ref=handle.ref), translate("core", "Use a model with a tokenizer.json (a fast tokenizer)."))
    limit = _cap_tokenizer(handle)
    tagger = pipeline("token-classification", model=handle.model, tokenizer=handle.tokenizer,
                      aggregation_strategy="simple", stride=max(0, min(64, limit // 4)), device=handle.model.device)
    text = inputs.text
    result.source = text
    lines = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            lines.append((offset, line))
        offset += len(line)
    for n, (start, line) in enumerate(lines):
        cancel.raise_if_cancelled()
        progress(Progress(n, len(lines), translate("core", "Reading line {value} of {n}").format(value=n + 1, n=len(lines))))
        for entity in tagger(line):
            s, e = int(entity["start"]) + start, int(entity["end"]) + start
            result.spans.append(Span(s, e, str(entity.get("entity_group", entity.get("entity", ""))),
                                     float(entity["score"]), text[s:e]))
    if len(lines) > 1:
        result.notes.append(translate("core", "The text was read line by line ({n} lines).").format(n=len(lines)))


def _run_qa(task, handle, facts, inputs, result, cancel, progress):
    import torch

    tokenizer = handle.tokenizer
    if not getattr(tokenizer, "is_fast", False):
        raise WorkbenchError(translate("core", "{ref} has a slow (Python) tokenizer, which cannot map the answer "
                                               "back to the context.").format(ref=handle.ref), translate("core", "Use a model with a tokenizer.json (a fast tokenizer)."))
    limit = model_max_tokens(handle)
    question, context = inputs.text.strip(), inputs.context
    question_tokens = len(tokenizer(question, add_special_tokens=False)["input_ids"])
    if question_tokens > limit // 2:
        raise WorkbenchError(translate("core", "The question is {question_tokens} tokens long; {ref} reads {limit} "
                                               "tokens at once and needs most of them for the context.").format(question_tokens=question_tokens, ref=handle.ref, limit=limit), translate("core", "Ask a shorter question."))
    stride = min(128, limit // 4)
    enc = tokenizer(question, context, truncation="only_second", max_length=limit,
                    stride=stride, return_overflowing_tokens=True, return_offsets_mapping=True)
    windows = len(enc["input_ids"])
    result.source = context
    candidates: list[tuple[float, int, int]] = []
    for w in range(windows):
        cancel.raise_if_cancelled()
        progress(Progress(w, windows, translate("core", "Reading window {value} of {windows}").format(value=w + 1, windows=windows)))
        ids = torch.tensor([enc["input_ids"][w]], device=handle.model.device)
        extra = {}
        if "token_type_ids" in enc:
            extra["token_type_ids"] = torch.tensor([enc["token_type_ids"][w]], device=handle.model.device)
        with _no_grad():
            out = handle.model(input_ids=ids, attention_mask=torch.ones_like(ids), **extra)
        sequence_ids = enc.sequence_ids(w)
        in_context = torch.tensor([s == 1 for s in sequence_ids])  # sequence 1 is the context
        start_logits = out.start_logits[0].float().masked_fill(~in_context, -1e4)
        end_logits = out.end_logits[0].float().masked_fill(~in_context, -1e4)
        start_p, end_p = torch.softmax(start_logits, -1), torch.softmax(end_logits, -1)
        # Joint score of every (start, end) with start <= end and a bounded answer length.
        joint = torch.triu(start_p[:, None] * end_p[None, :])
        joint = torch.tril(joint, diagonal=QA_MAX_ANSWER_TOKENS - 1)
        top = torch.topk(joint.flatten(), k=min(5, joint.numel()))
        offsets = enc["offset_mapping"][w]
        n = joint.shape[0]
        for score, flat in zip(top.values.tolist(), top.indices.tolist()):
            s, e = divmod(flat, n)
            if score <= 0 or not (in_context[s] and in_context[e]):
                continue
            candidates.append((score, offsets[s][0], offsets[e][1]))
    if windows > 1:
        result.notes.append(translate("core", "The context was read in {windows} overlapping windows of {limit} "
                                              "tokens.").format(windows=windows, limit=limit))
    seen = set()
    for score, start, end in sorted(candidates, reverse=True):
        if (start, end) in seen or end <= start:
            continue
        seen.add((start, end))
        result.spans.append(Span(start, end, "answer", score, context[start:end]))
        if len(result.spans) == 3:
            break
    if not result.spans:
        result.notes.append(translate("core", "The model found no answer in the context."))


# text -------------------------------------------------------------------------------------------------
def _stopping(cancel: CancelToken):
    """A StoppingCriteriaList that ends generation as soon as ``cancel`` is set (checked every token)."""
    import torch
    from transformers import StoppingCriteria, StoppingCriteriaList

    class StopOnCancel(StoppingCriteria):
        def __call__(self, input_ids, scores, **kwargs):
            return torch.full((input_ids.shape[0],), cancel.cancelled, dtype=torch.bool, device=input_ids.device)

    return StoppingCriteriaList([StopOnCancel()])


def _generate(handle, ids: list[int], max_new_tokens: int, cancel: CancelToken) -> str:
    import torch

    input_ids = torch.tensor([ids], device=handle.model.device)
    tokenizer = handle.tokenizer
    with _no_grad():
        out = handle.model.generate(input_ids=input_ids, attention_mask=torch.ones_like(input_ids),
                                    max_new_tokens=max_new_tokens, do_sample=False, num_beams=1,
                                    pad_token_id=tokenizer.pad_token_id, stopping_criteria=_stopping(cancel))
    cancel.raise_if_cancelled()
    new = out[0, input_ids.shape[1]:] if not handle.model.config.is_encoder_decoder else out[0]
    return tokenizer.decode(new, skip_special_tokens=True).strip()


def _run_prompt_text(task, handle, facts, inputs, result, cancel, progress):
    if task.name == "summarize":
        message = f"Summarize the following text in one or two sentences.\n\n{inputs.text}"
    else:
        message = (f"Translate the following text from {inputs.source_lang} to {inputs.target_lang}. "
                   f"Reply with the translation only.\n\n{inputs.text}")
    ids = chat_prompt_ids(handle, message, inputs.max_new_tokens)
    result.source = inputs.text
    result.text = _generate(handle, ids, inputs.max_new_tokens, cancel)


def _run_chat(task, handle, facts, inputs, result, cancel, progress):
    ids = chat_prompt_ids(handle, inputs.text, inputs.max_new_tokens)
    result.source = inputs.text
    result.text = _generate(handle, ids, inputs.max_new_tokens, cancel)


def _run_continue(task, handle, facts, inputs, result, cancel, progress):
    ids = handle.tokenizer(inputs.text)["input_ids"]
    limit = model_max_tokens(handle)
    if len(ids) + inputs.max_new_tokens > limit:
        raise WorkbenchError(translate("core", "The text is {n} tokens; {ref} reads at most {limit} tokens, and "
                                               "{max_new_tokens} are kept for the continuation.").format(n=len(ids), ref=handle.ref, limit=limit, max_new_tokens=inputs.max_new_tokens),
                             translate("core", "Shorten the text, or lower the number of new tokens."))
    result.source = inputs.text
    result.text = _generate(handle, ids, inputs.max_new_tokens, cancel)


def _seq2seq_prefix(task, handle, inputs, result) -> str:
    """T5-style checkpoints choose the task by a text prefix; Marian-style ones have one fixed pair."""
    params = getattr(handle.config, "task_specific_params", None) or {}
    if task.name == "summarize":
        return params.get("summarization", {}).get("prefix", "summarize: " if handle.config.model_type == "t5" else "")
    src, tgt = inputs.source_lang, inputs.target_lang
    key = f"translation_{src[:2].lower()}_to_{tgt[:2].lower()}"
    if key in params:
        return params[key].get("prefix", "")
    if handle.config.model_type in ("t5", "mt5", "umt5"):
        return f"translate {src} to {tgt}: "
    result.notes.append(translate("core", "{ref} translates the language pair it was trained on; the pair chosen "
                                          "({src} → {tgt}) only matters for instruct models.").format(ref=handle.ref, src=src, tgt=tgt))
    return ""


def _run_seq2seq(task, handle, facts, inputs, result, cancel, progress):
    limit = _cap_tokenizer(handle)
    text = _seq2seq_prefix(task, handle, inputs, result) + inputs.text
    full = handle.tokenizer(text)["input_ids"]
    if len(full) > limit:
        result.notes.append(translate("core", "The text is {n} tokens long; only its first {limit} tokens were read.").format(n=len(full), limit=limit))
    ids = full[:limit - 1] + full[-1:] if len(full) > limit else full  # keep the end-of-sequence token
    result.source = inputs.text
    result.text = _generate(handle, ids, inputs.max_new_tokens, cancel)


def _run_fill_mask(task, handle, facts, inputs, result, cancel, progress):
    from transformers import pipeline

    mask = handle.tokenizer.mask_token
    if not mask:
        raise WorkbenchError(translate("core", "{ref} has no mask token.").format(ref=handle.ref), translate("core", "Choose a masked language model "
                                                                                   "(BERT-style)."))
    text = inputs.text
    for writing in MASK_WRITINGS:
        text = text.replace(writing, mask)
    count = text.count(mask)
    if count != 1:
        raise WorkbenchError(translate("core", "The text has {count} masks; write exactly one {MASK_WRITINGS} where "
                                               "the missing word goes.").format(count=count, MASK_WRITINGS=MASK_WRITINGS[0]), translate("core", "For example: Paris is the {MASK_WRITINGS} of France.").format(MASK_WRITINGS=MASK_WRITINGS[0]))
    limit = model_max_tokens(handle)
    length = len(handle.tokenizer(text)["input_ids"])
    if length > limit:
        raise WorkbenchError(translate("core", "The text is {length} tokens long; {ref} reads at most {limit}.").format(length=length, ref=handle.ref, limit=limit),
                             translate("core", "Shorten the text around the mask."))
    filler = pipeline("fill-mask", model=handle.model, tokenizer=handle.tokenizer, device=handle.model.device)
    candidates = filler(text, top_k=5)
    result.source = inputs.text
    result.labels = sorted((LabelScore(str(c["token_str"]).strip(), float(c["score"])) for c in candidates),
                           key=lambda x: x.score, reverse=True)
    if candidates:
        result.text = str(max(candidates, key=lambda c: c["score"])["sequence"])


# search -----------------------------------------------------------------------------------------------
def _run_search(task, handle, facts, inputs, result, cancel, progress):
    # The Embeddings tab's vectors (the model's own pooling, else the mean), so both tabs agree.
    from workbench.core.embeddings import embed_texts, unit_rows

    documents = [d.strip() for d in inputs.documents if d.strip()]
    docs = embed_texts(handle, documents, cancel=cancel, progress=progress)
    query = embed_texts(handle, [inputs.text.strip()], cancel=cancel)
    scores = (unit_rows(docs.vectors) @ unit_rows(query.vectors)[0]).tolist()
    order = sorted(range(len(documents)), key=lambda i: scores[i], reverse=True)
    result.source = inputs.text
    result.results = [SearchHit(documents[i], float(scores[i]), i) for i in order]
    cut, limit = docs.truncated, docs.limit
    if cut:
        result.notes.append((translate("core", "1 document was longer than {limit} tokens; only the beginning was "
                                               "compared.") if cut == 1 else
                             translate("core", "{n} documents were longer than {limit} tokens; only the beginning was "
                                               "compared.")).format(n=cut, limit=limit))
    if query.truncated:
        result.notes.append(translate("core", "The query was longer than {limit} tokens; only its beginning was used.").format(limit=limit))


RUNNERS = {
    "classifier": _run_classifier,
    "nli": _run_nli,
    "prompt-labels": _run_prompt_labels,
    "token-classification": _run_ner,
    "qa": _run_qa,
    "seq2seq": _run_seq2seq,
    "prompt-text": _run_prompt_text,
    "fill-mask": _run_fill_mask,
    "embed": _run_search,
    "chat": _run_chat,
    "continue": _run_continue,
}


# ---- examples ----------------------------------------------------------------------------------------
def example_inputs(task: Task | str, language: str = "en", max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS) -> TaskInputs:
    """A task's example as inputs ready to run."""
    task = get_task(task)
    example = next((e for e in task.examples if e.language == language), task.examples[0])
    values = dict(example.values)
    inputs = TaskInputs(text=values.get("text", ""), context=values.get("context", ""),
                        labels=parse_labels(values.get("labels", "")),
                        documents=[d for d in values.get("documents", "").splitlines() if d.strip()],
                        max_new_tokens=max_new_tokens)
    if "source_lang" in values:
        inputs.source_lang, inputs.target_lang = values["source_lang"], values["target_lang"]
    return inputs


# ---- Chinese examples: only for models whose tokenizer can read Chinese ---------------------------------
# A Chinese example is offered only when the model's tokenizer represents Chinese well, measured on the
# Chinese examples themselves:
# - at most ZH_MAX_UNKNOWN of their Chinese characters may be lost to the unknown token (WordPiece and
#   SentencePiece vocabularies without those characters), and
# - at most ZH_MAX_TOKENS_PER_CHAR tokens per character: byte-level BPE never loses a character but a
#   tokenizer trained on little Chinese splits characters into byte pieces (the tiny test GPT-2 2.9,
#   SmolLM2 1.9 tokens per character), while tokenizers trained on Chinese (Qwen, ChatGLM, multilingual
#   models) need about one token per character or less.
ZH_MAX_UNKNOWN = 0.05
ZH_MAX_TOKENS_PER_CHAR = 1.5


@dataclass
class ChineseSupport:
    """How well a tokenizer reads the Chinese examples, and whether to offer them."""

    ok: bool
    unknown_rate: float  # share of the Chinese characters lost to the unknown token
    tokens_per_char: float  # tokens per (non-space) character
    byte_pieces_per_char: float  # tokens carrying only part of a character, per character
    reason: str = ""  # why the Chinese examples are hidden ('' when offered)


def chinese_sample() -> str:
    """The text of every task's Chinese example (what the check measures)."""
    parts = []
    for task in TASKS.values():
        for example in task.examples:
            if example.language == "zh":
                parts += [example.values.get(k, "") for k in ("text", "context", "documents")]
    return "\n".join(p for p in parts if p)


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or "\uf900" <= char <= "\ufaff"


def chinese_support(tokenizer, sample: str | None = None) -> ChineseSupport:
    """Measure ``tokenizer`` on the Chinese examples (see ZH_MAX_UNKNOWN and ZH_MAX_TOKENS_PER_CHAR)."""
    from workbench.core.i18n import translate
    from workbench.core.tokens import display_tokens

    sample = chinese_sample() if sample is None else sample
    chars = [c for c in sample if not c.isspace()]
    hanzi = sum(_is_cjk(c) for c in chars)
    ids = list(tokenizer(sample, add_special_tokens=False)["input_ids"])
    # characters that survive a round trip: an unknown token (even one covering several characters) loses them
    decoded = tokenizer.decode(ids, skip_special_tokens=True)
    kept = sum(_is_cjk(c) for c in decoded)
    unknown = max(0.0, (hanzi - kept) / hanzi) if hanzi else 0.0
    per_char = len(ids) / max(1, len(chars))
    partial = sum(p.partial for p in display_tokens(tokenizer, ids)) / max(1, len(chars))
    reason = ""
    if unknown > ZH_MAX_UNKNOWN:
        reason = translate("core", "Chinese examples are hidden: this model's tokenizer does not know {pct:.0f} % of "
                           "their characters (they become an unknown token).").format(pct=unknown * 100)
    elif per_char > ZH_MAX_TOKENS_PER_CHAR:
        reason = translate("core", "Chinese examples are hidden: this model's tokenizer splits Chinese into {n:.1f} "
                           "tokens per character, many of them byte pieces: a sign it learned little Chinese."
                           ).format(n=per_char)
    return ChineseSupport(not reason, round(unknown, 4), round(per_char, 3), round(partial, 3), reason)


_SUPPORT_CACHE: dict[tuple[str, float], ChineseSupport] = {}


def chinese_support_of(path: str | Path) -> ChineseSupport:
    """``chinese_support`` of the tokenizer in a model folder or .gguf file (read once per file version)."""
    from workbench.core.i18n import translate

    path = Path(path)
    try:
        key = (str(path), path.stat().st_mtime)
    except OSError:
        key = (str(path), 0.0)
    if key in _SUPPORT_CACHE:
        return _SUPPORT_CACHE[key]
    try:
        from transformers import AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        if path.suffix == ".gguf":
            tokenizer = AutoTokenizer.from_pretrained(path.parent, gguf_file=path.name)
        else:
            tokenizer = AutoTokenizer.from_pretrained(path)
        support = chinese_support(tokenizer)
    except Exception as exc:  # noqa: BLE001 - any unreadable tokenizer means: do not offer Chinese
        support = ChineseSupport(False, 0.0, 0.0, 0.0, translate(
            "core", "Chinese examples are hidden: this model's tokenizer could not be read ({error}).").format(
                error=type(exc).__name__))
    _SUPPORT_CACHE[key] = support
    return support


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
