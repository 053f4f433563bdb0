"""One decoding step's distribution: the k likeliest tokens, the softmax's log normaliser and the entropy.

This runs once per generated token, right after the model's decode, and every call shows in
tokens/s (llama.cpp decodes a token in ~7 ms on a laptop CPU). Measured inside the decode loop,
each first call after a forward pass pays for code and data the forward evicted from the caches,
so what counts is the number of calls, not the passes they make: three over the vocabulary
(top-k, softmax, a dot product for the entropy) in torch, whose code the forward has just run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

_LOG2 = math.log(2)


def as_logits(values):
    """A step's logits as a 1-D float32 tensor (a numpy array, e.g. llama.cpp's, is viewed, not copied)."""
    import torch

    if not isinstance(values, torch.Tensor):
        values = torch.from_numpy(values)
    return values.float()  # no copy when it already is float32


@dataclass
class StepSummary:
    ids: list[int]  # the k likeliest tokens, likeliest first (ties: lower id first)
    logits: list[float]  # their logits, in the same order
    log_norm: float  # log of the softmax's denominator: log p(token) = logit - log_norm
    entropy_bits: float | None

    def probs(self) -> list[float]:
        return [math.exp(v - self.log_norm) for v in self.logits]

    def logit(self, token_id: int, all_logits) -> float:
        try:
            return self.logits[self.ids.index(token_id)]
        except ValueError:
            return float(all_logits[token_id])

    def rank(self, logit: float, all_logits) -> int:
        """1 + how many tokens have a larger logit (the top-k hold every logit above the k-th)."""
        if self.logits and logit >= self.logits[-1]:
            return sum(v > logit for v in self.logits) + 1
        return int((all_logits > logit).sum()) + 1


def summarize(logits, k: int, entropy: bool = True) -> StepSummary:
    """``logits``: a 1-D float32 tensor (``-inf`` allowed where a filter removed a token)."""
    import torch

    k = max(1, min(k, logits.shape[0]))
    values, ids = logits.topk(k)
    probs = torch.softmax(logits, 0)
    ranked = sorted(zip((-values).tolist(), ids.tolist()))
    top_logit, top_id = -ranked[0][0], ranked[0][1]
    log_norm = top_logit - math.log(float(probs[top_id]))
    bits = None
    if entropy:  # H = -sum p (logit - log_norm) = log_norm - sum p * logit
        mean_logit = float(torch.dot(probs, logits))
        if math.isnan(mean_logit):  # a -inf logit: 0 * -inf; leave those tokens out
            finite = probs > 0
            mean_logit = float(torch.dot(probs[finite], logits[finite]))
        bits = (log_norm - mean_logit) / _LOG2
    return StepSummary([i for _, i in ranked], [-v for v, _ in ranked], log_norm, bits)
