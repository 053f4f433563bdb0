"""Tasks whose answer is text: a summary or translation by a sequence-to-sequence model or a prompted instruct
model, a chat reply, a continuation (greedy decoding that Stop ends within a token)."""

from __future__ import annotations

from workbench.core.embeddings.sentences import model_max_tokens
from workbench.core.i18n import translate
from workbench.core.jobs import CancelToken, WorkbenchError
from workbench.core.tasks.limits import cap_tokenizer, chat_prompt_ids


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
    with torch.inference_mode():
        out = handle.model.generate(input_ids=input_ids, attention_mask=torch.ones_like(input_ids),
                                    max_new_tokens=max_new_tokens, do_sample=False, num_beams=1,
                                    pad_token_id=tokenizer.pad_token_id, stopping_criteria=_stopping(cancel))
    cancel.raise_if_cancelled()
    new = out[0, input_ids.shape[1]:] if not handle.model.config.is_encoder_decoder else out[0]
    return tokenizer.decode(new, skip_special_tokens=True).strip()


def run_prompt_text(task, handle, facts, inputs, result, cancel, progress):
    if task.name == "summarize":
        message = f"Summarize the following text in one or two sentences.\n\n{inputs.text}"
    else:
        message = (f"Translate the following text from {inputs.source_lang} to {inputs.target_lang}. "
                   f"Reply with the translation only.\n\n{inputs.text}")
    ids = chat_prompt_ids(handle, message, inputs.max_new_tokens)
    result.source = inputs.text
    result.text = _generate(handle, ids, inputs.max_new_tokens, cancel)


def run_chat(task, handle, facts, inputs, result, cancel, progress):
    ids = chat_prompt_ids(handle, inputs.text, inputs.max_new_tokens)
    result.source = inputs.text
    result.text = _generate(handle, ids, inputs.max_new_tokens, cancel)


def run_continue(task, handle, facts, inputs, result, cancel, progress):
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


def run_seq2seq(task, handle, facts, inputs, result, cancel, progress):
    limit = cap_tokenizer(handle)
    text = _seq2seq_prefix(task, handle, inputs, result) + inputs.text
    full = handle.tokenizer(text)["input_ids"]
    if len(full) > limit:
        result.notes.append(translate("core", "The text is {n} tokens long; only its first {limit} tokens were read.").format(n=len(full), limit=limit))
    ids = full[:limit - 1] + full[-1:] if len(full) > limit else full  # keep the end-of-sequence token
    result.source = inputs.text
    result.text = _generate(handle, ids, inputs.max_new_tokens, cancel)
