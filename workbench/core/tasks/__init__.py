"""Task demos as data: what each task asks for, which models fit it, how it runs, what it returns.

A task runs one of several *methods* depending on the model chosen: a dedicated model through its
head (a classifier, a token classifier, a QA head, a seq2seq model, a masked LM, an encoder for
embeddings) or, when the model is an instruct/chat model, by prompting it. The result says which
method ran and, when prompting stood in for a dedicated model, carries a note saying so.

Everything here is plain Python over ``ModelService``; models run inside ``service.use(handle)``.

The package: ``registry`` (the tasks, their inputs and results), ``facts`` (which models fit, which method
runs), ``limits`` (how much a model reads, chat prompts), one module per family of runners: ``classify``
(labels), ``extract`` (entities, answers), ``generate`` (summaries, translations, chat, continuation),
``search`` (semantic search with the Embeddings code, documents from a file); ``running`` (``run_task``) and
``chinese`` (whether a tokenizer reads the Chinese examples).
"""

from workbench.core.tasks.registry import (
    DEFAULT_MAX_NEW_TOKENS, LANGUAGES, METHODS, PROMPT_METHODS, TASKS, Example, InputField, LabelScore, SearchHit,
    Span, Task, TaskInputs, TaskResult, example_inputs, get_task, parse_labels,
)
from workbench.core.tasks.facts import (
    NLI_ENTAILMENT, ModelFacts, choose_method, facts_from_entry, facts_from_folder, method_fits, suggested_task,
    tasks_for,
)
from workbench.core.tasks.limits import cap_tokenizer, chat_prompt_ids
from workbench.core.tasks.classify import MASK_WRITINGS
from workbench.core.tasks.extract import QA_MAX_ANSWER_TOKENS
from workbench.core.tasks.search import read_documents
from workbench.core.tasks.running import RUNNERS, run_example, run_task
from workbench.core.tasks.chinese import (
    ZH_MAX_TOKENS_PER_CHAR, ZH_MAX_UNKNOWN, ChineseSupport, chinese_sample, chinese_support, chinese_support_of,
)

__all__ = [
    "DEFAULT_MAX_NEW_TOKENS", "LANGUAGES", "METHODS", "PROMPT_METHODS", "TASKS", "Example", "InputField",
    "LabelScore", "SearchHit", "Span", "Task", "TaskInputs", "TaskResult", "example_inputs", "get_task",
    "parse_labels", "NLI_ENTAILMENT", "ModelFacts", "choose_method", "facts_from_entry", "facts_from_folder",
    "method_fits", "suggested_task", "tasks_for", "cap_tokenizer", "chat_prompt_ids", "MASK_WRITINGS",
    "QA_MAX_ANSWER_TOKENS", "read_documents", "RUNNERS", "run_example", "run_task", "ZH_MAX_TOKENS_PER_CHAR",
    "ZH_MAX_UNKNOWN", "ChineseSupport", "chinese_sample", "chinese_support", "chinese_support_of",
]
