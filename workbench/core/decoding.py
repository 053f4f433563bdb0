"""What every engine's generation shares: sampling settings, prompts, token events and results.

Engine-neutral: the transformers loop (``engines/transformers_engine.py``) and the llama.cpp engine
(``engines/llamacpp.py``) both report tokens through a ``TokenTap``, which turns a chosen token and
its step's distribution into a ``TokenEvent`` and builds the final ``GenerationResult``.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Callable

from workbench.core.dataclass_json import JsonDataclass
from workbench.core.distribution import StepSummary, as_logits, summarize
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.jobs import CancelToken, Event, WorkbenchError
from workbench.core.tokens import TokenDisplay, TokenStream, token_json


# ---- settings -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Range:
    """The allowed values of one sampling control, with a plain-words explanation (UI and CLI share it)."""

    low: float
    high: float
    help: str
    step: float = 1.0
    decimals: int = 0


RANGES: dict[str, Range] = {
    "temperature": Range(0.01, 5.0, QT_TRANSLATE_NOOP("core", "How adventurous sampling is. Below 1 sharpens the distribution towards the "
                         "likeliest tokens; above 1 flattens it so unlikely tokens are picked more often."), 0.05, 2),
    "top_k": Range(0, 1000, QT_TRANSLATE_NOOP("core", "Sample only among the K likeliest tokens. 0 turns this filter off.")),
    "top_p": Range(0.0, 1.0, QT_TRANSLATE_NOOP("core", "Nucleus sampling: keep the smallest set of likeliest tokens whose probabilities add up "
                   "to P. 1 turns this filter off."), 0.01, 2),
    "min_p": Range(0.0, 1.0, QT_TRANSLATE_NOOP("core", "Drop tokens less likely than min_p times the likeliest token's probability. "
                   "0 turns this filter off."), 0.01, 2),
    "typical_p": Range(0.0, 1.0, QT_TRANSLATE_NOOP("core", "Typical sampling: keep tokens whose surprise is close to the average surprise, "
                       "up to a total probability of P. 1 turns this filter off."), 0.01, 2),
    "repetition_penalty": Range(0.5, 3.0, QT_TRANSLATE_NOOP("core", "Make tokens that already appeared less likely (above 1) or more "
                                "likely (below 1). 1 changes nothing."), 0.05, 2),
    "no_repeat_ngram_size": Range(0, 20, QT_TRANSLATE_NOOP("core", "Never repeat any run of this many tokens. 0 turns this off.")),
    "num_beams": Range(1, 8, QT_TRANSLATE_NOOP("core", "Beam search keeps this many candidate continuations and returns the best. 1 is "
                       "ordinary decoding; more beams are slower and stream only at the end.")),
    "max_new_tokens": Range(1, 4096, QT_TRANSLATE_NOOP("core", "The most tokens to generate.")),
    "seed": Range(0, 2**31 - 1, QT_TRANSLATE_NOOP("core", "The random seed: the same seed and settings give the same text.")),
    "top_probs": Range(0, 50, QT_TRANSLATE_NOOP("core", "How many alternative tokens to record for each generated token. 0 records none "
                       "(slightly faster).")),
}


class SettingError(WorkbenchError):
    """A sampling value out of its range; ``name`` is the setting's field name."""

    def __init__(self, name: str, message: str, hint: str = ""):
        super().__init__(message, hint)
        self.name = name


@dataclass
class SamplingSettings(JsonDataclass):
    """Everything that decides which tokens are generated. ``validate()`` checks each value's range."""

    greedy: bool = False
    temperature: float = 0.7
    top_k: int = 50
    top_p: float = 0.95
    min_p: float = 0.0
    typical_p: float = 1.0
    repetition_penalty: float = 1.0
    no_repeat_ngram_size: int = 0
    num_beams: int = 1
    max_new_tokens: int = 128
    stop: list[str] = field(default_factory=list)
    seed: int | None = None  # None: a fresh random seed, reported back so the run can be repeated
    top_probs: int = 10

    def validate(self) -> "SamplingSettings":
        for name, rng in RANGES.items():
            value = getattr(self, name)
            if value is None and name == "seed":
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
                raise SettingError(
                    name, translate("core", "{name} must be a number, not {value!r}.").format(
                        name=name.replace("_", " "), value=value),
                    translate("core", "Use a value from {low} to {high}.").format(
                        low=_fmt(rng.low), high=_fmt(rng.high)))
            if rng.decimals == 0 and not float(value).is_integer():
                raise SettingError(
                    name, translate("core", "{name} must be a whole number, not {value}.").format(
                        name=name.replace("_", " "), value=value),
                    translate("core", "Use a whole number from {low} to {high}.").format(
                        low=_fmt(rng.low), high=_fmt(rng.high)))
            if not rng.low <= value <= rng.high:
                raise SettingError(
                    name, translate("core", "{name} = {value} is out of range.").format(
                        name=name.replace("_", " "), value=_fmt(value)),
                    translate("core", "Use a value from {low} to {high}. {help}").format(
                        low=_fmt(rng.low), high=_fmt(rng.high), help=translate("core", rng.help)))
        if not isinstance(self.stop, list) or not all(isinstance(s, str) for s in self.stop):
            raise SettingError("stop", translate("core", "Stop strings must be a list of texts."))
        if any(s == "" for s in self.stop):
            raise SettingError("stop", translate("core", "A stop string is empty."),
                               translate("core", "Remove the empty stop string."))
        return self

    def generate_kwargs(self) -> dict:
        """The keyword arguments that make ``model.generate`` decode exactly like this."""
        kwargs: dict = {"max_new_tokens": int(self.max_new_tokens), "num_beams": int(self.num_beams),
                        "repetition_penalty": float(self.repetition_penalty),
                        "no_repeat_ngram_size": int(self.no_repeat_ngram_size), "do_sample": not self.greedy}
        if not self.greedy:
            kwargs.update(temperature=float(self.temperature), top_k=int(self.top_k), top_p=float(self.top_p),
                          min_p=float(self.min_p) or None, typical_p=float(self.typical_p))
        return kwargs


def _fmt(value: float) -> str:
    return f"{value:g}"


PRESETS: dict[str, SamplingSettings] = {
    QT_TRANSLATE_NOOP("core", "Greedy"): SamplingSettings(greedy=True),
    QT_TRANSLATE_NOOP("core", "Balanced"): SamplingSettings(temperature=0.7, top_k=50, top_p=0.95),
    QT_TRANSLATE_NOOP("core", "Creative"): SamplingSettings(temperature=1.1, top_k=0, top_p=0.98, min_p=0.02, repetition_penalty=1.05),
    QT_TRANSLATE_NOOP("core", "Precise"): SamplingSettings(temperature=0.3, top_k=20, top_p=0.8, repetition_penalty=1.1),
}


# ---- events and results --------------------------------------------------------------------
@dataclass
class Alternative:
    id: int
    text: str  # as TokenEvent.text
    prob: float  # the model's probability, before the sampling filters
    prob_after: float | None  # the probability actually sampled from, after the filters (None: not known)
    piece: TokenDisplay | None = None  # what it would show as (characters completed, bytes), see core.tokens


@dataclass
class TokenEvent(Event):
    """One generated token with what the model thought of it."""

    index: int  # position among the generated tokens, from 0
    id: int
    text: str  # exactly tokenizer.decode([id]) (a server's own token text on the remote engine)
    logprob: float | None  # natural log of the model's probability of this token
    prob: float | None
    prob_after: float | None
    rank: int | None  # 1 = the model's likeliest token
    entropy_bits: float | None  # uncertainty of the model's distribution at this step
    alternatives: list[Alternative]
    text_so_far: str  # the whole generated text after this token, special tokens left out
    elapsed_s: float
    piece: TokenDisplay | None = None  # the characters this token completes and its bytes, see core.tokens
    # speculative decoding: "accepted" (proposed and kept), "rejected" (the model's own token where a
    # proposal was turned down; ``drafted`` is that proposal) or "normal" (no proposal at this position)
    mark: str = "normal"
    drafted: int | None = None


@dataclass
class GenerationResult:
    prompt_ids: list[int]
    ids: list[int]
    text: str
    tokens: list[TokenEvent]
    tokens_per_s: float
    ttft_s: float
    total_s: float
    finish_reason: str  # "eos" | "length" | "stop" | "cancelled"
    seed: int | None
    settings: SamplingSettings
    notes: list[str] = field(default_factory=list)
    speculation: dict | None = None  # speculative decoding's settings and figures (SpeculationStats.to_json)
    constraint: dict | None = None  # the output format's report (Constraint.report)

    def to_json(self) -> dict:
        marks = self.speculation is not None
        extra = {key: value for key, value in (("speculation", self.speculation), ("constraint", self.constraint))
                 if value is not None}
        return {
            "text": self.text,
            "tokens": [{"id": t.id, "text": t.text, **_piece_json(t.piece), "logprob": t.logprob,
                        **({"mark": t.mark, "drafted": t.drafted} if marks else {}),
                        "top": [{"id": a.id, "text": a.text, **_piece_json(a.piece), "prob": a.prob,
                                 "prob_after": a.prob_after} for a in t.alternatives]} for t in self.tokens],
            **extra,
            "tokens_per_s": self.tokens_per_s,
            "ttft_s": self.ttft_s,
            "finish_reason": self.finish_reason,
            "seed": self.seed,
            "prompt_tokens": len(self.prompt_ids),
            "notes": self.notes,
        }


def _piece_json(piece: TokenDisplay | None) -> dict:
    return token_json(piece) if piece is not None else {}


# ---- prompts --------------------------------------------------------------------------------
@dataclass
class Message:
    role: str  # "system" | "user" | "assistant"
    content: str


def completion_ids(tokenizer, prompt: str) -> list[int]:
    if prompt == "" and tokenizer.bos_token_id is not None:
        return [tokenizer.bos_token_id]  # nothing at all: start from the start token (models trained from scratch)
    if not prompt.strip():
        raise WorkbenchError(translate("core", "The prompt is empty."),
                             translate("core", "Type some text for the model to continue."))
    return list(tokenizer(prompt)["input_ids"])


def chat_ids(tokenizer, messages: list[Message], model_name: str = "this model") -> list[int]:
    """Token ids of a conversation through the tokenizer's chat template.

    If the last message is the assistant's, the model continues it; otherwise a new assistant turn starts.
    """
    if not getattr(tokenizer, "chat_template", None):
        raise WorkbenchError(
            translate("core", "{model} has no chat template, so a conversation cannot be formatted for it.").format(
                model=model_name),
            translate("core", "Use completion mode (without --chat) and write the prompt as plain text, "
                              "or pick a chat/instruct model."))
    turns = [m for m in messages if m.role != "system"]
    if not turns or not any(m.content.strip() for m in turns):
        raise WorkbenchError(translate("core", "The conversation is empty."),
                             translate("core", "Type a message for the model to answer."))
    continue_final = turns[-1].role == "assistant"
    try:
        text = tokenizer.apply_chat_template([{"role": m.role, "content": m.content} for m in messages],
                                             tokenize=False, add_generation_prompt=not continue_final,
                                             continue_final_message=continue_final)
    except Exception as exc:  # templates are user-provided Jinja: any error is the template's
        raise WorkbenchError(
            translate("core", "The chat template of {model} failed on this conversation: {error}").format(
                model=model_name, error=exc),
            translate("core", "Some templates reject a system message or two turns by the same role; "
                              "try without the system prompt, or use completion mode.")) from exc
    return list(tokenizer(text, add_special_tokens=False)["input_ids"])


def check_prompt(handle, prompt_ids: list[int], settings: SamplingSettings) -> list[str]:
    """Refuse prompts the model cannot take; return notes about adjusted settings."""
    notes: list[str] = []
    limit = handle.max_length
    if not prompt_ids:
        raise WorkbenchError(translate("core", "The prompt is empty."),
                             translate("core", "Type some text for the model to continue."))
    if limit and len(prompt_ids) >= limit:
        raise WorkbenchError(
            translate("core", "The prompt has {count} tokens but {name} reads at most {limit}.").format(
                count=len(prompt_ids), name=handle.name, limit=limit),
            translate("core", "Shorten the prompt (or the conversation) so there is room for the answer."))
    if limit and len(prompt_ids) + settings.max_new_tokens > limit:
        room = limit - len(prompt_ids)
        notes.append(translate("core", "Only {room} new tokens fit in the context window of {limit}; max new tokens "
                                       "lowered from {requested}.").format(
            room=room, limit=limit, requested=settings.max_new_tokens))
    return notes


def stop_strings_in_prompt(tokenizer, prompt_ids: list[int], stops: list[str]) -> list[str]:
    if not stops:
        return []
    text = tokenizer.decode(prompt_ids)
    return [s for s in stops if s in text]


# ---- decoding -------------------------------------------------------------------------------
class TokenTap:
    """Watches ``model.generate`` without changing it: raw logits, filtered scores, each chosen token."""

    def __init__(self, tokenizer, prompt_tail: list[int], prefix_ids: list[int], settings: SamplingSettings,
                 cancel: CancelToken, on_token: Callable[[TokenEvent], None], start: float):
        self.tokenizer = tokenizer
        self.prefix_ids = list(prefix_ids)  # already part of the answer (a branch continues after them)
        self.prefix_text = tokenizer.decode(self.prefix_ids, skip_special_tokens=True) if prefix_ids else ""
        self.top = int(settings.top_probs)
        self.stops = list(settings.stop)
        self.cancel = cancel
        self.on_token = on_token
        self.start = start
        self.raw = None  # raw logits of the newest position, a float32 tensor
        self.scores = None  # scores after every filter, float32
        self.filters_change_nothing = False  # no processor or warper ran before the tap: scores == raw
        self.before: StepSummary | None = None  # summary of raw
        self.after: StepSummary | None = None  # summary of scores (None when filters change nothing)
        self.tokens: list[TokenEvent] = []
        self.text = self.prefix_text
        # decoding context: the end of the prompt, then the answer so far
        self.ids = list(prompt_tail) + self.prefix_ids
        self.stream = TokenStream(tokenizer, prefix_ids=self.ids)  # characters split across tokens
        self.prefix_offset, self.read_offset = max(0, len(self.ids) - 5), len(self.ids)
        self.first_token_at: float | None = None
        self.last_token_at: float | None = None
        self.stopped_by: str = ""
        self._verdicts = None  # the criterion's answers (go on, stop), made once

    # Both taps summarise their distribution at once, while it is still in the cache: the same
    # work costs several times more after the sampler and the stopping criteria have run.

    # forward hook on the output layer
    def hook(self, _module, _inputs, output) -> None:
        self.raw = as_logits(output[0, -1])
        self.before = summarize(self.raw, self.top)

    # logits processor, after every processor and warper (see _append_processor_last)
    def __call__(self, input_ids, scores):
        if not self.filters_change_nothing:
            self.scores = scores[0]
            self.after = summarize(self.scores, self.top, entropy=False)
        return scores

    # stopping criterion: runs right after each token is chosen
    def criterion(self, input_ids, scores, **kwargs):
        import torch

        token_id = int(input_ids[0, -1])
        self.emit(token_id)
        stop = self.cancel.cancelled or self.hit_stop_string()
        if self.cancel.cancelled:
            self.stopped_by = "cancelled"
        elif stop:
            self.stopped_by = "stop"
        if self._verdicts is None or self._verdicts[0].shape[0] != input_ids.shape[0]:
            self._verdicts = [torch.full((input_ids.shape[0],), v, dtype=torch.bool, device=input_ids.device)
                              for v in (False, True)]
        return self._verdicts[stop]

    def emit(self, token_id: int, raw=None) -> None:
        """Report a chosen token; ``raw``: its step's logits, when the taps did not see them."""
        now = self._clock()
        if raw is None:  # from the taps
            event = self._event(token_id, self.raw, self.before, self.scores, self.after, now)
        else:
            logits = as_logits(raw)
            before = summarize(logits, self.top) if self.top else None
            event = self._event(token_id, logits, before, None, None, now)
        self._report(event)

    def emit_summarized(self, token_id: int, before: StepSummary | None, token_logit: float | None,
                        rank: int | None) -> None:
        """Report a token whose step was summarised elsewhere (an engine's own process): ``before`` is
        the step's top-k, ``token_logit`` and ``rank`` the chosen token's own."""
        now = self._clock()
        self._report(self._event(token_id, None, before, None, None, now, known=(token_logit, rank)))

    def _clock(self) -> float:
        now = time.perf_counter()
        if self.first_token_at is None:
            self.first_token_at = now
        self.last_token_at = now
        return now

    def _report(self, event: TokenEvent) -> None:
        self.tokens.append(event)
        self.on_token(event)

    def _event(self, token_id: int, logits, before: StepSummary | None, filtered, after: StepSummary | None,
               now: float, known: tuple[float, int] | None = None) -> TokenEvent:
        """``logits``/``before``: the model's distribution; ``filtered``/``after``: what was sampled
        from, when a processor or warper changed it (both None when unknown); ``known``: the token's
        logit and rank when they were computed with ``before`` (then ``logits`` is not needed)."""
        self._extend_text(token_id)
        logprob = prob = prob_after = rank = entropy = None
        alternatives: list[Alternative] = []
        if self.top and before is not None:
            token_logit = known[0] if known else before.logit(token_id, logits)
            logprob = token_logit - before.log_norm
            prob = math.exp(logprob)
            entropy, rank = before.entropy_bits, known[1] if known else before.rank(token_logit, logits)
            candidates = list(before.ids)
            before_probs = before.probs()
            if self.filters_change_nothing:  # no processor or warper ran: sampled from the model's own distribution
                prob_after, after_probs = prob, before_probs
            elif after is None:
                after_probs = [None] * len(candidates)
            else:
                extra = [i for i in after.ids if i not in candidates]
                candidates += extra
                before_probs += [math.exp(v - before.log_norm) for v in logits[extra].tolist()] if extra else []
                prob_after = math.exp(after.logit(token_id, filtered) - after.log_norm)
                after_probs = [math.exp(v - after.log_norm) for v in filtered[candidates].tolist()]
            pieces = self.stream.peek_many(candidates)
            alternatives = [Alternative(i, p.text, b, a, p)
                            for i, b, a, p in zip(candidates, before_probs, after_probs, pieces)]
            alternatives.sort(key=lambda a: (-(a.prob_after or 0.0), -a.prob))
        shown = self.stream.push(token_id)
        return TokenEvent(len(self.prefix_ids) + len(self.tokens), token_id, shown.text, logprob, prob, prob_after, rank,
                          entropy, alternatives, self.text, now - self.start, shown)

    def _extend_text(self, token_id: int) -> None:
        """Add the token's text, decoding only a short window (decoding everything each step is O(n²)).

        The window's text with and without the new token differ by exactly the new text, even for
        tokenizers that drop a leading space at the start of a decode; an unfinished multi-byte
        character (U+FFFD at the end) is held back until a later token completes it.
        """
        self.ids.append(token_id)
        before = self.tokenizer.decode(self.ids[self.prefix_offset:self.read_offset], skip_special_tokens=True)
        after = self.tokenizer.decode(self.ids[self.prefix_offset:], skip_special_tokens=True)
        if len(after) > len(before) and not after.endswith("\ufffd"):
            self.text += after[len(before):]
            self.prefix_offset, self.read_offset = self.read_offset, len(self.ids)

    def hit_stop_string(self) -> bool:
        new_text = self.text[len(self.prefix_text):]
        return any(s in new_text for s in self.stops)



def finish_result(tokenizer, tap, answer_prompt: list[int], prefix_ids: list[int], new_ids: list[int], finish: str,
                  start: float, end: float, seed, run_settings: SamplingSettings, notes: list[str]) -> GenerationResult:
    """The result every engine returns: the text cut at a stop string, first-token time and decode rate."""
    ids = prefix_ids + new_ids
    text = tokenizer.decode(ids, skip_special_tokens=True)
    if finish == "stop":
        start_at = len(tokenizer.decode(prefix_ids, skip_special_tokens=True)) if prefix_ids else 0
        cut = min((text.find(s, start_at) for s in run_settings.stop if s in text[start_at:]), default=-1)
        text = text[:cut] if cut >= 0 else text
    n = len(new_ids)
    ttft = (tap.first_token_at or end) - start
    decode_s = (tap.last_token_at or end) - (tap.first_token_at or start)
    rate = (n - 1) / decode_s if n > 1 and decode_s > 0 else (n / (end - start) if end > start else 0.0)
    return GenerationResult(prompt_ids=answer_prompt, ids=ids, text=text, tokens=tap.tokens,
                            tokens_per_s=round(rate, 2), ttft_s=round(ttft, 4), total_s=round(end - start, 4),
                            finish_reason=finish, seed=seed, settings=run_settings, notes=notes)


def eos_ids(handle) -> set[int]:
    """The ids that end a generation: the model's generation config's and its config's end-of-sequence ids."""
    ids: set[int] = set()
    for source in (handle.model.generation_config, handle.config):
        eos = getattr(source, "eos_token_id", None)
        ids.update(eos if isinstance(eos, list) else [eos] if eos is not None else [])
    return ids


def plan_run(handle, context_len: int, answer_prompt: list[int], settings: SamplingSettings,
             notes: list[str]) -> SamplingSettings:
    """The settings a run uses: new tokens capped by the model's context, a drawn seed when sampling without one;
    a stop string already in the prompt is noted (only new text is checked for it)."""
    import random
    from dataclasses import replace

    max_new = settings.max_new_tokens
    if handle.max_length:
        max_new = min(max_new, handle.max_length - context_len)
    in_prompt = stop_strings_in_prompt(handle.tokenizer, answer_prompt, settings.stop)
    if in_prompt:
        notes.append(translate("core", "The stop string {stops} already occurs in the prompt; only newly generated "
                                       "text is checked, so it does not end generation there.").format(
            stops=", ".join(repr(s) for s in in_prompt)))
    seed = settings.seed
    if not settings.greedy and seed is None:
        seed = random.randrange(2**31 - 1)
    return replace(settings, max_new_tokens=max_new, seed=seed)
