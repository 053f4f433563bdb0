"""Logit lens and integrated gradients on the real starter model (SmolLM2-135M-Instruct)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.starter


def test_smollm2_lens_matches_logits_and_ig_is_complete(smollm2, service):
    import torch

    from workbench.core.inspect.attribution import attribute, target_ids
    from workbench.core.inspect.lens import logit_lens

    handle = service.load(str(smollm2))
    ids = list(handle.tokenizer("The capital of France is Paris. The capital of Italy is")["input_ids"])
    lens = logit_lens(handle, ids, top_k=1, service=service)
    with torch.inference_mode():
        logits = handle.model(torch.tensor([ids])).logits[0]
    assert lens.layers == 30
    assert [r[0].id for r in lens.predictions[-1]] == logits.argmax(-1).tolist()
    rome = target_ids(handle.tokenizer, " Rome")[:1]
    result = attribute(handle, ids, rome, service=service)
    target = result.targets[0]
    with torch.inference_mode():
        assert target.target_logprob == pytest.approx(float(torch.log_softmax(logits[-1], -1)[rome[0]]), abs=1e-4)
    assert target.target_logprob > -3  # the model knows it
    # Completeness is what the convergence delta reports; on SmolLM2 the zero-embedding baseline sits next to an
    # abrupt region (RMSNorm of near-zero inputs), so 64 steps may miss it: then the result says so.
    difference = target.target_logprob - target.baseline_logprob
    assert sum(target.scores) - difference == pytest.approx(target.convergence_delta, abs=1e-2 * (1 + abs(difference)))
    assert target.incomplete == bool(result.notes)
