"""Perplexity: exp of the mean negative log-likelihood of every token after the first, token by token.

A text longer than the window is scored in overlapping windows (the transformers perplexity recipe,
https://huggingface.co/docs/transformers/perplexity): each window of ``window`` tokens starts
``stride`` tokens after the previous one and scores only the tokens the previous window did not, so
every token after the first is scored exactly once, with up to ``window - stride`` tokens of context
carried over. A text within one window is one forward pass, identical to ``model(ids, labels=ids)``.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

from workbench.core.i18n import translate
from workbench.core.inspect.common import check_length, float32_model, load_for, model_sizes, token_labels
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress

DEFAULT_WINDOW = 1024


@dataclass
class ScoredToken:
    id: int
    text: str
    logprob: float | None  # natural log; None for the first token (nothing predicts it)

    @property
    def surprisal_bits(self) -> float | None:
        return None if self.logprob is None else -self.logprob / math.log(2)


@dataclass
class PerplexityResult:
    model: str
    perplexity: float
    tokens: list[ScoredToken]
    window: int
    stride: int
    windows: int = 1
    seconds: float = 0.0
    compare: "PerplexityResult | None" = None
    notes: list[str] = field(default_factory=list)

    @property
    def mean_nll(self) -> float:
        return math.log(self.perplexity)

    def most_surprising(self, n: int = 10) -> list[tuple[int, ScoredToken]]:
        scored = [(i, t) for i, t in enumerate(self.tokens) if t.logprob is not None]
        return sorted(scored, key=lambda it: it[1].logprob)[:n]

    def differences(self) -> list[float | None] | None:
        """Per token, the compared model's log-probability minus this one's (None: tokenizations differ)."""
        other = self.compare
        if other is None or [t.id for t in other.tokens] != [t.id for t in self.tokens]:
            return None
        return [None if a.logprob is None or b.logprob is None else b.logprob - a.logprob
                for a, b in zip(self.tokens, other.tokens)]

    def to_json(self, with_compare: bool = True) -> dict:
        data = {"perplexity": self.perplexity,
                "tokens": [{"id": t.id, "text": t.text, "logprob": t.logprob} for t in self.tokens],
                "window": self.window, "stride": self.stride}
        if with_compare:
            data["compare"] = None if self.compare is None else {
                "model": self.compare.model, "perplexity": self.compare.perplexity,
                "tokens": [{"id": t.id, "text": t.text, "logprob": t.logprob} for t in self.compare.tokens]}
        return data


def window_plan(n: int, window: int, stride: int) -> list[tuple[int, int, int]]:
    """(begin, end, first scored position) of each window, as in the transformers recipe."""
    plan, previous_end = [], 0
    for begin in range(0, n, stride):
        end = min(begin + window, n)
        plan.append((begin, end, max(previous_end, begin + 1)))
        previous_end = end
        if end == n:
            break
    return plan


def choose_window(handle, window: int | None, stride: int | None) -> tuple[int, int]:
    limit = handle.max_length or DEFAULT_WINDOW
    window = int(window or min(limit, DEFAULT_WINDOW))
    if window < 2 or window > limit:
        raise WorkbenchError(translate("core", "The window must be 2 to {limit} tokens (got {window}).").format(
            limit=limit, window=window), translate("core", "{model} reads at most {limit} tokens.").format(
            model=handle.name, limit=limit))
    stride = int(stride or max(1, window // 2))
    if not 1 <= stride <= window:
        raise WorkbenchError(translate("core", "The stride must be 1 to {window} tokens (got {stride}).").format(
            window=window, stride=stride), translate("core", "A stride of half the window is a good default."))
    return window, stride


def perplexity(handle, ids: list[int], window: int | None = None, stride: int | None = None, service=None,
               cancel: CancelToken = NEVER_CANCELLED, progress: ProgressCallback = no_progress) -> PerplexityResult:
    """Score every token of ``ids`` after the first; windows of ``window`` tokens every ``stride`` tokens."""
    import torch

    if len(ids) < 2:
        raise WorkbenchError(translate("core", "The text has {n} token; perplexity needs at least 2.").format(n=len(ids)),
                             translate("core", "Use a longer text."))
    if handle.kind != "causal-lm":
        raise WorkbenchError(translate("core", "Perplexity needs a causal language model; {model} is loaded as "
                                       "{kind}.").format(model=handle.name, kind=handle.kind),
                             translate("core", "Choose a causal language model."))
    window, stride = choose_window(handle, window, stride)
    layers, hidden, vocab = model_sizes(handle.model)
    # one window at a time: its logits and log-softmax, and its activations
    check_length(handle, min(len(ids), window), translate("core", "A window"), vocab * 4 * 2 + hidden * 4 * 8)
    started = time.perf_counter()
    plan = window_plan(len(ids), window, stride)
    logprobs: list[float | None] = [None] * len(ids)
    with float32_model(service, handle) as model:
        device = next(model.parameters()).device
        all_ids = torch.tensor(ids, device=device)
        for n, (begin, end, first) in enumerate(plan):
            cancel.raise_if_cancelled()
            progress(Progress(n, len(plan), translate("core", "Window {n} of {count}").format(n=n + 1, count=len(plan)),
                              "windows"))
            with torch.inference_mode():
                chunk = all_ids[begin:end]
                logits = model(input_ids=chunk[None], use_cache=False).logits[0, first - begin - 1:end - begin - 1]
                scored = -torch.nn.functional.cross_entropy(logits.float(), all_ids[first:end], reduction="none")
            logprobs[first:end] = scored.tolist()
        progress(Progress(len(plan), len(plan), translate("core", "Done"), "windows"))
    values = [lp for lp in logprobs[1:]]
    mean_nll = -sum(values) / len(values)
    labels = token_labels(handle.tokenizer, ids)
    tokens = [ScoredToken(int(i), label, lp) for i, label, lp in zip(ids, labels, logprobs)]
    return PerplexityResult(handle.name, math.exp(mean_nll), tokens, window, stride, len(plan),
                            time.perf_counter() - started)


def read_text(text: str | None = None, file: str | None = None) -> str:
    """The text to score, from ``text`` or a text file (say plainly what is wrong)."""
    if file:
        from workbench.core.textfile import read_text as read_file

        text = read_file(file, empty_hint=translate("core", "Paste some text or open a file.")).text
    if not text or not text.strip():
        raise WorkbenchError(translate("core", "The text is empty."), translate("core", "Paste some text or open a file."))
    return text


def score_text(service, ref: str, text: str, window: int | None = None, stride: int | None = None,
               cancel: CancelToken = NEVER_CANCELLED, progress: ProgressCallback = no_progress) -> PerplexityResult:
    handle = load_for(service, ref, ("causal-lm",), translate("core", "perplexity"), cancel, progress)
    if not text or not text.strip():
        raise WorkbenchError(translate("core", "The text is empty."), translate("core", "Paste some text or open a file."))
    ids = list(handle.tokenizer(text)["input_ids"])
    return perplexity(handle, ids, window, stride, service=service, cancel=cancel, progress=progress)


def compare_models(service, ref: str, text: str, compare: str | None = None, window: int | None = None,
                   stride: int | None = None, cancel: CancelToken = NEVER_CANCELLED,
                   progress: ProgressCallback = no_progress) -> PerplexityResult:
    """Perplexity of ``text`` under ``ref`` (and ``compare``, one model in memory at a time)."""
    first = score_text(service, ref, text, window, stride, cancel, progress)
    if compare:
        first.compare = score_text(service, compare, text, window, stride, cancel, progress)
        if first.differences() is None:
            first.notes.append(translate("core", "The two models split the text into different tokens, so "
                                         "only the totals compare."))
    return first
