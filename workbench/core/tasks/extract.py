"""Tasks whose answer is spans of the text: named entities (line by line, in overlapping windows) and extractive
question answering (the best start/end pairs over overlapping windows of the context)."""

from __future__ import annotations

from workbench.core.embeddings.sentences import model_max_tokens
from workbench.core.i18n import translate
from workbench.core.jobs import Progress, WorkbenchError
from workbench.core.tasks.limits import cap_tokenizer
from workbench.core.tasks.registry import Span

QA_MAX_ANSWER_TOKENS = 30


def run_ner(task, handle, facts, inputs, result, cancel, progress):
    from transformers import pipeline

    if not getattr(handle.tokenizer, "is_fast", False):
        raise WorkbenchError(translate("core", "{ref} has a slow (Python) tokenizer, which cannot map entities back "
                                               "to the text.").format(ref=handle.ref), translate("core", "Use a model with a tokenizer.json (a fast tokenizer)."))
    limit = cap_tokenizer(handle)
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


def run_qa(task, handle, facts, inputs, result, cancel, progress):
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
        with torch.inference_mode():
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
