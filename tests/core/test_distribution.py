"""The per-step summary (top-k, normaliser, entropy, rank) against torch's log_softmax in float64."""

import math

import numpy as np
import pytest
import torch

from workbench.core.distribution import as_logits, summarize


def reference(logits: torch.Tensor, k: int):
    t = logits.double()
    log_probs = torch.log_softmax(t, dim=-1)
    probs = log_probs.exp()
    entropy = float(-(probs[probs > 0] * log_probs[probs > 0]).sum()) / math.log(2)
    values, ids = t.topk(k)
    return ids.tolist(), values.tolist(), float(torch.logsumexp(t, -1)), entropy


@pytest.mark.parametrize("size", [7, 512, 32000, 49152, 151936])
def test_the_summary_matches_float64(size):
    generator = torch.Generator().manual_seed(size)
    for scale in (0.5, 3.0, 30.0):  # flat, typical, nearly one-hot
        logits = torch.randn(size, generator=generator) * scale
        k = min(10, size)
        summary = summarize(logits, k)
        ids, values, log_norm, entropy = reference(logits, k)
        assert summary.ids == ids
        assert summary.logits == pytest.approx(values, abs=1e-6)
        assert summary.log_norm == pytest.approx(log_norm, abs=1e-4)
        assert summary.entropy_bits == pytest.approx(entropy, abs=1e-3)
        for token in (ids[0], ids[-1], int(logits.argmin())):
            logit = summary.logit(token, logits)
            assert logit == float(logits[token])
            assert summary.rank(logit, logits) == int((logits > logits[token]).sum()) + 1


def test_ties_come_in_id_order_and_filtered_tokens_have_no_weight():
    logits = torch.full((2048,), -math.inf)
    logits[[900, 5, 1500]] = 2.0
    logits[3] = 1.0
    summary = summarize(logits, 4)
    assert summary.ids == [5, 900, 1500, 3]
    total = 3 * math.exp(2.0) + math.exp(1.0)
    assert summary.log_norm == pytest.approx(math.log(total), abs=1e-5)
    p_top, p_last = 3 * math.exp(2.0) / total, math.exp(1.0) / total
    assert summary.entropy_bits == pytest.approx(-(p_top * math.log2(p_top / 3) + p_last * math.log2(p_last)), abs=1e-5)


def test_numpy_logits_are_viewed_and_any_dtype_becomes_float32():
    array = np.arange(100, dtype=np.float32)
    assert np.shares_memory(as_logits(array).numpy(), array)  # llama.cpp's buffer: read, not copied
    for tensor in (torch.randn(100).bfloat16(), torch.randn(100).half()):
        assert as_logits(tensor).dtype == torch.float32
