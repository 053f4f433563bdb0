"""Tasks: semantic search and prompting through ``run_task`` against the bare transformers calls they wrap.

search: rank N documents with the starter encoder (documents/s), baseline: the same batched forward
passes and mean pooling written directly. chat: a greedy reply through the task (with the cancel check
every token), baseline: ``model.generate`` on the same prompt and token budget.
"""

from __future__ import annotations

import time

SEARCH_MODEL = "all-minilm-l6-v2"
CHAT_MODEL = "smollm2-135m-instruct"


def _documents(n: int) -> list[str]:
    topics = ("plants need water and light", "the market fell after the rate decision", "the team won in extra time",
              "bake the bread until golden", "the train leaves at nine")
    return [f"Note {i}: {topics[i % len(topics)]}, entry number {i}." for i in range(n)]


def _bare_search(handle, documents: list[str], query: str) -> None:
    import torch

    vectors = []
    for start in range(0, len(documents) + 1, 16):
        batch = (documents + [query])[start:start + 16]
        enc = handle.tokenizer(batch, padding=True, truncation=True, max_length=256, return_tensors="pt")
        with torch.inference_mode():
            hidden = handle.model(**enc).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).float()
        vectors.append(torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1))
    matrix = torch.cat(vectors)
    (matrix[:-1] @ matrix[-1]).argsort(descending=True)


def run(args) -> dict:
    from workbench.core.service import ModelService
    from workbench.core.tasks import TaskInputs, chat_prompt_ids, run_task

    quick = getattr(args, "quick", False)
    service = ModelService.from_settings()
    out: dict = {}

    docs = _documents(64 if quick else 512)
    query = "Which entries are about houseplants?"
    search_model = getattr(args, "model", None) or SEARCH_MODEL
    run_task(service, "search", search_model, TaskInputs(text=query, documents=docs[:16]))  # load and warm up
    handle = service.load(search_model, kind="encoder")
    t0 = time.perf_counter()
    run_task(service, "search", search_model, TaskInputs(text=query, documents=docs))
    task_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    _bare_search(handle, docs, query)
    bare_s = time.perf_counter() - t0
    out.update(search_documents=len(docs), search_docs_per_s=round(len(docs) / task_s, 1),
               search_baseline_docs_per_s=round(len(docs) / bare_s, 1), search_ratio=round(task_s / bare_s, 2))

    if not quick:
        import torch

        inputs = TaskInputs(text="What is the capital of France?", max_new_tokens=32)
        result = run_task(service, "chat", CHAT_MODEL, inputs)  # load, convert once, warm up
        handle = service.load(CHAT_MODEL, kind="causal-lm")
        t0 = time.perf_counter()
        result = run_task(service, "chat", CHAT_MODEL, inputs)
        task_s = time.perf_counter() - t0
        ids = torch.tensor([chat_prompt_ids(handle, inputs.text, inputs.max_new_tokens)])
        t0 = time.perf_counter()
        with torch.inference_mode():
            handle.model.generate(input_ids=ids, attention_mask=torch.ones_like(ids), max_new_tokens=32,
                                  do_sample=False, pad_token_id=handle.tokenizer.pad_token_id)
        bare_s = time.perf_counter() - t0
        out.update(chat_seconds=round(task_s, 3), chat_baseline_seconds=round(bare_s, 3),
                   chat_ratio=round(task_s / bare_s, 2), chat_reply=result.text)
    service.unload()
    return out
