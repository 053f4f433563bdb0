"""The transformers engine: generation with every sampling control, streamed one token at a time with its probabilities.

The decoding itself is transformers' own ``model.generate``: its logits processors, warpers and
sampling run unchanged, so greedy and seeded sampling give exactly the ids ``model.generate`` gives.
Two small taps ride along and change nothing:

- a forward hook on the output layer keeps the raw logits of the newest position (the model's own
  distribution, before any sampling filter);
- a logits processor placed after every processor and warper keeps the scores after every filter
  (what is actually sampled from);
- a stopping criterion sees each new token as soon as it is chosen: it builds the token's event
  (piece, probability, rank, entropy, top-k alternatives before and after the filters), reports it,
  and stops on a stop string or when the user cancels (so Stop takes effect within one token).

Beam search (``num_beams > 1``) chooses tokens only at the end, so its tokens are reported after
the search, with the model's probabilities from one extra forward pass and no "after filters" values.
"""

from __future__ import annotations

import time
from typing import Callable

from workbench.core.decoding import (GenerationResult, SamplingSettings, TokenTap, check_prompt, eos_ids,
                                     finish_result, plan_run)
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Event


def generate(handle, prompt_ids: list[int], settings: SamplingSettings, cancel: CancelToken = NEVER_CANCELLED,
             progress: Callable[[Event], None] | None = None, prefix_ids: list[int] | None = None,
             speculation=None, output_format=None, draft=None) -> GenerationResult:
    """``workbench.core.generation.generate`` on a transformers model (see there)."""
    if (speculation is not None and speculation.on) or (output_format is not None and not output_format.free):
        from workbench.core.engines import guided  # our own loop: proposals and masks to watch

        return guided.generate(handle, prompt_ids, settings, cancel, progress, prefix_ids, speculation,
                               output_format, draft)
    prefix_ids = list(prefix_ids or [])
    import torch
    from transformers import StoppingCriteria, StoppingCriteriaList

    class TapCriterion(StoppingCriteria):
        def __call__(self, input_ids, scores, **kwargs):
            return tap.criterion(input_ids, scores)

    settings.validate()
    answer_prompt = list(prompt_ids)
    prompt_ids = answer_prompt + prefix_ids
    notes = check_prompt(handle, prompt_ids, settings)
    run_settings = plan_run(handle, len(prompt_ids), answer_prompt, settings, notes)
    max_new, seed = run_settings.max_new_tokens, run_settings.seed
    emit = progress or (lambda _e: None)
    model, tokenizer = handle.model, handle.tokenizer
    start = time.perf_counter()
    tap = TokenTap(tokenizer, answer_prompt[-5:], prefix_ids, run_settings, cancel, emit, start)
    device = getattr(model, "device", "cpu")
    input_ids = torch.tensor([prompt_ids], dtype=torch.long, device=device)
    kwargs = run_settings.generate_kwargs()
    kwargs.update(attention_mask=torch.ones_like(input_ids), pad_token_id=_pad_id(handle))
    beams = run_settings.num_beams > 1
    hook = None
    cancel.raise_if_cancelled()
    if seed is not None:
        torch.manual_seed(seed)
    try:
        with torch.inference_mode():
            if beams:
                output = model.generate(input_ids, **kwargs)
            else:
                if run_settings.top_probs:
                    hook = model.get_output_embeddings().register_forward_hook(tap.hook)
                    _append_processor_last(model, tap)
                output = model.generate(input_ids, stopping_criteria=StoppingCriteriaList([TapCriterion()]), **kwargs)
            if beams:
                _report_beam_tokens(model, output[0].tolist(), len(prompt_ids), tap)
    finally:
        if hook is not None:
            hook.remove()
            vars(model).pop("_get_logits_processor", None)
    end = time.perf_counter()
    new_ids = output[0, len(prompt_ids):].tolist()
    finish = tap.stopped_by or _finish_reason(handle, new_ids, max_new)
    return finish_result(tokenizer, tap, answer_prompt, prefix_ids, new_ids, finish, start, end, seed,
                         run_settings, notes)



def _append_processor_last(model, tap: TokenTap) -> None:
    """Put ``tap`` after every processor and warper that ``generate`` builds for this call.

    A ``logits_processor`` passed to ``generate`` runs before the warpers (temperature, top-k, top-p,
    ...), but the "after the filters" probabilities must be what is actually sampled from. The
    model's lock is held, so this per-call wrapper on the instance is seen by this call only.
    """
    from transformers import LogitsProcessorList

    build = model._get_logits_processor

    def build_with_tap(*args, **kwargs):
        processors = build(*args, **kwargs)
        tap.filters_change_nothing = len(processors) == 0
        return LogitsProcessorList([*processors, tap])

    model._get_logits_processor = build_with_tap


def _pad_id(handle) -> int | None:
    tok = handle.tokenizer
    if tok.pad_token_id is not None:
        return tok.pad_token_id
    eos = getattr(handle.model.generation_config, "eos_token_id", None)
    return eos[0] if isinstance(eos, list) else eos


def _finish_reason(handle, ids: list[int], max_new: int) -> str:
    if ids and ids[-1] in eos_ids(handle):
        return "eos"
    return "length" if len(ids) >= max_new else "eos"


def _report_beam_tokens(model, sequence: list[int], prompt_len: int, tap: TokenTap) -> None:
    """Beam search picks its tokens at the end: report them with the model's probabilities from one pass."""
    import torch

    if len(sequence) <= prompt_len:
        return
    logits = None
    if tap.top:
        ids = torch.tensor([sequence], device=getattr(model, "device", "cpu"))
        logits = model(input_ids=ids).logits[0].float()
    for pos in range(prompt_len, len(sequence)):
        raw = logits[pos - 1] if logits is not None else None
        tap.emit(sequence[pos], raw=raw)
