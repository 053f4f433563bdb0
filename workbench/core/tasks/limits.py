"""How much a model reads at once: the cap its pipelines read, and a one-turn chat prompt that leaves room for
the answer."""

from __future__ import annotations

from workbench.core.embeddings.sentences import model_max_tokens
from workbench.core.i18n import translate
from workbench.core.jobs import WorkbenchError


def cap_tokenizer(handle) -> int:
    """Make the tokenizer truncate/chunk at what the model can read; pipelines read this limit."""
    limit = model_max_tokens(handle)
    handle.tokenizer.model_max_length = limit
    return limit


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
