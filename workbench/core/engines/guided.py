"""Our own decoding loop on a transformers model, for what ``model.generate`` does not let us watch:
speculative decoding (``core/speculative.py``: which proposed tokens the model kept) and constrained
output (``core/constrain.py``: which tokens the grammar forbade at each step).

Each pass feeds the tokens the KV cache has not seen plus the proposal, and reads the model's logits at
every proposed position; a rejection rolls the cache back (``DynamicCache.crop(-n)``, transformers 5:
a negative count removes that many positions). At each position the sampling filters are
transformers' own logits processors and warpers, in ``model.generate``'s order, then the format's
mask; the target distribution is that result. Every token is reported as a ``TokenEvent`` marked
``accepted`` (proposed and kept), ``rejected`` (the model's own token where a proposal was turned
down) or ``normal``.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import replace
from typing import Callable

from workbench.core.constrain import Constraint, OutputFormat
from workbench.core.decoding import (GenerationResult, SamplingSettings, TokenTap, check_prompt, eos_ids,
                                     finish_result, plan_run)
from workbench.core.distribution import summarize
from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Event, WorkbenchError
from workbench.core.speculative import Speculation, SpeculationStats, accept, lookup, same_tokenizer


def processors_for(settings: SamplingSettings):
    """transformers' processors and warpers for these settings, in the order ``model.generate`` applies
    them, as two lists: the penalties, then the warpers (the format's mask goes between them, where
    ``model.generate`` puts a caller's processors, so the filters choose among the allowed tokens)."""
    from transformers import LogitsProcessorList
    from transformers.generation.logits_process import (MinPLogitsWarper, NoRepeatNGramLogitsProcessor,
                                                        RepetitionPenaltyLogitsProcessor, TemperatureLogitsWarper,
                                                        TopKLogitsWarper, TopPLogitsWarper, TypicalLogitsWarper)

    penalties, out = [], []
    if settings.repetition_penalty != 1.0:
        penalties.append(RepetitionPenaltyLogitsProcessor(penalty=float(settings.repetition_penalty)))
    if settings.no_repeat_ngram_size:
        penalties.append(NoRepeatNGramLogitsProcessor(int(settings.no_repeat_ngram_size)))
    if not settings.greedy:
        if settings.temperature != 1.0:
            out.append(TemperatureLogitsWarper(float(settings.temperature)))
        if settings.top_k:
            out.append(TopKLogitsWarper(top_k=int(settings.top_k)))
        if settings.top_p < 1.0:
            out.append(TopPLogitsWarper(top_p=float(settings.top_p)))
        if settings.min_p:
            out.append(MinPLogitsWarper(min_p=float(settings.min_p)))
        if settings.typical_p < 1.0:
            out.append(TypicalLogitsWarper(mass=float(settings.typical_p)))
    return LogitsProcessorList(penalties), LogitsProcessorList(out)


class _Draft:
    """A draft model run ahead of the target, with its own KV cache kept in step with the context."""

    def __init__(self, model, settings: SamplingSettings, generator):
        from transformers import DynamicCache, LogitsProcessorList

        self.model = model
        self.settings = settings
        penalties, warpers = processors_for(settings)
        self.processors = LogitsProcessorList([*penalties, *warpers])
        self.generator = generator
        self.cache = DynamicCache(config=model.config)
        self.seen: list[int] = []  # the ids whose keys and values are in the cache

    def propose(self, context: list[int], k: int):
        """Up to ``k`` tokens and the distribution each was drawn from (None for greedy)."""
        import torch

        common = 0
        for a, b in zip(self.seen, context):
            if a != b:
                break
            common += 1
        common = min(common, len(context) - 1)  # at least the last token is fed, for its logits
        if len(self.seen) > common:
            self.cache.crop(common - len(self.seen))
            self.seen = self.seen[:common]
        device = self.model.device
        feed = context[common:]
        ids, dists = list(context), []
        for _ in range(k):
            out = self.model(input_ids=torch.tensor([feed], device=device), **{_cache_arg(self.model): self.cache},
                             use_cache=True, logits_to_keep=1)
            self.seen += feed
            scores = out.logits[0, -1].float()
            if self.processors:
                scores = self.processors(torch.tensor([ids], device=device), scores[None])[0]
            if self.settings.greedy:
                token, q = int(scores.argmax()), None
            else:
                q = torch.softmax(scores, -1).cpu()
                token = int(torch.multinomial(q, 1, generator=self.generator))
            ids.append(token)
            dists.append(q)
            feed = [token]
        return ids[len(context):], dists


def generate(handle, prompt_ids: list[int], settings: SamplingSettings, cancel: CancelToken = NEVER_CANCELLED,
             progress: Callable[[Event], None] | None = None, prefix_ids: list[int] | None = None,
             speculation: Speculation | None = None, output_format: OutputFormat | None = None,
             draft=None) -> GenerationResult:
    """Generate with speculation and/or an output format (``draft``: the draft model, for mode "draft")."""
    import torch
    from transformers import DynamicCache

    speculation = (speculation or Speculation()).validate()
    output_format = output_format or OutputFormat()
    settings.validate()
    model, tokenizer = handle.model, handle.tokenizer
    prefix_ids = list(prefix_ids or [])
    answer_prompt = list(prompt_ids)
    context = answer_prompt + prefix_ids
    notes = check_prompt(handle, context, settings)
    if settings.num_beams > 1:
        notes.append(translate("core", "Speculative decoding and output formats decode one sequence: beams are "
                                       "not used."))
    constraint = None if output_format.free else Constraint(output_format, tokenizer)
    if constraint is not None and prefix_ids:
        for token in prefix_ids:  # a branch: the chosen tokens must fit the format too
            constraint.advance(token)
    if speculation.mode == "draft":
        if draft is None:
            raise WorkbenchError(translate("core", "The draft model is not loaded."),
                                 translate("core", "Choose the draft model again."))
        if not same_tokenizer(draft.tokenizer, tokenizer):
            raise WorkbenchError(
                translate("core", "The draft model {draft} does not use the tokenizer of {name}.").format(
                    draft=draft.name, name=handle.name),
                translate("core", "A draft model must share the model's vocabulary: pick a smaller model of the "
                                  "same family."))
    run_settings = replace(plan_run(handle, len(context), answer_prompt, settings, notes), num_beams=1)
    max_new, seed = run_settings.max_new_tokens, run_settings.seed
    emit = progress or (lambda _e: None)

    eos = eos_ids(handle)
    start = time.perf_counter()
    tap = TokenTap(tokenizer, answer_prompt[-5:], prefix_ids, run_settings, cancel, emit, start)
    penalties, warpers = processors_for(run_settings)
    filtered = bool(penalties) or bool(warpers) or constraint is not None
    tap.filters_change_nothing = not filtered
    generator = torch.Generator().manual_seed(seed if seed is not None else 0)
    proposer = None
    if speculation.mode == "draft":
        proposer = _Draft(draft.model, run_settings, generator)
    device = getattr(model, "device", "cpu")
    cache = DynamicCache(config=model.config)
    cache_arg = _cache_arg(model)
    stats = SpeculationStats()
    ids = list(context)  # everything the model has read or will read
    pending = list(context)  # not yet in the cache
    new_ids: list[int] = []
    finish = "length"
    k = speculation.tokens
    plain_steps: list[float] = []
    emit_s = 0.0  # time spent building token events, added to a calibrated plain step
    decode_start = None
    cancel.raise_if_cancelled()
    with torch.inference_mode(), (draft.lock if proposer is not None else contextlib.nullcontext()):
        while finish == "length" and len(new_ids) < max_new:
            step_start = time.perf_counter()
            room = max_new - len(new_ids)
            proposal, dists = [], []
            if speculation.on and room > 0 and (constraint is None or not constraint.finished):
                if proposer is None:
                    proposal = lookup(ids, min(k, room))
                else:
                    proposal, dists = proposer.propose(ids, min(k, room))
            out = model(input_ids=torch.tensor([pending + proposal], device=device), **{cache_arg: cache},
                        use_cache=True, logits_to_keep=len(proposal) + 1)
            logits = out.logits[0].float()
            stats.passes += 1
            stats.proposed += len(proposal)
            kept = 0
            for i in range(len(proposal) + 1):
                raw = logits[i]
                scores = raw
                seen = torch.tensor([ids + proposal[:i]], device=device) if penalties or warpers else None
                if penalties:
                    scores = penalties(seen, raw[None].clone())[0]
                if constraint is not None:
                    scores = constraint.mask(raw, scores)
                if warpers:
                    scores = warpers(seen, scores[None].clone())[0]
                drafted = proposal[i] if i < len(proposal) else None
                if run_settings.greedy:
                    best = int(scores.argmax())
                    ok, token = best == drafted, best
                else:
                    p = torch.softmax(scores, -1).cpu()
                    if drafted is None:
                        ok, token = False, int(torch.multinomial(p, 1, generator=generator))
                    else:
                        ok, token = accept(p, drafted, dists[i] if dists else None, generator)
                        token = drafted if ok else token
                mark = "accepted" if ok else ("rejected" if drafted is not None else "normal")
                if constraint is not None:
                    constraint.advance(token)
                emit_start = time.perf_counter()
                _emit(tap, token, raw, scores, mark, None if ok else drafted, filtered)
                emit_s += time.perf_counter() - emit_start
                if decode_start is None:
                    decode_start = time.perf_counter()
                new_ids.append(token)
                ids.append(token)
                kept += ok
                finish = _stopped(tap, cancel, token, eos)
                if not ok or finish != "length" or len(new_ids) >= max_new:
                    break
            stats.accepted += kept
            # the cache holds pending + proposal; keep pending + the kept proposals, the last token is fed next
            extra = len(proposal) - kept
            if extra:
                cache.crop(-extra)
            pending = [new_ids[-1]]
            if proposal:
                k = min(speculation.tokens, k + 2) if kept == len(proposal) else max(1, k - 1)
            elif stats.passes > 1:
                plain_steps.append(time.perf_counter() - step_start)
            stats.tokens = len(new_ids)
            elapsed = time.perf_counter() - (decode_start or step_start)
            stats.tok_s = (len(new_ids) - 1) / elapsed if len(new_ids) > 1 and elapsed > 0 else 0.0
            if speculation.on:
                if len(plain_steps) < 3 and len(new_ids) > 1 and (finish != "length" or len(new_ids) >= max_new):
                    overhead = emit_s / max(1, len(new_ids))
                    plain_steps += [t + overhead for t in
                                    _plain_step_times(model, cache, pending, device, 3 - len(plain_steps))]
                stats.plain_step_s = sorted(plain_steps)[len(plain_steps) // 2] if plain_steps else None
                emit(stats)
    end = time.perf_counter()
    if constraint is not None and not constraint.complete and finish in ("length", "eos"):
        notes.append(translate("core", "The answer ended before the {format} was complete: allow more new tokens.")
                     .format(format=output_format.describe()))
    result = finish_result(tokenizer, tap, answer_prompt, prefix_ids, new_ids, finish, start, end, seed,
                           run_settings, notes)
    result.speculation = {**speculation.to_json(), **stats.to_json()} if speculation.on else None
    result.constraint = constraint.report() if constraint is not None else None
    return result


def _emit(tap: TokenTap, token: int, raw, scores, mark: str, drafted: int | None, filtered: bool) -> None:
    now = tap._clock()
    before = summarize(raw, tap.top) if tap.top else None
    after = summarize(scores, tap.top, entropy=False) if tap.top and filtered else None
    event = tap._event(token, raw, before, scores if after is not None else None, after, now)
    event.mark = mark
    event.drafted = drafted
    tap._report(event)


def _stopped(tap: TokenTap, cancel: CancelToken, token: int, eos: set[int]) -> str:
    """How generation ended after this token ("length": it goes on, up to max new tokens)."""
    if token in eos:
        return "eos"
    if cancel.cancelled:
        return "cancelled"
    if tap.hit_stop_string():
        return "stop"
    return "length"


def _plain_step_times(model, cache, pending: list[int], device, n: int) -> list[float]:
    """How long a one-token pass takes here, when the run had too few of its own to say (the cache is
    put back afterwards)."""
    import torch

    times = []
    for _ in range(n):
        start = time.perf_counter()
        model(input_ids=torch.tensor([pending], device=device), **{_cache_arg(model): cache}, use_cache=True,
              logits_to_keep=1)
        cache.crop(-len(pending))
        times.append(time.perf_counter() - start)
    return times


def _cache_arg(model) -> str:
    """The forward's name for the KV cache: ``cache`` from transformers 5.25 (``past_key_values`` before,
    and still in some models)."""
    import inspect

    return "cache" if "cache" in inspect.signature(model.forward).parameters else "past_key_values"
