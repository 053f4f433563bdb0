"""Tasks as data: what each task asks for (fields, examples), the methods that can run it, and the
shapes of its inputs and results."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.jobs import WorkbenchError

DEFAULT_MAX_NEW_TOKENS = 96
# Offered in the Tasks tab's language pickers (any name can be typed there and on the command line).
LANGUAGES = ("English", "French", "German", "Spanish", "Italian", "Portuguese", "Chinese", "Japanese", "Russian")


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



def get_task(task: Task | str) -> Task:
    if isinstance(task, Task):
        return task
    found = TASKS.get(task)
    if found is None:
        raise WorkbenchError(translate("core", "There is no task called '{task}'.").format(task=task), translate("core", "Choose one of: {names}.").format(names=', '.join(TASKS)))
    return found


def parse_labels(text: str) -> list[str]:
    """Labels typed as 'a, b, c' (Chinese commas too); duplicates dropped, order kept."""
    parts = [p.strip() for p in text.replace("，", ",").replace("、", ",").split(",")]
    return list(dict.fromkeys(p for p in parts if p))


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
